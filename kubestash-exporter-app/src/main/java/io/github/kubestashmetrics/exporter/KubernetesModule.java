package io.github.kubestashmetrics.exporter;

import dagger.Module;
import dagger.Provides;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.inject.Singleton;

/**
 * The fabric8 client: explicit URL, else explicit kubeconfig, else in-cluster or ~/.kube/config.
 */
@Module
interface KubernetesModule {

  @Provides
  @Singleton
  static KubernetesClient client(ExporterConfig config) {
    Config clientConfig;
    if (config.masterUrl().isPresent()) {
      clientConfig =
          new ConfigBuilder(Config.empty())
              .withMasterUrl(config.masterUrl().get())
              .withTrustCerts(true)
              .build();
    } else if (config.kubeconfig().isPresent()) {
      clientConfig = kubeconfig(config.kubeconfig().get());
    } else {
      // fabric8's auto-configuration: in-cluster service account first, then ~/.kube/config.
      clientConfig = Config.autoConfigure(null);
    }
    // The JDK's HTTP client, not fabric8's default Vert.x one: with Vert.x 4 a watch whose server
    // closes the WebSocket right after the upgrade (a real API server's 410 Gone: one ERROR event,
    // then the end) can leave the watch's start future never completed — fabric8's
    // VertxWebSocket.init throws "WebSocket is closed" inside the connect callback — and the
    // informer then never watches again. Seen in CI and reproduced (GoneOnWatch, ApiFaultsIT).
    return new KubernetesClientBuilder()
        .withConfig(clientConfig)
        .withHttpClientFactory(new JdkHttpClientFactory())
        .build();
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    return message.lines().findFirst().orElse(message).strip();
  }

  private static Config kubeconfig(Path file) {
    String advice =
        "; give a readable kubeconfig file, or leave --kubeconfig out to use the in-cluster"
            + " service account or ~/.kube/config";
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new UsageProblem("--kubeconfig " + file + ": no such file" + advice, e);
    } catch (IOException e) {
      throw new UsageProblem("--kubeconfig " + file + ": cannot read it (" + e + ")" + advice, e);
    }
    try {
      return Config.fromKubeconfig(text);
    } catch (RuntimeException e) {
      throw new UsageProblem(
          "--kubeconfig " + file + ": not a usable kubeconfig (" + firstLine(e) + ")" + advice, e);
    }
  }
}
