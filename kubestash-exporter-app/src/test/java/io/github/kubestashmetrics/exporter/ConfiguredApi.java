package io.github.kubestashmetrics.exporter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.ExpositionWriter;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.RenderedObject;
import io.github.kubestashmetrics.metrics.language.MetricsConfigurationCompiler;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import io.github.kubestashmetrics.testkit.Series;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What the MetricsConfiguration-mode tests write into a (mock) API and expect back: CRDs of kinds
 * outside KubeStash, MetricsConfigurations, objects, and the series the engine gives for them —
 * computed independently of the exporter (the whole set compiled at once, oldest first, rendered
 * from the API's current objects).
 */
final class ConfiguredApi {

  static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

  /** A namespaced kind of no operator we know: widgets.example.com. */
  static final ResourceDefinitionContext WIDGETS =
      context("example.com", "Widget", "widgets", true);

  /** A cluster-scoped one: gadgets.example.com. */
  static final ResourceDefinitionContext GADGETS =
      context("example.com", "Gadget", "gadgets", false);

  /** One whose CRD the tests create only later: sprockets.example.com. */
  static final ResourceDefinitionContext SPROCKETS =
      context("example.com", "Sprocket", "sprockets", true);

  /** Built-in kinds: their plurals are not kind + "s". */
  static final ResourceDefinitionContext DEPLOYMENTS =
      new ResourceDefinitionContext.Builder()
          .withGroup("apps")
          .withVersion("v1")
          .withKind("Deployment")
          .withPlural("deployments")
          .withNamespaced(true)
          .build();

  static final ResourceDefinitionContext NETWORK_POLICIES =
      new ResourceDefinitionContext.Builder()
          .withGroup("networking.k8s.io")
          .withVersion("v1")
          .withKind("NetworkPolicy")
          .withPlural("networkpolicies")
          .withNamespaced(true)
          .build();

  static final ResourceDefinitionContext INGRESSES =
      new ResourceDefinitionContext.Builder()
          .withGroup("networking.k8s.io")
          .withVersion("v1")
          .withKind("Ingress")
          .withPlural("ingresses")
          .withNamespaced(true)
          .build();

  /** Every resource the tests' configurations target, to list the objects the series come from. */
  static final List<ResourceDefinitionContext> TARGETS;

  static {
    List<ResourceDefinitionContext> targets =
        new ArrayList<>(
            List.of(WIDGETS, GADGETS, SPROCKETS, DEPLOYMENTS, NETWORK_POLICIES, INGRESSES));
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      targets.add(kind.resourceDefinitionContext());
    }
    TARGETS = List.copyOf(targets);
  }

  private ConfiguredApi() {}

  static ResourceDefinitionContext context(
      String group, String kind, String plural, boolean namespaced) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion("v1")
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(namespaced)
        .build();
  }

  /** A structural CRD that keeps every field (as most operators' CRDs do for status). */
  static CustomResourceDefinition crdOf(ResourceDefinitionContext resource) {
    return KubeStashMockServer.customResourceDefinition(resource);
  }

  static void createCrd(KubernetesClient api, ResourceDefinitionContext resource) {
    api.apiextensions().v1().customResourceDefinitions().resource(crdOf(resource)).create();
  }

  /** Installs the MetricsConfiguration CRD the model ships. */
  static void createMetricsConfigurationCrd(KubernetesClient api) {
    try (InputStream in =
        KubeStashKinds.class
            .getClassLoader()
            .getResourceAsStream(
                "io/github/kubestashmetrics/model/crds/metricsconfigurations.metrics.appscode.com.yaml")) {
      api.apiextensions().v1().customResourceDefinitions().load(in).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static GenericKubernetesResource yaml(String text) {
    try {
      return YAML.readValue(text, GenericKubernetesResource.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates (or replaces) the object given as YAML; returns it as stored. */
  static GenericKubernetesResource apply(KubernetesClient api, String yaml) {
    GenericKubernetesResource object = yaml(yaml);
    return api.resource(object).createOr(existing -> existing.update());
  }

  /** A MetricsConfiguration for widgets: one gauge from a field, one per label, one info. */
  static String widgetConfiguration(String name, String help) {
    return """
        apiVersion: metrics.appscode.com/v1alpha1
        kind: MetricsConfiguration
        metadata:
          name: %s
        spec:
          targetRef:
            apiVersion: example.com/v1
            kind: Widget
          commonLabels:
          - key: color
            valuePath: .spec.color
          metrics:
          - name: replicas
            help: "%s"
            type: gauge
            field:
              path: .spec.replicas
              type: Integer
            metricValue:
              valueFromPath: .spec.replicas
          - name: info
            help: "Widget information"
            type: gauge
            metricValue:
              value: 1
        """
        .formatted(name, help);
  }

  /** A MetricsConfiguration for a kind in group example.com with one info metric. */
  static String infoConfiguration(String name, String kind) {
    return infoConfiguration(name, "example.com/v1", kind);
  }

  /** A MetricsConfiguration with one info metric for this kind. */
  static String infoConfiguration(String name, String apiVersion, String kind) {
    return """
        apiVersion: metrics.appscode.com/v1alpha1
        kind: MetricsConfiguration
        metadata:
          name: %s
        spec:
          targetRef:
            apiVersion: %s
            kind: %s
          metrics:
          - name: info
            help: "%s information"
            type: gauge
            metricValue:
              value: 1
        """
        .formatted(name, apiVersion, kind, kind);
  }

  static String widget(String namespace, String name, String color, int replicas) {
    return """
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: %s
          namespace: %s
        spec:
          color: %s
          replicas: %d
        """
        .formatted(name, namespace, color, replicas);
  }

  static String clusterObject(String kind, String name) {
    return """
        apiVersion: example.com/v1
        kind: %s
        metadata:
          name: %s
        """
        .formatted(kind, name);
  }

  static String namespacedObject(String kind, String namespace, String name) {
    return """
        apiVersion: example.com/v1
        kind: %s
        metadata:
          name: %s
          namespace: %s
        """
        .formatted(kind, name, namespace);
  }

  /** The API's MetricsConfigurations, read as the exporter reads them. */
  static List<MetricsConfiguration> configurationsIn(KubernetesClient api) {
    try {
      return api
          .genericKubernetesResources(ClusterConfigurations.RESOURCE)
          .inAnyNamespace()
          .list()
          .getItems()
          .stream()
          .map(g -> api.getKubernetesSerialization().convertValue(g, MetricsConfiguration.class))
          .toList();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of();
      }
      throw e;
    }
  }

  /** The series the engine gives for these configurations and the API's current objects. */
  static Set<Series> expectedSeries(KubernetesClient api, List<MetricsConfiguration> configs) {
    List<MetricsConfiguration> oldestFirst = new ArrayList<>(configs);
    oldestFirst.sort(
        Comparator.comparing(
            (MetricsConfiguration c) -> c.getMetadata().getCreationTimestamp(),
            Comparator.nullsLast(Comparator.naturalOrder())));
    MetricCatalogue catalogue =
        MetricCatalogue.of(MetricsConfigurationCompiler.compile(oldestFirst));
    List<RenderedObject> rendered = new ArrayList<>();
    for (ResourceDefinitionContext target : TARGETS) {
      List<GenericKubernetesResource> objects;
      try {
        objects = api.genericKubernetesResources(target).inAnyNamespace().list().getItems();
      } catch (KubernetesClientException e) {
        continue; // its CRD is absent: no objects
      }
      for (GenericKubernetesResource object : objects) {
        rendered.add(catalogue.render(object));
      }
    }
    return ExporterUnderTest.seriesOf(
        ExpositionWriter.toText(catalogue, rendered, ExpositionFormat.TEXT_0_0_4));
  }

  /** Writes configurations as a multi-document YAML file. */
  static void writeYaml(Path file, List<?> objects) throws IOException {
    StringBuilder text = new StringBuilder();
    for (Object object : objects) {
      text.append("---\n").append(YAML.writeValueAsString(object));
    }
    Files.writeString(file, text);
  }

  /** Replaces a file's content in one step, as a ConfigMap volume's symlink swap appears. */
  static void replaceAtomically(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, content);
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
