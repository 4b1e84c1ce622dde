package io.github.kubestashmetrics.exporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The manifest files under a directory, as {@code render}, {@code validate} and the PATH mode read
 * them: regular files named {@code *.yaml}, {@code *.yml} or {@code *.json} (any case), at any
 * depth, in path order. MetricsConfiguration directories ({@code --metrics-config=DIR}, {@code
 * validate}, {@code render --metrics-config}) skip hidden entries; object manifests for {@code
 * render} are read as kubectl reads a directory, hidden ones included.
 */
final class ManifestFiles {

  private ManifestFiles() {}

  /**
   * The manifest files under {@code directory}; with {@code skipHidden}, none below an entry whose
   * name starts with a dot (a mounted ConfigMap's {@code ..data} copies of its files).
   */
  static List<Path> in(Path directory, boolean skipHidden) throws IOException {
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(p -> !skipHidden || !hidden(directory, p))
          .filter(Files::isRegularFile)
          .filter(ManifestFiles::isManifestName)
          .sorted()
          .toList();
    }
  }

  /** A file a directory walk reads: {@code *.yaml}, {@code *.yml} or {@code *.json}, any case. */
  static boolean isManifestName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  /** True when a part of {@code p} below {@code root} starts with a dot. */
  private static boolean hidden(Path root, Path p) {
    for (Path part : root.relativize(p)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
