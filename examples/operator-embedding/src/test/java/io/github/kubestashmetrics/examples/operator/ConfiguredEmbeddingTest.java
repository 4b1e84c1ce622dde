package io.github.kubestashmetrics.examples.operator;

import static io.github.kubestashmetrics.examples.operator.MetricsBody.identityText;
import static io.github.kubestashmetrics.examples.operator.MetricsBody.testkitFormat;
import static io.github.kubestashmetrics.examples.operator.MetricsBody.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.kubestashmetrics.metrics.BuiltInConfigurations;
import io.github.kubestashmetrics.metrics.ContentEncoding;
import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.KubeStashMetrics;
import io.github.kubestashmetrics.metrics.MappingError;
import io.github.kubestashmetrics.metrics.language.ConfigurationProblem;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import io.github.kubestashmetrics.testkit.MetricsAssert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operator's own kind, {@code example.com/v1} {@code Widget}, served from
 * MetricsConfigurations, against the testkit's mock API server (which creates the Widget CRD at run
 * time).
 */
class ConfiguredEmbeddingTest {

  @RegisterExtension static final KubeStashMockServer server = new KubeStashMockServer();

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private static final ResourceDefinitionContext WIDGETS =
      new ResourceDefinitionContext.Builder()
          .withGroup("example.com")
          .withVersion("v1")
          .withKind("Widget")
          .withPlural("widgets")
          .withNamespaced(true)
          .build();

  /** What the operator ships for its Widgets. */
  private static final String WIDGET_METRICS =
      """
      apiVersion: metrics.appscode.com/v1alpha1
      kind: MetricsConfiguration
      metadata:
        name: widgets
      spec:
        targetRef:
          apiVersion: example.com/v1
          kind: Widget
        metrics:
        - name: replicas
          help: "Replicas the user asked for"
          type: gauge
          field:
            path: .spec.replicas
            type: Integer
          metricValue:
            valueFromPath: .spec.replicas
        - name: phase
          help: "Current phase of this Widget"
          type: gauge
          field:
            path: .status.phase
            type: String
          params:
          - key: phase
            valuePath: .status.phase
          states:
            labelKey: phase
            values:
            - labelValue: Ready
              metricValue:
                valueFromExpression: "int(phase == 'Ready')"
            - labelValue: Failed
              metricValue:
                valueFromExpression: "int(phase == 'Failed')"
      """;

  /**
   * A second configuration for Widgets with one metric the engine rejects (a KubeDB resource
   * calculator function) beside one it runs, and a third for a kind no CRD defines.
   */
  private static final String EXTRA_WIDGET_METRICS =
      """
      apiVersion: metrics.appscode.com/v1alpha1
      kind: MetricsConfiguration
      metadata:
        name: widgets-extra
      spec:
        targetRef:
          apiVersion: example.com/v1
          kind: Widget
        metrics:
        - name: cpu_limit_cores
          help: "CPU limit of all the Widget's containers"
          type: gauge
          params:
          - key: widget
            valuePath: .
          metricValue:
            valueFromExpression: "total_resource_limits(widget, 'cpu')"
        - name: owner_info
          help: "Who owns this Widget"
          type: gauge
          labels:
          - key: owner
            valuePath: .spec.owner
          metricValue:
            value: 1
      """;

  private static final String GADGET_METRICS =
      """
      apiVersion: metrics.appscode.com/v1alpha1
      kind: MetricsConfiguration
      metadata:
        name: gadgets
      spec:
        targetRef:
          apiVersion: example.com/v1
          kind: Gadget
        metrics:
        - name: info
          help: "Every Gadget"
          type: gauge
          metricValue:
            value: 1
      """;

  private static final String REPLICAS = "example_com_widget_replicas";
  private static final String PHASE = "example_com_widget_phase";
  private static final String OWNER_INFO = "example_com_widget_owner_info";

