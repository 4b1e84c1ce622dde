package io.github.kubestashmetrics.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.github.kubestashmetrics.model.KubeStashKinds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Faults a test switches on in a running {@link KubeStashMockServer}: a kind forbidden (403), a
 * kind's CRD absent (404), watches answered 410 Gone, every response delayed, open watches dropped.
 * Rules apply to the next request that matches; requests already streaming (open watches) are not
 * cut, except by {@link #dropWatches()}.
 *
 * <p>Obtained from {@link KubeStashMockServer#faults()}; {@link KubeStashMockServer#reset()} clears
 * them.
 */
public final class ApiFaults {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
  private final AtomicInteger answered = new AtomicInteger();
  private final Set<WebSocket> openWatches = ConcurrentHashMap.newKeySet();
  private final AtomicInteger watchesOpened = new AtomicInteger();

  ApiFaults() {}

  /** Every request for this kind (list, watch, get, write) gets 403 Forbidden. */
  public ApiFaults forbid(KubeStashKinds.Kind<?> kind) {
    rules.add(new Rule(kind, false, 403, "Forbidden", "forbidden by the test", -1));
    return this;
  }

  /** Every request for this kind gets 404 Not Found, as when its CRD is not installed. */
  public ApiFaults hideCrd(KubeStashKinds.Kind<?> kind) {
    rules.add(new Rule(kind, false, 404, "NotFound", "the server could not find the resource", -1));
    return this;
  }

  /**
   * The next {@code times} watch requests for this kind are told 410 Gone (a resourceVersion too
   * old to watch from) as a real API server tells them: the watch is accepted, its first event is
   * an {@code ERROR} carrying a 410 {@code Expired} Status, then the stream ends. A client must
   * list again.
   */
  public ApiFaults goneOnWatch(KubeStashKinds.Kind<?> kind, int times) {
    rules.add(new Rule(kind, true, 410, "Expired", "too old resource version", times));
    return this;
  }

  /** Every response is delayed this long (a slow API server). */
  public ApiFaults delayResponses(Duration responseDelay) {
    delay.set(Objects.requireNonNull(responseDelay, "responseDelay"));
    return this;
  }

  /**
   * Closes every watch connection open right now (WebSocket close 1001 "going away"), as when an
   * API server restarts or a load balancer cuts a long-lived connection. Clients see their watch
   * end and must watch again (or list again) to learn about later changes. Watches opened
   * afterwards are not affected.
   *
   * @return how many watches were closed
   */
  public int dropWatches() {
    int dropped = 0;
    for (WebSocket watch : List.copyOf(openWatches)) {
      openWatches.remove(watch);
      watch.close(1001, "watch dropped by the test");
      dropped++;
    }
    return dropped;
  }

  /** How many watch connections are open now (those a {@link #dropWatches()} would close). */
  public int openWatchCount() {
    return openWatches.size();
  }

  /** How many watch connections have been opened since the server started. */
  public int watchesOpened() {
    return watchesOpened.get();
  }

  /** Removes every rule for this kind. */
  public ApiFaults clear(KubeStashKinds.Kind<?> kind) {
    rules.removeIf(rule -> rule.kind.equals(kind));
    return this;
  }

  /** Removes every rule and the delay. */
  public ApiFaults clearAll() {
    rules.clear();
    delay.set(Duration.ZERO);
    return this;
  }

  /** How many requests a fault has answered so far. */
  public int answeredByFaults() {
    return answered.get();
  }

  MockResponse answer(RecordedRequest request) {
    String path = request.getPath();
    for (Rule rule : rules) {
      if (rule.matches(path) && rule.take()) {
        answered.incrementAndGet();
        return rule.response();
      }
    }
    return null;
  }

  Duration delay() {
    return delay.get();
  }

  /**
   * The watch's listener, wrapped so that its connection can be found by {@link #dropWatches()}.
   */
  WebSocketListener tracked(WebSocketListener watch, List<String> replay) {
    return new TrackedWatch(watch, replay, openWatches, watchesOpened);
  }

  /**
   * Forwards every callback to fabric8's watch listener, remembers the open connection, and once
   * open sends the events fabric8 would not replay (deletes since the watch's resourceVersion).
   */
  private static final class TrackedWatch extends WebSocketListener {
    private final WebSocketListener delegate;
    private final List<String> replay;
    private final Set<WebSocket> open;
    private final AtomicInteger opened;

    TrackedWatch(
        WebSocketListener delegate,
        List<String> replay,
        Set<WebSocket> open,
        AtomicInteger opened) {
      this.delegate = delegate;
      this.replay = replay;
      this.open = open;
      this.opened = opened;
    }

    @Override
    public void onBeforeAccept(WebSocket webSocket, Response response) {
      delegate.onBeforeAccept(webSocket, response);
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      open.add(webSocket);
      opened.incrementAndGet();
      delegate.onOpen(webSocket, response);
      for (String event : replay) {
        webSocket.send(event);
      }
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      delegate.onMessage(webSocket, text);
    }

    @Override
    public void onMessage(WebSocket webSocket, byte[] bytes) {
      delegate.onMessage(webSocket, bytes);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      open.remove(webSocket);
      delegate.onClosing(webSocket, code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      open.remove(webSocket);
      delegate.onClosed(webSocket, code, reason);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable error, Response response) {
      open.remove(webSocket);
      delegate.onFailure(webSocket, error, response);
    }
  }

  /** A watch a real API server refuses: accepted, one ERROR event with the Status, then ended. */
  static MockResponse watchEndingWith(String status) {
    String event = "{\"type\":\"ERROR\",\"object\":" + status + "}";
    return new MockResponse()
        .withWebSocketUpgrade(
            new WebSocketListener() {
              @Override
              public void onOpen(WebSocket webSocket, Response response) {
                webSocket.send(event);
                webSocket.close(1000, "");
              }
            });
  }

  /** One fault: which requests, and the Kubernetes Status it answers with. */
  private static final class Rule {
    private final KubeStashKinds.Kind<?> kind;
    private final boolean watchOnly;
    private final int code;
    private final String reason;
    private final String message;
    private final AtomicInteger remaining;

    Rule(
        KubeStashKinds.Kind<?> kind,
        boolean watchOnly,
        int code,
        String reason,
        String message,
        int times) {
      this.kind = kind;
      this.watchOnly = watchOnly;
      this.code = code;
      this.reason = reason;
      this.message = message;
      this.remaining = new AtomicInteger(times);
    }

    boolean matches(String path) {
      if (path == null) {
        return false;
      }
      int query = path.indexOf('?');
      String resourcePath = query < 0 ? path : path.substring(0, query);
      if (!resourcePath.startsWith("/apis/" + kind.apiVersion() + "/")) {
        return false;
      }
      boolean namesKind =
          resourcePath.endsWith("/" + kind.plural())
              || resourcePath.contains("/" + kind.plural() + "/");
      boolean isWatch = query >= 0 && path.substring(query).contains("watch=true");
      return namesKind && (!watchOnly || isWatch);
    }

    /** True if the rule still applies; a rule with a count is used up after that many answers. */
    boolean take() {
      if (remaining.get() < 0) {
        return true;
      }
      return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    MockResponse response() {
      if (watchOnly) {
        return watchEndingWith(status());
      }
      return new MockResponse()
          .setResponseCode(code)
          .setHeader("Content-Type", "application/json")
          .setBody(status());
    }

    private String status() {
      return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
          + "\"message\":\""
          + message
          + "\",\"reason\":\""
          + reason
          + "\",\"code\":"
          + code
          + "}";
    }
  }

  /**
   * The CRUD dispatcher with the faults in front of it, and one fidelity fix: a watch from a
   * resourceVersion also gets the deletes that happened after it. fabric8's mock replays every
   * existing object as ADDED to a new watch but forgets deletes, so a client that re-watches after
   * a dropped connection, or whose watch starts after its list, would never learn of an object
   * deleted meanwhile; a real API server sends those DELETED events.
   */
  static final class Dispatcher extends KubernetesCrudDispatcher {
    /** Deletes remembered for replay; a real API server's watch window is bounded too. */
    private static final int TOMBSTONES_KEPT = 50_000;

    private static final String TOO_OLD =
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
            + "\"message\":\"too old resource version\",\"reason\":\"Expired\",\"code\":410}";

    private final ApiFaults faults;
    private volatile long historyStart;
    private final Deque<Tombstone> tombstones = new ConcurrentLinkedDeque<>();
    private final AtomicInteger tombstoneCount = new AtomicInteger();

    /** A deleted object: the resourceVersion of its deletion, its attributes, its last JSON. */
    private record Tombstone(long resourceVersion, AttributeSet attributes, String json) {}

    Dispatcher(ApiFaults faults) {
      super(List.of());
      this.faults = faults;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      MockResponse fault = faults.answer(request);
      MockResponse response = fault != null ? fault : super.dispatch(request);
      Duration delay = faults.delay();
      if (!delay.isZero() && response != null) {
        response.setBodyDelay(delay);
      }
      return response;
    }

    @Override
    public void processEvent(
        String path,
        AttributeSet pathAttributes,
        AttributeSet oldAttributes,
        GenericKubernetesResource resource,
        String newValue) {
      if (newValue == null && oldAttributes != null) {
        Map.Entry<AttributeSet, String> deleted = findResource(oldAttributes);
        if (deleted != null) {
          tombstones.add(
              new Tombstone(requestResourceVersion(), deleted.getKey(), deleted.getValue()));
          if (tombstoneCount.incrementAndGet() > TOMBSTONES_KEPT) {
            tombstones.poll();
            tombstoneCount.decrementAndGet();
          }
        }
      }
      super.processEvent(path, pathAttributes, oldAttributes, resource, newValue);
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
      if (since > 0 && since < historyStart) {
        return watchEndingWith(TOO_OLD);
      }
      List<String> replay = deletedSince(path);
      MockResponse response = super.handleWatch(path);
      WebSocketListener watch = response.getWebSocketListener();
      return watch == null
          ? response
          : response.withWebSocketUpgrade(faults.tracked(watch, replay));
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
  }
}
