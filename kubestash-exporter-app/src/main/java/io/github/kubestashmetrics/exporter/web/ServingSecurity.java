package io.github.kubestashmetrics.exporter.web;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How both ports are protected: the flags {@code --web-config-file}, {@code --auth} and {@code
 * --admission}/{@code --admission-mode}.
 *
 * @param webConfigFile the exporter-toolkit web configuration (TLS, basic auth, headers), if any
 * @param auth who may read the protected paths besides basic-auth users
 * @param admission the validating webhook on {@code /validate-metricsconfiguration}, if on (it
 *     needs TLS)
 */
public record ServingSecurity(
    Optional<Path> webConfigFile, Auth auth, Optional<AdmissionMode> admission) {

  /** No web configuration, no Kubernetes authentication, no webhook: plain HTTP, open. */
  public static final ServingSecurity NONE =
      new ServingSecurity(Optional.empty(), Auth.NONE, Optional.empty());

  /** {@code --auth}. */
  public enum Auth {
    /** Only what the web configuration asks for (basic auth, client certificates). */
    NONE,
    /** Bearer tokens checked with TokenReview and SubjectAccessReview. */
    KUBERNETES
  }

  /** {@code --admission-mode}. */
  public enum AdmissionMode {
    /** A MetricsConfiguration with problems is refused, one message per problem. */
    DENY,
    /** It is allowed, with one AdmissionReview warning per problem. */
    WARN
  }

  public ServingSecurity {
    Objects.requireNonNull(webConfigFile, "webConfigFile");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(admission, "admission");
  }
}
