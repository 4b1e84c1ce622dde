package io.github.kubestashmetrics.testkit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.github.kubestashmetrics.model.KubeStashKinds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-memory Kubernetes API that knows the six KubeStash kinds: fabric8's mock server in CRUD
 * mode with our CRDs created in it, and a client for it.
 *
 * <p>As a JUnit 5 extension:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KubeStashMockServer server = new KubeStashMockServer();
 * }</pre>
 *
 * A static field gives one server per test class, emptied of KubeStash objects after each test
 * (unless {@link Builder#resetAfterEach(boolean) resetAfterEach(false)}); an instance field gives a
 * fresh server per test. Outside JUnit, {@link #start()} and {@link #close()} (for example an
 * embedded API on loopback for a demo).
 *
 * <p>Known differences from a real API server, all fabric8's: the server sets its own {@code uid},
 * {@code creationTimestamp} and {@code resourceVersion} on create (read them from what {@link
 * #create} returns); {@code in}/{@code notin} label selectors are ignored; every new watch first
 * replays all existing objects as ADDED (plus, unlike fabric8's mock alone, the deletes since the
 * watch's resourceVersion); there is no validation against the CRD schema.
 *
 * <p>Quiet by default: fabric8's mock web server logs one java.util.logging line per request (about
 * 160 per test class), and a SEVERE line when a client closes a watch while an event is on its way;
 * {@link #start()} turns that logger off unless {@link Builder#logRequests(boolean)
 * logRequests(true)} or the system property {@value #LOG_REQUESTS_PROPERTY}{@code =true} asks for
 * them.
 */
public final class KubeStashMockServer
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AutoCloseable {

  /** System property that turns the mock web server's per-request log lines on. */
  public static final String LOG_REQUESTS_PROPERTY = "kubestash.testkit.logRequests";

  /**
   * Held strongly: java.util.logging keeps loggers only weakly, and a level set on a collected
   * logger is lost.
   */
  private static final Logger MOCK_WEB_SERVER_LOG =
      Logger.getLogger(MockWebServer.class.getPackageName());

  private final InetAddress address;
  private final int port;
  private final boolean logRequests;
  private final boolean resetAfterEach;
  private final long resourceVersionsAfter;

  private final ApiFaults faults = new ApiFaults();
  private KubernetesMockServer server;
  private ApiFaults.Dispatcher dispatcher;
  private NamespacedKubernetesClient client;
  private boolean startedForClass;
  private boolean startedForTest;

  /** A server on a free loopback port that is emptied after each test. */
  public KubeStashMockServer() {
    this(builder());
  }

  private KubeStashMockServer(Builder builder) {
    this.address = builder.address;
    this.port = builder.port;
    this.logRequests = builder.logRequests;
    this.resetAfterEach = builder.resetAfterEach;
    this.resourceVersionsAfter = builder.resourceVersionsAfter;
  }

  /** Options: address, port, reset between tests. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts the server and registers the six CRDs; does nothing if it is running. */
  public synchronized KubeStashMockServer start() {
    if (server != null) {
      return this;
    }
    MOCK_WEB_SERVER_LOG.setLevel(logRequests ? Level.INFO : Level.OFF);
    ApiFaults.Dispatcher crud = new ApiFaults.Dispatcher(faults);
    if (resourceVersionsAfter > 0) {
      crud.continueAfter(resourceVersionsAfter);
    }
    KubernetesMockServer started =
        new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), crud, false);
    started.init(address, port);
    server = started;
    dispatcher = crud;
    client = started.createClient();
    try {
      for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
        client.apiextensions().v1().customResourceDefinitions().resource(crd(kind)).create();
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    return this;
  }

  /** Closes the client and stops the server; does nothing if it is not running. */
  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
    if (server != null) {
      server.destroy();
      server = null;
      dispatcher = null;
    }
  }

  /** True between {@link #start()} and {@link #close()}. */
  public synchronized boolean isRunning() {
    return server != null;
  }

  /** A client of this server (default namespace {@code test}); closed by {@link #close()}. */
  public synchronized KubernetesClient client() {
    if (client == null) {
      throw new IllegalStateException("the mock server is not running");
    }
    return client;
  }

  /** The server's base URL, e.g. {@code http://127.0.0.1:41234/}: a client's master URL. */
  public synchronized String url() {
    return running().url("/");
  }

  /**
   * The latest resourceVersion this server has issued. Asking uses one up, which is harmless: like
   * etcd's revisions they only ever increase. Pass it to {@link Builder#resourceVersionsAfter} to
   * restart the API "on the same etcd".
   */
  public synchronized long resourceVersion() {
    running();
    return dispatcher.requestResourceVersion();
  }

  /** The port the server listens on. */
  public synchronized int port() {
    return running().getPort();
  }

  /**
   * Creates the object and then, if it has one, its status: on create the API keeps no status of a
   * kind with a status subresource. Returns the object as stored, with the server's uid,
   * creationTimestamp and resourceVersion.
   */
  public <T extends CustomResource<?, ?>> T create(T object) {
    Objects.requireNonNull(object, "object");
    T created = client().resource(object).create();
    if (object.getStatus() == null) {
      return created;
    }
    T withStatus = copy(object);
    withStatus.getMetadata().setResourceVersion(created.getMetadata().getResourceVersion());
    return client().resource(withStatus).updateStatus();
  }

  /**
   * Replaces the object's metadata and spec, as a PUT to the object does; its status is left as
   * stored. Without a resourceVersion the stored one is used (last write wins).
   */
  public <T extends HasMetadata> T update(T object) {
    return client().resource(withStoredVersion(object)).update();
  }

  /** Replaces the object's status only, as a PUT to its status subresource does. */
  public <T extends HasMetadata> T updateStatus(T object) {
    return client().resource(withStoredVersion(object)).updateStatus();
  }

  /**
   * Deletes the object as the API does: one with finalizers is only marked (deletionTimestamp set,
   * an UPDATE to watchers) until they are removed. True if it existed.
   */
  public boolean delete(HasMetadata object) {
    return !client().resource(object).delete().isEmpty();
  }

  /** Faults to switch on in this server (403, missing CRD, 410 Gone, a slow API). */
  public ApiFaults faults() {
    return faults;
  }

  /** Deletes every object of the six kinds in every namespace, finalizers or not; the CRDs stay. */
  public void reset() {
    faults.clearAll();
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      // Raw objects: a test may have stored badly-typed fields the typed model cannot read.
      var resources =
          client().genericKubernetesResources(kind.resourceDefinitionContext()).inAnyNamespace();
      for (GenericKubernetesResource object : resources.list().getItems()) {
        if (!object.getMetadata().getFinalizers().isEmpty()) {
          // Like the API server, the mock only marks an object with finalizers as deleted.
          client()
              .resource(object)
              .edit(
                  stored -> {
                    stored.getMetadata().setFinalizers(new ArrayList<>());
                    return stored;
                  });
        }
        client().resource(object).withGracePeriod(0).delete();
      }
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!isRunning()) {
      start();
      startedForClass = true;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (startedForClass) {
      startedForClass = false;
      close();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!isRunning()) {
      start();
      startedForTest = true;
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (startedForTest) {
      startedForTest = false;
      close();
    } else if (resetAfterEach && isRunning()) {
      reset();
    }
  }

  private KubernetesMockServer running() {
    if (server == null) {
      throw new IllegalStateException("the mock server is not running");
    }
    return server;
  }

  private <T extends HasMetadata> T withStoredVersion(T object) {
    if (object.getMetadata().getResourceVersion() != null) {
      return object;
    }
    T stored = client().resource(object).get();
    if (stored == null) {
      return object;
    }
    T copy = copy(object);
    copy.getMetadata().setResourceVersion(stored.getMetadata().getResourceVersion());
    return copy;
  }

  private <T> T copy(T object) {
    return client().getKubernetesSerialization().clone(object);
  }

  private CustomResourceDefinition crd(KubeStashKinds.Kind<?> kind) {
    try (InputStream yaml =
        KubeStashKinds.class.getClassLoader().getResourceAsStream(kind.crdResource())) {
      if (yaml == null) {
        throw new IllegalStateException("CRD not on the class path: " + kind.crdResource());
      }
      return client.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Options of a {@link KubeStashMockServer}. */
  public static final class Builder {
    private InetAddress address = InetAddress.getLoopbackAddress();
    private int port;
    private boolean resetAfterEach = true;
    private long resourceVersionsAfter;
    private boolean logRequests = Boolean.getBoolean(LOG_REQUESTS_PROPERTY);

    private Builder() {}

    /**
     * Whether the mock web server logs every request it answers (java.util.logging, INFO); default
     * false unless the system property {@value KubeStashMockServer#LOG_REQUESTS_PROPERTY} is true.
     * The logger's level is JVM-wide: the server started last decides.
     */
    public Builder logRequests(boolean logRequests) {
      this.logRequests = logRequests;
      return this;
    }

    /**
     * Simulates a restarted API server: resourceVersions continue after this one (see {@link
     * KubeStashMockServer#resourceVersion()} of the previous server), and a watch from an older
     * resourceVersion is told 410 Expired, as a real API server whose watch cache began at its
     * restart tells it, so clients list again. The objects themselves are not carried over: create
     * them again. 0 (the default) means a brand-new API.
     */
    public Builder resourceVersionsAfter(long resourceVersion) {
      this.resourceVersionsAfter = resourceVersion;
      return this;
    }

    /** The address to listen on; loopback by default. */
    public Builder address(InetAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The port to listen on; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Whether a per-class server deletes all KubeStash objects after each test; default true. */
    public Builder resetAfterEach(boolean resetAfterEach) {
      this.resetAfterEach = resetAfterEach;
      return this;
    }

    public KubeStashMockServer build() {
      return new KubeStashMockServer(this);
    }
  }
}
