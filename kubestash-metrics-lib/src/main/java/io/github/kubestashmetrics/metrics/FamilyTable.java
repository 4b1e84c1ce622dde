package io.github.kubestashmetrics.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.CustomResource;
import io.github.kubestashmetrics.metrics.language.MappingError;
import io.github.kubestashmetrics.model.KubeStashKinds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The ordered families of one kind plus the kind's common labels: the engine that turns a table
 * into series (through a {@link SeriesSink}) and into what descriptors need. Everything that does
 * not depend on an object (names, label names, their UTF-8 bytes) is computed once here.
 */
final class FamilyTable<T extends CustomResource<?, ?>> {

  private final KubeStashKinds.Kind<T> kind;
  private final List<LabelSource<T>> commonLabels;
  private final List<Family<T>> families;

  private FamilyTable(
      KubeStashKinds.Kind<T> kind,
      List<LabelSource<T>> commonLabels,
      List<FamilyDefinition<T>> definitions) {
    this.kind = kind;
    this.commonLabels = List.copyOf(commonLabels);
    String prefix = prefixOf(kind);
    List<String> commonNames = FamilyDefinition.namesOf(this.commonLabels);
    Set<String> names = new HashSet<>();
    List<Family<T>> built = new ArrayList<>();
    for (FamilyDefinition<T> definition : definitions) {
      String name = definition.name();
      if (!FamilyDescriptor.isValidMetricName(name)) {
        throw new IllegalArgumentException("invalid metric name: " + name);
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException("duplicate family name: " + name);
      }
      if (!name.startsWith(prefix) || name.length() == prefix.length()) {
        throw new IllegalArgumentException(
            name + ": a " + kind.kind() + " family name starts with " + prefix);
      }
      built.add(new Family<>(built.size(), definition, commonNames));
    }
    if (built.isEmpty()) {
      throw new IllegalArgumentException(kind.kind() + ": a table has at least one family");
    }
    this.families = List.copyOf(built);
  }

  /** {@code <group with dots as underscores>_<kind in lower case>_}. */
  static String prefixOf(KubeStashKinds.Kind<?> kind) {
    return kind.group().replace('.', '_') + "_" + kind.kind().toLowerCase(Locale.ROOT) + "_";
  }

  static <T extends CustomResource<?, ?>> Builder<T> builder(KubeStashKinds.Kind<T> kind) {
    return new Builder<>(kind);
  }

  KubeStashKinds.Kind<T> kind() {
    return kind;
  }

  /** The kind label, {@code namespace}, then the kind's own common labels. */
  List<LabelSource<T>> commonLabels() {
    return commonLabels;
  }

  List<Family<T>> families() {
    return families;
  }

  /** Every path a label of this kind reads (common labels first), each once. */
  List<String> labelPaths() {
    Set<String> paths = new LinkedHashSet<>(FamilyDefinition.pathsOf(commonLabels));
    for (Family<T> family : families) {
      List<String> own = new ArrayList<>(family.definition.paths());
      own.removeAll(family.definition.strictPaths());
      paths.addAll(own);
    }
    return List.copyOf(paths);
  }

  /**
   * Renders every family of this object into the sink, in table order. A family one of whose strict
   * source paths (or an ancestor of one) is in {@code wrongTypePaths} gets an error instead. {@code
   * raw} is the object's JSON tree when it was read from one (labels then come from it, rule 10),
   * else null.
   */
  void render(T object, JsonNode raw, Set<String> wrongTypePaths, SeriesSink sink) {
    String[] common = FamilyDefinition.valuesOf(commonLabels, object, raw);
    List<FamilyDefinition.Row> rows = new ArrayList<>();
    for (Family<T> family : families) {
      if (!wrongTypePaths.isEmpty() && family.readsAny(wrongTypePaths)) {
        sink.error(family, MappingError.WRONG_JSON_TYPE);
      } else {
        rows.clear();
        String reason = family.definition.evaluate(object, raw, rows);
        if (reason != null) {
          sink.error(family, reason);
        } else {
          for (FamilyDefinition.Row row : rows) {
            sink.series(family, common, row.ownLabelValues(), row.value());
          }
        }
      }
      sink.endFamily(family);
    }
  }

