package io.github.kubestashmetrics.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.testkit.KubeStashMockServerTest.Recorder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The mock API answers discovery as a real API server does, and follows CRDs as they change. */
class ApiDiscoveryTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final KubeStashMockServer server = new KubeStashMockServer();

  private static final ResourceDefinitionContext WIDGETS =
      context("example.com", "v1", "Widget", "widgets", true);
  private static final ResourceDefinitionContext GADGETS =
      context("example.org", "v1beta1", "Gadget", "gadgets", false);

  /** apiVersion, kind, plural, namespaced, a short name ("" if none): as kubectl resolves them. */
  static Stream<Arguments> builtInKinds() {
    return Stream.of(
        Arguments.of("apps/v1", "Deployment", "deployments", true, "deploy"),
        Arguments.of("apps/v1", "StatefulSet", "statefulsets", true, "sts"),
        Arguments.of("apps/v1", "DaemonSet", "daemonsets", true, "ds"),
        Arguments.of("apps/v1", "ReplicaSet", "replicasets", true, "rs"),
        Arguments.of("v1", "Pod", "pods", true, "po"),
        Arguments.of("v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, "pvc"),
        Arguments.of("v1", "Service", "services", true, "svc"),
        Arguments.of("v1", "ConfigMap", "configmaps", true, "cm"),
        Arguments.of("v1", "Secret", "secrets", true, ""),
        Arguments.of("v1", "Endpoints", "endpoints", true, "ep"),
        Arguments.of("v1", "Namespace", "namespaces", false, "ns"),
        Arguments.of("v1", "Node", "nodes", false, "no"),
        Arguments.of("v1", "PersistentVolume", "persistentvolumes", false, "pv"),
        Arguments.of("batch/v1", "Job", "jobs", true, ""),
        Arguments.of("batch/v1", "CronJob", "cronjobs", true, "cj"),
        Arguments.of("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", true, "netpol"),
        Arguments.of("networking.k8s.io/v1", "Ingress", "ingresses", true, "ing"),
        Arguments.of("networking.k8s.io/v1", "IngressClass", "ingressclasses", false, ""),
        Arguments.of("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets", true, "pdb"),
        Arguments.of(
            "autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, "hpa"),
        Arguments.of("storage.k8s.io/v1", "StorageClass", "storageclasses", false, "sc"),
        Arguments.of("coordination.k8s.io/v1", "Lease", "leases", true, ""),
        Arguments.of(
            "apiextensions.k8s.io/v1",
            "CustomResourceDefinition",
            "customresourcedefinitions",
            false,
            "crd"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("builtInKinds")
  void builtInKindResolvesToItsPluralAndScopeAsKubectlResolvesIt(
      String apiVersion, String kind, String plural, boolean namespaced, String shortName) {
    APIResource resource = resolve(apiVersion, kind).orElseThrow();

    assertThat(resource.getName()).isEqualTo(plural);
    assertThat(resource.getNamespaced()).isEqualTo(namespaced);
    assertThat(resource.getSingularName()).isEqualTo(kind.toLowerCase(java.util.Locale.ROOT));
    assertThat(resource.getVerbs()).contains("get", "list", "watch", "create", "delete");
    if (shortName.isEmpty()) {
      assertThat(resource.getShortNames()).isEmpty();
    } else {
      assertThat(resource.getShortNames()).contains(shortName);
    }
  }

  @Test
  void subresourcesAreListedAfterTheirResourceAsARealServerListsThem() {
    List<String> names =
        server.client().getApiResources("apps/v1").getResources().stream()
            .map(APIResource::getName)
            .filter(name -> name.startsWith("deployments"))
            .toList();
    assertThat(names).containsExactly("deployments", "deployments/scale", "deployments/status");
    APIResource scale =
        server.client().getApiResources("apps/v1").getResources().stream()
            .filter(r -> r.getName().equals("deployments/scale"))
            .findFirst()
            .orElseThrow();
    assertThat(scale.getKind()).isEqualTo("Scale");
    assertThat(scale.getGroup()).isEqualTo("autoscaling");
    assertThat(scale.getVersion()).isEqualTo("v1");
    assertThat(scale.getVerbs()).containsExactly("get", "patch", "update");
  }

  @Test
  void apiGroupsListBuiltInGroupsThenCrdGroupsWithTheirPreferredVersion() {
    List<APIGroup> groups = server.client().getApiGroups().getGroups();
    List<String> names = groups.stream().map(APIGroup::getName).toList();

    assertThat(names)
        .contains("apps", "batch", "networking.k8s.io", "apiextensions.k8s.io")
        .doesNotContain("")
        .doesNotHaveDuplicates();
    assertThat(names.subList(names.size() - 2, names.size()))
        .containsExactly(KubeStashKinds.CORE_GROUP, KubeStashKinds.STORAGE_GROUP);
    APIGroup autoscaling = group("autoscaling").orElseThrow();
    assertThat(autoscaling.getVersions())
        .extracting(GroupVersionForDiscovery::getGroupVersion)
        .containsExactly("autoscaling/v2", "autoscaling/v1");
    assertThat(autoscaling.getPreferredVersion().getVersion()).isEqualTo("v2");
    assertThat(server.client().getApiGroup("batch").getPreferredVersion().getGroupVersion())
        .isEqualTo("batch/v1");
  }

  @Test
  void coreGroupIsAtApiWithVersionV1Only() {
    assertThat(server.client().getAPIVersions().getVersions()).containsExactly("v1");
    assertThat(server.client().getApiResources("v1").getGroupVersion()).isEqualTo("v1");
  }

  @Test
  void rootPathsAndVersionAreThoseOfARealServer() {
    assertThat(server.client().rootPaths().getPaths())
        .contains("/api", "/api/v1", "/apis", "/apis/apps", "/apis/apps/v1", "/version")
        .contains("/apis/" + KubeStashKinds.CORE_GROUP + "/" + KubeStashKinds.VERSION);
    assertThat(server.client().getKubernetesVersion().getMajor()).isEqualTo("1");
    assertThat(server.client().getKubernetesVersion().getGitVersion())
        .isEqualTo(ApiDiscovery.GIT_VERSION);
  }

  @Test
  void everyKubeStashKindIsServedAsItsCrdDescribesIt() {
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      APIResource resource = resolve(kind.apiVersion(), kind.kind()).orElseThrow();
      assertThat(resource.getName()).as(kind.kind()).isEqualTo(kind.plural());
      assertThat(resource.getNamespaced()).as(kind.kind()).isTrue();
      assertThat(resource.getSingularName())
          .as(kind.kind())
          .isEqualTo(kind.kind().toLowerCase(java.util.Locale.ROOT));
      assertThat(resource.getVerbs())
          .as(kind.kind())
          .containsExactly(
              "delete", "deletecollection", "get", "list", "patch", "create", "update", "watch");
      assertThat(names(kind.apiVersion())).as(kind.kind()).contains(kind.plural() + "/status");
    }
  }

  @Test
  void unknownGroupOrVersionIsNotFoundLikeARealServer() throws Exception {
    assertThat(server.client().getApiResources("example.com/v1")).isNull();
    assertThat(server.client().getApiResources("apps/v1beta1")).isNull();
    assertThat(server.client().getApiGroup("example.com")).isNull();
    for (String path : List.of("/apis/example.com/v1", "/apis/example.com", "/api/v2")) {
      HttpResponse<String> response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      JsonNode status = JSON.readTree(response.body());
      assertThat(status.path("kind").asText()).isEqualTo("Status");
      assertThat(status.path("reason").asText()).isEqualTo("NotFound");
    }
  }

  @Test
  void objectsOfAGroupWithoutCrdAreNotFound() {
    var widgets = server.client().genericKubernetesResources(WIDGETS).inNamespace("demo");
    assertThatThrownBy(() -> widgets.resource(widget("demo", "w1", 1)).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    assertThatThrownBy(() -> widgets.list())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
  }

  @Test
  void runtimeCrdAppearsInDiscoveryAndItsObjectsLiveUntilItIsDeleted() throws Exception {
    server.createCustomResourceDefinition(WIDGETS);

    APIResource resource = resolve("example.com/v1", "Widget").orElseThrow();
    assertThat(resource.getName()).isEqualTo("widgets");
    assertThat(resource.getNamespaced()).isTrue();
    assertThat(resource.getSingularName()).isEqualTo("widget");
    assertThat(group("example.com").orElseThrow().getPreferredVersion().getGroupVersion())
        .isEqualTo("example.com/v1");

    Recorder<GenericKubernetesResource> recorder = new Recorder<>();
    var widgets = server.client().genericKubernetesResources(WIDGETS);
    try (SharedIndexInformer<GenericKubernetesResource> informer =
        widgets.inAnyNamespace().inform(recorder)) {
      widgets.inNamespace("demo").resource(widget("demo", "w1", 1)).create();
      widgets.inNamespace("other").resource(widget("other", "w2", 2)).create();
      recorder.next("ADD", "w1");
      recorder.next("ADD", "w2");
      assertThat(widgets.inAnyNamespace().list().getItems())
          .extracting(w -> w.getMetadata().getName())
          .containsExactlyInAnyOrder("w1", "w2");
      assertThat(widgets.inNamespace("demo").list().getItems()).hasSize(1);
      // Status is kept on create: the helper's CRD has no status subresource.
      assertThat(
              widgets
                  .inNamespace("other")
                  .withName("w2")
                  .get()
                  .getAdditionalProperties()
                  .get("status"))
          .isEqualTo(Map.of("size", 2));

      // fabric8 resolves the kind through discovery here.
      assertThat(
              server
                  .client()
                  .genericKubernetesResources("example.com/v1", "Widget")
                  .inAnyNamespace()
                  .list()
                  .getItems())
          .hasSize(2);

      assertThat(server.deleteCustomResourceDefinition("widgets.example.com")).isTrue();

      recorder.next("DELETE", "w1");
      recorder.next("DELETE", "w2");
      assertThat(informer.getStore().list()).isEmpty();
    }
    assertThat(server.client().getApiResources("example.com/v1")).isNull();
    assertThat(group("example.com")).isEmpty();
    assertThatThrownBy(() -> widgets.inAnyNamespace().list())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
  }

  @Test
  void clusterScopedRuntimeCrdObjectsAreCreatedListedAndWatchedWithoutNamespace() throws Exception {
    server.createCustomResourceDefinition(GADGETS);

    APIResource resource = resolve("example.org/v1beta1", "Gadget").orElseThrow();
    assertThat(resource.getName()).isEqualTo("gadgets");
    assertThat(resource.getNamespaced()).isFalse();

    Recorder<GenericKubernetesResource> recorder = new Recorder<>();
    var gadgets = server.client().genericKubernetesResources(GADGETS);
    try (SharedIndexInformer<GenericKubernetesResource> informer = gadgets.inform(recorder)) {
      GenericKubernetesResource created = gadgets.resource(gadget("g1", "blue")).create();
      assertThat(created.getMetadata().getNamespace()).isNull();
      recorder.next("ADD", "g1");

      created.setAdditionalProperty("spec", Map.of("colour", "red"));
      gadgets.resource(created).update();
      assertThat(recorder.next("UPDATE", "g1").object())
          .extracting(o -> ((GenericKubernetesResource) o).getAdditionalProperties().get("spec"))
          .isEqualTo(Map.of("colour", "red"));

      assertThat(gadgets.list().getItems())
          .extracting(g -> g.getMetadata().getName())
          .containsExactly("g1");
      gadgets.withName("g1").delete();
      recorder.next("DELETE", "g1");
      assertThat(informer.getStore().list()).isEmpty();
    }
  }

  @Test
  void everyServedVersionOfACrdIsDiscoverableWithTheHighestPriorityPreferred() {
    CustomResourceDefinition crd =
        new CustomResourceDefinitionBuilder()
            .withNewMetadata()
            .withName("things.example.net")
            .endMetadata()
            .withNewSpec()
            .withGroup("example.net")
            .withScope("Namespaced")
            .withNewNames()
            .withKind("Thing")
            .withPlural("things")
            .withShortNames("th")
            .withCategories("example")
            .endNames()
            .withVersions(
                version("v1alpha1", true, false),
                version("v1", true, true),
                version("v1beta1", true, false),
                version("v2alpha1", false, false))
            .endSpec()
            .build();
    server.createCustomResourceDefinition(crd);

    APIGroup group = server.client().getApiGroup("example.net");
    assertThat(group.getVersions())
        .extracting(GroupVersionForDiscovery::getVersion)
        .containsExactly("v1", "v1beta1", "v1alpha1");
    assertThat(group.getPreferredVersion().getVersion()).isEqualTo("v1");
    assertThat(server.client().getApiResources("example.net/v2alpha1")).isNull();
    APIResource things = resolve("example.net/v1beta1", "Thing").orElseThrow();
    assertThat(things.getSingularName()).isEqualTo("thing");
    assertThat(things.getShortNames()).containsExactly("th");
    assertThat(things.getCategories()).containsExactly("example");
    assertThat(names("example.net/v1")).containsExactly("things", "things/status");
    assertThat(names("example.net/v1alpha1")).containsExactly("things");
  }

  @Test
  void hiddenCrdLeavesDiscoveryAndComesBackWhenTheFaultIsCleared() {
    server.faults().hideCrd(KubeStashKinds.BACKUP_SESSION);
    String apiVersion = KubeStashKinds.BACKUP_SESSION.apiVersion();

    assertThat(names(apiVersion)).doesNotContain("backupsessions").contains("backupconfigurations");

    server.faults().clear(KubeStashKinds.BACKUP_SESSION);
    assertThat(names(apiVersion)).contains("backupsessions");
  }

  @Test
  void objectsOfBuiltInKindsAreCreatedListedAndWatched() throws Exception {
    Recorder<Deployment> recorder = new Recorder<>();
    var deployments = server.client().apps().deployments();
    try (SharedIndexInformer<Deployment> informer = deployments.inAnyNamespace().inform(recorder)) {
      Deployment created =
          deployments
              .inNamespace("demo")
              .resource(
                  new DeploymentBuilder()
                      .withNewMetadata()
                      .withName("web")
                      .withNamespace("demo")
                      .endMetadata()
                      .withNewSpec()
                      .withReplicas(2)
                      .endSpec()
                      .build())
              .create();
      recorder.next("ADD", "web");

      created.getSpec().setReplicas(3);
      deployments.inNamespace("demo").resource(created).update();
      Deployment updated = (Deployment) recorder.next("UPDATE", "web").object();
      assertThat(updated.getSpec().getReplicas()).isEqualTo(3);
      assertThat(deployments.inNamespace("demo").list().getItems()).hasSize(1);

      deployments.inNamespace("demo").withName("web").delete();
      recorder.next("DELETE", "web");
      assertThat(informer.getStore().list()).isEmpty();
    }

    // The same through the raw client, addressed as discovery describes pods.
    APIResource pods = resolve("v1", "Pod").orElseThrow();
    var raw =
        server
            .client()
            .genericKubernetesResources(ResourceDefinitionContext.fromApiResource("v1", pods));
    server.client().pods().inNamespace("demo").resource(pod("demo", "p1")).create();
    assertThat(raw.inNamespace("demo").list().getItems())
        .extracting(p -> p.getMetadata().getName())
        .containsExactly("p1");
  }

  @Test
  void resetRemovesRuntimeCrdsAndEveryObjectAndRestoresDeletedStartCrds() {
    server.createCustomResourceDefinition(WIDGETS);
    server
        .client()
        .genericKubernetesResources(WIDGETS)
        .inNamespace("demo")
        .resource(widget("demo", "w1", 1))
        .create();
    server.installMetricsConfigurationCrd();
    server
        .client()
        .pods()
        .inNamespace("demo")
        .resource(
            new PodBuilder(pod("demo", "held"))
                .editMetadata()
                .withFinalizers("example.com/hold")
                .endMetadata()
                .build())
        .create();
    server.create(KubeStashFixtures.backupSession("demo", "nightly-1").build());
    assertThat(server.deleteCustomResourceDefinition(KubeStashKinds.SNAPSHOT.crdName())).isTrue();
    assertThat(names(KubeStashKinds.SNAPSHOT.apiVersion())).doesNotContain("snapshots");

    server.reset();

    assertThat(server.client().getApiResources("example.com/v1")).isNull();
    assertThat(server.client().getApiResources("metrics.appscode.com/v1alpha1")).isNull();
    assertThat(names(KubeStashKinds.SNAPSHOT.apiVersion())).contains("snapshots");
    assertThat(server.client().pods().inAnyNamespace().list().getItems()).isEmpty();
    assertThat(
            server
                .client()
                .resources(KubeStashKinds.BACKUP_SESSION.type())
                .inAnyNamespace()
                .list()
                .getItems())
        .isEmpty();
    assertThat(server.client().apiextensions().v1().customResourceDefinitions().list().getItems())
        .extracting(crd -> crd.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(
            KubeStashKinds.ALL.stream().map(KubeStashKinds.Kind::crdName).toList());
  }

  @Test
  void metricsConfigurationCrdIsAbsentUntilInstalled() {
    assertThat(server.client().getApiResources("metrics.appscode.com/v1alpha1")).isNull();

    CustomResourceDefinition crd = server.installMetricsConfigurationCrd();
    assertThat(server.installMetricsConfigurationCrd().getMetadata().getUid())
        .as("installing twice keeps the first")
        .isEqualTo(crd.getMetadata().getUid());

    APIResource resource =
        resolve("metrics.appscode.com/v1alpha1", "MetricsConfiguration").orElseThrow();
    assertThat(resource.getName()).isEqualTo("metricsconfigurations");
    assertThat(resource.getNamespaced()).isFalse();
    var configurations =
        server.client().genericKubernetesResources(KubeStashMockServer.METRICS_CONFIGURATIONS);
    configurations
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("metrics.appscode.com/v1alpha1")
                .withKind("MetricsConfiguration")
                .withNewMetadata()
                .withName("kubestash-backupsession")
                .endMetadata()
                .withAdditionalProperties(
                    Map.of(
                        "spec",
                        Map.of(
                            "targetRef",
                            Map.of(
                                "apiVersion",
                                "core.kubestash.com/v1alpha1",
                                "kind",
                                "BackupSession"))))
                .build())
        .create();
    assertThat(configurations.list().getItems()).hasSize(1);
  }

  /** A server whose builder installs the MetricsConfiguration CRD at start. */
  @Nested
  class WithMetricsConfigurationCrd {

    @RegisterExtension
    final KubeStashMockServer own =
        KubeStashMockServer.builder().metricsConfigurationCrd(true).build();

    @Test
    void crdIsThereFromStartAndResetKeepsIt() {
      assertThat(names(own, "metrics.appscode.com/v1alpha1"))
          .containsExactly("metricsconfigurations");

      own.reset();

      assertThat(names(own, "metrics.appscode.com/v1alpha1"))
          .containsExactly("metricsconfigurations");
    }
  }

  /** The example list of k8s.io/apimachinery's version priority, in priority order. */
  @Test
  void versionsSortInKubernetesPriorityOrder() {
    List<String> expected =
        List.of(
            "v10",
            "v2",
            "v1",
            "v11beta2",
            "v10beta3",
            "v3beta1",
            "v12alpha1",
            "v11alpha2",
            "foo1",
            "foo10");
    for (long seed = 0; seed < 20; seed++) {
      List<String> shuffled = new ArrayList<>(expected);
      Collections.shuffle(shuffled, new Random(seed));
      shuffled.sort(ApiDiscovery.VERSION_PRIORITY);
      assertThat(shuffled).as("seed=%s", seed).isEqualTo(expected);
    }
  }

  /** The resource of this kind at this apiVersion, as kubectl finds it: subresources skipped. */
  private static Optional<APIResource> resolve(String apiVersion, String kind) {
    APIResourceList list = server.client().getApiResources(apiVersion);
    if (list == null) {
      return Optional.empty();
    }
    return list.getResources().stream()
        .filter(r -> !r.getName().contains("/") && r.getKind().equals(kind))
        .findFirst();
  }

  private static List<String> names(String apiVersion) {
    return names(server, apiVersion);
  }

  private static List<String> names(KubeStashMockServer api, String apiVersion) {
    APIResourceList list = api.client().getApiResources(apiVersion);
    return list == null
        ? List.of()
        : list.getResources().stream().map(APIResource::getName).toList();
  }

  private static Optional<APIGroup> group(String name) {
    return server.client().getApiGroups().getGroups().stream()
        .filter(g -> g.getName().equals(name))
        .findFirst();
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    String base = server.url();
    URI uri = URI.create(base.substring(0, base.length() - 1) + path);
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static ResourceDefinitionContext context(
      String group, String version, String kind, String plural, boolean namespaced) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(version)
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(namespaced)
        .build();
  }

  /** A version of a CRD; the stored one has a status subresource, the others none. */
  private static CustomResourceDefinitionVersion version(
      String name, boolean served, boolean storage) {
    var version =
        new CustomResourceDefinitionVersionBuilder()
            .withName(name)
            .withServed(served)
            .withStorage(storage)
            .withNewSchema()
            .withNewOpenAPIV3Schema()
            .withType("object")
            .withXKubernetesPreserveUnknownFields(true)
            .endOpenAPIV3Schema()
            .endSchema();
    return storage
        ? version.withNewSubresources().withNewStatus().endStatus().endSubresources().build()
        : version.build();
  }

  private static GenericKubernetesResource widget(String namespace, String name, int size) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("example.com/v1")
        .withKind("Widget")
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withAdditionalProperties(
            Map.of("spec", Map.of("size", size), "status", Map.of("size", size)))
        .build();
  }

  private static GenericKubernetesResource gadget(String name, String colour) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("example.org/v1beta1")
        .withKind("Gadget")
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", Map.of("colour", colour)))
        .build();
  }

  private static io.fabric8.kubernetes.api.model.Pod pod(String namespace, String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .build();
  }
}
