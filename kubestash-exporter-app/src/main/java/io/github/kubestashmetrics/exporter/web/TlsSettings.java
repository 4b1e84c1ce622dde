package io.github.kubestashmetrics.exporter.web;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code tls_server_config} block of a web configuration file, with relative paths resolved
 * against the file's directory and every name already checked.
 *
 * @param certFile PEM certificate chain, the server's certificate first
 * @param keyFile PEM private key (PKCS#1, PKCS#8 or EC form)
 * @param clientAuth the client certificate policy
 * @param clientCaFile PEM CA certificates that client certificates are verified against; empty
 *     means the JDK's default trust store (Go's system pool)
 * @param clientAllowedSans when not empty, a client certificate must carry one of these subject
 *     alternative names (DNS, IP, e-mail or URI), exactly
 * @param protocols the JSSE protocol names from {@code min_version} to {@code max_version}
 * @param cipherSuites the IANA names of {@code cipher_suites} (TLS 1.2 and older); empty means the
 *     JDK's defaults. TLS 1.3 suites are always enabled, as in Go
 * @param preferServerCipherSuites the server's order of {@code cipher_suites} wins
 */
public record TlsSettings(
    Path certFile,
    Path keyFile,
    ClientAuth clientAuth,
    Optional<Path> clientCaFile,
    List<String> clientAllowedSans,
    List<String> protocols,
    List<String> cipherSuites,
    boolean preferServerCipherSuites) {

  public TlsSettings {
    clientAllowedSans = List.copyOf(clientAllowedSans);
    protocols = List.copyOf(protocols);
    cipherSuites = List.copyOf(cipherSuites);
  }

  /** The exporter-toolkit's {@code client_auth_type} values (Go's {@code tls.ClientAuthType}). */
  public enum ClientAuth {
    /** No client certificate is asked for. */
    NO_CLIENT_CERT(false, false, false),
    /** A certificate is asked for, not required, and not verified. */
    REQUEST_CLIENT_CERT(true, false, false),
    /** A certificate is required but not verified. */
    REQUIRE_ANY_CLIENT_CERT(true, true, false),
    /** A certificate is asked for and, when one is sent, verified. */
    VERIFY_CLIENT_CERT_IF_GIVEN(true, false, true),
    /** A certificate is required and verified (mutual TLS). */
    REQUIRE_AND_VERIFY_CLIENT_CERT(true, true, true);

    final boolean asks;
    final boolean requires;
    final boolean verifies;

    ClientAuth(boolean asks, boolean requires, boolean verifies) {
      this.asks = asks;
      this.requires = requires;
      this.verifies = verifies;
    }

    static Optional<ClientAuth> named(String name) {
      return switch (name) {
        case "", "NoClientCert" -> Optional.of(NO_CLIENT_CERT);
        case "RequestClientCert" -> Optional.of(REQUEST_CLIENT_CERT);
        case "RequireAnyClientCert", "RequireClientCert" -> Optional.of(REQUIRE_ANY_CLIENT_CERT);
        case "VerifyClientCertIfGiven" -> Optional.of(VERIFY_CLIENT_CERT_IF_GIVEN);
        case "RequireAndVerifyClientCert" -> Optional.of(REQUIRE_AND_VERIFY_CLIENT_CERT);
        default -> Optional.empty();
      };
    }
  }
}
