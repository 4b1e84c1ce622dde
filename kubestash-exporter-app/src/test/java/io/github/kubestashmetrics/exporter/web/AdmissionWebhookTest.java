package io.github.kubestashmetrics.exporter.web;

import static io.github.kubestashmetrics.exporter.web.WebFixture.bcrypt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.kubestashmetrics.exporter.MetricsHttpServer;
import io.github.kubestashmetrics.exporter.web.TestCertificates.KeyForm;
import io.github.kubestashmetrics.metrics.language.ConfigurationProblem;
import io.github.kubestashmetrics.metrics.language.EngineOptions;
import io.github.kubestashmetrics.metrics.language.MetricsConfigurationCompiler;
import io.github.kubestashmetrics.metrics.language.SourcedConfiguration;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdmissionWebhookTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static final String GOOD =
      """
      apiVersion: metrics.appscode.com/v1alpha1
      kind: MetricsConfiguration
      metadata: {name: widgets}
      spec:
        targetRef: {apiVersion: example.com/v1, kind: Widget}
        metrics:
        - name: info
          help: "Widget information"
          type: gauge
          metricValue: {value: 1}
      """;

  /** Two metrics the engine rejects (a bad type, an expression calling no known function). */
  static final String BAD =
      """
      apiVersion: metrics.appscode.com/v1alpha1
      kind: MetricsConfiguration
      metadata: {name: broken-widgets}
      spec:
        targetRef: {apiVersion: example.com/v1, kind: Widget}
        metrics:
        - name: info
          help: "Widget information"
          type: gauge
          metricValue: {value: 1}
        - name: odd
          help: "not a type"
          type: summary
          metricValue: {value: 1}
        - name: computed
          help: "an unknown function"
          type: gauge
          metricValue: {valueFromExpression: "noSuchFunction(1)"}
      """;

  @TempDir static Path dir;
  private static MetricsHttpServer deny;
  private static MetricsHttpServer warn;
  private static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    TestCertificates ca = TestCertificates.authority("test-only CA");
    ca.server("webhook", KeyForm.PKCS1_RSA).write(dir, "tls.crt", "tls.key");
    Path file =
        WebFixture.write(
            dir,
            "tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n"
                + "basic_auth_users:\n  prometheus: "
                + bcrypt("pw")
                + "\n");
    deny =
        WebFixture.serve(
            new ServingSecurity(
                Optional.of(file),
                ServingSecurity.Auth.NONE,
                Optional.of(ServingSecurity.AdmissionMode.DENY)));
    warn =
        WebFixture.serve(
            new ServingSecurity(
                Optional.of(file),
                ServingSecurity.Auth.NONE,
                Optional.of(ServingSecurity.AdmissionMode.WARN)));
    SSLContext trusting = TestCertificates.trustingOnly(ca.caCertificate());
    http = WebFixture.client(trusting);
  }

  @AfterAll
  static void stop() {
    deny.close();
    warn.close();
  }

  static String review(String uid, String operation, String yaml) throws Exception {
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1");
    review.put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", uid);
    request.put("operation", operation);
    request
        .putObject("kind")
        .put("group", "metrics.appscode.com")
        .put("kind", "MetricsConfiguration");
    if (yaml != null) {
      request.set("object", YAML.readTree(yaml));
    }
    return review.toString();
  }

  static HttpResponse<String> post(MetricsHttpServer server, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + server.port() + "/validate-metricsconfiguration"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** What the engine (and so {@code validate}) says of {@code yaml}. */
  static List<ConfigurationProblem> engineProblems(String yaml) throws Exception {
    return MetricsConfigurationCompiler.compile(
            SourcedConfiguration.ofCluster(YAML.readValue(yaml, MetricsConfiguration.class)),
            EngineOptions.DEFAULT)
        .problems();
  }

  @Test
  void goodConfigurationIsAllowedWithoutCredentialsAndTheUidIsEchoed() throws Exception {
    HttpResponse<String> response = post(deny, review("uid-1", "CREATE", GOOD));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = JSON.readTree(response.body());
    assertThat(answer.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
    assertThat(answer.path("kind").asText()).isEqualTo("AdmissionReview");
    assertThat(answer.path("response").path("uid").asText()).isEqualTo("uid-1");
    assertThat(answer.path("response").path("allowed").asBoolean()).isTrue();
    assertThat(answer.path("response").has("warnings")).isFalse();
  }

  @Test
  void configurationWithProblemsIsDeniedWithOneLineAndOneCausePerEngineProblem() throws Exception {
    List<ConfigurationProblem> problems = engineProblems(BAD);
    assertThat(problems).hasSize(2);
    JsonNode response =
        JSON.readTree(post(deny, review("uid-2", "UPDATE", BAD)).body()).path("response");
    assertThat(response.path("uid").asText()).isEqualTo("uid-2");
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
    String message = response.path("status").path("message").asText();
    JsonNode causes = response.path("status").path("details").path("causes");
    assertThat(causes).hasSize(problems.size());
    for (int i = 0; i < problems.size(); i++) {
      assertThat(causes.get(i).path("field").asText()).isEqualTo(problems.get(i).path());
      assertThat(causes.get(i).path("message").asText())
          .contains(problems.get(i).reason())
          .contains("[" + problems.get(i).code().code() + "]");
      assertThat(message).contains(problems.get(i).path() + ": ");
    }
    assertThat(message.lines()).hasSize(1 + problems.size());
    assertThat(deny.security().metrics().admissionReviewCount("denied")).isPositive();
  }

  @Test
  void warnModeAllowsWithOneWarningPerProblem() throws Exception {
    List<ConfigurationProblem> problems = engineProblems(BAD);
    JsonNode response =
        JSON.readTree(post(warn, review("uid-3", "CREATE", BAD)).body()).path("response");
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("warnings")).hasSize(problems.size());
    assertThat(response.path("warnings").get(0).asText()).startsWith(problems.get(0).path());
  }

  @Test
  void deleteAndObjectsOfOtherKindsAreJudgedAsTheEngineWould() throws Exception {
    JsonNode delete =
        JSON.readTree(post(deny, review("uid-4", "DELETE", null)).body()).path("response");
    assertThat(delete.path("allowed").asBoolean()).isTrue();
    String notOurs = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n";
    JsonNode other =
        JSON.readTree(post(deny, review("uid-5", "CREATE", notOurs)).body()).path("response");
    assertThat(other.path("allowed").asBoolean()).isFalse();
    assertThat(other.path("status").path("message").asText())
        .contains("not a metrics.appscode.com MetricsConfiguration");
  }

  @Test
  void malformedReviewsGet400AndOtherMethods405() throws Exception {
    double before = deny.security().metrics().admissionReviewCount("malformed");
    assertThat(post(deny, "not json").statusCode()).isEqualTo(400);
    assertThat(post(deny, "{\"apiVersion\":\"admission.k8s.io/v1beta1\"}").statusCode())
        .isEqualTo(400);
    assertThat(
            post(deny, "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(deny.security().metrics().admissionReviewCount("malformed")).isEqualTo(before + 3);
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "https://127.0.0.1:" + deny.port() + "/validate-metricsconfiguration"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    // The metrics path still needs credentials.
    assertThat(WebFixture.get(http, "https://127.0.0.1:" + deny.port() + "/metrics").statusCode())
        .isEqualTo(401);
  }
}
