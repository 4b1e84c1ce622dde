package io.github.kubestashmetrics.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kubestashmetrics.metrics.internal.value.LabelText;
import io.github.kubestashmetrics.metrics.language.MappingError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One family as a table declares it: name, HELP, its own label names and how an object becomes rows
 * (own label values plus a sample value). The common labels are the table's. Built by the shapes in
 * {@link Families}.
 */
abstract class FamilyDefinition<T> {

  /** One series before the common labels are added; a null value leaves that label out. */
  record Row(String[] ownLabelValues, Reading value) {}

  private final String name;
  private final String help;
  private final List<String> ownLabelNames;
  private final List<String> paths;
  private final List<String> strictPaths;

  FamilyDefinition(
      String name,
      String help,
      List<String> ownLabelNames,
      List<String> paths,
      List<String> strictPaths) {
    this.name = Objects.requireNonNull(name, "name");
    this.help = Objects.requireNonNull(help, "help");
    this.ownLabelNames = List.copyOf(ownLabelNames);
    this.paths = List.copyOf(paths);
    this.strictPaths = List.copyOf(strictPaths);
  }

  String name() {
    return name;
  }

  String help() {
    return help;
  }

  List<String> ownLabelNames() {
    return ownLabelNames;
  }

  /** Every field path this family reads besides the common labels. */
  List<String> paths() {
    return paths;
  }

  /**
   * The paths whose JSON type matters (sample values, states, the array a family iterates and its
   * elements): a wrong type there costs the family. Label paths are not among them (rule 10).
   */
  List<String> strictPaths() {
    return strictPaths;
  }

  /**
   * Appends this object's rows, or returns the {@link MappingError} reason that costs the object
   * this whole family (rule 10); the caller then discards any rows appended.
   */
  abstract String evaluate(T object, JsonNode raw, List<Row> rows);

  /** One series per object: created, info, duration, size, timestamp, count. */
  static final class PerObject<T> extends FamilyDefinition<T> {
    private final List<LabelSource<T>> labels;
    private final ValueRule<T> value;

    List<LabelSource<T>> labels() {
      return labels;
    }

    ValueRule<T> value() {
      return value;
    }

    PerObject(String name, String help, List<LabelSource<T>> labels, ValueRule<T> value) {
      super(name, help, namesOf(labels), concat(pathsOf(labels), value.paths()), value.paths());
      this.labels = List.copyOf(labels);
      this.value = value;
    }

    @Override
    String evaluate(T object, JsonNode raw, List<Row> rows) {
      Reading reading = value.read(object);
      if (reading.isUnparseable()) {
        return reading.reason();
      }
      if (!reading.isAbsent()) {
        rows.add(new Row(valuesOf(labels, object, raw), reading));
      }
      return null;
    }
  }

  /**
   * One series per listed state, always all of them: 1 for the current state, 0 for the others; an
   * absent or unlisted state gives all 0 (rule 5).
   */
  static final class OneHotState<T> extends FamilyDefinition<T> {
    private final Field<T, String> state;
    private final List<String> states;

    /** Per state, the row with value 1 and the row with value 0: the same for every object. */
    private final Row[] currentRows;

    private final Row[] otherRows;

    Field<T, String> state() {
      return state;
    }

    List<String> states() {
      return states;
    }

    String stateLabel() {
      return ownLabelNames().get(0);
    }

    OneHotState(
        String name, String help, String stateLabel, Field<T, String> state, String[] states) {
      super(name, help, List.of(stateLabel), List.of(state.path()), List.of(state.path()));
      this.state = state;
      this.states = List.of(states);
      if (new HashSet<>(this.states).size() != states.length || states.length == 0) {
        throw new IllegalArgumentException(name + ": states must be distinct and non-empty");
      }
      this.currentRows = new Row[states.length];
      this.otherRows = new Row[states.length];
      for (int i = 0; i < states.length; i++) {
        currentRows[i] = new Row(new String[] {states[i]}, Reading.ONE);
        otherRows[i] = new Row(new String[] {states[i]}, Reading.ZERO);
      }
    }

    @Override
    String evaluate(T object, JsonNode raw, List<Row> rows) {
      String current = state.get(object);
      for (int i = 0; i < currentRows.length; i++) {
        rows.add(states.get(i).equals(current) ? currentRows[i] : otherRows[i]);
      }
      return null;
    }
  }

