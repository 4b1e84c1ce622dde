package io.github.kubestashmetrics.exporter;

import io.github.kubestashmetrics.metrics.language.ConfigurationOrigin;
import io.github.kubestashmetrics.metrics.language.SourcedConfiguration;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MetricsConfigurations in files and directories ({@code --metrics-config=PATH,...}), re-read when
 * they change. Every {@code --metrics-config-interval} each file's content is hashed and compared
 * with the last read, which also catches a ConfigMap volume's atomic symlink swap (a file watch
 * would not). Directories are walked for {@code *.yaml}, {@code *.yml}, {@code *.json}, skipping
 * hidden entries (a ConfigMap volume's {@code ..data} and timestamped directories hold the same
 * files again). Files are read as {@code render --metrics-config} reads them ({@link
 * MetricsConfigurationFiles}).
 *
 * <p>Symbolic links to files and directories are followed ({@link ManifestFiles}). A removed file
 * removes its configurations. A file with an error (cannot be read, is over {@link
 * YamlDocuments#MAX_BYTES}, cannot be parsed — the WARN names the line and column — or a document
 * is not a MetricsConfiguration) is logged once per content version and counted in {@code
 * kubestash_exporter_configuration_read_errors_total}, and its last good configurations stay. A
 * path the walk cannot follow (a symbolic link loop, a link to nothing, a directory that cannot be
 * listed) is logged and counted once while it stays so.
 */
final class FileConfigurations implements ConfigurationSource {

  private static final Logger LOG = LoggerFactory.getLogger(FileConfigurations.class);

  /**
   * The last read of one file: the hash of its content and its configurations, each with its origin
   * (file, document) and the content hash as its version.
   */
  private record Read(String hash, List<SourcedConfiguration> configurations) {}

  private final List<Path> paths;
  private final Duration interval;
  private final Telemetry telemetry;
  private final Map<Path, Read> files = new LinkedHashMap<>(); // guarded by this
  private final Set<String> errorsLogged = new HashSet<>(); // "file@hash", guarded by this
  private final Set<String> problemsReported = new HashSet<>(); // of the last walk, guarded by this
  private ScheduledExecutorService poller;
  private volatile boolean synced;
  private volatile boolean polling;

  FileConfigurations(List<Path> paths, Duration interval, Telemetry telemetry) {
    this.paths = List.copyOf(paths);
    this.interval = interval;
    this.telemetry = telemetry;
  }

  @Override
  public String name() {
    return "metrics-config files";
  }

  @Override
  public synchronized void start(Runnable changed) {
    poller =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "metrics-config-files");
              thread.setDaemon(true);
              return thread;
            });
    poller.scheduleWithFixedDelay(
        () -> {
          try {
            if (poll() || !synced) {
              synced = true;
              changed.run();
            }
            polling = true;
          } catch (RuntimeException e) {
            // Never let one bad poll end the polling for good.
            polling = false;
            LOG.warn("cannot read the metrics-config files: {}", ResourceInformers.messageOf(e));
          }
        },
        0,
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Reads every file whose content changed; true when the set of configurations changed. */
  synchronized boolean poll() {
    boolean changed = false;
    Set<Path> present = new TreeSet<>();
    for (Path file : manifestFiles()) {
      present.add(file);
      String version;
      try {
        long size = Files.size(file);
        // Over the limit: not read at all; the size stands for the content.
        version =
            size > YamlDocuments.MAX_BYTES
                ? "over the limit, " + size + " bytes"
                : sha256(Files.readAllBytes(file));
      } catch (IOException e) {
        if (!Files.exists(file)) {
          continue; // gone between the listing and the read (a symlink swap): the next poll sees
        }
        version = "unreadable: " + ManifestFiles.reasonOf(e);
      }
      Read last = files.get(file);
      if (last != null && last.hash().equals(version)) {
        continue;
      }
      Read read = read(file, version, last);
      if (read != null) {
        files.put(file, read);
        changed = true;
      }
    }
    for (Path gone : new ArrayList<>(files.keySet())) {
      if (!present.contains(gone)) {
        LOG.info("{} is gone: its configurations are removed", gone);
        files.remove(gone);
        changed = true;
      }
    }
    return changed;
  }

  /**
   * The file's configurations at this content; when it has errors (logged and counted once per
   * content), its last good configurations, or none if it never had any.
   */
  private Read read(Path file, String hash, Read last) {
    MetricsConfigurationFiles.Loaded loaded;
    try {
      loaded = MetricsConfigurationFiles.load(List.of(file));
    } catch (IOException e) {
      loaded =
          new MetricsConfigurationFiles.Loaded(
              List.of(), List.of(file + ": cannot read: " + ManifestFiles.reasonOf(e)));
    }
    if (!loaded.errors().isEmpty()) {
      if (errorsLogged.add(file + "@" + hash)) {
        telemetry.configurationUnreadable(name());
        for (String error : loaded.errors()) {
          LOG.warn(
              "{} (kept: {}): {}",
              file,
              last == null ? "no earlier version" : "its last good configurations",
              error);
        }
      }
      return last == null ? new Read(hash, List.of()) : new Read(hash, last.configurations());
    }
    // The content names the version: a rejected metric is logged once per file content.
    String version = hash.substring(0, 12);
    List<SourcedConfiguration> read = new ArrayList<>();
    for (SourcedConfiguration configuration : loaded.sourced()) {
      ConfigurationOrigin origin = configuration.origin();
      read.add(
          new SourcedConfiguration(
              configuration.configuration(),
              ConfigurationOrigin.file(origin.file(), origin.document(), origin.item(), version)));
    }
    LOG.info("{}: {} configurations read", file, read.size());
    return new Read(hash, List.copyOf(read));
  }

  /**
   * The files to read now. A path that cannot be followed or listed (a link loop, a link to
   * nothing, a directory without permission, a FIFO) is logged and counted once while it stays so;
   * its directory's other files are still read.
   */
  private List<Path> manifestFiles() {
    List<Path> found = new ArrayList<>();
    Set<String> problems = new HashSet<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try {
          ManifestFiles.Found listing = ManifestFiles.find(path, true);
          found.addAll(listing.files());
          problems.addAll(listing.problems());
        } catch (IOException | RuntimeException e) {
          // A directory changing under the walk: the next poll sees it again.
        }
      } else if (Files.isRegularFile(path)) {
        found.add(path);
      } else if (Files.exists(path)) {
        problems.add(path + ": not a regular file (a FIFO, socket or device); not read");
      }
    }
    for (String problem : problems) {
      if (problemsReported.add(problem)) {
        telemetry.configurationUnreadable(name());
        LOG.warn("{}", problem);
      }
    }
    problemsReported.retainAll(problems); // fixed ones are reported again if they come back
    return found;
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public boolean hasSynced() {
    return synced;
  }

  @Override
  public boolean isWatching() {
    return polling;
  }

  @Override
  public synchronized List<MetricsConfiguration> current() {
    return sourced().stream().map(SourcedConfiguration::configuration).toList();
  }

  @Override
  public synchronized List<SourcedConfiguration> sourced() {
    List<SourcedConfiguration> all = new ArrayList<>();
    for (Read read : files.values()) {
      all.addAll(read.configurations());
    }
    return all;
  }

  @Override
  public void close() {
    ScheduledExecutorService p;
    synchronized (this) {
      p = poller;
      poller = null;
    }
    if (p != null) {
      p.shutdownNow();
    }
  }
}
