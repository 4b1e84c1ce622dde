package io.github.kubestashmetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every real KubeStash object from the upstream reference data loads and round-trips. */
class RealExamplesRoundTripTest {

  @Test
  void everyRealExampleDeserialisesIntoItsClassAndRoundTripsLosslessly() throws IOException {
    Optional<Path> examples = SharedReference.examples();
    assumeTrue(examples.isPresent(), "../shared/reference/examples is absent: skipping");

    List<Path> files;
    try (Stream<Path> walk = Files.walk(examples.get())) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Path file : files) {
      JsonNode input = RoundTrip.readYaml(Files.readString(file));
      var kind =
          KubeStashKinds.byApiVersionAndKind(
              input.path("apiVersion").asText(), input.path("kind").asText());
      if (kind.isEmpty()) {
        failures.add(file + ": not one of our six kinds");
        continue;
      }
      JsonNode output = RoundTrip.through(input, kind.get().type());
      if (!RoundTrip.equalIgnoringNulls(input, output)) {
        failures.add(file + ":\n  in:  " + input + "\n  out: " + output);
      }
      checked++;
    }
    System.out.printf(
        "Round-tripped %d real KubeStash objects of %d files (%d failures)%n",
        checked, files.size(), failures.size());
    assertThat(files).isNotEmpty();
    assertThat(failures).isEmpty();
  }
}
