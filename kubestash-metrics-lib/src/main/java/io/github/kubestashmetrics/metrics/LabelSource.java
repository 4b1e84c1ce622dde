package io.github.kubestashmetrics.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kubestashmetrics.metrics.internal.value.LabelText;
import java.util.List;
import java.util.Objects;

/**
 * Where one label of a series gets its value: a constant, or a field of the object (or of the array
 * element) rendered as text. A null or empty value means "leave the label out".
 */
final class LabelSource<T> {

  private final String name;
  private final String constant;
  private final Field<T, ?> field;

  /** The field's steps below the object (or the array element) the label reads from. */
  private final String[] rawSteps;

  private LabelSource(String name, String constant, Field<T, ?> field) {
    if (!FamilyDescriptor.isValidLabelName(name)) {
      throw new IllegalArgumentException("invalid label name: " + name);
    }
    this.name = name;
    this.constant = constant;
    this.field = field;
    this.rawSteps = field == null ? null : LabelText.stepsOf(field.path());
  }

  static <T> LabelSource<T> constant(String name, String value) {
    return new LabelSource<>(name, Objects.requireNonNull(value), null);
  }

  static <T> LabelSource<T> of(String name, Field<T, ?> field) {
    return new LabelSource<>(name, null, Objects.requireNonNull(field));
  }

  String name() {
    return name;
  }

  /** The constant value, or null for a label read from a field. */
  String constant() {
    return constant;
  }

  /** The field path this label reads, none for a constant. */
  List<String> paths() {
    return field == null ? List.of() : List.of(field.path());
  }

  /**
   * The label value of this object, or null when the label is left out. {@code raw} is the object's
   * (or array element's) JSON tree when it was read from one, else null: labels are then read from
   * the JSON (rule 10: any JSON type is text, whatever the typed model declares), so a field the
   * typed reading rejected or coerced still gives its text.
   */
  String valueOf(T object, JsonNode raw) {
    if (field == null) {
      return constant;
    }
    if (raw != null) {
      String text = LabelText.at(raw, rawSteps);
      return text == null || text.isEmpty() ? null : text;
    }
    Object value = field.get(object);
    if (value == null) {
      return null;
    }
    // Strings as they are, booleans as true/false, integers as decimal text (rule 2).
    String text = value.toString();
    return text.isEmpty() ? null : text;
  }
}
