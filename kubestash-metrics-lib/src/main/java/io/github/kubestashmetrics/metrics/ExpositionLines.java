package io.github.kubestashmetrics.metrics;

import io.github.kubestashmetrics.metrics.internal.value.SampleValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Renders one object's series straight to UTF-8 exposition lines in one growing byte array,
 * remembering where each family's lines end. One instance per render call; {@link #finish} copies
 * the lines into a {@link RenderedObject} with no slack.
 */
final class ExpositionLines implements SeriesSink {

  private final String kind;
  private final String namespace;
  private final String name;
  private final int[] familyEnds;
  private final Scratch scratch;
  private List<MappingError> errors = List.of(); // an ArrayList from the first error on
  private byte[] bytes;
  private int length;
  private String[] encodedCommon;
  private byte[] commonBytes;
  private int commonLength;
  private int seriesCount;

  /**
   * Working buffers a render may borrow instead of allocating (and zeroing) its own: a render then
   * allocates little more than its exactly-sized result. Used by one render at a time.
   */
  static final class Scratch {
    /** Buffers grown past this (a huge object) are not kept, so a pool never holds much. */
    static final int MAX_KEPT_BYTES = 64 * 1024;

    private byte[] lines = new byte[4096];
    private byte[] common = new byte[256];

    /** A configured table's row buffer (see {@link ConfiguredTable}). */
    final io.github.kubestashmetrics.metrics.language.MetricRows rows =
        new io.github.kubestashmetrics.metrics.language.MetricRows();
  }

  ExpositionLines(String kind, String namespace, String name, int familyCount) {
    this(kind, namespace, name, familyCount, new Scratch());
  }

  /** Writes into {@code scratch}'s buffers; {@link #finish} hands back what they grew to. */
  ExpositionLines(String kind, String namespace, String name, int familyCount, Scratch scratch) {
    this.scratch = scratch;
    this.bytes = scratch.lines;
    this.commonBytes = scratch.common;
    this.kind = kind;
    this.namespace = namespace;
    this.name = name;
    this.familyEnds = new int[familyCount];
  }

  @Override
  public void series(FamilyTable.Family<?> family, String[] common, String[] own, Reading value) {
    write(family.nameBytes());
    if (common != encodedCommon) {
      encodeCommon(family, common);
    }
    boolean first = commonLength == 0;
    if (!first) {
      write((byte) '{');
      write(commonBytes, 0, commonLength);
    }
    for (int i = 0; i < own.length; i++) {
      if (own[i] != null) {
        writeLabel(family.labelPrefix(common.length + i), first, own[i]);
        first = false;
      }
    }
    if (!first) {
      write((byte) '}');
    }
    write((byte) ' ');
    if (value.isInteger()) {
      writeLong(value.integer());
    } else {
      writeAscii(SampleValue.format(value.asDouble()));
    }
    write((byte) '\n');
    seriesCount++;
  }

  /**
   * Encodes the common labels once per object ({@code kind="…",namespace="…",…}, no leading comma,
   * no brace): every series of the object starts with the same ones, in the same order, and they
   * are most of a line, so each series copies them instead of escaping them again. The common label
   * names, hence their prefixes, are the same in every family of a table.
   */
  private void encodeCommon(FamilyTable.Family<?> family, String[] common) {
    byte[] lines = bytes;
    int lineLength = length;
    bytes = commonBytes;
    length = 0;
    boolean first = true;
    for (int i = 0; i < common.length; i++) {
      if (common[i] != null) {
        byte[] prefix = family.labelPrefix(i);
        if (first) {
          write(prefix, 1, prefix.length - 1);
        } else {
          write(prefix, 0, prefix.length);
        }
        writeEscaped(common[i]);
        write((byte) '"');
        first = false;
      }
    }
    commonBytes = bytes;
    commonLength = length;
    encodedCommon = common;
    bytes = lines;
    length = lineLength;
  }

  @Override
  public void error(FamilyTable.Family<?> family, String reason) {
    if (errors.isEmpty()) {
      errors = new ArrayList<>(2);
    }
    errors.add(new MappingError(family.name(), kind, namespace, name, reason));
  }

