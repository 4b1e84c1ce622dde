package io.github.kubestashmetrics.metrics;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfigurationSpec;
import io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.CommonLabels;
import io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.Metrics;
import io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.TargetRef;
import io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.metrics.Field;
import io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.metrics.Labels;
import io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.metrics.MetricValue;
import io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.metrics.Params;
import io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.metrics.States;
import io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.metrics.states.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The built-in catalogue written as six MetricsConfigurations, one per kind, derived from the typed
 * tables themselves (names, HELP, label sources, paths and value rules), so that the engine running
 * them must reproduce the typed catalogue byte for byte. A starting point for users' own. Each is
 * named as KubeStash's installer names its configuration of the same target ({@code
 * kubestash-appscode-com-<kind in lower case>}).
 */
public final class BuiltInConfigurations {

  private BuiltInConfigurations() {}

  /** Six fresh configurations in catalogue order (callers may modify them). */
  public static List<MetricsConfiguration> standard() {
    List<MetricsConfiguration> configurations = new ArrayList<>();
    for (FamilyTable<?> table :
        List.of(
            BackupConfigurationMetrics.table(),
            BackupSessionMetrics.table(),
            BackupStorageMetrics.table(),
            RepositoryMetrics.table(),
            RestoreSessionMetrics.table(),
            SnapshotMetrics.table())) {
      configurations.add(configurationOf(table));
    }
    return configurations;
  }

  private static <T extends io.fabric8.kubernetes.client.CustomResource<?, ?>>
      MetricsConfiguration configurationOf(FamilyTable<T> table) {
    KubeStashKinds.Kind<T> kind = table.kind();
    MetricsConfiguration configuration = new MetricsConfiguration();
    ObjectMeta metadata = new ObjectMeta();
    // KubeStash's installer's names for the same six, so applying these over them updates them.
    metadata.setName("kubestash-appscode-com-" + kind.kind().toLowerCase(Locale.ROOT));
    configuration.setMetadata(metadata);
    MetricsConfigurationSpec spec = new MetricsConfigurationSpec();
    TargetRef target = new TargetRef();
    target.setApiVersion(kind.group() + "/" + kind.version());
    target.setKind(kind.kind());
    spec.setTargetRef(target);
    List<CommonLabels> common = new ArrayList<>();
    // The first two common labels (kind label and namespace) are the language's defaults.
    for (LabelSource<T> source : table.commonLabels().subList(2, table.commonLabels().size())) {
      CommonLabels label = new CommonLabels();
      label.setKey(source.name());
      if (source.constant() != null) {
        label.setValue(source.constant());
      } else {
        label.setValuePath(source.paths().get(0));
      }
      common.add(label);
    }
    spec.setCommonLabels(common);
    String prefix = FamilyTable.prefixOf(kind);
    List<Metrics> metrics = new ArrayList<>();
    for (FamilyTable.Family<T> family : table.families()) {
      Metrics metric = new Metrics();
      metric.setName(family.name().substring(prefix.length()));
      metric.setHelp(family.help());
      metric.setType(FamilyDescriptor.GAUGE);
      describe(family.definition(), metric);
      metrics.add(metric);
    }
    spec.setMetrics(metrics);
    configuration.setSpec(spec);
    return configuration;
  }

  private static void describe(FamilyDefinition<?> definition, Metrics metric) {
    if (definition instanceof FamilyDefinition.PerObject<?> perObject) {
      metric.setLabels(labels(perObject.labels()));
      value(perObject.value(), metric);
    } else if (definition instanceof FamilyDefinition.OneHotState<?> state) {
      String path = state.state().path();
      metric.setField(field(path, "String"));
      metric.setParams(List.of(param(state.stateLabel(), path)));
      States states = new States();
      states.setLabelKey(state.stateLabel());
      List<Values> values = new ArrayList<>();
      for (String value : state.states()) {
        Values one = new Values();
        one.setLabelValue(value);
        var metricValue =
            new io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.metrics
                .states.values.MetricValue();
        metricValue.setValueFromExpression(
            "int(" + state.stateLabel() + " == '" + value.replace("'", "\\'") + "')");
        one.setMetricValue(metricValue);
        values.add(one);
      }
      states.setValues(values);
      metric.setStates(states);
    } else if (definition instanceof FamilyDefinition.PerElement<?, ?> elements) {
      metric.setField(field(elements.array().path(), "Array"));
      metric.setLabels(labels(elements.labels()));
      if (elements.value().shape() == ValueRule.Shape.ONE) {
        metric.setMetricValue(constantOne());
      } else {
        // Element values are sizes in the contract; write them as an expression of a parameter.
        expression(elements.value(), metric, false);
      }
    } else {
      throw new IllegalStateException("unknown family shape: " + definition);
    }
  }

  private static void value(ValueRule<?> rule, Metrics metric) {
    switch (rule.shape()) {
      case ONE -> metric.setMetricValue(constantOne());
      case TIMESTAMP -> {
        String path = rule.paths().get(0);
        metric.setField(field(path, "DateTime"));
        MetricValue value = new MetricValue();
        value.setValueFromPath(path);
        metric.setMetricValue(value);
      }
      case COUNT -> {
        String path = rule.paths().get(0);
        metric.setField(field(path, "Integer"));
        MetricValue value = new MetricValue();
        value.setValueFromPath(path);
        metric.setMetricValue(value);
      }
      default -> expression(rule, metric, true);
    }
  }

  /** A size or duration: {@code bytes(size)} or {@code toSecond(duration)} of a parameter. */
  private static void expression(ValueRule<?> rule, Metrics metric, boolean withField) {
    String path = rule.paths().get(0);
    boolean size = rule.shape() == ValueRule.Shape.SIZE;
    String parameter = size ? "size" : "duration";
    if (withField) {
      metric.setField(field(path, "String"));
    }
    metric.setParams(List.of(param(parameter, path)));
    MetricValue value = new MetricValue();
    value.setValueFromExpression((size ? "bytes(" : "toSecond(") + parameter + ")");
    metric.setMetricValue(value);
  }

  private static MetricValue constantOne() {
    MetricValue value = new MetricValue();
    value.setValue(1.0);
    return value;
  }

  private static <E> List<Labels> labels(List<LabelSource<E>> sources) {
    if (sources.isEmpty()) {
      return null;
    }
    List<Labels> labels = new ArrayList<>();
    for (LabelSource<E> source : sources) {
      Labels label = new Labels();
      label.setKey(source.name());
      if (source.constant() != null) {
        label.setValue(source.constant());
      } else {
        label.setValuePath(source.paths().get(0));
      }
      labels.add(label);
    }
    return labels;
  }

  private static Field field(String path, String type) {
    Field field = new Field();
    field.setPath(path);
    field.setType(type);
    return field;
  }

  private static Params param(String key, String path) {
    Params param = new Params();
    param.setKey(key);
    param.setValuePath(path);
    return param;
  }
}
