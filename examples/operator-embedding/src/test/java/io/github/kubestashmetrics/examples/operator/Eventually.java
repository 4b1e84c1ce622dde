package io.github.kubestashmetrics.examples.operator;

import java.time.Duration;

/** Retries an assertion until it passes: informers see objects some time after they are created. */
final class Eventually {

  private Eventually() {}

  /** Runs {@code assertion} until it passes, or rethrows its last failure after {@code timeout}. */
  static void passes(Duration timeout, Runnable assertion) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.sleep(50);
      }
    }
  }
}
