package io.github.kubestashmetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kubectl apply --dry-run=client} accepts every manifest the chart renders, for every value
 * set of {@link ChartValueSets}: kubectl resolves each kind through the discovery of the testkit's
 * mock API (with the CRDs of prometheus-operator and cert-manager installed, as in a cluster that
 * has them), which a kubeconfig points it at, decodes each object and computes its apply. Skipped
 * where kubectl is not installed, except in CI.
 */
class HelmKubectlDryRunTest {

  @RegisterExtension
  static final KubeStashMockServer API =
      KubeStashMockServer.builder().resetAfterEach(false).metricsConfigurationCrd(true).build();

  @TempDir static Path home;

  @BeforeAll
  static void customResourceDefinitionsOfTheOptionalObjects() {
    crd("monitoring.coreos.com", "v1", "ServiceMonitor", "servicemonitors", true);
    crd("monitoring.coreos.com", "v1", "PrometheusRule", "prometheusrules", true);
    crd("cert-manager.io", "v1", "Certificate", "certificates", true);
    crd("cert-manager.io", "v1", "Issuer", "issuers", true);
    // The mock does not announce this built-in group (yet): announced here as a 1.31 server does.
    if (!API.client()
        .supports("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration")) {
      crd(
          "admissionregistration.k8s.io",
          "v1",
          "ValidatingWebhookConfiguration",
          "validatingwebhookconfigurations",
          false);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.kubestashmetrics.exporter.ChartValueSets#all")
  void kubectlApplyDryRunAcceptsEveryRenderedObject(String name, Map<String, Object> values)
      throws Exception {
    ExternalTools.require("kubectl");
    String manifests = ExporterChart.template(values);
    List<JsonNode> objects = DeployChecks.documents(manifests);
    Path file = Files.createTempFile(home, "rendered", ".yaml");
    Files.writeString(file, manifests);

    // --validate=false: the mock serves no OpenAPI documents for kubectl's schema validation;
    // HelmChartTest checks every field against fabric8's model instead.
    List<String> lines =
        kubectl(
            "apply", "--dry-run=client", "--validate=false", "-o", "name", "-f", file.toString());

    // One line per object: kubectl accepted each of them.
    assertThat(lines).hasSameSizeAs(objects);
    List<String> expected = new ArrayList<>();
    for (JsonNode object : objects) {
      expected.add(object.path("metadata").path("name").asText());
    }
    assertThat(lines.stream().map(l -> l.substring(l.indexOf('/') + 1)).toList())
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  private static void crd(String group, String version, String kind, String plural, boolean ns) {
    API.createCustomResourceDefinition(
        new ResourceDefinitionContext.Builder()
            .withGroup(group)
            .withVersion(version)
            .withKind(kind)
            .withPlural(plural)
            .withNamespaced(ns)
            .build());
  }

  /** kubectl with a kubeconfig naming the mock, a fresh discovery cache; its stdout lines. */
  private static List<String> kubectl(String... arguments) throws Exception {
    Path kubeconfig = home.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster: {server: "%s"}
        users:
        - name: test
          user: {token: not-checked}
        contexts:
        - name: mock
          context: {cluster: mock, user: test, namespace: %s}
        current-context: mock
        """
            .formatted(API.url(), ExporterChart.NAMESPACE));
    List<String> command =
        new ArrayList<>(List.of("kubectl", "--cache-dir=" + home.resolve("cache")));
    command.addAll(List.of(arguments));
    Path stderr = Files.createTempFile(home, "kubectl", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("HOME", home.toString());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
    assertThat(process.exitValue())
        .as("kubectl %s: %s%s", command, out, Files.readString(stderr))
        .isZero();
    return out.lines().filter(line -> !line.isBlank()).toList();
  }
}
