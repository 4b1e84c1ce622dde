package io.github.kubestashmetrics.exporter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.kubestashmetrics.metrics.language.ConfigurationOrigin;
import io.github.kubestashmetrics.metrics.language.ConfigurationProblem;
import io.github.kubestashmetrics.metrics.language.EngineOptions;
import io.github.kubestashmetrics.metrics.language.ProblemCode;
import io.github.kubestashmetrics.metrics.language.SourcedConfiguration;
import io.github.kubestashmetrics.metrics.plan.ConfigurationPlan;
import io.github.kubestashmetrics.metrics.plan.FamilyConflict;
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

/**
 * {@code validate PATH... [--crd FILE]... [--output text|json]}: lint MetricsConfigurations as the
 * engine sees them, through the same {@link ConfigurationPlan} the exporter serves from (so a
 * family two files define is reported with the winner the exporter serves).
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check MetricsConfigurations (files or directories) by every rule the engine enforces: "
          + "paths, field types, labels, parameters, expressions and their functions, families "
          + "defined twice (the exporter serves the older configuration, then the first name; "
          + "each conflict names its winner and its loser). With --crd, every path is also "
          + "checked against the target CRD's OpenAPI schema (it must exist, with a type its "
          + "field.type allows).",
      "Prints one line per problem and a summary (--output json: one JSON document for tools, "
          + "every problem with its code, path and source); exit status 1 when there is any "
          + "problem."
    })
final class ValidateCommand implements Callable<Integer> {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How the report is printed. */
  enum Output {
    text,
    json
  }

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories.")
  List<Path> paths;

  @Option(
      names = "--crd",
      paramLabel = "FILE",
      description =
          "CRD files (or directories of them) of the target kinds, for the schema check"
              + " (repeatable).")
  List<Path> crds = new ArrayList<>();

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      description = "text (one line per problem, the default) or json.")
  Output output = Output.text;

  /** Where the report goes; tests swap it. */
  PrintStream stdout = System.out;

  @Override
  public Integer call() throws IOException {
    MetricsConfigurationFiles.Loaded loaded = MetricsConfigurationFiles.load(paths);
    List<String> errors = new ArrayList<>(loaded.errors());
    ConfigurationPlan plan = ConfigurationPlan.ofSourced(loaded.sourced(), EngineOptions.DEFAULT);
    List<ConfigurationProblem> problems = new ArrayList<>(plan.problems());
    List<JsonNode> crdDocuments = readCrds(errors);
    if (!crds.isEmpty()) {
      for (SourcedConfiguration configuration : loaded.sourced()) {
        schemaProblems(configuration, crdDocuments, problems);
      }
    }
    int accepted = plan.configurations().stream().mapToInt(c -> c.activeFamilies().size()).sum();
    PrintStream out = stdout;
    if (output == Output.json) {
      out.println(json(loaded.sourced().size(), accepted, problems, plan, errors));
    } else {
      errors.forEach(error -> out.println("error: " + error));
      problems.forEach(problem -> out.println("error: " + problem));
      for (FamilyConflict conflict : plan.conflicts()) {
        out.println(
            "conflict: "
                + conflict.family()
                + ": served from "
                + conflict.winner()
                + " ("
                + conflict.winnerOrigin()
                + "), not from "
                + conflict.loser()
                + " ("
                + conflict.loserOrigin()
                + ", "
                + conflict.loserPath()
                + ")");
      }
      out.printf(
          "%d configurations, %d metrics accepted, %d problems%n",
          loaded.sourced().size(), accepted, errors.size() + problems.size());
    }
    out.flush();
    return errors.isEmpty() && problems.isEmpty() ? 0 : 1;
  }

  /** The report for tools: summary counts, problems, conflicts (winner and loser), read errors. */
  private static String json(
      int configurations,
      int accepted,
      List<ConfigurationProblem> problems,
      ConfigurationPlan plan,
      List<String> errors)
      throws JsonProcessingException {
    ObjectNode root = JSON.createObjectNode();
    root.put("configurations", configurations);
    root.put("metricsAccepted", accepted);
    ArrayNode list = root.putArray("problems");
    for (ConfigurationProblem problem : problems) {
      ObjectNode node = list.addObject();
      node.put("code", problem.code().code());
      node.put("configuration", problem.configuration());
      node.set("source", source(problem.origin()));
      node.put("path", problem.path());
      node.put("family", problem.family());
      node.put("reason", problem.reason());
    }
    ArrayNode conflicts = root.putArray("conflicts");
    for (FamilyConflict conflict : plan.conflicts()) {
      ObjectNode node = conflicts.addObject();
      node.put("family", conflict.family());
      ObjectNode winner = node.putObject("winner");
      winner.put("configuration", conflict.winner());
      winner.set("source", source(conflict.winnerOrigin()));
      ObjectNode loser = node.putObject("loser");
      loser.put("configuration", conflict.loser());
      loser.set("source", source(conflict.loserOrigin()));
      loser.put("path", conflict.loserPath());
    }
    ArrayNode unread = root.putArray("errors");
    errors.forEach(unread::add);
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  private static ObjectNode source(ConfigurationOrigin origin) {
    ObjectNode node = JSON.createObjectNode();
    if (origin.isFile()) {
      node.put("file", origin.file());
      node.put("document", origin.document());
      if (origin.item() >= 0) {
        node.put("item", origin.item());
      }
    } else {
      node.put("object", origin.object());
    }
    return node;
  }

  private List<JsonNode> readCrds(List<String> errors) throws IOException {
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
        errors.add(
            file + ": cannot read the CRD: " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    return documents;
  }

  private static void schemaProblems(
      SourcedConfiguration sourced,
      List<JsonNode> crdDocuments,
      List<ConfigurationProblem> problems) {
    MetricsConfiguration configuration = sourced.configuration();
    if (configuration == null
        || configuration.getSpec() == null
        || configuration.getSpec().getTargetRef() == null) {
      return;
    }
    String configurationName =
        configuration.getMetadata() == null || configuration.getMetadata().getName() == null
            ? ""
            : configuration.getMetadata().getName();
    Reporter name = new Reporter(configurationName, sourced.origin(), problems);
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
      name.report("spec.targetRef", List.of("no --crd defines " + apiVersion + " " + kind));
      return;
    }
    CrdSchemaCheck schema = check.get();
    List<CommonLabels> common =
        configuration.getSpec().getCommonLabels() == null
            ? List.of()
            : configuration.getSpec().getCommonLabels();
    for (int i = 0; i < common.size(); i++) {
      if (common.get(i) != null && common.get(i).getValue() == null) {
        name.report(
            "spec.commonLabels[" + i + "].valuePath",
            schema.check(common.get(i).getValuePath(), null));
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
        name.report(
            at + ".field.path",
            schema.check(metric.getField().getPath(), metric.getField().getType()));
      }
      if (metric.getLabels() != null) {
        for (int i = 0; i < metric.getLabels().size(); i++) {
          Labels label = metric.getLabels().get(i);
          if (label != null && label.getValue() == null && label.getValuePath() != null) {
            name.report(
                at + ".labels[" + i + "].valuePath", schema.check(label.getValuePath(), null));
          }
        }
      }
      if (metric.getParams() != null) {
        for (int i = 0; i < metric.getParams().size(); i++) {
          Params param = metric.getParams().get(i);
          if (param != null && param.getValue() == null && param.getValuePath() != null) {
            name.report(
                at + ".params[" + i + "].valuePath", schema.check(param.getValuePath(), null));
          }
        }
      }
      if (metric.getMetricValue() != null && metric.getMetricValue().getValueFromPath() != null) {
        name.report(
            at + ".metricValue.valueFromPath",
            schema.check(metric.getMetricValue().getValueFromPath(), null));
      }
      if (metric.getStates() != null && metric.getStates().getValues() != null) {
        List<Values> values = metric.getStates().getValues();
        for (int i = 0; i < values.size(); i++) {
          Values state = values.get(i);
          if (state != null
              && state.getMetricValue() != null
              && state.getMetricValue().getValueFromPath() != null) {
            name.report(
                at + ".states.values[" + i + "].metricValue.valueFromPath",
                schema.check(state.getMetricValue().getValueFromPath(), null));
          }
        }
      }
    }
  }

  /** Adds the schema problems of one configuration, each at its full path. */
  private record Reporter(
      String configuration, ConfigurationOrigin origin, List<ConfigurationProblem> problems) {

    void report(String path, List<String> found) {
      for (String problem : found) {
        problems.add(
            new ConfigurationProblem(
                ProblemCode.SCHEMA_MISMATCH, configuration, origin, path, "", problem));
      }
    }
  }
}