  @Override
  public void endFamily(FamilyTable.Family<?> family) {
    familyEnds[family.ordinal()] = length;
  }

  /** The rendered object; the scratch buffers are free for another render once this returns. */
  RenderedObject finish(String uid, int firstFamilyIndex) {
    if (bytes.length <= Scratch.MAX_KEPT_BYTES) {
      scratch.lines = bytes;
    }
    if (commonBytes.length <= Scratch.MAX_KEPT_BYTES) {
      scratch.common = commonBytes;
    }
    return new RenderedObject(
        kind,
        namespace,
        name,
        uid,
        errors,
        firstFamilyIndex,
        Arrays.copyOf(bytes, length),
        familyEnds.clone(),
        seriesCount);
  }

  private void writeLabel(byte[] prefix, boolean first, String value) {
    if (first) {
      write((byte) '{');
      write(prefix, 1, prefix.length - 1);
    } else {
      write(prefix, 0, prefix.length);
    }
    writeEscaped(value);
    write((byte) '"');
  }

  /**
   * A label value as UTF-8 with exactly the escapes the formats define: {@code \} as {@code \\},
   * {@code "} as {@code \"}, newline as {@code \n}. Nothing else can end a label value or a line,
   * so object content cannot forge a line, a series or a comment. A lone surrogate becomes {@code
   * ?}, as in {@link String#getBytes}.
   */
  private void writeEscaped(String value) {
    // String's own UTF-8 encoder is an intrinsic copy for the usual all-ASCII value, and it also
    // turns a lone surrogate into '?'. The three bytes to escape are ASCII, so they never occur
    // inside a multi-byte sequence: a scan of the encoded bytes finds exactly them.
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    int special = 0;
    for (byte c : utf8) {
      if (c == '\\' || c == '"' || c == '\n') {
        special++;
      }
    }
    ensure(utf8.length + special);
    if (special == 0) {
      System.arraycopy(utf8, 0, bytes, length, utf8.length);
      length += utf8.length;
      return;
    }
    byte[] b = bytes;
    int n = length;
    for (byte c : utf8) {
      if (c == '\\' || c == '"') {
        b[n++] = '\\';
        b[n++] = c;
      } else if (c == '\n') {
        b[n++] = '\\';
        b[n++] = 'n';
      } else {
        b[n++] = c;
      }
    }
    length = n;
  }

  private void writeLong(long value) {
    if (value < 0) {
      // Only reachable for negative durations and timestamps before 1970: rare, keep it simple.
      writeAscii(Long.toString(value));
      return;
    }
    ensure(20);
    if (value < 10) { // the 0s and 1s of phases, info and element families: most samples
      bytes[length++] = (byte) ('0' + value);
      return;
    }
    int digits = 2;
    while (digits < POWERS_OF_TEN.length && value >= POWERS_OF_TEN[digits]) {
      digits++;
    }
    int end = length + digits;
    for (int i = end - 1; i >= length; i--) {
      long rest = value / 10;
      bytes[i] = (byte) ('0' + (value - rest * 10));
      value = rest;
    }
    length = end;
  }

  /** 10^i for i in 0..18: the smallest value with i + 1 digits. */
  private static final long[] POWERS_OF_TEN = powersOfTen();

  private static long[] powersOfTen() {
    long[] powers = new long[19];
    powers[0] = 1;
    for (int i = 1; i < powers.length; i++) {
      powers[i] = powers[i - 1] * 10;
    }
    return powers;
  }

  private void writeAscii(String text) {
    ensure(text.length());
    for (int i = 0; i < text.length(); i++) {
      bytes[length++] = (byte) text.charAt(i);
    }
  }

  private void write(byte b) {
    ensure(1);
    bytes[length++] = b;
  }

  private void write(byte[] b) {
    write(b, 0, b.length);
  }

  private void write(byte[] b, int offset, int count) {
    ensure(count);
    System.arraycopy(b, offset, bytes, length, count);
    length += count;
  }

  private void ensure(int extra) {
    if (length + extra > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
    }
  }
}
