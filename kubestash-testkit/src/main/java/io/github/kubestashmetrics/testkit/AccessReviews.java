package io.github.kubestashmetrics.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mock API's answers to TokenReview ({@code authentication.k8s.io/v1}) and SubjectAccessReview
 * ({@code authorization.k8s.io/v1}), from rules a test sets: which bearer tokens are which users,
 * and which users or groups may use which verbs on which non-resource paths (as an RBAC
 * ClusterRole's {@code nonResourceURLs} would allow them; a path ending in {@code *} is a prefix).
 * An unknown token is not authenticated; a user with no matching rule is not allowed. Thread-safe;
 * rules stay until {@link #clear()} ({@link KubeStashMockServer#reset()} leaves them).
 *
 * <pre>{@code
 * server.accessReviews()
 *     .token("good-token", "system:serviceaccount:monitoring:prometheus", "scrapers")
 *     .token("other-token", "system:serviceaccount:default:nosy")
 *     .allowGroup("scrapers", "get", "/metrics");
 * }</pre>
 */
public final class AccessReviews {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN_REVIEWS = "/apis/authentication.k8s.io/v1/tokenreviews";
  private static final String ACCESS_REVIEWS = "/apis/authorization.k8s.io/v1/subjectaccessreviews";

  /** Who a token is. */
  private record Identity(String user, String uid, List<String> groups) {}

  /** One allow rule: a user ({@code group} false) or group, a verb, a path or path prefix. */
  private record Rule(String subject, boolean group, String verb, String path) {
    boolean allows(String user, List<String> groups, String askedVerb, String askedPath) {
      boolean who = group ? groups.contains(subject) : subject.equals(user);
      boolean what = verb.equals("*") || verb.equals(askedVerb);
      boolean where =
          path.endsWith("*")
              ? askedPath.startsWith(path.substring(0, path.length() - 1))
              : path.equals(askedPath);
      return who && what && where;
    }
  }

  private final Map<String, Identity> tokens = new ConcurrentHashMap<>();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final AtomicLong tokenReviews = new AtomicLong();
  private final AtomicLong accessReviews = new AtomicLong();

  /** Rules that authenticate no token and allow nothing. */
  public AccessReviews() {}

  /**
   * A TokenReview of {@code token} authenticates {@code user} with {@code groups} (plus {@code
   * system:authenticated}, as the API server adds).
   *
   * @return this
   */
  public AccessReviews token(String token, String user, String... groups) {
    List<String> all = new ArrayList<>(List.of(groups));
    all.add("system:authenticated");
    tokens.put(
        Objects.requireNonNull(token, "token"),
        new Identity(user, "uid-" + Integer.toHexString(user.hashCode()), List.copyOf(all)));
    return this;
  }

  /**
   * {@code user} may use {@code verb} ({@code *} for any) on the non-resource {@code path} (a
   * trailing {@code *} makes it a prefix).
   *
   * @return this
   */
  public AccessReviews allowUser(String user, String verb, String path) {
    rules.add(new Rule(user, false, verb, path));
    return this;
  }

  /**
   * Members of {@code group} may use {@code verb} on the non-resource {@code path}.
   *
   * @return this
   */
  public AccessReviews allowGroup(String group, String verb, String path) {
    rules.add(new Rule(group, true, verb, path));
    return this;
  }

  /** Forgets every token and rule. */
  public void clear() {
    tokens.clear();
    rules.clear();
  }

  /**
   * TokenReviews answered so far.
   *
   * @return the count
   */
  public long tokenReviews() {
    return tokenReviews.get();
  }

  /**
   * SubjectAccessReviews answered so far.
   *
   * @return the count
   */
  public long subjectAccessReviews() {
    return accessReviews.get();
  }

  /** The answer to a review, or null when {@code request} is not a review. */
  MockResponse answer(RecordedRequest request) {
    String path = request.getPath();
    if (path == null || !"POST".equalsIgnoreCase(request.getMethod())) {
      return null;
    }
    int query = path.indexOf('?');
    String bare = query < 0 ? path : path.substring(0, query);
    if (!bare.equals(TOKEN_REVIEWS) && !bare.equals(ACCESS_REVIEWS)) {
      return null;
    }
    JsonNode review;
    try {
      review = JSON.readTree(request.getBody().readUtf8());
    } catch (IOException e) {
      return new MockResponse().setResponseCode(400).setBody("not JSON");
    }
    if (review == null || !review.path("spec").isObject()) {
      return new MockResponse().setResponseCode(400).setBody("no spec");
    }
    ObjectNode answer = ((ObjectNode) review).deepCopy();
    ObjectNode status = answer.putObject("status");
    if (bare.equals(TOKEN_REVIEWS)) {
      tokenReviews.incrementAndGet();
      Identity identity = tokens.get(review.path("spec").path("token").asText(""));
      status.put("authenticated", identity != null);
      if (identity != null) {
        ObjectNode user = status.putObject("user");
        user.put("username", identity.user());
        user.put("uid", identity.uid());
        ArrayNode groups = user.putArray("groups");
        identity.groups().forEach(groups::add);
      } else {
        status.put("error", "invalid bearer token");
      }
    } else {
      accessReviews.incrementAndGet();
      JsonNode spec = review.path("spec");
      String user = spec.path("user").asText("");
      List<String> groups = new ArrayList<>();
      spec.path("groups").forEach(g -> groups.add(g.asText()));
      JsonNode nonResource = spec.path("nonResourceAttributes");
      boolean allowed =
          nonResource.isObject()
              && rules.stream()
                  .anyMatch(
                      r ->
                          r.allows(
                              user,
                              groups,
                              nonResource.path("verb").asText(""),
                              nonResource.path("path").asText("")));
      status.put("allowed", allowed);
      status.put("reason", allowed ? "allowed by a test rule" : "no test rule allows it");
    }
    return new MockResponse()
        .setResponseCode(201)
        .setHeader("Content-Type", "application/json")
        .setBody(answer.toString());
  }
}
