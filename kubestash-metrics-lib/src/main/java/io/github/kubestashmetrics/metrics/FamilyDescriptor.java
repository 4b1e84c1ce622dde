package io.github.kubestashmetrics.metrics;

import io.github.kubestashmetrics.model.KubeStashKinds;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One metric family of the catalogue: what a scraper sees in HELP and TYPE and which labels its
 * series may carry.
 *
 * @param index position in {@link MetricCatalogue#families()}
 * @param name the exact family name, e.g. {@code core_kubestash_com_backupsession_phase}
 * @param help the exact HELP text
 * @param type always {@code gauge}
 * @param labelNames every label a series of this family may carry, in contract order: the common
 *     labels, then the family's own labels, then the state label. A series leaves out the labels
 *     whose source is absent, so one series may carry fewer.
 * @param kind the KubeStash kind whose objects give this family's series; null for a family a
 *     MetricsConfiguration defines for another kind
 */
public record FamilyDescriptor(
    int index,
    String name,
    String help,
    String type,
    List<String> labelNames,
    KubeStashKinds.Kind<?> kind) {

  /** The only type of the 36 families. */
  public static final String GAUGE = "gauge";

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  public FamilyDescriptor {
    Objects.requireNonNull(name, "name");
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
    labelNames = List.copyOf(labelNames);
    var seen = new HashSet<String>();
    for (String label : labelNames) {
      if (!isValidLabelName(label)) {
        throw new IllegalArgumentException(name + ": invalid label name: " + label);
      }
      if (!seen.add(label)) {
        throw new IllegalArgumentException(name + ": duplicate label name: " + label);
      }
    }
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

  /** A Prometheus metric name in the classic character set. */
  static boolean isValidMetricName(String name) {
    return name != null && METRIC_NAME.matcher(name).matches();
  }

  /** A Prometheus label name that is not reserved ({@code __} prefix). */
  static boolean isValidLabelName(String label) {
    return label != null && LABEL_NAME.matcher(label).matches() && !label.startsWith("__");
  }
}
