package io.github.kubestashmetrics.metrics;

import static io.github.kubestashmetrics.metrics.ContractExpectations.arrayFamiliesOf;
import static io.github.kubestashmetrics.metrics.ContractExpectations.distinctElementLabels;
import static io.github.kubestashmetrics.metrics.ContractExpectations.familyPrefix;
import static io.github.kubestashmetrics.metrics.ContractExpectations.kindOf;
import static io.github.kubestashmetrics.metrics.ContractExpectations.listedPhases;
import static io.github.kubestashmetrics.metrics.ContractExpectations.ownLabelNames;
import static io.github.kubestashmetrics.metrics.ContractExpectations.permittedLabelValues;
import static io.github.kubestashmetrics.metrics.ContractExpectations.phaseFamily;
import static io.github.kubestashmetrics.metrics.ContractExpectations.phaseOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kubestashmetrics.metrics.ContractExpectations.ArrayFamily;
import io.github.kubestashmetrics.metrics.language.MappingError;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.testkit.Hostile;
import io.github.kubestashmetrics.testkit.HostileCategory;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import io.github.kubestashmetrics.testkit.MetricFamily;
import io.github.kubestashmetrics.testkit.Series;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of one object's series over seeded random objects (issue #4): valid objects of every
 * kind and hostile manifests of every {@link HostileCategory}. Every output is written in both
 * formats and read back by the testkit's strict parser, which rejects duplicate series and any
 * malformed or forged line. Expectations are computed from the object's own manifest ({@link
 * ContractExpectations}), never from the library's tables. Each case is named by its seed; rerun
 * one with {@code -Dkubestash.replay=<seed>}.
 */
class CataloguePropertiesTest {

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();

  // ---- a. phase families -----------------------------------------------------------------------

