package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kubestashmetrics.metrics.internal.deflate.DeflatedChunk;
import io.github.kubestashmetrics.metrics.internal.deflate.ExpositionAssembly;
import io.github.kubestashmetrics.testkit.KubeStashFixtures;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The copy-on-write rebuild step by step: a write plans under the monitor, rebuilds without it,
 * installs the snapshot's block with what changed meanwhile still pending, and serves its own
 * instant either way.
 */
class BlockLayoutTest {

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();

  @Test
  void aRebuildRacedByAChangeServesItsInstantAndLeavesTheChangePending() throws Exception {
    BlockLayout layout = new BlockLayout(CATALOGUE, 4);
    Map<String, RenderedObject> model = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      RenderedObject object = session("s-" + i, "u" + i, "Running");
      layout.store("u" + i, object);
      model.put("u" + i, object);
    }
    String before = ExpositionWriter.toText(CATALOGUE, model.values(), ExpositionFormat.TEXT_0_0_4);

    BlockLayout.WritePlan plan = layout.planWrite();
    assertThat(plan.rebuilds).hasSize(1);
    // A change lands between the plan and the install, as an informer's put would.
    RenderedObject changed = session("s-1", "u1", "Failed");
    layout.store("u1", changed);
    model.put("u1", changed);
    plan.rebuild();
    layout.install(plan.rebuilds);
    assertThat(text(plan)).as("the write serves its own instant").isEqualTo(before);
    assertThat(layout.compressedBytes()).as("the snapshot's block is installed").isPositive();

    BlockLayout.WritePlan next = layout.planWrite();
    assertThat(next.rebuilds).as("the change after the snapshot is still pending").hasSize(1);
    next.rebuild();
    layout.install(next.rebuilds);
    String after = ExpositionWriter.toText(CATALOGUE, model.values(), ExpositionFormat.TEXT_0_0_4);
    assertThat(text(next)).isEqualTo(after).isNotEqualTo(before);

    BlockLayout.WritePlan clean = layout.planWrite();
    assertThat(clean.rebuilds).as("an installed block is clean").isEmpty();
    assertThat(text(clean)).isEqualTo(after);
  }

  @Test
  void removalsAndAdditionsAfterTheSnapshotSurviveTheInstall() throws Exception {
    BlockLayout layout = new BlockLayout(CATALOGUE, 8);
    Map<String, RenderedObject> model = new LinkedHashMap<>();
    for (int i = 0; i < 4; i++) {
      RenderedObject object = session("s-" + i, "u" + i, "Running");
      layout.store("u" + i, object);
      model.put("u" + i, object);
    }
    BlockLayout.WritePlan plan = layout.planWrite();
    layout.forget("u2");
    model.remove("u2");
    RenderedObject added = session("s-9", "u9", "Failed");
    layout.store("u9", added);
    model.put("u9", added);
    plan.rebuild();
    layout.install(plan.rebuilds);
    assertThat(layout.keys()).containsExactly("u0", "u1", "u3", "u9");
    String now = ExpositionWriter.toText(CATALOGUE, model.values(), ExpositionFormat.TEXT_0_0_4);
    assertThat(text(layout.planWrite())).isEqualTo(now);
  }

  @Test
  void aRebuildPlannedBeforeAClearIsNotInstalled() throws Exception {
    BlockLayout layout = new BlockLayout(CATALOGUE, 4);
    layout.store("u0", session("s-0", "u0", "Running"));
    BlockLayout.WritePlan plan = layout.planWrite();
    layout.clear();
    plan.rebuild();
    layout.install(plan.rebuilds);
    assertThat(layout.keys()).isEmpty();
    assertThat(layout.compressedBytes()).isZero();
    assertThat(text(layout.planWrite())).isEmpty();
  }

  @Test
  void aFilledBlockIsCompressedByTheChangeThatOpensTheNextOne() {
    BlockLayout layout = new BlockLayout(CATALOGUE, 2);
    assertThat(layout.store("u0", session("s-0", "u0", "Running"))).isNull();
    assertThat(layout.store("u1", session("s-1", "u1", "Running"))).isNull();
    BlockRebuild filled = layout.store("u2", session("s-2", "u2", "Running"));
    assertThat(filled).isNotNull();
    BlockRebuild.Workspace workspace = new BlockRebuild.Workspace();
    try {
      filled.run(workspace);
    } finally {
      workspace.end();
    }
    layout.install(List.of(filled));
    assertThat(layout.compressedBytes()).isPositive();
    assertThat(layout.keys()).containsExactly("u0", "u1", "u2");
  }

  private static String text(BlockLayout.WritePlan plan) throws Exception {
    plan.rebuild();
    DeflatedChunk[][] view = plan.chunksByFamily();
    ExpositionAssembly assembly = new ExpositionAssembly();
    for (int family = 0; family < view.length; family++) {
      if (view[family] != null) {
        byte[] header = CATALOGUE.headerBytes(family, ExpositionFormat.TEXT_0_0_4);
        assembly.addSection(header, DeflatedChunk.EMPTY, view[family]);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assembly.writeText(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static RenderedObject session(String name, String uid, String phase) {
    return CATALOGUE.render(
        KubeStashFixtures.backupSession("db", name).uid(uid).phase(phase).build());
  }
}
