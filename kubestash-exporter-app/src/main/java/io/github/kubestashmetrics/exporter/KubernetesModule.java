package io.github.kubestashmetrics.exporter;

import dagger.Module;
import dagger.Provides;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
      try {
        clientConfig = Config.fromKubeconfig(Files.readString(config.kubeconfig().get()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read kubeconfig " + config.kubeconfig().get(), e);
      }
    } else {
      // fabric8's auto-configuration: in-cluster service account first, then ~/.kube/config.
      clientConfig = Config.autoConfigure(null);
    }
    return new KubernetesClientBuilder().withConfig(clientConfig).build();
  }
}
