package io.github.kubestashmetrics.metrics.language;

import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfigurationSpec;
import io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.CommonLabels;
import io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.Metrics;
import io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.metrics.Field;
import io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.metrics.Labels;
import io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.metrics.MetricValue;
import io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.metrics.Params;
import io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.metrics.states.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compiles MetricsConfigurations once: every path parsed, every expression parsed and its
 * parameters resolved, every name checked. A problem rejects only its metric (or, for the target
 * and the common labels, its configuration), with the path in the configuration and a reason. Never
 * throws for any configuration content.
 */
public final class MetricsConfigurationCompiler {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** {@code version} (the core group) or {@code group/version}, as an API server spells them. */
  private static final Pattern API_VERSION = Pattern.compile("([^/\\s]+/)?[^/\\s]+");

  private MetricsConfigurationCompiler() {}

  /** Compiles these configurations in order; a family defined twice is kept the first time. */
  public static CompiledConfigurations compile(
      List<MetricsConfiguration> configurations, EngineOptions options) {
    List<CompiledConfiguration> compiled = new ArrayList<>();
    List<ConfigurationProblem> problems = new ArrayList<>();
    Map<String, String> familyOwners = new HashMap<>();
    for (MetricsConfiguration configuration : configurations) {
      CompiledConfiguration one = compileOne(configuration, options, problems, familyOwners);
      if (one != null) {
        compiled.add(one);
      }
    }
    return new CompiledConfigurations(compiled, problems, options);
  }

  /** {@link #compile(List, EngineOptions)} with {@link EngineOptions#DEFAULT}. */
  public static CompiledConfigurations compile(List<MetricsConfiguration> configurations) {
    return compile(configurations, EngineOptions.DEFAULT);
  }

  private static CompiledConfiguration compileOne(
      MetricsConfiguration configuration,
      EngineOptions options,
      List<ConfigurationProblem> problems,
      Map<String, String> familyOwners) {
    String name =
        configuration == null || configuration.getMetadata() == null
            ? ""
            : orEmpty(configuration.getMetadata().getName());
    String config = name.isEmpty() ? "(unnamed MetricsConfiguration)" : name;
    MetricsConfigurationSpec spec = configuration == null ? null : configuration.getSpec();
    if (spec == null) {
      problems.add(new ConfigurationProblem(config, "spec", "", "no spec"));
      return null;
    }
    String apiVersion =
        spec.getTargetRef() == null ? "" : orEmpty(spec.getTargetRef().getApiVersion());
    String kind = spec.getTargetRef() == null ? "" : orEmpty(spec.getTargetRef().getKind());
    if (apiVersion.isBlank() || kind.isBlank()) {
      problems.add(
          new ConfigurationProblem(
              config, "spec.targetRef", "", "targetRef needs an apiVersion and a kind"));
      return null;
    }
    if (!API_VERSION.matcher(apiVersion).matches()) {
      problems.add(
          new ConfigurationProblem(
              config,
              "spec.targetRef.apiVersion",
              "",
              "'" + apiVersion + "' is not <version> or <group>/<version>"));
      return null;
    }
    String prefix = CompiledConfiguration.prefixOf(apiVersion, kind);
    if (!METRIC_NAME.matcher(prefix).matches()) {
      problems.add(
          new ConfigurationProblem(
              config, "spec.targetRef", "", "gives the invalid family prefix " + prefix));
      return null;
    }
    String kindLabel = kind.toLowerCase(Locale.ROOT);
    if (!LABEL_NAME.matcher(kindLabel).matches()
        || kindLabel.startsWith("__")
        || kindLabel.equals("namespace")) {
      // The kind label names the object; it must be a label name other than namespace's.
      problems.add(
          new ConfigurationProblem(
              config,
              "spec.targetRef.kind",
              "",
              "gives the kind label '"
                  + kindLabel
                  + "', which is "
                  + (kindLabel.equals("namespace") ? "the namespace label" : "not a label name")));
      return null;
    }
    List<String> commonNames = new ArrayList<>();
    commonNames.add(kindLabel);
    commonNames.add("namespace");
    List<CompiledMetric.Source> commonSources = new ArrayList<>();
    List<CommonLabels> common = spec.getCommonLabels() == null ? List.of() : spec.getCommonLabels();
    for (int i = 0; i < common.size(); i++) {
      CommonLabels label = common.get(i);
      String where = "spec.commonLabels[" + i + "]";
      String problem =
          label == null
              ? "an empty label"
              : labelProblem(label.getKey(), label.getValue(), label.getValuePath(), commonNames);
      if (problem == null && label.getValue() == null) {
        ObjectPath path = ObjectPath.parse(label.getValuePath()).path().orElseThrow();
        if (path.hasElements()) {
          problem = "a common label cannot read an array element ([*])";
        }
      }
      if (problem != null) {
        problems.add(new ConfigurationProblem(config, where, "", problem));
        return null;
      }
      commonNames.add(label.getKey());
      commonSources.add(source(label.getValue(), label.getValuePath()));
    }
    List<CompiledMetric> metrics = new ArrayList<>();
    List<Metrics> declared = spec.getMetrics() == null ? List.of() : spec.getMetrics();
    if (declared.isEmpty()) {
      problems.add(new ConfigurationProblem(config, "spec.metrics", "", "no metrics"));
    }
    for (int i = 0; i < declared.size(); i++) {
      Metrics metric = declared.get(i);
      String where = "spec.metrics[" + i + "]";
      String family = metric == null || metric.getName() == null ? "" : prefix + metric.getName();
      List<String> reasons = new ArrayList<>();
      CompiledMetric compiled = compileMetric(metric, family, commonNames, options, reasons, where);
      if (compiled == null) {
        for (String reason : reasons) {
          problems.add(new ConfigurationProblem(config, where, family, reason));
        }
        continue;
      }
      String owner = familyOwners.putIfAbsent(family, config);
      if (owner != null) {
        problems.add(
            new ConfigurationProblem(
                config, where, family, "family already defined by " + owner + " (the first wins)"));
        continue;
      }
      metrics.add(compiled);
    }
    return new CompiledConfiguration(name, apiVersion, kind, commonNames, commonSources, metrics);
  }

