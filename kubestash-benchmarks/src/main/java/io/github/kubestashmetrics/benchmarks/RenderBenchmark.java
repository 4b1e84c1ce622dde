package io.github.kubestashmetrics.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.kubestashmetrics.metrics.BuiltInConfigurations;
import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.ExpositionWriter;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.RenderedObject;
import io.github.kubestashmetrics.metrics.language.MetricsConfigurationCompiler;
import java.util.List;
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
 * may hold fields of the wrong JSON type); {@link #engine} the JSON tree through the
 * MetricsConfiguration engine running the six built-in configurations (checked in setup to give the
 * typed catalogue's bytes).
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

  /** The six built-in configurations (export-config) run by the MetricsConfiguration engine. */
  private final MetricCatalogue engineCatalogue =
      MetricCatalogue.of(MetricsConfigurationCompiler.compile(BuiltInConfigurations.standard()));

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
    String typed =
        ExpositionWriter.toText(catalogue, List.of(rendered), ExpositionFormat.TEXT_0_0_4);
    String engine =
        ExpositionWriter.toText(
            engineCatalogue,
            List.of(engineCatalogue.render(manifest)),
            ExpositionFormat.TEXT_0_0_4);
    if (!typed.equals(engine)) {
      throw new IllegalStateException("the engine and the typed catalogue differ for " + kind);
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

  /** The JSON tree a generic informer holds, through the engine: compare with {@link #render}. */
  @Benchmark
  public void engine(Blackhole blackhole) {
    blackhole.consume(engineCatalogue.render(manifest));
  }
}
