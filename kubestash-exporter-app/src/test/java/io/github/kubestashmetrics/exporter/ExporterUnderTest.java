package io.github.kubestashmetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.ExpositionWriter;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.RenderedObject;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.testkit.ExpositionParser;
import io.github.kubestashmetrics.testkit.Series;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One exporter started against a (mock) API server, with the HTTP calls and the exact-equality
 * check the reliability tests share: {@code /metrics}, parsed strictly, must be the very series set
 * the catalogue gives for the API server's current objects. Public only for its polling helper,
 * which the demo module's tests share (test-jar).
 */
public final class ExporterUnderTest implements AutoCloseable {

  /** Generous: the machine is shared, and fabric8's retry backoff grows to tens of seconds. */
  static final Duration PATIENCE = Duration.ofSeconds(90);

  static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Exporter exporter;

  private ExporterUnderTest(Exporter exporter) {
    this.exporter = exporter;
  }

  /** Starts an exporter on free loopback ports against this API URL, without waiting for sync. */
  static ExporterUnderTest start(String apiUrl, ExporterConfig config) throws IOException {
    Exporter exporter =
        ExporterComponent.of(config.withMasterUrl(apiUrl).withPorts("127.0.0.1", 0, 0)).exporter();
    try {
      exporter.start();
    } catch (IOException | RuntimeException e) {
      exporter.close();
      throw e;
    }
    return new ExporterUnderTest(exporter);
  }

  /** The configuration with another bound on concurrent scrapes. */
  static ExporterConfig withMaxConcurrentScrapes(ExporterConfig c, int maxConcurrentScrapes) {
    return c.withMaxConcurrentScrapes(maxConcurrentScrapes);
  }

  Exporter exporter() {
    return exporter;
  }

  /**
   * Waits until every informer has synced and holds an open watch, so that what a test changes next
   * arrives as a watch event rather than in the initial list (the mock API, like a real one, also
   * replays deletes since the watch's resourceVersion, so either way the exporter converges).
   */
  void awaitWatching() throws Exception {
    await(
        "every informer watching",
        () -> {
          if (exporter.watching()) {
            return true;
          }
          // Kept as the cause when the wait fails: which kind it was waiting for.
          throw new AssertionError(
              "synced "
                  + exporter.readiness().syncedByKind()
                  + ", watching "
                  + exporter.readiness().watchingByKind());
        });
  }

  /** {@code /metrics} as text; fails unless 200. */
  String scrape() {
    HttpResponse<String> response = get("/metrics");
    assertThat(response.statusCode()).as("GET /metrics").isEqualTo(200);
    return response.body();
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(request.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  int status(String path) {
    return get(path).statusCode();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + exporter.metricsPort() + path);
  }

  /** Waits until {@code /metrics} equals the catalogue of the API's objects of every kind. */
  Duration awaitScrapeEqualsApi(KubernetesClient api) throws Exception {
    return awaitScrapeEquals(() -> expectedSeries(api, KubeStashKinds.ALL));
  }

  /** Waits until {@code /metrics} equals the catalogue of the API's objects of these kinds. */
  Duration awaitScrapeEquals(Supplier<Set<Series>> expected) throws Exception {
    long start = System.nanoTime();
    long deadline = start + PATIENCE.toNanos();
    Set<Series> want = Set.of();
    Set<Series> got = Set.of();
    while (System.nanoTime() < deadline) {
      want = expected.get();
      got = seriesOf(scrape());
      if (got.equals(want)) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "/metrics did not equal the catalogue of the API's objects within "
            + PATIENCE
            + "\nmissing: "
            + sample(difference(want, got))
            + "\nunexpected: "
            + sample(difference(got, want)));
  }

  /**
   * The series the catalogue gives for the API's current objects of these kinds, read raw as the
   * exporter reads them (so badly-typed objects count too).
   */
  static Set<Series> expectedSeries(
      KubernetesClient api, Collection<KubeStashKinds.Kind<?>> kinds) {
    List<RenderedObject> rendered = new ArrayList<>();
    for (KubeStashKinds.Kind<?> kind : kinds) {
      for (GenericKubernetesResource object :
          api.genericKubernetesResources(kind.resourceDefinitionContext())
              .inAnyNamespace()
              .list()
              .getItems()) {
        rendered.add(CATALOGUE.render(object));
      }
    }
    return seriesOf(ExpositionWriter.toText(CATALOGUE, rendered, ExpositionFormat.TEXT_0_0_4));
  }

  /** The series of a text exposition, parsed strictly; fails on a duplicate series. */
  static Set<Series> seriesOf(String text) {
    List<Series> series = ExpositionParser.parsePrometheus(text).series();
    Set<Series> set = new HashSet<>(series);
    assertThat(set).as("no duplicate series").hasSameSizeAs(series);
    return set;
  }

  /**
   * The one polling helper of the tests: waits up to {@link #PATIENCE} until the condition holds
   * (an exception or failed assertion inside it counts as "not yet" and is kept as the cause).
   */
  public static void await(String what, ThrowingCondition condition) throws Exception {
    await(what, PATIENCE, condition);
  }

  /** {@link #await(String, ThrowingCondition)} with another patience. */
  public static void await(String what, Duration patience, ThrowingCondition condition)
      throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    Throwable last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (condition.holds()) {
          return;
        }
      } catch (AssertionError | RuntimeException e) {
        last = e;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(what + ": not within " + patience, last);
  }

  private static Set<Series> difference(Set<Series> a, Set<Series> b) {
    Set<Series> d = new HashSet<>(a);
    d.removeAll(b);
    return d;
  }

  private static String sample(Set<Series> series) {
    return series.size()
        + " "
        + series.stream()
            .map(Series::toString)
            .collect(Collectors.toCollection(TreeSet::new))
            .stream()
            .limit(10)
            .collect(Collectors.joining("\n  ", "[\n  ", "\n]"));
  }

  @Override
  public void close() {
    exporter.close();
  }

  /** A condition that may throw while it does not hold yet. */
  @FunctionalInterface
  public interface ThrowingCondition {
    boolean holds() throws Exception;
  }
}
