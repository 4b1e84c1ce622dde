package io.github.kubestashmetrics.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** Turns a valid manifest into a hostile one of a given category. */
final class HostileManifests {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Fields the contract turns into label values, besides name and namespace, per kind. */
  private static final Map<String, List<String>> LABEL_PATHS =
      Map.of(
          "BackupConfiguration",
          List.of(
              "spec.target.kind",
              "spec.target.name",
              "spec.target.namespace",
              "spec.sessions[].name",
              "spec.sessions[].scheduler.schedule",
              "spec.sessions[].addon.name",
              "status.conditions[].type",
              "status.conditions[].status"),
          "BackupSession",
          List.of(
              "spec.invoker.kind",
              "spec.invoker.name",
              "spec.session",
              "status.phase",
              "status.snapshots[].name",
              "status.snapshots[].phase",
              "status.snapshots[].repository",
              "status.snapshots[].appRef.kind",
              "status.snapshots[].appRef.name",
              "status.snapshots[].appRef.namespace",
              "status.conditions[].type",
              "status.conditions[].status"),
          "BackupStorage",
          List.of(
              "spec.storage.provider",
              "spec.deletionPolicy",
              "status.phase",
              "status.repositories[].name",
              "status.repositories[].namespace",
              "status.repositories[].path",
              "status.conditions[].type",
              "status.conditions[].status"),
          "Repository",
          List.of(
              "spec.appRef.kind",
              "spec.appRef.name",
              "spec.appRef.namespace",
              "spec.path",
              "status.phase",
              "status.conditions[].type",
              "status.conditions[].status"),
          "RestoreSession",
          List.of(
              "spec.target.kind",
              "spec.target.name",
              "spec.target.namespace",
              "spec.dataSource.namespace",
              "spec.dataSource.repository",
              "spec.dataSource.snapshot",
              "spec.addon.name",
              "status.phase",
              "status.conditions[].type",
              "status.conditions[].status"),
          "Snapshot",
          List.of(
              "spec.appRef.kind",
              "spec.appRef.name",
              "spec.appRef.namespace",
              "spec.type",
              "spec.repository",
              "spec.session",
              "spec.backupSession",
              "spec.version",
              "status.phase",
              "status.conditions[].type",
              "status.conditions[].status"));

  /** Arrays the contract reads, per kind. */
  private static final Map<String, List<String>> ARRAY_PATHS =
      Map.of(
          "BackupConfiguration", List.of("spec.sessions", "status.conditions"),
          "BackupSession", List.of("status.snapshots", "status.conditions"),
          "BackupStorage", List.of("status.repositories", "status.conditions"),
          "Repository", List.of("status.conditions"),
          "RestoreSession", List.of("status.conditions"),
          "Snapshot", List.of("status.conditions"));

  private static final Map<String, List<String>> SIZE_PATHS =
      Map.of(
          "BackupStorage", List.of("status.totalSize", "status.repositories[].size"),
          "Repository", List.of("status.size"),
          "Snapshot", List.of("status.size"));

  private static final Map<String, List<String>> DURATION_PATHS =
      Map.of(
          "BackupSession", List.of("status.duration"),
          "RestoreSession", List.of("status.duration"));

  private static final Map<String, List<String>> TIMESTAMP_PATHS =
      Map.of(
          "Repository", List.of("metadata.creationTimestamp", "status.lastBackupTime"),
          "Snapshot", List.of("metadata.creationTimestamp", "status.snapshotTime"));

  private static final List<String> ALL_PHASES =
      List.of(
          "Ready",
          "NotReady",
          "Invalid",
          "Pending",
          "Running",
          "Succeeded",
          "Failed",
          "Skipped",
          "Unknown");

  private static final List<String> MADE_UP_PHASES =
      List.of(
          "Exploded",
          "succeeded",
          "SUCCEEDED",
          "Ready ",
          " Running",
          "InProgress",
          "Paused",
          "Deleting",
          "Phase",
          "null",
          "0");

  private static final List<String> BAD_SIZES =
      List.of(
          "12.2.2 MiB",
          "MiB",
          "twelve bytes",
          "1.5 XiB",
          "0x10 B",
          "1,5 MiB",
          "∞ B",
          "12 MiB extra",
          "1.5 Mi B",
          "--3 KiB",
          "NaN B",
          "unknown",
          "12..5 GiB",
          "1e400000 B");

  private static final List<String> BAD_DURATIONS =
      List.of(
          "1h2",
          "5 minutes",
          "1.2.3s",
          "s",
          "1d",
          "--1s",
          "1m5",
          "PT5S",
          "1 s",
          "∞s",
          "1h-5m",
          "ms",
          ".s",
          "1.5.s",
          "forever");

