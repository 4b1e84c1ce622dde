package io.github.kubestashmetrics.exporter.web;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;

/**
 * Counts the connections the JDK HTTP server drops on its own, before any handler or authenticator
 * runs: a TLS error (garbage instead of a handshake, a failed handshake), a connection whose
 * handshake or request headers did not arrive within {@code sun.net.httpserver.maxReqTime}, and
 * headers over {@code sun.net.httpserver.maxReqHeaderSize}. The JDK server reports these only as
 * debug records of its logger {@value #LOGGER}, so this handler reads them there (at FINE and
 * FINER; the root console handler still shows only INFO and above). Every server of the JVM logs to
 * that one logger, so each registered {@link ServingMetrics} counts the drops of both ports.
 */
final class DroppedConnections extends Handler {

  static final String LOGGER = "com.sun.net.httpserver";

  /** Held strongly: java.util.logging keeps loggers weakly, and a level set on a lost one is. */
  private static final Logger JDK_SERVER = Logger.getLogger(LOGGER);

  private static final DroppedConnections INSTANCE = new DroppedConnections();

  private final List<ServingMetrics> counters = new CopyOnWriteArrayList<>();

  private DroppedConnections() {}

  /** Starts counting drops into {@code metrics}; {@link #stop} ends it. */
  static synchronized void start(ServingMetrics metrics) {
    if (INSTANCE.counters.isEmpty()) {
      if (JDK_SERVER.getLevel() == null
          || JDK_SERVER.getLevel().intValue() > Level.FINER.intValue()) {
        JDK_SERVER.setLevel(Level.FINER);
      }
      JDK_SERVER.addHandler(INSTANCE);
    }
    INSTANCE.counters.add(metrics);
  }

  static synchronized void stop(ServingMetrics metrics) {
    INSTANCE.counters.remove(metrics);
    if (INSTANCE.counters.isEmpty()) {
      JDK_SERVER.removeHandler(INSTANCE);
    }
  }

  @Override
  public void publish(LogRecord record) {
    ServingMetrics.Drop drop = classify(record);
    if (drop != null) {
      for (ServingMetrics metrics : counters) {
        metrics.dropped(drop);
      }
    }
  }

  static ServingMetrics.Drop classify(LogRecord record) {
    String message = record.getMessage() == null ? "" : record.getMessage();
    if (message.startsWith("closing: no request")) {
      return ServingMetrics.Drop.REQUEST_TIMEOUT;
    }
    for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return ServingMetrics.Drop.TLS_ERROR;
      }
      String text = String.valueOf(t.getMessage());
      if (text.contains("maxReqHeaderSize") || text.contains("maxReqHeaders")) {
        return ServingMetrics.Drop.HEADERS_TOO_LARGE;
      }
    }
    return null;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
