package io.github.kubestashmetrics.model;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupConfiguration;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupSession;
import io.github.kubestashmetrics.model.core.v1alpha1.RestoreSession;
import io.github.kubestashmetrics.model.storage.v1alpha1.BackupStorage;
import io.github.kubestashmetrics.model.storage.v1alpha1.Repository;
import io.github.kubestashmetrics.model.storage.v1alpha1.Snapshot;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The six KubeStash kinds this project models, with the coordinates a client needs to reach them.
 *
 * <p>The classes themselves are generated from our CRD schemas, which ship in this jar at {@link
 * Kind#crdResource()}: a test environment registers them, a cluster already has KubeStash's own.
 */
public final class KubeStashKinds {

  /** API group of BackupConfiguration, BackupSession and RestoreSession. */
  public static final String CORE_GROUP = "core.kubestash.com";

  /** API group of BackupStorage, Repository and Snapshot. */
  public static final String STORAGE_GROUP = "storage.kubestash.com";

  /** The only version KubeStash serves for all six kinds. */
  public static final String VERSION = "v1alpha1";

  public static final Kind<BackupConfiguration> BACKUP_CONFIGURATION =
      new Kind<>(
          BackupConfiguration.class, CORE_GROUP, "BackupConfiguration", "backupconfigurations");
  public static final Kind<BackupSession> BACKUP_SESSION =
      new Kind<>(BackupSession.class, CORE_GROUP, "BackupSession", "backupsessions");
  public static final Kind<BackupStorage> BACKUP_STORAGE =
      new Kind<>(BackupStorage.class, STORAGE_GROUP, "BackupStorage", "backupstorages");
  public static final Kind<Repository> REPOSITORY =
      new Kind<>(Repository.class, STORAGE_GROUP, "Repository", "repositories");
  public static final Kind<RestoreSession> RESTORE_SESSION =
      new Kind<>(RestoreSession.class, CORE_GROUP, "RestoreSession", "restoresessions");
  public static final Kind<Snapshot> SNAPSHOT =
      new Kind<>(Snapshot.class, STORAGE_GROUP, "Snapshot", "snapshots");

  /** All six, in the order the metric contract lists them. */
  public static final List<Kind<?>> ALL =
      List.of(
          BACKUP_CONFIGURATION,
          BACKUP_SESSION,
          BACKUP_STORAGE,
          REPOSITORY,
          RESTORE_SESSION,
          SNAPSHOT);

  private KubeStashKinds() {}

  /** The kind with this {@code kind} name (e.g. {@code "BackupSession"}), if it is one of ours. */
  public static Optional<Kind<?>> byName(String kind) {
    return ALL.stream().filter(k -> k.kind().equals(kind)).findFirst();
  }

  /**
   * The kind for this {@code apiVersion} and {@code kind} pair as written in a manifest, if it is
   * one of ours. A manifest of another group or version is not ours even if the kind name matches.
   */
  public static Optional<Kind<?>> byApiVersionAndKind(String apiVersion, String kind) {
    return byName(kind).filter(k -> k.apiVersion().equals(apiVersion));
  }

  /** The kind modelled by this class, if it is one of ours. */
  public static Optional<Kind<?>> byType(Class<?> type) {
    return ALL.stream().filter(k -> k.type().equals(type)).findFirst();
  }

  /**
   * One KubeStash kind: its generated class and API coordinates. All six are namespaced.
   *
   * @param type the generated class
   * @param group the API group
   * @param kind the kind name as it appears in manifests
   * @param plural the resource name in API paths
   * @param <T> the generated class
   */
  public record Kind<T extends CustomResource<?, ?>>(
      Class<T> type, String group, String kind, String plural) {

    public Kind {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(plural, "plural");
    }

    /** Always {@link KubeStashKinds#VERSION}. */
    public String version() {
      return VERSION;
    }

    /** {@code group/version}, as in a manifest's {@code apiVersion}. */
    public String apiVersion() {
      return group + "/" + VERSION;
    }

    /** The CRD's name, {@code plural.group}. */
    public String crdName() {
      return plural + "." + group;
    }

    /** The kind as fabric8 addresses raw ({@code GenericKubernetesResource}) objects of it. */
    public ResourceDefinitionContext resourceDefinitionContext() {
      return new ResourceDefinitionContext.Builder()
          .withGroup(group)
          .withVersion(VERSION)
          .withKind(kind)
          .withPlural(plural)
          .withNamespaced(true)
          .build();
    }

    /** Class-path location of our CRD for this kind (YAML), for registering it in a test API. */
    public String crdResource() {
      return "io/github/kubestashmetrics/model/crds/" + crdName() + ".yaml";
    }
  }
}