  private static final List<String> BAD_TIMESTAMPS =
      List.of(
          "yesterday",
          "2025-13-45T99:99:99Z",
          "2025-04-22 05:45:00",
          "1745300700",
          "2025-04-22T05:45:00",
          "2025-02-30T00:00:00Z",
          "2025-04-22T05:45:00+25:00",
          "22/04/2025",
          "2025-04-22T05:45:00.Z",
          "T",
          "2025-04-22Z");

  private final SplittableRandom random;
  private final HostileText text;

  HostileManifests(SplittableRandom random, HostileText text) {
    this.random = random;
    this.text = text;
  }

  /** The kinds a category can apply to: those that have the field it breaks. */
  static Set<String> kindsFor(HostileCategory category) {
    return switch (category) {
      case UNPARSEABLE_SIZE -> SIZE_PATHS.keySet();
      case UNPARSEABLE_DURATION -> DURATION_PATHS.keySet();
      default -> LABEL_PATHS.keySet();
    };
  }

  /** Makes {@code manifest} (a valid object of a kind in {@link #kindsFor}) hostile, in place. */
  void apply(HostileCategory category, ObjectNode manifest) {
    String kind = manifest.path("kind").asText();
    ObjectNode metadata = manifest.withObjectProperty("metadata");
    switch (category) {
      case MISSING_STATUS -> manifest.remove("status");
      case NULL_STATUS -> manifest.putNull("status");
      case MISSING_METADATA_PIECES -> {
        List<String> pieces = new ArrayList<>(List.of("namespace", "creationTimestamp", "uid"));
        int keep = random.nextInt(pieces.size());
        for (int i = 0; i < keep; i++) {
          pieces.remove(random.nextInt(pieces.size()));
        }
        pieces.forEach(metadata::remove);
      }
      case UNKNOWN_PHASE -> manifest.withObjectProperty("status").put("phase", unknownPhase(kind));
      case DUPLICATE_CONDITIONS -> duplicateConditions(manifest);
      case EMPTY_ARRAYS -> {
        for (String path : ARRAY_PATHS.get(kind)) {
          String[] parts = path.split("\\.");
          objectAt(manifest, parts[0]).putArray(parts[1]);
        }
      }
      case UNPARSEABLE_SIZE -> setEach(manifest, SIZE_PATHS.get(kind), BAD_SIZES);
      case UNPARSEABLE_DURATION -> setEach(manifest, DURATION_PATHS.get(kind), BAD_DURATIONS);
      case UNPARSEABLE_TIMESTAMP ->
          setEach(
              manifest,
              TIMESTAMP_PATHS.getOrDefault(kind, List.of("metadata.creationTimestamp")),
              BAD_TIMESTAMPS);
      case WRONG_JSON_TYPES -> wrongTypes(kind, manifest);
      case HUGE_STRINGS,
          LABEL_TEXT_QUOTES,
          LABEL_TEXT_BACKSLASHES,
          LABEL_TEXT_NEWLINES,
          LABEL_TEXT_BRACES_AND_HASH,
          LABEL_TEXT_UNICODE ->
          labelText(category, kind, manifest);
    }
  }

  private String unknownPhase(String kind) {
    List<String> candidates = new ArrayList<>(MADE_UP_PHASES);
    Set<String> own = Set.copyOf(KubeStashGenerators.phasesOf(kind));
    ALL_PHASES.stream().filter(p -> !own.contains(p)).forEach(candidates::add);
    return candidates.get(random.nextInt(candidates.size()));
  }

  private void duplicateConditions(ObjectNode manifest) {
    ArrayNode conditions = objectAt(manifest, "status").withArrayProperty("conditions");
    if (conditions.isEmpty()) {
      ObjectNode condition = conditions.addObject();
      condition.put("type", "Ready");
      condition.put("status", "True");
    }
    ObjectNode original = (ObjectNode) conditions.get(random.nextInt(conditions.size()));
    int copies = 1 + random.nextInt(3);
    for (int i = 0; i < copies; i++) {
      conditions.add(original.deepCopy());
    }
    ObjectNode flipped = original.deepCopy();
    flipped.put("status", "True".equals(original.path("status").asText()) ? "False" : "True");
    conditions.add(flipped);
  }

