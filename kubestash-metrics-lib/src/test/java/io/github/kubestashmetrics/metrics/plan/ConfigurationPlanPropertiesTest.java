package io.github.kubestashmetrics.metrics.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kubestashmetrics.metrics.ContentEncoding;
import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.FamilyDescriptor;
import io.github.kubestashmetrics.metrics.MetricsStore;
import io.github.kubestashmetrics.metrics.language.ConfigurationProblem;
import io.github.kubestashmetrics.metrics.language.TargetKind;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import io.github.kubestashmetrics.model.metrics.v1alpha1.metricsconfigurationspec.Metrics;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ConfigurationPlan} over seeded hostile configurations ({@link HostileConfigurations}): it
 * never throws, its result does not depend on input order, its targets' families are disjoint and
 * are exactly the configurations' active families, every problem is on its configuration's status,
 * every target renders and writes, and editing one configuration's active metric changes only its
 * own target's fingerprint. Rerun a case with {@code -Dkubestash.replay=<seed>}.
 */
class ConfigurationPlanPropertiesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Long> hostileSets() {
    return KubeStashGenerators.seeds("configurationPlanHostile", 1_000);
  }

  /**
   * The generator reaches what the property is about: plans with targets, families lost to older
   * configurations, several configurations on one target, and every kind of rejection.
   */
  @org.junit.jupiter.api.Test
  void hostileSetsReachConflictsMergesAndRejections() {
    int withTargets = 0;
    int lost = 0;
    int merged = 0;
    int rejectedKinds = 0;
    int unnamed = 0;
    for (long seed : hostileSets().toList()) {
      ConfigurationPlan plan =
          ConfigurationPlan.of(new HostileConfigurations(seed).configurations());
      withTargets += plan.targets().isEmpty() ? 0 : 1;
      lost += plan.problems().stream().anyMatch(p -> p.reason().contains("older wins")) ? 1 : 0;
      merged += plan.targets().stream().anyMatch(t -> t.configurationNames().size() > 1) ? 1 : 0;
      rejectedKinds +=
          plan.problems().stream().anyMatch(p -> p.path().equals("spec.targetRef.kind")) ? 1 : 0;
      unnamed += plan.configurations().stream().anyMatch(c -> c.name().isEmpty()) ? 1 : 0;
    }
    System.out.printf(
        "hostile plans: %d with targets, %d with lost families, %d merged, %d rejected kinds,"
            + " %d unnamed%n",
        withTargets, lost, merged, rejectedKinds, unnamed);
    assertThat(List.of(withTargets, lost, merged, rejectedKinds, unnamed)).allMatch(n -> n >= 50);
  }

  /** Everything a plan says, as comparable text. */
  static List<String> summary(ConfigurationPlan plan) {
    List<String> out = new ArrayList<>();
    for (ConfigurationStatus status : plan.configurations()) {
      out.add(status.toString());
    }
    out.add(plan.problems().toString());
    for (TargetPlan target : plan.targets()) {
      out.add(
          target.target()
              + " "
              + target.configurationNames()
              + " "
              + target.fingerprint()
              + " "
              + target.catalogue().families().stream()
                  .map(f -> f.name() + f.labelNames() + f.help())
                  .toList());
    }
    return out;
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("hostileSets")
  void planOfHostileConfigurationsIsConsistentAndOrderIndependent(long seed) throws Exception {
    HostileConfigurations generator = new HostileConfigurations(seed);
    List<MetricsConfiguration> configurations = generator.configurations();
    String context = "seed=" + seed;
    ConfigurationPlan plan = ConfigurationPlan.of(configurations);
    List<String> summary = summary(plan);

    // Order independence, and determinism over fresh copies.
    List<MetricsConfiguration> shuffled = new ArrayList<>(copies(configurations));
    Collections.shuffle(shuffled, new Random(seed));
    assertThat(summary(ConfigurationPlan.of(shuffled))).as(context).isEqualTo(summary);

    // One status per configuration; every problem on its own configuration's status.
    assertThat(plan.configurations()).as(context).hasSize(configurations.size());
    List<ConfigurationProblem> fromStatuses = new ArrayList<>();
    Set<String> active = new HashSet<>();
    for (ConfigurationStatus status : plan.configurations()) {
      String label = status.name().isEmpty() ? "(unnamed MetricsConfiguration)" : status.name();
      for (ConfigurationProblem problem : status.rejected()) {
        assertThat(problem.configuration()).as(context).isEqualTo(label);
      }
      fromStatuses.addAll(status.rejected());
      for (String family : status.activeFamilies()) {
        assertThat(active.add(family)).as(context + ": %s active twice", family).isTrue();
      }
    }
    assertThat(plan.problems()).as(context).isEqualTo(fromStatuses);

    // Targets: ordered, disjoint, exactly the active families; each renders and writes.
    Set<String> served = new HashSet<>();
    List<MetricsStore> stores = new ArrayList<>();
    TargetKind previous = null;
    for (TargetPlan target : plan.targets()) {
      if (previous != null) {
        assertThat(TargetKind.ORDER.compare(previous, target.target())).as(context).isNegative();
      }
      previous = target.target();
      assertThat(target.catalogue().families()).as(context).isNotEmpty();
      for (FamilyDescriptor family : target.catalogue().families()) {
        assertThat(served.add(family.name())).as(context).isTrue();
      }
      MetricsStore store = new MetricsStore(target.catalogue(), 2);
      for (int i = 0; i < 4; i++) {
        store.put(generator.object(target.target().apiVersion(), target.target().kind()));
      }
      stores.add(store);
    }
    assertThat(served).as(context).isEqualTo(active);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    long length =
        MetricsStore.writeAll(
            stores, text, ExpositionFormat.OPENMETRICS_1_0_0, ContentEncoding.IDENTITY);
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();
    MetricsStore.writeAll(stores, gzip, ExpositionFormat.OPENMETRICS_1_0_0, ContentEncoding.GZIP);
    assertThat(new GZIPInputStream(new ByteArrayInputStream(gzip.toByteArray())).readAllBytes())
        .as(context)
        .isEqualTo(text.toByteArray());
    assertThat(length).as(context).isEqualTo(text.size());

    // Editing one active metric's HELP changes its own target's fingerprint only.
    for (int i = 0; i < configurations.size(); i++) {
      ConfigurationStatus status = statusOf(plan, configurations.get(i));
      if (status == null || status.activeFamilies().isEmpty()) {
        continue;
      }
      List<MetricsConfiguration> edited = copies(configurations);
      editHelp(edited.get(i), status.activeFamilies().get(0));
      Map<TargetKind, String> before = ConfigurationPlanTest.fingerprints(plan);
      Map<TargetKind, String> after =
          ConfigurationPlanTest.fingerprints(ConfigurationPlan.of(edited));
      assertThat(after.keySet()).as(context).isEqualTo(before.keySet());
      before.forEach(
          (target, print) -> {
            if (target.equals(status.target())) {
              assertThat(after.get(target)).as(context + " edited " + target).isNotEqualTo(print);
            } else {
              assertThat(after.get(target)).as(context + " not edited " + target).isEqualTo(print);
            }
          });
      break;
    }
  }

  /** The status of this very configuration, when its name is unique among the statuses. */
  private static ConfigurationStatus statusOf(
      ConfigurationPlan plan, MetricsConfiguration configuration) {
    if (configuration == null || configuration.getMetadata() == null) {
      return null;
    }
    String name = configuration.getMetadata().getName();
    List<ConfigurationStatus> named =
        plan.configurations().stream().filter(s -> s.name().equals(name)).toList();
    return named.size() == 1 ? named.get(0) : null;
  }

  /**
   * Appends to the HELP of every declared metric named like this family that has one: the one
   * compiled among them changes; the others stay rejected (a present HELP was not their problem).
   */
  private static void editHelp(MetricsConfiguration configuration, String family) {
    int edited = 0;
    for (Metrics metric : configuration.getSpec().getMetrics()) {
      if (metric != null
          && metric.getName() != null
          && metric.getHelp() != null
          && family.endsWith("_" + metric.getName())) {
        metric.setHelp(metric.getHelp() + " (edited)");
        edited++;
      }
    }
    assertThat(edited).as("a metric for " + family).isPositive();
  }

  private static List<MetricsConfiguration> copies(List<MetricsConfiguration> configurations) {
    List<MetricsConfiguration> copies = new ArrayList<>();
    for (MetricsConfiguration configuration : configurations) {
      copies.add(
          configuration == null
              ? null
              : JSON.convertValue(JSON.valueToTree(configuration), MetricsConfiguration.class));
    }
    return copies;
  }
}
