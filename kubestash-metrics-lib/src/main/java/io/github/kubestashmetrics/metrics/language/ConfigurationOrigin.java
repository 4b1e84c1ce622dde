package io.github.kubestashmetrics.metrics.language;

import java.util.Objects;

/**
 * Where a MetricsConfiguration came from, and which version of it: a document of a file (PATH mode,
 * {@code render}, {@code validate}) or an object of the cluster. Problems name it, so a rejected
 * metric can be found in the file that defines it.
 *
 * @param file the file, or {@code ""} for an object of the cluster
 * @param document the index of the YAML document in the file (from 0), or -1 for a cluster object
 * @param item the index in the document's {@code items} when it is a {@code kind: List}, else -1
 * @param object the cluster object, e.g. {@code MetricsConfiguration/backup-metrics}, or {@code ""}
 *     for a file
 * @param version what changes when the configuration changes: the file's content hash, or the
 *     object's {@code metadata.resourceVersion} ({@code ""} when unknown)
 */
public record ConfigurationOrigin(
    String file, int document, int item, String object, String version) {

  public ConfigurationOrigin {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(version, "version");
  }

  /** A document of a file; {@code item} -1 unless the document is a {@code kind: List}. */
  public static ConfigurationOrigin file(String file, int document, int item, String version) {
    return new ConfigurationOrigin(file, document, item, "", version);
  }

  /** A MetricsConfiguration object of the cluster (cluster-scoped: named by its name). */
  public static ConfigurationOrigin cluster(String name, String resourceVersion) {
    return new ConfigurationOrigin(
        "",
        -1,
        -1,
        "MetricsConfiguration/" + (name == null ? "" : name),
        resourceVersion == null ? "" : resourceVersion);
  }

  /** True when it is a document of a file. */
  public boolean isFile() {
    return !file.isEmpty();
  }

  /** E.g. {@code conf/a.yaml document 0}, {@code MetricsConfiguration/backup-metrics}. */
  @Override
  public String toString() {
    if (!isFile()) {
      return object;
    }
    return file + " document " + document + (item < 0 ? "" : " item " + item);
  }
}
