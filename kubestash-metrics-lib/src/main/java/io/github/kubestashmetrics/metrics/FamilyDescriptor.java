package io.github.kubestashmetrics.metrics;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One metric family of the catalogue: what a scraper sees in HELP and TYPE and which labels its
 * series may carry. Immutable; only {@link MetricCatalogue} creates them, and its validation here
 * makes a catalogue with an invalid name, type or label fail when it is built.
 *
 * <p>Equal when every component is equal, including the family's position in its catalogue.
 */
public final class FamilyDescriptor {

  private final int index;
  private final String name;
  private final String help;
  private final String type;
  private final List<String> labelNames;
  private final String apiVersion;
  private final String kind;

  /** The only type of the 36 families. */
  public static final String GAUGE = "gauge";

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /**
   * @param index position in {@link MetricCatalogue#families()}
   * @param name the exact family name
   * @param help the exact HELP text
   * @param type always {@code gauge}
   * @param labelNames every label a series may carry, in contract order
   * @param apiVersion the {@code apiVersion} of the objects that give this family's series
   * @param kind their kind, e.g. {@code BackupSession}
   */
  FamilyDescriptor(
      int index,
      String name,
      String help,
      String type,
      List<String> labelNames,
      String apiVersion,
      String kind) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(help, "help");
    if (index < 0) {
      throw new IllegalArgumentException("negative family index " + index);
    }
    if (!isValidMetricName(name)) {
      throw new IllegalArgumentException("invalid metric name: " + name);
    }
    if (!GAUGE.equals(type)) {
      throw new IllegalArgumentException(name + ": type must be gauge, was " + type);
    }
    List<String> labels = List.copyOf(labelNames);
    var seen = new HashSet<String>();
    for (String label : labels) {
      if (!isValidLabelName(label)) {
        throw new IllegalArgumentException(name + ": invalid label name: " + label);
      }
      if (!seen.add(label)) {
        throw new IllegalArgumentException(name + ": duplicate label name: " + label);
      }
    }
    this.index = index;
    this.name = name;
    this.help = help;
    this.type = type;
    this.labelNames = labels;
    this.apiVersion = apiVersion;
    this.kind = kind;
  }

  /** Position in {@link MetricCatalogue#families()}; the library's own index into its tables. */
  int index() {
    return index;
  }

  /** The exact family name, e.g. {@code core_kubestash_com_backupsession_phase}. */
  public String name() {
    return name;
  }

  /** The exact HELP text. */
  public String help() {
    return help;
  }

  /** Always {@value #GAUGE}. */
  public String type() {
    return type;
  }

  /**
   * Every label a series of this family may carry, in contract order: the common labels, then the
   * family's own labels, then the state label. A series leaves out the labels whose source is
   * absent, so one series may carry fewer.
   */
  public List<String> labelNames() {
    return labelNames;
  }

  /**
   * The {@code apiVersion} ({@code group/version}, or {@code version} for the core group) of the
   * objects whose series this family holds, e.g. {@code core.kubestash.com/v1alpha1}.
   */
  public String apiVersion() {
    return apiVersion;
  }

  /** The kind of the objects whose series this family holds, e.g. {@code BackupSession}. */
  public String kind() {
    return kind;
  }

  /**
   * The family's HELP and TYPE lines in this format, as UTF-8: {@code # HELP <name> <help>\n# TYPE
   * <name> gauge\n}. A fresh array on every call.
   */
  public byte[] header(ExpositionFormat format) {
    String text =
        "# HELP " + name + " " + format.escapeHelp(help) + "\n# TYPE " + name + " " + type + "\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FamilyDescriptor
        && index == ((FamilyDescriptor) other).index
        && name.equals(((FamilyDescriptor) other).name)
        && help.equals(((FamilyDescriptor) other).help)
        && type.equals(((FamilyDescriptor) other).type)
        && labelNames.equals(((FamilyDescriptor) other).labelNames)
        && apiVersion.equals(((FamilyDescriptor) other).apiVersion)
        && kind.equals(((FamilyDescriptor) other).kind);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, name, help, type, labelNames, apiVersion, kind);
  }

  @Override
  public String toString() {
    return "FamilyDescriptor[" + index + " " + name + " " + labelNames + "]";
  }

  /** A Prometheus metric name in the classic character set. */
  static boolean isValidMetricName(String name) {
    return name != null && METRIC_NAME.matcher(name).matches();
  }

  /** A Prometheus label name that is not reserved ({@code __} prefix). */
  static boolean isValidLabelName(String label) {
    return label != null && LABEL_NAME.matcher(label).matches() && !label.startsWith("__");
  }
}
