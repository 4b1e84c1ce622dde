package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A KubeDB kind with one app node on {@code spec}: the default role ({@code spec.replicas} pods, or
 * 1), optionally the exporter with the same pods, optionally a sidecar container read from the same
 * pod template with the same pods when there is more than one pod, and optionally extra roles a few
 * kinds add ({@link Extra}).
 *
 * @param node how the app node is read
 * @param exporter whether the kind has a Prometheus exporter role
 * @param sidecar the sidecar container added when the node has more than one pod, or null
 * @param extra extra roles, or null
 * @param mode the mode rule
 * @param tls the TLS rule
 */
record SingleNodeCalculator(
    NodeStyle node, boolean exporter, String sidecar, Extra extra, ModeRule mode, TlsRule tls)
    implements Calculator {

  /** Roles a kind adds beyond the default, exporter and sidecar. */
  interface Extra {
    /** The role names added to the runtime roles. */
    List<String> roleNames();

    /** Adds or replaces roles, given the default role already read. */
    void add(JsonNode object, View view, Role app, Map<String, Role> roles);
  }

  private static final List<String> APP = List.of(Role.DEFAULT);

  @Override
  public List<String> appRoles() {
    return APP;
  }

  @Override
  public List<String> runtimeRoles() {
    List<String> roles = new ArrayList<>(APP);
    if (exporter) {
      roles.add(Role.EXPORTER);
    }
    if (sidecar != null) {
      roles.add(Role.SIDECAR);
    }
    if (extra != null) {
      roles.addAll(extra.roleNames());
    }
    return roles;
  }

  @Override
  public Map<String, Long> replicaMap(JsonNode object) {
    return Map.of(Role.DEFAULT, ObjectFields.integer(object, "spec", "replicas").orElse(1));
  }

  @Override
  public Map<String, Role> roles(JsonNode object, View view) {
    Map<String, Role> roles = new HashMap<>();
    Role app = node.read(object, view, "spec");
    roles.put(Role.DEFAULT, app);
    if (exporter) {
      roles.put(Role.EXPORTER, new Role(PodReaders.exporter(object, view), app.pods()));
    }
    if (sidecar != null && app.pods() > 1) {
      roles.put(
          Role.SIDECAR, new Role(PodReaders.sidecar(object, view, sidecar, "spec"), app.pods()));
    }
    if (extra != null) {
      extra.add(object, view, app, roles);
    }
    return roles;
  }

  @Override
  public String mode(JsonNode object) {
    return mode.mode(object);
  }

  @Override
  public boolean usesTls(JsonNode object) {
    return tls.usesTls(object);
  }
}
