package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The upstream oracle of the resource calculators beside the project ({@code
 * <kubestash.shared.dir>/reference/resource-calculators}: testdata YAMLs, expectations.json,
 * expectations-extra.json). Tests that need it skip, not fail, when it is absent.
 */
final class CalculatorReference {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private CalculatorReference() {}

  /** The directory, or empty when {@code kubestash.shared.dir} is unset or lacks it. */
  static Optional<Path> directory() {
    String shared = System.getProperty("kubestash.shared.dir");
    if (shared == null) {
      return Optional.empty();
    }
    Path dir = Path.of(shared, "reference", "resource-calculators");
    return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
  }

  static JsonNode json(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
