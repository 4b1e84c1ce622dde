package io.github.kubestashmetrics.metrics;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The upstream reference data beside the project ({@code kubestash.shared.dir}, set by the parent's
 * surefire configuration). Tests skip, not fail, when it is absent.
 */
final class SharedReference {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private SharedReference() {}

  /** {@code <shared>/reference/<sub>}, or a skipped test when it is not there. */
  static Path directory(String sub) {
    String shared = System.getProperty("kubestash.shared.dir");
    assumeTrue(shared != null, "kubestash.shared.dir is not set");
    Path dir = Path.of(shared, "reference", sub);
    assumeTrue(Files.isDirectory(dir), dir + " is absent");
    return dir;
  }

  /** Every YAML file under a directory, sorted by path. */
  static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode readYaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
