package io.github.kubestashmetrics.exporter;

import static io.github.kubestashmetrics.exporter.ClusterModeIT.names;
import static io.github.kubestashmetrics.exporter.ClusterModeIT.telemetry;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.GADGETS;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.WIDGETS;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.apply;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.clusterObject;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.createCrd;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.infoConfiguration;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.replaceAtomically;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.widget;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.widgetConfiguration;
import static io.github.kubestashmetrics.exporter.ExporterUnderTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import io.github.kubestashmetrics.testkit.Series;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --metrics-config=PATH} against the testkit's mock API, no MetricsConfiguration CRD: files
 * edited, broken, removed and swapped the way a ConfigMap volume swaps them, while the exporter
 * runs; {@code /metrics} follows each change without a restart.
 */
class PathModeIT {

  @RegisterExtension final KubeStashMockServer api = new KubeStashMockServer();

  @TempDir Path dir;

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeEverything() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void filesEditedBrokenAndRemovedWhileRunningAreFollowed() throws Exception {
    KubernetesClient client = api.client();
    createCrd(client, WIDGETS);
    createCrd(client, GADGETS);
    apply(client, widget("shop", "w1", "red", 3));
    apply(client, clusterObject("Gadget", "g1"));
    Path widgets = dir.resolve("widgets.yaml");
    Path gadgets = dir.resolve("nested/gadgets.yml");
    Files.createDirectories(gadgets.getParent());
    Files.writeString(widgets, widgetConfiguration("widgets", "Desired replicas"));
    Files.writeString(gadgets, infoConfiguration("gadgets", "Gadget"));
    ExporterUnderTest exporter = start(List.of(dir));

    await("ready", () -> exporter.status("/readyz") == 200);
    assertThat(names(awaitScrapeEquals(exporter, client)))
        .containsOnly(
            "example_com_widget_replicas", "example_com_widget_info", "example_com_gadget_info");

    // Edited in place.
    Files.writeString(
        widgets,
        widgetConfiguration("widgets", "Replicas wanted").replace("name: info", "name: present"));
    assertThat(names(awaitScrapeEquals(exporter, client)))
        .containsOnly(
            "example_com_widget_replicas", "example_com_widget_present", "example_com_gadget_info");
    assertThat(exporter.scrape()).contains("# HELP example_com_widget_replicas Replicas wanted");

    // Broken: counted once, its last good configurations stay.
    List<MetricsConfiguration> beforeBreak = loaded(dir);
    Files.writeString(gadgets, "apiVersion: metrics.appscode.com/v1alpha1\nkind: [unclosed\n");
    await(
        "the broken file counted",
        () ->
            telemetry(exporter)
                .contains(
                    "kubestash_exporter_configuration_read_errors_total{source=\"metrics-config"
                        + " files\"} 1.0"));
    Thread.sleep(600); // three more polls of the same broken content: still counted once
    assertThat(telemetry(exporter))
        .contains(
            "kubestash_exporter_configuration_read_errors_total{source=\"metrics-config files\"}"
                + " 1.0");
    exporter.awaitScrapeEquals(() -> ConfiguredApi.expectedSeries(client, beforeBreak));

    // Removed: its configurations and series go.
    Files.delete(widgets);
    Set<Series> after =
        awaitScrapeEquals(
            exporter,
            client,
            beforeBreak.stream().filter(c -> c.getMetadata().getName().equals("gadgets")).toList());
    assertThat(names(after)).containsOnly("example_com_gadget_info");
    assertThat(exporter.status("/readyz")).isEqualTo(200);
  }

