package io.github.kubestashmetrics.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reading the same objects as {@link RenderBenchmark} from their JSON bytes into the generated
 * classes: the work an informer does for every object it receives, and the yardstick for the cost
 * of rendering. The mapper is configured like fabric8's ({@code new ObjectMapper()} with {@code
 * FAIL_ON_UNKNOWN_PROPERTIES} off); the reader is resolved once, as a client caches it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DeserialiseBenchmark {

  @Param({
    "BackupSession",
    "Snapshot",
    "BackupConfiguration",
    "BackupStorage",
    "Repository",
    "RestoreSession"
  })
  public String kind;

  private ObjectReader reader;
  private byte[] json;

  @Setup
  public void setUp() throws Exception {
    ObjectMapper mapper =
        new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    json = mapper.writeValueAsBytes(RealisticObjects.manifest(kind));
    reader = mapper.readerFor(RealisticObjects.typeOf(kind));
  }

  @Benchmark
  public Object deserialise() throws Exception {
    return reader.readValue(json);
  }
}
