package io.github.kubestashmetrics.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.CustomResource;
import io.github.kubestashmetrics.model.KubeStashKinds;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class KubeStashGeneratorsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern KUBESTASH_SIZE =
      Pattern.compile("(0|[1-9][0-9]*)(\\.[0-9]{1,3})? (B|KiB|MiB|GiB|TiB|PiB|EiB)");

  /** What the contract calls a size: number, optional space, optional unit in any case. */
  private static final Pattern SIZE = Pattern.compile("[0-9]+(\\.[0-9]+)? ?((?i)b|[kmgtpe]i?b?)?");

  private static final Pattern RFC_3339 =
      Pattern.compile(
          "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})");
  private static final Pattern GO_CANONICAL_DURATION =
      Pattern.compile(
          "0s|([1-9][0-9]*h[0-9]+m|[1-9][0-9]*m)?[0-9]+(\\.[0-9]*[1-9])?s"
              + "|[1-9][0-9]*(\\.[0-9]*[1-9])?(ms|µs)|[1-9][0-9]*ns");

  static Stream<Long> seeds() {
    return KubeStashGenerators.seeds("generators", 200);
  }

  /** Everything each kind of draw gives, serialized, in order. */
  private static List<String> drawEverything(long seed) throws JsonProcessingException {
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    List<String> out = new ArrayList<>();
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      out.add(JSON.writeValueAsString(generators.valid(kind)));
    }
    out.add(JSON.writeValueAsString(generators.anyValid()));
    out.add(generators.anyValidManifest().toString());
    Hostile hostile = generators.hostile();
    out.add(hostile.category() + hostile.manifest().toString());
    out.add(generators.goDuration().toString());
    out.add(generators.size().toString());
    out.add(generators.timestamp().toString());
    out.add(generators.hostileText());
    return out;
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void sameSeedGivesIdenticalObjects(long seed) throws JsonProcessingException {
    assertThat(drawEverything(seed)).isEqualTo(drawEverything(seed));
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void differentSeedsGiveDifferentObjects(long seed) throws JsonProcessingException {
    List<String> one = drawEverything(seed);
    List<String> other = drawEverything(seed + 1);
    assertThat(one).isNotEqualTo(other);
    // Objects carry random uids and names, so every one differs; small value texts may collide.
    for (int i = 0; i < KubeStashKinds.ALL.size() + 3; i++) {
      assertThat(one.get(i)).as("draw %d", i).isNotEqualTo(other.get(i));
    }
  }

  @Test
  void seedsAreReproducibleAndDifferPerProperty() {
    List<Long> first = KubeStashGenerators.seeds("a", 100).toList();
    assertThat(KubeStashGenerators.seeds("a", 100).toList()).isEqualTo(first);
    assertThat(new HashSet<>(first)).hasSize(100);
    assertThat(KubeStashGenerators.seeds("b", 100).toList()).doesNotContainAnyElementsOf(first);
  }

  static Stream<Long> thousandDrawSeeds() {
    return KubeStashGenerators.seeds("everyKindAndPhase", 5);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("thousandDrawSeeds")
  void everyKindAndEveryPhaseOfItsListAppearsWithin1000ValidDraws(long seed) {
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    Map<String, Integer> kinds = new HashMap<>();
    Set<String> kindPhases = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      ObjectNode manifest = JSON.valueToTree(generators.anyValid());
      String kind = manifest.path("kind").asText();
      kinds.merge(kind, 1, Integer::sum);
      JsonNode phase = manifest.path("status").path("phase");
      if (phase.isTextual()) {
        kindPhases.add(kind + "/" + phase.asText());
      }
    }

    Set<String> expected = new HashSet<>();
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      KubeStashGenerators.phasesOf(kind.kind()).forEach(p -> expected.add(kind.kind() + "/" + p));
    }
    assertThat(kinds.keySet())
        .containsExactlyInAnyOrderElementsOf(
            KubeStashKinds.ALL.stream().map(k -> k.kind()).toList());
    assertThat(kindPhases).isEqualTo(expected);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("thousandDrawSeeds")
  void validObjectsUseKubeStashFormatsAndUniqueUids(long seed) {
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    Set<String> uids = new HashSet<>();
    Set<String> seenFields = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      ObjectNode manifest = generators.anyValidManifest();
      String kind = manifest.path("kind").asText();
      assertThat(uids.add(manifest.path("metadata").path("uid").asText())).isTrue();
      OffsetDateTime.parse(manifest.path("metadata").path("creationTimestamp").asText());
      JsonNode status = manifest.path("status");
      for (String size : List.of("size", "totalSize")) {
        if (status.has(size)) {
          seenFields.add(size);
          assertThat(status.get(size).asText()).matches(KUBESTASH_SIZE);
        }
      }
      status
          .path("repositories")
          .forEach(r -> assertThat(r.path("size").asText()).matches(KUBESTASH_SIZE));
      if (status.has("duration")) {
        seenFields.add("duration");
        assertThat(status.get("duration").asText()).matches(GO_CANONICAL_DURATION);
      }
      for (String time : List.of("lastBackupTime", "snapshotTime")) {
        if (status.has(time)) {
          seenFields.add(time);
          OffsetDateTime.parse(status.get(time).asText());
        }
      }
      if (status.has("phase")) {
        assertThat(KubeStashGenerators.phasesOf(kind)).contains(status.get("phase").asText());
      }
      Set<String> conditionTypes = new HashSet<>();
      status
          .path("conditions")
          .forEach(c -> assertThat(conditionTypes.add(c.path("type").asText())).isTrue());
    }
    assertThat(seenFields)
        .contains("size", "totalSize", "duration", "lastBackupTime", "snapshotTime");
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void validManifestIsExactlyTheTypedObjectsJson(long seed) throws JsonProcessingException {
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      ObjectNode manifest = generators.validManifest(kind);
      CustomResource<?, ?> typed = JSON.treeToValue(manifest, kind.type());
      assertThat(typed.getMetadata().getName()).isEqualTo(manifest.at("/metadata/name").asText());
      assertThat(JSON.<JsonNode>valueToTree(typed)).isEqualTo(manifest);
    }
  }

  @Test
  void hostileGeneratorCoversEveryCategoryWithin200Draws() {
    Map<HostileCategory, Integer> counts = new EnumMap<>(HostileCategory.class);
    KubeStashGenerators generators = new KubeStashGenerators(42);
    for (int i = 0; i < 200; i++) {
      counts.merge(generators.hostile().category(), 1, Integer::sum);
    }
    assertThat(counts.keySet()).containsExactlyInAnyOrder(HostileCategory.values());
  }

  static Stream<Long> hostileSeeds() {
    return KubeStashGenerators.seeds("hostileManifests", 1_000);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("hostileSeeds")
  void everyHostileManifestIsAJsonObjectOfOneOfOurKinds(long seed) throws JsonProcessingException {
    Hostile hostile = new KubeStashGenerators(seed).hostile();

    JsonNode reread = JSON.readTree(JSON.writeValueAsString(hostile.manifest()));

    assertThat(reread.isObject()).isTrue();
    assertThat(reread).isEqualTo(hostile.manifest());
    assertThat(
            KubeStashKinds.byApiVersionAndKind(
                reread.path("apiVersion").asText(), reread.path("kind").asText()))
        .isPresent();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(HostileCategory.class)
  void hostileManifestBreaksWhatItsCategorySays(HostileCategory category) {
    KubeStashGenerators generators = new KubeStashGenerators(category.ordinal());
    Set<String> kinds = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      Hostile hostile = generators.hostile(category);
      kinds.add(hostile.kind());
      assertThat(hostile.category()).isEqualTo(category);
      assertThat(breaks(category, hostile.manifest())).as("%s", hostile.manifest()).isTrue();
    }
    assertThat(kinds).as("kinds drawn").hasSizeGreaterThan(1);
  }

  /** Checks the category's promise directly on the tree. */
  private static boolean breaks(HostileCategory category, ObjectNode manifest) {
    JsonNode metadata = manifest.path("metadata");
    JsonNode status = manifest.path("status");
    String kind = manifest.path("kind").asText();
    return switch (category) {
      case MISSING_STATUS -> !manifest.has("status");
      case NULL_STATUS -> manifest.has("status") && status.isNull();
      case MISSING_METADATA_PIECES ->
          !metadata.has("namespace") || !metadata.has("creationTimestamp") || !metadata.has("uid");
      case UNKNOWN_PHASE ->
          !KubeStashGenerators.phasesOf(kind).contains(status.path("phase").asText());
      case DUPLICATE_CONDITIONS -> {
        List<JsonNode> seen = new ArrayList<>();
        boolean duplicate = false;
        for (JsonNode condition : status.path("conditions")) {
          duplicate |= seen.contains(condition);
          seen.add(condition);
        }
        yield duplicate;
      }
      case EMPTY_ARRAYS ->
          status.path("conditions").isArray() && status.path("conditions").isEmpty();
      case UNPARSEABLE_SIZE ->
          Stream.of(
                  status.path("size"),
                  status.path("totalSize"),
                  status.path("repositories").path(0).path("size"))
              .filter(JsonNode::isTextual)
              .anyMatch(s -> !SIZE.matcher(s.asText()).matches());
      case UNPARSEABLE_DURATION -> {
        String text = status.path("duration").asText();
        yield !text.matches("([0-9]*\\.?[0-9]+(h|m|s|ms|us|µs|ns))+");
      }
      case UNPARSEABLE_TIMESTAMP ->
          Stream.of(
                  metadata.path("creationTimestamp"),
                  status.path("lastBackupTime"),
                  status.path("snapshotTime"))
              .filter(JsonNode::isTextual)
              .anyMatch(t -> !parsesAsRfc3339(t.asText()));
      case WRONG_JSON_TYPES -> !fitsTheTypedModel(manifest);
      case LABEL_TEXT_QUOTES -> containsInNameOrNamespace(metadata, "\"");
      case LABEL_TEXT_BACKSLASHES -> containsInNameOrNamespace(metadata, "\\");
      case LABEL_TEXT_NEWLINES ->
          containsInNameOrNamespace(metadata, "\n") || containsInNameOrNamespace(metadata, "\r");
      case LABEL_TEXT_BRACES_AND_HASH ->
          Stream.of("{", "}", "#", "=\"").anyMatch(s -> containsInNameOrNamespace(metadata, s));
      case LABEL_TEXT_UNICODE ->
          Stream.of(metadata.path("name"), metadata.path("namespace"))
              .anyMatch(n -> n.asText().chars().anyMatch(c -> c > 127 || c == '\t'));
      case HUGE_STRINGS ->
          Stream.of(metadata.path("name"), metadata.path("namespace"))
              .anyMatch(n -> n.asText().length() >= 10_000);
    };
  }

  private static boolean containsInNameOrNamespace(JsonNode metadata, String text) {
    return metadata.path("name").asText().contains(text)
        || metadata.path("namespace").asText().contains(text);
  }

  private static boolean parsesAsRfc3339(String text) {
    if (!RFC_3339.matcher(text).matches()) {
      return false; // java.time also takes "05:45:00.Z", which RFC 3339 does not allow
    }
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean fitsTheTypedModel(ObjectNode manifest) {
    try {
      Class<?> type = KubeStashKinds.byName(manifest.path("kind").asText()).orElseThrow().type();
      Object typed = JSON.treeToValue(manifest, type);
      // Jackson coerces some scalars ("42" phase); a changed tree means the type was wrong too.
      return JSON.valueToTree(typed).equals(manifest);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return false;
    }
  }

  @Test
  void hostileTextCoversEveryLabelTextHazard() {
    KubeStashGenerators generators = new KubeStashGenerators(3);
    Set<String> hazards = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      String text = generators.hostileText();
      assertThat(text).isNotEmpty();
      if (text.contains("\"")) hazards.add("quote");
      if (text.contains("\\")) hazards.add("backslash");
      if (text.contains("\n")) hazards.add("newline");
      if (text.contains("}")) hazards.add("brace");
      if (text.contains("#")) hazards.add("hash");
      if (text.chars().anyMatch(c -> c > 127)) hazards.add("unicode");
      if (text.codePoints().anyMatch(Character::isSupplementaryCodePoint)) hazards.add("astral");
      if (text.length() >= 10_000) hazards.add("huge");
    }
    assertThat(hazards)
        .containsExactlyInAnyOrder(
            "quote", "backslash", "newline", "brace", "hash", "unicode", "astral", "huge");
  }
}
