package io.github.kubestashmetrics.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.kubestashmetrics.metrics.language.CompiledConfigurations;
import io.github.kubestashmetrics.metrics.language.ConfigurationProblem;
import io.github.kubestashmetrics.metrics.language.MetricsConfigurationCompiler;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.CommonLabels;
import io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.Metrics;
import io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.metrics.Labels;
import io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.metrics.Params;
import io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.metrics.states.Values;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code validate PATH... [--crd FILE]...}: lint MetricsConfigurations as the engine sees them. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check MetricsConfigurations (files or directories) by every rule the engine enforces: "
          + "paths, field types, labels, parameters, expressions and their functions, duplicate "
          + "families. With --crd, every path is also checked against the target CRD's OpenAPI "
          + "schema (it must exist, with a type its field.type allows).",
      "Prints one line per problem and a summary; exit status 1 when there is any problem."
    })
final class ValidateCommand implements Callable<Integer> {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories.")
  List<Path> paths;

  @Option(
      names = "--crd",
      paramLabel = "FILE",
      description =
          "CRD files (or directories of them) of the target kinds, for the schema check"
              + " (repeatable).")
  List<Path> crds = new ArrayList<>();

  /** Where the report goes; tests swap it. */
  PrintStream stdout = System.out;

  @Override
  public Integer call() throws IOException {
    MetricsConfigurationFiles.Loaded loaded = MetricsConfigurationFiles.load(paths);
    List<String> problems = new ArrayList<>(loaded.errors());
    CompiledConfigurations compiled = MetricsConfigurationCompiler.compile(loaded.configurations());
    for (ConfigurationProblem problem : compiled.problems()) {
      problems.add(problem.toString());
    }
    List<JsonNode> crdDocuments = readCrds(problems);
    if (!crds.isEmpty()) {
      for (MetricsConfiguration configuration : loaded.configurations()) {
        schemaProblems(configuration, crdDocuments, problems);
      }
    }
    PrintStream out = stdout;
    problems.forEach(problem -> out.println("error: " + problem));
    out.printf(
        "%d configurations, %d metrics accepted, %d problems%n",
        loaded.configurations().size(), compiled.metricCount(), problems.size());
    out.flush();
    return problems.isEmpty() ? 0 : 1;
  }

  private List<JsonNode> readCrds(List<String> problems) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (Path crd : crds) {
      if (Files.isDirectory(crd)) {
        try (Stream<Path> walk = Files.walk(crd)) {
          walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted()
              .forEach(files::add);
        }
      } else {
        files.add(crd);
      }
    }
    for (Path file : files) {
      try (MappingIterator<JsonNode> it =
          YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
        while (it.hasNextValue()) {
          JsonNode document = it.nextValue();
          if (document != null
              && "CustomResourceDefinition".equals(document.path("kind").asText())) {
            documents.add(document);
          }
        }
      } catch (IOException e) {
        problems.add(
            file + ": cannot read the CRD: " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    return documents;
  }

  private static void schemaProblems(
      MetricsConfiguration configuration, List<JsonNode> crdDocuments, List<String> problems) {
    if (configuration.getSpec() == null || configuration.getSpec().getTargetRef() == null) {
      return;
    }
    String name = configuration.getMetadata() == null ? "" : configuration.getMetadata().getName();
    String apiVersion = String.valueOf(configuration.getSpec().getTargetRef().getApiVersion());
    String kind = String.valueOf(configuration.getSpec().getTargetRef().getKind());
    Optional<CrdSchemaCheck> check = Optional.empty();
    for (JsonNode crd : crdDocuments) {
      check = CrdSchemaCheck.of(crd, apiVersion, kind);
      if (check.isPresent()) {
        break;
      }
    }
    if (check.isEmpty()) {
      problems.add(name + ": no --crd defines " + apiVersion + " " + kind);
      return;
    }
    CrdSchemaCheck schema = check.get();
    List<CommonLabels> common =
        configuration.getSpec().getCommonLabels() == null
            ? List.of()
            : configuration.getSpec().getCommonLabels();
    for (int i = 0; i < common.size(); i++) {
      if (common.get(i) != null && common.get(i).getValue() == null) {
        report(
            name,
            "spec.commonLabels[" + i + "]",
            schema.check(common.get(i).getValuePath(), null),
            problems);
      }
    }
    List<Metrics> metrics =
        configuration.getSpec().getMetrics() == null
            ? List.of()
            : configuration.getSpec().getMetrics();
    for (int m = 0; m < metrics.size(); m++) {
      Metrics metric = metrics.get(m);
      if (metric == null) {
        continue;
      }
      String at = "spec.metrics[" + m + "]";
      if (metric.getField() != null && metric.getField().getPath() != null) {
        report(
            name,
            at + ".field",
            schema.check(metric.getField().getPath(), metric.getField().getType()),
            problems);
      }
      if (metric.getLabels() != null) {
        for (int i = 0; i < metric.getLabels().size(); i++) {
          Labels label = metric.getLabels().get(i);
          if (label != null && label.getValue() == null && label.getValuePath() != null) {
            report(
                name,
                at + ".labels[" + i + "]",
                schema.check(label.getValuePath(), null),
                problems);
          }
        }
      }
      if (metric.getParams() != null) {
        for (int i = 0; i < metric.getParams().size(); i++) {
          Params param = metric.getParams().get(i);
          if (param != null && param.getValue() == null && param.getValuePath() != null) {
            report(
                name,
                at + ".params[" + i + "]",
                schema.check(param.getValuePath(), null),
                problems);
          }
        }
      }
      if (metric.getMetricValue() != null && metric.getMetricValue().getValueFromPath() != null) {
        report(
            name,
            at + ".metricValue.valueFromPath",
            schema.check(metric.getMetricValue().getValueFromPath(), null),
            problems);
      }
      if (metric.getStates() != null && metric.getStates().getValues() != null) {
        List<Values> values = metric.getStates().getValues();
        for (int i = 0; i < values.size(); i++) {
          Values state = values.get(i);
          if (state != null
              && state.getMetricValue() != null
              && state.getMetricValue().getValueFromPath() != null) {
            report(
                name,
                at + ".states.values[" + i + "].metricValue.valueFromPath",
                schema.check(state.getMetricValue().getValueFromPath(), null),
                problems);
          }
        }
      }
    }
  }

  private static void report(String name, String at, List<String> found, List<String> problems) {
    for (String problem : found) {
      problems.add(name + ": " + at + ": " + problem);
    }
  }
}
