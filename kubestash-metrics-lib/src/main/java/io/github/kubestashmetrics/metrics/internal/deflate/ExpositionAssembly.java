package io.github.kubestashmetrics.metrics.internal.deflate;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.Inflater;

/**
 * One exposition laid out from stored pieces: sections (a family's HELP/TYPE header, raw and
 * pre-deflated, and its series as {@link DeflatedChunk}s), then an optional trailer ({@code #
 * EOF}). Written either as one gzip member, copying the deflated bytes without compressing anything
 * ({@link GzipMember}), or as text, inflating the chunks on the way out. Both writes give the same
 * text: the headers and chunks in the order they were added, then the trailer.
 *
 * <p>Holds references only; the chunks and byte arrays are immutable and never copied. Not
 * thread-safe: one writer assembles and writes it.
 */
public final class ExpositionAssembly {

  private static final int BUFFER_BYTES = 64 * 1024;

  private final List<Section> sections = new ArrayList<>();
  private byte[] trailer;
  private DeflatedChunk deflatedTrailer;

  /** An empty assembly: writes nothing until sections are added. */
  public ExpositionAssembly() {}

  /**
   * Adds a section: {@code header} (raw) and {@code deflatedHeader} (the same bytes deflated), then
   * {@code chunks} in order. The arrays must not be modified afterwards.
   */
  public void addSection(byte[] header, DeflatedChunk deflatedHeader, DeflatedChunk[] chunks) {
    sections.add(
        new Section(
            Objects.requireNonNull(header),
            Objects.requireNonNull(deflatedHeader),
            Objects.requireNonNull(chunks)));
  }

  /** Ends the exposition with {@code trailer} (raw and deflated), after every section. */
  public void setTrailer(byte[] trailer, DeflatedChunk deflatedTrailer) {
    this.trailer = Objects.requireNonNull(trailer);
    this.deflatedTrailer = Objects.requireNonNull(deflatedTrailer);
  }

  /**
   * Writes the assembly as one gzip member; returns its uncompressed length. The stream is neither
   * flushed nor closed.
   */
  public long writeGzip(OutputStream out) throws IOException {
    GzipMember member = new GzipMember(out);
    for (Section section : sections) {
      member.append(section.deflatedHeader);
      for (DeflatedChunk chunk : section.chunks) {
        member.append(chunk);
      }
    }
    if (deflatedTrailer != null) {
      member.append(deflatedTrailer);
    }
    member.finish();
    return member.rawLength();
  }

  /**
   * Writes the assembly as text, inflating the chunks; returns the bytes written. The stream is
   * neither flushed nor closed.
   */
  public long writeText(OutputStream out) throws IOException {
    long written = 0;
    Inflater inflater = new Inflater(true);
    byte[] buffer = new byte[BUFFER_BYTES];
    try {
      for (Section section : sections) {
        out.write(section.header);
        written += section.header.length;
        for (DeflatedChunk chunk : section.chunks) {
          chunk.inflateTo(inflater, buffer, out);
          written += chunk.rawLength();
        }
      }
    } finally {
      inflater.end();
    }
    if (trailer != null) {
      out.write(trailer);
      written += trailer.length;
    }
    return written;
  }

  private record Section(byte[] header, DeflatedChunk deflatedHeader, DeflatedChunk[] chunks) {}
}
