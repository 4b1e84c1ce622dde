package io.github.kubestashmetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The pipe constructed directly, with in-memory writers and sinks. */
class GatheringPipeTest {

  private static final int BUFFER = GatheringPipe.BUFFER_BYTES;
  private static final ExecutorService GATHERERS = Executors.newCachedThreadPool();

  @AfterAll
  static void stop() {
    GATHERERS.shutdownNow();
  }

  static java.util.stream.Stream<Long> seeds() {
    return KubeStashGenerators.seeds("gathering-pipe-bytes", 200);
  }

  /** Whatever the pattern of writes (single bytes, slices, slices larger than a buffer). */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void theSinkReceivesExactlyTheBytesWrittenInOrder(long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] source = new byte[random.nextInt(4 * BUFFER)];
    random.nextBytes(source);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    GatheringPipe.transfer(
        out -> {
          int at = 0;
          while (at < source.length) {
            int roll = random.nextInt(10);
            if (roll == 0) {
              out.write(source[at++]);
            } else {
              int n = Math.min(source.length - at, random.nextInt(roll < 9 ? 600 : 2 * BUFFER));
              out.write(source, at, n);
              at += n;
            }
          }
        },
        sink,
        GATHERERS);
    assertThat(sink.toByteArray()).as("seed %d", seed).isEqualTo(source);
  }

  @Test
  void aWriterFailureReachesTheSenderAsAnIoExceptionWithItsCause() {
    IllegalStateException broken = new IllegalStateException("broken object");
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    assertThatThrownBy(
            () ->
                GatheringPipe.transfer(
                    out -> {
                      out.write(new byte[BUFFER + 10]);
                      throw broken;
                    },
                    sink,
                    GATHERERS))
        .isInstanceOf(IOException.class)
        .hasCause(broken);
  }

  /** The client went away: the sender's failure is thrown, and the writer has stopped by then. */
  @Test
  void aSinkFailureStopsTheWriterBeforeTransferReturns() {
    IOException reset = new IOException("connection reset");
    AtomicBoolean writerDone = new AtomicBoolean();
    AtomicReference<Throwable> writerSaw = new AtomicReference<>();
    OutputStream failing =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw reset;
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            throw reset;
          }
        };
    assertThatThrownBy(
            () ->
                GatheringPipe.transfer(
                    out -> {
                      try {
                        while (true) { // an endless body: only the pipe can stop it
                          out.write(new byte[1000]);
                        }
                      } catch (IOException e) {
                        writerSaw.set(e);
                        throw e;
                      } finally {
                        writerDone.set(true);
                      }
                    },
                    failing,
                    GATHERERS))
        .isSameAs(reset);
    assertThat(writerDone).isTrue();
    assertThat(writerSaw.get()).hasMessageContaining("no longer being sent");
  }

  /** A slow client holds at most the pipe's buffers, never the whole body. */
  @Test
  void theWriterRunsAtMostTheBuffersAheadOfASlowSink() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicLong written = new AtomicLong();
    AtomicReference<Thread> writerThread = new AtomicReference<>();
    OutputStream blocked =
        new OutputStream() {
          @Override
          public void write(int b) {}

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            try {
              release.await();
            } catch (InterruptedException e) {
              throw new IOException(e);
            }
          }
        };
    long total = 10L * BUFFER;
    Thread sender =
        new Thread(
            () -> {
              try {
                GatheringPipe.transfer(
                    out -> {
                      writerThread.set(Thread.currentThread());
                      for (long i = 0; i < total; i++) {
                        out.write(1);
                        written.incrementAndGet();
                      }
                    },
                    blocked,
                    GATHERERS);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    sender.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (writerThread.get() == null || writerThread.get().getState() != Thread.State.WAITING) {
      assertThat(System.nanoTime()).as("writer never blocked").isLessThan(deadline);
      Thread.sleep(5);
    }
    assertThat(written.get()).isEqualTo((long) GatheringPipe.BUFFERS * BUFFER);
    release.countDown();
    sender.join(30_000);
    assertThat(sender.isAlive()).isFalse();
    assertThat(written.get()).isEqualTo(total);
  }
}
