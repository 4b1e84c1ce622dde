package io.github.kubestashmetrics.metrics;

import static io.github.kubestashmetrics.metrics.Families.conditions;
import static io.github.kubestashmetrics.metrics.Families.created;
import static io.github.kubestashmetrics.metrics.Families.elements;
import static io.github.kubestashmetrics.metrics.Families.field;
import static io.github.kubestashmetrics.metrics.Families.info;
import static io.github.kubestashmetrics.metrics.Families.label;
import static io.github.kubestashmetrics.metrics.Families.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.storage.v1alpha1.Repository;
import io.github.kubestashmetrics.model.storage.v1alpha1.RepositoryStatus;
import io.github.kubestashmetrics.model.storage.v1alpha1.repositorystatus.Conditions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MetricCatalogueTest {

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();

  @Test
  void theStandardCatalogueHas36UniqueGaugesInContractKindOrder() {
    List<FamilyDescriptor> families = CATALOGUE.families();
    assertThat(families).hasSize(36);
    assertThat(new HashSet<>(families.stream().map(FamilyDescriptor::name).toList())).hasSize(36);
    List<KubeStashKinds.Kind<?>> kindOrder = new ArrayList<>();
    for (int i = 0; i < families.size(); i++) {
      FamilyDescriptor family = families.get(i);
      assertThat(family.index()).isEqualTo(i);
      assertThat(family.type()).isEqualTo("gauge");
      assertThat(family.name())
          .startsWith(
              family.apiVersion().substring(0, family.apiVersion().indexOf('/')).replace('.', '_')
                  + "_"
                  + family.kind().toLowerCase(Locale.ROOT)
                  + "_");
      assertThat(CATALOGUE.family(family.name())).contains(family);
      KubeStashKinds.Kind<?> kind =
          KubeStashKinds.byApiVersionAndKind(family.apiVersion(), family.kind()).orElseThrow();
      if (!kindOrder.contains(kind)) {
        kindOrder.add(kind);
      }
    }
    assertThat(kindOrder).isEqualTo(KubeStashKinds.ALL);
    assertThat(CATALOGUE.family("core_kubestash_com_backupsession_phase_total")).isEmpty();
    assertThat(MetricCatalogue.standard()).isSameAs(CATALOGUE);
  }

  @Test
  void familiesPerKindMatchTheContract() {
    assertThat(CATALOGUE.familiesOf(KubeStashKinds.BACKUP_CONFIGURATION)).hasSize(5);
    assertThat(CATALOGUE.familiesOf(KubeStashKinds.BACKUP_SESSION)).hasSize(6);
    assertThat(CATALOGUE.familiesOf(KubeStashKinds.BACKUP_STORAGE)).hasSize(6);
    assertThat(CATALOGUE.familiesOf(KubeStashKinds.REPOSITORY)).hasSize(6);
    assertThat(CATALOGUE.familiesOf(KubeStashKinds.RESTORE_SESSION)).hasSize(6);
    assertThat(CATALOGUE.familiesOf(KubeStashKinds.SNAPSHOT)).hasSize(7);
  }

  @Test
  void labelNamesListCommonLabelsThenOwnLabelsThenTheStateLabel() {
    assertThat(
            CATALOGUE.family("core_kubestash_com_backupsession_phase").orElseThrow().labelNames())
        .containsExactly(
            "backupsession",
            "namespace",
            "invoker_kind",
            "invoker_name",
            "backup_invoker_kind",
            "backup_invoker_name",
            "phase");
    assertThat(
            CATALOGUE
                .family("core_kubestash_com_backupconfiguration_sessions")
                .orElseThrow()
                .labelNames())
        .containsExactly(
            "backupconfiguration",
            "namespace",
            "backup_invoker_kind",
            "backup_invoker_name",
            "target_kind",
            "target_name",
            "target_namespace",
            "session_name",
            "schedule",
            "addon_name");
  }

  @Test
  void headersEscapeHelpPerFormat() {
    FamilyDescriptor family =
        new FamilyDescriptor(
            0,
            "x_info",
            "a \\ b \" c\nd",
            "gauge",
            List.of(),
            KubeStashKinds.REPOSITORY.apiVersion(),
            KubeStashKinds.REPOSITORY.kind());
    assertThat(
            new String(
                family.header(ExpositionFormat.TEXT_0_0_4),
                java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("# HELP x_info a \\\\ b \" c\\nd\n# TYPE x_info gauge\n");
    assertThat(
            new String(
                family.header(ExpositionFormat.OPENMETRICS_1_0_0),
                java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("# HELP x_info a \\\\ b \\\" c\\nd\n# TYPE x_info gauge\n");
    assertThat(ExpositionFormat.TEXT_0_0_4.contentType())
        .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    assertThat(ExpositionFormat.OPENMETRICS_1_0_0.contentType())
        .isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
  }

  /** KubeStash's own MetricsConfigurations, when present, name the same families and labels. */
  @Test
  void familiesMatchKubeStashsOwnMetricsConfigurations() {
    Path dir = SharedReference.directory("metricsconfigurations");
    List<String> expected = new ArrayList<>();
    for (Path file : SharedReference.yamlFiles(dir)) {
      JsonNode config = SharedReference.readYaml(file);
      JsonNode target = config.path("spec").path("targetRef");
      KubeStashKinds.Kind<?> kind =
          KubeStashKinds.byApiVersionAndKind(
                  target.path("apiVersion").asText(), target.path("kind").asText())
              .orElseThrow();
      List<String> common = new ArrayList<>();
      common.add(kind.kind().toLowerCase(Locale.ROOT));
      common.add("namespace");
      config.path("spec").path("commonLabels").forEach(l -> common.add(l.path("key").asText()));
      for (JsonNode metric : config.path("spec").path("metrics")) {
        List<String> labels = new ArrayList<>(common);
        metric.path("labels").forEach(l -> labels.add(l.path("key").asText()));
        if (metric.has("states")) {
          labels.add(metric.path("states").path("labelKey").asText());
        }
        expected.add(
            FamilyTable.prefixOf(kind)
                + metric.path("name").asText()
                + " | "
                + metric.path("type").asText()
                + " | "
                + metric.path("help").asText()
                + " | "
                + labels);
      }
    }
    List<String> actual = new ArrayList<>();
    for (FamilyDescriptor family : CATALOGUE.families()) {
      actual.add(
          family.name()
              + " | "
              + family.type()
              + " | "
              + family.help()
              + " | "
              + family.labelNames());
    }
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
  }

  // ---- programming errors fail fast when a table or the catalogue is built ---------------------

  private static final String REPO = "storage_kubestash_com_repository_";

  @Test
  void aDuplicateFamilyNameFailsWhenTheTableIsBuilt() {
    assertThatThrownBy(
            () ->
                FamilyTable.builder(KubeStashKinds.REPOSITORY)
                    .family(created(REPO + "created", "one"))
                    .family(info(REPO + "created", "two"))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate family name");
  }

  @Test
  void aDuplicateFamilyNameAcrossTablesFailsWhenTheCatalogueIsBuilt() {
    FamilyTable<Repository> repositories =
        FamilyTable.builder(KubeStashKinds.REPOSITORY)
            .family(created(REPO + "created", "x"))
            .build();
    assertThatThrownBy(() -> new MetricCatalogue(List.of(repositories, repositories)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anInvalidLabelNameFailsWhenTheTableIsDeclared() {
    assertThatThrownBy(
            () ->
                FamilyTable.builder(KubeStashKinds.REPOSITORY)
                    .family(
                        info(
                            REPO + "info",
                            "x",
                            label("bad-name", field(".spec.path", Repository::getSpec))))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid label name");
    assertThatThrownBy(() -> label("__reserved", field(".spec", Repository::getSpec)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> label("0digit", field(".spec", Repository::getSpec)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLabelThatRepeatsACommonLabelFailsWhenTheTableIsBuilt() {
    assertThatThrownBy(
            () ->
                FamilyTable.builder(KubeStashKinds.REPOSITORY)
                    .family(
                        info(
                            REPO + "info",
                            "x",
                            label("namespace", field(".spec.path", Repository::getSpec))))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate label name");
  }

  @Test
  void aFamilyNameOutsideTheKindsPrefixFailsWhenTheTableIsBuilt() {
    assertThatThrownBy(
            () ->
                FamilyTable.builder(KubeStashKinds.REPOSITORY)
                    .family(created("core_kubestash_com_backupsession_created", "x"))
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                FamilyTable.builder(KubeStashKinds.REPOSITORY)
                    .family(created(REPO + "bad-name", "x"))
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new MetricCatalogue(
                    List.of(
                        FamilyTable.builder(KubeStashKinds.REPOSITORY)
                            .family(created(REPO + "bad-name", "x"))
                            .build())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anElementFieldOutsideItsArrayFailsWhenTheFamilyIsDeclared() {
    assertThatThrownBy(
            () ->
                elements(
                    REPO + "conditions",
                    "x",
                    field(
                        ".status.conditions",
                        Repository::getStatus,
                        RepositoryStatus::getConditions),
                    one(),
                    label("condition", field(".status.other[*].type", Conditions::getType))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPhaseFamilyNeedsDistinctStates() {
    assertThatThrownBy(
            () ->
                Families.phase(
                    REPO + "phase",
                    "x",
                    field(".status.phase", Repository::getStatus, RepositoryStatus::getPhase),
                    "Ready",
                    "Ready"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aWellFormedCustomTableBuilds() {
    FamilyTable<Repository> table =
        FamilyTable.builder(KubeStashKinds.REPOSITORY)
            .family(
                conditions(
                    REPO + "conditions",
                    "x",
                    field(
                        ".status.conditions",
                        Repository::getStatus,
                        RepositoryStatus::getConditions),
                    Conditions::getType,
                    Conditions::getStatus))
            .build();
    MetricCatalogue catalogue = new MetricCatalogue(List.of(table));
    assertThat(catalogue.families()).hasSize(1);
    assertThat(catalogue.render(GoldenFixtures.fullRepository()).seriesCount()).isEqualTo(1);
  }
}