  /** One family of a table, with everything precomputed for rendering. */
  static final class Family<T> {
    private final int ordinal;
    private final FamilyDefinition<T> definition; // null for a family a configuration defines
    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final List<String> paths;
    private final byte[] nameBytes;
    private final byte[][] labelPrefixes;

    private Family(int ordinal, FamilyDefinition<T> definition, List<String> commonNames) {
      this(
          ordinal,
          definition,
          definition.name(),
          definition.help(),
          FamilyDefinition.concat(commonNames, definition.ownLabelNames()),
          definition.strictPaths());
    }

    private Family(
        int ordinal,
        FamilyDefinition<T> definition,
        String name,
        String help,
        List<String> labelNames,
        List<String> paths) {
      this.ordinal = ordinal;
      this.definition = definition;
      this.name = name;
      this.help = help;
      this.labelNames = List.copyOf(labelNames);
      if (new HashSet<>(labelNames).size() != labelNames.size()) {
        throw new IllegalArgumentException(name + ": duplicate label name in " + labelNames);
      }
      this.paths = List.copyOf(paths);
      this.nameBytes = name.getBytes(StandardCharsets.UTF_8);
      this.labelPrefixes = new byte[labelNames.size()][];
      for (int i = 0; i < labelPrefixes.length; i++) {
        labelPrefixes[i] = ("," + labelNames.get(i) + "=\"").getBytes(StandardCharsets.UTF_8);
      }
    }

    /**
     * The layout of a family a MetricsConfiguration defines: its name, HELP and every label name
     * (common, then own), for {@link SeriesSink}s; it has no typed definition.
     */
    static Family<Void> configured(int ordinal, String name, String help, List<String> labelNames) {
      return new Family<>(ordinal, null, name, help, labelNames, List.of());
    }

    int ordinal() {
      return ordinal;
    }

    /** The typed definition; null for a family a configuration defines. */
    FamilyDefinition<T> definition() {
      return definition;
    }

    String name() {
      return name;
    }

    String help() {
      return help;
    }

    /** Common label names, then own label names (the state label is the last own label). */
    List<String> labelNames() {
      return labelNames;
    }

    byte[] nameBytes() {
      return nameBytes;
    }

    /** {@code ,<label>="} for label {@code i}; skip the comma for the first label of a series. */
    byte[] labelPrefix(int i) {
      return labelPrefixes[i];
    }

    /**
     * True when a wrong-typed path is one of this family's strict sources (values, states, arrays;
     * not labels, which read any JSON type as text) or an ancestor of one.
     */
    boolean readsAny(Set<String> wrongTypePaths) {
      for (String bad : wrongTypePaths) {
        for (String path : paths) {
          if (path.startsWith(bad)
              && (path.length() == bad.length()
                  || path.charAt(bad.length()) == '.'
                  || path.charAt(bad.length()) == '[')) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /** Declares a table: the kind's common labels, then its families in contract order. */
  static final class Builder<T extends CustomResource<?, ?>> {
    private final KubeStashKinds.Kind<T> kind;
    private final List<LabelSource<T>> commonLabels = new ArrayList<>();
    private final List<FamilyDefinition<T>> families = new ArrayList<>();

    private Builder(KubeStashKinds.Kind<T> kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
      // Rule 1: every series starts with <kind in lower case>=.metadata.name and namespace.
      commonLabels.add(
          Families.label(kind.kind().toLowerCase(Locale.ROOT), Families.metadataName()));
      commonLabels.add(Families.label("namespace", Families.metadataNamespace()));
    }

    /** The kind's common labels, after the kind label and {@code namespace}. */
    @SafeVarargs
    @SuppressWarnings("varargs") // List.of only reads the array
    final Builder<T> commonLabels(LabelSource<T>... labels) {
      commonLabels.addAll(List.of(labels));
      return this;
    }

    Builder<T> family(FamilyDefinition<T> family) {
      families.add(Objects.requireNonNull(family));
      return this;
    }

    FamilyTable<T> build() {
      return new FamilyTable<>(kind, commonLabels, families);
    }
  }
}
