package io.github.kubestashmetrics.exporter;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.kubestashmetrics.metrics.FamilyDescriptor;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.MetricsStore;
import io.github.kubestashmetrics.metrics.language.MappingError;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.testkit.ExpositionParser;
import io.github.kubestashmetrics.testkit.Series;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What the tests of {@code deploy/monitoring} share: paths, metric names, PromQL, promtool. */
final class MonitoringSupport {

  static final Path MONITORING =
      Path.of(System.getProperty("kubestash.project.dir", ".."), "deploy", "monitoring")
          .toAbsolutePath()
          .normalize();

  /** The job label Prometheus gives the exporter's targets (the Service name, by default). */
  static final String JOB = "kubestash-exporter";

  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "inf",
          "nan",
          "atan2");

  private MonitoringSupport() {}

  /** The 36 contract families, every sample name of the exporter's own metrics, and {@code up}. */
  static Set<String> allowedMetricNames() {
    Set<String> names = new TreeSet<>();
    MetricCatalogue.standard().families().stream().map(FamilyDescriptor::name).forEach(names::add);
    for (Series s : telemetrySeries(kind -> true)) {
      if (s.name().startsWith("kubestash_exporter_")) {
        names.add(s.name());
      }
    }
    names.add("up");
    return names;
  }

  /** {@link #telemetrySeries(Predicate, Predicate)} with every synced kind watching. */
  static List<Series> telemetrySeries(Predicate<KubeStashKinds.Kind<?>> synced) {
    return telemetrySeries(synced, synced);
  }

  /**
   * The exporter's own metrics as its telemetry port serves them, from a {@link Telemetry} that has
   * seen one of each event; {@code synced} says which kinds have synced, {@code watching} which
   * have an open watch.
   */
  static List<Series> telemetrySeries(
      Predicate<KubeStashKinds.Kind<?>> synced, Predicate<KubeStashKinds.Kind<?>> watching) {
    MetricsStore store = new MetricsStore(MetricCatalogue.standard());
    Readiness readiness = new Readiness(ExporterConfig.defaults());
    KubeStashKinds.ALL.forEach(
        kind -> readiness.track(kind.kind(), () -> synced.test(kind), () -> watching.test(kind)));
    Telemetry telemetry = new Telemetry(store, readiness);
    telemetry.watchEvent(KubeStashKinds.BACKUP_SESSION.kind(), "ADDED");
    telemetry.informerRestart(KubeStashKinds.BACKUP_SESSION.kind());
    telemetry.mappingErrors(
        List.of(
            new MappingError(
                "storage_kubestash_com_repository_size_bytes",
                "Repository",
                "demo",
                "repo",
                MappingError.UNPARSEABLE_SIZE)));
    telemetry.scrape(0.01, 1024);
    telemetry.scrapeRejected();
    String text = PrometheusTextFormatWriter.create().toDebugString(telemetry.registry().scrape());
    // Only our own families: the JVM's are client_java's business.
    String ours =
        text.lines()
            .filter(l -> l.startsWith("kubestash_exporter_") || l.matches("# \\w+ kubestash_.*"))
            .collect(Collectors.joining("\n", "", "\n"));
    return ExpositionParser.parsePrometheus(ours).series();
  }

  /**
   * The metric names a PromQL expression selects: identifiers left once strings, label matchers,
   * ranges, grouping clauses, numbers, Grafana variables, function calls and keywords are removed.
   */
  static Set<String> metricNamesIn(String expr) {
    String rest =
        expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
            .replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''")
            .replaceAll("\\$\\{?\\w+}?", "")
            .replaceAll("\\{[^}]*}", " ")
            .replaceAll("\\[[^]]*]", " ")
            .replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
            .replaceAll("\\boffset\\s+-?[0-9a-z]+", " ")
            .replaceAll("(?<![a-zA-Z_:])[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(rest);
    while (m.find()) {
      String token = m.group();
      int next = m.end();
      while (next < rest.length() && Character.isWhitespace(rest.charAt(next))) {
        next++;
      }
      boolean call = next < rest.length() && rest.charAt(next) == '(';
      if (!call && !KEYWORDS.contains(token.toLowerCase(java.util.Locale.ROOT))) {
        names.add(token);
      }
    }
    return names;
  }

  /** Whether promtool can run; absent outside CI skips the caller, absent in CI fails it. */
  static void requirePromtool() {
    ExternalTools.require("promtool");
  }

  static boolean onPath(String tool) {
    return ExternalTools.onPath(tool);
  }

  /** Exit status and combined output of one command. */
  record Run(int exit, String output) {}

  static Run run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(String.join(" ", command) + " did not finish within 120 s");
    }
    return new Run(process.exitValue(), output);
  }

  /** Every {@code expr} of a rule file tree's groups, in order. */
  static List<String> exprsOf(com.fasterxml.jackson.databind.JsonNode groups) {
    List<String> exprs = new ArrayList<>();
    for (var group : groups) {
      for (var rule : group.path("rules")) {
        exprs.add(rule.path("expr").asText());
      }
    }
    return exprs;
  }
}
