package io.github.kubestashmetrics.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.function.Function;

/**
 * The shapes every family of the contract is built from, so that each family is one expression in
 * its kind's table: {@link #created}, {@link #info}, {@link #phase}, {@link #timestamp}, {@link
 * #duration}, {@link #size}, {@link #count}, {@link #elements} and {@link #conditions}.
 */
final class Families {

  /** The state label of every {@link #phase} family. */
  static final String STATE_LABEL = "phase";

  private Families() {}

  // ---- fields and labels -------------------------------------------------------------------

  static <T, A> Field<T, A> field(String path, Function<T, A> a) {
    return Field.of(path, a);
  }

  static <T, A, B> Field<T, B> field(String path, Function<T, A> a, Function<A, B> b) {
    return Field.of(path, a, b);
  }

  static <T, A, B, C> Field<T, C> field(
      String path, Function<T, A> a, Function<A, B> b, Function<B, C> c) {
    return Field.of(path, a, b, c);
  }

  static <T, A, B, C, D> Field<T, D> field(
      String path, Function<T, A> a, Function<A, B> b, Function<B, C> c, Function<C, D> d) {
    return Field.of(path, a, b, c, d);
  }

  /** A label from a field: text as is, booleans {@code true}/{@code false}, integers decimal. */
  static <T> LabelSource<T> label(String name, Field<T, ?> field) {
    return LabelSource.of(name, field);
  }

  /** A label with the same value on every series. */
  static <T> LabelSource<T> constant(String name, String value) {
    return LabelSource.constant(name, value);
  }

  /** {@code .metadata.name}, the kind label and most invoker names. */
  static <T extends HasMetadata> Field<T, String> metadataName() {
    return field(".metadata.name", HasMetadata::getMetadata, ObjectMeta::getName);
  }

  static <T extends HasMetadata> Field<T, String> metadataNamespace() {
    return field(".metadata.namespace", HasMetadata::getMetadata, ObjectMeta::getNamespace);
  }

  // ---- shapes ------------------------------------------------------------------------------

  /** {@code .metadata.creationTimestamp} as Unix seconds; no series when it is absent. */
  static <T extends HasMetadata> FamilyDefinition<T> created(String name, String help) {
    Field<T, String> created =
        field(
            ".metadata.creationTimestamp",
            HasMetadata::getMetadata,
            ObjectMeta::getCreationTimestamp);
    return new FamilyDefinition.PerObject<>(name, help, List.of(), ValueRule.timestamp(created));
  }

  /** One series per object with value 1, carrying these labels. */
  @SafeVarargs
  @SuppressWarnings("varargs") // List.of only reads the array
  static <T> FamilyDefinition<T> info(String name, String help, LabelSource<T>... labels) {
    return new FamilyDefinition.PerObject<>(name, help, List.of(labels), ValueRule.one());
  }

  /** One series per listed state: 1 for {@code phase}'s current value, 0 for the others. */
  static <T> FamilyDefinition<T> phase(
      String name, String help, Field<T, String> phase, String... states) {
    return new FamilyDefinition.OneHotState<>(name, help, STATE_LABEL, phase, states);
  }

  /** RFC 3339 text as Unix seconds; no series when absent. */
  static <T> FamilyDefinition<T> timestamp(String name, String help, Field<T, String> field) {
    return new FamilyDefinition.PerObject<>(name, help, List.of(), ValueRule.timestamp(field));
  }

  /** Go duration text as seconds; no series when absent. */
  static <T> FamilyDefinition<T> duration(String name, String help, Field<T, String> field) {
    return new FamilyDefinition.PerObject<>(name, help, List.of(), ValueRule.duration(field));
  }

  /** Size text as whole bytes; no series when absent. */
  static <T> FamilyDefinition<T> size(String name, String help, Field<T, String> field) {
    return new FamilyDefinition.PerObject<>(name, help, List.of(), ValueRule.size(field));
  }

  /** An integer field; no series when absent. */
  static <T> FamilyDefinition<T> count(String name, String help, Field<T, ? extends Number> field) {
    return new FamilyDefinition.PerObject<>(name, help, List.of(), ValueRule.count(field));
  }

  /**
   * One series per element of {@code array} with these element labels and value; element field
   * paths are written in full ({@code .spec.sessions[*].name}).
   */
  @SafeVarargs
  @SuppressWarnings("varargs") // List.of only reads the array
  static <T, E> FamilyDefinition<T> elements(
      String name,
      String help,
      Field<T, ? extends List<E>> array,
      ValueRule<E> value,
      LabelSource<E>... labels) {
    return new FamilyDefinition.PerElement<>(name, help, array, List.of(labels), value);
  }

  /**
   * One series per condition with value 1: {@code condition} = its type, {@code status} = its
   * status. Each kind has its own condition class, hence the two getters.
   */
  static <T, E> FamilyDefinition<T> conditions(
      String name,
      String help,
      Field<T, ? extends List<E>> conditions,
      Function<E, String> type,
      Function<E, String> status) {
    String each = conditions.path() + "[*]";
    return new FamilyDefinition.PerElement<>(
        name,
        help,
        conditions,
        List.of(
            label("condition", field(each + ".type", type)),
            label("status", field(each + ".status", status))),
        ValueRule.one());
  }

  /** 1 per element. */
  static <E> ValueRule<E> one() {
    return ValueRule.one();
  }

  /** An element's size text as whole bytes. */
  static <E> ValueRule<E> sizeOf(Field<E, String> field) {
    return ValueRule.size(field);
  }
}
