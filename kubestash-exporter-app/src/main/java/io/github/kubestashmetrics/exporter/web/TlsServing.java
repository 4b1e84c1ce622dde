package io.github.kubestashmetrics.exporter.web;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;

/**
 * The TLS side of both servers: one {@link SSLContext} whose key and trust managers read {@link
 * LiveWebConfig} at each handshake, and a configurator that applies the versions, cipher suites and
 * client certificate policy in force to each new connection. When the certificate changes, the
 * server's TLS sessions are invalidated, so no client resumes into the old certificate.
 */
final class TlsServing {

  private final SSLContext context;
  private final LiveWebConfig live;

  TlsServing(LiveWebConfig live) {
    this.live = live;
    try {
      context = SSLContext.getInstance("TLS");
      context.init(
          new KeyManager[] {new ServingKeyManager(live)},
          new TrustManager[] {new ClientCertificateTrust(live)},
          null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JVM cannot make a TLS context", e);
    }
    live.onCertificateChange(this::invalidateSessions);
  }

  HttpsConfigurator configurator() {
    return new HttpsConfigurator(context) {
      @Override
      public void configure(HttpsParameters params) {
        params.setSSLParameters(parameters());
      }
    };
  }

  /** The parameters of one new connection, from the configuration in force. */
  SSLParameters parameters() {
    TlsSettings tls = live.current().config().tls().orElseThrow();
    SSLParameters parameters = context.getDefaultSSLParameters();
    parameters.setProtocols(tls.protocols().toArray(String[]::new));
    if (!tls.cipherSuites().isEmpty()) {
      // Go's cipher_suites only limit TLS 1.2 and older; TLS 1.3's suites stay.
      List<String> suites = new ArrayList<>(tls.cipherSuites());
      for (String suite : context.getDefaultSSLParameters().getCipherSuites()) {
        if (isTls13Suite(suite) && !suites.contains(suite)) {
          suites.add(suite);
        }
      }
      parameters.setCipherSuites(suites.toArray(String[]::new));
    }
    parameters.setUseCipherSuitesOrder(tls.preferServerCipherSuites());
    if (tls.clientAuth().requires) {
      parameters.setNeedClientAuth(true);
    } else if (tls.clientAuth().asks) {
      parameters.setWantClientAuth(true);
    }
    return parameters;
  }

  private static boolean isTls13Suite(String suite) {
    return suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
  }

  private void invalidateSessions() {
    SSLSessionContext sessions = context.getServerSessionContext();
    for (byte[] id : Collections.list(sessions.getIds())) {
      var session = sessions.getSession(id);
      if (session != null) {
        session.invalidate();
      }
    }
  }
}
