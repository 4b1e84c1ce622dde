package io.github.kubestashmetrics.testkit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.MetricsConfigurationResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-memory Kubernetes API that knows the six KubeStash kinds: fabric8's mock server in CRUD
 * mode with our CRDs created in it, and a client for it.
 *
 * <p>It answers API discovery as a real API server does ({@code /api}, {@code /api/v1}, {@code
 * /apis}, {@code /apis/{group}}, {@code /apis/{group}/{version}}, {@code /version}): the built-in
 * kinds a configuration may target (apps/v1 Deployment, StatefulSet, DaemonSet, ReplicaSet; v1 Pod,
 * Service, PersistentVolumeClaim, ConfigMap, Secret, Namespace, Node…; batch/v1 Job, CronJob;
 * networking.k8s.io/v1 Ingress, NetworkPolicy; and a few more) with their plural, singular, short
 * names, scope, verbs and subresources, plus every CRD stored at that moment: the six, the
 * MetricsConfiguration CRD if {@linkplain #installMetricsConfigurationCrd() installed}, and any a
 * test creates or deletes at run time ({@link #createCustomResourceDefinition}). A group or version
 * nobody serves is 404; so is any request for a resource of a non-built-in group that no stored CRD
 * serves, and deleting a CRD deletes its objects.
 *
 * <p>As a JUnit 5 extension:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KubeStashMockServer server = new KubeStashMockServer();
 * }</pre>
 *
 * A static field gives one server per test class, {@linkplain #reset() reset} to its start state
 * after each test (unless {@link Builder#resetAfterEach(boolean) resetAfterEach(false)}); an
 * instance field gives a fresh server per test. Outside JUnit, {@link #start()} and {@link
 * #close()} (for example an embedded API on loopback for a demo).
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

  /**
   * Name of the MetricsConfiguration CRD ({@code metrics.appscode.com/v1alpha1}, cluster-scoped).
   */
  public static final String METRICS_CONFIGURATION_CRD = MetricsConfigurationResource.CRD_NAME;

  /** MetricsConfigurations as fabric8 addresses raw ({@code GenericKubernetesResource}) objects. */
  public static final ResourceDefinitionContext METRICS_CONFIGURATIONS =
      MetricsConfigurationResource.CONTEXT;

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

  /** The CRDs the server starts with, and {@link #reset()} restores: name to class-path YAML. */
  private final Map<String, String> startCrds = new LinkedHashMap<>();

  private final ApiFaults faults = new ApiFaults();
  private final AccessReviews accessReviews;
  private KubernetesMockServer server;
  private MockApiDispatcher dispatcher;
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
    this.accessReviews = builder.accessReviews;
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      startCrds.put(kind.crdName(), kind.crdResource());
    }
    if (builder.metricsConfigurationCrd) {
      startCrds.put(METRICS_CONFIGURATION_CRD, MetricsConfigurationResource.CRD_RESOURCE);
    }
  }

  /** Options: address, port, reset between tests, the MetricsConfiguration CRD. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the server and registers the six CRDs (and the MetricsConfiguration CRD if the builder
   * asked for it); does nothing if it is running.
   */
  public synchronized KubeStashMockServer start() {
    if (server != null) {
      return this;
    }
    MOCK_WEB_SERVER_LOG.setLevel(logRequests ? Level.INFO : Level.OFF);
    MockApiDispatcher crud = new MockApiDispatcher(faults, accessReviews);
    if (resourceVersionsAfter > 0) {
      crud.continueAfter(resourceVersionsAfter);
    }
    MockWebServer web = new MockWebServer();
    crud.forgetRequestsOf(web);
    KubernetesMockServer started =
        new KubernetesMockServer(new Context(), web, new HashMap<>(), crud, false);
    started.init(address, port);
    server = started;
    dispatcher = crud;
    client = started.createClient();
    try {
      for (String resource : startCrds.values()) {
        createCustomResourceDefinition(crdFromClassPath(resource));
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

  /**
   * What the server holds that traffic could grow: requests recorded and not yet forgotten (they
   * are forgotten by this call, as by every request), deletes kept for watch replay, objects
   * stored.
   */
  record Retained(int recordedRequests, int deletesKept, int objectsStored) {}

  /** What the running server retains now; see {@link Retained}. */
  Retained retained() {
    MockApiDispatcher crud = runningDispatcher();
    return new Retained(crud.forgetRecordedRequests(), crud.tombstonesKept(), crud.objectsStored());
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

  /**
   * The rules this server answers TokenReviews and SubjectAccessReviews by; {@link #reset()} leaves
   * them.
   *
   * @return the rules
   */
  public AccessReviews accessReviews() {
    return accessReviews;
  }

  /** Faults to switch on in this server (403, missing CRD, 410 Gone, a slow API). */
  public ApiFaults faults() {
    return faults;
  }

  /**
   * Installs the MetricsConfiguration CRD ({@value #METRICS_CONFIGURATION_CRD}, the project's own
   * schema from kubestash-model) if it is not there, and returns it as stored. Absent by default,
   * so that a test can show what happens without it; {@link
   * Builder#metricsConfigurationCrd(boolean) metricsConfigurationCrd(true)} installs it at start.
   * Installed here, it is a run-time CRD that {@link #reset()} removes.
   */
  public CustomResourceDefinition installMetricsConfigurationCrd() {
    var crds = client().apiextensions().v1().customResourceDefinitions();
    CustomResourceDefinition stored = crds.withName(METRICS_CONFIGURATION_CRD).get();
    if (stored != null) {
      return stored;
    }
    return createCustomResourceDefinition(
        crdFromClassPath(MetricsConfigurationResource.CRD_RESOURCE));
  }

  /**
   * Creates a CRD for this resource and returns it as stored: group, version, kind and plural as
   * given, scope from {@link ResourceDefinitionContext#isNamespaceScoped()}, singular the kind in
   * lower case, one version (served and stored) whose schema accepts any fields, and no
   * subresources, so a create keeps {@code status} as written. From then on discovery lists it and
   * objects of it can be created, listed and watched (for example through {@code
   * client().genericKubernetesResources(resource)}).
   *
   * @throws IllegalArgumentException if the group, kind or plural is missing
   * @throws KubernetesClientException if a CRD of that name exists (409)
   */
  public CustomResourceDefinition createCustomResourceDefinition(
      ResourceDefinitionContext resource) {
    return createCustomResourceDefinition(customResourceDefinition(resource));
  }

  /**
   * The simple CRD {@link #createCustomResourceDefinition(ResourceDefinitionContext)} creates: one
   * served and stored version, any fields kept ({@code x-kubernetes-preserve-unknown-fields}), no
   * subresources — for a test that creates it through a client of its own.
   *
   * @throws IllegalArgumentException if the group, kind or plural is missing
   */
  public static CustomResourceDefinition customResourceDefinition(
      ResourceDefinitionContext resource) {
    Objects.requireNonNull(resource, "resource");
    String group = resource.getGroup();
    String kind = resource.getKind();
    String plural = resource.getPlural();
    if (group == null || group.isEmpty() || kind == null || plural == null) {
      throw new IllegalArgumentException(
          "a CRD needs a group, a kind and a plural: " + group + ", " + kind + ", " + plural);
    }
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName(plural + "." + group)
        .endMetadata()
        .withNewSpec()
        .withGroup(group)
        .withScope(resource.isNamespaceScoped() ? "Namespaced" : "Cluster")
        .withNewNames()
        .withKind(kind)
        .withListKind(kind + "List")
        .withPlural(plural)
        .withSingular(kind.toLowerCase(Locale.ROOT))
        .endNames()
        .addNewVersion()
        .withName(resource.getVersion())
        .withServed(true)
        .withStorage(true)
        .withNewSchema()
        .withNewOpenAPIV3Schema()
        .withType("object")
        .withXKubernetesPreserveUnknownFields(true)
        .endOpenAPIV3Schema()
        .endSchema()
        .endVersion()
        .endSpec()
        .build();
  }

  /**
   * Creates this CRD (any versions, scope, names, subresources) and returns it as stored; discovery
   * lists every served version of it from then on. A version with a status subresource drops {@code
   * status} on create, as the API server does.
   */
  public CustomResourceDefinition createCustomResourceDefinition(CustomResourceDefinition crd) {
    Objects.requireNonNull(crd, "crd");
    return client().apiextensions().v1().customResourceDefinitions().resource(crd).create();
  }

  /**
   * Deletes the CRD of this name (e.g. {@code widgets.example.com}) and, as the API server does,
   * every object of it; watchers see them DELETED. Discovery no longer lists it, and requests for
   * its resource get 404. True if it existed.
   */
  public boolean deleteCustomResourceDefinition(String name) {
    Objects.requireNonNull(name, "name");
    return !client()
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(name)
        .delete()
        .isEmpty();
  }

  /**
   * Puts the API back as it started: every object of every kind (KubeStash, built-in, of run-time
   * CRDs) is deleted, finalizers or not; every CRD created after start (including a
   * MetricsConfiguration CRD {@linkplain #installMetricsConfigurationCrd() installed} then) is
   * deleted; a start CRD a test deleted is created again; all faults are cleared. Start CRDs that
   * are still there are left as they are. Watchers see the deletes. resourceVersions keep counting.
   */
  public void reset() {
    faults.clearAll();
    List<MockApiDispatcher.StoredObject> stored = runningDispatcher().storedObjects();
    for (MockApiDispatcher.StoredObject object : stored) {
      if (!object.isCrd()) {
        deleteWithoutFinalizers(object);
      }
    }
    for (MockApiDispatcher.StoredObject object : stored) {
      if (object.isCrd() && !startCrds.containsKey(object.name())) {
        deleteCustomResourceDefinition(object.name());
      }
    }
    Set<String> present =
        stored.stream()
            .filter(MockApiDispatcher.StoredObject::isCrd)
            .map(MockApiDispatcher.StoredObject::name)
            .collect(Collectors.toSet());
    for (Map.Entry<String, String> crd : startCrds.entrySet()) {
      if (!present.contains(crd.getKey())) {
        createCustomResourceDefinition(crdFromClassPath(crd.getValue()));
      }
    }
  }

  /** Deletes one stored object at once; like the API, the mock only marks one with finalizers. */
  private void deleteWithoutFinalizers(MockApiDispatcher.StoredObject object) {
    ResourceDefinitionContext context =
        new ResourceDefinitionContext.Builder()
            .withGroup(object.group())
            .withVersion(object.version())
            .withPlural(object.plural())
            .withNamespaced(object.namespace() != null)
            .build();
    var resources = client().genericKubernetesResources(context);
    Resource<GenericKubernetesResource> resource =
        object.namespace() == null
            ? resources.withName(object.name())
            : resources.inNamespace(object.namespace()).withName(object.name());
    try {
      if (MockApiDispatcher.hasFinalizers(object.json())) {
        resource.edit(
            current -> {
              current.getMetadata().setFinalizers(new ArrayList<>());
              return current;
            });
      }
      resource.withGracePeriod(0).delete();
    } catch (KubernetesClientException e) {
      // Gone meanwhile (its CRD's delete took it along): nothing left to do.
      if (e.getCode() != 404) {
        throw e;
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

  private synchronized MockApiDispatcher runningDispatcher() {
    running();
    return dispatcher;
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

  private CustomResourceDefinition crdFromClassPath(String resource) {
    try (InputStream yaml = KubeStashKinds.class.getClassLoader().getResourceAsStream(resource)) {
      if (yaml == null) {
        throw new IllegalStateException("CRD not on the class path: " + resource);
      }
      return client().getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class);
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
    private boolean metricsConfigurationCrd;
    private AccessReviews accessReviews = new AccessReviews();

    private Builder() {}

    /**
     * The rules TokenReviews and SubjectAccessReviews are answered by (default: none, so no token
     * authenticates); a test may also change them later through {@link
     * KubeStashMockServer#accessReviews()}.
     *
     * @param accessReviews the rules
     * @return this
     */
    public Builder accessReviews(AccessReviews accessReviews) {
      this.accessReviews = Objects.requireNonNull(accessReviews, "accessReviews");
      return this;
    }

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

    /**
     * Whether the server starts with the MetricsConfiguration CRD ({@value
     * KubeStashMockServer#METRICS_CONFIGURATION_CRD}) installed, and {@link
     * KubeStashMockServer#reset()} keeps it; default false, as in a cluster without it (see {@link
     * KubeStashMockServer#installMetricsConfigurationCrd()}).
     */
    public Builder metricsConfigurationCrd(boolean metricsConfigurationCrd) {
      this.metricsConfigurationCrd = metricsConfigurationCrd;
      return this;
    }

    /**
     * Whether a per-class server is {@linkplain KubeStashMockServer#reset() reset} after each test;
     * default true.
     */
    public Builder resetAfterEach(boolean resetAfterEach) {
      this.resetAfterEach = resetAfterEach;
      return this;
    }

    public KubeStashMockServer build() {
      return new KubeStashMockServer(this);
    }
  }
}
