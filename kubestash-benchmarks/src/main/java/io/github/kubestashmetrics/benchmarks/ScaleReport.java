package io.github.kubestashmetrics.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a scale run measured: the {@code RESULT} line and the generated section of BENCHMARKS.md
 * (between two markers, so that notes written around it survive a re-run).
 */
final class ScaleReport {

  static final String START = "<!-- scale-harness:start -->";
  static final String END = "<!-- scale-harness:end -->";

  private final ScaleOptions options;
  private final List<Samples> timings = new ArrayList<>();
  private String startedAt;
  private String loadAtStart;
  private String loadAtEnd;
  private double wallSeconds;
  private long startNanos;
  private long jsonBytes;
  private Samples render;
  private double engineUpdateVsTyped = Double.NaN;
  private Samples deserialise;
  private long storeBytes;
  private long storeEstimate;
  private long expositionBytes;
  private long series;
  private long typedObjectBytes;
  private Samples scrape;
  private Samples limit;
  private Samples naive;
  private long naiveBytes;
  private Samples idle;
  private Samples churn;
  private double churnAchieved;
  private long churnUpdates;
  private int startupObjects;
  private double loadSeconds;
  private long exporterHeap = -1;
  private long exporterStoreBytes = -1;
  private Samples list;
  private Samples ready;
  private Samples rendered;
  private long compressedBytes;
  private double firstWriteSeconds;
  private Samples gzipScrape;
  private Samples gzipLimit;
  private Samples gzipOnTheFly;
  private long gzipStoreBytes;
  private long gzipStreamBytes;
  private Samples gzipIdle;
  private Samples gzipChurn;
  private double gzipChurnAchieved;
  private Samples gzipUniformIdle;
  private Samples gzipUniformChurn;
  private double gzipUniformAchieved;
  private Samples update;
  private Samples parse;
  private Samples clusterBuiltinScrape;
  private Samples clusterScrape;
  private Samples clusterReady;
  private Samples clusterRendered;
  private Samples putUnderScrape;
  private Samples putUnderScrapeBefore;
  private Samples naiveGzip;

  ScaleReport(ScaleOptions options) {
    this.options = options;
  }

  void started() {
    startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    loadAtStart = loadAverage();
    startNanos = System.nanoTime();
  }

  void finished() {
    loadAtEnd = loadAverage();
    wallSeconds = ScaleHarness.secondsSince(startNanos);
  }

  void jsonBytes(long bytes) {
    jsonBytes = bytes;
  }

  /**
   * MetricsConfiguration engine vs typed catalogue, per update ({@link EngineUpdateComparison}).
   */
  void engineUpdateVsTyped(double ratio) {
    engineUpdateVsTyped = ratio;
  }

  void render(Samples samples) {
    render = add(samples);
  }

  void deserialise(Samples samples) {
    deserialise = add(samples);
  }

  void store(long retained, long estimate, long exposition, long seriesCount) {
    storeBytes = retained;
    storeEstimate = estimate;
    expositionBytes = exposition;
    series = seriesCount;
  }

  /** The store's compressed series and how long its first write (compressing them all) took. */
  void compressed(long bytes, double seconds) {
    compressedBytes = bytes;
    firstWriteSeconds = seconds;
  }

  void gzip(Samples store, Samples prebuilt, Samples onTheFly, long storeBody, long streamBody) {
    gzipScrape = add(store);
    gzipLimit = add(prebuilt);
    gzipOnTheFly = add(onTheFly);
    gzipStoreBytes = storeBody;
    gzipStreamBytes = streamBody;
  }

  void gzipChurn(Samples idleScrapes, Samples churnScrapes, double achieved) {
    gzipIdle = add(idleScrapes);
    gzipChurn = add(churnScrapes);
    gzipChurnAchieved = achieved;
  }

  void gzipUniformChurn(Samples idleScrapes, Samples churnScrapes, double achieved) {
    gzipUniformIdle = add(idleScrapes);
    gzipUniformChurn = add(churnScrapes);
    gzipUniformAchieved = achieved;
  }

