package io.github.kubestashmetrics.metrics;

import io.github.kubestashmetrics.metrics.internal.value.ByteSize;
import io.github.kubestashmetrics.metrics.internal.value.GoDuration;
import io.github.kubestashmetrics.metrics.internal.value.Rfc3339;
import io.github.kubestashmetrics.metrics.language.MappingError;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** How a family's sample value is read from an object (or an array element). */
abstract class ValueRule<T> {

  /** Which of the contract's value rules this is (how it is written as a MetricsConfiguration). */
  enum Shape {
    ONE,
    TIMESTAMP,
    DURATION,
    SIZE,
    COUNT
  }

  /** The field paths the value reads; none for a constant. */
  abstract List<String> paths();

  abstract Shape shape();

  abstract Reading read(T object);

  /** Always 1: info, sessions, snapshots, conditions. */
  static <T> ValueRule<T> one() {
    return new ValueRule<>() {
      @Override
      List<String> paths() {
        return List.of();
      }

      @Override
      Shape shape() {
        return Shape.ONE;
      }

      @Override
      Reading read(T object) {
        return Reading.ONE;
      }
    };
  }

  /** RFC 3339 text as Unix seconds (rule 6). */
  static <T> ValueRule<T> timestamp(Field<T, String> field) {
    return new TextRule<>(field, MappingError.UNPARSEABLE_TIMESTAMP, Shape.TIMESTAMP) {
      @Override
      Reading parse(String text) {
        OptionalDouble seconds = Rfc3339.parseEpochSeconds(text);
        return seconds.isPresent() ? decimal(seconds.getAsDouble()) : null;
      }
    };
  }

  /** Go duration text as seconds (rule 7). */
  static <T> ValueRule<T> duration(Field<T, String> field) {
    return new TextRule<>(field, MappingError.UNPARSEABLE_DURATION, Shape.DURATION) {
      @Override
      Reading parse(String text) {
        OptionalDouble seconds = GoDuration.parseSeconds(text);
        return seconds.isPresent() ? decimal(seconds.getAsDouble()) : null;
      }
    };
  }

  /** Size text as whole bytes (rule 8). */
  static <T> ValueRule<T> size(Field<T, String> field) {
    return new TextRule<>(field, MappingError.UNPARSEABLE_SIZE, Shape.SIZE) {
      @Override
      Reading parse(String text) {
        OptionalLong bytes = ByteSize.parseBytes(text);
        return bytes.isPresent() ? Reading.of(bytes.getAsLong()) : null;
      }
    };
  }

  /** An integer field as it is (rule 9). */
  static <T> ValueRule<T> count(Field<T, ? extends Number> field) {
    return new ValueRule<>() {
      @Override
      List<String> paths() {
        return List.of(field.path());
      }

      @Override
      Shape shape() {
        return Shape.COUNT;
      }

      @Override
      Reading read(T object) {
        Number value = field.get(object);
        return value == null ? Reading.ABSENT : Reading.of(value.longValue());
      }
    };
  }

  private static Reading decimal(double value) {
    return value == Math.rint(value) && Math.abs(value) < 0x1p63
        ? Reading.of((long) value)
        : Reading.of(value);
  }

  /** A text field parsed into a number; absent text gives no series, bad text an error. */
  private abstract static class TextRule<T> extends ValueRule<T> {
    private final Field<T, String> field;
    private final String reason;
    private final Shape shape;

    TextRule(Field<T, String> field, String reason, Shape shape) {
      this.field = field;
      this.reason = reason;
      this.shape = shape;
    }

    @Override
    final Shape shape() {
      return shape;
    }

    /** The reading of present text, or null when it does not parse. */
    abstract Reading parse(String text);

    @Override
    final List<String> paths() {
      return List.of(field.path());
    }

    @Override
    final Reading read(T object) {
      String text = field.get(object);
      if (text == null) {
        return Reading.ABSENT;
      }
      Reading reading = parse(text);
      return reading == null ? Reading.unparseable(reason) : reading;
    }
  }
}
