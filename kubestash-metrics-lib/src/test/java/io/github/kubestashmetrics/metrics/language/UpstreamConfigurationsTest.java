package io.github.kubestashmetrics.metrics.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * All 50 upstream MetricsConfigurations (KubeStash's six, 44 of KubeDB, KubeVault, Sidekick and
 * Stash) compile; every metric is accepted except exactly those that call one of KubeDB's resource
 * calculator functions, each rejected with a reason naming that function.
 */
public class UpstreamConfigurationsTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Every upstream configuration file, or a skipped test when the reference data is absent. */
  public static List<Path> upstreamFiles() throws IOException {
    String shared = System.getProperty("kubestash.shared.dir");
    assumeTrue(shared != null, "kubestash.shared.dir is not set");
    List<Path> files = new ArrayList<>();
    for (String sub : List.of("metricsconfigurations", "metricsconfigurations-ecosystem")) {
      Path dir = Path.of(shared, "reference", sub);
      assumeTrue(Files.isDirectory(dir), dir + " is absent");
      try (Stream<Path> list = Files.list(dir)) {
        list.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
      }
    }
    return files;
  }

  public static MetricsConfiguration read(Path file) throws IOException {
    return YAML.readValue(file.toFile(), MetricsConfiguration.class);
  }

  @Test
  void everyMetricCompilesExceptThoseCallingKubeDbCalculatorFunctions() throws IOException {
    List<Path> files = upstreamFiles();
    assertThat(files).hasSize(50);
    int declared = 0;
    Set<String> expectedRejected = new TreeSet<>();
    List<MetricsConfiguration> configurations = new ArrayList<>();
    for (Path file : files) {
      JsonNode tree = YAML.readTree(file.toFile());
      String prefix =
          CompiledConfiguration.prefixOf(
              tree.at("/spec/targetRef/apiVersion").asText(),
              tree.at("/spec/targetRef/kind").asText());
      for (JsonNode metric : tree.at("/spec/metrics")) {
        declared++;
        if (callsCalculator(metric.toString())) {
          expectedRejected.add(prefix + metric.path("name").asText());
        }
      }
      configurations.add(read(file));
    }
    CompiledConfigurations compiled = MetricsConfigurationCompiler.compile(configurations);

    Set<String> rejected = new TreeSet<>();
    for (ConfigurationProblem problem : compiled.problems()) {
      rejected.add(problem.family());
      assertThat(problem.reason())
          .as(problem.toString())
          .contains("KubeDB's resource calculator functions")
          .containsAnyOf(Function.KUBEDB_CALCULATORS.toArray(new String[0]));
      assertThat(problem.path()).as(problem.toString()).startsWith("spec.metrics[");
    }
    assertThat(rejected).isEqualTo(expectedRejected);
    assertThat(compiled.configurations()).hasSize(50);
    assertThat(compiled.metricCount() + expectedRejected.size()).isEqualTo(declared);
    assertThat(expectedRejected).isNotEmpty();
  }

  private static boolean callsCalculator(String metricJson) {
    for (String function : Function.KUBEDB_CALCULATORS) {
      if (metricJson.matches("(?s).*\\b" + function + "\\s*\\(.*")) {
        return true;
      }
    }
    return false;
  }
}