  @Test
  void widgetSeriesAppearChangeAndDisappearWithTheObjects() throws Exception {
    server.createCustomResourceDefinition(WIDGETS);
    widgets().inNamespace("demo").resource(widget("demo", "w1", "3", "Ready")).create();
    List<ConfigurationProblem> problems = new CopyOnWriteArrayList<>();
    List<MappingError> errors = new CopyOnWriteArrayList<>();

    try (ConfiguredEmbedding metrics =
        new ConfiguredEmbedding(
            server.client(),
            List.of(ConfiguredEmbedding.parse(WIDGET_METRICS)),
            problems::add,
            errors::add)) {
      metrics.awaitSynced(30, TimeUnit.SECONDS);
      // Appear: from the initial list.
      Eventually.passes(
          PATIENCE,
          () ->
              MetricsAssert.assertThat(identityText(metrics::write))
                  .isValid()
                  .hasFamily(REPLICAS, "gauge", "Replicas the user asked for")
                  .hasSeries(REPLICAS, Map.of("widget", "w1", "namespace", "demo"), 3)
                  .hasSeries(
                      PHASE, Map.of("widget", "w1", "namespace", "demo", "phase", "Ready"), 1)
                  .hasSeries(
                      PHASE, Map.of("widget", "w1", "namespace", "demo", "phase", "Failed"), 0));

      // Change: an edit of w1 and a new Widget in another namespace, from the watch.
      widgets()
          .inNamespace("demo")
          .withName("w1")
          .edit(
              w -> {
                w.setAdditionalProperty("spec", Map.of("replicas", 5));
                w.setAdditionalProperty("status", Map.of("phase", "Failed"));
                return w;
              });
      widgets().inNamespace("prod").resource(widget("prod", "w2", "1", "Ready")).create();
      Eventually.passes(
          PATIENCE,
          () ->
              MetricsAssert.assertThat(identityText(metrics::write))
                  .hasSeries(REPLICAS, Map.of("widget", "w1", "namespace", "demo"), 5)
                  .hasSeries(
                      PHASE, Map.of("widget", "w1", "namespace", "demo", "phase", "Ready"), 0)
                  .hasSeries(
                      PHASE, Map.of("widget", "w1", "namespace", "demo", "phase", "Failed"), 1)
                  .hasSeries(REPLICAS, Map.of("widget", "w2", "namespace", "prod"), 1)
                  .familyCount(REPLICAS, 2));
      // The gzip body is one standard gzip member holding exactly the identity body.
      for (ExpositionFormat format : ExpositionFormat.values()) {
        assertThat(written(metrics::write, format, ContentEncoding.GZIP))
            .as("%s gzip inflated", format)
            .isEqualTo(written(metrics::write, format, ContentEncoding.IDENTITY));
      }

      // Disappear: w1's series go, w2's stay.
      assertThat(widgets().inNamespace("demo").withName("w1").delete()).hasSize(1);
      Eventually.passes(
          PATIENCE,
          () ->
              MetricsAssert.assertThat(identityText(metrics::write))
                  .isValid()
                  .hasNoSeriesWith(REPLICAS, Map.of("widget", "w1"))
                  .hasNoSeriesWith(PHASE, Map.of("widget", "w1"))
                  .hasSeries(REPLICAS, Map.of("widget", "w2", "namespace", "prod"), 1)
                  .familyCount(REPLICAS, 1));
      assertThat(metrics.objectCount()).isEqualTo(1);
    }
    assertThat(problems).isEmpty();
    assertThat(errors).isEmpty();
  }

