package io.github.kubestashmetrics.exporter;

import static io.github.kubestashmetrics.exporter.ConfiguredApi.GADGETS;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.SPROCKETS;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.WIDGETS;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.apply;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.clusterObject;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.configurationsIn;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.crdOf;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.createCrd;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.createMetricsConfigurationCrd;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.infoConfiguration;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.namespacedObject;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.widget;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.widgetConfiguration;
import static io.github.kubestashmetrics.exporter.ExporterUnderTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.kubestashmetrics.metrics.BuiltInConfigurations;
import io.github.kubestashmetrics.metrics.language.EngineOptions;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import io.github.kubestashmetrics.testkit.Series;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --metrics-config=cluster} against the testkit's mock API: MetricsConfigurations for kinds
 * outside KubeStash (namespaced and cluster-scoped) come, change and go while the exporter runs,
 * and {@code /metrics} is always, exactly, what the engine gives for the API's current
 * configurations and objects.
 */
class ClusterModeIT {

  /** A fresh API per test: each test decides which CRDs exist. */
  @RegisterExtension final KubeStashMockServer api = new KubeStashMockServer();

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeEverything() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void seriesAppearChangeAndDisappearWithTheirConfigurationWithoutRestart() throws Exception {
    KubernetesClient client = api.client();
    ExporterUnderTest exporter =
        startWithWidgetsAndGadgets(widget("shop", "w1", "red", 3), widget("shop", "w2", "blue", 5));
    Set<Series> first = awaitScrapeEqualsApi(exporter);
    assertThat(names(first))
        .contains(
            "example_com_widget_replicas", "example_com_widget_info", "example_com_gadget_info");
    assertThat(first)
        .anySatisfy(
            s -> {
              assertThat(s.name()).isEqualTo("example_com_widget_replicas");
              assertThat(s.labels()).containsEntry("widget", "w2").containsEntry("color", "blue");
              assertThat(s.value()).isEqualTo(5.0);
            });

    // Objects change: watched like the built-in kinds.
    apply(client, widget("shop", "w1", "green", 7));
    apply(client, clusterObject("Gadget", "g2"));
    awaitScrapeEqualsApi(exporter);

    // The configuration changes: the widget series change, without a restart.
    apply(
        client,
        widgetConfiguration("widgets", "Replicas wanted").replace("name: info", "name: present"));
    Set<Series> edited = awaitScrapeEqualsApi(exporter);
    assertThat(names(edited))
        .contains("example_com_widget_present")
        .doesNotContain("example_com_widget_info");
    assertThat(exporter.scrape()).contains("# HELP example_com_widget_replicas Replicas wanted");

    // The configuration goes: its series go, the gadget's stay.
    client.genericKubernetesResources(ClusterConfigurations.RESOURCE).withName("widgets").delete();
    Set<Series> without = awaitScrapeEqualsApi(exporter);
    assertThat(names(without)).containsExactly("example_com_gadget_info");
    assertThat(exporter.status("/readyz")).isEqualTo(200);
  }

  @Test
  void targetWhoseCrdIsAbsentWaitsWhileTheRestIsReadyAndIsServedOnceItAppears() throws Exception {
    KubernetesClient client = api.client();
    createMetricsConfigurationCrd(client);
    createCrd(client, WIDGETS);
    apply(client, widget("shop", "w1", "red", 3));
    apply(client, widgetConfiguration("widgets", "Desired replicas"));
    apply(client, infoConfiguration("sprockets", "Sprocket"));
    ExporterUnderTest exporter = start();
    EndpointProbe probe = new EndpointProbe(exporter.uri("/readyz"), Duration.ofMillis(20));

    await("ready without the sprocket CRD", () -> exporter.status("/readyz") == 200);
    assertThat(names(awaitScrapeEqualsApi(exporter)))
        .containsOnly("example_com_widget_replicas", "example_com_widget_info");
    await(
        "sprockets pending in the self-metrics",
        () ->
            telemetry(exporter).contains("kubestash_exporter_target_pending{kind=\"Sprocket\"} 1"));

    createCrd(client, SPROCKETS);
    apply(client, namespacedObject("Sprocket", "shop", "s1"));
    Set<Series> all = awaitScrapeEqualsApi(exporter);
    assertThat(names(all)).contains("example_com_sprocket_info");
    await(
        "sprockets started",
        () ->
            telemetry(exporter).contains("kubestash_exporter_target_pending{kind=\"Sprocket\"} 0"));
    probe.awaitFreshPoll();
    probe.close();
    // A target joining a ready exporter does not take readiness back while it lists.
    List<Integer> statuses = probe.statuses();
    assertThat(statuses.subList(statuses.indexOf(200), statuses.size()))
        .as("readyz from its first 200 on: %s", probe.transitions())
        .containsExactly(200);
  }

