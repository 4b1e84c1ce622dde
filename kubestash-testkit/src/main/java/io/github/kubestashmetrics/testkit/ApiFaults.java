package io.github.kubestashmetrics.testkit;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.github.kubestashmetrics.model.KubeStashKinds;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

  /**
   * Every request for this kind gets 404 Not Found, and API discovery leaves it out, as when its
   * CRD is not installed.
   */
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

  /** True if a {@link #hideCrd} rule hides this resource from the API and its discovery. */
  boolean hides(String group, String plural) {
    for (Rule rule : rules) {
      if (rule.code == 404
          && rule.kind.group().equals(group)
          && rule.kind.plural().equals(plural)) {
        return true;
      }
    }
    return false;
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
}
