package io.github.kubestashmetrics.testkit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes random valid expositions together with what a parser must read from them. Label values and
 * HELP texts include the generators' hostile text, escaped by {@link #escapeLabelValue}.
 */
final class ExpositionTexts {

  /** A text and the families it holds. */
  record Written(String text, List<MetricFamily> families) {}

  private static final String NAME_START = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_:";
  private static final String NAME_REST = NAME_START + "0123456789";

  private final SplittableRandom random;
  private final KubeStashGenerators generators;
  private final ExpositionFormat format;

  ExpositionTexts(long seed, ExpositionFormat format) {
    this.random = new SplittableRandom(seed);
    this.generators = new KubeStashGenerators(seed);
    this.format = format;
  }

  /** The escaping the formats require of label values: backslash, double quote, line feed. */
  static String escapeLabelValue(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** HELP escaping: backslash and line feed; OpenMetrics also needs the double quote escaped. */
  static String escapeHelp(String help, boolean openMetrics) {
    String escaped = help.replace("\\", "\\\\").replace("\n", "\\n");
    return openMetrics ? escaped.replace("\"", "\\\"") : escaped;
  }

  Written write() {
    boolean openMetrics = format == ExpositionFormat.OPENMETRICS_1_0_0;
    StringBuilder text = new StringBuilder();
    List<MetricFamily> families = new ArrayList<>();
    Set<String> usedNames = new HashSet<>();
    int familyCount = random.nextInt(9);
    for (int f = 0; f < familyCount; f++) {
      String name = uniqueName(usedNames);
      String type = pickType(openMetrics);
      boolean writeType = random.nextInt(4) != 0;
      // Without a TYPE line the family is untyped/unknown: its samples carry its bare name.
      String sampleName =
          !writeType
              ? name
              : openMetrics && type.equals("counter")
                  ? name + "_total"
                  : openMetrics && type.equals("info") ? name + "_info" : name;
      usedNames.add(sampleName);
      String help = random.nextBoolean() ? null : helpText();
      if (!openMetrics && random.nextInt(10) == 0) {
        text.append("# just a comment ").append(f).append('\n');
      }
      if (!openMetrics && random.nextInt(10) == 0) {
        text.append('\n');
      }
      boolean typeFirst = random.nextBoolean();
      if (writeType && typeFirst) {
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
      }
      if (help != null) {
        text.append("# HELP ")
            .append(name)
            .append(' ')
            .append(escapeHelp(help, openMetrics))
            .append('\n');
      }
      if (writeType && !typeFirst) {
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
      }
      List<Series> series = new ArrayList<>();
      Set<Map<String, String>> labelSets = new HashSet<>();
      int seriesCount = random.nextInt(6);
      for (int s = 0; s < seriesCount; s++) {
        Map<String, String> labels = labels();
        if (!labelSets.add(labels)) {
          continue;
        }
        double value = value();
        text.append(sampleName);
        if (!labels.isEmpty() || random.nextInt(5) == 0) {
          text.append('{');
          int i = 0;
          for (Map.Entry<String, String> label : labels.entrySet()) {
            if (i++ > 0) {
              text.append(',');
            }
            text.append(label.getKey())
                .append("=\"")
                .append(escapeLabelValue(label.getValue()))
                .append('"');
          }
          if (!openMetrics && !labels.isEmpty() && random.nextInt(8) == 0) {
            text.append(','); // 0.0.4 allows a trailing comma
          }
          text.append('}');
        }
        text.append(' ').append(formatValue(value));
        if (random.nextInt(6) == 0) {
          long millis = 1_700_000_000_000L + random.nextLong(100_000_000_000L);
          text.append(' ')
              .append(openMetrics ? String.valueOf(millis / 1000.0) : String.valueOf(millis));
        }
        text.append('\n');
        series.add(new Series(sampleName, labels, value));
      }
      String shownType = writeType ? type : openMetrics ? "unknown" : "untyped";
      if (help != null || writeType || !series.isEmpty()) {
        String familyName = help != null || writeType ? name : sampleName;
        families.add(new MetricFamily(familyName, help, shownType, null, series));
      }
    }
    if (openMetrics) {
      text.append("# EOF");
      if (random.nextBoolean()) {
        text.append('\n');
      }
    }
    return new Written(text.toString(), families);
  }

  private String pickType(boolean openMetrics) {
    List<String> types =
        openMetrics
            ? List.of("gauge", "gauge", "counter", "unknown", "info")
            : List.of("gauge", "gauge", "counter", "untyped");
    return types.get(random.nextInt(types.size()));
  }

  private String uniqueName(Set<String> used) {
    while (true) {
      String name =
          switch (random.nextInt(4)) {
            case 0 -> "core_kubestash_com_backupsession_created";
            case 1 -> "storage_kubestash_com_repository_snapshot_count_total";
            default -> randomName(NAME_START, NAME_REST, 1 + random.nextInt(30));
          };
      String suffixed = name + "_" + random.nextInt(1_000);
      // A name that another family's samples could use would make a split family.
      if (!used.contains(suffixed)
          && !used.contains(suffixed + "_total")
          && !used.contains(suffixed + "_info")) {
        return suffixed;
      }
    }
  }

  private Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    int count = random.nextInt(6);
    for (int i = 0; i < count; i++) {
      String name = randomName(NAME_START.replace(":", ""), NAME_REST.replace(":", ""), 12);
      labels.put(name, labelValue());
    }
    return labels;
  }

  private String labelValue() {
    return switch (random.nextInt(4)) {
      case 0 -> generators.hostileText();
      case 1 -> "";
      default -> randomName("abc", "abc-_.0123", 10);
    };
  }

  private String helpText() {
    return random.nextBoolean()
        ? "Unix creation timestamp of this object"
        : generators.hostileText();
  }

  private double value() {
    double value =
        switch (random.nextInt(10)) {
          case 0 -> Double.NaN;
          case 1 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
          case 2 -> random.nextLong(-1_000_000, 1_000_000);
          case 3 -> Double.longBitsToDouble(random.nextLong()) % 1e300;
          case 4 -> 0;
          default -> random.nextDouble() * Math.pow(10, random.nextInt(-10, 20));
        };
    return value + 0.0; // no negative zero: "-0" and "0" are the same sample
  }

  private String formatValue(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  private String randomName(String start, String rest, int maxLength) {
    int length = 1 + random.nextInt(maxLength);
    StringBuilder out = new StringBuilder(length);
    out.append(start.charAt(random.nextInt(start.length())));
    for (int i = 1; i < length; i++) {
      out.append(rest.charAt(random.nextInt(rest.length())));
    }
    return out.toString();
  }
}
