package io.github.kubestashmetrics.metrics.language;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * govaluate reads a string literal that is a date in one of its formats as that instant's Unix
 * seconds (a float64, fraction dropped), not as text: {@code '2014-01-02' < '2014-01-03'} compares
 * numbers. Its formats (Go layouts): {@code 2006-01-02}, {@code 2006-01-02 15:04}, {@code
 * 2006-01-02 15:04:05}, {@code 2006-01-02 15:04:05-07:00}, RFC 3339 (with nanoseconds), ISO 8601
 * {@code 2006-01-02T15Z0700}, {@code T15:04Z0700}, {@code T15:04:05Z0700}, and Go's ANSIC,
 * UnixDate, RubyDate and Kitchen. A date without a zone is read in UTC (govaluate reads it in the
 * process's local zone, which is UTC in Panopticon's container); a zone abbreviation (UnixDate)
 * counts as offset 0, as Go's parser fabricates it when the abbreviation is not the local zone's.
 */
final class GovaluateDates {

  private static final Pattern ISO =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})"
              + "(?:([ T])(\\d{1,2})(?::(\\d{2})(?::(\\d{2})(\\.\\d+)?)?)?"
              + "(Z|[+-]\\d{2}:\\d{2}|[+-]\\d{4})?)?");

  private static final Pattern KITCHEN = Pattern.compile("(\\d{1,2}):(\\d{2})(AM|PM)");

  private static final List<String> DAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");

  private static final List<String> MONTHS =
      List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

  /** ANSIC, UnixDate ({@code MST} before the year) and RubyDate ({@code -0700} before it). */
  private static final Pattern C_DATE =
      Pattern.compile(
          "([A-Z][a-z]{2}) ([A-Z][a-z]{2}) ( ?\\d{1,2}) (\\d{1,2}):(\\d{2}):(\\d{2})(\\.\\d+)?"
              + "(?: ([A-Z]{3,5}|[+-]\\d{4}))? (\\d{4})");

  private static final long YEAR_ZERO = -62_167_219_200L; // 0000-01-01T00:00:00Z

  private GovaluateDates() {}

  /** The Unix seconds of this literal text when govaluate reads it as a date. */
  static OptionalDouble unixSeconds(String text) {
    try {
      Matcher iso = ISO.matcher(text);
      if (iso.matches()) {
        return iso(iso);
      }
      Matcher kitchen = KITCHEN.matcher(text);
      if (kitchen.matches()) {
        int hour = Integer.parseInt(kitchen.group(1));
        int minute = Integer.parseInt(kitchen.group(2));
        if (hour < 1 || hour > 12 || minute > 59) {
          return OptionalDouble.empty();
        }
        int hour24 = hour % 12 + (kitchen.group(3).equals("PM") ? 12 : 0);
        return OptionalDouble.of(YEAR_ZERO + hour24 * 3600L + minute * 60L);
      }
      Matcher c = C_DATE.matcher(text);
      if (c.matches()) {
        return cDate(c);
      }
    } catch (DateTimeException | NumberFormatException e) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.empty();
  }

  private static OptionalDouble iso(Matcher m) {
    String separator = m.group(4);
    String minute = m.group(6);
    String second = m.group(7);
    String zone = m.group(9);
    if (separator != null) {
      if (separator.equals(" ")) {
        // 15:04, 15:04:05 (no zone), 15:04:05-07:00 (a numeric zone with a colon only)
        if (minute == null || (zone != null && (second == null || !isColonZone(zone)))) {
          return OptionalDouble.empty();
        }
      } else if (zone == null) {
        return OptionalDouble.empty(); // every T layout has a zone
      } else if (zone.length() == 6 && (second == null)) {
        return OptionalDouble.empty(); // ±hh:mm only in RFC 3339, which has seconds
      }
    }
    LocalDateTime time =
        LocalDateTime.of(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)),
            separator == null ? 0 : Integer.parseInt(m.group(5)),
            minute == null ? 0 : Integer.parseInt(minute),
            second == null ? 0 : Integer.parseInt(second));
    return OptionalDouble.of(time.toEpochSecond(offset(zone)));
  }

  private static boolean isColonZone(String zone) {
    return zone.length() == 6;
  }

  private static ZoneOffset offset(String zone) {
    if (zone == null || zone.equals("Z") || Character.isLetter(zone.charAt(0))) {
      return ZoneOffset.UTC;
    }
    String digits = zone.replace(":", "");
    int hours = Integer.parseInt(digits.substring(1, 3));
    int minutes = Integer.parseInt(digits.substring(3, 5));
    int sign = zone.charAt(0) == '-' ? -1 : 1;
    return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
  }

  private static OptionalDouble cDate(Matcher m) {
    if (!DAYS.contains(m.group(1)) || !MONTHS.contains(m.group(2))) {
      return OptionalDouble.empty();
    }
    LocalDateTime time =
        LocalDateTime.of(
            Integer.parseInt(m.group(9)),
            MONTHS.indexOf(m.group(2)) + 1,
            Integer.parseInt(m.group(3).strip()),
            Integer.parseInt(m.group(4)),
            Integer.parseInt(m.group(5)),
            Integer.parseInt(m.group(6)));
    return OptionalDouble.of(time.toEpochSecond(offset(m.group(8))));
  }
}