  static Stream<Long> phaseOfValidObjects() {
    return KubeStashGenerators.seeds("phaseOfValidObjects", 1_000);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("phaseOfValidObjects")
  void phaseFamilyListsEveryStateOnceWithOneAtTheObjectsPhase(long seed) {
    ObjectNode manifest = new KubeStashGenerators(seed).anyValidManifest();
    SingleObjectExposition out =
        SingleObjectExposition.of(CATALOGUE.render(TypedManifests.read(manifest)));

    assertPhaseFamilyIsOneHot(seed, manifest, out);
  }

  static Stream<Long> phaseOfUnknownPhaseObjects() {
    return KubeStashGenerators.seeds("phaseOfUnknownPhaseObjects", 1_000);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("phaseOfUnknownPhaseObjects")
  void unknownPhaseGivesEveryListedStateZero(long seed) {
    Hostile hostile = new KubeStashGenerators(seed).hostile(HostileCategory.UNKNOWN_PHASE);
    String kind = hostile.kind();
    assertThat(listedPhases(kind))
        .as("seed=%d: the generator promised a phase outside the list", seed)
        .doesNotContain(phaseOf(hostile.manifest()));
    SingleObjectExposition out = SingleObjectExposition.of(CATALOGUE.render(hostile.manifest()));

    assertPhaseFamilyIsOneHot(seed, hostile.manifest(), out);
    assertThat(out.series(phaseFamily(kind)))
        .as("seed=%d %s", seed, out.describe())
        .extracting(Series::value)
        .allMatch(value -> value == 0.0);
  }

  private static void assertPhaseFamilyIsOneHot(
      long seed, JsonNode manifest, SingleObjectExposition out) {
    String kind = kindOf(manifest);
    List<String> states = listedPhases(kind);
    String phase = phaseOf(manifest);
    List<Series> series = out.series(phaseFamily(kind));
    String context = "seed=" + seed + " phase=" + phase + " " + out.describe();

    assertThat(series)
        .as(context)
        .extracting(s -> s.labels().get("phase"))
        .containsExactlyInAnyOrderElementsOf(states);
    assertThat(series).as(context).filteredOn(s -> s.value() == 1.0).hasSizeLessThanOrEqualTo(1);
    for (Series s : series) {
      double expected = s.labels().get("phase").equals(phase) ? 1.0 : 0.0;
      assertThat(s.value()).as("%s: %s", context, s).isEqualTo(expected);
    }
    assertThat(series.stream().anyMatch(s -> s.value() == 1.0))
        .as("%s: a 1 exactly when the phase is listed", context)
        .isEqualTo(phase != null && states.contains(phase));
  }

  // ---- b. array families -----------------------------------------------------------------------

  static Stream<Long> arraysOfValidObjects() {
    return KubeStashGenerators.seeds("arraysOfValidObjects", 1_000);
  }

  /**
   * Valid objects whose arrays also get copies of their own elements, some with one label field
   * made empty, null or absent (all three mean "no label", so such copies may collide with others).
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("arraysOfValidObjects")
  void arrayFamiliesGiveOneSeriesPerDistinctElementLabelSet(long seed) {
    ObjectNode manifest = new KubeStashGenerators(seed).anyValidManifest();
    addCollidingElements(manifest, new SplittableRandom(seed));
    RenderedObject fromTyped = CATALOGUE.render(TypedManifests.read(manifest));
    RenderedObject fromTree = CATALOGUE.render(manifest);
    SingleObjectExposition out = SingleObjectExposition.of(fromTyped);

    assertThat(fromTyped.errors()).as("seed=%d", seed).isEmpty();
    assertThat(SingleObjectExposition.of(fromTree).prometheusText())
        .as("seed=%d: typed and manifest rendering agree", seed)
        .isEqualTo(out.prometheusText());
    assertArrayFamiliesHaveOneSeriesPerDistinctLabelSet(seed, manifest, out);
  }

  static Stream<Long> arraysOfHostileObjects() {
    return KubeStashGenerators.seeds("arraysOfHostileObjects", 1_000);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("arraysOfHostileObjects")
  void duplicateConditionsAndEmptyArraysGiveOneSeriesPerDistinctElementLabelSet(long seed) {
    HostileCategory category =
        (seed & 1) == 0 ? HostileCategory.DUPLICATE_CONDITIONS : HostileCategory.EMPTY_ARRAYS;
    Hostile hostile = new KubeStashGenerators(seed).hostile(category);
    SingleObjectExposition out = SingleObjectExposition.of(CATALOGUE.render(hostile.manifest()));

    assertThat(out.rendered().errors()).as("seed=%d %s", seed, hostile).isEmpty();
    assertArrayFamiliesHaveOneSeriesPerDistinctLabelSet(seed, hostile.manifest(), out);
  }

  private static void assertArrayFamiliesHaveOneSeriesPerDistinctLabelSet(
      long seed, JsonNode manifest, SingleObjectExposition out) {
    String kind = kindOf(manifest);
    for (ArrayFamily family : arrayFamiliesOf(kind)) {
      String name = familyPrefix(kind) + family.suffix();
      Set<Map<String, String>> expected = distinctElementLabels(manifest, family);
      List<Map<String, String>> actual = new ArrayList<>();
      for (Series series : out.series(name)) {
        actual.add(project(series.labels(), ownLabelNames(family)));
      }
      assertThat(actual)
          .as("seed=%d %s of %s", seed, name, ContractExpectations.at(manifest, family.arrayPath()))
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  private static Map<String, String> project(Map<String, String> labels, List<String> names) {
    Map<String, String> projected = new LinkedHashMap<>();
    labels.forEach(
        (name, value) -> {
          if (names.contains(name)) {
            projected.put(name, value);
          }
        });
    return projected;
  }

  /** Appends copies of random elements to every array family's array, some with a label cleared. */
  private static void addCollidingElements(ObjectNode manifest, SplittableRandom random) {
    for (ArrayFamily family : arrayFamiliesOf(kindOf(manifest))) {
      JsonNode node = ContractExpectations.at(manifest, family.arrayPath());
      if (!(node instanceof ArrayNode array) || array.isEmpty()) {
        continue;
      }
      int copies = random.nextInt(4);
      List<String> labelPaths = new ArrayList<>(family.labelPaths().values());
      for (int i = 0; i < copies; i++) {
        ObjectNode copy = (ObjectNode) array.get(random.nextInt(array.size())).deepCopy();
        String path = labelPaths.get(random.nextInt(labelPaths.size()));
        clearLeaf(copy, path, random.nextInt(4));
        if (family.valuePath() != null && random.nextInt(4) == 0) {
          copy.remove(family.valuePath()); // an absent value: no series for this element
        }
        array.add(copy);
      }
    }
  }

  /** Mode 0 keeps the field, 1 makes it empty text, 2 removes it, 3 makes it null. */
  private static void clearLeaf(ObjectNode element, String dottedPath, int mode) {
    String[] steps = dottedPath.split("\\.");
    ObjectNode parent = element;
    for (int i = 0; i < steps.length - 1; i++) {
      if (!(parent.get(steps[i]) instanceof ObjectNode child)) {
        return;
      }
      parent = child;
    }
    String leaf = steps[steps.length - 1];
    switch (mode) {
      case 1 -> parent.put(leaf, "");
      case 2 -> parent.remove(leaf);
      case 3 -> parent.putNull(leaf);
      default -> {}
    }
  }

  // ---- c. no duplicate series ------------------------------------------------------------------

  static Stream<Long> duplicates() {
    return KubeStashGenerators.seeds("duplicates", 2_000);
  }

  /**
   * The strict parser rejects a repeated series (name and label set), so reading both formats of a
   * valid object (typed and as a manifest) and of a hostile one is the property.
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("duplicates")
  void noObjectGivesADuplicateSeriesInEitherFormat(long seed) {
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    ObjectNode valid = generators.anyValidManifest();
    Hostile hostile = generators.hostile();
    List<RenderedObject> rendered =
        List.of(
            CATALOGUE.render(TypedManifests.read(valid)),
            CATALOGUE.render(valid),
            CATALOGUE.render(hostile.manifest()));

    for (RenderedObject object : rendered) {
      SingleObjectExposition out = SingleObjectExposition.of(object);
      Set<List<Object>> distinct = new HashSet<>();
      for (Series series : out.series()) {
        distinct.add(List.of(series.name(), series.labels()));
      }
      assertThat(distinct).as("seed=%d %s", seed, out.describe()).hasSize(out.series().size());
      assertThat(out.series()).as("seed=%d", seed).hasSize(object.seriesCount());
      assertThat(out.openMetrics().series()).as("seed=%d", seed).isEqualTo(out.series());
    }
  }

  // ---- d. hostile objects forge nothing --------------------------------------------------------

  static Stream<Long> forgery() {
    return KubeStashGenerators.seeds("forgery", 2_000);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("forgery")
  void hostileObjectsParseStrictlyAndForgeNoSeries(long seed) {
    Hostile hostile = new KubeStashGenerators(seed).hostile();
    ObjectNode manifest = hostile.manifest();
    ObjectNode untouched = manifest.deepCopy();
    String kind = hostile.kind();
    SingleObjectExposition out = SingleObjectExposition.of(CATALOGUE.render(manifest));
    String context = "seed=" + seed + " " + hostile + " " + out.describe();

    assertThat(manifest)
        .as("%s: rendering leaves the manifest as it was", context)
        .isEqualTo(untouched);
    assertThat(out.series()).as(context).hasSize(out.rendered().seriesCount());
    assertThat(out.openMetrics().series()).as(context).isEqualTo(out.series());
    Set<String> familiesOfKind =
        CATALOGUE.familiesOf(KubeStashKinds.byName(kind).orElseThrow()).stream()
            .map(FamilyDescriptor::name)
            .collect(Collectors.toSet());
    for (MetricFamily family : out.prometheus().families()) {
      FamilyDescriptor descriptor = CATALOGUE.family(family.name()).orElse(null);
      assertThat(descriptor).as("%s: unknown family %s", context, family.name()).isNotNull();
      assertThat(family.type()).as(context).isEqualTo("gauge");
      assertThat(family.help()).as(context).isEqualTo(descriptor.help());
    }
    Set<String> permitted = permittedLabelValues(manifest);
    String name = ContractExpectations.at(manifest, "metadata.name").textValue();
    for (Series series : out.series()) {
      if (!familiesOfKind.contains(series.name())
          || !series.name().startsWith(familyPrefix(kind))) {
        fail("%s: series of a family not of %s: %s", context, kind, series.name());
      }
      List<String> allowed = CATALOGUE.family(series.name()).orElseThrow().labelNames();
      List<String> written = new ArrayList<>(series.labels().keySet());
      if (!isSubsequence(written, allowed)) {
        fail(
            "%s: labels %s of %s are not in the order %s",
            context, written, series.name(), allowed);
      }
      series
          .labels()
          .forEach(
              (label, value) -> {
                if (!permitted.contains(value)) {
                  fail(
                      "%s: %s{%s=\"%s\"} is in neither the manifest nor the contract",
                      context, series.name(), label, abbreviate(value));
                }
              });
      if (name != null && !name.isEmpty()) {
        assertThat(series.labels().get(kind.toLowerCase(Locale.ROOT)))
            .as("%s: the kind label is .metadata.name", context)
            .isEqualTo(name);
      }
    }
  }

  private static boolean isSubsequence(List<String> written, List<String> allowed) {
    int next = 0;
    for (String label : written) {
      int at = allowed.subList(next, allowed.size()).indexOf(label);
      if (at < 0) {
        return false;
      }
      next += at + 1;
    }
    return true;
  }

  private static String abbreviate(String value) {
    return value.length() <= 200 ? value : value.substring(0, 200) + "...(" + value.length() + ")";
  }

  // ---- h. mapping errors -----------------------------------------------------------------------

  static Stream<Long> mappingErrors() {
    return KubeStashGenerators.seeds("mappingErrors", 2_000);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("mappingErrors")
  void everyMappingErrorNamesAFamilyOfTheKindThatThenHasNoSeries(long seed) {
    Hostile hostile = new KubeStashGenerators(seed).hostile();
    ObjectNode manifest = hostile.manifest();
    String kind = hostile.kind();
    SingleObjectExposition out = SingleObjectExposition.of(CATALOGUE.render(manifest));
    String context = "seed=" + seed + " " + hostile + " " + out.describe();
    List<MappingError> errors = out.rendered().errors();

    for (MappingError error : errors) {
      FamilyDescriptor family = CATALOGUE.family(error.family()).orElse(null);
      assertThat(family).as("%s: %s", context, error.family()).isNotNull();
      assertThat(family.kind()).as(context).isEqualTo(kind);
      assertThat(MappingError.REASONS).as(context).contains(error.reason());
      assertThat(error.kind()).as(context).isEqualTo(kind);
      assertThat(error.namespace()).as(context).isEqualTo(metadataText(manifest, "namespace"));
      assertThat(error.name()).as(context).isEqualTo(metadataText(manifest, "name"));
      assertThat(out.series(error.family())).as(context).isEmpty();
      assertThat(out.prometheus().family(error.family())).as(context).isEmpty();
      assertThat(out.rendered().hasSeries(family.index())).as(context).isFalse();
    }
    assertThat(errors).extracting(MappingError::family).as(context).doesNotHaveDuplicates();
    if (hostile.category() != HostileCategory.WRONG_JSON_TYPES) {
      assertThat(errorsByFamily(errors))
          .as("%s: the errors its category must give", context)
          .isEqualTo(expectedErrors(hostile));
    }
  }

  private static String metadataText(JsonNode manifest, String field) {
    JsonNode value = manifest.path("metadata").path(field);
    return value.isTextual() ? value.textValue() : "";
  }

  private static Map<String, String> errorsByFamily(List<MappingError> errors) {
    Map<String, String> byFamily = new LinkedHashMap<>();
    for (MappingError error : errors) {
      byFamily.put(error.family(), error.reason());
    }
    return byFamily;
  }

  /**
   * The errors a hostile category must give: the unparseable ones break every field of their type
   * that the kind has, so every family reading such a field fails with that reason; the text,
   * metadata, phase and array categories break no value. (Not for wrong JSON types: which families
   * they cost depends on Jackson's lossless coercions, e.g. a number for a string is accepted, so
   * for them only the general properties are checked.)
   */
  private static Map<String, String> expectedErrors(Hostile hostile) {
    String kind = hostile.kind();
    String prefix = familyPrefix(kind);
    List<String> suffixes;
    String reason;
    switch (hostile.category()) {
      case UNPARSEABLE_SIZE -> {
        reason = MappingError.UNPARSEABLE_SIZE;
        suffixes =
            kind.equals("BackupStorage")
                ? List.of("repository_size_bytes", "size_bytes")
                : List.of("size_bytes");
      }
      case UNPARSEABLE_DURATION -> {
        reason = MappingError.UNPARSEABLE_DURATION;
        suffixes = List.of("duration_seconds");
      }
      case UNPARSEABLE_TIMESTAMP -> {
        reason = MappingError.UNPARSEABLE_TIMESTAMP;
        suffixes =
            switch (kind) {
              case "Repository" -> List.of("created", "last_successful_backup");
              case "Snapshot" -> List.of("created", "time_seconds");
              default -> List.of("created");
            };
      }
      case WRONG_JSON_TYPES -> throw new IllegalArgumentException("not predictable: " + hostile);
      default -> {
        reason = null;
        suffixes = List.of();
      }
    }
    Map<String, String> expected = new LinkedHashMap<>();
    for (FamilyDescriptor family : CATALOGUE.families()) {
      for (String suffix : suffixes) {
        if (family.name().equals(prefix + suffix)) {
          expected.put(family.name(), reason);
        }
      }
    }
    assertThat(expected).as("every expected family exists").hasSameSizeAs(suffixes);
    return expected;
  }
}
