package io.github.kubestashmetrics.metrics;

import java.util.Objects;
import java.util.function.Function;

/**
 * A source field of an object: its path as the contract writes it ({@code .spec.appRef.kind},
 * {@code .status.conditions[*].type}) and a getter that yields null as soon as any step is null.
 * The path is how a badly-typed manifest field is matched to the families that read it.
 */
final class Field<T, V> {

  private final String path;

  /** The getters from the object to the value, applied in turn; a null stops the walk. */
  private final Function<Object, Object>[] steps;

  private Field(String path, Function<?, ?>... steps) {
    if (!path.startsWith(".") && !path.startsWith("[")) {
      throw new IllegalArgumentException("a field path starts with '.': " + path);
    }
    this.path = path;
    this.steps = erased(steps);
  }

  static <T, A> Field<T, A> of(String path, Function<T, A> a) {
    return new Field<>(path, Objects.requireNonNull(a));
  }

  static <T, A, B> Field<T, B> of(String path, Function<T, A> a, Function<A, B> b) {
    return new Field<>(path, Objects.requireNonNull(a), Objects.requireNonNull(b));
  }

  static <T, A, B, C> Field<T, C> of(
      String path, Function<T, A> a, Function<A, B> b, Function<B, C> c) {
    return new Field<>(
        path, Objects.requireNonNull(a), Objects.requireNonNull(b), Objects.requireNonNull(c));
  }

  static <T, A, B, C, D> Field<T, D> of(
      String path, Function<T, A> a, Function<A, B> b, Function<B, C> c, Function<C, D> d) {
    return new Field<>(
        path,
        Objects.requireNonNull(a),
        Objects.requireNonNull(b),
        Objects.requireNonNull(c),
        Objects.requireNonNull(d));
  }

  /**
   * The steps with their types erased: the typed factories above are what guarantee that each
   * step's result is the next one's argument. One flat array (rather than nested lambdas) keeps a
   * read to one call per step.
   */
  @SuppressWarnings("unchecked")
  private static Function<Object, Object>[] erased(Function<?, ?>[] steps) {
    return (Function<Object, Object>[]) steps.clone();
  }

  String path() {
    return path;
  }

  @SuppressWarnings("unchecked") // see erased(): the last step yields a V
  V get(T object) {
    Object value = object;
    for (Function<Object, Object> step : steps) {
      if (value == null) {
        return null;
      }
      value = step.apply(value);
    }
    return (V) value;
  }
}