  /**
   * The metric, or null with the reasons in {@code reasons}; the path in the configuration is
   * appended to each reason that is about a part of the metric.
   */
  private static CompiledMetric compileMetric(
      Metrics metric,
      String family,
      List<String> commonNames,
      EngineOptions options,
      List<String> reasons,
      String where) {
    if (metric == null) {
      reasons.add("an empty metric");
      return null;
    }
    if (metric.getName() == null || metric.getName().isBlank()) {
      reasons.add("name: missing");
      return null;
    }
    if (!METRIC_NAME.matcher(family).matches()) {
      reasons.add("name: '" + metric.getName() + "' gives the invalid family name " + family);
    }
    if (metric.getHelp() == null) {
      reasons.add("help: missing");
    }
    if (!"gauge".equals(metric.getType())) {
      reasons.add("type: '" + metric.getType() + "' is not gauge, the only type for objects");
    }
    // field
    Field field = metric.getField();
    CompiledMetric.FieldType fieldType = null;
    ObjectPath fieldPath = null;
    if (field != null) {
      fieldType = fieldType(field.getType());
      if (fieldType == null) {
        reasons.add(
            "field.type: '" + field.getType() + "' is not Integer, DateTime, String or Array");
      }
      ObjectPath.Result parsed = ObjectPath.parse(field.getPath());
      if (parsed.problem().isPresent()) {
        reasons.add("field.path: " + parsed.problem().get());
      } else {
        fieldPath = parsed.path().get();
        if (fieldPath.hasElements()) {
          reasons.add("field.path: [*] is not allowed; an Array field names the array itself");
        }
      }
    }
    String arrayPath =
        fieldType == CompiledMetric.FieldType.ARRAY && fieldPath != null ? fieldPath.text() : null;
    // labels
    Set<String> labelNames = new HashSet<>(commonNames);
    List<String> ownNames = new ArrayList<>();
    List<CompiledMetric.Source> labels = new ArrayList<>();
    List<Labels> declaredLabels = metric.getLabels() == null ? List.of() : metric.getLabels();
    for (int i = 0; i < declaredLabels.size(); i++) {
      Labels label = declaredLabels.get(i);
      String at = "labels[" + i + "]: ";
      String problem =
          label == null
              ? "an empty label"
              : labelProblem(
                  label.getKey(), label.getValue(), label.getValuePath(), List.copyOf(labelNames));
      if (problem != null) {
        reasons.add(at + problem);
        continue;
      }
      CompiledMetric.Source source = source(label.getValue(), label.getValuePath());
      String elementProblem = elementProblem(source, arrayPath);
      if (elementProblem != null) {
        reasons.add(at + elementProblem);
        continue;
      }
      labelNames.add(label.getKey());
      ownNames.add(label.getKey());
      labels.add(source);
    }
    // params
    List<String> paramNames = new ArrayList<>();
    List<CompiledMetric.Source> params = new ArrayList<>();
    List<Params> declaredParams = metric.getParams() == null ? List.of() : metric.getParams();
    for (int i = 0; i < declaredParams.size(); i++) {
      Params param = declaredParams.get(i);
      String at = "params[" + i + "]: ";
      if (param == null || param.getKey() == null || param.getKey().isEmpty()) {
        reasons.add(at + "a parameter needs a key");
        continue;
      }
      if (paramNames.contains(param.getKey())) {
        reasons.add(at + "parameter '" + param.getKey() + "' declared twice");
        continue;
      }
      if (param.getValue() == null) {
        ObjectPath.Result parsed = ObjectPath.parse(param.getValuePath());
        if (parsed.problem().isPresent()) {
          reasons.add(at + "needs a value or a valuePath: " + parsed.problem().get());
          continue;
        }
      }
      CompiledMetric.Source source = source(param.getValue(), param.getValuePath());
      String elementProblem = elementProblem(source, arrayPath);
      if (elementProblem != null) {
        reasons.add(at + elementProblem);
        continue;
      }
      paramNames.add(param.getKey());
      params.add(source);
    }
    // value or states
    List<String> stateValues = null;
    List<CompiledMetric.ValueSpec> values = new ArrayList<>();
    if (metric.getStates() != null) {
      String labelKey = metric.getStates().getLabelKey();
      if (labelKey == null
          || !LABEL_NAME.matcher(labelKey).matches()
          || labelKey.startsWith("__")) {
        reasons.add("states.labelKey: '" + labelKey + "' is not a label name");
      } else if (labelNames.contains(labelKey)) {
        reasons.add("states.labelKey: label '" + labelKey + "' is already a label of this metric");
      } else {
        ownNames.add(labelKey);
      }
      List<Values> states =
          metric.getStates().getValues() == null ? List.of() : metric.getStates().getValues();
      if (states.isEmpty()) {
        reasons.add("states.values: no states");
      }
      stateValues = new ArrayList<>();
      for (int i = 0; i < states.size(); i++) {
        Values state = states.get(i);
        String at = "states.values[" + i + "]";
        if (state == null || state.getLabelValue() == null) {
          reasons.add(at + ".labelValue: missing");
          continue;
        }
        if (stateValues.contains(state.getLabelValue())) {
          reasons.add(at + ".labelValue: '" + state.getLabelValue() + "' listed twice");
          continue;
        }
        stateValues.add(state.getLabelValue());
        var mv = state.getMetricValue();
        CompiledMetric.ValueSpec spec =
            mv == null
                ? null
                : valueSpec(
                    mv.getValue(),
                    mv.getValueFromPath(),
                    mv.getValueFromExpression(),
                    paramNames,
                    arrayPath,
                    at + ".metricValue",
                    reasons);
        if (mv == null) {
          reasons.add(at + ".metricValue: missing");
        }
        values.add(spec);
      }
    } else {
      MetricValue mv = metric.getMetricValue();
      if (mv == null) {
        reasons.add("metricValue: a metric needs states or a metricValue");
      } else {
        values.add(
            valueSpec(
                mv.getValue(),
                mv.getValueFromPath(),
                mv.getValueFromExpression(),
                paramNames,
                arrayPath,
                "metricValue",
                reasons));
      }
    }
    if (!reasons.isEmpty()) {
      return null;
    }
    return new CompiledMetric(
        where,
        family,
        metric.getHelp(),
        ownNames,
        fieldType,
        fieldPath,
        labels,
        params,
        stateValues,
        values,
        options.seriesLimitPerMetric());
  }

