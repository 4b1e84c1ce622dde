package io.github.kubestashmetrics.exporter;

import static io.github.kubestashmetrics.exporter.ExporterUnderTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.kubestashmetrics.metrics.BuiltInConfigurations;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import io.github.kubestashmetrics.testkit.ExpositionParser;
import io.github.kubestashmetrics.testkit.KubeStashFixtures;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import io.github.kubestashmetrics.testkit.Series;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart cannot drift from the exporter's flags: for each mode, the production jar is started
 * with exactly the container arguments and environment the chart renders (read from the rendered
 * Deployment or StatefulSet), against the testkit's mock API, and must become ready and serve. The
 * pod's surroundings are emulated, nothing else is changed: the ports become free loopback ports,
 * the ConfigMap of mode path is written where its volume is mounted, {@code POD_NAME} comes from
 * the StatefulSet's name, and a kubeconfig stands in for the in-cluster service account.
 *
 * <p>Only flags this build has are exercised; the secure-serving and webhook values render {@code
 * --web-config-file}, {@code --auth}, {@code --admission} and {@code --admission-mode}, which issue
 * 20 adds.
 */
class HelmRenderedArgsIT {

  @RegisterExtension final KubeStashMockServer api = new KubeStashMockServer();

  @TempDir Path dir;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process exporter;
  private Path log;

