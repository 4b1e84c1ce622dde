package io.github.kubestashmetrics.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.RenderedObject;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Rendering one object to its {@link RenderedObject} (all its series as exposition bytes): what the
 * exporter does on every informer event. {@link #render} takes the typed object an informer hands
 * over; {@link #renderManifest} the JSON tree, read leniently first (the path for manifests that
 * may hold fields of the wrong JSON type).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RenderBenchmark {

  @Param({
    "BackupSession",
    "Snapshot",
    "BackupConfiguration",
    "BackupStorage",
    "Repository",
    "RestoreSession"
  })
  public String kind;

  private final MetricCatalogue catalogue = MetricCatalogue.standard();
  private HasMetadata object;
  private JsonNode manifest;

  @Setup
  public void setUp() throws Exception {
    manifest = RealisticObjects.manifest(kind);
    ObjectMapper mapper =
        new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    object = (HasMetadata) mapper.treeToValue(manifest, RealisticObjects.typeOf(kind));
    RenderedObject rendered = catalogue.render(object);
    if (rendered.seriesCount() == 0 || !rendered.errors().isEmpty()) {
      throw new IllegalStateException("not a realistic object: " + rendered);
    }
  }

  @Benchmark
  public void render(Blackhole blackhole) {
    blackhole.consume(catalogue.render(object));
  }

  @Benchmark
  public void renderManifest(Blackhole blackhole) {
    blackhole.consume(catalogue.render(manifest));
  }
}
