package io.github.kubestashmetrics.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The exporter's Helm chart ({@code deploy/helm/kubestash-exporter}) rendered by real Helm: Helm's
 * own Go code, run in-process through helm-java, so what the tests see is what {@code helm
 * template} and {@code helm install} produce.
 */
final class ExporterChart {

  static final Path DIRECTORY = DeployChecks.DEPLOY.resolve("helm").resolve("kubestash-exporter");

  /**
   * The release name the equivalence with {@code deploy/} assumes: objects named like kustomize's.
   */
  static final String RELEASE = "kubestash-exporter";

  /** The namespace of {@code deploy/base}. */
  static final String NAMESPACE = "kubestash-metrics";

  private ExporterChart() {}

  /**
   * {@code helm template RELEASE chart -n NAMESPACE -f values} as text; throws Helm's own error
   * (schema violations, template failures) as an {@link IllegalStateException}.
   */
  static String template(Map<String, Object> values) {
    try {
      Path file = Files.createTempFile("values", ".yaml");
      try {
        DeployChecks.YAML.writeValue(file.toFile(), values);
        return new Helm(DIRECTORY)
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withValuesFile(file)
            .call();
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #template} parsed into its objects. */
  static List<JsonNode> render(Map<String, Object> values) {
    try {
      return DeployChecks.documents(template(values));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