  @Test
  void targetWhoseCrdIsDeletedGoesBackToPendingAndReturnsWithIt() throws Exception {
    KubernetesClient client = api.client();
    ExporterUnderTest exporter = startWithWidgetsAndGadgets(widget("shop", "w1", "red", 3));
    assertThat(names(awaitScrapeEqualsApi(exporter))).contains("example_com_widget_replicas");

    // The widget CRD goes (and its objects with it): the widget series go, the target is
    // pending again instead of retrying a resource that is gone, and the gadgets stay served.
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(crdOf(WIDGETS).getMetadata().getName())
        .delete();
    await(
        "widgets pending again",
        () -> telemetry(exporter).contains("kubestash_exporter_target_pending{kind=\"Widget\"} 1"));
    assertThat(names(ExporterUnderTest.seriesOf(exporter.scrape())))
        .containsOnly("example_com_gadget_info");
    assertThat(exporter.status("/readyz")).isEqualTo(200);
    int restarts = informerRestarts(exporter, "Widget");
    Thread.sleep(1_000); // five re-check intervals: a pending target is not retried as a watch
    assertThat(informerRestarts(exporter, "Widget")).isEqualTo(restarts);

    createCrd(client, WIDGETS);
    apply(client, widget("shop", "w2", "blue", 5));
    assertThat(names(awaitScrapeEqualsApi(exporter))).contains("example_com_widget_replicas");
    await(
        "widgets watched again",
        () -> telemetry(exporter).contains("kubestash_exporter_target_pending{kind=\"Widget\"} 0"));
  }

  /** The informer restarts the self-metrics count for {@code kind} (0 when it has none). */
  private static int informerRestarts(ExporterUnderTest exporter, String kind) throws Exception {
    String prefix = "kubestash_exporter_informer_restarts_total{kind=\"" + kind + "\"} ";
    return telemetry(exporter)
        .lines()
        .filter(l -> l.startsWith(prefix))
        .mapToInt(l -> (int) Double.parseDouble(l.substring(prefix.length())))
        .findFirst()
        .orElse(0);
  }

