package io.github.kubestashmetrics.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small strict reader of our exposition text, until the testkit's parser is wired in: every line
 * must be a HELP or TYPE comment or a gauge sample with well-formed, correctly escaped labels; the
 * reading gives back the unescaped label values so tests can compare them with object content.
 */
final class ExpositionLineChecker {

  private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  // Unrolled loop (no alternation under a star) so that 10 KB values do not overflow the stack.
  private static final String VALUE = "[^\"\\\\\\n]*+(?:\\\\[\\\\\"n][^\"\\\\\\n]*+)*+";
  private static final String LABEL = "([a-zA-Z_][a-zA-Z0-9_]*)=\"(" + VALUE + ")\"";
  private static final Pattern HELP =
      Pattern.compile("# HELP (" + NAME + ") [^\\\\\\n]*+(?:\\\\[\\\\n][^\\\\\\n]*+)*+");
  private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") gauge");
  private static final Pattern SAMPLE =
      Pattern.compile(
          "(" + NAME + ")(?:\\{(" + LABEL + "(?:," + LABEL + ")*)\\})? (-?[0-9]+(?:\\.[0-9]+)?)");
  private static final Pattern ONE_LABEL = Pattern.compile(",?" + LABEL);

  /** One sample line as read back. */
  record Sample(String name, Map<String, String> labels, String value) {}

  private ExpositionLineChecker() {}

  /** Reads a whole 0.0.4 exposition; throws AssertionError at the first line that is not valid. */
  static List<Sample> read(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new AssertionError("exposition does not end with a newline");
    }
    List<Sample> samples = new ArrayList<>();
    String family = null;
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      Matcher help = HELP.matcher(line);
      Matcher type = TYPE.matcher(line);
      if (help.matches()) {
        family = help.group(1);
      } else if (type.matches()) {
        if (!type.group(1).equals(family)) {
          throw new AssertionError("TYPE without HELP: " + line);
        }
      } else {
        samples.add(readSample(line, family));
      }
    }
    return samples;
  }

  private static Sample readSample(String line, String family) {
    Matcher sample = SAMPLE.matcher(line);
    if (!sample.matches()) {
      throw new AssertionError("not a valid sample line: " + line);
    }
    if (!sample.group(1).equals(family)) {
      throw new AssertionError("sample outside its family " + family + ": " + line);
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (sample.group(2) != null) {
      Matcher label = ONE_LABEL.matcher(sample.group(2));
      while (label.find()) {
        if (labels.put(label.group(1), unescape(label.group(2))) != null) {
          throw new AssertionError("duplicate label " + label.group(1) + ": " + line);
        }
      }
    }
    return new Sample(sample.group(1), labels, sample.group(sample.groupCount()));
  }

  private static String unescape(String escaped) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c == '\\') {
        char next = escaped.charAt(++i);
        out.append(next == 'n' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
