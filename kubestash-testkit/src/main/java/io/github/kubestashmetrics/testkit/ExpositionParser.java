package io.github.kubestashmetrics.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format 0.0.4 and the OpenMetrics 1.0.0 text format.
 *
 * <p>Strict means it rejects, with {@link ExpositionFormatException}, the first line a conforming
 * scraper could reject or misread, so a test that passes here passes in Prometheus. Beyond the
 * grammar it checks what makes Prometheus drop a whole scrape: duplicate series, duplicate label
 * names, metadata after samples, a family split by another family. It is stricter than Prometheus
 * in one place only: tokens on a sample line are separated by exactly one space, which is what
 * every writer of these formats emits.
 */
public final class ExpositionParser {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  private static final Pattern INFINITY_OR_NAN =
      Pattern.compile("[+-]?(?:[iI][nN][fF](?:[iI][nN][iI][tT][yY])?)|[nN][aA][nN]");
  private static final Pattern MILLIS_TIMESTAMP = Pattern.compile("-?[0-9]+");
  private static final Set<String> PROMETHEUS_TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");
  private static final Set<String> OPENMETRICS_TYPES =
      Set.of(
          "counter",
          "gauge",
          "histogram",
          "gaugehistogram",
          "stateset",
          "info",
          "summary",
          "unknown");

  private ExpositionParser() {}