  void update(Samples updates, Samples parses) {
    update = add(updates);
    parse = add(parses);
  }

  double gzipScrapeVsLimit() {
    return gzipScrape.median() / gzipLimit.median();
  }

  double gzipSpeedupVsOnTheFly() {
    return gzipOnTheFly.median() / gzipScrape.median();
  }

  double gzipBytesVsStream() {
    return (double) gzipStoreBytes / gzipStreamBytes;
  }

  double gzipChurnP99VsIdle() {
    return gzipChurn.p99() / gzipIdle.p99();
  }

  double gzipUniformChurnP99VsOnTheFly() {
    return gzipUniformChurn.p99() / gzipOnTheFly.p99();
  }

  void putUnderScrape(Samples current, Samples before) {
    putUnderScrape = add(current);
    putUnderScrapeBefore = add(before);
  }

  void naiveGzip(Samples samples) {
    naiveGzip = add(samples);
  }

  /** p99 of a put while gzip scrapes run back to back, in milliseconds. */
  double putP99UnderScrapeMs() {
    return putUnderScrape.p99() * 1000;
  }

  /** The same for the store before issue 19 (rebuilding inside its monitor), same run. */
  double putP99UnderScrapeBeforeMs() {
    return putUnderScrapeBefore.p99() * 1000;
  }

  /** Median naive gzip scrape over median gzip scrape of the store. */
  double gzipSpeedupVsNaive() {
    return naiveGzip.median() / gzipScrape.median();
  }

  double updateVsDeserialise() {
    return update.median() / parse.median();
  }

  void typedObjects(long bytes) {
    typedObjectBytes = bytes;
  }

  long expositionBytes() {
    return expositionBytes;
  }

  void scrape(Samples samples) {
    scrape = add(samples);
  }

  void storeWrite(Samples samples) {
    add(samples);
  }

  void limit(Samples samples) {
    limit = add(samples);
  }

  void naive(Samples samples, long bytes) {
    naive = add(samples);
    naiveBytes = bytes;
  }

  void churn(Samples idleScrapes, Samples churnScrapes, double achieved, long updates) {
    idle = add(idleScrapes);
    churn = add(churnScrapes);
    churnAchieved = achieved;
    churnUpdates = updates;
  }

  void startup(int objects, double load, Samples lists, Samples readyz, Samples allRendered) {
    startupObjects = objects;
    loadSeconds = load;
    list = add(lists);
    ready = add(readyz);
    rendered = add(allRendered);
  }

  /** (k): gzip scrapes of the built-in store and of cluster mode's stores, alternating. */
  void clusterScrapes(Samples builtinScrapes, Samples clusterScrapes) {
    clusterBuiltinScrape = add(builtinScrapes);
    clusterScrape = add(clusterScrapes);
  }

  /** (f) in cluster mode. */
  void clusterStartup(Samples readyz, Samples allRendered) {
    clusterReady = add(readyz);
    clusterRendered = add(allRendered);
  }

  double clusterReadyVsList() {
    return clusterReady.median() / list.median();
  }

  double clusterReadyVsBuiltin() {
    return clusterReady.median() / ready.median();
  }

  double clusterGzipScrapeVsBuiltin() {
    return clusterScrape.median() / clusterBuiltinScrape.median();
  }

  double clusterGzipScrapeVsLimit() {
    return clusterScrape.median() / gzipLimit.median();
  }

  /** The running exporter's whole retained heap at start-up scale, and its store's share. */
  void exporterHeap(long retained, long store) {
    exporterHeap = retained;
    exporterStoreBytes = store;
  }

  private Samples add(Samples samples) {
    timings.add(samples);
    return samples;
  }

  double scrapeVsLimit() {
    return scrape.median() / limit.median();
  }

  double speedupVsNaive() {
    return naive.median() / scrape.median();
  }

  double storeVsExposition() {
    return (double) storeBytes / expositionBytes;
  }

  double renderVsDeserialise() {
    return render.median() / deserialise.median();
  }

  double churnP99VsIdle() {
    return churn.p99() / idle.p99();
  }

