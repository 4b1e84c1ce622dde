package io.github.kubestashmetrics.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Upstream reference data beside the project ({@code ../shared/reference}). CI has it; a fresh
 * clone may not, and then the tests that need it skip.
 */
final class SharedReference {

  private SharedReference() {}

  /** KubeStash's six MetricsConfigurations and the 44 of the ecosystem, when present. */
  static Optional<List<Path>> metricsConfigurationDirs() {
    String dir = System.getProperty("kubestash.shared.dir", "../shared");
    Path own = Path.of(dir, "reference", "metricsconfigurations");
    Path ecosystem = Path.of(dir, "reference", "metricsconfigurations-ecosystem");
    return Files.isDirectory(own) && Files.isDirectory(ecosystem)
        ? Optional.of(List.of(own, ecosystem))
        : Optional.empty();
  }

  static Optional<Path> examples() {
    String dir = System.getProperty("kubestash.shared.dir", "../shared");
    Path examples = Path.of(dir, "reference", "examples");
    return Files.isDirectory(examples) ? Optional.of(examples) : Optional.empty();
  }
}
