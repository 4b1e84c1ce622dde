package io.github.kubestashmetrics.metrics.language;

import io.github.kubestashmetrics.metrics.internal.calculator.ResourceCalculators;
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
 * Compiles one MetricsConfiguration at a time: every path parsed, every expression parsed and its
 * parameters resolved, every name checked. A problem rejects only its metric (or, for the target
 * and the common labels, its configuration); every problem is reported with its code, the full path
 * of the offending field and the configuration's origin. Conflicts between configurations are not
 * the compiler's: {@code ConfigurationPlan} decides them. Never throws for any configuration
 * content.
 */
public final class MetricsConfigurationCompiler {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** {@code version} (the core group) or {@code group/version}, as an API server spells them. */
  private static final Pattern API_VERSION = Pattern.compile("([^/\\s]+/)?[^/\\s]+");

  private MetricsConfigurationCompiler() {}

  /**
   * Compiles one configuration: the result holds it (with its accepted metrics) unless it is
   * rejected whole, and every problem found. Within the configuration a family declared twice keeps
   * its first declaration.
   */
  public static CompiledConfigurations compile(
      MetricsConfiguration configuration, ConfigurationOrigin origin, EngineOptions options) {
    String name =
        configuration == null || configuration.getMetadata() == null
            ? ""
            : orEmpty(configuration.getMetadata().getName());
    Problems problems = new Problems(name, origin);
    CompiledConfiguration one = compileOne(configuration, name, options, problems);
    return new CompiledConfigurations(
        one == null ? List.of() : List.of(one), problems.list, options);
  }

  /** {@link #compile(MetricsConfiguration, ConfigurationOrigin, EngineOptions)}. */
  public static CompiledConfigurations compile(
      SourcedConfiguration configuration, EngineOptions options) {
    return compile(configuration.configuration(), configuration.origin(), options);
  }

  /** Every problem of one configuration, each with its code, path and origin. */
  private static final class Problems {
    final String configuration;
    final ConfigurationOrigin origin;
    final List<ConfigurationProblem> list = new ArrayList<>();

    Problems(String configuration, ConfigurationOrigin origin) {
      this.configuration = configuration;
      this.origin = origin;
    }

    void add(ProblemCode code, String path, String family, String reason) {
      list.add(new ConfigurationProblem(code, configuration, origin, path, family, reason));
    }

    int count() {
      return list.size();
    }
  }

  /** A problem of a field found by a check: its code, the path below the checked part, words. */
  private record Found(ProblemCode code, String subPath, String reason) {}