  double readyVsList() {
    return ready.median() / list.median();
  }

  String resultLine() {
    return String.format(
        Locale.ROOT,
        "RESULT scrape_vs_limit=%.2f scrape_speedup_vs_naive=%.1f store_vs_exposition=%.2f"
            + " render_vs_deserialize=%.2f churn_p99_vs_idle=%.2f ready_vs_list=%.2f"
            + " gzip_scrape_vs_limit=%.2f gzip_speedup_vs_onthefly=%.1f gzip_bytes_vs_stream=%.2f"
            + " gzip_churn_p99_vs_idle=%.2f gzip_uniform_churn_p99_vs_onthefly=%.2f"
            + " update_vs_deserialize=%.2f engine_update_vs_typed=%.2f"
            + " cluster_ready_vs_list=%.2f cluster_ready_vs_builtin=%.2f"
            + " cluster_gzip_scrape_vs_limit=%.2f cluster_gzip_scrape_vs_builtin=%.2f"
            + " put_p99_under_scrape_ms=%.2f put_p99_under_scrape_ms_before=%.2f"
            + " gzip_speedup_vs_naive=%.1f"
            + " objects=%d series=%d exposition_bytes=%d",
        scrapeVsLimit(),
        speedupVsNaive(),
        storeVsExposition(),
        renderVsDeserialise(),
        churnP99VsIdle(),
        readyVsList(),
        gzipScrapeVsLimit(),
        gzipSpeedupVsOnTheFly(),
        gzipBytesVsStream(),
        gzipChurnP99VsIdle(),
        gzipUniformChurnP99VsOnTheFly(),
        updateVsDeserialise(),
        engineUpdateVsTyped,
        clusterReadyVsList(),
        clusterReadyVsBuiltin(),
        clusterGzipScrapeVsLimit(),
        clusterGzipScrapeVsBuiltin(),
        putP99UnderScrapeMs(),
        putP99UnderScrapeBeforeMs(),
        gzipSpeedupVsNaive(),
        options.objects(),
        series,
        expositionBytes);
  }

