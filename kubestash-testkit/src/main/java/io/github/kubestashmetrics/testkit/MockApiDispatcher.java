package io.github.kubestashmetrics.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * fabric8's CRUD dispatcher with the test's {@link ApiFaults} in front of it, and the fidelity
 * fixes that make it answer as a real API server does:
 *
 * <ul>
 *   <li>API discovery ({@link ApiDiscovery}) for the built-in kinds ({@link BuiltInResources}) and
 *       every CRD stored right now. fabric8's own answers only {@code /apis/{group}/{version}},
 *       with the CRDs' plural, kind and scope only, and 200 for any group.
 *   <li>A request for a resource of a non-built-in group that no stored CRD serves is 404, as on a
 *       real server; fabric8's stores and lists anything.
 *   <li>Deleting a CRD deletes its objects (watchers get DELETED), as the API server's CRD
 *       finalizer does; unlike it, objects with finalizers go at once too.
 *   <li>A watch from a resourceVersion also gets the deletes that happened after it. fabric8's mock
 *       replays every existing object as ADDED to a new watch but forgets deletes, so a client that
 *       re-watches after a dropped connection, or whose watch starts after its list, would never
 *       learn of an object deleted meanwhile; a real API server sends those DELETED events.
 *   <li>Memory stays bounded under endless traffic: the web server's record of every request is
 *       emptied at each request, and only the last {@link #TOMBSTONES_KEPT} deletes are kept.
 * </ul>
 */
final class MockApiDispatcher extends KubernetesCrudDispatcher {
  /**
   * The most recent deletes, remembered for replay: with the demo's objects (a few KiB of JSON
   * each) a few MiB at most. A watch from a resourceVersion before the oldest forgotten delete gets
   * 410 Expired and lists again, as from a real API server whose watch cache is bounded too.
   */
  static final int TOMBSTONES_KEPT = 1_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CRD_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
  private static final AttributeSet CRD_QUERY =
      new AttributeSet(
          new Attribute("api", "apiextensions.k8s.io"),
          new Attribute("plural", "customresourcedefinitions"));

  private static final String TOO_OLD =
      "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
          + "\"message\":\"too old resource version\",\"reason\":\"Expired\",\"code\":410}";

  private final ApiFaults faults;
  private final AccessReviews reviews;
  private volatile long historyStart;
  private final Deque<Tombstone> tombstones = new ConcurrentLinkedDeque<>();
  private final AtomicInteger tombstoneCount = new AtomicInteger();

  /** The resourceVersion of the latest delete forgotten; a watch from before it is expired. */
  private volatile long forgottenUpTo;

  /** The server whose record of every request this dispatcher empties; null before started. */
  private volatile MockWebServer recorder;

  /** Counts writes to CRDs, so that the resources they serve are read again only after one. */
  private final AtomicLong crdWrites = new AtomicLong();

  private volatile CrdResources crdResources = new CrdResources(-1, List.of());

  /** A deleted object: the resourceVersion of its deletion, its attributes, its last JSON. */
  private record Tombstone(long resourceVersion, AttributeSet attributes, String json) {}

  /** The resources the stored CRDs serve, as of a count of CRD writes. */
  private record CrdResources(long writes, List<ServedResource> served) {}

  /**
   * An object in the store, as a client addresses it.
   *
   * @param group its API group, empty for the core group
   * @param version its version
   * @param plural its resource name
   * @param namespace its namespace, null if cluster-scoped
   * @param name its name
   * @param json the stored object
   */
  record StoredObject(
      String group, String version, String plural, String namespace, String name, String json) {

    /** True if this is a CustomResourceDefinition. */
    boolean isCrd() {
      return group.equals("apiextensions.k8s.io") && plural.equals("customresourcedefinitions");
    }
  }

  MockApiDispatcher(ApiFaults faults, AccessReviews reviews) {
    super(List.of());
    this.faults = faults;
    this.reviews = reviews;
  }

  /**
   * Keeps {@code server}'s record of requests empty: fabric8's mock web server queues every request
   * it receives for {@code takeRequest}, without bound, and has no switch to stop; each dispatch
   * empties that queue, so it holds at most the requests in flight.
   */
  void forgetRequestsOf(MockWebServer server) {
    recorder = server;
  }

  /** Empties the record of requests; the number of requests it held. */
  int forgetRecordedRequests() {
    MockWebServer server = recorder;
    int forgotten = 0;
    if (server == null) {
      return forgotten;
    }
    try {
      while (server.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
        forgotten++;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return forgotten;
  }

  /** Deletes kept for replay to watches; at most {@link #TOMBSTONES_KEPT}. */
  int tombstonesKept() {
    return tombstoneCount.get();
  }

  /** Objects stored now, of every kind (CRDs included). */
  int objectsStored() {
    synchronized (map) {
      return map.size();
    }
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    forgetRecordedRequests();
    MockResponse response = faults.answer(request);
    if (response == null) {
      response = reviews.answer(request);
    }
    if (response == null) {
      response = answer(request);
    }
    Duration delay = faults.delay();
    if (!delay.isZero() && response != null) {
      response.setBodyDelay(delay);
    }
    return response;
  }

  private MockResponse answer(RecordedRequest request) {
    String path = request.getPath();
    if (path == null) {
      return super.dispatch(request);
    }
    if ("GET".equalsIgnoreCase(request.getMethod())) {
      MockResponse discovery = ApiDiscovery.answer(path, this::served);
      if (discovery != null) {
        return discovery;
      }
    }
    if (isUnservedCustomResource(path)) {
      return ApiDiscovery.notFound();
    }
    return super.dispatch(request);
  }

  /** Every resource this API serves now: the built-in ones, then those of the stored CRDs. */
  List<ServedResource> served() {
    List<ServedResource> served = new ArrayList<>(BuiltInResources.ALL);
    for (ServedResource resource : crdResources()) {
      if (!faults.hides(resource.group(), resource.plural())) {
        served.add(resource);
      }
    }
    return served;
  }

  /** The resources the stored CRDs serve; read again only after a write to a CRD. */
  private List<ServedResource> crdResources() {
    CrdResources cached = crdResources;
    long writes = crdWrites.get();
    if (cached.writes() == writes) {
      return cached.served();
    }
    List<String> crds = new ArrayList<>();
    synchronized (map) {
      for (Map.Entry<AttributeSet, String> entry : map.entrySet()) {
        if (entry.getKey().matches(CRD_QUERY)) {
          crds.add(entry.getValue());
        }
      }
    }
    List<ServedResource> served = new ArrayList<>();
    for (String crd : crds) {
      served.addAll(ApiDiscovery.servedBy(crd));
    }
    crdResources = new CrdResources(writes, List.copyOf(served));
    return served;
  }

  /**
   * True for a path under {@code /apis/{group}/{version}/} of a group that is not built in, whose
   * resource no stored CRD serves in that version.
   */
  private boolean isUnservedCustomResource(String path) {
    if (!path.startsWith("/apis/")) {
      return false;
    }
    int query = path.indexOf('?');
    String[] segments = (query < 0 ? path : path.substring(0, query)).split("/");
    // "", "apis", group, version, plural | "namespaces", namespace, plural
    if (segments.length < 5 || BuiltInResources.GROUPS.contains(segments[2])) {
      return false;
    }
    String group = segments[2];
    String version = segments[3];
    String plural =
        segments[4].equals("namespaces") && segments.length >= 7 ? segments[6] : segments[4];
    for (ServedResource resource : crdResources()) {
      if (resource.group().equals(group)
          && resource.version().equals(version)
          && resource.plural().equals(plural)) {
        return false;
      }
    }
    return true;
  }

  /** Every object in the store, CRDs included, as of now. */
  List<StoredObject> storedObjects() {
    List<Map.Entry<AttributeSet, String>> entries;
    synchronized (map) {
      entries = new ArrayList<>(map.entrySet());
    }
    List<StoredObject> objects = new ArrayList<>(entries.size());
    for (Map.Entry<AttributeSet, String> entry : entries) {
      AttributeSet key = entry.getKey();
      String plural = value(key, "plural");
      String version = value(key, "version");
      String name = value(key, "name");
      if (plural == null || version == null || name == null) {
        continue;
      }
      String group = value(key, "api");
      objects.add(
          new StoredObject(
              group == null ? "" : group,
              version,
              plural,
              value(key, "namespace"),
              name,
              entry.getValue()));
    }
    return objects;
  }

  private static String value(AttributeSet attributes, String key) {
    Attribute attribute = attributes.getAttribute(key);
    if (attribute == null || attribute.getValues().isEmpty()) {
      return null;
    }
    return attribute.getValues().get(0).toString();
  }

  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newValue) {
    String deleted = null;
    if (newValue == null && oldAttributes != null) {
      // fabric8 passes the stored key itself: a hash lookup, not findResource's scan of the store.
      deleted = map.get(oldAttributes);
      if (deleted != null) {
        tombstones.add(new Tombstone(requestResourceVersion(), oldAttributes, deleted));
        if (tombstoneCount.incrementAndGet() > TOMBSTONES_KEPT) {
          Tombstone forgotten = tombstones.poll();
          tombstoneCount.decrementAndGet();
          if (forgotten != null && forgotten.resourceVersion() > forgottenUpTo) {
            forgottenUpTo = forgotten.resourceVersion();
          }
        }
      }
    }
    super.processEvent(path, pathAttributes, oldAttributes, resource, newValue);
    if (path != null && path.startsWith(CRD_PATH)) {
      crdWrites.incrementAndGet();
      if (deleted != null) {
        deleteObjectsOf(deleted);
      }
    }
  }

  /**
   * Deletes every object of a deleted CRD's resource, in every version. Runs inside {@link
   * #processEvent}, under the write lock fabric8 took for the CRD's delete.
   */
  private void deleteObjectsOf(String crdJson) {
    List<ServedResource> served = ApiDiscovery.servedBy(crdJson);
    if (served.isEmpty()) {
      return;
    }
    ServedResource resource = served.get(0);
    AttributeSet ofResource =
        new AttributeSet(
            new Attribute("api", resource.group()), new Attribute("plural", resource.plural()));
    List<AttributeSet> keys = new ArrayList<>();
    synchronized (map) {
      for (AttributeSet key : map.keySet()) {
        if (key.matches(ofResource)) {
          keys.add(key);
        }
      }
    }
    for (AttributeSet key : keys) {
      String version = value(key, "version");
      processEvent(
          "/apis/" + resource.group() + "/" + version + "/" + resource.plural(),
          key,
          key,
          null,
          null);
    }
  }

  /**
   * Makes this server's resourceVersions continue after {@code previous} (as etcd's do across an
   * API server restart) and its watch history start here: a watch from an older resourceVersion
   * gets 410 Expired, as from a restarted API server whose watch cache starts empty.
   */
  void continueAfter(long previous) {
    long current = requestResourceVersion();
    while (current <= previous) {
      current = requestResourceVersion();
    }
    historyStart = current;
  }

  @Override
  public MockResponse handleWatch(String path) {
    long since = resourceVersionOf(path);
    if (since > 0 && (since < historyStart || since < forgottenUpTo)) {
      // Before the watch history (a restart) or before a delete no longer remembered.
      return ApiFaults.watchEndingWith(TOO_OLD);
    }
    List<String> replay = deletedSince(path);
    MockResponse response = super.handleWatch(path);
    WebSocketListener watch = response.getWebSocketListener();
    return watch == null ? response : response.withWebSocketUpgrade(faults.tracked(watch, replay));
  }

  /** DELETED events for objects this watch selects deleted after its resourceVersion. */
  private List<String> deletedSince(String path) {
    long since = resourceVersionOf(path);
    if (since <= 0) {
      return List.of();
    }
    AttributeSet selected = getKey(path);
    List<String> events = new ArrayList<>();
    for (Tombstone tombstone : tombstones) {
      if (tombstone.resourceVersion() > since
          && tombstone.attributes().matches(selected)
          && findResource(tombstone.attributes()) == null) {
        events.add(deletedEvent(tombstone));
      }
    }
    return events;
  }

  private static long resourceVersionOf(String path) {
    int query = path.indexOf('?');
    if (query < 0) {
      return 0;
    }
    for (String parameter : path.substring(query + 1).split("&")) {
      if (parameter.startsWith("resourceVersion=")) {
        try {
          return Long.parseLong(parameter.substring("resourceVersion=".length()));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 0;
  }

  private static String deletedEvent(Tombstone tombstone) {
    try {
      ObjectNode object = (ObjectNode) JSON.readTree(tombstone.json());
      object
          .withObjectProperty("metadata")
          .put("resourceVersion", String.valueOf(tombstone.resourceVersion()));
      ObjectNode event = JSON.createObjectNode();
      event.put("type", "DELETED");
      event.set("object", object);
      return JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the mock stored invalid JSON", e);
    }
  }

  /** The stored object's finalizers, for deciding whether a delete only marks it. */
  static boolean hasFinalizers(String json) {
    try {
      JsonNode finalizers = JSON.readTree(json).path("metadata").path("finalizers");
      return finalizers.isArray() && !finalizers.isEmpty();
    } catch (JsonProcessingException e) {
      return false;
    }
  }
}