  /** One to three fields of the wrong JSON type, from those the kind has. */
  private void wrongTypes(String kind, ObjectNode manifest) {
    List<Consumer<ObjectNode>> changes = new ArrayList<>();
    changes.add(m -> objectAt(m, "status").put("phase", 42));
    changes.add(m -> objectAt(m, "status").putObject("phase").put("value", "Ready"));
    changes.add(m -> objectAt(m, "status").putObject("conditions").put("type", "Ready"));
    changes.add(m -> setAt(m, "status.conditions[].type", NODES.numberNode(7)));
    changes.add(m -> setAt(m, "status.conditions[].status", NODES.booleanNode(true)));
    switch (kind) {
      case "BackupConfiguration" -> {
        changes.add(m -> objectAt(m, "spec").put("target", "StatefulSet/demo/sample-sts"));
        changes.add(m -> objectAt(m, "spec").put("sessions", "daily"));
        changes.add(m -> setAt(m, "spec.sessions[].name", NODES.objectNode().put("a", 1)));
      }
      case "BackupSession" -> {
        changes.add(m -> objectAt(m, "spec").put("session", 5));
        changes.add(m -> objectAt(m, "status").put("duration", 65));
        changes.add(m -> objectAt(m, "status").put("snapshots", "x"));
        changes.add(m -> setAt(m, "spec.invoker.name", NODES.arrayNode().add("a")));
      }
      case "BackupStorage" -> {
        changes.add(m -> objectAt(m, "spec").put("default", "yes"));
        changes.add(m -> objectAt(m, "status").put("totalSize", 1234));
        changes.add(
            m -> setAt(m, "status.repositories[].size", NODES.objectNode().put("bytes", 1)));
      }
      case "Repository" -> {
        changes.add(m -> objectAt(m, "status").put("snapshotCount", "seven"));
        changes.add(m -> objectAt(m, "status").put("integrity", "yes"));
        changes.add(m -> objectAt(m, "status").put("size", 12.5));
        changes.add(m -> objectAt(m, "status").put("lastBackupTime", 1745300700));
      }
      case "RestoreSession" -> {
        changes.add(m -> objectAt(m, "status").put("totalComponents", "two"));
        changes.add(m -> objectAt(m, "status").putObject("duration").put("s", 1));
        changes.add(m -> objectAt(m, "spec").put("dataSource", "latest"));
      }
      default -> {
        changes.add(m -> objectAt(m, "status").put("totalComponents", "three"));
        changes.add(m -> objectAt(m, "status").put("integrity", "no"));
        changes.add(m -> objectAt(m, "status").put("snapshotTime", 1745300700));
        changes.add(m -> objectAt(m, "status").put("size", true));
      }
    }
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      changes.remove(random.nextInt(changes.size())).accept(manifest);
    }
  }

  /** Hostile text in the name or namespace (on every series) and in one to three other fields. */
  private void labelText(HostileCategory category, String kind, ObjectNode manifest) {
    ObjectNode metadata = manifest.withObjectProperty("metadata");
    metadata.put(random.nextBoolean() ? "name" : "namespace", text.of(category));
    List<String> paths = new ArrayList<>(LABEL_PATHS.get(kind));
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      setAt(
          manifest, paths.remove(random.nextInt(paths.size())), NODES.textNode(text.of(category)));
    }
  }

  private void setEach(ObjectNode manifest, List<String> paths, List<String> values) {
    for (String path : paths) {
      setAt(manifest, path, NODES.textNode(values.get(random.nextInt(values.size()))));
    }
  }

  /** The object at {@code field}, replacing whatever else is there (null, a string, ...). */
  private static ObjectNode objectAt(ObjectNode parent, String field) {
    JsonNode existing = parent.get(field);
    return existing instanceof ObjectNode object ? object : parent.putObject(field);
  }

  /**
   * Sets the field at a dotted path; {@code name[]} means every element of that array, which gets
   * one element if it has none, so the value always lands somewhere the contract reads.
   */
  static void setAt(ObjectNode node, String path, JsonNode value) {
    int dot = path.indexOf('.');
    String head = dot < 0 ? path : path.substring(0, dot);
    if (dot < 0) {
      node.set(head, value);
      return;
    }
    String rest = path.substring(dot + 1);
    if (head.endsWith("[]")) {
      String field = head.substring(0, head.length() - 2);
      JsonNode existing = node.get(field);
      ArrayNode array;
      if (existing instanceof ArrayNode present && !present.isEmpty()) {
        array = present;
      } else {
        array = node.putArray(field);
        array.addObject();
      }
      for (JsonNode element : array) {
        if (element instanceof ObjectNode object) {
          setAt(object, rest, value.deepCopy());
        }
      }
    } else {
      setAt(objectAt(node, head), rest, value);
    }
  }
}
