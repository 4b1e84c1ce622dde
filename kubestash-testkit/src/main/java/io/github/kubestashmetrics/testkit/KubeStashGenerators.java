package io.github.kubestashmetrics.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.CustomResource;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupConfiguration;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupSession;
import io.github.kubestashmetrics.model.core.v1alpha1.RestoreSession;
import io.github.kubestashmetrics.model.storage.v1alpha1.BackupStorage;
import io.github.kubestashmetrics.model.storage.v1alpha1.Repository;
import io.github.kubestashmetrics.model.storage.v1alpha1.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Seeded generators of KubeStash objects and of the value texts they hold. The same seed gives the
 * same sequence of draws on every machine; nothing is shared between instances.
 *
 * <p>Property-style tests run over many seeds and name each seed, so a failure says how to
 * reproduce it:
 *
 * <pre>{@code
 * static Stream<Long> seeds() {
 *   return KubeStashGenerators.seeds("phaseIsOneHot", 1_000);
 * }
 *
 * @ParameterizedTest(name = "seed={0}")
 * @MethodSource("seeds")
 * void phaseIsOneHot(long seed) {
 *   BackupSession session = new KubeStashGenerators(seed).backupSession();
 *   ...
 * }
 * }</pre>
 *
 * <p>Reproduce one failing case with {@code -Dkubestash.replay=<seed>} (comma-separated for
 * several): {@link #seeds} then yields exactly those seeds. Explore other cases with {@code
 * -Dkubestash.seed=<base>}; without it the base seed is fixed, so CI is reproducible.
 *
 * <p>Three families of draws:
 *
 * <ul>
 *   <li>valid objects of every kind in the formats KubeStash writes (sizes {@code 12.222 MiB}, Go
 *       durations {@code 1m5.2s}, RFC 3339 timestamps, phases from each kind's list);
 *   <li>{@link #hostile() hostile} manifests as JSON trees, one {@link HostileCategory} each;
 *   <li>value texts with their exact values ({@link #goDuration()}, {@link #size()}, {@link
 *       #timestamp()}) for testing parsers.
 * </ul>
 */
public final class KubeStashGenerators {

  /** System property with the base seed of {@link #seeds}. */
  public static final String SEED_PROPERTY = "kubestash.seed";

  /** System property with comma-separated seeds that {@link #seeds} returns instead. */
  public static final String REPLAY_PROPERTY = "kubestash.replay";

  /** The base seed when {@value #SEED_PROPERTY} is not set. */
  public static final long DEFAULT_BASE_SEED = 20_240_102_030_405L;

  private static final Map<String, List<String>> PHASES =
      Map.of(
          "BackupConfiguration", List.of("Ready", "NotReady", "Invalid"),
          "BackupSession", List.of("Pending", "Running", "Succeeded", "Failed", "Skipped"),
          "BackupStorage", List.of("Ready", "NotReady"),
          "Repository", List.of("Ready", "NotReady"),
          "RestoreSession",
              List.of("Pending", "Running", "Succeeded", "Failed", "Invalid", "Unknown"),
          "Snapshot", List.of("Pending", "Running", "Succeeded", "Failed"));

  private static final List<String> NAMESPACES =
      List.of("demo", "default", "prod", "staging", "kube-system", "stash", "db", "team-a");
  private static final List<String> APPS =
      List.of(
          "sample-sts",
          "mysql",
          "postgres",
          "mongo",
          "redis",
          "my-app",
          "web",
          "es-quickstart",
          "sample-druid",
          "clickhouse");
  private static final List<String[]> WORKLOADS =
      List.of(
          new String[] {"apps", "StatefulSet"},
          new String[] {"apps", "Deployment"},
          new String[] {"apps", "DaemonSet"},
          new String[] {null, "PersistentVolumeClaim"},
          new String[] {"kubedb.com", "MongoDB"},
          new String[] {"kubedb.com", "Postgres"},
          new String[] {"kubedb.com", "MySQL"},
          new String[] {"kubedb.com", "Elasticsearch"},
          new String[] {"appcatalog.appscode.com", "AppBinding"});
  private static final List<String> SESSIONS =
      List.of("frequent-backup", "daily", "demo-session", "hourly", "weekly", "full-backup");
  private static final List<String> SCHEDULES =
      List.of("*/5 * * * *", "0 */6 * * *", "@daily", "0 2 * * *", "*/1 * * * *", "30 1 * * 0");
  private static final List<String> ADDONS =
      List.of(
          "workload-addon",
          "pvc-addon",
          "kubedump-addon",
          "postgres-addon",
          "mongodb-addon",
          "mysql-addon",
          "elasticsearch-addon");
  private static final List<String> PROVIDERS = List.of("s3", "gcs", "azure", "local");
  private static final List<String> STORAGES =
      List.of("gcs-storage", "s3-storage", "linode", "minio-storage", "azure-storage", "local");
  private static final Map<String, List<String>> CONDITION_TYPES =
      Map.of(
          "BackupConfiguration",
              List.of("ValidationPassed", "SchedulerEnsured", "InitialBackupTriggered"),
          "BackupSession",
              List.of(
                  "SnapshotsEnsured",
                  "BackupExecutorEnsured",
                  "RetentionPolicyExecutorEnsured",
                  "SessionHistoryCleaned",
                  "MetricsPushed"),
          "BackupStorage", List.of("BackendInitialized", "BackendSecretFound"),
          "Repository", List.of("RepositoryInitialized", "Ready"),
          "RestoreSession", List.of("ValidationPassed", "RestoreExecutorEnsured", "MetricsPushed"),
          "Snapshot", List.of("RecentSnapshotListUpdated", "SnapshotMetadataUploaded"));

  /** 2023-01-01T00:00:00Z and 2027-01-01T00:00:00Z: creation times fall between. */
  private static final long EARLIEST = 1_672_531_200L;

  private static final long LATEST = 1_798_761_600L;

  private final long seed;
  private final SplittableRandom random;
  private final ValueTexts values;
  private final HostileText hostileText;
  private final HostileManifests hostileManifests;
  private long sequence;

  /** Generators whose draws are fully determined by {@code seed}. */
  public KubeStashGenerators(long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
    this.values = new ValueTexts(random);
    this.hostileText = new HostileText(random);
    this.hostileManifests = new HostileManifests(random, hostileText);
  }

  /** The seed these generators started from. */
  public long seed() {
    return seed;
  }

  /**
   * {@code count} seeds for the property {@code propertyName}: different properties get different
   * seeds, every run the same ones. Honours {@value #REPLAY_PROPERTY} and {@value #SEED_PROPERTY}
   * (see the class description).
   */
  public static Stream<Long> seeds(String propertyName, int count) {
    String replay = System.getProperty(REPLAY_PROPERTY, "").trim();
    if (!replay.isEmpty()) {
      return Arrays.stream(replay.split(",")).map(String::trim).map(Long::valueOf);
    }
    long base = Long.getLong(SEED_PROPERTY, DEFAULT_BASE_SEED);
    // SplitMix64's own scheme: a per-property start, then a Weyl sequence through the mixer.
    long start = mix(base ^ mix(propertyName.hashCode() + GOLDEN_GAMMA));
    return LongStream.range(0, count).map(i -> mix(start + (i + 1) * GOLDEN_GAMMA)).boxed();
  }

  /**
   * The phases a kind's objects are generated with: for five kinds the states of their {@code
   * phase} family in the contract; the contract has no Repository phase family, so for Repository
   * these are the phases its CRD allows (which its {@code info} family carries as a label).
   */
  public static List<String> phasesOf(String kind) {
    List<String> phases = PHASES.get(kind);
    if (phases == null) {
      throw new IllegalArgumentException("not a KubeStash kind: " + kind);
    }
    return phases;
  }

  // ---- valid objects ----

  /** A realistic valid BackupConfiguration. */
  public BackupConfiguration backupConfiguration() {
    return backupConfigurationFixture().build();
  }

  /** A realistic valid BackupSession. */
  public BackupSession backupSession() {
    return backupSessionFixture().build();
  }

  /** A realistic valid BackupStorage. */
  public BackupStorage backupStorage() {
    return backupStorageFixture().build();
  }

  /** A realistic valid Repository. */
  public Repository repository() {
    return repositoryFixture().build();
  }

  /** A realistic valid RestoreSession. */
  public RestoreSession restoreSession() {
    return restoreSessionFixture().build();
  }

  /** A realistic valid Snapshot. */
  public Snapshot snapshot() {
    return snapshotFixture().build();
  }

  /** A realistic valid object of this kind. */
  public <T extends CustomResource<?, ?>> T valid(KubeStashKinds.Kind<T> kind) {
    return kind.type().cast(fixture(kind).build());
  }

  /** A realistic valid object of a random kind. */
  public CustomResource<?, ?> anyValid() {
    return fixture(anyKind()).build();
  }

  /** The manifest (JSON tree) of a realistic valid object of this kind. */
  public ObjectNode validManifest(KubeStashKinds.Kind<?> kind) {
    return fixture(kind).manifest();
  }

  /** The manifest (JSON tree) of a realistic valid object of a random kind. */
  public ObjectNode anyValidManifest() {
    return fixture(anyKind()).manifest();
  }

  /** A random one of the six kinds. */
  public KubeStashKinds.Kind<?> anyKind() {
    return pick(KubeStashKinds.ALL);
  }

  /** A realistic BackupConfiguration as a fixture, to change a field before building. */
  public BackupConfigurationFixture backupConfigurationFixture() {
    String app = pick(APPS);
    String namespace = pick(NAMESPACES);
    BackupConfigurationFixture fixture =
        KubeStashFixtures.backupConfiguration(namespace, app + "-backup-" + next());
    common(fixture, "BackupConfiguration");
    String[] workload = pick(WORKLOADS);
    fixture.target(workload[0], workload[1], app, namespace);
    fixture.backend("gcs-backend", namespace, pick(STORAGES));
    int sessions = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(3);
    for (int i = 0; i < sessions; i++) {
      fixture.session(SESSIONS.get(i), pick(SCHEDULES), pick(ADDONS));
    }
    return fixture;
  }

  /** A realistic BackupSession as a fixture. */
  public BackupSessionFixture backupSessionFixture() {
    String app = pick(APPS);
    String namespace = pick(NAMESPACES);
    String configuration = app + "-backup";
    String session = pick(SESSIONS);
    long epoch = EARLIEST + next() * 300 + random.nextInt(300);
    String name = configuration + "-" + session + "-" + epoch;
    BackupSessionFixture fixture = KubeStashFixtures.backupSession(namespace, name);
    common(fixture, "BackupSession");
    fixture.label("kubestash.com/invoker-name", configuration);
    fixture.invoker("BackupConfiguration", configuration).session(session);
    if (random.nextInt(10) != 0) {
      fixture.duration(values.canonicalGoDuration());
      String[] workload = pick(WORKLOADS);
      int snapshots = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(3);
      for (int i = 0; i < snapshots; i++) {
        String repository = pick(PROVIDERS) + "-" + app + "-repo-" + i;
        fixture.snapshot(
            repository + "-" + name,
            pick(PHASES.get("Snapshot")),
            repository,
            workload[1],
            app,
            namespace);
      }
      fixture.totalSnapshots(snapshots);
    }
    return fixture;
  }

  /** A realistic BackupStorage as a fixture. */
  public BackupStorageFixture backupStorageFixture() {
    String namespace = pick(NAMESPACES);
    BackupStorageFixture fixture =
        KubeStashFixtures.backupStorage(namespace, pick(STORAGES) + "-" + next());
    common(fixture, "BackupStorage");
    fixture
        .provider(pick(PROVIDERS))
        .defaultStorage(random.nextBoolean())
        .deletionPolicy(random.nextBoolean() ? "WipeOut" : "Delete");
    if (random.nextInt(10) != 0) {
      int repositories = random.nextInt(5);
      for (int i = 0; i < repositories; i++) {
        String app = pick(APPS);
        String repoNamespace = pick(NAMESPACES);
        fixture.repository(
            app + "-repo-" + i, repoNamespace, "/" + repoNamespace + "/" + app, kubeStashSize());
      }
      fixture.totalSize(kubeStashSize());
    }
    return fixture;
  }

  /** A realistic Repository as a fixture. */
  public RepositoryFixture repositoryFixture() {
    String app = pick(APPS);
    String namespace = pick(NAMESPACES);
    RepositoryFixture fixture =
        KubeStashFixtures.repository(namespace, pick(PROVIDERS) + "-" + app + "-repo-" + next());
    common(fixture, "Repository");
    String[] workload = pick(WORKLOADS);
    fixture
        .appRef(workload[0], workload[1], app, namespace)
        .path("/" + namespace + "/" + app)
        .storageRef(namespace, pick(STORAGES))
        .deletionPolicy("Delete");
    if (random.nextInt(10) != 0) {
      fixture
          .integrity(random.nextInt(5) == 0 ? null : random.nextInt(8) != 0)
          .lastBackupTime(statusTime())
          .size(kubeStashSize())
          .snapshotCount(random.nextInt(500));
    }
    return fixture;
  }

  /** A realistic RestoreSession as a fixture. */
  public RestoreSessionFixture restoreSessionFixture() {
    String app = pick(APPS);
    String namespace = pick(NAMESPACES);
    RestoreSessionFixture fixture =
        KubeStashFixtures.restoreSession(namespace, app + "-restore-" + next());
    common(fixture, "RestoreSession");
    String[] workload = pick(WORKLOADS);
    String repository = pick(PROVIDERS) + "-" + app + "-repo";
    fixture
        .target(workload[0], workload[1], app, namespace)
        .dataSource(
            namespace,
            repository,
            random.nextBoolean() ? "latest" : repository + "-" + app + "-backup-" + next())
        .addon(pick(ADDONS));
    if (random.nextInt(10) != 0) {
      fixture.duration(values.canonicalGoDuration()).totalComponents(1 + random.nextInt(4));
    }
    return fixture;
  }

  /** A realistic Snapshot as a fixture. */
  public SnapshotFixture snapshotFixture() {
    String app = pick(APPS);
    String namespace = pick(NAMESPACES);
    String session = pick(SESSIONS);
    String repository = pick(PROVIDERS) + "-" + app + "-repo";
    long epoch = EARLIEST + next() * 300 + random.nextInt(300);
    String backupSession = app + "-backup-" + session + "-" + epoch;
    SnapshotFixture fixture =
        KubeStashFixtures.snapshot(namespace, repository + "-" + backupSession);
    common(fixture, "Snapshot");
    String[] workload = pick(WORKLOADS);
    fixture
        .label("kubestash.com/repo-name", repository)
        .type(random.nextInt(4) == 0 ? "IncrementalBackup" : "FullBackup")
        .repository(repository)
        .session(session)
        .backupSession(backupSession)
        .version("v1")
        .snapshotId(ulid())
        .appRef(workload[0], workload[1], app, namespace);
    if (random.nextInt(10) != 0) {
      fixture
          .integrity(random.nextInt(5) == 0 ? null : random.nextInt(8) != 0)
          .size(kubeStashSize())
          .snapshotTime(statusTime())
          .totalComponents(1 + random.nextInt(4));
    }
    return fixture;
  }

  // ---- hostile manifests ----

  /** A hostile manifest of a random category. */
  public Hostile hostile() {
    return hostile(pick(List.of(HostileCategory.values())));
  }

  /** A hostile manifest of this category, of a random kind that has the field it breaks. */
  public Hostile hostile(HostileCategory category) {
    List<KubeStashKinds.Kind<?>> kinds = new ArrayList<>();
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      if (HostileManifests.kindsFor(category).contains(kind.kind())) {
        kinds.add(kind);
      }
    }
    ObjectFixture<?, ?> fixture = fixture(pick(kinds));
    // A hostile object still has the parts its category breaks: a status with conditions.
    fixture.phase(pick(PHASES.get(fixture.manifest().path("kind").asText())));
    ObjectNode manifest = fixture.manifest();
    hostileManifests.apply(category, manifest);
    return new Hostile(category, manifest);
  }

  /**
   * A string that a label value must survive: quotes, backslashes, line feeds, braces and hashes,
   * unusual Unicode, or 10 KiB of them.
   */
  public String hostileText() {
    return hostileText.of(
        pick(
            List.of(
                HostileCategory.LABEL_TEXT_QUOTES,
                HostileCategory.LABEL_TEXT_BACKSLASHES,
                HostileCategory.LABEL_TEXT_NEWLINES,
                HostileCategory.LABEL_TEXT_BRACES_AND_HASH,
                HostileCategory.LABEL_TEXT_UNICODE,
                HostileCategory.LABEL_TEXT_UNICODE,
                HostileCategory.HUGE_STRINGS)));
  }

  // ---- value texts ----

  /**
   * A Go duration text ({@code time.ParseDuration} syntax) and its exact seconds: units h, m, s,
   * ms, us, µs, μs, ns; whole and fractional numbers; several parts in any order; an optional sign;
   * a bare {@code 0}.
   */
  public DurationSample goDuration() {
    return values.goDuration();
  }

  /**
   * A size text and its whole bytes: KubeStash's {@code 12.222 MiB}, IEC units B..EiB, SI units
   * kB..EB (×1000), Kubernetes quantity suffixes ({@code 512Ki}, {@code 1k}, {@code 1M}) and plain
   * numbers; with or without a space; units in any letter case except the one-letter {@code M} and
   * {@code E}, whose lower case means milli and exponent in Kubernetes quantities. Always below
   * 2^62 bytes.
   */
  public SizeSample size() {
    return values.size();
  }

  /** An RFC 3339 timestamp, with or without a fraction, {@code Z} or an offset, and its value. */
  public TimestampSample timestamp() {
    return values.timestamp();
  }

  /** A realistic object of this kind as a fixture, to change a field before building. */
  public ObjectFixture<?, ?> fixture(KubeStashKinds.Kind<?> kind) {
    return switch (kind.kind()) {
      case "BackupConfiguration" -> backupConfigurationFixture();
      case "BackupSession" -> backupSessionFixture();
      case "BackupStorage" -> backupStorageFixture();
      case "Repository" -> repositoryFixture();
      case "RestoreSession" -> restoreSessionFixture();
      case "Snapshot" -> snapshotFixture();
      default -> throw new IllegalArgumentException("not a KubeStash kind: " + kind);
    };
  }

  // ---- internals ----

  /** Metadata, phase and conditions, drawn alike for every kind. */
  private void common(ObjectFixture<?, ?> fixture, String kind) {
    fixture.uid(uuid());
    Instant created = Instant.ofEpochSecond(random.nextLong(EARLIEST, LATEST));
    fixture.createdAt(created);
    if (random.nextInt(20) == 0) {
      return; // a fresh object: no status yet
    }
    fixture.phase(pick(PHASES.get(kind)));
    List<String> types = new ArrayList<>(CONDITION_TYPES.get(kind));
    int conditions = random.nextInt(types.size() + 1);
    for (int i = 0; i < conditions; i++) {
      String type = types.remove(random.nextInt(types.size()));
      int roll = random.nextInt(10);
      String status = roll < 7 ? "True" : roll < 9 ? "False" : "Unknown";
      fixture.condition(
          type,
          status,
          "Successfully" + type,
          type + " is " + status + ".",
          created.plusSeconds(random.nextInt(600)));
    }
  }

  private String kubeStashSize() {
    return values.kubeStashSize();
  }

  /** A status timestamp: whole seconds mostly, sometimes with a fraction. */
  private String statusTime() {
    Instant instant = Instant.ofEpochSecond(random.nextLong(EARLIEST, LATEST));
    return switch (random.nextInt(4)) {
      case 0 -> ObjectFixture.rfc3339(instant.plusMillis(1 + random.nextInt(999)));
      case 1 -> ObjectFixture.rfc3339(instant.plusNanos(1 + random.nextInt(999_999_999)));
      default -> ObjectFixture.rfc3339(instant);
    };
  }

  /** A random version-4 UUID from this generator's stream. */
  private String uuid() {
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
    return new UUID(most, least).toString();
  }

  /** A ULID-shaped id, as KubeStash writes in {@code snapshotID}. */
  private String ulid() {
    String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    StringBuilder out = new StringBuilder(26);
    for (int i = 0; i < 26; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  private long next() {
    return ++sequence;
  }

  private <E> E pick(List<E> from) {
    return from.get(random.nextInt(from.size()));
  }

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  /** SplitMix64's finaliser: spreads nearby inputs over the whole long range. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
