package io.github.kubestashmetrics.metrics.internal.value;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.OptionalDouble;

/**
 * RFC 3339 timestamps ({@code 2023-12-07T06:38:00Z}, {@code 2024-12-18T07:24:45.483001Z}, {@code
 * 2023-12-07T12:08:00+05:30}) as Unix seconds, keeping fractional seconds.
 *
 * <p>Strict about the shape (four-digit year, two-digit fields, {@code T} and {@code Z} in either
 * case, offset {@code ±hh:mm}) and about ranges (real calendar days, hour 0–23, second 0–59, as
 * Go's {@code time.Parse} with {@code RFC3339}), because a value that is not a timestamp must give
 * no series rather than a wrong one.
 */
public final class Rfc3339 {

  private static final int MAX_LENGTH = 64;

  private Rfc3339() {}

  /** Unix seconds of an RFC 3339 timestamp, or empty when the text is not one. */
  public static OptionalDouble parseEpochSeconds(String text) {
    if (text == null || text.length() < 20 || text.length() > MAX_LENGTH) {
      return OptionalDouble.empty();
    }
    String s = text;
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || (s.charAt(10) != 'T' && s.charAt(10) != 't')
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return OptionalDouble.empty();
    }
    if (day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      return OptionalDouble.empty();
    }
    int pos = 19;
    int fractionStart = -1;
    int fractionEnd = -1;
    if (s.charAt(pos) == '.') {
      fractionStart = ++pos;
      while (pos < s.length() && isDigit(s.charAt(pos))) {
        pos++;
      }
      fractionEnd = pos;
      if (fractionEnd == fractionStart) {
        return OptionalDouble.empty();
      }
    }
    if (pos >= s.length()) {
      return OptionalDouble.empty();
    }
    int offsetSeconds;
    char zone = s.charAt(pos);
    if (zone == 'Z' || zone == 'z') {
      if (pos + 1 != s.length()) {
        return OptionalDouble.empty();
      }
      offsetSeconds = 0;
    } else if (zone == '+' || zone == '-') {
      if (pos + 6 != s.length() || s.charAt(pos + 3) != ':') {
        return OptionalDouble.empty();
      }
      int offsetHours = digits(s, pos + 1, 2);
      int offsetMinutes = digits(s, pos + 4, 2);
      if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) {
        return OptionalDouble.empty();
      }
      offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (zone == '-' ? -1 : 1);
    } else {
      return OptionalDouble.empty();
    }
    long epochSeconds =
        LocalDate.of(year, month, day).toEpochDay() * 86_400L
            + hour * 3600L
            + minute * 60L
            + second
            - offsetSeconds;
    if (fractionStart < 0) {
      return OptionalDouble.of(epochSeconds);
    }
    // Exact decimal sum, then one rounding to the nearest double.
    BigDecimal fraction = new BigDecimal("0." + s.substring(fractionStart, fractionEnd));
    return OptionalDouble.of(BigDecimal.valueOf(epochSeconds).add(fraction).doubleValue());
  }

  /** The non-negative number in {@code count} digits at {@code from}, or -1. */
  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
