package io.github.kubestashmetrics.exporter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Polls an endpoint ({@code /readyz}, {@code /healthz}) in the background as a kubelet would (but
 * every few ms) and records each change of answer, so a test can assert the transitions it went
 * through, not only the end state.
 */
final class EndpointProbe implements AutoCloseable {

  /** One answer of {@code /readyz} and when it was first seen (ms after the probe started). */
  record Observation(int status, String body, long atMillis) {
    @Override
    public String toString() {
      return status + " " + body.strip() + " @" + atMillis + "ms";
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI endpoint;
  private final long intervalMillis;
  private final AtomicInteger polls = new AtomicInteger();
  private final long startedAt = System.nanoTime();
  private final List<Observation> transitions = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  /** Probes {@code endpoint} every {@code interval} until closed. */
  EndpointProbe(URI endpoint, Duration interval) {
    this.endpoint = endpoint;
    this.intervalMillis = interval.toMillis();
    this.thread = new Thread(this::run, "probe " + endpoint.getPath());
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      int status;
      String body;
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        status = response.statusCode();
        body = response.body();
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        status = -1;
        body = e.getClass().getSimpleName();
      }
      record(status, body);
      polls.incrementAndGet();
      try {
        Thread.sleep(intervalMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void record(int status, String body) {
    Observation last = transitions.isEmpty() ? null : transitions.get(transitions.size() - 1);
    if (last == null || last.status() != status || !Objects.equals(last.body(), body)) {
      transitions.add(
          new Observation(
              status, body, Duration.ofNanos(System.nanoTime() - startedAt).toMillis()));
    }
  }

  /** How many answers (or failures to answer) the probe has had. */
  int polls() {
    return polls.get();
  }

  /**
   * Waits until the probe has finished two more polls than when called, so the answer it records
   * next was asked for after this call: a test that has just seen a change itself can then assert
   * that the probe saw it too, even when a poll was in flight (or the machine busy) at the change.
   */
  void awaitFreshPoll() throws InterruptedException {
    int target = polls.get() + 2;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (polls.get() < target) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("probe of " + endpoint + " made no poll in 30 s");
      }
      Thread.sleep(Math.max(1, intervalMillis));
    }
  }

  /** Every distinct consecutive answer so far, oldest first. */
  synchronized List<Observation> transitions() {
    return List.copyOf(transitions);
  }

  /** Only the status codes of {@link #transitions()}, consecutive duplicates merged. */
  synchronized List<Integer> statuses() {
    List<Integer> statuses = new ArrayList<>();
    for (Observation o : transitions) {
      if (statuses.isEmpty() || statuses.get(statuses.size() - 1) != o.status()) {
        statuses.add(o.status());
      }
    }
    return statuses;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
