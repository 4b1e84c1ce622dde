package io.github.kubestashmetrics.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The discovery documents a real API server serves, for a given set of served resources: {@code GET
 * /} (RootPaths), {@code /version}, {@code /api} (APIVersions), {@code /api/v1} and {@code
 * /apis/{group}/{version}} (APIResourceList), {@code /apis} (APIGroupList) and {@code
 * /apis/{group}} (APIGroup). A group or version nobody serves is 404 with a {@code NotFound}
 * Status, as from a real server.
 *
 * <p>Within a group, versions are in Kubernetes' version priority (GA before beta before alpha,
 * higher numbers first, other names last in alphabetical order); the first is the preferred
 * version. Subresources ({@code deployments/status}, {@code deployments/scale}) are listed beside
 * their resource, as a real server lists them; clients skip names with a {@code /}.
 */
final class ApiDiscovery {

  /** The Status a real API server answers for a path it does not serve. */
  static final String NOT_FOUND =
      "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
          + "\"message\":\"the server could not find the requested resource\","
          + "\"reason\":\"NotFound\",\"details\":{},\"code\":404}";

  /** The Kubernetes version the mock claims at {@code /version}; its built-in table matches it. */
  static final String GIT_VERSION = "v1.31.0";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern KUBE_VERSION =
      Pattern.compile("v([1-9][0-9]{0,8})(?:(alpha|beta)([1-9][0-9]{0,8}))?");
  private static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

  /** Kubernetes' version priority: the preferred version of a group sorts first. */
  static final Comparator<String> VERSION_PRIORITY = ApiDiscovery::compareVersions;

  private ApiDiscovery() {}

  /**
   * The answer to a GET of {@code path} (its query ignored) if it is a discovery path; null for any
   * other path (an object or a list of objects).
   */
  static MockResponse answer(String path, Supplier<List<ServedResource>> servedNow) {
    int query = path.indexOf('?');
    String bare = query < 0 ? path : path.substring(0, query);
    if (bare.isEmpty() || bare.equals("/")) {
      return ok(rootPaths(servedNow.get()));
    }
    if (bare.equals("/version")) {
      return ok(version());
    }
    String[] segments = bare.split("/", -1);
    // "", "api" | "apis", then at most a version (core) or a group and a version.
    if (segments.length < 2 || !segments[0].isEmpty()) {
      return null;
    }
    if (segments[1].equals("api") && segments.length <= 3) {
      return segments.length == 2
          ? ok(apiVersions())
          : resourceList("", segments[2], servedNow.get());
    }
    if (segments[1].equals("apis") && segments.length <= 4) {
      List<ServedResource> served = servedNow.get();
      if (segments.length == 2) {
        return ok(groupList(served));
      }
      if (segments.length == 3) {
        ObjectNode group = group(segments[2], served);
        return group == null
            ? notFound()
            : ok(group.put("kind", "APIGroup").put("apiVersion", "v1"));
      }
      return resourceList(segments[2], segments[3], served);
    }
    return null;
  }

  /** The 404 a real API server answers for a path it does not serve. */
  static MockResponse notFound() {
    return new MockResponse()
        .setResponseCode(404)
        .setHeader("Content-Type", "application/json")
        .setBody(NOT_FOUND);
  }

  /**
   * The resources a CustomResourceDefinition (as stored JSON) makes the server serve: one per
   * served version. Unreadable or incomplete definitions serve nothing.
   */
  static List<ServedResource> servedBy(String crdJson) {
    JsonNode crd;
    try {
      crd = JSON.readTree(crdJson);
    } catch (JsonProcessingException e) {
      return List.of();
    }
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    String group = spec.path("group").asText("");
    String kind = names.path("kind").asText("");
    String plural = names.path("plural").asText("");
    if (group.isEmpty() || kind.isEmpty() || plural.isEmpty()) {
      return List.of();
    }
    String singular = names.path("singular").asText("");
    if (singular.isEmpty()) {
      singular = kind.toLowerCase(Locale.ROOT);
    }
    boolean namespaced = !"Cluster".equals(spec.path("scope").asText("Namespaced"));
    List<ServedResource> served = new ArrayList<>();
    for (JsonNode version : spec.path("versions")) {
      String name = version.path("name").asText("");
      if (name.isEmpty() || !version.path("served").asBoolean(false)) {
        continue;
      }
      JsonNode subresources = version.path("subresources");
      served.add(
          new ServedResource(
              group,
              name,
              kind,
              plural,
              singular,
              namespaced,
              texts(names.path("shortNames")),
              texts(names.path("categories")),
              ServedResource.CUSTOM_RESOURCE_VERBS,
              subresources.has("status"),
              subresources.has("scale")));
    }
    return served;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    for (JsonNode text : array) {
      texts.add(text.asText());
    }
    return texts;
  }

