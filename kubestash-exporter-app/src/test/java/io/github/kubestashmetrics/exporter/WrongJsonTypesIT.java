package io.github.kubestashmetrics.exporter;

import static io.github.kubestashmetrics.exporter.ExporterUnderTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.github.kubestashmetrics.testkit.ExpositionParser;
import io.github.kubestashmetrics.testkit.KubeStashFixtures;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import io.github.kubestashmetrics.testkit.Series;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Objects whose fields have the wrong JSON type, as stored by the API server and read by the
 * running exporter's informers (contract rule 10).
 *
 * <p>fabric8 reading the typed model fails a whole list or watch event on one such field, so with
 * typed informers one {@code snapshotCount: "seven"} stopped every Repository from being exported
 * (the kind never synced, /readyz stayed 503). The informers now hold raw objects and the catalogue
 * reads them leniently: only the family that reads the field is lost, and it is counted.
 */
class WrongJsonTypesIT {

  // No reset after the test: reset() lists typed objects, which fails on the badly-typed one.
  @RegisterExtension
  static final KubeStashMockServer API =
      KubeStashMockServer.builder().resetAfterEach(false).build();

  private final HttpClient http = HttpClient.newHttpClient();
  private Exporter exporter;

  @AfterEach
  void stopExporter() {
    if (exporter != null) {
      exporter.close();
    }
  }

  @Test
  void badlyTypedRepositoryCostsOnlyItsOwnFamilyIsCountedAndTheKindKeepsExporting()
      throws Exception {
    API.create(
        KubeStashFixtures.repository("demo", "good").phase("Ready").snapshotCount(3).build());
    ObjectNode bad =
        KubeStashFixtures.repository("demo", "bad")
            .phase("Ready")
            .size("1 GiB")
            .snapshotCount(7)
            .manifest();
    bad.withObjectProperty("status").put("snapshotCount", "seven");
    createRaw(bad);

    exporter =
        ExporterComponent.of(
                ExporterConfig.defaults().withMasterUrl(API.url()).withPorts("127.0.0.1", 0, 0))
            .exporter();
    exporter.start();

    await("/readyz 200", () -> status(exporter.metricsPort(), "/readyz") == 200);
    List<Series> series = ExpositionParser.parsePrometheus(get(exporter.metricsPort())).series();
    assertThat(
            series.stream()
                .filter(
                    s -> s.name().equals("storage_kubestash_com_repository_snapshot_count_total"))
                .map(s -> s.labels().get("repository") + "=" + s.value()))
        .containsExactly("good=3.0");
    assertThat(
            series.stream()
                .filter(s -> s.labels().get("repository") != null)
                .filter(s -> s.labels().get("repository").equals("bad"))
                .map(Series::name))
        .contains(
            "storage_kubestash_com_repository_info", "storage_kubestash_com_repository_size_bytes");
    await(
        "the mapping error counted",
        () ->
            telemetryValue(
                    "kubestash_exporter_mapping_errors_total",
                    Map.of(
                        "family",
                        "storage_kubestash_com_repository_snapshot_count_total",
                        "reason",
                        "wrong_json_type"))
                == 1.0);
    assertThat(telemetryValue("kubestash_exporter_informer_restarts_total", Map.of()))
        .isEqualTo(0.0);
  }

  /** Creates a manifest as it is, status included, bypassing the typed model. */
  private static void createRaw(ObjectNode manifest) throws Exception {
    GenericKubernetesResource resource =
        new ObjectMapper().treeToValue(manifest, GenericKubernetesResource.class);
    GenericKubernetesResource created = API.client().resource(resource).create();
    resource.getMetadata().setResourceVersion(created.getMetadata().getResourceVersion());
    API.client().resource(resource).updateStatus();
  }

  /** The sum of the telemetry samples of this name carrying at least these labels. */
  private double telemetryValue(String name, Map<String, String> labels) throws Exception {
    String text = get(exporter.telemetryPort());
    return ExpositionParser.parsePrometheus(text).series().stream()
        .filter(s -> s.name().equals(name))
        .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
        .mapToDouble(Series::value)
        .sum();
  }

  private String get(int port) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private int status(int port, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
