package io.github.kubestashmetrics.exporter.web;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web configuration in force, with its certificate, key and client CAs loaded, re-read when any
 * of those files changes.
 *
 * <p>Invariants: {@link #current()} is always a complete, checked state (the key matches the
 * certificate); a change is looked for at most once per {@link #CHECK_INTERVAL_MILLIS} ms, by the
 * request or TLS handshake that comes after it, so a change is in force at most that long after its
 * files are complete. A change that does not load (a half-written file, a key that does not match
 * the certificate yet, a YAML error) keeps the last good state, logs one WARN per version of the
 * files and counts one reload failure; the listener is never dropped. TLS cannot be turned on or
 * off without a restart (such a change is refused the same way).
 */
public final class LiveWebConfig {

  private static final Logger LOG = LoggerFactory.getLogger(LiveWebConfig.class);

  /** How often, at most, the files are looked at for a change. */
  public static final long CHECK_INTERVAL_MILLIS = 1000;

  /** One consistent state: the configuration and what its TLS files held. */
  record State(
      WebConfig config,
      long generation,
      Optional<X509Certificate[]> chain,
      Optional<PrivateKey> key,
      Optional<X509TrustManager> clientTrust) {}

  private final Path file;
  private final LongSupplier millis;
  private final Runnable onReloadFailure;
  private final List<Runnable> onCertificateChange = new ArrayList<>();
  private volatile State state;
  private FileStamp stamp;
  private FileStamp refusedStamp;
  private volatile long lastCheck;

  private LiveWebConfig(Path file, LongSupplier millis, Runnable onReloadFailure, State first) {
    this.file = file;
    this.millis = millis;
    this.onReloadFailure = onReloadFailure;
    this.state = first;
    this.stamp = FileStamp.of(files(first.config()));
    this.lastCheck = millis.getAsLong();
  }

  /**
   * Loads {@code file} and everything it names.
   *
   * @param onReloadFailure called once per refused version of the files
   * @throws WebConfigException when the file or a file it names cannot be used
   */
  public static LiveWebConfig load(Path file, Runnable onReloadFailure) throws WebConfigException {
    return new LiveWebConfig(file, System::currentTimeMillis, onReloadFailure, read(file, 1));
  }

  /** The state in force, after looking for a change if the last look is old enough. */
  State current() {
    long now = millis.getAsLong();
    if (now - lastCheck >= CHECK_INTERVAL_MILLIS) {
      check(now);
    }
    return state;
  }

  /** The configuration in force (see {@link #current()}). */
  public WebConfig config() {
    return current().config();
  }

  /** Runs {@code action} after each change of the served certificate or key. */
  synchronized void onCertificateChange(Runnable action) {
    onCertificateChange.add(action);
  }

  private synchronized void check(long now) {
    if (now - lastCheck < CHECK_INTERVAL_MILLIS) {
      return;
    }
    lastCheck = now;
    State old = state;
    FileStamp seen = FileStamp.of(files(old.config()));
    if (seen.equals(stamp) || seen.equals(refusedStamp)) {
      return;
    }
    try {
      State fresh = read(file, old.generation() + 1);
      if (fresh.config().tlsEnabled() != old.config().tlsEnabled()) {
        throw new WebConfigException(
            file
                + ": turning TLS "
                + (fresh.config().tlsEnabled() ? "on" : "off")
                + " needs a"
                + " restart");
      }
      state = fresh;
      stamp = FileStamp.of(files(fresh.config()));
      refusedStamp = null;
      LOG.info("web configuration {} re-read (generation {})", file, fresh.generation());
      for (Runnable action : onCertificateChange) {
        action.run();
      }
    } catch (WebConfigException e) {
      refusedStamp = seen;
      onReloadFailure.run();
      LOG.warn("web configuration change not applied, the last good one stays: {}", e.getMessage());
    }
  }

  private static List<Path> files(WebConfig config) {
    List<Path> files = new ArrayList<>();
    files.add(config.file());
    config
        .tls()
        .ifPresent(
            tls -> {
              files.add(tls.certFile());
              files.add(tls.keyFile());
              tls.clientCaFile().ifPresent(files::add);
            });
    return files;
  }

  private static State read(Path file, long generation) throws WebConfigException {
    WebConfig config = WebConfig.read(file);
    if (config.tls().isEmpty()) {
      return new State(config, generation, Optional.empty(), Optional.empty(), Optional.empty());
    }
    TlsSettings tls = config.tls().get();
    List<X509Certificate> chain = PemFiles.certificates(tls.certFile());
    PrivateKey key = PemFiles.privateKey(tls.keyFile());
    if (!PemFiles.matches(key, chain.get(0))) {
      throw new WebConfigException(
          tls.keyFile()
              + ": the private key does not belong to the certificate in "
              + tls.certFile());
    }
    Optional<X509TrustManager> trust = Optional.empty();
    if (tls.clientAuth().verifies) {
      trust = Optional.of(trustManager(tls.clientCaFile()));
    }
    return new State(
        config,
        generation,
        Optional.of(chain.toArray(X509Certificate[]::new)),
        Optional.of(key),
        trust);
  }

  private static X509TrustManager trustManager(Optional<Path> caFile) throws WebConfigException {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (caFile.isEmpty()) {
        factory.init((KeyStore) null); // the JDK's trust store, as Go uses the system pool
      } else {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (X509Certificate ca : PemFiles.certificates(caFile.get())) {
          store.setCertificateEntry("ca-" + i++, ca);
        }
        factory.init(store);
      }
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new WebConfigException("the JVM has no X.509 trust manager");
    } catch (java.security.GeneralSecurityException | java.io.IOException e) {
      throw new WebConfigException(
          caFile.map(Path::toString).orElse("trust store") + ": cannot use the client CAs: " + e,
          e);
    }
  }
}
