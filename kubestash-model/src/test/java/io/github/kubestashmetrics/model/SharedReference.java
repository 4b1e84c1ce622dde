package io.github.kubestashmetrics.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Upstream reference data beside the project ({@code ../shared/reference}). CI has it; a fresh
 * clone may not, and then the tests that need it skip.
 */
final class SharedReference {

  private SharedReference() {}

  static Optional<Path> examples() {
    String dir = System.getProperty("kubestash.shared.dir", "../shared");
    Path examples = Path.of(dir, "reference", "examples");
    return Files.isDirectory(examples) ? Optional.of(examples) : Optional.empty();
  }
}
