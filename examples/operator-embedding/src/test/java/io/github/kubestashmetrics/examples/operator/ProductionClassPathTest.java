package io.github.kubestashmetrics.examples.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The production (runtime) class path, as maven-dependency-plugin wrote it during this build, can
 * talk to a cluster: the library brings {@code kubernetes-client-api} only, and tests alone would
 * not notice a missing implementation because the testkit brings one in test scope.
 */
class ProductionClassPathTest {

  @Test
  void productionClassPathHasAKubernetesClientImplementationAndNoTestkit() throws IOException {
    List<String> jars =
        List.of(
            Files.readString(Path.of(System.getProperty("runtime.class.path.file")))
                .strip()
                .split(java.io.File.pathSeparator));
    assertThat(jars)
        .anyMatch(jar -> jar.contains("kubestash-metrics-lib-"))
        .anyMatch(jar -> jar.contains("kubernetes-client-api-"))
        .as("a Kubernetes client implementation and an HTTP client for it")
        .anyMatch(jar -> jar.matches(".*[/\\\\]kubernetes-client-\\d.*"))
        .anyMatch(jar -> jar.contains("kubernetes-httpclient-"))
        .noneMatch(jar -> jar.contains("kubestash-testkit-"))
        .noneMatch(jar -> jar.contains("junit-"));
  }
}
