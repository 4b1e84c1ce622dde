package io.github.kubestashmetrics.exporter;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.kubestashmetrics.metrics.language.ConfigurationProblem;
import io.github.kubestashmetrics.model.MetricsConfigurationResource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code --metrics-config=cluster}: each rejected metric becomes a Kubernetes Event (type
 * Warning, reason {@value #REASON}) on its MetricsConfiguration, so {@code kubectl describe
 * metricsconfiguration X} says what is not served and why.
 *
 * <p>Never a storm: one Event per problem per configuration version. The Event's name is derived
 * from (configuration uid, resourceVersion, path, reason), so the API refuses a second one (409,
 * ignored) even from another replica or after a restart, and problems already reported are
 * remembered (at most {@value #REMEMBERED}). Events are created on one background thread with at
 * most {@value #QUEUE} waiting (more are dropped with one WARN), so the runtime never waits for the
 * API. MetricsConfigurations are cluster-scoped, so their Events go to the {@value #NAMESPACE}
 * namespace, where {@code kubectl describe} looks for them. A failed create is logged once per
 * message, never retried in a loop.
 */
final class ConfigurationEvents {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigurationEvents.class);

  static final String REASON = "MetricRejected";
  static final String NAMESPACE = "default";
  static final int REMEMBERED = 10_000;
  static final int QUEUE = 1_000;

  /** Reports nothing: the modes without cluster MetricsConfigurations. */
  static final ConfigurationEvents NONE = new ConfigurationEvents(null);

  private final KubernetesClient client;
  private final ThreadPoolExecutor sender;
  private final Map<String, Boolean> reported =
      new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > REMEMBERED;
        }
      };
  private volatile String lastFailure = "";
  private volatile boolean droppedLogged;

  private ConfigurationEvents(KubernetesClient client) {
    this.client = client;
    this.sender =
        client == null
            ? null
            : new ThreadPoolExecutor(
                1,
                1,
                30,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                runnable -> {
                  Thread thread = new Thread(runnable, "metrics-config-events");
                  thread.setDaemon(true);
                  return thread;
                },
                (task, pool) -> dropped());
    if (sender != null) {
      sender.allowCoreThreadTimeOut(true);
    }
  }

  /** Events for {@code config}'s mode: real ones in cluster mode, {@link #NONE} otherwise. */
  static ConfigurationEvents of(KubernetesClient client, ExporterConfig config) {
    return config.metricsConfig() == MetricsConfigSource.CLUSTER_OBJECTS
        ? new ConfigurationEvents(client)
        : NONE;
  }

  /** Reports {@code problem} of the configuration at {@code version} (once per both). */
  void rejected(ConfigurationProblem problem, String version) {
    if (client == null || problem.configuration().isEmpty()) {
      return;
    }
    String key =
        problem.configuration() + "@" + version + "|" + problem.path() + "|" + problem.reason();
    synchronized (reported) {
      if (reported.putIfAbsent(key, Boolean.TRUE) != null) {
        return;
      }
    }
    sender.execute(() -> create(problem, version));
  }

  private void create(ConfigurationProblem problem, String version) {
    try {
      GenericKubernetesResource configuration =
          client
              .genericKubernetesResources(MetricsConfigurationResource.CONTEXT)
              .withName(problem.configuration())
              .get();
      if (configuration == null
          || !version.equals(configuration.getMetadata().getResourceVersion())) {
        return; // gone or changed since: its new version gets its own events
      }
      String uid = configuration.getMetadata().getUid();
      String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      client
          .v1()
          .events()
          .inNamespace(NAMESPACE)
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(name(problem, uid, version))
                  .withNamespace(NAMESPACE)
                  .endMetadata()
                  .withNewInvolvedObject()
                  .withApiVersion(configuration.getApiVersion())
                  .withKind("MetricsConfiguration")
                  .withName(problem.configuration())
                  .withUid(uid)
                  .withResourceVersion(version)
                  .endInvolvedObject()
                  .withType("Warning")
                  .withReason(REASON)
                  .withMessage(message(problem))
                  .withNewSource()
                  .withComponent("kubestash-exporter")
                  .endSource()
                  .withReportingComponent("kubestash-exporter")
                  .withReportingInstance(
                      System.getenv().getOrDefault("POD_NAME", "kubestash-exporter"))
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return; // already reported (another replica, or before a restart)
      }
      failed(e);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private void failed(RuntimeException e) {
    String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    if (!message.equals(lastFailure)) {
      lastFailure = message;
      LOG.warn("cannot create an Event for a rejected MetricsConfiguration metric: {}", message);
    }
  }

  private void dropped() {
    if (!droppedLogged) {
      droppedLogged = true;
      LOG.warn("more than {} Events waiting for the API: further ones are dropped", QUEUE);
    }
  }

  static String message(ConfigurationProblem problem) {
    String text =
        problem.path()
            + (problem.family().isEmpty() ? "" : " (" + problem.family() + ")")
            + ": "
            + problem.reason();
    return text.length() > 1024 ? text.substring(0, 1021) + "..." : text;
  }

  /** A DNS-subdomain name unique to (configuration, uid, version, path, reason). */
  static String name(ConfigurationProblem problem, String uid, String version) {
    String digest =
        sha256(uid + "@" + version + "|" + problem.path() + "|" + problem.reason())
            .substring(0, 16);
    String base = problem.configuration();
    if (base.length() > 200) {
      base = base.substring(0, 200);
    }
    return base + "." + digest;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
