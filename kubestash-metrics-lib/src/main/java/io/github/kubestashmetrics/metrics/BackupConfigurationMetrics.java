package io.github.kubestashmetrics.metrics;

import static io.github.kubestashmetrics.metrics.Families.conditions;
import static io.github.kubestashmetrics.metrics.Families.constant;
import static io.github.kubestashmetrics.metrics.Families.created;
import static io.github.kubestashmetrics.metrics.Families.elements;
import static io.github.kubestashmetrics.metrics.Families.field;
import static io.github.kubestashmetrics.metrics.Families.info;
import static io.github.kubestashmetrics.metrics.Families.label;
import static io.github.kubestashmetrics.metrics.Families.metadataName;
import static io.github.kubestashmetrics.metrics.Families.one;
import static io.github.kubestashmetrics.metrics.Families.phase;

import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupConfiguration;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupConfigurationSpec;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupConfigurationStatus;
import io.github.kubestashmetrics.model.core.v1alpha1.backupconfigurationspec.Sessions;
import io.github.kubestashmetrics.model.core.v1alpha1.backupconfigurationspec.Target;
import io.github.kubestashmetrics.model.core.v1alpha1.backupconfigurationspec.sessions.Addon;
import io.github.kubestashmetrics.model.core.v1alpha1.backupconfigurationspec.sessions.Scheduler;
import io.github.kubestashmetrics.model.core.v1alpha1.backupconfigurationstatus.Conditions;
import java.util.function.Function;

/** The BackupConfiguration families (core.kubestash.com/v1alpha1), in contract order. */
final class BackupConfigurationMetrics {

  private BackupConfigurationMetrics() {}

  static FamilyTable<BackupConfiguration> table() {
    return FamilyTable.builder(KubeStashKinds.BACKUP_CONFIGURATION)
        .commonLabels(
            constant("backup_invoker_kind", "BackupConfiguration"),
            label("backup_invoker_name", metadataName()),
            label("target_kind", target(".spec.target.kind", Target::getKind)),
            label("target_name", target(".spec.target.name", Target::getName)),
            label("target_namespace", target(".spec.target.namespace", Target::getNamespace)))
        .family(
            created(
                "core_kubestash_com_backupconfiguration_created",
                "Unix creation timestamp of this BackupConfiguration object"))
        .family(
            info(
                "core_kubestash_com_backupconfiguration_info",
                "General information about this BackupConfiguration"))
        .family(
            elements(
                "core_kubestash_com_backupconfiguration_sessions",
                "List of sessions of this BackupConfiguration",
                field(
                    ".spec.sessions",
                    BackupConfiguration::getSpec,
                    BackupConfigurationSpec::getSessions),
                one(),
                label("session_name", field(".spec.sessions[*].name", Sessions::getName)),
                label(
                    "schedule",
                    field(
                        ".spec.sessions[*].scheduler.schedule",
                        Sessions::getScheduler,
                        Scheduler::getSchedule)),
                label(
                    "addon_name",
                    field(".spec.sessions[*].addon.name", Sessions::getAddon, Addon::getName))))
        .family(
            phase(
                "core_kubestash_com_backupconfiguration_phase",
                "BackupConfiguration object current phase",
                field(
                    ".status.phase",
                    BackupConfiguration::getStatus,
                    BackupConfigurationStatus::getPhase),
                "Ready",
                "NotReady",
                "Invalid"))
        .family(
            conditions(
                "core_kubestash_com_backupconfiguration_conditions",
                "Current conditions of this BackupConfiguration",
                field(
                    ".status.conditions",
                    BackupConfiguration::getStatus,
                    BackupConfigurationStatus::getConditions),
                Conditions::getType,
                Conditions::getStatus))
        .build();
  }

  private static Field<BackupConfiguration, String> target(
      String path, Function<Target, String> getter) {
    return field(path, BackupConfiguration::getSpec, BackupConfigurationSpec::getTarget, getter);
  }
}
