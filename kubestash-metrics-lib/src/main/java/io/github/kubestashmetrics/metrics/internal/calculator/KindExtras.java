package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The extra roles of the few single-node kinds that have them (Oracle, HanaDB, VaultServer). */
final class KindExtras {

  private KindExtras() {}

  /**
   * Oracle with more than one pod: role {@code observer}, the {@code observer} container of {@code
   * spec.dataGuard.observer}, one pod (its storage is not counted).
   */
  static final SingleNodeCalculator.Extra ORACLE_OBSERVER =
      new SingleNodeCalculator.Extra() {
        @Override
        public List<String> roleNames() {
          return List.of("observer");
        }

        @Override
        public void add(JsonNode object, View view, Role app, Map<String, Role> roles) {
          if (app.pods() > 1) {
            ResourceList observer =
                PodReaders.sidecar(object, view, "observer", "spec", "dataGuard", "observer");
            roles.put("observer", new Role(observer, 1));
          }
        }
      };

  /**
   * HanaDB in {@code spec.topology.mode: SystemReplication} with more than one pod: role {@code
   * coordinator}, the {@code hanadb-coordinator} container, with the app's pods.
   */
  static final SingleNodeCalculator.Extra HANADB_COORDINATOR =
      new SingleNodeCalculator.Extra() {
        @Override
        public List<String> roleNames() {
          return List.of("coordinator");
        }

        @Override
        public void add(JsonNode object, View view, Role app, Map<String, Role> roles) {
          String mode = ObjectFields.string(object, "spec", "topology", "mode").orElse("");
          if (mode.equals("SystemReplication") && app.pods() > 1) {
            ResourceList coordinator =
                PodReaders.sidecar(object, view, "hanadb-coordinator", "spec");
            roles.put("coordinator", new Role(coordinator, app.pods()));
          }
        }
      };

  /**
   * VaultServer: when {@code spec.backend.raft} is there, the app's storage is the raft node's
   * storage (zero when raft has none) instead of {@code spec.storage}.
   */
  static final SingleNodeCalculator.Extra VAULT_RAFT_STORAGE =
      new SingleNodeCalculator.Extra() {
        @Override
        public List<String> roleNames() {
          return List.of();
        }

        @Override
        public void add(JsonNode object, View view, Role app, Map<String, Role> roles) {
          if (ObjectFields.present(object, "spec", "backend", "raft")) {
            Role raft = PodReaders.podTemplateNode(object, view, "spec", "backend", "raft");
            roles.put(
                Role.DEFAULT,
                new Role(app.perPod().withStorage(raft.perPod().storage()), app.pods()));
          }
        }
      };
}
