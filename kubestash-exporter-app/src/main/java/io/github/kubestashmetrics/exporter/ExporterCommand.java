package io.github.kubestashmetrics.exporter;

import io.github.kubestashmetrics.exporter.web.ServingSecurity;
import io.github.kubestashmetrics.exporter.web.WebConfig;
import io.github.kubestashmetrics.exporter.web.WebConfigException;
import io.github.kubestashmetrics.model.KubeStashKinds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Serve (the default): watch KubeStash objects and serve their metrics until SIGTERM. */
@Command(
    name = "kubestash-exporter",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    subcommands = {RenderCommand.class, ValidateCommand.class, ExportConfigCommand.class},
    description = {
      "Exports the 36 KubeStash metric families of KubeStash's own monitoring contract on "
          + "/metrics (with /healthz and /readyz), and its own metrics on the telemetry port."
    })
final class ExporterCommand implements Callable<Integer> {

  /** A duration of {@code --metrics-config-interval}: whole milliseconds, seconds or minutes. */
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

  /** A namespace name, as the API server validates it. */
  private static final Pattern DNS_1123_LABEL =
      Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  /** The most a port can be; 0 asks the system for a free one. */
  private static final int MAX_PORT = 65_535;

  /** Log levels of {@code --log-level}, slf4j-simple's names. */
  enum LogLevel {
    ERROR,
    WARN,
    INFO,
    DEBUG
  }

  @Spec CommandSpec spec;

  /** Starts the embedded API of {@code --demo}; absent in the production jar. */
  private final Optional<Supplier<? extends DemoApi>> demoApi;

  ExporterCommand(Optional<Supplier<? extends DemoApi>> demoApi) {
    this.demoApi = demoApi;
  }

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Kubeconfig file. Default: in-cluster service account, else ~/.kube/config.")
  Path kubeconfig;

  @Option(
      names = "--namespaces",
      split = ",",
      paramLabel = "NS",
      description = "Namespaces to watch, comma-separated. Default: all.")
  List<String> namespaces = new ArrayList<>();

  @Option(
      names = "--label-selector",
      paramLabel = "SELECTOR",
      description = "Only objects matching this label selector (e.g. app=db,tier!=test).")
  String labelSelector;

  @Option(
      names = "--kinds",
      split = ",",
      paramLabel = "KIND",
      description =
          "Kinds to watch, comma-separated (BackupConfiguration, BackupSession, BackupStorage, "
              + "Repository, RestoreSession, Snapshot; plural or any case). Default: all six.")
  List<String> kinds = new ArrayList<>();

  @Option(
      names = "--metrics-config",
      split = ",",
      paramLabel = "SOURCE",
      description =
          "Where the metrics are defined: builtin (the 36 KubeStash families, the default),"
              + " cluster (the cluster's MetricsConfiguration objects, metrics.appscode.com/"
              + "v1alpha1, hot-reloaded: any kind they target, CRDs that appear later included),"
              + " or PATH[,PATH...] (MetricsConfiguration files or directories, re-read when they"
              + " change; no CRD needed).")
  List<String> metricsConfig = new ArrayList<>();

