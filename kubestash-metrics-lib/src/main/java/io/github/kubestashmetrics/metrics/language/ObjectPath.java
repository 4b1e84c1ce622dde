package io.github.kubestashmetrics.metrics.language;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A compiled field path of the configuration language: {@code .} (the whole object), a dotted path
 * ({@code .status.phase}), or a path through one array ({@code .status.conditions[*].type}), whose
 * part before {@code [*]} is the array and whose part after it is read per element.
 *
 * <p>Reading never throws: a missing step or a JSON null reads as absent ({@code null}); a scalar
 * (or array) where an object was expected reads as {@link #MISMATCH}. Paths are parsed once, when a
 * configuration is compiled; a read is one {@link JsonNode#get(String)} per step.
 */
public final class ObjectPath {

  private static final String[] NO_STEPS = new String[0];

  /**
   * What {@link #read} returns when a step meets a scalar or an array where an object was expected:
   * the object's shape contradicts the path (a wrong JSON type, CONTRACT rule 10), which is not the
   * same as a missing value. Compare by identity.
   */
  public static final JsonNode MISMATCH =
      new TextNode("(a scalar or array where an object was expected)");

  private final String text;
  private final String[] arraySteps; // the steps to the array, or every step when !hasElements
  private final String[] elementSteps; // the steps inside one element
  private final boolean hasElements;

  private ObjectPath(String text, String[] arraySteps, String[] elementSteps, boolean hasElements) {
    this.text = text;
    this.arraySteps = arraySteps;
    this.elementSteps = elementSteps;
    this.hasElements = hasElements;
  }

  /**
   * Parses a path, or explains why it is not one: a path starts with {@code .}, has no empty step
   * (other than the whole-object path {@code .}), and uses {@code [*]} at most once, right after a
   * step. Step names are any characters but {@code .} and {@code [}.
   */
  public static Result parse(String text) {
    if (text == null || text.isEmpty()) {
      return Result.invalid("an empty path");
    }
    String trimmed = text.strip();
    if (!trimmed.startsWith(".")) {
      return Result.invalid("path " + quote(text) + " does not start with '.'");
    }
    if (trimmed.equals(".")) {
      return Result.of(new ObjectPath(trimmed, NO_STEPS, NO_STEPS, false));
    }
    int star = trimmed.indexOf("[*]");
    if (star >= 0 && trimmed.indexOf("[*]", star + 3) >= 0) {
      return Result.invalid("path " + quote(text) + " has more than one [*]");
    }
    String before = star < 0 ? trimmed : trimmed.substring(0, star);
    String after = star < 0 ? "" : trimmed.substring(star + 3);
    List<String> head = new ArrayList<>();
    String problem = steps(before, head, false);
    if (problem == null && star >= 0 && head.isEmpty()) {
      problem = "[*] must follow a field name";
    }
    List<String> tail = new ArrayList<>();
    if (problem == null && star >= 0 && !after.isEmpty()) {
      problem = after.startsWith(".") ? steps(after, tail, false) : "[*] must be followed by '.'";
    }
    if (problem != null) {
      return Result.invalid("path " + quote(text) + ": " + problem);
    }
    return Result.of(
        new ObjectPath(trimmed, head.toArray(NO_STEPS), tail.toArray(NO_STEPS), star >= 0));
  }

  private static String steps(String dotted, List<String> into, boolean allowEmpty) {
    // dotted starts with '.'; split keeps trailing empty strings with limit -1.
    String[] parts = dotted.substring(1).split("\\.", -1);
    for (String part : parts) {
      if (part.isEmpty() && !allowEmpty) {
        return "empty step";
      }
      if (part.indexOf('[') >= 0 || part.indexOf(']') >= 0) {
        return "only [*] is supported as an index";
      }
      into.add(part);
    }
    return null;
  }

  private static String quote(String text) {
    return "'" + text + "'";
  }

  /** The path as written (without surrounding blanks). */
  public String text() {
    return text;
  }

  /** True for a path through an array ({@code [*]}). */
  public boolean hasElements() {
    return hasElements;
  }

  /** The steps to the value (or to the array, for an element path). */
  public List<String> steps() {
    return List.of(arraySteps);
  }

  /** The steps inside one element (empty when the path has no {@code [*]} or ends with it). */
  public List<String> elementSteps() {
    return List.of(elementSteps);
  }

  /** The path of the array of an element path ({@code .a.b} for {@code .a.b[*].c}). */
  public String arrayText() {
    int star = text.indexOf("[*]");
    return star < 0 ? text : text.substring(0, star);
  }

  /**
   * The value at this path in {@code root}; for an element path, the array node (which may be any
   * JSON type). {@code null} for a missing step or a null; {@link #MISMATCH} for a scalar or array
   * on the way.
   */
  public JsonNode read(JsonNode root) {
    return walk(root, arraySteps);
  }

  /** The value at the element part of this path inside one array element; see {@link #read}. */
  public JsonNode readElement(JsonNode element) {
    return walk(element, elementSteps);
  }

  private static JsonNode walk(JsonNode node, String[] steps) {
    for (String step : steps) {
      if (node == null || node.isNull() || node.isMissingNode()) {
        return null;
      }
      if (!node.isObject()) {
        return MISMATCH;
      }
      node = node.get(step);
    }
    return node == null || node.isNull() || node.isMissingNode() ? null : node;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ObjectPath that && text.equals(that.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }

  /** A parsed path or the reason the text is not one. */
  public static final class Result {
    private final ObjectPath path;
    private final String problem;

    private Result(ObjectPath path, String problem) {
      this.path = path;
      this.problem = problem;
    }

    static Result of(ObjectPath path) {
      return new Result(Objects.requireNonNull(path), null);
    }

    static Result invalid(String problem) {
      return new Result(null, problem);
    }

    public Optional<ObjectPath> path() {
      return Optional.ofNullable(path);
    }

    /** Why the text is not a path; empty when it is one. */
    public Optional<String> problem() {
      return Optional.ofNullable(problem);
    }
  }
}