  private static MockResponse ok(ObjectNode body) {
    try {
      return new MockResponse()
          .setResponseCode(200)
          .setHeader("Content-Type", "application/json")
          .setBody(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("discovery document not writable", e);
    }
  }

  private static ObjectNode rootPaths(List<ServedResource> served) {
    TreeSet<String> paths = new TreeSet<>(List.of("/api", "/api/v1", "/apis", "/version"));
    for (ServedResource resource : served) {
      if (!resource.group().isEmpty()) {
        paths.add("/apis/" + resource.group());
        paths.add("/apis/" + resource.groupVersion());
      }
    }
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("paths");
    paths.forEach(list::add);
    return root;
  }

  private static ObjectNode version() {
    Matcher numbers = Pattern.compile("v(\\d+)\\.(\\d+)\\..*").matcher(GIT_VERSION);
    if (!numbers.matches()) {
      throw new IllegalStateException("GIT_VERSION is not vMAJOR.MINOR.PATCH: " + GIT_VERSION);
    }
    ObjectNode version = JSON.createObjectNode();
    version.put("major", numbers.group(1));
    version.put("minor", numbers.group(2));
    version.put("gitVersion", GIT_VERSION);
    version.put("platform", "linux/amd64");
    return version;
  }

  private static ObjectNode apiVersions() {
    ObjectNode versions = JSON.createObjectNode();
    versions.put("kind", "APIVersions");
    versions.putArray("versions").add("v1");
    return versions;
  }

  private static ObjectNode groupList(List<ServedResource> served) {
    ObjectNode list = JSON.createObjectNode();
    list.put("kind", "APIGroupList");
    list.put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    for (String name : groupNames(served)) {
      groups.add(group(name, served));
    }
    return list;
  }

  /** Built-in groups in their order, then the others (CRDs') alphabetically. */
  private static List<String> groupNames(List<ServedResource> served) {
    List<String> names = new ArrayList<>();
    TreeSet<String> custom = new TreeSet<>();
    for (ServedResource resource : served) {
      String group = resource.group();
      if (group.isEmpty() || names.contains(group)) {
        continue;
      }
      if (BuiltInResources.GROUPS.contains(group)) {
        names.add(group);
      } else {
        custom.add(group);
      }
    }
    names.addAll(custom);
    return names;
  }

  /** The APIGroup document of a group, or null if nothing is served in it. */
  private static ObjectNode group(String name, List<ServedResource> served) {
    TreeSet<String> versions = new TreeSet<>(VERSION_PRIORITY);
    for (ServedResource resource : served) {
      if (!name.isEmpty() && resource.group().equals(name)) {
        versions.add(resource.version());
      }
    }
    if (versions.isEmpty()) {
      return null;
    }
    ObjectNode group = JSON.createObjectNode();
    group.put("name", name);
    ArrayNode list = group.putArray("versions");
    for (String version : versions) {
      list.add(groupVersion(name, version));
    }
    group.set("preferredVersion", groupVersion(name, versions.first()));
    return group;
  }

  private static ObjectNode groupVersion(String group, String version) {
    ObjectNode node = JSON.createObjectNode();
    node.put("groupVersion", group + "/" + version);
    node.put("version", version);
    return node;
  }

  private static MockResponse resourceList(
      String group, String version, List<ServedResource> served) {
    Map<String, ServedResource> byName = new LinkedHashMap<>();
    for (ServedResource resource : served) {
      if (resource.group().equals(group) && resource.version().equals(version)) {
        byName.putIfAbsent(resource.plural(), resource);
      }
    }
    if (byName.isEmpty()) {
      return notFound();
    }
    ObjectNode list = JSON.createObjectNode();
    list.put("kind", "APIResourceList");
    list.put("apiVersion", "v1");
    list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = list.putArray("resources");
    byName.values().stream()
        .sorted(Comparator.comparing(ServedResource::plural))
        .forEach(
            resource -> {
              resources.add(resource(resource));
              if (resource.scale()) {
                ObjectNode scale = subresource(resource, "scale", "Scale");
                scale.put("group", "autoscaling");
                scale.put("version", "v1");
                resources.add(scale);
              }
              if (resource.status()) {
                resources.add(subresource(resource, "status", resource.kind()));
              }
            });
    return ok(list);
  }

  private static ObjectNode resource(ServedResource resource) {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", resource.plural());
    node.put("singularName", resource.singular());
    node.put("namespaced", resource.namespaced());
    node.put("kind", resource.kind());
    ArrayNode verbs = node.putArray("verbs");
    resource.verbs().forEach(verbs::add);
    if (!resource.shortNames().isEmpty()) {
      ArrayNode shortNames = node.putArray("shortNames");
      resource.shortNames().forEach(shortNames::add);
    }
    if (!resource.categories().isEmpty()) {
      ArrayNode categories = node.putArray("categories");
      resource.categories().forEach(categories::add);
    }
    return node;
  }

  private static ObjectNode subresource(ServedResource resource, String name, String kind) {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", resource.plural() + "/" + name);
    node.put("singularName", "");
    node.put("namespaced", resource.namespaced());
    node.put("kind", kind);
    ArrayNode verbs = node.putArray("verbs");
    SUBRESOURCE_VERBS.forEach(verbs::add);
    return node;
  }

  /**
   * Kubernetes' version priority (k8s.io/apimachinery's CompareKubeAwareVersionStrings), highest
   * first: {@code v1}-style GA versions, then betas, then alphas, each by major then minor number
   * descending; names not of that form come last, alphabetically.
   */
  private static int compareVersions(String a, String b) {
    Matcher ma = KUBE_VERSION.matcher(a);
    Matcher mb = KUBE_VERSION.matcher(b);
    boolean kubeA = ma.matches();
    boolean kubeB = mb.matches();
    if (!kubeA || !kubeB) {
      return kubeA ? -1 : kubeB ? 1 : a.compareTo(b);
    }
    int stability = Integer.compare(stability(mb.group(2)), stability(ma.group(2)));
    if (stability != 0) {
      return stability;
    }
    int major = Integer.compare(Integer.parseInt(mb.group(1)), Integer.parseInt(ma.group(1)));
    if (major != 0) {
      return major;
    }
    int minorA = ma.group(3) == null ? 0 : Integer.parseInt(ma.group(3));
    int minorB = mb.group(3) == null ? 0 : Integer.parseInt(mb.group(3));
    return Integer.compare(minorB, minorA);
  }

  private static int stability(String level) {
    if (level == null) {
      return 2;
    }
    return level.equals("beta") ? 1 : 0;
  }
}