  private static CompiledMetric.ValueSpec valueSpec(
      Double value,
      String valueFromPath,
      String valueFromExpression,
      List<String> paramNames,
      String arrayPath,
      String at,
      List<String> reasons) {
    if (value != null) {
      if (value.isNaN() || value.isInfinite()) {
        reasons.add(at + ".value: not a finite number");
        return null;
      }
      return new CompiledMetric.ValueSpec(value, null, null);
    }
    if (valueFromPath != null) {
      ObjectPath.Result parsed = ObjectPath.parse(valueFromPath);
      if (parsed.problem().isPresent()) {
        reasons.add(at + ".valueFromPath: " + parsed.problem().get());
        return null;
      }
      CompiledMetric.Source source = new CompiledMetric.Source(null, parsed.path().get());
      String elementProblem = elementProblem(source, arrayPath);
      if (elementProblem != null) {
        reasons.add(at + ".valueFromPath: " + elementProblem);
        return null;
      }
      return new CompiledMetric.ValueSpec(null, parsed.path().get(), null);
    }
    if (valueFromExpression != null) {
      ExpressionParser.Result parsed = ExpressionParser.parse(valueFromExpression, paramNames);
      if (parsed.problem().isPresent()) {
        reasons.add(at + ".valueFromExpression: " + parsed.problem().get());
        return null;
      }
      return new CompiledMetric.ValueSpec(null, null, parsed.expression().get());
    }
    reasons.add(at + ": needs value, valueFromPath or valueFromExpression");
    return null;
  }

