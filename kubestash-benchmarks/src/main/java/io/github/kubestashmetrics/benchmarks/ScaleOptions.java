package io.github.kubestashmetrics.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The scale harness's flags.
 *
 * @param objects objects in the store and in the naive collector
 * @param scrapes measured scrapes of (a), of (b), and of each of idle and churn in (e)
 * @param naiveScrapes measured scrapes of the naive baseline (c), which is much slower
 * @param warmups unmeasured scrapes of (a) and (b) first
 * @param passes measured passes over all objects of render and of deserialise
 * @param churnRate object updates per second flowing into the store in (e)
 * @param startupObjects objects in the mock API server for (f) (at most {@code objects})
 * @param startupRuns measured exporter starts and list rounds in (f)
 * @param seed seed of the generated objects
 * @param report where to write the report section of BENCHMARKS.md; null for none
 * @param args the arguments as given, for the report
 */
record ScaleOptions(
    int objects,
    int scrapes,
    int naiveScrapes,
    int warmups,
    int passes,
    int churnRate,
    int startupObjects,
    int startupRuns,
    long seed,
    Path report,
    boolean help,
    List<String> args) {

  /**
   * Objects in the mock API server for (f) unless asked otherwise: fabric8's mock server scans
   * every stored object on each create and status update, so loading N objects takes time quadratic
   * in N (10,000 take one to two minutes on 2 cores; 100,000 would take hours).
   */
  static final int DEFAULT_STARTUP_OBJECTS = 10_000;

  static final String USAGE =
      String.join(
          "\n",
          "usage: ScaleHarness [--objects N] [--scrapes N] [--naive-scrapes N] [--warmups N]",
          "                    [--passes N] [--churn-rate N] [--startup-objects N]",
          "                    [--startup-runs N] [--seed N] [--report FILE | --no-report]",
          "  --objects N          objects (default 100000; 45% BackupSessions, 45% Snapshots)",
          "  --scrapes N          measured scrapes of (a), (b), idle and churn (default 30)",
          "  --naive-scrapes N    measured scrapes of the naive baseline (default 5)",
          "  --warmups N          warm-up scrapes of (a) and (b) (default 5)",
          "  --passes N           measured render/deserialise passes (default 5)",
          "  --churn-rate N       updates per second during churn (default 5000)",
          "  --startup-objects N  objects in the mock API server for (f) (default 10000: loading",
          "                       is quadratic in fabric8's mock server)",
          "  --startup-runs N     measured exporter starts (default 3)",
          "  --seed N             seed of the generated objects (default 20240905)",
          "  --report FILE        markdown report to update (default BENCHMARKS.md)");

  static ScaleOptions parse(String... args) {
    int objects = 100_000;
    int scrapes = 30;
    int naiveScrapes = 5;
    int warmups = 5;
    int passes = 5;
    int churnRate = 5_000;
    int startupObjects = -1;
    int startupRuns = 3;
    long seed = RealisticObjects.SEED;
    Path report = ScaleHarness.defaultReport();
    boolean help = false;
    List<String> given = List.of(args);
    List<String> rest = new ArrayList<>(given);
    while (!rest.isEmpty()) {
      String flag = rest.remove(0);
      switch (flag) {
        case "--help", "-h" -> help = true;
        case "--no-report" -> report = null;
        case "--report" -> report = Path.of(value(flag, rest));
        case "--objects" -> objects = positive(flag, rest);
        case "--scrapes" -> scrapes = positive(flag, rest);
        case "--naive-scrapes" -> naiveScrapes = positive(flag, rest);
        case "--warmups" -> warmups = positive(flag, rest);
        case "--passes" -> passes = positive(flag, rest);
        case "--churn-rate" -> churnRate = positive(flag, rest);
        case "--startup-objects" -> startupObjects = positive(flag, rest);
        case "--startup-runs" -> startupRuns = positive(flag, rest);
        case "--seed" -> seed = Long.parseLong(value(flag, rest));
        default -> throw new IllegalArgumentException("unknown argument: " + flag);
      }
    }
    return new ScaleOptions(
        objects,
        scrapes,
        naiveScrapes,
        warmups,
        passes,
        churnRate,
        Math.min(startupObjects < 0 ? DEFAULT_STARTUP_OBJECTS : startupObjects, objects),
        startupRuns,
        seed,
        report,
        help,
        given);
  }

  private static String value(String flag, List<String> rest) {
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return rest.remove(0);
  }

  private static int positive(String flag, List<String> rest) {
    String text = value(flag, rest);
    int value;
    try {
      value = Integer.parseInt(text.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + ": not a number: " + text, e);
    }
    if (value < 1) {
      throw new IllegalArgumentException(flag + " must be at least 1");
    }
    return value;
  }
}
