package io.github.kubestashmetrics.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.fabric8.kubernetes.client.CustomResource;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupConfiguration;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupSession;
import io.github.kubestashmetrics.model.core.v1alpha1.RestoreSession;
import io.github.kubestashmetrics.model.storage.v1alpha1.BackupStorage;
import io.github.kubestashmetrics.model.storage.v1alpha1.Repository;
import io.github.kubestashmetrics.model.storage.v1alpha1.Snapshot;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The objects of a scale run: a cluster's realistic mix, mostly BackupSessions and Snapshots (every
 * scheduled backup leaves one BackupSession and a Snapshot per repository), drawn from the
 * testkit's seeded generators so that every run maps the same objects. Per 100 objects: 45
 * BackupSessions, 45 Snapshots, 4 Repositories, 3 BackupConfigurations, 2 RestoreSessions, 1
 * BackupStorage.
 */
final class ObjectMix {

  /** Kinds by position in each run of 100 objects. */
  private static final KubeStashKinds.Kind<?>[] PATTERN = pattern();

  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final List<CustomResource<?, ?>> objects;
  private final byte[][] json;
  private final Map<Class<?>, ObjectReader> readers;

  private ObjectMix(List<CustomResource<?, ?>> objects, byte[][] json) {
    this.objects = objects;
    this.json = json;
    this.readers =
        Map.of(
            BackupConfiguration.class, MAPPER.readerFor(BackupConfiguration.class),
            BackupSession.class, MAPPER.readerFor(BackupSession.class),
            BackupStorage.class, MAPPER.readerFor(BackupStorage.class),
            Repository.class, MAPPER.readerFor(Repository.class),
            RestoreSession.class, MAPPER.readerFor(RestoreSession.class),
            Snapshot.class, MAPPER.readerFor(Snapshot.class));
  }

  /** {@code count} objects of the mix from this seed, with their JSON as the API sends it. */
  static ObjectMix generate(int count, long seed) {
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    List<CustomResource<?, ?>> objects = new ArrayList<>(count);
    byte[][] json = new byte[count][];
    for (int i = 0; i < count; i++) {
      CustomResource<?, ?> object = generators.valid(kindAt(i));
      objects.add(object);
      try {
        json[i] = MAPPER.writeValueAsBytes(object);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new ObjectMix(objects, json);
  }

  static KubeStashKinds.Kind<?> kindAt(int index) {
    return PATTERN[index % PATTERN.length];
  }

  int size() {
    return json.length;
  }

  /** The typed objects, as an informer's cache holds them. */
  List<CustomResource<?, ?>> objects() {
    return objects;
  }

  CustomResource<?, ?> object(int index) {
    return objects.get(index);
  }

  byte[] json(int index) {
    return json[index];
  }

  long jsonBytes() {
    long total = 0;
    for (byte[] bytes : json) {
      total += bytes.length;
    }
    return total;
  }

  /**
   * Reads object {@code index} from its JSON into its generated class, as the fabric8 client does
   * for every object it lists or watches (a mapper configured like fabric8's, readers resolved
   * once).
   */
  CustomResource<?, ?> deserialise(int index) {
    try {
      return readers.get(kindAt(index).type()).readValue(json[index]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets the object's {@code .status.phase} (the change a churn update makes). */
  static void setPhase(CustomResource<?, ?> object, String phase) {
    if (object instanceof BackupSession o && o.getStatus() != null) {
      o.getStatus().setPhase(phase);
    } else if (object instanceof Snapshot o && o.getStatus() != null) {
      o.getStatus().setPhase(phase);
    } else if (object instanceof Repository o && o.getStatus() != null) {
      o.getStatus().setPhase(phase);
    } else if (object instanceof BackupConfiguration o && o.getStatus() != null) {
      o.getStatus().setPhase(phase);
    } else if (object instanceof RestoreSession o && o.getStatus() != null) {
      o.getStatus().setPhase(phase);
    } else if (object instanceof BackupStorage o && o.getStatus() != null) {
      o.getStatus().setPhase(phase);
    }
  }

  private static KubeStashKinds.Kind<?>[] pattern() {
    List<KubeStashKinds.Kind<?>> kinds = new ArrayList<>(100);
    add(kinds, KubeStashKinds.BACKUP_SESSION, 45);
    add(kinds, KubeStashKinds.SNAPSHOT, 45);
    add(kinds, KubeStashKinds.REPOSITORY, 4);
    add(kinds, KubeStashKinds.BACKUP_CONFIGURATION, 3);
    add(kinds, KubeStashKinds.RESTORE_SESSION, 2);
    add(kinds, KubeStashKinds.BACKUP_STORAGE, 1);
    // Interleaved, so that any prefix of the mix (a smaller start-up run) has the same shares.
    KubeStashKinds.Kind<?>[] interleaved = new KubeStashKinds.Kind<?>[kinds.size()];
    for (int i = 0; i < interleaved.length; i++) {
      interleaved[i] = kinds.get((int) ((i * 37L) % kinds.size()));
    }
    return interleaved;
  }

  private static void add(List<KubeStashKinds.Kind<?>> kinds, KubeStashKinds.Kind<?> kind, int n) {
    for (int i = 0; i < n; i++) {
      kinds.add(kind);
    }
  }
}
