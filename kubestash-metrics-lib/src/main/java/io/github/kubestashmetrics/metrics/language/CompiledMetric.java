package io.github.kubestashmetrics.metrics.language;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kubestashmetrics.metrics.internal.calculator.CalculationMemo;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One accepted metric of a configuration, compiled: its family name, HELP, own label names and how
 * an object (a JSON tree) becomes its series. Immutable and thread-safe. {@link #render} never
 * throws for any object.
 *
 * <p>Rules (see the library README's language reference): {@code field.type} gates the metric
 * ({@code Integer}/{@code DateTime}: absent gives no series; {@code Array}: one series per
 * element); a source of the wrong JSON type, text a value function cannot parse, or an expression
 * that fails costs the whole metric of that object with one error; two elements with the same
 * labels give one series (the first); more series than the limit give none and an error.
 */
public final class CompiledMetric {

  /** The JSON shape {@code field.type} names. */
  enum FieldType {
    INTEGER,
    DATE_TIME,
    STRING,
    ARRAY
  }

  /** A label or parameter source: a constant, or a path read from the object or the element. */
  record Source(String constant, ObjectPath path) {
    boolean perElement() {
      return path != null && path.hasElements();
    }

    JsonNode read(JsonNode object, JsonNode element) {
      if (path == null) {
        return null;
      }
      return path.hasElements() ? path.readElement(element) : path.read(object);
    }
  }

  /** How one sample is obtained: a constant, a path, or an expression over the parameters. */
  record ValueSpec(Double constant, ObjectPath path, Expression expression) {}

  private final String where; // spec.metrics[i]
  private final String name;
  private final String help;
  private final List<String> ownLabelNames;
  private final FieldType fieldType;
  private final ObjectPath field;
  private final Source[] labels;
  private final Source[] params;
  private final String[] stateValues; // null when the metric has no states
  private final ValueSpec[] values; // one per state, or one
  private final int seriesLimit;

  /**
   * True when a label, param or value path reads a field inside an array element ({@code
   * [*].name}): an element that is not an object then contradicts the paths, a wrong JSON type for
   * the whole metric, as the typed catalogue reads its iterated arrays strictly. A path that reads
   * the element itself ({@code [*]}) accepts any element.
   */
  private final boolean readsInsideElements;

  CompiledMetric(
      String where,
      String name,
      String help,
      List<String> ownLabelNames,
      FieldType fieldType,
      ObjectPath field,
      List<Source> labels,
      List<Source> params,
      List<String> stateValues,
      List<ValueSpec> values,
      int seriesLimit) {
    this.where = where;
    this.name = name;
    this.help = help;
    this.ownLabelNames = List.copyOf(ownLabelNames);
    this.fieldType = fieldType;
    this.field = field;
    this.labels = labels.toArray(new Source[0]);
    this.params = params.toArray(new Source[0]);
    this.stateValues = stateValues == null ? null : stateValues.toArray(new String[0]);
    this.values = values.toArray(new ValueSpec[0]);
    this.seriesLimit = seriesLimit;
    boolean inside = false;
    for (Source source : this.labels) {
      inside |= readsInside(source.path());
    }
    for (Source source : this.params) {
      inside |= readsInside(source.path());
    }
    for (ValueSpec value : this.values) {
      inside |= readsInside(value.path());
    }
    this.readsInsideElements = inside;
  }

  private static boolean readsInside(ObjectPath path) {
    return path != null && path.hasElements() && !path.elementSteps().isEmpty();
  }

  /** Where in its configuration it is declared, e.g. {@code spec.metrics[3]}. */
  public String where() {
    return where;
  }

  /**
   * Writes everything that decides how this metric renders (not where it was declared), so that two
   * metrics with the same form render every object identically.
   */
  void describe(CanonicalForm out) {
    out.tag('M').string(name).string(help).strings(ownLabelNames);
    out.string(fieldType == null ? null : fieldType.name()).path(field);
    out.number(labels.length);
    for (Source label : labels) {
      describe(label, out);
    }
    out.number(params.length);
    for (Source param : params) {
      describe(param, out);
    }
    out.strings(stateValues == null ? List.of() : List.of(stateValues))
        .tag(stateValues == null ? 'n' : 's');
    out.number(values.length);
    for (ValueSpec value : values) {
      if (value == null) {
        out.tag('-');
      } else if (value.constant() != null) {
        out.tag('k').string(Double.toString(value.constant()));
      } else if (value.path() != null) {
        out.tag('v').path(value.path());
      } else {
        out.tag('e').expression(value.expression());
      }
    }
    out.number(seriesLimit);
  }

  static void describe(Source source, CanonicalForm out) {
    if (source.constant() != null) {
      out.tag('c').string(source.constant());
    } else {
      out.tag('r').path(source.path());
    }
  }

  /** The full family name, {@code <group>_<kind>_<metric>}. */
  public String name() {
    return name;
  }

  public String help() {
    return help;
  }

  /** The metric's own labels in order, then the state label when it has states. */
  public List<String> ownLabelNames() {
    return ownLabelNames;
  }

  /**
   * Appends this object's series to {@code rows} and returns null, or returns the {@link
   * MappingError} reason that costs the object this whole metric (then nothing is appended).
   */
  public String render(JsonNode object, MetricRows rows) {
    return render(object, rows, rows.memo());
  }

  /**
   * {@link #render(JsonNode, MetricRows)} with {@code memo}, which keeps the resource calculators'
   * sums for this render of this object, so the metrics that call them compute each once.
   */
  private String render(JsonNode object, MetricRows rows, CalculationMemo memo) {
    int first = rows.size();
    String reason;
    if (fieldType == FieldType.ARRAY) {
      reason = renderElements(object, rows, first, memo);
    } else {
      reason = gate(field == null ? null : field.read(object));
      if (reason == null) {
        reason = renderOne(object, null, rows, first, memo);
      } else if (reason == ABSENT_FIELD) {
        reason = null;
      }
    }
    if (reason == null && rows.size() - first > seriesLimit) {
      reason = MappingError.SERIES_LIMIT;
    }
    if (reason != null) {
      rows.truncate(first);
    }
    return reason;
  }

  /** Marks "the gating field is absent": no series and no error. */
  private static final String ABSENT_FIELD = "absent";

  private String gate(JsonNode value) {
    if (fieldType == null) {
      return null;
    }
    if (value == ObjectPath.MISMATCH) {
      return MappingError.WRONG_JSON_TYPE;
    }
    switch (fieldType) {
      case INTEGER:
        if (value == null) {
          return ABSENT_FIELD;
        }
        return isIntegral(value) ? null : MappingError.WRONG_JSON_TYPE;
      case DATE_TIME:
        if (value == null) {
          return ABSENT_FIELD;
        }
        return value.isValueNode() ? null : MappingError.WRONG_JSON_TYPE;
      default:
        // STRING does not gate on absence: the expression decides (rule 5). A number or boolean
        // is text as its JSON text (as the typed model reads it); an object or array is not.
        return value == null || value.isValueNode() ? null : MappingError.WRONG_JSON_TYPE;
    }
  }

  private String renderElements(JsonNode object, MetricRows rows, int first, CalculationMemo memo) {
    JsonNode array = field.read(object);
    if (array == null) {
      return null;
    }
    if (array == ObjectPath.MISMATCH || !array.isArray()) {
      return MappingError.WRONG_JSON_TYPE;
    }
    Set<List<String>> seen = array.size() > 16 ? new HashSet<>() : null;
    for (JsonNode element : array) {
      if (element == null || element.isNull()) {
        continue;
      }
      if (readsInsideElements && !element.isObject()) {
        return MappingError.WRONG_JSON_TYPE;
      }
      String reason = renderOne(object, element, rows, first, memo);
      if (reason != null) {
        return reason;
      }
      if (rows.size() - first > seriesLimit) {
        return MappingError.SERIES_LIMIT;
      }
    }
    return null;
  }

  /** The series of the object, or of one array element (element != null). */
  private String renderOne(
      JsonNode object, JsonNode element, MetricRows rows, int first, CalculationMemo memo) {
    String[] labelValues = new String[ownLabelNames.size()];
    for (int i = 0; i < labels.length; i++) {
      Source label = labels[i];
      if (label.constant() != null) {
        labelValues[i] = emptyToNull(label.constant());
      } else {
        labelValues[i] = CompiledConfiguration.labelText(label.read(object, element));
      }
    }
    Object[] parameters = null;
    if (params.length > 0) {
      parameters = new Object[params.length];
      for (int i = 0; i < params.length; i++) {
        Source param = params[i];
        if (param.constant() != null) {
          parameters[i] = param.constant();
        } else {
          JsonNode value = param.read(object, element);
          if (value == ObjectPath.MISMATCH) {
            return MappingError.WRONG_JSON_TYPE;
          }
          parameters[i] = parameterValue(value);
        }
      }
    }
    for (int s = 0; s < values.length; s++) {
      String[] rowLabels = labelValues;
      if (stateValues != null) {
        rowLabels = labelValues.clone();
        rowLabels[labels.length] = stateValues[s];
      }
      Object sample;
      try {
        sample = sample(values[s], object, element, parameters, memo);
      } catch (EvaluationException e) {
        return e.reason();
      }
      if (sample == Function.ABSENT) {
        continue;
      }
      if (element != null && rows.contains(first, rowLabels)) {
        continue; // rule 4: the first element with these labels wins
      }
      if (sample instanceof Long l) {
        rows.add(rowLabels, l.longValue());
      } else {
        rows.add(rowLabels, ((Double) sample).doubleValue());
      }
    }
    return null;
  }

  /** A Long, a finite Double or {@link Function#ABSENT}. */
  private Object sample(
      ValueSpec spec, JsonNode object, JsonNode element, Object[] parameters, CalculationMemo memo)
      throws EvaluationException {
    if (spec.constant() != null) {
      return spec.constant();
    }
    if (spec.path() != null) {
      JsonNode value =
          spec.path().hasElements() ? spec.path().readElement(element) : spec.path().read(object);
      return pathSample(value);
    }
    Object result = spec.expression().evaluate(parameters, memo);
    if (result == Function.ABSENT || result instanceof Long) {
      return result;
    }
    if (result instanceof Boolean b) {
      return b ? ExpressionValues.ONE : ExpressionValues.ZERO;
    }
    if (result instanceof Double d) {
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw EvaluationException.of("not a finite number");
      }
      return d;
    }
    throw EvaluationException.of("the expression's result is not a number or a boolean");
  }

  private Object pathSample(JsonNode value) throws EvaluationException {
    if (value == null) {
      return Function.ABSENT;
    }
    if (value == ObjectPath.MISMATCH) {
      throw EvaluationException.of("not an object on the path", MappingError.WRONG_JSON_TYPE);
    }
    if (fieldType == FieldType.DATE_TIME) {
      if (!value.isValueNode()) {
        throw EvaluationException.of("not RFC 3339 text", MappingError.WRONG_JSON_TYPE);
      }
      // A number or boolean is read as its JSON text, which is never RFC 3339.
      var seconds =
          io.github.kubestashmetrics.metrics.internal.value.Rfc3339.parseEpochSeconds(
              value.asText());
      if (seconds.isEmpty()) {
        throw EvaluationException.of("not RFC 3339", MappingError.UNPARSEABLE_TIMESTAMP);
      }
      return seconds.getAsDouble();
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    if (value.isNumber()) {
      if (fieldType == FieldType.INTEGER) {
        throw EvaluationException.of("not an integer", MappingError.WRONG_JSON_TYPE);
      }
      double d = value.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw EvaluationException.of("not a finite number", MappingError.WRONG_JSON_TYPE);
      }
      return d;
    }
    if (value.isTextual() && fieldType != FieldType.INTEGER) {
      try {
        double d = new BigDecimal(value.textValue().strip()).doubleValue();
        if (!Double.isInfinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // falls through: text that is not a number
      }
    }
    throw EvaluationException.of("not a number", MappingError.WRONG_JSON_TYPE);
  }

  /**
   * How a JSON value reaches an expression: a string as itself, a number as a float64, a boolean as
   * the string {@code true}/{@code false}, an object or array as itself, missing or null as {@link
   * Expression#NIL}.
   */
  static Object parameterValue(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Expression.NIL;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue() ? "true" : "false";
    }
    return node;
  }

  private static boolean isIntegral(JsonNode value) {
    // As the typed model reads integers: 12.0 or "12" is not an integer field's value.
    return value.isIntegralNumber();
  }

  private static String emptyToNull(String text) {
    return text.isEmpty() ? null : text;
  }
}
