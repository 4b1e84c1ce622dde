package io.github.kubestashmetrics.exporter;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where the exporter's metric definitions come from ({@code --metrics-config}).
 *
 * @param mode the built-in catalogue, the cluster's MetricsConfiguration objects, or files
 * @param paths the files and directories of {@link Mode#PATHS}; empty otherwise
 */
public record MetricsConfigSource(Mode mode, List<Path> paths) {

  /** The three sources. */
  public enum Mode {
    /** The contract's 36 families of the six KubeStash kinds, compiled in. */
    BUILTIN,
    /** The MetricsConfiguration objects of the cluster ({@code metrics.appscode.com/v1alpha1}). */
    CLUSTER,
    /** MetricsConfigurations in files and directories, re-read when they change. */
    PATHS
  }

  public static final MetricsConfigSource BUILTIN_CATALOGUE =
      new MetricsConfigSource(Mode.BUILTIN, List.of());

  public static final MetricsConfigSource CLUSTER_OBJECTS =
      new MetricsConfigSource(Mode.CLUSTER, List.of());

  public MetricsConfigSource {
    Objects.requireNonNull(mode, "mode");
    paths = List.copyOf(paths);
    if ((mode == Mode.PATHS) == paths.isEmpty()) {
      throw new IllegalArgumentException("paths are given exactly in the PATHS mode");
    }
  }

  /** MetricsConfigurations in these files and directories. */
  public static MetricsConfigSource files(List<Path> paths) {
    return new MetricsConfigSource(Mode.PATHS, paths);
  }

  public boolean isBuiltin() {
    return mode == Mode.BUILTIN;
  }

  @Override
  public String toString() {
    return switch (mode) {
      case BUILTIN -> "builtin";
      case CLUSTER -> "cluster";
      case PATHS -> paths.toString();
    };
  }
}