  /** Parses {@code text} in {@code format}; throws on the first malformed line. */
  public static Exposition parse(String text, ExpositionFormat format) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(format, "format");
    return new Run(text, format).parse();
  }

  /** Parses Prometheus text format 0.0.4. */
  public static Exposition parsePrometheus(String text) {
    return parse(text, ExpositionFormat.TEXT_0_0_4);
  }

  /** Parses OpenMetrics text format 1.0.0, which must end with {@code # EOF}. */
  public static Exposition parseOpenMetrics(String text) {
    return parse(text, ExpositionFormat.OPENMETRICS_1_0_0);
  }

  /** A family while it is being read. */
  private static final class FamilyState {
    final String name;
    String help;
    String type;
    String unit;
    final List<Series> series = new ArrayList<>();

    FamilyState(String name) {
      this.name = name;
    }

    /** True if a sample called {@code sample} belongs to this family given its TYPE. */
    boolean owns(String sample, boolean openMetrics) {
      if (type == null) {
        return sample.equals(name);
      }
      return switch (type) {
        case "counter" -> openMetrics ? isOneOf(sample, "_total", "_created") : sample.equals(name);
        case "info" -> sample.equals(name + "_info");
        case "histogram" ->
            isOneOf(sample, "_bucket", "_sum", "_count")
                || (openMetrics && sample.equals(name + "_created"));
        case "gaugehistogram" -> isOneOf(sample, "_bucket", "_gsum", "_gcount");
        case "summary" ->
            sample.equals(name)
                || isOneOf(sample, "_sum", "_count")
                || (openMetrics && sample.equals(name + "_created"));
        default -> sample.equals(name);
      };
    }

    private boolean isOneOf(String sample, String... suffixes) {
      for (String suffix : suffixes) {
        if (sample.equals(name + suffix)) {
          return true;
        }
      }
      return false;
    }

    MetricFamily toFamily(boolean openMetrics) {
      String shownType = type != null ? type : openMetrics ? "unknown" : "untyped";
      return new MetricFamily(name, help, shownType, unit, series);
    }
  }

  /** One parse of one text; not reusable. */
  private static final class Run {
    private final String text;
    private final ExpositionFormat format;
    private final boolean openMetrics;
    private final List<FamilyState> families = new ArrayList<>();
    private final Map<String, FamilyState> byName = new HashMap<>();
    private final Set<List<Object>> seriesKeys = new HashSet<>();
    private FamilyState current;
    private int lineNumber;
    private String line;

    Run(String text, ExpositionFormat format) {
      this.text = text;
      this.format = format;
      this.openMetrics = format == ExpositionFormat.OPENMETRICS_1_0_0;
    }

    Exposition parse() {
      for (String each : lines()) {
        lineNumber++;
        line = each;
        readLine();
      }
      return new Exposition(format, families.stream().map(f -> f.toFamily(openMetrics)).toList());
    }

    /** The lines to read: without the final line feed and, for OpenMetrics, without EOF. */
    private List<String> lines() {
      if (!openMetrics) {
        if (text.isEmpty()) {
          return List.of();
        }
        List<String> all = List.of(text.split("\n", -1));
        if (!text.endsWith("\n")) {
          lineNumber = all.size();
          line = all.get(all.size() - 1);
          throw fail(ExpositionViolation.MISSING_FINAL_NEWLINE, "the last line must end with \\n");
        }
        return all.subList(0, all.size() - 1);
      }
      String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
      List<String> all = List.of(body.split("\n", -1));
      int eof = all.indexOf("# EOF");
      if (eof < 0) {
        lineNumber = all.size();
        line = all.get(all.size() - 1);
        throw fail(ExpositionViolation.MISSING_EOF, "OpenMetrics text must end with '# EOF'");
      }
      if (eof != all.size() - 1) {
        lineNumber = eof + 2;
        line = all.get(eof + 1);
        throw fail(ExpositionViolation.CONTENT_AFTER_EOF, "nothing may follow '# EOF'");
      }
      return all.subList(0, eof);
    }

    private void readLine() {
      if (line.isEmpty()) {
        if (openMetrics) {
          throw fail(ExpositionViolation.BLANK_LINE, "OpenMetrics does not allow empty lines");
        }
        return;
      }
      if (line.charAt(0) == '#') {
        readComment();
      } else {
        readSample();
      }
    }

    private void readComment() {
      for (String keyword : List.of("HELP", "TYPE", "UNIT")) {
        String prefix = "# " + keyword;
        boolean applies = !keyword.equals("UNIT") || openMetrics;
        if (applies && (line.equals(prefix) || line.startsWith(prefix + " "))) {
          readMetadata(keyword, line.substring(Math.min(line.length(), prefix.length() + 1)));
          return;
        }
      }
      if (openMetrics) {
        throw fail(
            ExpositionViolation.UNKNOWN_COMMENT,
            "OpenMetrics allows only HELP, TYPE, UNIT and EOF comments");
      }
      // Prometheus 0.0.4 ignores any other comment.
    }

    private void readMetadata(String keyword, String rest) {
      int space = rest.indexOf(' ');
      String name = space < 0 ? rest : rest.substring(0, space);
      if (!METRIC_NAME.matcher(name).matches()) {
        throw fail(ExpositionViolation.BAD_METRIC_NAME, "bad family name '" + name + "'");
      }
      String argument = space < 0 ? null : rest.substring(space + 1);
      FamilyState family = familyForMetadata(keyword, name);
      switch (keyword) {
        case "HELP" -> family.help = argument == null ? "" : unescapeHelp(argument);
        case "TYPE" -> family.type = checkType(argument);
        default -> family.unit = checkUnit(name, argument);
      }
    }

    private FamilyState familyForMetadata(String keyword, String name) {
      FamilyState family = byName.get(name);
      if (family == null) {
        family = new FamilyState(name);
        families.add(family);
        byName.put(name, family);
        current = family;
        return family;
      }
      if (!family.series.isEmpty()) {
        throw fail(
            ExpositionViolation.METADATA_AFTER_SAMPLES,
            keyword + " of '" + name + "' after its samples");
      }
      if (family != current) {
        throw fail(
            ExpositionViolation.NON_CONTIGUOUS_FAMILY,
            keyword + " of '" + name + "' after another family");
      }
      boolean alreadySet =
          switch (keyword) {
            case "HELP" -> family.help != null;
            case "TYPE" -> family.type != null;
            default -> family.unit != null;
          };
      if (alreadySet) {
        throw fail(
            ExpositionViolation.DUPLICATE_METADATA, "second " + keyword + " of '" + name + "'");
      }
      return family;
    }

    private String checkType(String argument) {
      if (argument == null || argument.isEmpty()) {
        throw fail(ExpositionViolation.UNKNOWN_TYPE, "TYPE without a type");
      }
      Set<String> known = openMetrics ? OPENMETRICS_TYPES : PROMETHEUS_TYPES;
      int space = argument.indexOf(' ');
      String type = space < 0 ? argument : argument.substring(0, space);
      if (!known.contains(type)) {
        throw fail(ExpositionViolation.UNKNOWN_TYPE, "unknown type '" + type + "'");
      }
      if (space >= 0) {
        throw fail(ExpositionViolation.TRAILING_GARBAGE, "text after the type");
      }
      return type;
    }

    private String checkUnit(String name, String unit) {
      if (unit == null || unit.isEmpty() || !name.endsWith("_" + unit)) {
        throw fail(
            ExpositionViolation.BAD_UNIT, "unit '" + unit + "' is not a suffix of '" + name + "'");
      }
      return unit;
    }

    private String unescapeHelp(String escaped) {
      StringBuilder out = new StringBuilder(escaped.length());
      for (int i = 0; i < escaped.length(); i++) {
        char c = escaped.charAt(i);
        if (c == '"' && openMetrics) {
          throw fail(ExpositionViolation.BAD_ESCAPE, "unescaped '\"' in HELP text");
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char next = i + 1 < escaped.length() ? escaped.charAt(i + 1) : 0;
        if (next == '\\') {
          out.append('\\');
        } else if (next == 'n') {
          out.append('\n');
        } else if (next == '"' && openMetrics) {
          out.append('"');
        } else {
          throw fail(ExpositionViolation.BAD_ESCAPE, "bad escape in HELP text");
        }
        i++;
      }
      return out.toString();
    }

    private void readSample() {
      int pos = 0;
      while (pos < line.length() && isNameChar(line.charAt(pos))) {
        pos++;
      }
      String name = line.substring(0, pos);
      if (!METRIC_NAME.matcher(name).matches()) {
        throw fail(ExpositionViolation.BAD_METRIC_NAME, "bad metric name '" + name + "'");
      }
      Map<String, String> labels = new LinkedHashMap<>();
      boolean hasLabelSet = pos < line.length() && line.charAt(pos) == '{';
      if (hasLabelSet) {
        pos = readLabels(pos + 1, labels);
      }
      if (pos >= line.length()) {
        throw fail(ExpositionViolation.BAD_VALUE, "missing value");
      }
      if (line.charAt(pos) != ' ') {
        throw hasLabelSet
            ? fail(ExpositionViolation.MALFORMED_LABEL_SET, "expected a space after '}'")
            : fail(ExpositionViolation.BAD_METRIC_NAME, "bad character in metric name");
      }
      pos++;
      int end = tokenEnd(pos);
      String valueText = line.substring(pos, end);
      if (!isNumber(valueText)) {
        throw fail(ExpositionViolation.BAD_VALUE, "bad value '" + valueText + "'");
      }
      readAfterValue(end);
      addSeries(new Series(name, labels, parseNumber(valueText)));
    }

    /** Reads the optional timestamp (and, in OpenMetrics, exemplar) after the value. */
    private void readAfterValue(int pos) {
      if (pos >= line.length()) {
        return;
      }
      pos++;
      if (openMetrics && line.startsWith("# ", pos)) {
        readExemplar(pos + 2);
        return;
      }
      int end = tokenEnd(pos);
      String timestamp = line.substring(pos, end);
      boolean valid =
          openMetrics
              ? DECIMAL.matcher(timestamp).matches()
              : MILLIS_TIMESTAMP.matcher(timestamp).matches();
      if (!valid) {
        throw fail(ExpositionViolation.BAD_TIMESTAMP, "bad timestamp '" + timestamp + "'");
      }
      if (end >= line.length()) {
        return;
      }
      if (openMetrics && line.startsWith(" # ", end)) {
        readExemplar(end + 3);
        return;
      }
      throw fail(ExpositionViolation.TRAILING_GARBAGE, "text after the sample");
    }

    /** OpenMetrics exemplar: {@code {labels} value [timestamp]}; checked, then discarded. */
    private void readExemplar(int pos) {
      if (pos >= line.length() || line.charAt(pos) != '{') {
        throw fail(ExpositionViolation.TRAILING_GARBAGE, "text after the sample");
      }
      pos = readLabels(pos + 1, new LinkedHashMap<>());
      if (pos >= line.length() || line.charAt(pos) != ' ') {
        throw fail(ExpositionViolation.BAD_VALUE, "exemplar without value");
      }
      int end = tokenEnd(pos + 1);
      if (!isNumber(line.substring(pos + 1, end))) {
        throw fail(ExpositionViolation.BAD_VALUE, "bad exemplar value");
      }
      if (end < line.length()) {
        int tsEnd = tokenEnd(end + 1);
        if (!DECIMAL.matcher(line.substring(end + 1, tsEnd)).matches()) {
          throw fail(ExpositionViolation.BAD_TIMESTAMP, "bad exemplar timestamp");
        }
        if (tsEnd < line.length()) {
          throw fail(ExpositionViolation.TRAILING_GARBAGE, "text after the exemplar");
        }
      }
    }

    /** Reads labels from just after '{'; returns the position just after '}'. */
    private int readLabels(int pos, Map<String, String> labels) {
      boolean afterComma = false;
      while (true) {
        if (pos >= line.length()) {
          throw fail(ExpositionViolation.MALFORMED_LABEL_SET, "label set without '}'");
        }
        if (line.charAt(pos) == '}') {
          if (afterComma && openMetrics) {
            throw fail(ExpositionViolation.MALFORMED_LABEL_SET, "trailing comma in label set");
          }
          return pos + 1;
        }
        int start = pos;
        while (pos < line.length() && isNameChar(line.charAt(pos)) && line.charAt(pos) != ':') {
          pos++;
        }
        String name = line.substring(start, pos);
        if (!LABEL_NAME.matcher(name).matches()) {
          throw fail(ExpositionViolation.BAD_LABEL_NAME, "bad label name '" + name + "'");
        }
        if (pos >= line.length() || line.charAt(pos) != '=') {
          throw fail(
              ExpositionViolation.BAD_LABEL_NAME, "label name '" + name + "' not followed by '='");
        }
        pos++;
        if (pos >= line.length() || line.charAt(pos) != '"') {
          throw fail(
              ExpositionViolation.UNQUOTED_LABEL_VALUE, "value of '" + name + "' not quoted");
        }
        StringBuilder value = new StringBuilder();
        pos = readQuoted(pos + 1, value);
        if (labels.put(name, value.toString()) != null) {
          throw fail(ExpositionViolation.DUPLICATE_LABEL_NAME, "label '" + name + "' twice");
        }
        if (pos >= line.length()) {
          throw fail(ExpositionViolation.MALFORMED_LABEL_SET, "label set without '}'");
        }
        char next = line.charAt(pos);
        if (next == ',') {
          afterComma = true;
          pos++;
        } else if (next == '}') {
          return pos + 1;
        } else {
          throw fail(ExpositionViolation.MALFORMED_LABEL_SET, "expected ',' or '}' after a label");
        }
      }
    }

    /**
     * Reads a label value from just after its opening quote; returns just after the closing one.
     */
    private int readQuoted(int pos, StringBuilder value) {
      while (pos < line.length()) {
        char c = line.charAt(pos);
        if (c == '"') {
          return pos + 1;
        }
        if (c == '\\') {
          if (pos + 1 >= line.length()) {
            throw fail(ExpositionViolation.UNTERMINATED_LABEL_VALUE, "label value without '\"'");
          }
          char escaped = line.charAt(pos + 1);
          switch (escaped) {
            case '\\' -> value.append('\\');
            case '"' -> value.append('"');
            case 'n' -> value.append('\n');
            default ->
                throw fail(
                    ExpositionViolation.BAD_ESCAPE,
                    "bad escape '\\" + escaped + "' in label value");
          }
          pos += 2;
        } else {
          value.append(c);
          pos++;
        }
      }
      throw fail(ExpositionViolation.UNTERMINATED_LABEL_VALUE, "label value without '\"'");
    }

    private void addSeries(Series series) {
      String name = series.name();
      FamilyState family = current;
      if (family == null || !family.owns(name, openMetrics)) {
        for (FamilyState other : families) {
          if (other != current && other.owns(name, openMetrics)) {
            throw fail(
                ExpositionViolation.NON_CONTIGUOUS_FAMILY,
                "sample of '" + other.name + "' after another family");
          }
        }
        FamilyState named = byName.get(name);
        if (named != null) {
          throw fail(
              ExpositionViolation.SAMPLE_NOT_ALLOWED_FOR_TYPE,
              "'" + name + "' is not a sample name of a " + named.type + " family");
        }
        family = new FamilyState(name);
        families.add(family);
        byName.put(name, family);
        current = family;
      }
      List<Object> key = List.of(name, new HashMap<>(series.labels()));
      if (!seriesKeys.add(key)) {
        throw fail(ExpositionViolation.DUPLICATE_SERIES, "series repeated");
      }
      family.series.add(series);
    }

    private int tokenEnd(int pos) {
      int space = line.indexOf(' ', pos);
      return space < 0 ? line.length() : space;
    }

    private static boolean isNameChar(char c) {
      return (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == ':';
    }

    private static boolean isNumber(String text) {
      return DECIMAL.matcher(text).matches() || INFINITY_OR_NAN.matcher(text).matches();
    }

    private static double parseNumber(String text) {
      if (DECIMAL.matcher(text).matches()) {
        return Double.parseDouble(text);
      }
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.equals("nan")) {
        return Double.NaN;
      }
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    private ExpositionFormatException fail(ExpositionViolation violation, String reason) {
      String excerpt = line.length() > 120 ? line.substring(0, 120) + "..." : line;
      return new ExpositionFormatException(lineNumber, violation, reason + " in: " + excerpt);
    }
  }
}
