package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();

  @Test
  void renderingTheSameObjectTwiceGivesIdenticalBytes() {
    for (HasMetadata object : GoldenFixtures.all()) {
      RenderedObject first = CATALOGUE.render(object);
      RenderedObject second = CATALOGUE.render(object);
      assertThat(second.seriesCount()).isEqualTo(first.seriesCount());
      for (FamilyDescriptor family : CATALOGUE.families()) {
        assertThat(second.series(family.index())).isEqualTo(first.series(family.index()));
      }
    }
  }

  @Test
  void writerOutputIsThePerFamilyConcatenationOfEachObject() throws Exception {
    List<RenderedObject> rendered = new ArrayList<>();
    for (int copy = 0; copy < 3; copy++) {
      for (HasMetadata object : GoldenFixtures.all()) {
        object.getMetadata().setName(object.getMetadata().getName() + "-" + copy);
        rendered.add(CATALOGUE.render(object));
      }
    }
    for (ExpositionFormat format : ExpositionFormat.values()) {
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      for (FamilyDescriptor family : CATALOGUE.families()) {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (RenderedObject object : rendered) {
          lines.write(object.series(family.index()));
        }
        if (lines.size() > 0) {
          expected.write(family.header(format));
          lines.writeTo(expected);
        }
      }
      if (format == ExpositionFormat.OPENMETRICS_1_0_0) {
        expected.write("# EOF\n".getBytes(StandardCharsets.UTF_8));
      }
      ByteArrayOutputStream actual = new ByteArrayOutputStream();
      ExpositionWriter.write(CATALOGUE, rendered, format, actual);
      assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
      assertThat(ExpositionWriter.toText(CATALOGUE, rendered, format))
          .isEqualTo(expected.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void noObjectsGiveAnEmptyExposition() {
    assertThat(ExpositionWriter.toText(CATALOGUE, List.of(), ExpositionFormat.TEXT_0_0_4))
        .isEmpty();
    assertThat(ExpositionWriter.toText(CATALOGUE, List.of(), ExpositionFormat.OPENMETRICS_1_0_0))
        .isEqualTo("# EOF\n");
  }

  @Test
  void seriesAreCopiesAndWriteSeriesMatchesThem() throws Exception {
    RenderedObject rendered = CATALOGUE.render(GoldenFixtures.fullRepository());
    int info = CATALOGUE.family("storage_kubestash_com_repository_info").orElseThrow().index();
    byte[] series = rendered.series(info);
    byte[] copy = series.clone();
    series[0] = 'X';
    assertThat(rendered.series(info)).isEqualTo(copy);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    rendered.writeSeries(info, out);
    assertThat(out.toByteArray()).isEqualTo(copy);
  }

  @Test
  void familiesOfOtherKindsAndIndicesOutOfRangeAreEmpty() {
    RenderedObject rendered = CATALOGUE.render(GoldenFixtures.fullRepository());
    int total = 0;
    for (FamilyDescriptor family : CATALOGUE.families()) {
      byte[] series = rendered.series(family.index());
      if (!family.kind().equals("Repository")) {
        assertThat(series).as(family.name()).isEmpty();
      }
      total += new String(series, StandardCharsets.UTF_8).split("\n", -1).length - 1;
    }
    assertThat(total).isEqualTo(rendered.seriesCount());
    for (int index : new int[] {-1, 36, 1000, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
      assertThat(rendered.series(index)).isEmpty();
      assertThat(rendered.hasSeries(index)).isFalse();
    }
  }

  @Test
  void retainedBytesCoverTheRenderedLines() {
    RenderedObject rendered = CATALOGUE.render(GoldenFixtures.fullBackupStorage());
    long lineBytes = 0;
    for (FamilyDescriptor family : CATALOGUE.families()) {
      lineBytes += rendered.series(family.index()).length;
    }
    assertThat(rendered.retainedBytes()).isGreaterThan(lineBytes).isLessThan(lineBytes + 1024);
  }
}
