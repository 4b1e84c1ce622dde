package io.github.kubestashmetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every upstream MetricsConfiguration (KubeStash's six, the ecosystem's 44) loads losslessly. */
class MetricsConfigurationRoundTripTest {

  @Test
  void everyUpstreamConfigurationDeserialisesAndRoundTripsLosslessly() throws IOException {
    Optional<List<Path>> dirs = SharedReference.metricsConfigurationDirs();
    assumeTrue(dirs.isPresent(), "../shared/reference/metricsconfigurations* absent: skipping");
    List<Path> files = new ArrayList<>();
    for (Path dir : dirs.get()) {
      try (Stream<Path> list = Files.list(dir)) {
        list.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
      }
    }
    List<String> failures = new ArrayList<>();
    for (Path file : files) {
      JsonNode input = RoundTrip.readYaml(Files.readString(file));
      JsonNode output = RoundTrip.through(input, MetricsConfiguration.class);
      if (!RoundTrip.equalIgnoringNulls(input, output)) {
        failures.add(file.getFileName() + " changed in a round trip:\n" + input + "\n" + output);
      }
    }
    assertThat(files).hasSize(50);
    assertThat(failures).isEmpty();
  }
}
