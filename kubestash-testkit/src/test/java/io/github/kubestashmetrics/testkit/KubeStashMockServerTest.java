package io.github.kubestashmetrics.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupSession;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KubeStashMockServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_SECONDS = 10;

  @RegisterExtension static final KubeStashMockServer server = new KubeStashMockServer();

  /** One informer callback, as recorded by {@link Recorder}. */
  record Event(String type, HasMetadata object) {}

  /** Records informer callbacks so a test can wait for each without sleeping. */
  static final class Recorder<T extends HasMetadata> implements ResourceEventHandler<T> {
    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    @Override
    public void onAdd(T object) {
      events.add(new Event("ADD", object));
    }

    @Override
    public void onUpdate(T oldObject, T newObject) {
      events.add(new Event("UPDATE", newObject));
    }

    @Override
    public void onDelete(T object, boolean deletedFinalStateUnknown) {
      events.add(new Event("DELETE", object));
    }

    /** The next event of this type for this object name, skipping others (e.g. resyncs). */
    Event next(String type, String name) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
      while (true) {
        long left = deadline - System.nanoTime();
        Event event = events.poll(Math.max(left, 0), TimeUnit.NANOSECONDS);
        assertThat(event).as("%s event of %s within %ss", type, name, TIMEOUT_SECONDS).isNotNull();
        if (event.type().equals(type) && event.object().getMetadata().getName().equals(name)) {
          return event;
        }
      }
    }
  }

  @Test
  void createdObjectsOfEveryKindKeepTheirStatus() {
    KubeStashGenerators generators = new KubeStashGenerators(1);
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      CustomResource<?, ?> object = withStatus(generators, kind);

      CustomResource<?, ?> created = server.create(object);
      CustomResource<?, ?> stored = server.client().resource(created).get();

      assertThat(stored).as(kind.kind()).isNotNull();
      assertThat(tree(stored).get("status")).as(kind.kind()).isEqualTo(tree(object).get("status"));
      assertThat(tree(stored).get("spec")).as(kind.kind()).isEqualTo(tree(object).get("spec"));
    }
  }

  @Test
  void informerSeesAddUpdateAndDeleteOfEveryKind() throws InterruptedException {
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      seesLifecycleOf(kind);
    }
  }

  private <T extends CustomResource<?, ?>> void seesLifecycleOf(KubeStashKinds.Kind<T> kind)
      throws InterruptedException {
    Recorder<T> recorder = new Recorder<>();
    try (SharedIndexInformer<T> informer =
        server.client().resources(kind.type()).inAnyNamespace().inform(recorder)) {
      KubeStashGenerators generators = new KubeStashGenerators(kind.kind().hashCode());
      ObjectFixture<?, ?> fixture = fixtureWithStatus(generators, kind);
      String phase = KubeStashGenerators.phasesOf(kind.kind()).get(0);
      String newPhase = KubeStashGenerators.phasesOf(kind.kind()).get(1);
      T object = kind.type().cast(fixture.phase(phase).build());
      String name = object.getMetadata().getName();

      server.create(object);
      Event added = recorder.next("ADD", name);
      // The informer may see the create before the status write: then an UPDATE brings it.
      JsonNode addedStatus = tree(added.object()).path("status");
      if (!addedStatus.path("phase").asText().equals(phase)) {
        addedStatus = tree(recorder.next("UPDATE", name).object()).path("status");
      }
      assertThat(addedStatus.path("phase").asText()).isEqualTo(phase);

      server.updateStatus(kind.type().cast(fixture.phase(newPhase).build()));
      Event updated = recorder.next("UPDATE", name);
      assertThat(tree(updated.object()).path("status").path("phase").asText())
          .as(kind.kind())
          .isEqualTo(newPhase);
      T cached = informer.getStore().getByKey(object.getMetadata().getNamespace() + "/" + name);
      assertThat(tree(cached).path("status").path("phase").asText()).isEqualTo(newPhase);

      assertThat(server.delete(object)).isTrue();
      Event deleted = recorder.next("DELETE", name);
      assertThat(deleted.object().getMetadata().getName()).isEqualTo(name);
    }
  }

  @Test
  void updateReplacesSpecAndKeepsStatus() {
    BackupSessionFixture fixture =
        KubeStashFixtures.backupSession("demo", "nightly-1")
            .session("daily")
            .phase("Running")
            .duration("5s");
    server.create(fixture.build());

    server.update(fixture.session("weekly").phase("Failed").build());

    BackupSession stored =
        server
            .client()
            .resources(BackupSession.class)
            .inNamespace("demo")
            .withName("nightly-1")
            .get();
    assertThat(stored.getSpec().getSession()).isEqualTo("weekly");
    assertThat(stored.getStatus().getPhase()).isEqualTo("Running");
  }

  @Test
  void resetAlsoDeletesObjectsTheTypedModelCannotRead() throws Exception {
    GenericKubernetesResource odd =
        new ObjectMapper()
            .readValue(
                "{\"apiVersion\":\"storage.kubestash.com/v1alpha1\",\"kind\":\"Repository\","
                    + "\"metadata\":{\"name\":\"odd\",\"namespace\":\"demo\"},"
                    + "\"spec\":{\"path\":{\"not\":\"a string\"}}}",
                GenericKubernetesResource.class);
    server.client().resource(odd).create();
    var repositories =
        server.client().genericKubernetesResources("storage.kubestash.com/v1alpha1", "Repository");
    assertThat(repositories.inAnyNamespace().list().getItems()).hasSize(1);

    server.reset();

    assertThat(repositories.inAnyNamespace().list().getItems()).isEmpty();
  }

  @Test
  void resetDeletesEveryKubeStashObject() {
    KubeStashGenerators generators = new KubeStashGenerators(7);
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      server.create(withStatus(generators, kind));
      server.create(withStatus(generators, kind));
    }

    server.reset();

    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      assertThat(server.client().resources(kind.type()).inAnyNamespace().list().getItems())
          .as(kind.kind())
          .isEmpty();
    }
  }

  @Test
  void resetAlsoDeletesObjectsWithFinalizers() {
    // Real KubeStash objects carry this finalizer; the mock would otherwise only mark them.
    server.create(
        KubeStashFixtures.backupStorage("demo", "gcs")
            .edit(
                m ->
                    m.withObjectProperty("metadata")
                        .putArray("finalizers")
                        .add("kubestash.com/cleanup"))
            .phase("Ready")
            .build());

    server.reset();

    assertThat(
            server
                .client()
                .resources(KubeStashKinds.BACKUP_STORAGE.type())
                .inAnyNamespace()
                .list()
                .getItems())
        .isEmpty();
  }

  @Test
  void startsAndClosesOutsideJunitAndServesAnyClient() {
    KubeStashMockServer standalone = KubeStashMockServer.builder().build().start();
    try {
      assertThat(standalone.url()).startsWith("http://").contains(":" + standalone.port());
      standalone.create(KubeStashFixtures.repository("demo", "gcs-repo").phase("Ready").build());

      try (KubernetesClient other =
          new KubernetesClientBuilder()
              .withConfig(
                  new io.fabric8.kubernetes.client.ConfigBuilder()
                      .withMasterUrl(standalone.url())
                      .withTrustCerts(true)
                      .build())
              .build()) {
        assertThat(
                other
                    .resources(KubeStashKinds.REPOSITORY.type())
                    .inNamespace("demo")
                    .list()
                    .getItems())
            .extracting(r -> r.getStatus().getPhase())
            .containsExactly("Ready");
      }
    } finally {
      standalone.close();
    }
    assertThat(standalone.isRunning()).isFalse();
  }

  /** An instance field: a fresh server for each test, stopped after it. */
  @Nested
  class PerTestServer {

    @RegisterExtension final KubeStashMockServer own = new KubeStashMockServer();

    @Test
    void startsEmptyWithTheSixKinds() {
      assertThat(own.isRunning()).isTrue();
      assertThat(own.port()).isNotEqualTo(server.port());
      for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
        assertThat(own.client().resources(kind.type()).inAnyNamespace().list().getItems())
            .isEmpty();
        assertThat(
                own.client()
                    .apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .withName(kind.crdName())
                    .get())
            .isNotNull();
      }
    }
  }

  private static CustomResource<?, ?> withStatus(
      KubeStashGenerators generators, KubeStashKinds.Kind<?> kind) {
    return fixtureWithStatus(generators, kind).build();
  }

  /** A realistic object that certainly has a status (generators sometimes draw none). */
  private static ObjectFixture<?, ?> fixtureWithStatus(
      KubeStashGenerators generators, KubeStashKinds.Kind<?> kind) {
    ObjectFixture<?, ?> fixture = generators.fixture(kind);
    return fixture
        .phase(KubeStashGenerators.phasesOf(kind.kind()).get(0))
        .condition("Ready", "True");
  }

  private static JsonNode tree(Object object) {
    return JSON.valueToTree(object);
  }
}