  /**
   * One series per array element; none for an absent or empty array; elements that give the same
   * label set give one series, the first (rule 4).
   */
  static final class PerElement<T, E> extends FamilyDefinition<T> {
    private final Field<T, ? extends List<E>> array;

    /** The array's steps below the object, to find an element's JSON tree by its index. */
    private final String[] arraySteps;

    private final List<LabelSource<E>> labels;
    private final ValueRule<E> value;

    Field<T, ? extends List<E>> array() {
      return array;
    }

    List<LabelSource<E>> labels() {
      return labels;
    }

    ValueRule<E> value() {
      return value;
    }

    PerElement(
        String name,
        String help,
        Field<T, ? extends List<E>> array,
        List<LabelSource<E>> labels,
        ValueRule<E> value) {
      super(
          name,
          help,
          namesOf(labels),
          concat(List.of(array.path()), concat(pathsOf(labels), value.paths())),
          concat(List.of(array.path(), array.path() + "[*]"), value.paths()));
      this.array = array;
      this.arraySteps = LabelText.stepsOf(array.path());
      this.labels = List.copyOf(labels);
      this.value = value;
      String elementPrefix = array.path() + "[*].";
      for (String path : concat(pathsOf(labels), value.paths())) {
        if (!path.startsWith(elementPrefix)) {
          throw new IllegalArgumentException(
              name + ": element field " + path + " is not under " + elementPrefix);
        }
      }
    }

    @Override
    String evaluate(T object, JsonNode raw, List<Row> rows) {
      List<E> elements = array.get(object);
      if (elements == null || elements.isEmpty()) {
        return null;
      }
      // The typed list keeps the JSON array's positions (a rejected element is a null in place).
      JsonNode rawElements = raw == null ? null : nodeAt(raw, arraySteps);
      int firstRow = rows.size();
      // Arrays are short (a handful of conditions or snapshots): a scan of the rows so far beats
      // hashing every label value; long ones get a set.
      Set<List<String>> seen = elements.size() > SCAN_LIMIT ? new HashSet<>() : null;
      for (int i = 0; i < elements.size(); i++) {
        E element = elements.get(i);
        if (element == null) {
          continue;
        }
        Reading reading = value.read(element);
        if (reading.isUnparseable()) {
          return reading.reason();
        }
        if (reading.isAbsent()) {
          continue;
        }
        JsonNode rawElement =
            rawElements != null && rawElements.isArray() ? rawElements.get(i) : null;
        String[] values = valuesOf(labels, element, rawElement);
        boolean fresh =
            seen != null ? seen.add(Arrays.asList(values)) : !repeats(rows, firstRow, values);
        if (fresh) {
          rows.add(new Row(values, reading));
        }
      }
      return null;
    }
  }

  /** Arrays longer than this are de-duplicated with a set rather than a scan. */
  private static final int SCAN_LIMIT = 16;

  /** True when a row from {@code from} on already has exactly these own label values. */
  private static boolean repeats(List<Row> rows, int from, String[] values) {
    for (int i = from; i < rows.size(); i++) {
      if (Arrays.equals(rows.get(i).ownLabelValues(), values)) {
        return true;
      }
    }
    return false;
  }

  static <T> List<String> namesOf(List<LabelSource<T>> labels) {
    List<String> names = new ArrayList<>(labels.size());
    for (LabelSource<T> label : labels) {
      names.add(label.name());
    }
    return names;
  }

  static <T> List<String> pathsOf(List<LabelSource<T>> labels) {
    List<String> paths = new ArrayList<>();
    for (LabelSource<T> label : labels) {
      paths.addAll(label.paths());
    }
    return paths;
  }

  /** The label values of an object, read from {@code raw} when it is the object's JSON tree. */
  static <T> String[] valuesOf(List<LabelSource<T>> labels, T object, JsonNode raw) {
    String[] values = new String[labels.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = labels.get(i).valueOf(object, raw);
    }
    return values;
  }

  /** The node at these steps below {@code node}, or null. */
  static JsonNode nodeAt(JsonNode node, String[] steps) {
    JsonNode current = node;
    for (String step : steps) {
      if (current == null) {
        return null;
      }
      current = current.get(step);
    }
    return current;
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
