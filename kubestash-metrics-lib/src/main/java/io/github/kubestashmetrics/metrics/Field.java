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
  private final Function<T, V> getter;

  private Field(String path, Function<T, V> getter) {
    if (!path.startsWith(".") && !path.startsWith("[")) {
      throw new IllegalArgumentException("a field path starts with '.': " + path);
    }
    this.path = path;
    this.getter = getter;
  }

  static <T, A> Field<T, A> of(String path, Function<T, A> a) {
    Objects.requireNonNull(a);
    return new Field<>(path, t -> t == null ? null : a.apply(t));
  }

  static <T, A, B> Field<T, B> of(String path, Function<T, A> a, Function<A, B> b) {
    Objects.requireNonNull(b);
    Field<T, A> first = of(path, a);
    return new Field<>(path, t -> next(first.get(t), b));
  }

  static <T, A, B, C> Field<T, C> of(
      String path, Function<T, A> a, Function<A, B> b, Function<B, C> c) {
    Objects.requireNonNull(c);
    Field<T, B> first = of(path, a, b);
    return new Field<>(path, t -> next(first.get(t), c));
  }

  static <T, A, B, C, D> Field<T, D> of(
      String path, Function<T, A> a, Function<A, B> b, Function<B, C> c, Function<C, D> d) {
    Objects.requireNonNull(d);
    Field<T, C> first = of(path, a, b, c);
    return new Field<>(path, t -> next(first.get(t), d));
  }

  private static <A, B> B next(A value, Function<A, B> step) {
    return value == null ? null : step.apply(value);
  }

  String path() {
    return path;
  }

  V get(T object) {
    return getter.apply(object);
  }
}
