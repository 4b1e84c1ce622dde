package io.github.kubestashmetrics.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.testkit.LabelTexts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What CONTRACT.md says about an object's series, computed from its manifest (a JSON tree) alone,
 * never from the library's tables: the property tests compare the library's output against this.
 */
final class ContractExpectations {

  /** The six kind names, constants of the contract (e.g. {@code invoker_kind}). */
  static final Set<String> KIND_NAMES =
      Set.of(
          "BackupConfiguration",
          "BackupSession",
          "BackupStorage",
          "Repository",
          "RestoreSession",
          "Snapshot");

  private static final Map<String, List<String>> PHASE_STATES =
      Map.of(
          "BackupConfiguration", List.of("Ready", "NotReady", "Invalid"),
          "BackupSession", List.of("Pending", "Running", "Succeeded", "Failed", "Skipped"),
          "BackupStorage", List.of("Ready", "NotReady"),
          "Repository", List.of(),
          "RestoreSession",
              List.of("Pending", "Running", "Succeeded", "Failed", "Invalid", "Unknown"),
          "Snapshot", List.of("Pending", "Running", "Succeeded", "Failed"));

  /**
   * One array family: its name after the kind's prefix, the array it reads, and each own label with
   * the dotted path of its source inside an element, in contract order.
   *
   * @param valuePath the element field holding the sample value; null when the value is always 1
   */
  record ArrayFamily(
      String suffix, String arrayPath, Map<String, String> labelPaths, String valuePath) {}

  private static final ArrayFamily CONDITIONS =
      new ArrayFamily(
          "conditions",
          "status.conditions",
          ordered("condition", "type", "status", "status"),
          null);

  private static final Map<String, List<ArrayFamily>> ARRAY_FAMILIES =
      Map.of(
          "BackupConfiguration",
          List.of(
              new ArrayFamily(
                  "sessions",
                  "spec.sessions",
                  ordered(
                      "session_name", "name",
                      "schedule", "scheduler.schedule",
                      "addon_name", "addon.name"),
                  null),
              CONDITIONS),
          "BackupSession",
          List.of(
              new ArrayFamily(
                  "snapshots",
                  "status.snapshots",
                  ordered(
                      "snapshot_name", "name",
                      "snapshot_phase", "phase",
                      "repository", "repository",
                      "backedup_app_kind", "appRef.kind",
                      "backedup_app_name", "appRef.name",
                      "backedup_app_namespace", "appRef.namespace"),
                  null),
              CONDITIONS),
          "BackupStorage",
          List.of(
              new ArrayFamily(
                  "repository_size_bytes",
                  "status.repositories",
                  ordered(
                      "repo_name", "name",
                      "repo_namespace", "namespace",
                      "repo_path", "path"),
                  "size"),
              CONDITIONS),
          "Repository",
          List.of(CONDITIONS),
          "RestoreSession",
          List.of(CONDITIONS),
          "Snapshot",
          List.of(CONDITIONS));

  private ContractExpectations() {}

  /** {@code .kind} of a manifest. */
  static String kindOf(JsonNode manifest) {
    return manifest.path("kind").asText();
  }

  /** {@code <group with dots as underscores>_<kind in lower case>_}. */
  static String familyPrefix(String kind) {
    String group = KubeStashKinds.byName(kind).orElseThrow().group();
    return group.replace('.', '_') + "_" + kind.toLowerCase(Locale.ROOT) + "_";
  }

  /** The kind's {@code phase} family (a name no series has for Repository). */
  static String phaseFamily(String kind) {
    return familyPrefix(kind) + "phase";
  }

  /**
   * The states the contract lists for the kind's {@code phase} family, in contract order; none for
   * Repository, which has no phase family (its phase is only a label of its info family).
   */
  static List<String> listedPhases(String kind) {
    return PHASE_STATES.get(kind);
  }

  /** {@code .status.phase} when it is text, else null. */
  static String phaseOf(JsonNode manifest) {
    JsonNode phase = manifest.path("status").path("phase");
    return phase.isTextual() ? phase.textValue() : null;
  }

  /** The array families of a kind (sessions, snapshots, repository_size_bytes, conditions). */
  static List<ArrayFamily> arrayFamiliesOf(String kind) {
    return ARRAY_FAMILIES.get(kind);
  }

  /**
   * The distinct own-label sets the family must have one series each of (rule 4), in the order of
   * their first element: labels whose source is absent, null or empty are left out (rule 2);
   * elements whose value field is absent give no series. The array's element fields must be text.
   */
  static Set<Map<String, String>> distinctElementLabels(JsonNode manifest, ArrayFamily family) {
    Set<Map<String, String>> distinct = new LinkedHashSet<>();
    for (JsonNode element : at(manifest, family.arrayPath())) {
      if (!element.isObject()) {
        throw new IllegalArgumentException("not an object element: " + element);
      }
      if (family.valuePath() != null && textAt(element, family.valuePath()) == null) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      family.labelPaths().forEach((label, path) -> putIfPresent(labels, label, element, path));
      distinct.add(labels);
    }
    return distinct;
  }

  /**
   * Every text a label value may take for this manifest: every scalar in the tree as text (strings,
   * numbers as written, booleans) and every object and array as compact JSON (rule 10), plus the
   * contract's constants: kind names, every phase state of every kind, {@code true} and {@code
   * false}.
   */
  static Set<String> permittedLabelValues(JsonNode manifest) {
    Set<String> values = new LinkedHashSet<>(KIND_NAMES);
    for (String kind : KIND_NAMES) {
      values.addAll(listedPhases(kind));
    }
    values.add("true");
    values.add("false");
    values.addAll(LabelTexts.of(manifest));
    return values;
  }

  /** The node at a dotted path, or a missing node. */
  static JsonNode at(JsonNode node, String dottedPath) {
    JsonNode current = node;
    for (String step : dottedPath.split("\\.")) {
      current = current.path(step);
    }
    return current;
  }

  /** Non-empty text at a dotted path, or null (absent, null, empty or not text). */
  static String textAt(JsonNode node, String dottedPath) {
    JsonNode value = at(node, dottedPath);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(dottedPath + " is not text: " + value);
    }
    return value.textValue().isEmpty() ? null : value.textValue();
  }

  private static void putIfPresent(
      Map<String, String> labels, String label, JsonNode element, String path) {
    String text = textAt(element, path);
    if (text != null) {
      labels.put(label, text);
    }
  }

  private static Map<String, String> ordered(String... labelThenPath) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < labelThenPath.length; i += 2) {
      map.put(labelThenPath[i], labelThenPath[i + 1]);
    }
    return map;
  }

  /** The own label names of an array family, in contract order. */
  static List<String> ownLabelNames(ArrayFamily family) {
    return new ArrayList<>(family.labelPaths().keySet());
  }
}
