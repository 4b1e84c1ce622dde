package io.github.kubestashmetrics.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl itself, pointed at the mock, resolves kinds to resources through its discovery: the
 * strongest evidence that discovery answers as a real API server's does. Skipped where kubectl is
 * not installed (the CI script installs it for kustomize).
 */
class KubectlDiscoveryTest {

  @RegisterExtension
  static final KubeStashMockServer server =
      KubeStashMockServer.builder().resetAfterEach(false).build();

  private static final ResourceDefinitionContext WIDGETS =
      new ResourceDefinitionContext.Builder()
          .withGroup("example.com")
          .withVersion("v1")
          .withKind("Widget")
          .withPlural("widgets")
          .withNamespaced(true)
          .build();

  @TempDir static Path home;

  @BeforeAll
  static void objectsOfBuiltInAndCustomKinds() {
    assumeTrue(kubectlInstalled(), "kubectl is not installed");
    server.createCustomResourceDefinition(WIDGETS);
    server
        .client()
        .genericKubernetesResources(WIDGETS)
        .inNamespace("demo")
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("example.com/v1")
                .withKind("Widget")
                .withNewMetadata()
                .withName("w1")
                .withNamespace("demo")
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("size", 1)))
                .build())
        .create();
    server
        .client()
        .network()
        .v1()
        .networkPolicies()
        .inNamespace("demo")
        .resource(
            new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName("deny-all")
                .withNamespace("demo")
                .endMetadata()
                .build())
        .create();
    server
        .client()
        .network()
        .v1()
        .ingresses()
        .inNamespace("demo")
        .resource(
            new IngressBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace("demo")
                .endMetadata()
                .build())
        .create();
  }

  @Test
  void apiResourcesListsBuiltInKubeStashAndRuntimeKinds() throws Exception {
    List<String> lines = kubectl("api-resources", "--no-headers");

    assertThat(lines)
        .anySatisfy(line -> assertThat(line.split("\\s+")).startsWith("deployments", "deploy"))
        .anySatisfy(line -> assertThat(line.split("\\s+")).startsWith("networkpolicies", "netpol"))
        .anySatisfy(line -> assertThat(line.split("\\s+")).startsWith("ingresses", "ing"))
        .anySatisfy(
            line ->
                assertThat(line.split("\\s+"))
                    .containsExactly("widgets", "example.com/v1", "true", "Widget"))
        .anySatisfy(
            line ->
                assertThat(line.split("\\s+"))
                    .containsExactly(
                        "backupsessions", "core.kubestash.com/v1alpha1", "true", "BackupSession"))
        .noneSatisfy(line -> assertThat(line).contains("/status"));
  }

  @Test
  void kubectlResolvesKindsToTheirResources() throws Exception {
    assertThat(kubectl("get", "NetworkPolicy", "-n", "demo", "-o", "name"))
        .containsExactly("networkpolicy.networking.k8s.io/deny-all");
    assertThat(kubectl("get", "ing", "-n", "demo", "-o", "name"))
        .containsExactly("ingress.networking.k8s.io/web");
    assertThat(kubectl("get", "Widget", "-A", "-o", "name"))
        .containsExactly("widget.example.com/w1");
    assertThat(kubectl("get", "widgets.v1.example.com", "-n", "demo", "-o", "name"))
        .containsExactly("widget.example.com/w1");
  }

  private static boolean kubectlInstalled() {
    try {
      Process process =
          new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs kubectl against the mock (no kubeconfig, a fresh discovery cache) and returns stdout. */
  private static List<String> kubectl(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("kubectl", "--server", server.url()));
    command.add("--cache-dir=" + home.resolve("cache"));
    command.addAll(List.of(arguments));
    Path stderr = Files.createTempFile(home, "kubectl", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    builder.environment().put("KUBECONFIG", home.resolve("no-kubeconfig").toString());
    builder.environment().put("HOME", home.toString());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
    assertThat(process.exitValue())
        .as("kubectl %s: %s", command, Files.readString(stderr))
        .isZero();
    return out.lines().filter(line -> !line.isBlank()).toList();
  }
}