  @Test
  void builtInKindsAreResolvedByDiscoveryNotByGuessingTheirPlural() throws Exception {
    KubernetesClient client = api.client();
    createMetricsConfigurationCrd(client);
    apply(
        client,
        """
        apiVersion: metrics.appscode.com/v1alpha1
        kind: MetricsConfiguration
        metadata:
          name: deployments
        spec:
          targetRef:
            apiVersion: apps/v1
            kind: Deployment
          metrics:
          - name: spec_replicas
            help: "Desired replicas"
            type: gauge
            field:
              path: .spec.replicas
              type: Integer
            metricValue:
              valueFromPath: .spec.replicas
        """);
    apply(client, infoConfiguration("networkpolicies", "networking.k8s.io/v1", "NetworkPolicy"));
    apply(client, infoConfiguration("ingresses", "networking.k8s.io/v1", "Ingress"));
    apply(
        client,
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          replicas: 4
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx}]}
        """);
    apply(
        client,
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-all, namespace: shop}
        spec: {podSelector: {}}
        """);
    apply(
        client,
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: shop}
        spec: {defaultBackend: {service: {name: web, port: {number: 80}}}}
        """);
    ExporterUnderTest exporter = start();

    await("ready", () -> exporter.status("/readyz") == 200);
    Set<Series> series = awaitScrapeEqualsApi(exporter);
    assertThat(names(series))
        .containsOnly(
            "apps_deployment_spec_replicas",
            "networking_k8s_io_networkpolicy_info",
            "networking_k8s_io_ingress_info");
    assertThat(series)
        .anySatisfy(
            s -> {
              assertThat(s.name()).isEqualTo("apps_deployment_spec_replicas");
              assertThat(s.labels()).containsEntry("deployment", "web");
              assertThat(s.value()).isEqualTo(4.0);
            });
  }

  @Test
  void namespacedTargetsHonourNamespacesAndLabelSelectorClusterScopedOnesIgnoreNamespaces()
      throws Exception {
    KubernetesClient client = api.client();
    createMetricsConfigurationCrd(client);
    createCrd(client, WIDGETS);
    createCrd(client, GADGETS);
    apply(
        client,
        widget("shop", "in-scope", "red", 1)
            .replace("  name: in-scope\n", "  name: in-scope\n  labels: {team: a}\n"));
    apply(
        client,
        widget("shop", "other-team", "red", 2)
            .replace("  name: other-team\n", "  name: other-team\n  labels: {team: b}\n"));
    apply(
        client,
        widget("elsewhere", "other-namespace", "red", 3)
            .replace(
                "  name: other-namespace\n", "  name: other-namespace\n  labels: {team: a}\n"));
    apply(
        client,
        clusterObject("Gadget", "g1").replace("  name: g1\n", "  name: g1\n  labels: {team: a}\n"));
    apply(client, widgetConfiguration("widgets", "Desired replicas"));
    apply(client, infoConfiguration("gadgets", "Gadget"));
    ExporterUnderTest exporter =
        ExporterUnderTest.start(
            api.url(),
            ExporterConfig.defaults()
                .withScope(List.of("shop"), java.util.Optional.of("team=a"))
                .withMetricsConfig(MetricsConfigSource.CLUSTER_OBJECTS, Duration.ofMillis(200)));
    toClose.add(exporter);

    await("ready", () -> exporter.status("/readyz") == 200);
    await(
        "only the objects in scope",
        () -> {
          Set<Series> series = ExporterUnderTest.seriesOf(exporter.scrape());
          return series.stream()
              .map(s -> s.labels().getOrDefault("widget", s.labels().get("gadget")))
              .collect(Collectors.toSet())
              .equals(Set.of("in-scope", "g1"));
        });
  }

  @Test
  void kubeStashsSixConfigurationsInTheClusterGiveTheBuiltInScrape() throws Exception {
    KubernetesClient client = api.client();
    createMetricsConfigurationCrd(client);
    new LiveObjects(api, 1414).createEveryKind(4);
    for (MetricsConfiguration configuration : BuiltInConfigurations.standard()) {
      client.resource(toGeneric(client, configuration)).create();
    }
    ExporterUnderTest builtin = ExporterUnderTest.start(api.url(), ExporterConfig.defaults());
    toClose.add(builtin);
    ExporterUnderTest cluster = start();
    builtin.awaitWatching();
    cluster.awaitWatching();
    builtin.awaitScrapeEqualsApi(client);
    cluster.awaitScrapeEqualsApi(client);

    assertThat(cluster.scrape()).as("byte for byte").isEqualTo(builtin.scrape());
    var openMetrics =
        java.net.http.HttpRequest.newBuilder(cluster.uri("/metrics"))
            .header("Accept", "application/openmetrics-text")
            .build();
    assertThat(cluster.send(openMetrics).body())
        .isEqualTo(
            builtin
                .send(
                    java.net.http.HttpRequest.newBuilder(builtin.uri("/metrics"))
                        .header("Accept", "application/openmetrics-text")
                        .build())
                .body())
        .endsWith("# EOF\n");
  }

  @Test
  void kubeStashsUpstreamConfigurationsInTheClusterGiveTheBuiltInSeries() throws Exception {
    Path upstream =
        Path.of(
            System.getProperty("kubestash.shared.dir", "../../shared"),
            "reference",
            "metricsconfigurations");
    assumeTrue(Files.isDirectory(upstream), "../shared/reference is absent: skipping");
    MetricsConfigurationFiles.Loaded loaded = MetricsConfigurationFiles.load(List.of(upstream));
    assertThat(loaded.errors()).isEmpty();
    assertThat(loaded.configurations()).hasSize(6);
    KubernetesClient client = api.client();
    createMetricsConfigurationCrd(client);
    new LiveObjects(api, 1515).createEveryKind(4);
    for (MetricsConfiguration configuration : loaded.configurations()) {
      client.resource(toGeneric(client, configuration)).create();
    }
    ExporterUnderTest builtin = ExporterUnderTest.start(api.url(), ExporterConfig.defaults());
    toClose.add(builtin);
    ExporterUnderTest cluster = start();
    builtin.awaitWatching();
    cluster.awaitWatching();
    builtin.awaitScrapeEqualsApi(client);

    cluster.awaitScrapeEquals(() -> ExporterUnderTest.seriesOf(builtin.scrape()));
  }

  @Test
  void absentMetricsConfigurationCrdIsOneLogLineAndNotReadyUntilItIsCreated() throws Exception {
    KubernetesClient client = api.client();
    createCrd(client, WIDGETS);
    apply(client, widget("shop", "w1", "red", 3));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(new TeeOutputStream(stderr, log), true, StandardCharsets.UTF_8));
    try {
      ExporterUnderTest exporter = start();
      // fabric8 retries with backoff: let several attempts fail.
      await(
          "several failed attempts",
          () ->
              telemetry(exporter)
                  .contains(
                      "kubestash_exporter_informer_restarts_total{kind=\"MetricsConfiguration\"} 3"));
      var readyz = exporter.get("/readyz");
      assertThat(readyz.statusCode()).isEqualTo(503);
      assertThat(readyz.body()).isEqualTo("not synced: MetricsConfiguration\n");

      createMetricsConfigurationCrd(client);
      apply(client, widgetConfiguration("widgets", "Desired replicas"));
      await("ready once the CRD is there", () -> exporter.status("/readyz") == 200);
      assertThat(names(awaitScrapeEqualsApi(exporter))).contains("example_com_widget_replicas");
    } finally {
      System.setErr(stderr);
    }
    List<String> crdLines =
        log.toString(StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.contains("MetricsConfiguration CRD"))
            .toList();
    assertThat(crdLines).hasSize(1);
    assertThat(crdLines.get(0))
        .contains(" WARN ClusterConfigurations - ")
        .contains("not installed");
  }

  @Test
  void rejectedMetricIsOneLogLinePerConfigurationVersionAndCountedPerConfiguration()
      throws Exception {
    KubernetesClient client = api.client();
    createMetricsConfigurationCrd(client);
    createCrd(client, WIDGETS);
    createCrd(client, GADGETS);
    String withBadMetric =
        widgetConfiguration("widgets", "Desired replicas")
            .replace(
                "  - name: info\n",
                "  - name: broken\n"
                    + "    help: \"Not a gauge\"\n"
                    + "    type: counter\n"
                    + "    metricValue:\n"
                    + "      value: 1\n"
                    + "  - name: info\n");
    assertThat(withBadMetric).contains("name: broken");
    apply(client, withBadMetric);
    apply(client, widget("shop", "w1", "red", 3));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(new TeeOutputStream(stderr, log), true, StandardCharsets.UTF_8));
    try {
      ExporterUnderTest exporter = start();
      await("ready", () -> exporter.status("/readyz") == 200);
      assertThat(names(awaitScrapeEqualsApi(exporter)))
          .containsOnly("example_com_widget_replicas", "example_com_widget_info");
      // Many objects and an unrelated configuration: re-plans, but the same version of "widgets".
      for (int i = 2; i <= 6; i++) {
        apply(client, widget("shop", "w" + i, "red", i));
      }
      apply(client, infoConfiguration("gadgets", "Gadget"));
      apply(client, clusterObject("Gadget", "g1"));
      awaitScrapeEqualsApi(exporter);
      String version =
          client
              .genericKubernetesResources(ClusterConfigurations.RESOURCE)
              .withName("widgets")
              .get()
              .getMetadata()
              .getResourceVersion();
      await(
          "counted per configuration",
          () -> {
            assertThat(telemetry(exporter))
                .contains(
                    "kubestash_exporter_configuration_metrics_rejected{configuration=\"widgets\",version=\""
                        + version
                        + "\"} 1.0",
                    "kubestash_exporter_configuration_metrics_active{configuration=\"widgets\",version=\""
                        + version
                        + "\"} 2.0",
                    "kubestash_exporter_target_series{kind=\"Widget\"} 12.0");
            return true;
          });
      assertThat(rejectionLines(log)).hasSize(1);
      assertThat(rejectionLines(log).get(0))
          .contains(" WARN ConfiguredTargets - MetricsConfiguration rejected: widgets: ")
          .contains("example_com_widget_broken")
          .contains("counter");

      // A new version of the configuration: its rejection is logged again, once.
      apply(client, withBadMetric.replace("Desired replicas", "Replicas wanted"));
      await(
          "the new version planned",
          () -> exporter.scrape().contains("# HELP example_com_widget_replicas Replicas wanted"));
      assertThat(rejectionLines(log)).hasSize(2);
    } finally {
      System.setErr(stderr);
    }
  }

  @Test
  void seriesLimitCutOffIsCountedPerConfiguration() throws Exception {
    KubernetesClient client = api.client();
    createMetricsConfigurationCrd(client);
    createCrd(client, WIDGETS);
    apply(
        client,
        """
        apiVersion: metrics.appscode.com/v1alpha1
        kind: MetricsConfiguration
        metadata:
          name: parts
        spec:
          targetRef:
            apiVersion: example.com/v1
            kind: Widget
          metrics:
          - name: part
            help: "One series per part"
            type: gauge
            field:
              path: .spec.parts
              type: Array
            labels:
            - key: part
              valuePath: .spec.parts[*]
            metricValue:
              value: 1
        """);
    StringBuilder parts = new StringBuilder();
    for (int i = 0; i <= EngineOptions.DEFAULT.seriesLimitPerMetric(); i++) {
      parts.append(i == 0 ? "" : ", ").append('"').append("p").append(i).append('"');
    }
    apply(
        client,
        widget("shop", "flood", "red", 1)
            .replace("  replicas: 1", "  replicas: 1\n  parts: [" + parts + "]"));
    apply(
        client,
        widget("shop", "small", "red", 1)
            .replace("  replicas: 1", "  replicas: 1\n  parts: [a, b]"));
    ExporterUnderTest exporter = start();

    assertThat(awaitScrapeEqualsApi(exporter)).hasSize(2);
    await(
        "the cut-off counted for its configuration",
        () ->
            telemetry(exporter)
                .contains(
                    "kubestash_exporter_configuration_series_limit_cutoffs_total{configuration=\"parts\"} 1.0"));
  }

  private static List<String> rejectionLines(ByteArrayOutputStream log) {
    return log.toString(StandardCharsets.UTF_8)
        .lines()
        .filter(l -> l.contains("MetricsConfiguration rejected: widgets:"))
        .toList();
  }

  // --- helpers ---

  /**
   * The widget and gadget CRDs, these widgets, gadget g1, a configuration for each kind, and an
   * exporter in cluster mode that has become ready.
   */
  private ExporterUnderTest startWithWidgetsAndGadgets(String... widgets) throws Exception {
    KubernetesClient client = api.client();
    createMetricsConfigurationCrd(client);
    createCrd(client, WIDGETS);
    createCrd(client, GADGETS);
    for (String widget : widgets) {
      apply(client, widget);
    }
    apply(client, clusterObject("Gadget", "g1"));
    apply(client, widgetConfiguration("widgets", "Desired replicas"));
    apply(client, infoConfiguration("gadgets", "Gadget"));
    ExporterUnderTest exporter = start();
    await("ready", () -> exporter.status("/readyz") == 200);
    return exporter;
  }

  private ExporterUnderTest start() throws Exception {
    ExporterUnderTest exporter =
        ExporterUnderTest.start(
            api.url(),
            ExporterConfig.defaults()
                .withMetricsConfig(MetricsConfigSource.CLUSTER_OBJECTS, Duration.ofMillis(200)));
    toClose.add(exporter);
    return exporter;
  }

  private Set<Series> awaitScrapeEqualsApi(ExporterUnderTest exporter) throws Exception {
    KubernetesClient client = api.client();
    exporter.awaitScrapeEquals(
        () -> ConfiguredApi.expectedSeries(client, configurationsIn(client)));
    return ExporterUnderTest.seriesOf(exporter.scrape());
  }

  static Set<String> names(Set<Series> series) {
    return series.stream().map(Series::name).collect(Collectors.toSet());
  }

  static String telemetry(ExporterUnderTest exporter) throws Exception {
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://127.0.0.1:" + exporter.exporter().telemetryPort() + "/metrics"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  static GenericKubernetesResource toGeneric(KubernetesClient client, Object object) {
    return client
        .getKubernetesSerialization()
        .convertValue(object, GenericKubernetesResource.class);
  }

  /** Writes to two streams: the test's log still shows everything while it is kept. */
  static final class TeeOutputStream extends java.io.OutputStream {
    private final java.io.OutputStream first;
    private final java.io.OutputStream second;

    TeeOutputStream(java.io.OutputStream first, java.io.OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws java.io.IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws java.io.IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }

    @Override
    public void flush() throws java.io.IOException {
      first.flush();
      second.flush();
    }
  }
}
