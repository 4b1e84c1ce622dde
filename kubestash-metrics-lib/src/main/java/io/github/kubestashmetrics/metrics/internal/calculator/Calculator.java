package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One kind's rules: its app and runtime roles, its replica map and its per-role resources. The sums
 * are the same for every kind and live here:
 *
 * <ul>
 *   <li>app = the sum of role totals over {@link #appRoles()};
 *   <li>total = the element-wise maximum of the sum over {@link #runtimeRoles()} and the total of
 *       the {@link Role#INIT} role;
 *   <li>replicas = the sum of the replica map over the app roles.
 * </ul>
 *
 * <p>Invariant: the runtime roles include every app role, so total ≥ app for non-negative amounts;
 * total = app when the object has no exporter, sidecar or init containers. The replica map and the
 * roles' pods are computed separately and may disagree (upstream's quirks, kept).
 *
 * <p>Every method throws {@link CalculationException} for a malformed object; none returns null.
 */
interface Calculator {

  /** The roles that run the application itself. */
  List<String> appRoles();

  /** The app roles plus exporter, sidecar and coordinator roles; never {@link Role#INIT}. */
  List<String> runtimeRoles();

  /** Role → pod count, used only by {@code resource_replicas}. */
  Map<String, Long> replicaMap(JsonNode object);

  /** Role → per-pod resources and pods in a view; roles not there may be missing. */
  Map<String, Role> roles(JsonNode object, View view);

  /** The database mode ({@code ""} for kinds without a mode rule). */
  String mode(JsonNode object);

  /** Whether the object uses TLS (false for kinds without a TLS rule). */
  boolean usesTls(JsonNode object);

  /** The sum of the replica map over the app roles. */
  default long replicas(JsonNode object) {
    Map<String, Long> map = replicaMap(object);
    long sum = 0;
    for (String role : appRoles()) {
      sum = Math.addExact(sum, map.getOrDefault(role, 0L));
    }
    return sum;
  }

  /** The app total in thousandths. */
  default ResourceList appMilli(JsonNode object, View view) {
    return totals(object, view).app();
  }

  /** The runtime total (or the init containers' total, whichever is larger) in thousandths. */
  default ResourceList totalMilli(JsonNode object, View view) {
    return totals(object, view).total();
  }

  /**
   * The app total and the total of a view, in thousandths, from one reading of the roles (so both
   * cost one reading; each equals what {@link #appMilli} and {@link #totalMilli} return).
   */
  default Totals totals(JsonNode object, View view) {
    Map<String, Role> roles = roles(object, view);
    Map<String, ResourceList> milli = new java.util.HashMap<>();
    roles.forEach((name, role) -> milli.put(name, role.milliTotal()));
    ResourceList app = sum(milli, appRoles());
    ResourceList runtime = sum(milli, runtimeRoles());
    ResourceList init = milli.get(Role.INIT);
    return new Totals(app, init == null ? runtime : runtime.max(init));
  }

  /**
   * An object's sums in one view, in thousandths.
   *
   * @param app the sum over the app roles
   * @param total the sum over the runtime roles, or the init role's total when larger
   */
  record Totals(ResourceList app, ResourceList total) {}

  private static ResourceList sum(Map<String, ResourceList> milli, List<String> names) {
    ResourceList sum = ResourceList.ZERO;
    for (String name : names) {
      ResourceList role = milli.get(name);
      if (role != null) {
        sum = sum.plus(role);
      }
    }
    return sum;
  }
}