  @Test
  void configMapVolumeSymlinkSwapIsFollowedAndItsHiddenCopiesAreNotReadTwice() throws Exception {
    KubernetesClient client = api.client();
    createCrd(client, WIDGETS);
    apply(client, widget("shop", "w1", "red", 3));
    // A ConfigMap volume: name -> ..data/name, ..data -> ..<timestamp>/ (swapped atomically).
    Path first = Files.createDirectory(dir.resolve("..2026_12_01_first"));
    Files.writeString(
        first.resolve("widgets.yaml"), widgetConfiguration("widgets", "Desired replicas"));
    Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
    Files.createSymbolicLink(dir.resolve("widgets.yaml"), Path.of("..data/widgets.yaml"));
    ExporterUnderTest exporter = start(List.of(dir));

    Path link = dir.resolve("widgets.yaml");
    assertThat(names(awaitScrapeEquals(exporter, client, () -> loaded(link))))
        .containsOnly("example_com_widget_replicas", "example_com_widget_info");

    Path second = Files.createDirectory(dir.resolve("..2026_12_01_second"));
    Files.writeString(
        second.resolve("widgets.yaml"),
        widgetConfiguration("widgets", "Desired replicas").replace("name: info", "name: present"));
    Path swap = dir.resolve("..data_tmp");
    Files.createSymbolicLink(swap, second.getFileName());
    Files.move(swap, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
    assertThat(names(awaitScrapeEquals(exporter, client, () -> loaded(link))))
        .containsOnly("example_com_widget_replicas", "example_com_widget_present");
  }

  @Test
  void atomicallyReplacedFileIsFollowed() throws Exception {
    KubernetesClient client = api.client();
    createCrd(client, WIDGETS);
    apply(client, widget("shop", "w1", "red", 3));
    Path widgets = dir.resolve("widgets.yaml");
    Files.writeString(widgets, widgetConfiguration("widgets", "Desired replicas"));
    ExporterUnderTest exporter = start(List.of(widgets));
    awaitScrapeEquals(exporter, client);

    replaceAtomically(widgets, widgetConfiguration("widgets", "Replicas wanted"));
    // Only the HELP changes: the same series under the new text.
    await(
        "the new HELP served",
        () -> exporter.scrape().contains("# HELP example_com_widget_replicas Replicas wanted"));
    awaitScrapeEquals(exporter, client);
  }

  @Test
  void aSymlinkedDirectoryAndSymlinkedSubdirectoriesAreFollowed() throws Exception {
    KubernetesClient client = api.client();
    createCrd(client, WIDGETS);
    createCrd(client, GADGETS);
    apply(client, widget("shop", "w1", "red", 3));
    apply(client, clusterObject("Gadget", "g1"));
    Path real = Files.createDirectory(dir.resolve("real"));
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Files.writeString(real.resolve("widgets.yaml"), widgetConfiguration("widgets", "Replicas"));
    Files.writeString(elsewhere.resolve("gadgets.yaml"), infoConfiguration("gadgets", "Gadget"));
    Files.createSymbolicLink(real.resolve("more"), elsewhere);
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    ExporterUnderTest exporter = start(List.of(link));

    await("ready", () -> exporter.status("/readyz") == 200);
    assertThat(names(awaitScrapeEquals(exporter, client, () -> loaded(link))))
        .containsOnly(
            "example_com_widget_replicas", "example_com_widget_info", "example_com_gadget_info");
  }

  @Test
  void unreadableFilesAndSymlinkLoopsAreCountedOnceEachAndTheRestIsServed() throws Exception {
    KubernetesClient client = api.client();
    createCrd(client, WIDGETS);
    apply(client, widget("shop", "w1", "red", 3));
    Path widgets =
        Files.writeString(dir.resolve("widgets.yaml"), widgetConfiguration("widgets", "Replicas"));
    UnreadableFiles.at(dir.resolve("unreadable.yaml"));
    Files.createSymbolicLink(dir.resolve("loop"), Path.of("."));
    ExporterUnderTest exporter = start(List.of(dir));

    String twoErrors =
        "kubestash_exporter_configuration_read_errors_total{source=\"metrics-config files\"} 2.0";
    await(
        "the unreadable file and the loop counted", () -> telemetry(exporter).contains(twoErrors));
    Thread.sleep(600); // three more polls of the same files: still counted once each
    assertThat(telemetry(exporter)).contains(twoErrors);
    assertThat(names(awaitScrapeEquals(exporter, client, () -> loaded(widgets))))
        .containsOnly("example_com_widget_replicas", "example_com_widget_info");
    assertThat(exporter.status("/readyz")).isEqualTo(200);
  }

  // --- helpers ---

  private ExporterUnderTest start(List<Path> paths) throws Exception {
    ExporterUnderTest exporter =
        ExporterUnderTest.start(
            api.url(),
            ExporterConfig.defaults()
                .withMetricsConfig(MetricsConfigSource.files(paths), Duration.ofMillis(200)));
    toClose.add(exporter);
    return exporter;
  }

  /** The configurations the files hold now, read as {@code render --metrics-config} reads them. */
  private static List<MetricsConfiguration> loaded(Path path) throws Exception {
    MetricsConfigurationFiles.Loaded loaded = MetricsConfigurationFiles.load(List.of(path));
    assertThat(loaded.errors()).isEmpty();
    return loaded.configurations();
  }

  /** Waits until {@code /metrics} is the engine's series of what the directory holds now. */
  private Set<Series> awaitScrapeEquals(ExporterUnderTest exporter, KubernetesClient client)
      throws Exception {
    return awaitScrapeEquals(exporter, client, () -> loaded(dir));
  }

  private Set<Series> awaitScrapeEquals(
      ExporterUnderTest exporter, KubernetesClient client, List<MetricsConfiguration> configs)
      throws Exception {
    return awaitScrapeEquals(exporter, client, () -> configs);
  }

  private Set<Series> awaitScrapeEquals(
      ExporterUnderTest exporter,
      KubernetesClient client,
      Callable<List<MetricsConfiguration>> configs)
      throws Exception {
    exporter.awaitScrapeEquals(
        () -> {
          try {
            return ConfiguredApi.expectedSeries(client, configs.call());
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
    return ExporterUnderTest.seriesOf(exporter.scrape());
  }
}
