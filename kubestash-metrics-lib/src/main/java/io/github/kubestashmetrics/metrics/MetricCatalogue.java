package io.github.kubestashmetrics.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.CustomResource;
import io.github.kubestashmetrics.metrics.language.CompiledConfiguration;
import io.github.kubestashmetrics.metrics.language.CompiledConfigurations;
import io.github.kubestashmetrics.metrics.language.ConfigurationProblem;
import io.github.kubestashmetrics.metrics.language.EngineOptions;
import io.github.kubestashmetrics.metrics.language.MappingError;
import io.github.kubestashmetrics.metrics.language.MetricsConfigurationCompiler;
import io.github.kubestashmetrics.metrics.language.SourcedConfiguration;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The 36 KubeStash metric families and the mapping of objects to their series ({@link
 * #standard()}), or the families compiled MetricsConfigurations define ({@link
 * #of(CompiledConfigurations)}), rendered the same way into the same {@link RenderedObject}s.
 * Thread-safe, and its families never change (the only state is a small pool of render buffers);
 * {@link #standard()} is built once.
 *
 * <p>Families are in contract order: BackupConfiguration, BackupSession, BackupStorage, Repository,
 * RestoreSession, Snapshot, and within a kind the order of the contract's table.
 */
public final class MetricCatalogue {

  private static final MetricCatalogue STANDARD =
      new MetricCatalogue(
          List.of(
              BackupConfigurationMetrics.table(),
              BackupSessionMetrics.table(),
              BackupStorageMetrics.table(),
              RepositoryMetrics.table(),
              RestoreSessionMetrics.table(),
              SnapshotMetrics.table()));

  /** More render buffers than threads that render at once in practice (one per informer). */
  private static final int SCRATCH_SLOTS = 8;

  private final List<FamilyTable<?>> tables;
  private final int[] firstIndexOfTable;
  private final List<ConfiguredTable> configured; // empty for the typed catalogue
  private final int[] firstIndexOfConfigured;
  private final int[] firstIndexOfFamily;
  private final String[] kindNames;
  private final List<FamilyDescriptor> families;
  private final Map<String, FamilyDescriptor> byName;
  private final byte[][][] headers;
  private final LenientReader reader = new LenientReader();

  /**
   * Render buffers lent to render calls, so that a render allocates and zeroes only its exactly
   * sized result instead of a working buffer too (the larger part of a render's cost). A call takes
   * a free one or makes its own, and puts it back after. Not a ThreadLocal: the library knows no
   * threads, and a few pooled buffers serve any number of them. Guarded by itself.
   */
  private final ExpositionLines.Scratch[] scratch = new ExpositionLines.Scratch[SCRATCH_SLOTS];

  private int freeScratch;

  MetricCatalogue(List<FamilyTable<?>> tables) {
    this(tables, List.of());
  }

  private MetricCatalogue(List<FamilyTable<?>> tables, List<ConfiguredTable> configured) {
    this.tables = List.copyOf(tables);
    this.firstIndexOfTable = new int[tables.size()];
    this.configured = List.copyOf(configured);
    this.firstIndexOfConfigured = new int[configured.size()];
    List<FamilyDescriptor> descriptors = new ArrayList<>();
    List<Integer> firstOfFamily = new ArrayList<>();
    Map<String, FamilyDescriptor> names = new HashMap<>();
    for (int t = 0; t < this.tables.size(); t++) {
      FamilyTable<?> table = this.tables.get(t);
      for (int u = 0; u < t; u++) {
        if (this.tables.get(u).kind().equals(table.kind())) {
          throw new IllegalArgumentException("two tables for " + table.kind().kind());
        }
      }
      firstIndexOfTable[t] = descriptors.size();
      for (FamilyTable.Family<?> family : table.families()) {
        FamilyDescriptor descriptor =
            new FamilyDescriptor(
                descriptors.size(),
                family.name(),
                family.help(),
                FamilyDescriptor.GAUGE,
                family.labelNames(),
                table.kind().apiVersion(),
                table.kind().kind());
        if (names.put(descriptor.name(), descriptor) != null) {
          throw new IllegalArgumentException("duplicate family name: " + descriptor.name());
        }
        descriptors.add(descriptor);
        firstOfFamily.add(firstIndexOfTable[t]);
      }
    }
    for (int t = 0; t < this.configured.size(); t++) {
      ConfiguredTable table = this.configured.get(t);
      firstIndexOfConfigured[t] = descriptors.size();
      for (FamilyTable.Family<Void> family : table.families()) {
        FamilyDescriptor descriptor =
            new FamilyDescriptor(
                descriptors.size(),
                family.name(),
                family.help(),
                FamilyDescriptor.GAUGE,
                family.labelNames(),
                table.apiVersion(),
                table.kind());
        if (names.put(descriptor.name(), descriptor) != null) {
          throw new IllegalArgumentException("duplicate family name: " + descriptor.name());
        }
        descriptors.add(descriptor);
        firstOfFamily.add(firstIndexOfConfigured[t]);
      }
    }
    this.families = List.copyOf(descriptors);
    this.kindNames = new String[descriptors.size()];
    for (int t = 0; t < this.tables.size(); t++) {
      int end =
          t + 1 < this.tables.size() ? firstIndexOfTable[t + 1] : firstIndexOfConfiguredOrEnd(0);
      Arrays.fill(kindNames, firstIndexOfTable[t], end, this.tables.get(t).kind().kind());
    }
    for (int t = 0; t < this.configured.size(); t++) {
      int end = t + 1 < this.configured.size() ? firstIndexOfConfigured[t + 1] : descriptors.size();
      Arrays.fill(kindNames, firstIndexOfConfigured[t], end, this.configured.get(t).kind());
    }
    this.byName = Map.copyOf(names);
    this.firstIndexOfFamily = firstOfFamily.stream().mapToInt(Integer::intValue).toArray();
    ExpositionFormat[] formats = ExpositionFormat.values();
    this.headers = new byte[formats.length][families.size()][];
    for (ExpositionFormat format : formats) {
      for (FamilyDescriptor family : families) {
        headers[format.ordinal()][family.index()] = family.header(format);
      }
    }
  }

  /** The contract's 36 families. */
  public static MetricCatalogue standard() {
    return STANDARD;
  }

  /**
   * The families these compiled MetricsConfigurations define, rendered from JSON trees (or any
   * object, through its tree) into the same {@link RenderedObject}s and exposition bytes as the
   * typed catalogue. Families are grouped by target kind (kinds in order of first appearance), each
   * kind's in configuration order. Objects of kinds no configuration targets give no series.
   */
  public static MetricCatalogue of(CompiledConfigurations configurations) {
    Map<List<String>, List<CompiledConfiguration>> byKind = new LinkedHashMap<>();
    for (CompiledConfiguration configuration : configurations.configurations()) {
      if (!configuration.metrics().isEmpty()) {
        byKind
            .computeIfAbsent(
                List.of(configuration.apiVersion(), configuration.kind()), k -> new ArrayList<>())
            .add(configuration);
      }
    }
    List<ConfiguredTable> tables = new ArrayList<>();
    byKind.forEach((key, list) -> tables.add(new ConfiguredTable(key.get(0), key.get(1), list)));
    return new MetricCatalogue(List.of(), tables);
  }

  /** Every family, in catalogue order (the contract's for {@link #standard()}). */
  public List<FamilyDescriptor> families() {
    return families;
  }

  /** The families of one kind, in catalogue order. */
  public List<FamilyDescriptor> familiesOf(KubeStashKinds.Kind<?> kind) {
    List<FamilyDescriptor> ofKind = new ArrayList<>();
    for (FamilyDescriptor family : families) {
      if (family.apiVersion().equals(kind.apiVersion()) && family.kind().equals(kind.kind())) {
        ofKind.add(family);
      }
    }
    return List.copyOf(ofKind);
  }

  /** True when objects of this {@code apiVersion} and {@code kind} have families here. */
  public boolean renders(String apiVersion, String kind) {
    Optional<KubeStashKinds.Kind<?>> typed = KubeStashKinds.byApiVersionAndKind(apiVersion, kind);
    return (typed.isPresent() && tableOf(typed.get().type()) >= 0)
        || configuredOf(apiVersion, kind) >= 0;
  }

  /** The family with this exact name. */
  public Optional<FamilyDescriptor> family(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The series of a typed object: an instance of one of the six generated model classes (a {@link
   * GenericKubernetesResource} is read as in {@link #render(GenericKubernetesResource)}). Anything
   * else gives a {@link RenderedObject} without series. Never throws for any object content.
   */
  public RenderedObject render(HasMetadata object) {
    if (object == null) {
      return RenderedObject.empty("", "", "", "");
    }
    if (object instanceof GenericKubernetesResource) {
      return render((GenericKubernetesResource) object);
    }
    int t = tableOf(object.getClass());
    if (t < 0) {
      return configured.isEmpty() ? emptyFor(object) : render(reader.toTree(object));
    }
    return renderTyped(tables.get(t), firstIndexOfTable[t], object, null, Set.of());
  }

  /**
   * The series of a manifest tree (from YAML, JSON or a {@link GenericKubernetesResource}) of one
   * of the six kinds, read leniently: a field of the wrong JSON type costs only the families that
   * read it (each with a {@link MappingError#WRONG_JSON_TYPE} error); unknown fields are ignored. A
   * tree that is not an object, or not of one of the six kinds (by {@code apiVersion} and {@code
   * kind}), gives a {@link RenderedObject} without series. Never throws.
   */
  public RenderedObject render(JsonNode manifest) {
    if (manifest == null || !manifest.isObject()) {
      return RenderedObject.empty("", "", "", "");
    }
    if (this == STANDARD) {
      // One pass: the engine running the six built-in configurations renders straight from the
      // tree, byte for byte as the typed tables do (EngineDifferentialTest), without reading the
      // tree a second time into a typed object; except an object with a 32-bit field out of
      // range, which only the typed read treats as the contract says (Int32Fields).
      Optional<KubeStashKinds.Kind<?>> kind =
          KubeStashKinds.byApiVersionAndKind(
              text(manifest.get("apiVersion")), text(manifest.get("kind")));
      if (kind.isPresent() && !BuiltInEngine.INT32_FIELDS.overflowIn(kind.get(), manifest)) {
        return BuiltInEngine.CATALOGUE.render(manifest);
      }
    }
    return renderLeniently(manifest);
  }

  /**
   * {@link #render(JsonNode)} through the typed tables: the tree read leniently into a model object
   * (a second, typed Jackson pass), then rendered. The contract's definition, against which the
   * one-pass engine path is checked.
   */
  RenderedObject renderLeniently(JsonNode manifest) {
    if (manifest == null || !manifest.isObject()) {
      return RenderedObject.empty("", "", "", "");
    }
    if (tables.isEmpty()) {
      // A catalogue of configured families only: no typed kind to look up first.
      int c = configuredOf(text(manifest.get("apiVersion")), text(manifest.get("kind")));
      if (c >= 0) {
        return renderConfigured(c, manifest);
      }
    }
    JsonNode metadata = manifest.path("metadata");
    String kindName = text(manifest.get("kind"));
    String namespace = text(metadata.get("namespace"));
    String name = text(metadata.get("name"));
    String uid = text(metadata.get("uid"));
    Optional<KubeStashKinds.Kind<?>> kind =
        KubeStashKinds.byApiVersionAndKind(text(manifest.get("apiVersion")), kindName);
    int t = kind.map(k -> tableOf(k.type())).orElse(-1);
    if (t < 0) {
      int c = configuredOf(text(manifest.get("apiVersion")), kindName);
      return c < 0
          ? RenderedObject.empty(kindName, namespace, name, uid)
          : renderConfigured(c, manifest);
    }
    FamilyTable<?> table = tables.get(t);
    LenientReader.Result<?> read = reader.read(manifest, table.kind().type());
    if (read.object() == null) {
      // Not even the bounded retries could read it: every family of the object is lost.
      ExpositionLines lines =
          new ExpositionLines(kindName, namespace, name, table.families().size());
      for (FamilyTable.Family<?> family : table.families()) {
        lines.error(family, MappingError.WRONG_JSON_TYPE);
        lines.endFamily(family);
      }
      return lines.finish(uid, firstIndexOfTable[t]);
    }
    return renderTyped(
        table, firstIndexOfTable[t], (HasMetadata) read.object(), manifest, read.wrongTypePaths());
  }

  /**
   * The series of a generic resource, via its JSON tree as {@link #render(JsonNode)}; the tree is
   * built by walking the resource's maps, not by serialising it.
   */
  public RenderedObject render(GenericKubernetesResource resource) {
    if (resource == null) {
      return RenderedObject.empty("", "", "", "");
    }
    return render(reader.treeOf(resource));
  }

  /**
   * Feeds the series of an object to a sink, exactly as {@link #render(HasMetadata)} maps it: a
   * typed object directly, a {@link GenericKubernetesResource} read leniently (a badly-typed field
   * gives the sink a {@link MappingError#WRONG_JSON_TYPE} error for each family that reads it).
   * False when the object is not of our kinds. {@code sink} learns the catalogue index of a family
   * as {@code firstIndex + ordinal}.
   */
  boolean emit(HasMetadata object, SeriesSinkFactory sinks) {
    if (object instanceof GenericKubernetesResource) {
      return emitManifest((GenericKubernetesResource) object, sinks);
    }
    int t = object == null ? -1 : tableOf(object.getClass());
    if (t < 0) {
      return false;
    }
    emitTyped(tables.get(t), object, null, Set.of(), sinks.sinkFor(firstIndexOfTable[t], object));
    return true;
  }

  private boolean emitManifest(GenericKubernetesResource resource, SeriesSinkFactory sinks) {
    JsonNode manifest = reader.toTree(resource);
    if (manifest == null || !manifest.isObject()) {
      return false;
    }
    Optional<KubeStashKinds.Kind<?>> kind =
        KubeStashKinds.byApiVersionAndKind(
            text(manifest.get("apiVersion")), text(manifest.get("kind")));
    int t = kind.map(k -> tableOf(k.type())).orElse(-1);
    if (t < 0) {
      return false;
    }
    FamilyTable<?> table = tables.get(t);
    SeriesSink sink = sinks.sinkFor(firstIndexOfTable[t], resource);
    LenientReader.Result<?> read = reader.read(manifest, table.kind().type());
    if (read.object() == null) {
      // As in render(JsonNode): not even the bounded retries could read it.
      for (FamilyTable.Family<?> family : table.families()) {
        sink.error(family, MappingError.WRONG_JSON_TYPE);
        sink.endFamily(family);
      }
      return true;
    }
    // Labels from the manifest itself (rule 10), exactly as render(JsonNode) reads them.
    emitTyped(table, (HasMetadata) read.object(), manifest, read.wrongTypePaths(), sink);
    return true;
  }

  /** The kind (e.g. {@code Repository}) whose objects give family {@code familyIndex} series. */
  String kindNameOfFamily(int familyIndex) {
    return kindNames[familyIndex];
  }

  /** The index of the first family of the kind that family {@code familyIndex} belongs to. */
  int firstIndexOfKind(int familyIndex) {
    return firstIndexOfFamily[familyIndex];
  }

  /** Precomputed {@link FamilyDescriptor#header} bytes; callers must not modify them. */
  byte[] headerBytes(int familyIndex, ExpositionFormat format) {
    return headers[format.ordinal()][familyIndex];
  }

  /** Creates the sink for one object whose kind's families start at {@code firstIndex}. */
  interface SeriesSinkFactory {
    SeriesSink sinkFor(int firstIndex, HasMetadata object);
  }

  private static <T extends CustomResource<?, ?>> void emitTyped(
      FamilyTable<T> table,
      HasMetadata object,
      JsonNode raw,
      Set<String> wrongTypePaths,
      SeriesSink sink) {
    table.render(table.kind().type().cast(object), raw, wrongTypePaths, sink);
  }

  private <T extends CustomResource<?, ?>> RenderedObject renderTyped(
      FamilyTable<T> table,
      int firstIndex,
      HasMetadata object,
      JsonNode raw,
      Set<String> wrongTypePaths) {
    ObjectMeta metadata = object.getMetadata();
    String namespace = metadata == null ? "" : RenderedObject.orEmpty(metadata.getNamespace());
    String name = metadata == null ? "" : RenderedObject.orEmpty(metadata.getName());
    String uid = metadata == null ? "" : RenderedObject.orEmpty(metadata.getUid());
    ExpositionLines.Scratch borrowed = borrowScratch();
    ExpositionLines lines =
        new ExpositionLines(
            table.kind().kind(), namespace, name, table.families().size(), borrowed);
    table.render(table.kind().type().cast(object), raw, wrongTypePaths, lines);
    RenderedObject rendered = lines.finish(uid, firstIndex);
    returnScratch(borrowed);
    return rendered;
  }

  /** Where configured table {@code t} starts; the family count when there is none. */
  private int firstIndexOfConfiguredOrEnd(int t) {
    return t < configured.size() ? firstIndexOfConfigured[t] : families.size();
  }

  private RenderedObject renderConfigured(int c, JsonNode manifest) {
    ExpositionLines.Scratch borrowed = borrowScratch();
    RenderedObject rendered =
        configured.get(c).render(manifest, firstIndexOfConfigured[c], borrowed, borrowed.rows);
    returnScratch(borrowed);
    return rendered;
  }

  private int configuredOf(String apiVersion, String kind) {
    for (int c = 0; c < configured.size(); c++) {
      ConfiguredTable table = configured.get(c);
      if (table.kind().equals(kind) && table.apiVersion().equals(apiVersion)) {
        return c;
      }
    }
    return -1;
  }

  private ExpositionLines.Scratch borrowScratch() {
    synchronized (scratch) {
      if (freeScratch > 0) {
        ExpositionLines.Scratch free = scratch[--freeScratch];
        scratch[freeScratch] = null;
        return free;
      }
    }
    return new ExpositionLines.Scratch();
  }

  private void returnScratch(ExpositionLines.Scratch used) {
    synchronized (scratch) {
      if (freeScratch < SCRATCH_SLOTS) {
        scratch[freeScratch++] = used;
      }
    }
  }

  private int tableOf(Class<?> type) {
    for (int t = 0; t < tables.size(); t++) {
      if (tables.get(t).kind().type() == type) {
        return t;
      }
    }
    return -1;
  }

  private static RenderedObject emptyFor(HasMetadata object) {
    ObjectMeta metadata = object.getMetadata();
    return RenderedObject.empty(
        object.getKind(),
        metadata == null ? null : metadata.getNamespace(),
        metadata == null ? null : metadata.getName(),
        metadata == null ? null : metadata.getUid());
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : "";
  }

  /**
   * The engine compiled from {@link BuiltInConfigurations}: the same 36 families in the same order
   * (so the same family indices) as {@link #standard()}. Built on first use, after {@code
   * STANDARD}.
   */
  private static final class BuiltInEngine {
    static final MetricCatalogue CATALOGUE = of(compileEach(BuiltInConfigurations.standard()));
    static final Int32Fields INT32_FIELDS = Int32Fields.ofModel();

    private BuiltInEngine() {}

    /** The six compiled one at a time (their families are distinct), in their order. */
    private static CompiledConfigurations compileEach(List<MetricsConfiguration> configurations) {
      List<CompiledConfiguration> compiled = new ArrayList<>();
      List<ConfigurationProblem> problems = new ArrayList<>();
      for (MetricsConfiguration configuration : configurations) {
        CompiledConfigurations one =
            MetricsConfigurationCompiler.compile(
                SourcedConfiguration.ofCluster(configuration), EngineOptions.DEFAULT);
        compiled.addAll(one.configurations());
        problems.addAll(one.problems());
      }
      return new CompiledConfigurations(compiled, problems, EngineOptions.DEFAULT);
    }
  }
}
