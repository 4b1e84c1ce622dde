package io.github.kubestashmetrics.exporter.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.github.kubestashmetrics.exporter.ExporterConfig;
import io.github.kubestashmetrics.exporter.ExpositionSource;
import io.github.kubestashmetrics.exporter.MetricsHttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** Test helpers: a served exposition, web configuration files, and clients. */
final class WebFixture {

  static final String BODY = "# TYPE up_test gauge\nup_test 1\n";

  private WebFixture() {}

  /** bcrypt of {@code password} at cost 4 (the lowest; tests need no slow hashes). */
  static String bcrypt(String password) {
    return BCrypt.withDefaults().hashToString(4, password.toCharArray());
  }

  /** A metrics server on a free loopback port serving {@link #BODY} with {@code security}. */
  static MetricsHttpServer serve(ServingSecurity security) throws IOException {
    ExporterConfig config =
        ExporterConfig.defaults().withPorts("127.0.0.1", 0, -1).withSecurity(security);
    ExpositionSource body =
        (format, encoding, out) -> {
          byte[] bytes = BODY.getBytes(StandardCharsets.UTF_8);
          if (encoding == io.github.kubestashmetrics.metrics.ContentEncoding.GZIP) {
            try (var gzip = new java.util.zip.GZIPOutputStream(out)) {
              gzip.write(bytes);
            }
          } else {
            out.write(bytes);
          }
          return bytes.length;
        };
    return MetricsHttpServer.serving(config, body);
  }

  static ServingSecurity webConfig(Path file) {
    return new ServingSecurity(Optional.of(file), ServingSecurity.Auth.NONE, Optional.empty());
  }

  /**
   * Writes {@code yaml} as {@code dir/web.yml} and returns the file; when promtool is installed, it
   * must accept the file ({@code promtool check web-config}), so every web configuration the tests
   * serve with is one the exporter-toolkit accepts too.
   */
  static Path write(Path dir, String yaml) throws IOException {
    Path file = writeUnchecked(dir, yaml);
    if (onPath("promtool")) {
      try {
        if (WebConfigTest.promtoolCheck(file) != 0) {
          throw new AssertionError("promtool check web-config refuses:\n" + yaml);
        }
      } catch (Exception e) {
        throw new IOException("promtool check web-config failed", e);
      }
    }
    return file;
  }

  /** Writes {@code yaml} as {@code dir/web.yml}, unchecked (for files meant to be refused). */
  static Path writeUnchecked(Path dir, String yaml) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("web.yml");
    Files.writeString(file, yaml);
    return file;
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    return path != null
        && java.util.stream.Stream.of(path.split(":"))
            .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
  }

  static HttpClient client(SSLContext context) {
    return HttpClient.newBuilder()
        .sslContext(context)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  static HttpResponse<String> get(HttpClient client, String url, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The certificate a new TLS connection to {@code port} is served. */
  static java.security.cert.X509Certificate servedCertificate(SSLContext context, int port)
      throws IOException {
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      socket.startHandshake();
      return (java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }
}