  private static CompiledConfiguration compileOne(
      MetricsConfiguration configuration, String name, EngineOptions options, Problems problems) {
    MetricsConfigurationSpec spec = configuration == null ? null : configuration.getSpec();
    if (spec == null) {
      problems.add(ProblemCode.NO_SPEC, "spec", "", "no spec");
      return null;
    }
    String apiVersion =
        spec.getTargetRef() == null ? "" : orEmpty(spec.getTargetRef().getApiVersion());
    String kind = spec.getTargetRef() == null ? "" : orEmpty(spec.getTargetRef().getKind());
    if (apiVersion.isBlank() || kind.isBlank()) {
      problems.add(
          ProblemCode.TARGET_MISSING,
          spec.getTargetRef() == null
              ? "spec.targetRef"
              : apiVersion.isBlank() ? "spec.targetRef.apiVersion" : "spec.targetRef.kind",
          "",
          "targetRef needs an apiVersion and a kind");
      return null;
    }
    if (!API_VERSION.matcher(apiVersion).matches()) {
      problems.add(
          ProblemCode.TARGET_INVALID,
          "spec.targetRef.apiVersion",
          "",
          "'" + apiVersion + "' is not <version> or <group>/<version>");
      return null;
    }
    String prefix = CompiledConfiguration.prefixOf(apiVersion, kind);
    if (!METRIC_NAME.matcher(prefix).matches()) {
      problems.add(
          ProblemCode.TARGET_INVALID,
          "spec.targetRef",
          "",
          "gives the invalid family prefix " + prefix);
      return null;
    }
    String kindLabel = kind.toLowerCase(Locale.ROOT);
    if (!LABEL_NAME.matcher(kindLabel).matches()
        || kindLabel.startsWith("__")
        || kindLabel.equals("namespace")) {
      // The kind label names the object; it must be a label name other than namespace's.
      problems.add(
          ProblemCode.TARGET_INVALID,
          "spec.targetRef.kind",
          "",
          "gives the kind label '"
              + kindLabel
              + "', which is "
              + (kindLabel.equals("namespace") ? "the namespace label" : "not a label name"));
      return null;
    }
    List<String> commonNames = new ArrayList<>();
    commonNames.add(kindLabel);
    commonNames.add("namespace");
    List<CompiledMetric.Source> commonSources = new ArrayList<>();
    List<CommonLabels> common = spec.getCommonLabels() == null ? List.of() : spec.getCommonLabels();
    int before = problems.count();
    for (int i = 0; i < common.size(); i++) {
      CommonLabels label = common.get(i);
      String where = "spec.commonLabels[" + i + "]";
      Found problem =
          label == null
              ? new Found(ProblemCode.EMPTY_ENTRY, "", "an empty label")
              : labelProblem(label.getKey(), label.getValue(), label.getValuePath(), commonNames);
      if (problem == null && label.getValue() == null) {
        ObjectPath path = ObjectPath.parse(label.getValuePath()).path().orElseThrow();
        if (path.hasElements()) {
          problem =
              new Found(
                  ProblemCode.ARRAY_PATH,
                  ".valuePath",
                  "a common label cannot read an array element ([*])");
        }
      }
      if (problem != null) {
        // Every bad common label is reported; any of them rejects the configuration.
        problems.add(problem.code(), where + problem.subPath(), "", problem.reason());
        continue;
      }
      commonNames.add(label.getKey());
      commonSources.add(source(label.getValue(), label.getValuePath()));
    }
    if (problems.count() > before) {
      return null;
    }
    List<CompiledMetric> metrics = new ArrayList<>();
    List<Metrics> declared = spec.getMetrics() == null ? List.of() : spec.getMetrics();
    if (declared.isEmpty()) {
      problems.add(ProblemCode.NO_METRICS, "spec.metrics", "", "no metrics");
    }
    Map<String, String> declaredAt = new HashMap<>();
    for (int i = 0; i < declared.size(); i++) {
      Metrics metric = declared.get(i);
      String where = "spec.metrics[" + i + "]";
      String family = metric == null || metric.getName() == null ? "" : prefix + metric.getName();
      CompiledMetric compiled =
          compileMetric(metric, family, commonNames, options, problems, where);
      if (compiled == null) {
        continue;
      }
      String first = declaredAt.putIfAbsent(family, where);
      if (first != null) {
        problems.add(
            ProblemCode.DUPLICATE_FAMILY,
            where + ".name",
            family,
            "family already declared at " + first + " of this configuration (the first is kept)");
        continue;
      }
      metrics.add(compiled);
    }
    return new CompiledConfiguration(name, apiVersion, kind, commonNames, commonSources, metrics);
  }