  /** The generated section: command, machine, RESULT line, targets and every timing. */
  String section() {
    StringBuilder md = new StringBuilder();
    md.append(START).append('\n');
    md.append("Generated by `ScaleHarness` on ")
        .append(startedAt)
        .append(" (")
        .append(String.format(Locale.ROOT, "%.0f", wallSeconds))
        .append(" s wall).\n\n");
    md.append("Command:\n\n```\n").append(command()).append("\n```\n\n");
    md.append("Machine: ").append(machine()).append("  \n");
    md.append("Load average (1/5/15 min) at start: `")
        .append(loadAtStart)
        .append("`, at end: `")
        .append(loadAtEnd)
        .append("`.\n\n");
    md.append("```\n").append(resultLine()).append("\n```\n\n");
    md.append("| target | measured | goal | |\n|---|---:|---:|---|\n");
    row(
        md,
        "scrape vs limit, identity (median (a) / median (b); the store inflates)",
        scrapeVsLimit(),
        "≤ 3",
        scrapeVsLimit() <= 3);
    row(
        md,
        "speed-up vs naive (median (c) / median (a))",
        speedupVsNaive(),
        "≥ 20",
        speedupVsNaive() >= 20);
    row(
        md,
        "store vs exposition (retained heap / text bytes)",
        storeVsExposition(),
        "≤ 0.3",
        storeVsExposition() <= 0.3);
    row(
        md,
        "render vs deserialise (all objects, median pass)",
        renderVsDeserialise(),
        "≤ 0.5",
        renderVsDeserialise() <= 0.5);
    row(md, "churn p99 vs idle p99", churnP99VsIdle(), "≤ 2", churnP99VsIdle() <= 2);
    row(md, "ready vs list (medians)", readyVsList(), "–", true);
    row(
        md,
        "gzip scrape vs limit (median store / median prebuilt gzip buffer)",
        gzipScrapeVsLimit(),
        "≤ 1.5",
        gzipScrapeVsLimit() <= 1.5);
    row(
        md,
        "gzip speed-up vs on the fly (median on the fly / median store)",
        gzipSpeedupVsOnTheFly(),
        "≥ 10",
        gzipSpeedupVsOnTheFly() >= 10);
    row(
        md,
        "gzip bytes vs one whole-stream deflate (default level)",
        gzipBytesVsStream(),
        "≤ 1.25",
        gzipBytesVsStream() <= 1.25);
    row(
        md,
        "gzip churn p99 vs idle p99 (newest 5 % change)",
        gzipChurnP99VsIdle(),
        "≤ 2",
        gzipChurnP99VsIdle() <= 2);
    row(
        md,
        "gzip uniform churn p99 vs on-the-fly p99",
        gzipUniformChurnP99VsOnTheFly(),
        "≤ 1",
        gzipUniformChurnP99VsOnTheFly() <= 1);
    row(
        md,
        "update vs deserialise (raw object to store / JSON parse, medians)",
        updateVsDeserialise(),
        "≤ 1.0",
        updateVsDeserialise() <= 1.0);
    row(
        md,
        "cluster mode: gzip scrape vs limit (six engine stores, writeAll / prebuilt buffer)",
        clusterGzipScrapeVsLimit(),
        "≤ 1.5",
        clusterGzipScrapeVsLimit() <= 1.5);
    row(
        md,
        "cluster mode: gzip scrape vs built-in store (medians, alternating)",
        clusterGzipScrapeVsBuiltin(),
        "–",
        true);
    row(
        md,
        "put p99 while gzip scrapes run back to back, ms (old store in the same run: "
            + String.format(Locale.ROOT, "%.2f", putP99UnderScrapeBeforeMs())
            + ")",
        putP99UnderScrapeMs(),
        "≤ 10",
        putP99UnderScrapeMs() <= 10);
    row(
        md,
        "gzip speed-up vs naive gzip (median (c) gzip / median (g) store)",
        gzipSpeedupVsNaive(),
        "≥ 20",
        gzipSpeedupVsNaive() >= 20);
    row(md, "cluster mode: ready vs list (medians)", clusterReadyVsList(), "–", true);
    row(md, "cluster mode: ready vs built-in ready (medians)", clusterReadyVsBuiltin(), "–", true);
    md.append('\n');
    md.append("| measurement | n | median | p99 | min | max |\n|---|---:|---:|---:|---:|---:|\n");
    for (Samples s : timings) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %s | %s | %s | %s |%n",
              s.name(),
              s.count(),
              time(s.median()),
              time(s.p99()),
              time(s.min()),
              time(s.max())));
    }
    md.append('\n');
    md.append(
        String.format(
            Locale.ROOT,
            "- Objects: %,d (45%% BackupSessions, 45%% Snapshots, 4%% Repositories, 3%% BackupConfigurations, 2%% RestoreSessions, 1%% BackupStorages; testkit generators, seed %d), %,d bytes of JSON; %,d series, %,d bytes of exposition text (%.0f bytes per series).%n",
            options.objects(),
            options.seed(),
            jsonBytes,
            series,
            expositionBytes,
            (double) expositionBytes / series));
    md.append(
        String.format(
            Locale.ROOT,
            "- Store: %,d bytes retained (heap after GC with the store minus without it; the store's own estimate says %,d), of which %,d bytes of compressed series (%.1f× smaller than the text); %.1f bytes per object. Its first write (compressing the blocks the puts had not compressed already) took %.2f s.%n",
            storeBytes,
            storeEstimate,
            compressedBytes,
            (double) expositionBytes / Math.max(1, compressedBytes),
            (double) storeBytes / options.objects(),
            firstWriteSeconds));
    md.append(
        String.format(
            Locale.ROOT,
            "- Gzip: the store's body %,d bytes, one whole-stream deflate of the same text %,d bytes. Gzip churn: %,.0f updates/s achieved with the newest 5 %% changing, %,.0f uniformly; uniform churn p99 %s against %s idle and %s compressing on the fly.%n",
            gzipStoreBytes,
            gzipStreamBytes,
            gzipChurnAchieved,
            gzipUniformAchieved,
            time(gzipUniformChurn.p99()),
            time(gzipUniformIdle.p99()),
            time(gzipOnTheFly.p99())));
    md.append(
        String.format(
            Locale.ROOT,
            "- The typed objects themselves (what a full, typed informer cache would hold; ours keeps key, resourceVersion and uid only) take %,d bytes: %.1f× the exposition.%n",
            typedObjectBytes,
            (double) typedObjectBytes / expositionBytes));
    md.append(
        String.format(
            Locale.ROOT,
            "- Naive baseline: %,d bytes per scrape (client_java's text: labels sorted, values as `1.0`).%n",
            naiveBytes));
    md.append(
        String.format(
            Locale.ROOT,
            "- Churn: %,d updates applied at %,.0f per second (target %,d) during the churn blocks.%n",
            churnUpdates,
            churnAchieved,
            options.churnRate()));
    md.append(
        String.format(
            Locale.ROOT,
            "- Start-up: %,d objects in the mock API server (loaded in %.1f s); median list %.2f s, ready %.2f s, every object rendered %.2f s.%n",
            startupObjects,
            loadSeconds,
            list.median(),
            ready.median(),
            rendered.median()));
    md.append(
        String.format(
            Locale.ROOT,
            "- Cluster mode (`--metrics-config=cluster`, KubeStash's six MetricsConfigurations as objects in the API, one engine store per target kind): its exposition of the %,d objects is byte-identical to the built-in store's; start-up over the same %,d objects: median ready %.2f s, every object rendered %.2f s.%n",
            options.objects(),
            startupObjects,
            clusterReady.median(),
            clusterRendered.median()));
    if (exporterHeap >= 0) {
      md.append(
          String.format(
              "- Whole exporter at start-up scale (heap after GC with the exporter running minus after it closed): %,d bytes for %,d objects, of which the store %,d; the rest (informer caches, client, servers) %,d, %.0f bytes per object.%n",
              exporterHeap,
              startupObjects,
              exporterStoreBytes,
              exporterHeap - exporterStoreBytes,
              (double) (exporterHeap - exporterStoreBytes) / startupObjects));
    }
    md.append(END).append('\n');
    return md.toString();
  }

  /** Replaces the generated section of {@code file}, or appends it (creating the file). */
  void writeTo(Path file) throws IOException {
    String section = section();
    String text;
    if (Files.exists(file)) {
      String old = Files.readString(file, StandardCharsets.UTF_8);
      int start = old.indexOf(START);
      int end = old.indexOf(END);
      if (start >= 0 && end > start) {
        text =
            old.substring(0, start)
                + section
                + old.substring(end + END.length()).replaceFirst("^\n", "");
      } else {
        text = old + (old.endsWith("\n") ? "\n" : "\n\n") + section;
      }
    } else {
      text = "# Benchmarks\n\n" + section;
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static void row(StringBuilder md, String what, double value, String goal, boolean met) {
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %.2f | %s | %s |%n",
            what,
            value,
            goal,
            met ? "met" : "**missed**"));
  }

  private static String time(double seconds) {
    return seconds >= 1
        ? String.format(Locale.ROOT, "%.2f s", seconds)
        : String.format(Locale.ROOT, "%.1f ms", seconds * 1000);
  }

  private String command() {
    List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
    return "java "
        + String.join(" ", jvm)
        + (jvm.isEmpty() ? "" : " ")
        + "-cp kubestash-benchmarks/target/benchmarks.jar "
        + ScaleHarness.class.getName()
        + (options.args().isEmpty() ? "" : " " + String.join(" ", options.args()));
  }

  private static String machine() {
    String cpu = "unknown CPU";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: the CPU stays unknown
    }
    Runtime runtime = Runtime.getRuntime();
    return String.format(
        Locale.ROOT,
        "%d CPUs (%s), %s %s (%s), max heap %d MiB, %s %s",
        runtime.availableProcessors(),
        cpu,
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.vendor"),
        runtime.maxMemory() >> 20,
        System.getProperty("os.name"),
        System.getProperty("os.arch"));
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }
}