  @Test
  void whatCannotBeServedIsReportedAndTheRestIsServed() throws Exception {
    server.createCustomResourceDefinition(WIDGETS);
    // A hand edit the configuration's Integer field cannot read: costs only that family.
    widgets()
        .inNamespace("demo")
        .resource(widget("demo", "hand-edited", "three", "Ready"))
        .create();
    List<ConfigurationProblem> problems = new CopyOnWriteArrayList<>();
    List<MappingError> errors = new CopyOnWriteArrayList<>();

    try (ConfiguredEmbedding metrics =
        new ConfiguredEmbedding(
            server.client(),
            List.of(
                ConfiguredEmbedding.parse(WIDGET_METRICS),
                ConfiguredEmbedding.parse(EXTRA_WIDGET_METRICS),
                ConfiguredEmbedding.parse(GADGET_METRICS)),
            problems::add,
            errors::add)) {
      metrics.awaitSynced(30, TimeUnit.SECONDS);
      Eventually.passes(
          PATIENCE,
          () ->
              MetricsAssert.assertThat(identityText(metrics::write))
                  .isValid()
                  .hasSeries(
                      PHASE,
                      Map.of("widget", "hand-edited", "namespace", "demo", "phase", "Ready"),
                      1)
                  .hasSeries(
                      OWNER_INFO,
                      Map.of("widget", "hand-edited", "namespace", "demo", "owner", "team-a"),
                      1)
                  .hasNoFamily(REPLICAS)
                  .hasNoFamily("example_com_widget_cpu_limit_cores")
                  .hasNoFamily("example_com_gadget_info"));
      // Once per change of the object, not once per scrape.
      identityText(metrics::write);
      assertThat(errors)
          .containsExactly(
              new MappingError(
                  REPLICAS, "Widget", "demo", "hand-edited", MappingError.WRONG_JSON_TYPE));
    }
    assertThat(problems)
        .extracting(
            ConfigurationProblem::configuration,
            ConfigurationProblem::path,
            ConfigurationProblem::family)
        .containsExactly(
            tuple("widgets-extra", "spec.metrics[0]", "example_com_widget_cpu_limit_cores"),
            tuple("gadgets", "spec.targetRef", ""));
    assertThat(problems.get(0).reason()).contains("total_resource_limits");
    assertThat(problems.get(1).reason()).contains("Gadget.v1.example.com");
  }

  static Stream<Long> generatedObjects() {
    return KubeStashGenerators.seeds("kubeStashConfigurationsServeTheBuiltInBytes", 10);
  }

  /**
   * KubeStash's own six configurations run by the engine serve, byte for byte, what the built-in
   * catalogue serves for the same objects (the library promises it; this is the consumer's view).
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("generatedObjects")
  void kubeStashsOwnConfigurationsServeTheBuiltInCataloguesBytes(long seed) throws Exception {
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    // Every kind, so that the order of the six targets' families shows, and one more object.
    List<HasMetadata> created = new ArrayList<>();
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      created.add(server.create(generators.valid(kind)));
    }
    created.add(server.create(generators.anyValid()));
    List<MetricsConfiguration> standard = BuiltInConfigurations.standard();
    List<ConfigurationProblem> problems = new CopyOnWriteArrayList<>();
    StoreEmbedding builtIn = new StoreEmbedding(error -> {});

    try (KubeStashRawInformers informers = new KubeStashRawInformers(server.client(), builtIn);
        ConfiguredEmbedding configured =
            new ConfiguredEmbedding(server.client(), standard, problems::add, error -> {})) {
      informers.awaitSynced(30, TimeUnit.SECONDS);
      configured.awaitSynced(30, TimeUnit.SECONDS);
      assertThat(configured.plan().targets()).hasSize(6);
      for (ExpositionFormat format : ExpositionFormat.values()) {
        String expected = KubeStashMetrics.toText(created, format);
        Eventually.passes(
            PATIENCE,
            () -> {
              String served = written(configured::write, format, ContentEncoding.IDENTITY);
              MetricsAssert.assertThat(served, testkitFormat(format))
                  .isValid()
                  .hasSameSeriesAs(expected);
              assertThat(served)
                  .as("seed=%d %s", seed, format)
                  .isEqualTo(written(builtIn::write, format, ContentEncoding.IDENTITY));
            });
        assertThat(written(configured::write, format, ContentEncoding.GZIP))
            .as("seed=%d %s gzip inflated", seed, format)
            .isEqualTo(written(configured::write, format, ContentEncoding.IDENTITY));
      }
    }
    assertThat(problems).isEmpty();
  }

  private static MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      widgets() {
    return server.client().genericKubernetesResources(WIDGETS);
  }

  /** A Widget; {@code replicas} is YAML text, so that a test can make it a string. */
  private static GenericKubernetesResource widget(
      String namespace, String name, String replicas, String phase) {
    return YAML.unmarshal(
        """
        apiVersion: example.com/v1
        kind: Widget
        metadata: {namespace: %s, name: %s}
        spec: {replicas: %s, owner: team-a}
        status: {phase: %s}
        """
            .formatted(namespace, name, replicas, phase),
        GenericKubernetesResource.class);
  }
}