  /** The metric, or null when it has any problem (each added to {@code problems}). */
  private static CompiledMetric compileMetric(
      Metrics metric,
      String family,
      List<String> commonNames,
      EngineOptions options,
      Problems problems,
      String where) {
    if (metric == null) {
      problems.add(ProblemCode.EMPTY_ENTRY, where, "", "an empty metric");
      return null;
    }
    if (metric.getName() == null || metric.getName().isBlank()) {
      problems.add(ProblemCode.MISSING_FIELD, where + ".name", "", "name: missing");
      return null;
    }
    int before = problems.count();
    if (!METRIC_NAME.matcher(family).matches()) {
      problems.add(
          ProblemCode.INVALID_NAME,
          where + ".name",
          family,
          "'" + metric.getName() + "' gives the invalid family name " + family);
    }
    if (metric.getHelp() == null) {
      problems.add(ProblemCode.MISSING_FIELD, where + ".help", family, "missing");
    }
    if (!"gauge".equals(metric.getType())) {
      problems.add(
          ProblemCode.UNSUPPORTED_METRIC_TYPE,
          where + ".type",
          family,
          "'" + metric.getType() + "' is not gauge, the only type for objects");
    }
    // field
    Field field = metric.getField();
    CompiledMetric.FieldType fieldType = null;
    ObjectPath fieldPath = null;
    if (field != null) {
      fieldType = fieldType(field.getType());
      if (fieldType == null) {
        problems.add(
            ProblemCode.INVALID_FIELD_TYPE,
            where + ".field.type",
            family,
            "'" + field.getType() + "' is not Integer, DateTime, String or Array");
      }
      ObjectPath.Result parsed = ObjectPath.parse(field.getPath());
      if (parsed.problem().isPresent()) {
        problems.add(
            ProblemCode.PATH_SYNTAX, where + ".field.path", family, parsed.problem().get());
      } else {
        fieldPath = parsed.path().get();
        if (fieldPath.hasElements()) {
          problems.add(
              ProblemCode.ARRAY_PATH,
              where + ".field.path",
              family,
              "[*] is not allowed; an Array field names the array itself");
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
      String at = where + ".labels[" + i + "]";
      Found problem =
          label == null
              ? new Found(ProblemCode.EMPTY_ENTRY, "", "an empty label")
              : labelProblem(
                  label.getKey(), label.getValue(), label.getValuePath(), List.copyOf(labelNames));
      if (problem == null) {
        problem =
            elementProblem(source(label.getValue(), label.getValuePath()), arrayPath, ".valuePath");
      }
      if (problem != null) {
        problems.add(problem.code(), at + problem.subPath(), family, problem.reason());
        continue;
      }
      labelNames.add(label.getKey());
      ownNames.add(label.getKey());
      labels.add(source(label.getValue(), label.getValuePath()));
    }
    // params
    List<String> paramNames = new ArrayList<>();
    List<CompiledMetric.Source> params = new ArrayList<>();
    List<Params> declaredParams = metric.getParams() == null ? List.of() : metric.getParams();
    for (int i = 0; i < declaredParams.size(); i++) {
      Params param = declaredParams.get(i);
      String at = where + ".params[" + i + "]";
      if (param == null || param.getKey() == null || param.getKey().isEmpty()) {
        problems.add(ProblemCode.MISSING_FIELD, at + ".key", family, "a parameter needs a key");
        continue;
      }
      if (paramNames.contains(param.getKey())) {
        problems.add(
            ProblemCode.DUPLICATE_NAME,
            at + ".key",
            family,
            "parameter '" + param.getKey() + "' declared twice");
        continue;
      }
      if (param.getValue() == null) {
        Found problem = valuePathProblem(param.getValuePath());
        if (problem != null) {
          problems.add(problem.code(), at + problem.subPath(), family, problem.reason());
          continue;
        }
      }
      CompiledMetric.Source source = source(param.getValue(), param.getValuePath());
      Found elementProblem = elementProblem(source, arrayPath, ".valuePath");
      if (elementProblem != null) {
        problems.add(
            elementProblem.code(), at + elementProblem.subPath(), family, elementProblem.reason());
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
        problems.add(
            ProblemCode.INVALID_NAME,
            where + ".states.labelKey",
            family,
            "'" + labelKey + "' is not a label name");
      } else if (labelNames.contains(labelKey)) {
        problems.add(
            ProblemCode.DUPLICATE_NAME,
            where + ".states.labelKey",
            family,
            "label '" + labelKey + "' is already a label of this metric");
      } else {
        ownNames.add(labelKey);
      }
      List<Values> states =
          metric.getStates().getValues() == null ? List.of() : metric.getStates().getValues();
      if (states.isEmpty()) {
        problems.add(ProblemCode.MISSING_FIELD, where + ".states.values", family, "no states");
      }
      stateValues = new ArrayList<>();
      for (int i = 0; i < states.size(); i++) {
        Values state = states.get(i);
        String at = where + ".states.values[" + i + "]";
        if (state == null || state.getLabelValue() == null) {
          problems.add(ProblemCode.MISSING_FIELD, at + ".labelValue", family, "missing");
          continue;
        }
        if (stateValues.contains(state.getLabelValue())) {
          problems.add(
              ProblemCode.DUPLICATE_NAME,
              at + ".labelValue",
              family,
              "'" + state.getLabelValue() + "' listed twice");
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
                    family,
                    problems,
                    options.resourceCalculators());
        if (mv == null) {
          problems.add(ProblemCode.MISSING_FIELD, at + ".metricValue", family, "missing");
        }
        values.add(spec);
      }
    } else {
      MetricValue mv = metric.getMetricValue();
      if (mv == null) {
        problems.add(
            ProblemCode.MISSING_FIELD,
            where + ".metricValue",
            family,
            "a metric needs states or a metricValue");
      } else {
        values.add(
            valueSpec(
                mv.getValue(),
                mv.getValueFromPath(),
                mv.getValueFromExpression(),
                paramNames,
                arrayPath,
                where + ".metricValue",
                family,
                problems,
                options.resourceCalculators()));
      }
    }
    if (problems.count() > before) {
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
      String family,
      Problems problems,
      ResourceCalculators calculators) {
    if (value != null) {
      if (value.isNaN() || value.isInfinite()) {
        problems.add(ProblemCode.INVALID_VALUE, at + ".value", family, "not a finite number");
        return null;
      }
      return new CompiledMetric.ValueSpec(value, null, null);
    }
    if (valueFromPath != null) {
      ObjectPath.Result parsed = ObjectPath.parse(valueFromPath);
      if (parsed.problem().isPresent()) {
        problems.add(
            ProblemCode.PATH_SYNTAX, at + ".valueFromPath", family, parsed.problem().get());
        return null;
      }
      CompiledMetric.Source source = new CompiledMetric.Source(null, parsed.path().get());
      Found elementProblem = elementProblem(source, arrayPath, ".valueFromPath");
      if (elementProblem != null) {
        problems.add(
            elementProblem.code(), at + elementProblem.subPath(), family, elementProblem.reason());
        return null;
      }
      return new CompiledMetric.ValueSpec(null, parsed.path().get(), null);
    }
    if (valueFromExpression != null) {
      ExpressionParser.Result parsed =
          ExpressionParser.parse(valueFromExpression, paramNames, calculators);
      if (parsed.failure().isPresent()) {
        ExpressionParser.Failure failure = parsed.failure().get();
        problems.add(
            expressionCode(failure.kind()), at + ".valueFromExpression", family, failure.message());
        return null;
      }
      return new CompiledMetric.ValueSpec(null, null, parsed.expression().get());
    }
    problems.add(
        ProblemCode.MISSING_FIELD, at, family, "needs value, valueFromPath or valueFromExpression");
    return null;
  }

  /** The problem code of each kind of {@link ExpressionParser} failure, one to one. */
  private static ProblemCode expressionCode(ExpressionParser.Kind kind) {
    return switch (kind) {
      case SYNTAX -> ProblemCode.EXPRESSION_SYNTAX;
      case UNSUPPORTED -> ProblemCode.EXPRESSION_UNSUPPORTED;
      case UNKNOWN_FUNCTION -> ProblemCode.UNKNOWN_FUNCTION;
      case UNKNOWN_PARAMETER -> ProblemCode.UNKNOWN_PARAMETER;
      case ARITY -> ProblemCode.FUNCTION_ARITY;
      case TYPE -> ProblemCode.EXPRESSION_TYPE;
    };
  }

  /** A label's key and source, checked; null when fine. */
  private static Found labelProblem(
      String key, String value, String valuePath, List<String> taken) {
    if (key == null || !LABEL_NAME.matcher(key).matches() || key.startsWith("__")) {
      return new Found(ProblemCode.INVALID_NAME, ".key", "'" + key + "' is not a label name");
    }
    if (taken.contains(key)) {
      return new Found(
          ProblemCode.DUPLICATE_NAME,
          ".key",
          "label '" + key + "' is already a label of this metric");
    }
    return value == null ? valuePathProblem(valuePath) : null;
  }

  /** A {@code valuePath} where no {@code value} is given, checked; null when fine. */
  private static Found valuePathProblem(String valuePath) {
    if (valuePath == null) {
      return new Found(ProblemCode.MISSING_FIELD, ".valuePath", "needs a value or a valuePath");
    }
    ObjectPath.Result parsed = ObjectPath.parse(valuePath);
    return parsed.problem().isPresent()
        ? new Found(
            ProblemCode.PATH_SYNTAX,
            ".valuePath",
            "needs a value or a valuePath: " + parsed.problem().get())
        : null;
  }

  /** An element path outside an Array metric, or under another array than the metric's. */
  private static Found elementProblem(
      CompiledMetric.Source source, String arrayPath, String subPath) {
    if (source.path() == null || !source.path().hasElements()) {
      return null;
    }
    if (arrayPath == null) {
      return new Found(
          ProblemCode.ARRAY_PATH,
          subPath,
          "path " + source.path() + " reads [*] but the metric's field is not an Array");
    }
    if (!source.path().arrayText().equals(arrayPath)) {
      return new Found(
          ProblemCode.ARRAY_PATH,
          subPath,
          "path " + source.path() + " reads another array than the field " + arrayPath);
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
