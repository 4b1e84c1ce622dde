package io.github.kubestashmetrics.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kubestashmetrics.metrics.language.CompiledConfiguration;
import io.github.kubestashmetrics.metrics.language.CompiledMetric;
import io.github.kubestashmetrics.metrics.language.MetricRows;
import java.util.ArrayList;
import java.util.List;

/**
 * The families MetricsConfigurations define for one kind (one {@code apiVersion} and {@code kind}),
 * rendered through the same {@link ExpositionLines} as a typed {@link FamilyTable}: same series
 * bytes, same per-object layout. Families are in configuration order; each uses its own
 * configuration's common labels.
 */
final class ConfiguredTable {

  private final String apiVersion;
  private final String kind;
  private final List<CompiledConfiguration> configurations;
  private final List<FamilyTable.Family<Void>> families;
  private final int[] configurationOfFamily;
  private final CompiledMetric[] metrics;

  /** All of {@code configurations} target this {@code apiVersion} and {@code kind}. */
  ConfiguredTable(String apiVersion, String kind, List<CompiledConfiguration> configurations) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.configurations = List.copyOf(configurations);
    List<FamilyTable.Family<Void>> built = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    List<CompiledMetric> all = new ArrayList<>();
    for (int c = 0; c < this.configurations.size(); c++) {
      CompiledConfiguration configuration = this.configurations.get(c);
      for (CompiledMetric metric : configuration.metrics()) {
        built.add(
            FamilyTable.Family.configured(
                built.size(),
                metric.name(),
                metric.help(),
                FamilyDefinition.concat(configuration.commonLabelNames(), metric.ownLabelNames())));
        owners.add(c);
        all.add(metric);
      }
    }
    this.families = List.copyOf(built);
    this.configurationOfFamily = owners.stream().mapToInt(Integer::intValue).toArray();
    this.metrics = all.toArray(new CompiledMetric[0]);
  }

  String apiVersion() {
    return apiVersion;
  }

  String kind() {
    return kind;
  }

  List<FamilyTable.Family<Void>> families() {
    return families;
  }

  /** The series of one object of this kind; never throws. */
  RenderedObject render(
      JsonNode manifest, int firstIndex, ExpositionLines.Scratch scratch, MetricRows rows) {
    JsonNode metadata = manifest.get("metadata");
    String namespace = text(metadata == null ? null : metadata.get("namespace"));
    String name = text(metadata == null ? null : metadata.get("name"));
    String uid = text(metadata == null ? null : metadata.get("uid"));
    ExpositionLines lines = new ExpositionLines(kind, namespace, name, families.size(), scratch);
    String[][] common = new String[configurations.size()][];
    rows.nextObject(); // this render's calculations only: the tree may change later
    for (int f = 0; f < families.size(); f++) {
      FamilyTable.Family<Void> family = families.get(f);
      int c = configurationOfFamily[f];
      if (common[c] == null) {
        common[c] = configurations.get(c).commonLabelValues(manifest);
      }
      rows.clear();
      String reason = metrics[f].render(manifest, rows);
      if (reason != null) {
        lines.error(family, reason);
      } else {
        for (int i = 0; i < rows.size(); i++) {
          Reading value =
              rows.isInteger(i) ? Reading.of(rows.integer(i)) : Reading.of(rows.decimal(i));
          lines.series(family, common[c], rows.labels(i), value);
        }
      }
      lines.endFamily(family);
    }
    rows.clear();
    return lines.finish(uid, firstIndex);
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : "";
  }
}
