package io.github.kubestashmetrics.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The built-in resources the mock API serves and announces in discovery, as a Kubernetes 1.31 API
 * server describes them ({@code kubectl api-resources -o wide}): the kinds a MetricsConfiguration
 * may plausibly target, and the core ones tests and tools touch. Groups are in the order a real
 * server lists them; CRD groups follow them.
 */
final class BuiltInResources {

  private static final List<String> NO_DELETE_COLLECTION =
      List.of("create", "delete", "get", "list", "patch", "update", "watch");

  /** Every built-in resource, core group first. */
  static final List<ServedResource> ALL = table();

  /** The groups of {@link #ALL}, without the core group. */
  static final Set<String> GROUPS =
      ALL.stream()
          .map(ServedResource::group)
          .filter(group -> !group.isEmpty())
          .collect(Collectors.toUnmodifiableSet());

  private BuiltInResources() {}

  private static List<ServedResource> table() {
    List<ServedResource> all = new ArrayList<>();
    // Core group, /api/v1.
    all.add(namespaced("", "v1", "ConfigMap", "configmaps", "cm"));
    all.add(namespaced("", "v1", "Endpoints", "endpoints", "ep"));
    all.add(namespaced("", "v1", "Event", "events", "ev"));
    all.add(namespaced("", "v1", "LimitRange", "limitranges", "limits"));
    all.add(
        new ServedResource(
            "",
            "v1",
            "Namespace",
            "namespaces",
            "namespace",
            false,
            List.of("ns"),
            List.of(),
            NO_DELETE_COLLECTION,
            true,
            false));
    all.add(cluster("", "v1", "Node", "nodes", "no").withStatus());
    all.add(
        namespaced("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", "pvc")
            .withStatus());
    all.add(cluster("", "v1", "PersistentVolume", "persistentvolumes", "pv").withStatus());
    all.add(namespaced("", "v1", "Pod", "pods", "po").withStatus().inAll());
    all.add(namespaced("", "v1", "PodTemplate", "podtemplates"));
    all.add(
        namespaced("", "v1", "ReplicationController", "replicationcontrollers", "rc")
            .withStatus()
            .withScale()
            .inAll());
    all.add(namespaced("", "v1", "ResourceQuota", "resourcequotas", "quota").withStatus());
    all.add(namespaced("", "v1", "Secret", "secrets"));
    all.add(namespaced("", "v1", "ServiceAccount", "serviceaccounts", "sa"));
    all.add(namespaced("", "v1", "Service", "services", "svc").withStatus().inAll());

    all.add(namespaced("apps", "v1", "ControllerRevision", "controllerrevisions"));
    all.add(namespaced("apps", "v1", "DaemonSet", "daemonsets", "ds").withStatus().inAll());
    all.add(
        namespaced("apps", "v1", "Deployment", "deployments", "deploy")
            .withStatus()
            .withScale()
            .inAll());
    all.add(
        namespaced("apps", "v1", "ReplicaSet", "replicasets", "rs")
            .withStatus()
            .withScale()
            .inAll());
    all.add(
        namespaced("apps", "v1", "StatefulSet", "statefulsets", "sts")
            .withStatus()
            .withScale()
            .inAll());

    all.add(namespaced("events.k8s.io", "v1", "Event", "events", "ev"));

    for (String version : List.of("v2", "v1")) {
      all.add(
          namespaced(
                  "autoscaling",
                  version,
                  "HorizontalPodAutoscaler",
                  "horizontalpodautoscalers",
                  "hpa")
              .withStatus()
              .inAll());
    }

    all.add(namespaced("batch", "v1", "CronJob", "cronjobs", "cj").withStatus().inAll());
    all.add(namespaced("batch", "v1", "Job", "jobs").withStatus().inAll());

    all.add(cluster("networking.k8s.io", "v1", "IngressClass", "ingressclasses"));
    all.add(namespaced("networking.k8s.io", "v1", "Ingress", "ingresses", "ing").withStatus());
    all.add(namespaced("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", "netpol"));

    all.add(
        namespaced("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", "pdb")
            .withStatus());

    String rbac = "rbac.authorization.k8s.io";
    all.add(cluster(rbac, "v1", "ClusterRoleBinding", "clusterrolebindings"));
    all.add(cluster(rbac, "v1", "ClusterRole", "clusterroles"));
    all.add(namespaced(rbac, "v1", "RoleBinding", "rolebindings"));
    all.add(namespaced(rbac, "v1", "Role", "roles"));

    all.add(cluster("storage.k8s.io", "v1", "StorageClass", "storageclasses", "sc"));

    all.add(
        new ServedResource(
            "apiextensions.k8s.io",
            "v1",
            "CustomResourceDefinition",
            "customresourcedefinitions",
            "customresourcedefinition",
            false,
            List.of("crd", "crds"),
            List.of("api-extensions"),
            ServedResource.ALL_VERBS,
            true,
            false));

    all.add(namespaced("coordination.k8s.io", "v1", "Lease", "leases"));
    return List.copyOf(all);
  }

  private static ServedResource namespaced(
      String group, String version, String kind, String plural, String... shortNames) {
    return resource(group, version, kind, plural, true, shortNames);
  }

  private static ServedResource cluster(
      String group, String version, String kind, String plural, String... shortNames) {
    return resource(group, version, kind, plural, false, shortNames);
  }

  private static ServedResource resource(
      String group,
      String version,
      String kind,
      String plural,
      boolean namespaced,
      String... shortNames) {
    return new ServedResource(
        group,
        version,
        kind,
        plural,
        kind.toLowerCase(Locale.ROOT),
        namespaced,
        List.of(shortNames),
        List.of(),
        ServedResource.ALL_VERBS,
        false,
        false);
  }
}
