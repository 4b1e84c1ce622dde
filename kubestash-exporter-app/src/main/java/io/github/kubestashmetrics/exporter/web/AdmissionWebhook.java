package io.github.kubestashmetrics.exporter.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.kubestashmetrics.metrics.language.ConfigurationProblem;
import io.github.kubestashmetrics.metrics.language.EngineOptions;
import io.github.kubestashmetrics.metrics.language.MetricsConfigurationCompiler;
import io.github.kubestashmetrics.metrics.language.SourcedConfiguration;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /validate-metricsconfiguration}: a validating admission webhook (AdmissionReview
 * {@code admission.k8s.io/v1}) for {@code metrics.appscode.com} MetricsConfigurations.
 *
 * <p>It judges an object exactly as {@code validate} and the exporter judge one configuration: it
 * must be a {@code metrics.appscode.com} MetricsConfiguration that reads as one, and every problem
 * the compiler finds counts (problems that need other configurations, such as a family two
 * configurations define, cannot be seen from one object and are left to the exporter). With {@code
 * deny}, problems refuse the object: status 403 with one line per problem in the message and one
 * cause per problem (field = the path, message = the family and reason). With {@code warn}, the
 * object is allowed and each problem is an AdmissionReview warning, which {@code kubectl apply}
 * prints. DELETE and objects without problems are allowed.
 *
 * <p>A body that is not an AdmissionReview v1 with a {@code request.uid} is answered 400 (the API
 * server then applies the webhook's failurePolicy); a body over {@value #MAX_BODY_BYTES} bytes 413;
 * other methods 405. Every answer is counted by result.
 */
public final class AdmissionWebhook {

  /** Largest review read (etcd refuses objects over 1.5 MiB; a review holds two of them). */
  public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  /** Warnings longer than this are cut (the API server truncates long warnings too). */
  static final int MAX_WARNING_CHARS = 256;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServingSecurity.AdmissionMode mode;
  private final ServingMetrics metrics;

  public AdmissionWebhook(ServingSecurity.AdmissionMode mode, ServingMetrics metrics) {
    this.mode = mode;
    this.metrics = metrics;
  }

  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST");
        text(exchange, 405, "method not allowed\n");
        return;
      }
      byte[] body = readBounded(exchange.getRequestBody());
      if (body == null) {
        metrics.admissionReview("malformed");
        text(exchange, 413, "AdmissionReview larger than " + MAX_BODY_BYTES + " bytes\n");
        return;
      }
      ObjectNode answer;
      try {
        answer = review(JSON.readTree(body));
      } catch (JsonProcessingException | MalformedReview e) {
        metrics.admissionReview("malformed");
        text(exchange, 400, "not an admission.k8s.io/v1 AdmissionReview: " + e.getMessage() + "\n");
        return;
      }
      byte[] json = JSON.writeValueAsBytes(answer);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, json.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(json);
      }
    }
  }

  /** The answer to one review: the response for its uid. */
  ObjectNode review(JsonNode review) throws MalformedReview {
    if (review == null
        || !review.isObject()
        || !"admission.k8s.io/v1".equals(review.path("apiVersion").asText())
        || !"AdmissionReview".equals(review.path("kind").asText())) {
      throw new MalformedReview("apiVersion admission.k8s.io/v1, kind AdmissionReview expected");
    }
    JsonNode request = review.path("request");
    String uid = request.path("uid").asText("");
    if (!request.isObject() || uid.isEmpty()) {
      throw new MalformedReview("request.uid is missing");
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("apiVersion", "admission.k8s.io/v1");
    answer.put("kind", "AdmissionReview");
    ObjectNode response = answer.putObject("response");
    response.put("uid", uid);
    JsonNode object = request.path("object");
    if ("DELETE".equals(request.path("operation").asText()) || !object.isObject()) {
      response.put("allowed", true);
      metrics.admissionReview("allowed");
      return answer;
    }
    List<Problem> problems = judge(object);
    if (problems.isEmpty()) {
      response.put("allowed", true);
      metrics.admissionReview("allowed");
    } else if (mode == ServingSecurity.AdmissionMode.WARN) {
      response.put("allowed", true);
      ArrayNode warnings = response.putArray("warnings");
      for (Problem problem : problems) {
        String line = problem.line();
        warnings.add(
            line.length() > MAX_WARNING_CHARS
                ? line.substring(0, MAX_WARNING_CHARS - 3) + "..."
                : line);
      }
      metrics.admissionReview("warned");
    } else {
      response.put("allowed", false);
      ObjectNode status = response.putObject("status");
      status.put("code", 403);
      status.put("reason", "Invalid");
      List<String> lines = new ArrayList<>();
      ArrayNode causes = status.putObject("details").putArray("causes");
      for (Problem problem : problems) {
        lines.add(problem.line());
        ObjectNode cause = causes.addObject();
        cause.put("reason", "FieldValueInvalid");
        cause.put("field", problem.path());
        cause.put("message", problem.text());
      }
      status.put(
          "message",
          "MetricsConfiguration rejected by kubestash-exporter ("
              + problems.size()
              + (problems.size() == 1 ? " problem" : " problems")
              + "):\n"
              + String.join("\n", lines));
      metrics.admissionReview("denied");
    }
    return answer;
  }

  /** One problem: where (a path in the object) and what. */
  record Problem(String path, String text) {
    String line() {
      return (path.isEmpty() ? "" : path + ": ") + text;
    }
  }

  /** What {@code validate} says of this one object. */
  static List<Problem> judge(JsonNode object) {
    if (!"MetricsConfiguration".equals(object.path("kind").asText(""))
        || !object.path("apiVersion").asText("").startsWith("metrics.appscode.com/")) {
      return List.of(new Problem("", "not a metrics.appscode.com MetricsConfiguration"));
    }
    MetricsConfiguration configuration;
    try {
      configuration = JSON.treeToValue(object, MetricsConfiguration.class);
    } catch (JsonProcessingException e) {
      return List.of(
          new Problem(
              "",
              "cannot read as a MetricsConfiguration: "
                  + e.getOriginalMessage().lines().findFirst().orElse("")));
    }
    List<Problem> problems = new ArrayList<>();
    for (ConfigurationProblem p :
        MetricsConfigurationCompiler.compile(
                SourcedConfiguration.ofCluster(configuration), EngineOptions.DEFAULT)
            .problems()) {
      String family = p.family().isEmpty() ? "" : "(" + p.family() + ") ";
      problems.add(new Problem(p.path(), family + p.reason() + " [" + p.code().code() + "]"));
    }
    return problems;
  }

  private static byte[] readBounded(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    return body.length > MAX_BODY_BYTES ? null : body;
  }

  private static void text(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** A body that is JSON but not an AdmissionReview v1 request. */
  static final class MalformedReview extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedReview(String message) {
      super(message);
    }
  }
}