  @Option(
      names = "--metrics-config-interval",
      paramLabel = "DURATION",
      defaultValue = "10s",
      description =
          "How often --metrics-config files are checked for changes and pending targets (CRD"
              + " absent) for their resource, e.g. 10s, 500ms, 1m. Default: ${DEFAULT-VALUE}.")
  String metricsConfigInterval;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Port of /metrics, /healthz, /readyz. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--telemetry-port",
      defaultValue = "8081",
      description =
          "Port of the exporter's own metrics; -1 turns it off. Default: ${DEFAULT-VALUE}.")
  int telemetryPort;

  @Option(
      names = "--bind-address",
      paramLabel = "ADDRESS",
      description = "Address to listen on. Default: 0.0.0.0 (127.0.0.1 in the demo).")
  String bindAddress;

  @Option(
      names = "--max-concurrent-scrapes",
      defaultValue = "4",
      description = "Scrapes served at once; more get 503 at once. Default: ${DEFAULT-VALUE}.")
  int maxConcurrentScrapes;

  @Option(
      names = "--total-shards",
      defaultValue = "1",
      description =
          "Replicas sharing the work; each exports the objects whose UID hashes to its shard "
              + "(kube-state-metrics' function). Default: ${DEFAULT-VALUE}.")
  int totalShards;

  @Option(
      names = "--shard",
      description = "This replica's shard, 0 to total-shards - 1. Default: from --pod-name.")
  Integer shard;

  @Option(
      names = "--pod-name",
      defaultValue = "${env:POD_NAME}",
      description =
          "StatefulSet pod name whose ordinal is the shard when --shard is not given "
              + "(kubestash-exporter-2 is shard 2). Default: $POD_NAME.")
  String podName;

  @Option(
      names = "--web-config-file",
      paramLabel = "FILE",
      description =
          "Prometheus exporter-toolkit web configuration (tls_server_config, basic_auth_users,"
              + " http_server_config.headers) for both ports; certificates are re-read when they"
              + " change. Default: plain HTTP, no authentication.")
  Path webConfigFile;

  @Option(
      names = "--auth",
      paramLabel = "MODE",
      defaultValue = "none",
      description =
          "none, or kubernetes: bearer tokens checked with TokenReview and SubjectAccessReview"
              + " (get on the path). Default: ${DEFAULT-VALUE}.")
  String auth;

  @Option(
      names = "--admission",
      description =
          "Serve the MetricsConfiguration validating webhook on POST"
              + " /validate-metricsconfiguration (needs TLS from --web-config-file).")
  boolean admission;

  @Option(
      names = "--admission-mode",
      paramLabel = "MODE",
      description =
          "deny (refuse a configuration with problems) or warn (allow, with warnings)."
              + " Default: deny.")
  String admissionMode;

  @Option(
      names = "--demo",
      description =
          "No cluster needed: start an embedded Kubernetes API on loopback, seed it with "
              + "realistic KubeStash objects that keep changing, and serve their metrics.")
  boolean demo;

  /**
   * Sets slf4j-simple's level before the first logger exists: no logger is created before {@link
   * #call()} (the loggers of the classes it starts are created when those classes load).
   */
  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      description =
          "error, warn, info or debug; debug also prints stack traces of failures. "
              + "Default: info.")
  void logLevel(LogLevel level) {
    String name = level.name().toLowerCase(Locale.ROOT);
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", name);
    if (level == LogLevel.DEBUG) {
      // simplelogger.properties silences fabric8's per-retry stack traces; debug wants them.
      System.setProperty(
          "org.slf4j.simpleLogger.log.io.fabric8.kubernetes.client.informers.impl.cache.Reflector",
          name);
    }
  }

  @Override
  public Integer call() throws Exception {
    checkPort("--port", port, 0);
    checkPort("--telemetry-port", telemetryPort, -1);
    if (port == telemetryPort && port != 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--port and --telemetry-port are both "
              + port
              + "; give the telemetry port another number, or -1 to turn it off");
    }
    checkNamespaces();
    if (labelSelector != null) {
      LabelSelectorSyntax.problem(labelSelector)
          .ifPresent(
              problem -> {
                throw new ParameterException(
                    spec.commandLine(),
                    "--label-selector '" + labelSelector + "' is not a label selector: " + problem);
              });
    }
    if (maxConcurrentScrapes < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--max-concurrent-scrapes " + maxConcurrentScrapes + " is too small; give 1 or more");
    }
    if (demo && demoApi.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "--demo is not part of the production jar; run java -jar"
              + " kubestash-exporter-demo/target/kubestash-exporter-demo.jar instead");
    }
    ServingSecurity security = servingSecurity();
    MetricsConfigSource source = metricsConfigSource();
    Duration interval = interval();
    if (!source.isBuiltin() && !kinds.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "--kinds selects built-in kinds; with --metrics-config="
              + source
              + " the MetricsConfigurations choose the kinds");
    }
    Logger log = LoggerFactory.getLogger(ExporterCommand.class);
    ExporterConfig config =
        new ExporterConfig(
            Optional.ofNullable(kubeconfig),
            Optional.empty(),
            namespaces,
            Optional.ofNullable(labelSelector).filter(s -> !s.isBlank()),
            parseKinds(kinds),
            bindAddress != null ? bindAddress : demo ? "127.0.0.1" : "0.0.0.0",
            port,
            telemetryPort,
            maxConcurrentScrapes,
            sharding(),
            source,
            interval,
            security);
    DemoApi cluster = demo ? demoApi.orElseThrow().get() : null;
    Exporter exporter = null;
    try {
      if (cluster != null) {
        config = config.withMasterUrl(cluster.url());
      }
      exporter = ExporterComponent.of(config).exporter();
      exporter.start();
    } catch (RuntimeException | IOException e) {
      if (exporter != null) {
        exporter.close();
      }
      if (cluster != null) {
        cluster.close();
      }
      throw e;
    }
    Exporter running = exporter;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("shutting down");
                  running.close();
                  if (cluster != null) {
                    cluster.close();
                  }
                  stopped.countDown();
                },
                "shutdown"));
    if (demo) {
      String host = config.bindAddress().equals("0.0.0.0") ? "127.0.0.1" : config.bindAddress();
      String url =
          (tls ? "https://" : "http://") + host + ":" + exporter.metricsPort() + "/metrics";
      String api = cluster.url().replaceAll("/$", "");
      spec.commandLine()
          .getOut()
          .println(
              "embedded Kubernetes API: "
                  + api
                  + " (kubectl --server "
                  + api
                  + " / curl: POST CRDs, MetricsConfigurations and objects to it)");
      spec.commandLine()
          .getOut()
          .println(
              "Demo exporter serving (the API is seeded; /readyz turns 200 once synced). Try:  curl -s"
                  + (tls ? "k " : " ")
                  + url);
      if (config.security().auth() == ServingSecurity.Auth.KUBERNETES) {
        cluster.tokens().ifPresent(tokens -> printTokens(tokens, url));
      }
      spec.commandLine().getOut().flush();
    }
    stopped.await();
    return 0;
  }

  /** The demo's two tokens, and the curl lines that get 200, 403 and 401 with them. */
  private void printTokens(DemoApi.DemoTokens tokens, String url) {
    String curl = "curl -s" + (tls ? "k" : "") + " -o /dev/null -w '%{http_code}\\n' ";
    spec.commandLine()
        .getOut()
        .println(
            "--auth=kubernetes: allowed token: "
                + tokens.allowed()
                + "\n                   unauthorised token: "
                + tokens.unauthorised()
                + "\n  200: "
                + curl
                + "-H 'Authorization: Bearer "
                + tokens.allowed()
                + "' "
                + url
                + "\n  403: "
                + curl
                + "-H 'Authorization: Bearer "
                + tokens.unauthorised()
                + "' "
                + url
                + "\n  401: "
                + curl
                + url);
  }

  /** Whether --web-config-file turns TLS on (read by {@link #servingSecurity()}). */
  private boolean tls;

  private ServingSecurity servingSecurity() {
    ServingSecurity.Auth mode =
        switch (auth.trim().toLowerCase(Locale.ROOT)) {
          case "none" -> ServingSecurity.Auth.NONE;
          case "kubernetes" -> ServingSecurity.Auth.KUBERNETES;
          default -> throw usage("--auth " + auth + " is not a mode; give none or kubernetes");
        };
    if (admissionMode != null && !admission) {
      throw usage("--admission-mode needs --admission");
    }
    String modeName =
        admissionMode == null ? "deny" : admissionMode.trim().toLowerCase(Locale.ROOT);
    if (!modeName.equals("deny") && !modeName.equals("warn")) {
      throw usage("--admission-mode " + admissionMode + " is not a mode; give deny or warn");
    }
    if (webConfigFile != null) {
      try {
        tls = WebConfig.read(webConfigFile).tlsEnabled();
      } catch (WebConfigException e) {
        throw usage("--web-config-file " + e.getMessage());
      }
    }
    if (admission && !tls) {
      throw usage(
          "--admission needs TLS: give a --web-config-file with tls_server_config (the API server"
              + " calls webhooks over HTTPS only)");
    }
    return new ServingSecurity(
        Optional.ofNullable(webConfigFile),
        mode,
        admission
            ? Optional.of(
                modeName.equals("warn")
                    ? ServingSecurity.AdmissionMode.WARN
                    : ServingSecurity.AdmissionMode.DENY)
            : Optional.empty());
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private void checkPort(String flag, int value, int lowest) {
    if (value < lowest || value > MAX_PORT) {
      throw new ParameterException(
          spec.commandLine(),
          flag
              + " "
              + value
              + " is not a port: give 1 to 65535, or 0 for any free port"
              + (lowest < 0 ? " (-1 turns it off)" : ""));
    }
  }

  /** Namespace names as the API server takes them (DNS-1123 labels); none empty. */
  private void checkNamespaces() {
    for (String namespace : namespaces) {
      if (namespace.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "--namespaces '"
                + String.join(",", namespaces)
                + "': a namespace name cannot be empty; leave --namespaces out to watch all"
                + " namespaces");
      }
      if (!DNS_1123_LABEL.matcher(namespace).matches()) {
        throw new ParameterException(
            spec.commandLine(),
            "--namespaces '"
                + namespace
                + "' is not a namespace name: at most 63 lower-case letters, digits and '-',"
                + " starting and ending with a letter or digit");
      }
    }
  }

  private MetricsConfigSource metricsConfigSource() {
    if (metricsConfig.isEmpty()) {
      return MetricsConfigSource.BUILTIN_CATALOGUE;
    }
    if (metricsConfig.size() == 1) {
      String only = metricsConfig.get(0).trim();
      if (only.equals("builtin")) {
        return MetricsConfigSource.BUILTIN_CATALOGUE;
      }
      if (only.equals("cluster")) {
        return MetricsConfigSource.CLUSTER_OBJECTS;
      }
    }
    List<Path> paths = new ArrayList<>();
    for (String value : metricsConfig) {
      Path path = Path.of(value.trim());
      if (!Files.exists(path)) {
        throw new ParameterException(
            spec.commandLine(),
            "--metrics-config "
                + value
                + ": no such file or directory; give MetricsConfiguration files or directories,"
                + " builtin or cluster");
      }
      paths.add(path);
    }
    Optional<String> unreadable;
    try {
      unreadable = MetricsConfigurationFiles.nothingReadable(paths);
    } catch (IOException e) {
      unreadable = Optional.of(ManifestFiles.reasonOf(e));
    }
    if (unreadable.isPresent()) {
      throw new ParameterException(
          spec.commandLine(),
          "--metrics-config "
              + String.join(",", metricsConfig)
              + ": no configuration can be read: "
              + unreadable.get()
              + "; give MetricsConfiguration files or directories (validate shows what is wrong)");
    }
    return MetricsConfigSource.files(paths);
  }

  private Duration interval() {
    Matcher m = DURATION.matcher(metricsConfigInterval.trim());
    Duration d = null;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
          };
    }
    if (d == null || d.isZero()) {
      throw new ParameterException(
          spec.commandLine(),
          "--metrics-config-interval "
              + metricsConfigInterval
              + " is not a positive duration; give e.g. 10s, 500ms or 1m");
    }
    return d;
  }

  private ShardSelector sharding() {
    if (totalShards < 1) {
      throw new ParameterException(spec.commandLine(), "--total-shards must be at least 1");
    }
    if (totalShards == 1 && shard == null) {
      return ShardSelector.ALL;
    }
    int chosen;
    if (shard != null) {
      chosen = shard;
    } else {
      chosen =
          ShardSelector.ordinalOf(podName)
              .orElseThrow(
                  () ->
                      new ParameterException(
                          spec.commandLine(),
                          "--total-shards > 1 needs --shard, or --pod-name/POD_NAME ending in an"
                              + " ordinal (got "
                              + podName
                              + ")"));
    }
    if (chosen < 0 || chosen >= totalShards) {
      throw new ParameterException(
          spec.commandLine(), "shard " + chosen + " is not in [0, " + totalShards + ")");
    }
    return new ShardSelector(chosen, totalShards);
  }

  private List<KubeStashKinds.Kind<?>> parseKinds(List<String> names) {
    if (names.isEmpty()) {
      return KubeStashKinds.ALL;
    }
    List<KubeStashKinds.Kind<?>> selected = new ArrayList<>();
    for (String name : names) {
      String wanted = name.trim().toLowerCase(Locale.ROOT);
      KubeStashKinds.Kind<?> kind =
          KubeStashKinds.ALL.stream()
              .filter(
                  k ->
                      k.kind().toLowerCase(Locale.ROOT).equals(wanted) || k.plural().equals(wanted))
              .findFirst()
              .orElseThrow(
                  () -> new ParameterException(spec.commandLine(), "unknown kind: " + name));
      if (!selected.contains(kind)) {
        selected.add(kind);
      }
    }
    // Catalogue order, whatever order the flag gave.
    return KubeStashKinds.ALL.stream().filter(selected::contains).toList();
  }
}
