package io.github.kubestashmetrics.exporter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.RenderedObject;
import io.github.kubestashmetrics.model.KubeStashKinds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Offline mapping of manifest files to rendered objects, for the {@code render} command.
 *
 * <p>Rules: directories are walked recursively for {@code *.yaml}, {@code *.yml} and {@code *.json}
 * (files named explicitly are read whatever their name); YAML files may hold many documents and any
 * document may be a {@code kind: List}. Objects of other kinds are skipped with a note. A document
 * that cannot be parsed is an error (the rest of that file cannot be trusted, so it is skipped
 * too), but everything else is still rendered. Odd values inside a well-formed document are not
 * errors: the catalogue maps them by the contract's rules. When the same object (kind, namespace,
 * name) appears twice, the later one wins, as {@code kubectl apply} would. YAML anchors and aliases
 * resolve per document ({@link YamlDocuments}). A path that does not exist is a {@link
 * UsageProblem}: nothing is rendered.
 */
final class ManifestRenderer {

  /** What rendering some files gave: objects to write, notes and errors for stderr. */
  record Result(List<RenderedObject> objects, List<String> notes, List<String> errors) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MetricCatalogue catalogue;

  ManifestRenderer(MetricCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  Result render(List<Path> paths) throws IOException {
    Map<String, RenderedObject> objects = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Path file : files(paths)) {
      int[] index = {0};
      try {
        if (isJson(file)) {
          try (MappingIterator<JsonNode> documents =
              JSON.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (documents.hasNextValue()) {
              JsonNode document = documents.nextValue();
              add(document, file + " document " + index[0]++, objects, notes);
            }
          }
        } else {
          YamlDocuments.read(
              file,
              document -> {
                index[0] = document.index() + 1;
                String where = file + " document " + document.index();
                if (document.error() != null) {
                  errors.add(where + ": " + document.error());
                } else {
                  add(document.tree(), where, objects, notes);
                }
              });
        }
      } catch (YamlDocuments.TooLarge e) {
        errors.add(file + ": " + e.getMessage());
      } catch (JsonProcessingException e) {
        errors.add(
            file
                + " document "
                + index[0]
                + ": cannot parse: "
                + firstLine(e.getOriginalMessage()));
      }
    }
    return new Result(List.copyOf(objects.values()), notes, errors);
  }

  private void add(
      JsonNode document, String where, Map<String, RenderedObject> objects, List<String> notes) {
    if (document == null || document.isNull() || document.isMissingNode()) {
      return; // an empty YAML document, e.g. after a trailing ---
    }
    if (!document.isObject()) {
      notes.add(where + ": skipped, not a Kubernetes object");
      return;
    }
    String apiVersion = document.path("apiVersion").asText("");
    String kind = document.path("kind").asText("");
    if (document.path("items").isArray() && kind.endsWith("List")) {
      int item = 0;
      for (JsonNode element : document.path("items")) {
        add(element, where + " item " + item++, objects, notes);
      }
      return;
    }
    if (!catalogue.renders(apiVersion, kind)) {
      notes.add(
          where
              + ": skipped "
              + (kind.isEmpty() ? "an object without kind" : kind + " (" + apiVersion + ")")
              + (KubeStashKinds.byApiVersionAndKind(apiVersion, kind).isEmpty()
                  ? ", not a KubeStash kind"
                  : ", no metrics configured for it"));
      return;
    }
    JsonNode metadata = document.path("metadata");
    String key =
        kind + "/" + metadata.path("namespace").asText("") + "/" + metadata.path("name").asText("");
    RenderedObject rendered = catalogue.render(document);
    if (objects.put(key, rendered) != null) {
      notes.add(where + ": " + key + " appears again; the later one is kept");
    }
  }

  /**
   * The files to read, in order.
   *
   * @throws UsageProblem when a path is neither a file nor a directory
   */
  private static List<Path> files(List<Path> paths) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        files.addAll(ManifestFiles.in(path, false));
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new UsageProblem(
            path + ": no such file or directory; give YAML or JSON files or directories");
      }
    }
    return files;
  }

  private static boolean isJson(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