  /** A label's key and source, checked; null when fine. */
  private static String labelProblem(
      String key, String value, String valuePath, List<String> taken) {
    if (key == null || !LABEL_NAME.matcher(key).matches() || key.startsWith("__")) {
      return "'" + key + "' is not a label name";
    }
    if (taken.contains(key)) {
      return "label '" + key + "' is already a label of this metric";
    }
    if (value == null) {
      ObjectPath.Result parsed = ObjectPath.parse(valuePath);
      if (parsed.problem().isPresent()) {
        return "needs a value or a valuePath: " + parsed.problem().get();
      }
    }
    return null;
  }

  /** An element path outside an Array metric, or under another array than the metric's. */
  private static String elementProblem(CompiledMetric.Source source, String arrayPath) {
    if (source.path() == null || !source.path().hasElements()) {
      return null;
    }
    if (arrayPath == null) {
      return "path " + source.path() + " reads [*] but the metric's field is not an Array";
    }
    if (!source.path().arrayText().equals(arrayPath)) {
      return "path " + source.path() + " reads another array than the field " + arrayPath;
    }
    return null;
  }

  private static CompiledMetric.Source source(String value, String valuePath) {
    // A constant wins over a path (the CRD: "If both is specified, ValuePath is ignored").
    return value != null
        ? new CompiledMetric.Source(value, null)
        : new CompiledMetric.Source(null, ObjectPath.parse(valuePath).path().orElseThrow());
  }

  private static CompiledMetric.FieldType fieldType(String type) {
    if (type == null) {
      return null;
    }
    return switch (type) {
      case "Integer" -> CompiledMetric.FieldType.INTEGER;
      case "DateTime" -> CompiledMetric.FieldType.DATE_TIME;
      case "String" -> CompiledMetric.FieldType.STRING;
      case "Array" -> CompiledMetric.FieldType.ARRAY;
      default -> null;
    };
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
