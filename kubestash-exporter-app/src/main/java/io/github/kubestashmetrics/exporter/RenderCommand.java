package io.github.kubestashmetrics.exporter;

import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.ExpositionWriter;
import io.github.kubestashmetrics.metrics.MappingError;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.RenderedObject;
import io.github.kubestashmetrics.metrics.language.CompiledConfigurations;
import io.github.kubestashmetrics.metrics.language.MetricsConfigurationCompiler;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code render PATH...}: what the exporter would serve for these manifests, offline. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Map KubeStash manifests (YAML/JSON files or directories, recursively *.yaml, *.yml, "
          + "*.json; multi-document YAML; kind: List) to Prometheus text format 0.0.4 on stdout.",
      "Other kinds are skipped with a note on stderr. A document that cannot be parsed is "
          + "reported on stderr and the exit status is 1; everything else is still rendered.",
      "With --metrics-config, objects of any kind those MetricsConfigurations target are "
          + "rendered by them instead (an unparseable configuration document also exits 1)."
    })
final class RenderCommand implements Callable<Integer> {

  private static final int MAX_LISTED_MAPPING_ERRORS = 20;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories.")
  List<Path> paths;

  @Option(
      names = "--metrics-config",
      paramLabel = "PATH",
      description =
          "Render with these MetricsConfigurations (files or directories, repeatable) instead of "
              + "the built-in catalogue; rejected metrics are listed on stderr.")
  List<Path> metricsConfigs = new ArrayList<>();

  /** Where the exposition goes; tests swap it. */
  OutputStream stdout = System.out;

  /** Where notes and errors go; tests swap it. */
  PrintStream stderr = System.err;

  @Override
  public Integer call() throws Exception {
    PrintStream err = stderr;
    MetricCatalogue catalogue = MetricCatalogue.standard();
    boolean configurationErrors = false;
    if (!metricsConfigs.isEmpty()) {
      MetricsConfigurationFiles.Loaded loaded = MetricsConfigurationFiles.load(metricsConfigs);
      loaded.errors().forEach(error -> err.println("error: " + error));
      CompiledConfigurations compiled =
          MetricsConfigurationCompiler.compile(loaded.configurations());
      compiled.problems().forEach(problem -> err.println("rejected: " + problem));
      configurationErrors = !loaded.errors().isEmpty();
      catalogue = MetricCatalogue.of(compiled);
    }
    ManifestRenderer.Result result = new ManifestRenderer(catalogue).render(paths);
    result.notes().forEach(note -> err.println("note: " + note));
    result.errors().forEach(error -> err.println("error: " + error));
    reportMappingErrors(result.objects(), err);
    OutputStream out = new BufferedOutputStream(stdout, 64 * 1024);
    ExpositionWriter.write(catalogue, result.objects(), ExpositionFormat.TEXT_0_0_4, out);
    out.flush();
    return result.errors().isEmpty() && !configurationErrors ? 0 : 1;
  }

  private static void reportMappingErrors(List<RenderedObject> objects, PrintStream err) {
    int total = 0;
    for (RenderedObject object : objects) {
      for (MappingError error : object.errors()) {
        if (total < MAX_LISTED_MAPPING_ERRORS) {
          err.printf(
              "dropped: %s of %s %s/%s: %s%n",
              error.family(), error.kind(), error.namespace(), error.name(), error.reason());
        }
        total++;
      }
    }
    if (total > MAX_LISTED_MAPPING_ERRORS) {
      err.printf("dropped: %d values in all%n", total);
    }
  }
}
