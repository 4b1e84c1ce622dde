package io.github.kubestashmetrics.exporter;

import io.github.kubestashmetrics.testkit.ExpositionParser;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import io.github.kubestashmetrics.testkit.Series;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks that one scrape shows every object as ONE version of it: for each object of a kind with
 * both a {@code phase} label on {@code _info} and a {@code _phase} family, that label equals the
 * state whose {@code _phase} series is 1 (none when the info has no phase); for BackupSessions
 * whose test writer keeps {@code .status.duration} = (index of the phase + 1) seconds, {@code
 * _duration_seconds} agrees too. A torn read (families of one object from two versions) breaks one
 * of these.
 */
final class OneVersionCheck {

  /** What a response contained, for the report. */
  record Result(int series, int objects) {}

  private static final List<String> PHASED =
      List.of(
          "core_kubestash_com_backupsession",
          "storage_kubestash_com_backupstorage",
          "core_kubestash_com_restoresession",
          "storage_kubestash_com_snapshot");

  private final boolean durationFollowsPhase;

  OneVersionCheck(boolean durationFollowsPhase) {
    this.durationFollowsPhase = durationFollowsPhase;
  }

  /** Parses strictly (which rejects duplicate series) and checks; throws AssertionError. */
  Result check(String text) {
    List<Series> all = ExpositionParser.parsePrometheus(text).series();
    Map<String, Object[]> objects = new HashMap<>(); // key -> {infoPhase, onePhase, duration}
    for (Series s : all) {
      for (String prefix : PHASED) {
        if (!s.name().startsWith(prefix + "_")) {
          continue;
        }
        String kindLabel = prefix.substring(prefix.lastIndexOf('_') + 1);
        String key = prefix + "/" + s.labels().get("namespace") + "/" + s.labels().get(kindLabel);
        Object[] seen = objects.computeIfAbsent(key, k -> new Object[] {"?", null, null});
        String family = s.name().substring(prefix.length() + 1);
        switch (family) {
          case "info" -> seen[0] = s.labels().get("phase");
          case "phase" -> {
            if (s.value() == 1) {
              if (seen[1] != null) {
                throw new AssertionError(key + " has two phases at 1: " + seen[1] + ", " + s);
              }
              seen[1] = s.labels().get("phase");
            }
          }
          case "duration_seconds" -> seen[2] = s.value();
          default -> {}
        }
      }
    }
    for (Map.Entry<String, Object[]> e : objects.entrySet()) {
      Object[] seen = e.getValue();
      String infoPhase = (String) seen[0];
      if ("?".equals(infoPhase)) {
        throw new AssertionError(e.getKey() + " has series but no _info series");
      }
      String onePhase = (String) seen[1];
      if (!Objects.equals(infoPhase, onePhase)
          && !(onePhase == null && !isListedPhase(e.getKey(), infoPhase))) {
        throw new AssertionError(
            e.getKey() + ": _info says phase " + infoPhase + " but _phase has 1 at " + onePhase);
      }
      if (durationFollowsPhase
          && e.getKey().startsWith("core_kubestash_com_backupsession/")
          && infoPhase != null) {
        double expected = phaseIndex("BackupSession", infoPhase) + 1;
        if (seen[2] == null || (double) seen[2] != expected) {
          throw new AssertionError(
              e.getKey() + ": phase " + infoPhase + " but duration_seconds " + seen[2]);
        }
      }
    }
    return new Result(all.size(), objects.size());
  }

  private static boolean isListedPhase(String key, String phase) {
    String prefix = key.substring(0, key.indexOf('/'));
    String kind =
        switch (prefix) {
          case "core_kubestash_com_backupsession" -> "BackupSession";
          case "storage_kubestash_com_backupstorage" -> "BackupStorage";
          case "core_kubestash_com_restoresession" -> "RestoreSession";
          default -> "Snapshot";
        };
    return phase != null && phaseIndex(kind, phase) >= 0;
  }

  static int phaseIndex(String kind, String phase) {
    return KubeStashGenerators.phasesOf(kind).indexOf(phase);
  }
}
