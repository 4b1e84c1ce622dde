package io.github.kubestashmetrics.testkit;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.github.kubestashmetrics.model.KubeStashKinds;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Faults a test switches on in a running {@link KubeStashMockServer}: a kind forbidden (403), a
 * kind's CRD absent (404), watches answered 410 Gone, every response delayed. Rules apply to the
 * next request that matches; requests already streaming (open watches) are not cut.
 *
 * <p>Obtained from {@link KubeStashMockServer#faults()}; {@link KubeStashMockServer#reset()} clears
 * them.
 */
public final class ApiFaults {

  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
  private final AtomicInteger answered = new AtomicInteger();

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

  /** The next {@code times} watch requests for this kind get 410 Gone (a stale resourceVersion). */
  public ApiFaults goneOnWatch(KubeStashKinds.Kind<?> kind, int times) {
    rules.add(new Rule(kind, true, 410, "Expired", "too old resource version", times));
    return this;
  }

  /** Every response is delayed this long (a slow API server). */
  public ApiFaults delayResponses(Duration responseDelay) {
    delay.set(Objects.requireNonNull(responseDelay, "responseDelay"));
    return this;
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
      String status =
          "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
              + "\"message\":\""
              + message
              + "\",\"reason\":\""
              + reason
              + "\",\"code\":"
              + code
              + "}";
      return new MockResponse()
          .setResponseCode(code)
          .setHeader("Content-Type", "application/json")
          .setBody(status);
    }
  }

  /** The CRUD dispatcher with the faults in front of it. */
  static final class Dispatcher extends KubernetesCrudDispatcher {
    private final ApiFaults faults;

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
  }
}
