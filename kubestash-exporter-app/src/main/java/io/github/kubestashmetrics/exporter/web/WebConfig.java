package io.github.kubestashmetrics.exporter.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A web configuration file in the Prometheus exporter-toolkit format ({@code --web-config-file}):
 * the same keys with the same meanings, so a file written for node_exporter or kube-state-metrics
 * works here. Unknown keys are errors (the toolkit reads strictly too); the few toolkit keys this
 * exporter cannot honour ({@code rate_limit}, {@code curve_preferences}, inline {@code cert},
 * {@code key} and {@code client_ca}) are errors that say so, never silently ignored. An empty file
 * is valid and changes nothing.
 *
 * @param file the file it was read from
 * @param tls TLS settings; empty means plain HTTP (no TLS key set, as in the toolkit)
 * @param basicAuthUsers user name to bcrypt hash; empty means no basic authentication
 * @param headers extra response headers (only the toolkit's five, with its allowed values)
 */
public record WebConfig(
    Path file,
    Optional<TlsSettings> tls,
    Map<String, String> basicAuthUsers,
    Map<String, String> headers) {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** A bcrypt hash in the {@code $2a$}, {@code $2b$} or {@code $2y$} form with its cost. */
  static final Pattern BCRYPT_HASH =
      Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

  /** Headers the toolkit lets a file set, with their allowed values (empty: any value). */
  private static final Map<String, List<String>> HEADERS =
      Map.of(
          "Strict-Transport-Security", List.of(),
          "X-Content-Type-Options", List.of("nosniff"),
          "X-Frame-Options", List.of("deny", "sameorigin"),
          "X-XSS-Protection", List.of(),
          "Content-Security-Policy", List.of());

  private static final Map<String, String> VERSIONS =
      Map.of("TLS10", "TLSv1", "TLS11", "TLSv1.1", "TLS12", "TLSv1.2", "TLS13", "TLSv1.3");

  private static final List<String> PROTOCOL_ORDER =
      List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

  public WebConfig {
    basicAuthUsers = Map.copyOf(basicAuthUsers);
    headers = Map.copyOf(headers);
  }

  /** True when the file turns TLS on. */
  public boolean tlsEnabled() {
    return tls.isPresent();
  }

  /**
   * Reads and checks {@code file}; a file it names (certificate, key, CA) is only checked to exist
   * here (loading them is {@link ServingCertificate}'s job).
   *
   * @throws WebConfigException naming the file and the key that is wrong
   */
  public static WebConfig read(Path file) throws WebConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      String why =
          e instanceof java.nio.file.NoSuchFileException
              ? "no such file"
              : e instanceof java.nio.file.AccessDeniedException
                  ? "permission denied"
                  : String.valueOf(e.getMessage());
      throw new WebConfigException(file + ": cannot read the web configuration: " + why, e);
    }
    JsonNode root;
    try {
      root = text.isBlank() ? null : YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new WebConfigException(
          file + ": not YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return new WebConfig(file, Optional.empty(), Map.of(), Map.of());
    }
    Reader r = new Reader(file);
    r.object(root, "", Set.of("tls_server_config", "http_server_config", "basic_auth_users"));
    Optional<TlsSettings> tls = r.tls(root.path("tls_server_config"));
    Map<String, String> users = r.users(root.path("basic_auth_users"));
    Map<String, String> headers = r.headers(root.path("http_server_config"));
    return new WebConfig(file, tls, users, headers);
  }

  /** Reads one file, naming it and the key in every error. */
  private static final class Reader {
    private final Path file;
    private final Path dir;

    Reader(Path file) {
      this.file = file;
      Path parent = file.toAbsolutePath().getParent();
      this.dir = parent == null ? Path.of(".") : parent;
    }

    WebConfigException error(String key, String what) {
      return new WebConfigException(file + ": " + key + ": " + what);
    }

    void object(JsonNode node, String at, Set<String> allowed) throws WebConfigException {
      if (!node.isObject()) {
        throw error(at.isEmpty() ? "top level" : at, "must be a mapping");
      }
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        String key = at.isEmpty() ? name : at + "." + name;
        if (!allowed.contains(name)) {
          throw error(key, unsupported(name));
        }
      }
    }

    private static String unsupported(String name) {
      return switch (name) {
        case "rate_limit" -> "not supported by this exporter (see --max-concurrent-scrapes)";
        case "curve_preferences" ->
            "not supported by this exporter (the JVM's -Djdk.tls.namedGroups sets the groups)";
        case "cert", "key", "client_ca" ->
            "inline PEM is not supported by this exporter; give cert_file, key_file or"
                + " client_ca_file (files are re-read when they change)";
        default -> "unknown key";
      };
    }

    String string(JsonNode parent, String name, String at) throws WebConfigException {
      JsonNode value = parent.path(name);
      if (value.isMissingNode() || value.isNull()) {
        return "";
      }
      if (!value.isTextual()) {
        throw error(at + "." + name, "must be a string");
      }
      return value.asText();
    }

    List<String> strings(JsonNode parent, String name, String at) throws WebConfigException {
      JsonNode value = parent.path(name);
      if (value.isMissingNode() || value.isNull()) {
        return List.of();
      }
      if (!value.isArray()) {
        throw error(at + "." + name, "must be a list of strings");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode element : value) {
        if (!element.isTextual()) {
          throw error(at + "." + name, "must be a list of strings");
        }
        out.add(element.asText());
      }
      return out;
    }

    Optional<TlsSettings> tls(JsonNode node) throws WebConfigException {
      String at = "tls_server_config";
      if (node.isMissingNode() || node.isNull()) {
        return Optional.empty();
      }
      object(
          node,
          at,
          Set.of(
              "cert_file",
              "key_file",
              "client_auth_type",
              "client_ca_file",
              "client_allowed_sans",
              "min_version",
              "max_version",
              "cipher_suites",
              "prefer_server_cipher_suites"));
      String cert = string(node, "cert_file", at);
      String key = string(node, "key_file", at);
      String clientAuthName = string(node, "client_auth_type", at);
      String clientCa = string(node, "client_ca_file", at);
      if (cert.isEmpty() && key.isEmpty() && clientAuthName.isEmpty() && clientCa.isEmpty()) {
        return Optional.empty(); // the toolkit's IsEnabled: no TLS key set, plain HTTP
      }
      if (cert.isEmpty()) {
        throw error(at, "missing cert_file");
      }
      if (key.isEmpty()) {
        throw error(at, "missing key_file");
      }
      TlsSettings.ClientAuth clientAuth =
          TlsSettings.ClientAuth.named(clientAuthName)
              .orElseThrow(
                  () ->
                      error(
                          at + ".client_auth_type",
                          "invalid: "
                              + clientAuthName
                              + " (NoClientCert, RequestClientCert, RequireAnyClientCert,"
                              + " VerifyClientCertIfGiven or RequireAndVerifyClientCert)"));
      if (!clientCa.isEmpty() && clientAuth == TlsSettings.ClientAuth.NO_CLIENT_CERT) {
        throw error(at, "client_ca_file is set without a client_auth_type that uses it");
      }
      String min = version(node, "min_version", "TLS12", at);
      String max = version(node, "max_version", "TLS13", at);
      int from = PROTOCOL_ORDER.indexOf(min);
      int to = PROTOCOL_ORDER.indexOf(max);
      if (from > to) {
        throw error(at, "min_version is above max_version");
      }
      List<String> suites = strings(node, "cipher_suites", at);
      Set<String> known = supportedCipherSuites();
      for (String suite : suites) {
        if (!known.contains(suite)) {
          throw error(at + ".cipher_suites", "unknown or unsupported cipher suite " + suite);
        }
      }
      JsonNode prefer = node.path("prefer_server_cipher_suites");
      if (!prefer.isMissingNode() && !prefer.isNull() && !prefer.isBoolean()) {
        throw error(at + ".prefer_server_cipher_suites", "must be true or false");
      }
      Path certFile = existing(cert, at + ".cert_file");
      Path keyFile = existing(key, at + ".key_file");
      Optional<Path> caFile =
          clientCa.isEmpty()
              ? Optional.empty()
              : Optional.of(existing(clientCa, at + ".client_ca_file"));
      return Optional.of(
          new TlsSettings(
              certFile,
              keyFile,
              clientAuth,
              caFile,
              strings(node, "client_allowed_sans", at),
              PROTOCOL_ORDER.subList(from, to + 1),
              suites,
              prefer.isMissingNode() || prefer.isNull() || prefer.asBoolean()));
    }

    private String version(JsonNode node, String name, String otherwise, String at)
        throws WebConfigException {
      String value = string(node, name, at);
      String jsse = VERSIONS.get(value.isEmpty() ? otherwise : value);
      if (jsse == null) {
        throw error(at + "." + name, "invalid: " + value + " (TLS10, TLS11, TLS12 or TLS13)");
      }
      return jsse;
    }

    private Path existing(String value, String key) throws WebConfigException {
      Path path = dir.resolve(value);
      if (!Files.isReadable(path)) {
        throw error(key, path + " does not exist or cannot be read");
      }
      return path;
    }

    Map<String, String> users(JsonNode node) throws WebConfigException {
      if (node.isMissingNode() || node.isNull()) {
        return Map.of();
      }
      if (!node.isObject()) {
        throw error("basic_auth_users", "must be a mapping of user names to bcrypt hashes");
      }
      Map<String, String> users = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> user : node.properties()) {
        String hash = user.getValue().isTextual() ? user.getValue().asText() : "";
        if (!BCRYPT_HASH.matcher(hash).matches()) {
          throw error(
              "basic_auth_users." + user.getKey(),
              "not a bcrypt hash ($2a$, $2b$ or $2y$ with a cost and 53 characters; e.g."
                  + " htpasswd -nBC 10 \"\" | tr -d ':\\n')");
        }
        users.put(user.getKey(), hash);
      }
      return users;
    }

    Map<String, String> headers(JsonNode node) throws WebConfigException {
      String at = "http_server_config";
      if (node.isMissingNode() || node.isNull()) {
        return Map.of();
      }
      object(node, at, Set.of("headers", "http2"));
      JsonNode http2 = node.path("http2");
      if (!http2.isMissingNode() && !http2.isNull() && !http2.isBoolean()) {
        throw error(at + ".http2", "must be true or false");
      }
      JsonNode headers = node.path("headers");
      if (headers.isMissingNode() || headers.isNull()) {
        return Map.of();
      }
      if (!headers.isObject()) {
        throw error(at + ".headers", "must be a mapping");
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> header : headers.properties()) {
        List<String> allowed = HEADERS.get(header.getKey());
        if (allowed == null) {
          throw error(at + ".headers." + header.getKey(), "this header can not be configured");
        }
        String value = header.getValue().asText("");
        if (!allowed.isEmpty() && !allowed.contains(value)) {
          throw error(at + ".headers." + header.getKey(), "must be one of " + allowed);
        }
        if (!value.isEmpty()) {
          out.put(header.getKey(), value);
        }
      }
      return out;
    }
  }

  private static Set<String> supportedCipherSuites() {
    try {
      return Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no default TLS context", e);
    }
  }
}
