package io.github.kubestashmetrics.exporter;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Runs a body writer on another thread while the calling thread sends what it wrote, through a few
 * fixed buffers: producing an uncompressed scrape (inflating the store's blocks, family by family)
 * and sending it (the HTTP stack's copies and the socket writes) then overlap instead of taking
 * turns, so a scrape costs about the slower of the two rather than their sum.
 *
 * <p>Memory stays bounded: at most {@value #BUFFERS} buffers of {@value #BUFFER_BYTES} bytes per
 * running scrape, whatever the size of the exposition. When sending fails (the client went away) no
 * buffer comes back to the writer, and its hand-over after the free ones are used up throws, so it
 * stops within {@value #BUFFERS} buffers; {@link #transfer} returns only after the writer has
 * stopped.
 */
final class GatheringPipe {

  static final int BUFFER_BYTES = 256 * 1024;
  static final int BUFFERS = 3;

  /** What the writer thread runs: writes one whole body into {@code out}. */
  @FunctionalInterface
  interface BodyWriter {
    void write(OutputStream out) throws IOException;
  }

  private static final Chunk END = new Chunk(new byte[0], 0);
  private static final byte[] STOP = new byte[0];

  private record Chunk(byte[] bytes, int length) {}

  private GatheringPipe() {}

  /**
   * Runs {@code writer} on {@code gatherers} and sends its output to {@code sink} on this thread.
   * Throws what either side threw (the writer's failure as the cause of an IOException).
   */
  static void transfer(BodyWriter writer, OutputStream sink, ExecutorService gatherers)
      throws IOException {
    // The writer allocates its buffers as it needs them (a small body never needs more than one)
    // and takes them back from here once they have been sent.
    BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS + 1);
    // Unbounded in type only: never more than BUFFERS chunks plus one end or failure marker.
    BlockingQueue<Object> filled = new LinkedBlockingQueue<>();
    Future<?> gathering =
        gatherers.submit(
            () -> {
              try (PipeOutputStream out = new PipeOutputStream(free, filled)) {
                writer.write(out);
              } catch (Throwable failure) {
                filled.add(failure);
                return null;
              }
              filled.add(END);
              return null;
            });
    boolean sent = false;
    try {
      while (true) {
        Object next = filled.take();
        if (next == END) {
          sent = true;
          return;
        }
        if (next instanceof Throwable failure) {
          throw new IOException("writing the body failed", failure);
        }
        Chunk chunk = (Chunk) next;
        sink.write(chunk.bytes(), 0, chunk.length());
        free.add(chunk.bytes());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while sending the body");
    } finally {
      if (!sent) {
        free.add(STOP); // the writer, if still running, fails at its next hand-over
      }
      awaitQuietly(gathering);
    }
  }

  private static void awaitQuietly(Future<?> gathering) {
    boolean interrupted = false;
    while (true) {
      try {
        gathering.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        break; // the task itself catches everything; nothing to report
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The writer's end: fills a free buffer, hands it over full, takes the next free one. */
  private static final class PipeOutputStream extends OutputStream {
    private final BlockingQueue<byte[]> free;
    private final BlockingQueue<Object> filled;
    private byte[] buffer;
    private int count;
    private int allocated;

    PipeOutputStream(BlockingQueue<byte[]> free, BlockingQueue<Object> filled) throws IOException {
      this.free = free;
      this.filled = filled;
      this.buffer = takeFree();
    }

    @Override
    public void write(int b) throws IOException {
      if (count == buffer.length) {
        handOver();
      }
      buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      while (length > 0) {
        if (count == buffer.length) {
          handOver();
        }
        int n = Math.min(length, buffer.length - count);
        System.arraycopy(bytes, offset, buffer, count, n);
        count += n;
        offset += n;
        length -= n;
      }
    }

    /** Hands over what is buffered (the end of the body follows as a separate marker). */
    @Override
    public void close() {
      if (count > 0) {
        filled.add(new Chunk(buffer, count));
        count = 0;
      }
    }

    private void handOver() throws IOException {
      filled.add(new Chunk(buffer, count));
      buffer = takeFree();
      count = 0;
    }

    private byte[] takeFree() throws IOException {
      try {
        byte[] next = free.poll();
        if (next == null && allocated < BUFFERS) {
          allocated++;
          return new byte[BUFFER_BYTES];
        }
        if (next == null) {
          next = free.take();
        }
        if (next == STOP) {
          throw new IOException("the response is no longer being sent");
        }
        return next;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while gathering the body");
      }
    }
  }
}
