package io.github.kubestashmetrics.exporter.web;

import static io.github.kubestashmetrics.exporter.web.WebFixture.bcrypt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kubestashmetrics.exporter.ExternalTools;
import io.github.kubestashmetrics.exporter.web.TestCertificates.KeyForm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

public class WebConfigTest {

  @TempDir static Path dir;

  @BeforeAll
  static void certificates() throws Exception {
    TestCertificates.authority("test-only CA")
        .server("server", KeyForm.PKCS1_RSA)
        .write(dir, "tls.crt", "tls.key");
    Files.copy(dir.resolve("tls.crt"), dir.resolve("ca.crt"));
  }

  private WebConfig read(String yaml) throws Exception {
    return WebConfig.read(WebFixture.writeUnchecked(dir, yaml));
  }

  /** Every file a test or the docs use: promtool (the toolkit's own reader) must accept it. */
  static final List<String> VALID_FILES =
      List.of(
          "",
          "tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n",
          "tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n"
              + "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ca.crt\n"
              + "  min_version: TLS12\n  max_version: TLS13\n"
              + "  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]\n"
              + "  prefer_server_cipher_suites: true\n",
          "tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n"
              + "basic_auth_users:\n  prometheus: HASH\n"
              + "http_server_config:\n  http2: true\n  headers:\n    X-Frame-Options: deny\n"
              + "    X-Content-Type-Options: nosniff\n    Strict-Transport-Security: max-age=1\n");

  @Test
  void everyValidFileIsReadWithTheToolkitsMeaningAndPromtoolAcceptsIt() throws Exception {
    for (String yaml : VALID_FILES) {
      WebConfig config = read(yaml.replace("HASH", bcrypt("pw")));
      assertThat(config.tlsEnabled()).isEqualTo(yaml.contains("cert_file"));
    }
    WebConfig full = read(VALID_FILES.get(2));
    TlsSettings tls = full.tls().orElseThrow();
    assertThat(tls.certFile()).isEqualTo(dir.resolve("tls.crt"));
    assertThat(tls.clientAuth()).isEqualTo(TlsSettings.ClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT);
    assertThat(tls.protocols()).containsExactly("TLSv1.2", "TLSv1.3");
    WebConfig headers = read(VALID_FILES.get(3).replace("HASH", bcrypt("pw")));
    assertThat(headers.headers()).containsEntry("X-Frame-Options", "deny").hasSize(3);
    assertThat(headers.basicAuthUsers()).containsOnlyKeys("prometheus");
    ExternalTools.require("promtool");
    for (String yaml : VALID_FILES) {
      Path file = WebFixture.writeUnchecked(dir, yaml.replace("HASH", bcrypt("pw")));
      assertThat(promtoolCheck(file)).as(yaml).isZero();
    }
  }

  public static int promtoolCheck(Path file) throws Exception {
    Process process =
        new ProcessBuilder("promtool", "check", "web-config", file.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    if (process.exitValue() != 0) {
      System.err.println("promtool: " + output);
    }
    return process.exitValue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "nonsense: 1|nonsense: unknown key",
        "rate_limit: {burst: 1}|rate_limit: not supported",
        "tls_server_config: {cert_file: tls.crt}|missing key_file",
        "tls_server_config: {key_file: tls.key}|missing cert_file",
        "tls_server_config: {cert_file: tls.crt, key_file: tls.key, client_auth_type: Maybe}"
            + "|client_auth_type: invalid: Maybe",
        "tls_server_config: {cert_file: tls.crt, key_file: tls.key, client_ca_file: ca.crt}"
            + "|client_ca_file is set without a client_auth_type",
        "tls_server_config: {cert_file: tls.crt, key_file: tls.key, min_version: TLS14}"
            + "|min_version: invalid: TLS14",
        "tls_server_config: {cert_file: tls.crt, key_file: tls.key, min_version: TLS13,"
            + " max_version: TLS12}|min_version is above max_version",
        "tls_server_config: {cert_file: tls.crt, key_file: tls.key, cipher_suites: [TLS_NOPE]}"
            + "|unknown or unsupported cipher suite TLS_NOPE",
        "tls_server_config: {cert_file: missing.crt, key_file: tls.key}" + "|cert_file: ",
        "tls_server_config: {cert: inline, key_file: tls.key}|inline PEM is not supported",
        "tls_server_config: {cert_file: tls.crt, key_file: tls.key, curve_preferences: [X25519]}"
            + "|curve_preferences: not supported",
        "basic_auth_users: {u: plaintext}|basic_auth_users.u: not a bcrypt hash",
        "http_server_config: {headers: {X-Powered-By: me}}|this header can not be configured",
        "http_server_config: {headers: {X-Frame-Options: allow}}|must be one of [deny, sameorigin]",
        "'[not: yaml'|not YAML"
      })
  void badFilesAreRefusedWithOneLineNamingTheFileAndKey(String yaml, String message) {
    assertThatThrownBy(() -> read(yaml))
        .isInstanceOf(WebConfigException.class)
        .hasMessageStartingWith(dir.resolve("web.yml").toString())
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void readmeExampleIsAValidWebConfigurationForUsAndForPromtool() throws Exception {
    Path readme = Path.of(System.getProperty("kubestash.project.dir", ".."), "README.md");
    String text = Files.readString(readme);
    int section = text.indexOf("## Secure serving");
    assertThat(section).as("the README's Secure serving section").isNotNegative();
    int start = text.indexOf("```yaml\n", section) + "```yaml\n".length();
    String example = text.substring(start, text.indexOf("```", start));
    assertThat(example).contains("tls_server_config:", "basic_auth_users:");
    Path file =
        WebFixture.writeUnchecked(
            dir.resolve("readme"), example.replace("/etc/kubestash-exporter/tls/", dir + "/"));
    WebConfig config = WebConfig.read(file);
    assertThat(config.tls().orElseThrow().clientAuth())
        .isEqualTo(TlsSettings.ClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT);
    assertThat(
            new BasicAuthUsers()
                .accepts(config.basicAuthUsers(), WebFixture.basic("prometheus", "change-me")))
        .isTrue();
    ExternalTools.require("promtool");
    assertThat(promtoolCheck(file)).isZero();
  }

  @Test
  void fileWithoutTlsKeysServesPlainHttp() throws Exception {
    assertThat(read("tls_server_config: {}\n").tlsEnabled()).isFalse();
    assertThat(read("").basicAuthUsers()).isEmpty();
  }
}
