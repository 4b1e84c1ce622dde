package io.github.kubestashmetrics.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.kubestashmetrics.metrics.BuiltInConfigurations;
import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.ExpositionWriter;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.config.MetricsConfigurationCompiler;
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
 * The MetricsConfiguration engine (running the six built-in configurations) against the typed
 * catalogue, rendering one realistic object of each kind: {@link #engine} renders the JSON tree a
 * generic informer holds, {@link #typed} the typed object a typed informer holds, {@link
 * #typedManifest} the JSON tree through the typed catalogue's lenient reader.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EngineRenderBenchmark {

  @Param({
    "BackupSession",
    "Snapshot",
    "BackupConfiguration",
    "BackupStorage",
    "Repository",
    "RestoreSession"
  })
  public String kind;

  private final MetricCatalogue typedCatalogue = MetricCatalogue.standard();
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
    String typed =
        ExpositionWriter.toText(
            typedCatalogue, List.of(typedCatalogue.render(object)), ExpositionFormat.TEXT_0_0_4);
    String engine =
        ExpositionWriter.toText(
            engineCatalogue,
            List.of(engineCatalogue.render(manifest)),
            ExpositionFormat.TEXT_0_0_4);
    if (typed.isEmpty() || !typed.equals(engine)) {
      throw new IllegalStateException("the engine and the typed catalogue differ for " + kind);
    }
  }

  @Benchmark
  public void engine(Blackhole blackhole) {
    blackhole.consume(engineCatalogue.render(manifest));
  }

  @Benchmark
  public void typed(Blackhole blackhole) {
    blackhole.consume(typedCatalogue.render(object));
  }

  @Benchmark
  public void typedManifest(Blackhole blackhole) {
    blackhole.consume(typedCatalogue.render(manifest));
  }
}
