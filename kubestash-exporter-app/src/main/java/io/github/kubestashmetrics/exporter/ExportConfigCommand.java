package io.github.kubestashmetrics.exporter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.github.kubestashmetrics.metrics.BuiltInConfigurations;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code export-config}: the built-in catalogue as six MetricsConfigurations, on stdout. */
@Command(
    name = "export-config",
    mixinStandardHelpOptions = true,
    description = {
      "Print the built-in catalogue (the 36 families of the six KubeStash kinds) as six "
          + "MetricsConfigurations (metrics.appscode.com/v1alpha1), one YAML document each: "
          + "a starting point for your own, to run with render --metrics-config."
    })
final class ExportConfigCommand implements Callable<Integer> {

  private static final ObjectMapper YAML =
      new ObjectMapper(
              new YAMLFactory()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
          .setDefaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_EMPTY));

  /** Where the YAML goes; tests swap it. */
  OutputStream stdout = System.out;

  @Override
  public Integer call() throws Exception {
    Writer out = new OutputStreamWriter(stdout, StandardCharsets.UTF_8);
    boolean first = true;
    for (MetricsConfiguration configuration : BuiltInConfigurations.standard()) {
      if (!first) {
        out.write("---\n");
      }
      first = false;
      out.write(YAML.writeValueAsString(configuration));
    }
    out.flush();
    return 0;
  }
}