  @AfterEach
  void stop() throws Exception {
    if (exporter != null) {
      exporter.destroy();
      if (!exporter.waitFor(30, TimeUnit.SECONDS)) {
        exporter.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  static Stream<Arguments> modes() {
    Map<String, Object> existing =
        ChartValueSets.values(
            "mode", "path",
            "metricsConfig.existingConfigMap", "my-configurations",
            "metricsConfig.interval", "2s");
    Map<String, Object> tuned =
        ChartValueSets.values(
            "ports.metrics",
            9090,
            "ports.telemetry",
            -1,
            "logLevel",
            "debug",
            "extraArgs",
            List.of("--max-concurrent-scrapes=8"));
    return Stream.of(
        Arguments.of("builtin", ChartValueSets.values(), "core_kubestash_com_backupsession_"),
        Arguments.of(
            "builtin, scoped",
            ChartValueSets.values(
                "scope.namespaces", List.of("demo"),
                "scope.labelSelector", "tier!=test",
                "scope.kinds", List.of("BackupSession")),
            "core_kubestash_com_backupsession_"),
        Arguments.of("builtin, ports, log level", tuned, "core_kubestash_com_backupsession_"),
        Arguments.of(
            "cluster",
            ChartValueSets.values("mode", "cluster"),
            "core_kubestash_com_backupsession_"),
        Arguments.of(
            "path, inline configurations",
            ChartValueSets.pathInline(),
            "core_kubestash_com_backupsession_created"),
        Arguments.of("path, existing ConfigMap", existing, "core_kubestash_com_backupsession_"),
        Arguments.of("sharded", ChartValueSets.sharded(), null),
        Arguments.of("sharded, cluster", ChartValueSets.shardedCluster(), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void theExporterStartedWithTheRenderedArgumentsBecomesReadyAndServes(
      String name, Map<String, Object> values, String family) throws Exception {
    KubernetesClient client = api.client();
    new LiveObjects(api, 2121).createEveryKind(1);
    api.create(
        KubeStashFixtures.backupSession("demo", "s1")
            .label("tier", "prod")
            .phase("Succeeded")
            .build());
    if (ChartValueSets.mode(values).equals("cluster")) {
      api.installMetricsConfigurationCrd();
      for (MetricsConfiguration configuration : BuiltInConfigurations.standard()) {
        client.resource(ClusterModeIT.toGeneric(client, configuration)).create();
      }
    }
    List<JsonNode> objects = ExporterChart.render(values);
    JsonNode workload = DeployChecks.workload(objects);
    JsonNode pod = workload.path("spec").path("template").path("spec");
    JsonNode container = pod.path("containers").get(0);

    int metricsPort = freePort();
    int telemetryPort = freePort();
    List<String> args = new ArrayList<>();
    for (JsonNode arg : container.path("args")) {
      args.add(
          emulatePod(arg.asText(), metricsPort, telemetryPort, mounts(objects, pod, container)));
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                System.getProperty("kubestash.exporter.jar")));
    command.addAll(args);
    command.add("--kubeconfig=" + kubeconfig());
    command.add("--bind-address=127.0.0.1");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    for (JsonNode env : container.path("env")) {
      String value =
          env.has("value")
              ? env.path("value").asText()
              // The one fieldRef the chart uses: the pod's name, here shard 1.
              : workload.path("metadata").path("name").asText() + "-1";
      assertThat(env.path("valueFrom").path("fieldRef").path("fieldPath").asText("metadata.name"))
          .isEqualTo("metadata.name");
      builder.environment().put(env.path("name").asText(), value);
    }
    log = dir.resolve("exporter.log");
    exporter = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();

    String base = "http://127.0.0.1:" + metricsPort;
    await(
        name + ": /readyz 200 (log: " + log + ")",
        () -> {
          assertThat(exporter.isAlive())
              .as("exporter running; log:\n" + Files.readString(log))
              .isTrue();
          try {
            return get(base + "/readyz").statusCode() == 200;
          } catch (IOException notListeningYet) {
            return false;
          }
        });
    if (family != null) {
      await(
          name + ": " + family + "* served",
          () -> {
            HttpResponse<String> metrics = get(base + "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(ExpositionParser.parsePrometheus(metrics.body()).series())
                .as(metrics.body())
                .anyMatch(s -> s.name().startsWith(family));
            return true;
          });
    }
    HttpResponse<String> metrics = get(base + "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    List<Series> series = ExpositionParser.parsePrometheus(metrics.body()).series();
    if (values.containsKey("scope")) {
      assertThat(series.stream().map(Series::name).collect(Collectors.toSet()))
          .allMatch(n -> n.startsWith("core_kubestash_com_backupsession_"));
    }
    boolean telemetry = args.stream().noneMatch(a -> a.equals("--telemetry-port=-1"));
    if (telemetry) {
      HttpResponse<String> self = get("http://127.0.0.1:" + telemetryPort + "/metrics");
      assertThat(self.statusCode()).isEqualTo(200);
      assertThat(self.body()).contains("kubestash_exporter_kind_synced");
    }
  }

  /** Where each volume of the pod would be mounted: a directory holding its ConfigMap's files. */
  private Map<String, Path> mounts(List<JsonNode> objects, JsonNode pod, JsonNode container)
      throws IOException {
    Map<String, Path> mounts = new java.util.HashMap<>();
    for (JsonNode mount : container.path("volumeMounts")) {
      String volumeName = mount.path("name").asText();
      JsonNode volume = null;
      for (JsonNode v : pod.path("volumes")) {
        if (v.path("name").asText().equals(volumeName)) {
          volume = v;
        }
      }
      assertThat(volume).as("volume " + volumeName).isNotNull();
      Path where = dir.resolve("volumes").resolve(volumeName);
      Files.createDirectories(where);
      if (volume.has("configMap")) {
        String configMap = volume.path("configMap").path("name").asText();
        JsonNode data =
            objects.stream()
                .filter(o -> o.path("kind").asText().equals("ConfigMap"))
                .filter(o -> o.path("metadata").path("name").asText().equals(configMap))
                .map(o -> o.path("data"))
                .findFirst()
                // An existing ConfigMap of the user's: KubeStash's six configurations.
                .orElse(null);
        if (data == null) {
          Files.writeString(where.resolve("kubestash.yaml"), exportedConfigurations());
        } else {
          for (var file : data.properties()) {
            Files.writeString(where.resolve(file.getKey()), file.getValue().asText());
          }
        }
      }
      mounts.put(mount.path("mountPath").asText(), where);
    }
    return mounts;
  }

  private static String emulatePod(
      String arg, int metricsPort, int telemetryPort, Map<String, Path> mounts) {
    if (arg.startsWith("--port=")) {
      return "--port=" + metricsPort;
    }
    if (arg.startsWith("--telemetry-port=") && !arg.equals("--telemetry-port=-1")) {
      return "--telemetry-port=" + telemetryPort;
    }
    if (arg.startsWith("--metrics-config=/")) {
      String path = arg.substring("--metrics-config=".length());
      assertThat(mounts).as("a volume mounted at " + path).containsKey(path);
      return "--metrics-config=" + mounts.get(path);
    }
    return arg;
  }

  private static String exportedConfigurations() {
    StringBuilder yaml = new StringBuilder();
    for (MetricsConfiguration configuration : BuiltInConfigurations.standard()) {
      try {
        yaml.append("---\n").append(DeployChecks.YAML.writeValueAsString(configuration));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return yaml.toString();
  }

  private Path kubeconfig() throws IOException {
    Path file = dir.resolve("kubeconfig");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster: {server: "%s"}
        users:
        - name: exporter
          user: {token: not-checked}
        contexts:
        - name: mock
          context: {cluster: mock, user: exporter, namespace: default}
        current-context: mock
        """
            .formatted(api.url()));
    return file;
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
