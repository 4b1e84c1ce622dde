package io.github.kubestashmetrics.testkit;

import java.util.List;
import java.util.SplittableRandom;

/** Draws text that breaks naive exposition writers, for fields that become label values. */
final class HostileText {

  /** The size of a {@link HostileCategory#HUGE_STRINGS} string, in chars. */
  static final int HUGE_LENGTH = 10 * 1024;

  private static final List<String> WORDS =
      List.of("demo", "sample-sts", "nightly", "x", "", "backup", "a b", "Ready", "1");

  private static final List<String> QUOTES =
      List.of("\"", "\"\"", "a\"b", "\"quoted\"", "x\" y=\"z", "say \"hi\"", "\"}", "'\"'");

  private static final List<String> BACKSLASHES =
      List.of(
          "\\",
          "\\\\",
          "C:\\backup\\dir",
          "\\n",
          "\\\"",
          "end\\",
          "a\\\\\\\"b",
          "\\u0041",
          "\\x41",
          "\\t");

  private static final List<String> NEWLINES =
      List.of("\n", "a\nb", "\r\n", "line1\nline2\n", "\n\n", "\r", "tail\n", "\n# HELP x y\n");

  private static final List<String> BRACES_AND_HASH =
      List.of(
          "}",
          "{",
          "#",
          "x\"} 1\nfake_metric 1\n# HELP",
          "# TYPE fake counter",
          "{a=\"b\"}",
          "a} 1 #",
          "}{",
          "x\"} 1 1700000000000",
          "=\",");

  private static final List<String> UNICODE =
      List.of(
          "naïve",
          "日本語のバックアップ",
          "🚀",
          "Ünïcödé",
          "مرحبا",
          "\u200B",
          "\u2028",
          "\u2029",
          "\uFEFF",
          "e\u0301",
          "\uD835\uDD18\uD835\uDD2B\uD835\uDD26", // mathematical fraktur, outside the BMP
          "tab\there",
          "\u00A0non-breaking",
          "Ω≈ç√∫");

  private static final List<String> ALL_FRAGMENTS =
      List.of(QUOTES, BACKSLASHES, NEWLINES, BRACES_AND_HASH, UNICODE).stream()
          .flatMap(List::stream)
          .toList();

  private final SplittableRandom random;

  HostileText(SplittableRandom random) {
    this.random = random;
  }

  /** A string of this label-text category (or a huge one); never null, never empty. */
  String of(HostileCategory category) {
    List<String> fragments =
        switch (category) {
          case LABEL_TEXT_QUOTES -> QUOTES;
          case LABEL_TEXT_BACKSLASHES -> BACKSLASHES;
          case LABEL_TEXT_NEWLINES -> NEWLINES;
          case LABEL_TEXT_BRACES_AND_HASH -> BRACES_AND_HASH;
          case LABEL_TEXT_UNICODE -> UNICODE;
          case HUGE_STRINGS -> null;
          default -> throw new IllegalArgumentException("not a text category: " + category);
        };
    if (fragments == null) {
      return huge();
    }
    StringBuilder out = new StringBuilder(pick(WORDS));
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      out.append(pick(fragments)).append(pick(WORDS));
    }
    return out.toString();
  }

  /** 10 KiB of plain characters and hostile fragments, cut at a code point boundary. */
  private String huge() {
    StringBuilder out = new StringBuilder(HUGE_LENGTH + 64);
    while (out.length() < HUGE_LENGTH) {
      out.append(random.nextInt(4) == 0 ? pick(ALL_FRAGMENTS) : "abcdefghij");
    }
    int end = HUGE_LENGTH;
    if (Character.isHighSurrogate(out.charAt(end - 1))) {
      end--; // keep the pair whole: never cut an emoji in half
    }
    return out.substring(0, end);
  }

  private String pick(List<String> from) {
    return from.get(random.nextInt(from.size()));
  }
}
