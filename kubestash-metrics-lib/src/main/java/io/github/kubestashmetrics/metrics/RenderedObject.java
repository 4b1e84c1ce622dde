package io.github.kubestashmetrics.metrics;

import io.github.kubestashmetrics.metrics.language.MappingError;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One object's series, rendered once as exposition lines so that a scrape only concatenates.
 * Immutable. Memory layout: all lines of the object in one UTF-8 byte array, grouped by family in
 * catalogue order, plus one end offset per family of the object's kind; nothing per series.
 *
 * <p>The lines carry no HELP/TYPE and are identical in both {@link ExpositionFormat}s.
 */
public final class RenderedObject {

  private static final int[] NO_FAMILIES = new int[0];
  private static final byte[] NO_BYTES = new byte[0];

  private final String kind;
  private final String namespace;
  private final String name;
  private final String uid;
  private final List<MappingError> errors;
  private final int firstFamilyIndex;
  private final byte[] lines;
  private final int[] familyEnds;
  private final int seriesCount;

  RenderedObject(
      String kind,
      String namespace,
      String name,
      String uid,
      List<MappingError> errors,
      int firstFamilyIndex,
      byte[] lines,
      int[] familyEnds,
      int seriesCount) {
    this.kind = Objects.requireNonNull(kind);
    this.namespace = Objects.requireNonNull(namespace);
    this.name = Objects.requireNonNull(name);
    this.uid = Objects.requireNonNull(uid);
    this.errors = errors.isEmpty() ? List.of() : List.copyOf(errors);
    this.firstFamilyIndex = firstFamilyIndex;
    this.lines = lines;
    this.familyEnds = familyEnds;
    this.seriesCount = seriesCount;
  }

  /** An object with no series: not one of the six kinds, or not an object at all. */
  static RenderedObject empty(String kind, String namespace, String name, String uid) {
    return new RenderedObject(
        orEmpty(kind),
        orEmpty(namespace),
        orEmpty(name),
        orEmpty(uid),
        List.of(),
        0,
        NO_BYTES,
        NO_FAMILIES,
        0);
  }

  static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  /** The object's kind, e.g. {@code Repository}; "" when unknown. */
  public String kind() {
    return kind;
  }

  /** {@code .metadata.namespace}, or "" when absent. */
  public String namespace() {
    return namespace;
  }

  /** {@code .metadata.name}, or "" when absent. */
  public String name() {
    return name;
  }

  /** {@code .metadata.uid}, or "" when absent (hand-built objects and manifests). */
  public String uid() {
    return uid;
  }

  /** The values that could not be mapped; each cost this object that family's series. */
  public List<MappingError> errors() {
    return errors;
  }

  /** Number of series lines over all families. */
  public int seriesCount() {
    return seriesCount;
  }

  /** Catalogue index of the first family of this object's kind (0 for an empty object). */
  int firstFamilyIndex() {
    return firstFamilyIndex;
  }

  /** True when this object has at least one series of that catalogue family. */
  boolean hasSeries(int familyIndex) {
    return end(familyIndex) > start(familyIndex);
  }

  /**
   * The exposition lines of this object for that catalogue family (no HELP/TYPE), as a fresh copy;
   * an empty array when there are none. Use {@link #writeSeries} to avoid the copy.
   */
  byte[] series(int familyIndex) {
    return Arrays.copyOfRange(lines, start(familyIndex), end(familyIndex));
  }

  /** Writes {@link #series(int)} to {@code out} without copying. */
  void writeSeries(int familyIndex, OutputStream out) throws IOException {
    int start = start(familyIndex);
    int end = end(familyIndex);
    if (end > start) {
      out.write(lines, start, end - start);
    }
  }

  /**
   * Approximate bytes this object keeps reachable: the lines, the offsets, the identifying strings
   * and the errors, with JVM object headers. Good enough for store-size accounting.
   */
  public long retainedBytes() {
    long bytes = 16 + 9 * 8; // this object: header and fields
    bytes += 16 + lines.length;
    bytes += 16 + 4L * familyEnds.length;
    bytes += stringBytes(kind) + stringBytes(namespace) + stringBytes(name) + stringBytes(uid);
    bytes += errors.isEmpty() ? 0 : 16 + errors.size() * (8 + 32L);
    return bytes;
  }

  private static long stringBytes(String s) {
    return 24 + 16 + s.length();
  }

  /** Start offset of a family's lines; families of other kinds are empty (start = end = 0). */
  private int start(int familyIndex) {
    int i = familyIndex - firstFamilyIndex;
    return i > 0 && i < familyEnds.length ? familyEnds[i - 1] : 0;
  }

  private int end(int familyIndex) {
    int i = familyIndex - firstFamilyIndex;
    return i >= 0 && i < familyEnds.length ? familyEnds[i] : 0;
  }

  @Override
  public String toString() {
    return "RenderedObject["
        + kind
        + " "
        + namespace
        + "/"
        + name
        + ", "
        + seriesCount
        + " series, "
        + errors.size()
        + " errors]";
  }
}
