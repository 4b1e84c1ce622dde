package io.github.kubestashmetrics.metrics.language;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kubestashmetrics.metrics.LabelText;
import java.util.List;
import java.util.Locale;

/**
 * One MetricsConfiguration, compiled: the target kind, the common labels (the kind label and {@code
 * namespace} first, then {@code commonLabels}) and the accepted metrics. Immutable.
 */
public final class CompiledConfiguration {

  private final String name;
  private final String apiVersion;
  private final String kind;
  private final List<String> commonLabelNames;
  private final CompiledMetric.Source[] commonLabels; // after the kind label and namespace
  private final List<CompiledMetric> metrics;

  CompiledConfiguration(
      String name,
      String apiVersion,
      String kind,
      List<String> commonLabelNames,
      List<CompiledMetric.Source> commonLabels,
      List<CompiledMetric> metrics) {
    this.name = name;
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.commonLabelNames = List.copyOf(commonLabelNames);
    this.commonLabels = commonLabels.toArray(new CompiledMetric.Source[0]);
    this.metrics = List.copyOf(metrics);
  }

  /** The same configuration with only these of its metrics (e.g. those that won a conflict). */
  public CompiledConfiguration withMetrics(List<CompiledMetric> kept) {
    return new CompiledConfiguration(
        name, apiVersion, kind, commonLabelNames, List.of(commonLabels), kept);
  }

  /**
   * Writes what decides how its common labels render: target, common label names and sources (not
   * the configuration's name).
   */
  public void describeCommonLabels(CanonicalForm out) {
    out.tag('T').string(apiVersion).string(kind).strings(commonLabelNames);
    out.number(commonLabels.length);
    for (CompiledMetric.Source label : commonLabels) {
      CompiledMetric.describe(label, out);
    }
  }

  /** The configuration's {@code metadata.name}. */
  public String name() {
    return name;
  }

  /** The target's {@code apiVersion}, {@code group/version}. */
  public String apiVersion() {
    return apiVersion;
  }

  /** The target's kind, e.g. {@code BackupSession}. */
  public String kind() {
    return kind;
  }

  /** The target's API group ("" for the core group). */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** {@code <group with dots as underscores>_<kind in lower case>_} (no group part for core). */
  public static String prefixOf(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String kindPart = kind.toLowerCase(Locale.ROOT) + "_";
    return group.isEmpty() ? kindPart : group.replace('.', '_') + "_" + kindPart;
  }

  /** The kind label, {@code namespace}, then the configuration's common labels. */
  public List<String> commonLabelNames() {
    return commonLabelNames;
  }

  /** The accepted metrics, in configuration order. */
  public List<CompiledMetric> metrics() {
    return metrics;
  }

  /**
   * This object's common label values, in {@link #commonLabelNames} order (null = left out). Never
   * null: a label is text (CONTRACT rule 10), so a path that meets a scalar or array where an
   * object was expected ({@link ObjectPath#MISMATCH}) leaves that label out, as the typed catalogue
   * does.
   */
  public String[] commonLabelValues(JsonNode object) {
    String[] values = new String[2 + commonLabels.length];
    JsonNode metadata = object.get("metadata");
    values[0] = labelText(metadata == null ? null : metadata.get("name"));
    values[1] = labelText(metadata == null ? null : metadata.get("namespace"));
    for (int i = 0; i < commonLabels.length; i++) {
      CompiledMetric.Source label = commonLabels[i];
      if (label.constant() != null) {
        values[2 + i] = label.constant().isEmpty() ? null : label.constant();
      } else {
        values[2 + i] = labelText(label.path().read(object));
      }
    }
    return values;
  }

  /**
   * Label text of a value read by a path (CONTRACT rules 2 and 10): null (left out) for absent,
   * null, empty text and a {@link ObjectPath#MISMATCH}.
   */
  static String labelText(JsonNode value) {
    if (value == ObjectPath.MISMATCH) {
      return null;
    }
    String text = LabelText.of(value);
    return text == null || text.isEmpty() ? null : text;
  }
}
