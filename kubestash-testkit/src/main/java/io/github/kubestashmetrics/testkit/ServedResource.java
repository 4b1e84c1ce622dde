package io.github.kubestashmetrics.testkit;

import java.util.List;
import java.util.Objects;

/**
 * One resource an API server serves at {@code group/version}, as its discovery document describes
 * it: the plural {@code name} used in paths, the {@code kind} of its objects, whether it is
 * namespaced, and its subresources ({@code status}, {@code scale}).
 *
 * @param group the API group; empty for the core group ({@code /api/v1})
 * @param version the version, e.g. {@code v1}
 * @param kind the kind of its objects, e.g. {@code Deployment}
 * @param plural the resource name in paths, e.g. {@code deployments}
 * @param singular the singular name, e.g. {@code deployment}
 * @param namespaced true if its objects live in namespaces
 * @param shortNames kubectl's abbreviations, e.g. {@code deploy}
 * @param categories e.g. {@code all}
 * @param verbs what a client may do with it
 * @param status true if it has a status subresource
 * @param scale true if it has a scale subresource
 */
record ServedResource(
    String group,
    String version,
    String kind,
    String plural,
    String singular,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    List<String> verbs,
    boolean status,
    boolean scale) {

  /** The verbs of a built-in resource that supports everything. */
  static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  /** The verbs the API server gives every custom resource, in its order. */
  static final List<String> CUSTOM_RESOURCE_VERBS =
      List.of("delete", "deletecollection", "get", "list", "patch", "create", "update", "watch");

  ServedResource {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(plural, "plural");
    Objects.requireNonNull(singular, "singular");
    shortNames = List.copyOf(shortNames);
    categories = List.copyOf(categories);
    verbs = List.copyOf(verbs);
  }

  /** The same resource with a status subresource. */
  ServedResource withStatus() {
    return new ServedResource(
        group,
        version,
        kind,
        plural,
        singular,
        namespaced,
        shortNames,
        categories,
        verbs,
        true,
        scale);
  }

  /** The same resource with a scale subresource. */
  ServedResource withScale() {
    return new ServedResource(
        group,
        version,
        kind,
        plural,
        singular,
        namespaced,
        shortNames,
        categories,
        verbs,
        status,
        true);
  }

  /** The same resource in kubectl's {@code all} category ({@code kubectl get all}). */
  ServedResource inAll() {
    return new ServedResource(
        group,
        version,
        kind,
        plural,
        singular,
        namespaced,
        shortNames,
        List.of("all"),
        verbs,
        status,
        scale);
  }

  /** {@code group/version}, or {@code version} alone for the core group. */
  String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }
}
