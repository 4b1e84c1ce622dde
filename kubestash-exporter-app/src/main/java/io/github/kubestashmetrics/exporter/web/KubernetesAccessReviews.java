package io.github.kubestashmetrics.exporter.web;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --auth=kubernetes}: a bearer token is authenticated with a TokenReview and its user
 * authorised with a SubjectAccessReview for {@code get} on the non-resource URL asked for, as
 * controller-runtime's metrics filter and kube-rbac-proxy do.
 *
 * <p>Bounds: answers are cached by a digest of the token (never the token) for {@link
 * #GOOD_TTL_MILLIS} ms when positive and {@link #BAD_TTL_MILLIS} ms when negative, at most {@link
 * #CAPACITY} per cache (least recently used first out), so any number of distinct bad tokens holds
 * at most that many entries; at most {@link #IN_FLIGHT} reviews run at once, and a request that
 * waits more than {@link #WAIT_MILLIS} ms for one is answered 503 (the API server is not flooded
 * and no request thread waits long). An API error is not cached.
 */
final class KubernetesAccessReviews {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesAccessReviews.class);

  static final int CAPACITY = 1024;
  static final long GOOD_TTL_MILLIS = 60_000;
  static final long BAD_TTL_MILLIS = 10_000;
  static final int IN_FLIGHT = 4;
  static final long WAIT_MILLIS = 5_000;

  /** What a request with a bearer token may do. */
  enum Verdict {
    ALLOWED,
    UNAUTHENTICATED,
    FORBIDDEN,
    UNAVAILABLE
  }

  private final Supplier<KubernetesClient> client;
  private final BoundedExpiringCache<Optional<UserInfo>> users;
  private final BoundedExpiringCache<Boolean> decisions;
  private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
  private volatile String lastError = "";

  KubernetesAccessReviews(Supplier<KubernetesClient> client, LongSupplier millis) {
    this.client = client;
    this.users = new BoundedExpiringCache<>(CAPACITY, millis);
    this.decisions = new BoundedExpiringCache<>(CAPACITY, millis);
  }

  Verdict judge(String token, String path) {
    if (token.isEmpty()) {
      return Verdict.UNAUTHENTICATED;
    }
    String tokenKey = Digest.sha256(token);
    Optional<Optional<UserInfo>> known = users.get(tokenKey);
    Optional<UserInfo> user;
    if (known.isPresent()) {
      user = known.get();
    } else {
      Optional<Optional<UserInfo>> reviewed = review(() -> authenticate(token));
      if (reviewed.isEmpty()) {
        return Verdict.UNAVAILABLE;
      }
      user = reviewed.get();
      users.put(tokenKey, user, user.isPresent() ? GOOD_TTL_MILLIS : BAD_TTL_MILLIS);
    }
    if (user.isEmpty()) {
      return Verdict.UNAUTHENTICATED;
    }
    String decisionKey = Digest.sha256(token, path);
    Optional<Boolean> decided = decisions.get(decisionKey);
    if (decided.isEmpty()) {
      UserInfo who = user.get();
      decided = review(() -> authorize(who, path));
      if (decided.isEmpty()) {
        return Verdict.UNAVAILABLE;
      }
      decisions.put(decisionKey, decided.get(), decided.get() ? GOOD_TTL_MILLIS : BAD_TTL_MILLIS);
    }
    return decided.get() ? Verdict.ALLOWED : Verdict.FORBIDDEN;
  }

  /** Entries held by the two caches together. */
  int cached() {
    return users.size() + decisions.size();
  }

  /** Runs one review within the in-flight bound; empty when it could not run or failed. */
  private <T> Optional<T> review(Supplier<T> call) {
    try {
      if (!inFlight.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        return Optional.empty();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    try {
      return Optional.of(call.get());
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      if (!message.equals(lastError)) {
        lastError = message;
        LOG.warn("a TokenReview or SubjectAccessReview failed, answering 503: {}", message);
      }
      return Optional.empty();
    } finally {
      inFlight.release();
    }
  }

  private Optional<UserInfo> authenticate(String token) {
    TokenReview answer =
        client
            .get()
            .authentication()
            .v1()
            .tokenReviews()
            .create(new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build());
    if (answer == null
        || answer.getStatus() == null
        || !Boolean.TRUE.equals(answer.getStatus().getAuthenticated())
        || answer.getStatus().getUser() == null) {
      return Optional.empty();
    }
    return Optional.of(answer.getStatus().getUser());
  }

  private boolean authorize(UserInfo user, String path) {
    Map<String, List<String>> extra = user.getExtra() == null ? Map.of() : user.getExtra();
    SubjectAccessReview answer =
        client
            .get()
            .authorization()
            .v1()
            .subjectAccessReview()
            .create(
                new SubjectAccessReviewBuilder()
                    .withNewSpec()
                    .withUser(user.getUsername())
                    .withUid(user.getUid())
                    .withGroups(user.getGroups())
                    .withExtra(extra)
                    .withNewNonResourceAttributes()
                    .withPath(path)
                    .withVerb("get")
                    .endNonResourceAttributes()
                    .endSpec()
                    .build());
    return answer != null
        && answer.getStatus() != null
        && Boolean.TRUE.equals(answer.getStatus().getAllowed());
  }
}
