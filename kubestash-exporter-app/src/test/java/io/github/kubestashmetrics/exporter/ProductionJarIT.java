package io.github.kubestashmetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * What ships: the production jar holds nothing of the tests (no JUnit, no mock server, no testkit),
 * which live in {@code kubestash-exporter-demo} for {@code --demo}.
 */
class ProductionJarIT {

  private static final List<String> TEST_ONLY_PREFIXES =
      List.of("org/junit/", "io/fabric8/mockwebserver/", "io/github/kubestashmetrics/testkit/");

  @Test
  void productionJarHoldsNoJunitNoMockServerAndNoTestkit() throws Exception {
    Path jar = Path.of(System.getProperty("kubestash.exporter.jar"));
    assertThat(jar).exists();
    try (JarFile file = new JarFile(jar.toFile())) {
      List<String> entries = file.stream().map(ZipEntry::getName).toList();
      // The jar is the real one: the exporter's main class is in it.
      assertThat(entries).contains("io/github/kubestashmetrics/exporter/Main.class");
      List<String> testOnly =
          entries.stream()
              .filter(e -> TEST_ONLY_PREFIXES.stream().anyMatch(e::startsWith))
              .toList();
      assertThat(testOnly).as("test-only entries in " + jar).isEmpty();
      // The Kubernetes client runs on the JDK's HTTP client (KubernetesModule says why); no
      // Vert.x client is there to be picked instead.
      assertThat(entries)
          .contains("io/fabric8/kubernetes/client/jdkhttp/JdkHttpClientFactory.class")
          .noneMatch(e -> e.startsWith("io/fabric8/kubernetes/client/vertx/"))
          .noneMatch(e -> e.startsWith("io/vertx/"));
    }
    System.out.printf("production jar: %d bytes%n", Files.size(jar));
  }
}
