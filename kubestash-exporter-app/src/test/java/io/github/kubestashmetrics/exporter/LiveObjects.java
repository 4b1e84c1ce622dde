package io.github.kubestashmetrics.exporter;

import io.fabric8.kubernetes.client.CustomResource;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import io.github.kubestashmetrics.testkit.ObjectFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seeded KubeStash objects living in a mock API server, changed through its HTTP API as KubeStash's
 * controllers would: created (object, then status), their phase moved on, deleted.
 *
 * <p>Each object is kept as its fixture, with the server's uid set on it, so an update is the
 * fixture changed and written back with the identity the server gave it. Safe for concurrent
 * writers as long as each object is changed by one writer at a time.
 */
final class LiveObjects {

  /** One object: its kind, the fixture it is written from, and the server-assigned uid. */
  static final class Live {
    final KubeStashKinds.Kind<?> kind;
    final ObjectFixture<?, ?> fixture;
    final String name;
    final String namespace;
    volatile String uid;
    volatile int phaseIndex;

    Live(KubeStashKinds.Kind<?> kind, ObjectFixture<?, ?> fixture) {
      this.kind = kind;
      this.fixture = fixture;
      CustomResource<?, ?> built = fixture.build();
      this.name = built.getMetadata().getName();
      this.namespace = built.getMetadata().getNamespace();
    }

    String key() {
      return kind.kind() + "/" + namespace + "/" + name;
    }
  }

  private KubeStashMockServer api;
  private final KubeStashGenerators generators;
  private final Map<String, Live> live = new ConcurrentHashMap<>();

  LiveObjects(KubeStashMockServer api, long seed) {
    this.api = api;
    this.generators = new KubeStashGenerators(seed);
  }

  /** Points at another server (e.g. the API restarted); the objects are not copied over. */
  void useServer(KubeStashMockServer server) {
    this.api = server;
  }

  /** A new realistic object of this kind, not yet created. Not thread-safe (one generator). */
  synchronized Live draw(KubeStashKinds.Kind<?> kind) {
    ObjectFixture<?, ?> fixture = generators.fixture(kind);
    // Every object gets a phase, so a phase move is always visible in the phase family.
    fixture.phase(KubeStashGenerators.phasesOf(kind.kind()).get(0));
    return new Live(kind, fixture);
  }

  /** Creates (object, then status) and remembers it. */
  Live create(Live object) {
    CustomResource<?, ?> created = api.create(object.fixture.build());
    object.uid = created.getMetadata().getUid();
    object.fixture.uid(object.uid);
    live.put(object.key(), object);
    return object;
  }

  /** Creates {@code perKind} new objects of every kind. */
  List<Live> createEveryKind(int perKind) {
    List<Live> created = new ArrayList<>();
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      for (int i = 0; i < perKind; i++) {
        created.add(create(draw(kind)));
      }
    }
    return created;
  }

  /** Moves the object to the next of its kind's phases, in one status write. */
  void nextPhase(Live object) {
    List<String> phases = KubeStashGenerators.phasesOf(object.kind.kind());
    object.phaseIndex = (object.phaseIndex + 1) % phases.size();
    object.fixture.phase(phases.get(object.phaseIndex));
    api.updateStatus(object.fixture.build());
  }

  /** Deletes the object and forgets it. */
  void delete(Live object) {
    api.delete(object.fixture.build());
    live.remove(object.key());
  }

  /** Re-creates every remembered object in the current server (after it restarted empty). */
  void recreateAll() {
    for (Live object : List.copyOf(live.values())) {
      object.fixture.uid(null);
      create(object);
    }
  }

  /** Forgets an object without deleting it (it vanished, e.g. with a restarted API). */
  void forget(Live object) {
    live.remove(object.key());
  }

  List<Live> all() {
    return List.copyOf(live.values());
  }

  int size() {
    return live.size();
  }

  Live any(SplittableRandom random) {
    List<Live> all = all();
    return all.get(random.nextInt(all.size()));
  }
}
