package io.github.kubestashmetrics.exporter.web;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Judges client certificates by the {@code client_auth_type} in force: verified against the client
 * CAs (re-read when their file changes) for the verifying policies, accepted unverified for {@code
 * RequestClientCert} and {@code RequireAnyClientCert}, as in Go. With {@code client_allowed_sans},
 * a verified certificate must also carry one of those names.
 */
final class ClientCertificateTrust extends X509ExtendedTrustManager {

  private final LiveWebConfig live;

  ClientCertificateTrust(LiveWebConfig live) {
    this.live = live;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    LiveWebConfig.State state = live.current();
    TlsSettings tls = state.config().tls().orElseThrow();
    if (!tls.clientAuth().verifies) {
      return;
    }
    X509TrustManager trust =
        state.clientTrust().orElseThrow(() -> new CertificateException("no client CAs loaded"));
    trust.checkClientTrusted(chain, authType);
    if (!tls.clientAllowedSans().isEmpty() && !hasAllowedName(chain[0], tls.clientAllowedSans())) {
      throw new CertificateException("the client certificate has none of client_allowed_sans");
    }
  }

  private static boolean hasAllowedName(X509Certificate certificate, List<String> allowed)
      throws CertificateParsingException {
    Collection<List<?>> names = certificate.getSubjectAlternativeNames();
    List<String> found = new ArrayList<>();
    if (names != null) {
      for (List<?> name : names) {
        if (name.size() >= 2 && name.get(1) instanceof String value) {
          found.add(value);
        }
      }
    }
    return found.stream().anyMatch(allowed::contains);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    LiveWebConfig.State state = live.current();
    return state
        .clientTrust()
        .map(X509TrustManager::getAcceptedIssuers)
        .orElse(new X509Certificate[0]);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this server trusts no servers");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("this server trusts no servers");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("this server trusts no servers");
  }
}
