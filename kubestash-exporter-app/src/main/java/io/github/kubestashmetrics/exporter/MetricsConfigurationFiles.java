package io.github.kubestashmetrics.exporter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kubestashmetrics.metrics.language.ConfigurationOrigin;
import io.github.kubestashmetrics.metrics.language.SourcedConfiguration;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads MetricsConfigurations from files and directories (recursively {@code *.yaml}, {@code
 * *.yml}, {@code *.json}, nothing below an entry whose name starts with a dot; multi-document YAML
 * with anchors and aliases per document, as {@code render} reads it; {@code kind: List}; symbolic
 * links followed, see {@link ManifestFiles}). A file that cannot be read (permissions, an I/O
 * error, over {@link YamlDocuments#MAX_BYTES}), a document that cannot be parsed (with its line and
 * column) or is not a MetricsConfiguration (or whose fields have impossible types), and a link that
 * loops or leads nowhere, is an error naming the file and document; the others are still read.
 */
final class MetricsConfigurationFiles {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The configurations in file order, each with where it came from (file, document index, {@code
   * kind: List} item; no version: a caller that tracks versions adds the content hash), and the
   * errors.
   */
  record Loaded(List<SourcedConfiguration> sourced, List<String> errors) {

    /** The configurations alone, in file order. */
    List<MetricsConfiguration> configurations() {
      return sourced.stream().map(SourcedConfiguration::configuration).toList();
    }
  }

  private MetricsConfigurationFiles() {}

  /**
   * Reads every file of {@code paths}; a path, file or document that cannot be read is an error
   * naming it (a YAML error with its line and column), and the others are still read.
   */
  static Loaded load(List<Path> paths) throws IOException {
    List<SourcedConfiguration> configurations = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Path file : files(paths, errors)) {
      read(file, configurations, errors);
    }
    return new Loaded(configurations, errors);
  }

  /**
   * Why no configuration at all can be read from {@code paths} (each missing, unreadable, empty of
   * manifest files, or nothing but errors), in one line naming the first failing file; empty when
   * at least one configuration is read.
   */
  static Optional<String> nothingReadable(List<Path> paths) throws IOException {
    List<String> errors = new ArrayList<>();
    List<Path> files = files(paths, errors);
    Loaded loaded = load(paths);
    if (!loaded.configurations().isEmpty()) {
      return Optional.empty();
    }
    if (!loaded.errors().isEmpty()) {
      int more = loaded.errors().size() - 1;
      return Optional.of(
          loaded.errors().get(0) + (more > 0 ? " (and " + more + " more problems)" : ""));
    }
    return Optional.of(
        files.isEmpty()
            ? "no *.yaml, *.yml or *.json file in it"
            : "no MetricsConfiguration in " + (files.size() == 1 ? files.get(0) : "its files"));
  }

  private static void read(
      Path file, List<SourcedConfiguration> configurations, List<String> errors) {
    int[] index = {0};
    try {
      // The same reading as `render` (a JSON file is a YAML document too): anchors and aliases
      // resolve per document.
      YamlDocuments.read(
          file,
          document -> {
            index[0] = document.index() + 1;
            String where = file + " document " + document.index();
            if (document.error() != null) {
              errors.add(where + ": " + document.error());
            } else {
              add(
                  document.tree(),
                  where,
                  file.toString(),
                  document.index(),
                  -1,
                  configurations,
                  errors);
            }
          });
    } catch (JsonProcessingException e) {
      IOException reading = readFailure(e);
      errors.add(
          reading != null
              ? file + ": cannot read: " + ManifestFiles.reasonOf(reading)
              : file + " document " + index[0] + ": " + YamlDocuments.cannotParse(e));
    } catch (YamlDocuments.TooLarge e) {
      errors.add(file + ": " + e.getMessage());
    } catch (IOException e) {
      errors.add(file + ": cannot read: " + ManifestFiles.reasonOf(e));
    }
  }

  /** The file system's failure the YAML parser wrapped, if that is why it stopped. */
  private static IOException readFailure(JsonProcessingException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException io && !(cause instanceof JsonProcessingException)) {
        return io;
      }
    }
    return null;
  }

  private static void add(
      JsonNode document,
      String where,
      String file,
      int documentIndex,
      int item,
      List<SourcedConfiguration> configurations,
      List<String> errors) {
    if (document == null || document.isNull() || document.isMissingNode()) {
      return;
    }
    String kind = document.path("kind").asText("");
    if (kind.endsWith("List") && document.path("items").isArray()) {
      int index = 0;
      for (JsonNode element : document.path("items")) {
        add(
            element,
            where + " item " + index,
            file,
            documentIndex,
            index++,
            configurations,
            errors);
      }
      return;
    }
    if (!kind.equals("MetricsConfiguration")
        || !document.path("apiVersion").asText("").startsWith("metrics.appscode.com/")) {
      errors.add(where + ": not a metrics.appscode.com MetricsConfiguration");
      return;
    }
    try {
      configurations.add(
          new SourcedConfiguration(
              JSON.treeToValue(document, MetricsConfiguration.class),
              ConfigurationOrigin.file(file, documentIndex, item, "")));
    } catch (JsonProcessingException e) {
      errors.add(
          where + ": cannot read as a MetricsConfiguration: " + firstLine(e.getOriginalMessage()));
    }
  }

  private static List<Path> files(List<Path> paths, List<String> errors) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        // As PATH mode reads a directory (links followed, a mounted ConfigMap's ..data copies
        // skipped), so that `validate DIR` judges exactly what --metrics-config=DIR serves.
        ManifestFiles.Found found = ManifestFiles.find(path, true);
        files.addAll(found.files());
        errors.addAll(found.problems());
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else if (Files.exists(path)) {
        errors.add(path + ": not a regular file (a FIFO, socket or device); not read");
      } else if (Files.isSymbolicLink(path)) {
        errors.add(path + ": a symbolic link that leads to nothing");
      } else {
        errors.add(path + ": no such file or directory");
      }
    }
    return files;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
