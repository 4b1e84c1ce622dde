package io.github.kubestashmetrics.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Concatenates many objects' rendered series into one exposition.
 *
 * <p>Families come in catalogue order, each with its HELP and TYPE written once. A family with no
 * series at all is left out entirely (no HELP/TYPE either), as client_java does for an empty
 * snapshot. Within a family, objects come in the order the iterable gives them. OpenMetrics ends
 * with {@code # EOF}.
 */
public final class ExpositionWriter {

  private static final byte[] EOF = "# EOF\n".getBytes(StandardCharsets.US_ASCII);

  private ExpositionWriter() {}

  /**
   * Writes the exposition of these objects. The iterable is traversed once. The objects must be
   * distinct objects (one entry per UID), else series repeat. An object is written only where its
   * kind's families are in {@code catalogue}: one rendered by a catalogue whose families do not
   * line up with this one's (another kind at its first family's position) is skipped, never written
   * under the wrong families.
   */
  public static void write(
      MetricCatalogue catalogue,
      Iterable<RenderedObject> objects,
      ExpositionFormat format,
      OutputStream out)
      throws IOException {
    int familyCount = catalogue.families().size();
    // Objects grouped by the first family index of their kind, so each family scans only its own.
    List<List<RenderedObject>> byKind = new ArrayList<>(familyCount);
    for (int i = 0; i < familyCount; i++) {
      byKind.add(null);
    }
    for (RenderedObject object : objects) {
      if (object.seriesCount() == 0) {
        continue;
      }
      int first = object.firstFamilyIndex();
      if (first < 0
          || first >= familyCount
          || catalogue.firstIndexOfKind(first) != first
          || !catalogue.families().get(first).kind().kind().equals(object.kind())) {
        continue;
      }
      List<RenderedObject> group = byKind.get(first);
      if (group == null) {
        group = new ArrayList<>();
        byKind.set(first, group);
      }
      group.add(object);
    }
    for (int family = 0; family < familyCount; family++) {
      List<RenderedObject> group = byKind.get(catalogue.firstIndexOfKind(family));
      if (group == null || !anyHasSeries(group, family)) {
        continue;
      }
      out.write(catalogue.headerBytes(family, format));
      for (RenderedObject object : group) {
        object.writeSeries(family, out);
      }
    }
    if (format == ExpositionFormat.OPENMETRICS_1_0_0) {
      out.write(EOF);
    }
  }

  /** The exposition of these objects as text; see {@link #write}. */
  public static String toText(
      MetricCatalogue catalogue, Iterable<RenderedObject> objects, ExpositionFormat format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(catalogue, objects, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean anyHasSeries(List<RenderedObject> group, int family) {
    for (RenderedObject object : group) {
      if (object.hasSeries(family)) {
        return true;
      }
    }
    return false;
  }
}
