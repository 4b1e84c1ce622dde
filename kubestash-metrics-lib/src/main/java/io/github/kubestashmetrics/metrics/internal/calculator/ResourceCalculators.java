package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The seven resource calculator functions of Panopticon's MetricsConfigurations, on an object given
 * as a JSON tree. Each call dispatches on the object's own {@code apiVersion} and {@code kind} to
 * the calculator registered for exactly that group/version/kind ({@link #registered}); the 97
 * registered kinds are Kubernetes workloads, KubeDB databases (with their {@code gitops.kubedb.com}
 * aliases), Kafka ConnectCluster, KubeVault VaultServer and KubeDB OpsRequests.
 *
 * <p>Results: {@link #replicas} a {@link Long}, {@link #mode} a {@link String} ({@code ""} for
 * workloads), {@link #usesTls} a {@link Boolean}, the four resource functions a {@link Double}: for
 * {@code "cpu"} cores (thousandths exact), for any other name the amount rounded up to a whole
 * number (bytes for {@code memory} and {@code storage}); a name other than cpu, memory and storage
 * is 0. Per pod each amount is rounded up to a thousandth before it is multiplied by the pods.
 *
 * <p>Invariants: total ≥ app for each view and resource (the runtime roles include the app roles,
 * and the init containers only raise the total); total = app for an object without exporter,
 * sidecar or init containers. Limits fall back to requests per resource; requests never fall back
 * to limits.
 *
 * <p>Never throws for any input and never returns null: every problem is a {@link
 * CalculatorResult.Failure}. Immutable and safe to share between threads.
 */
public final class ResourceCalculators {

  private static final ResourceCalculators STANDALONE = new ResourceCalculators(null);

  private final ReferencedObjects lookup;
  private final OpsRequestCalculator opsRequests;

  private ResourceCalculators(ReferencedObjects lookup) {
    this.lookup = lookup;
    this.opsRequests = new OpsRequestCalculator(lookup);
  }

  /**
   * Calculators with no way to look up other objects: an OpsRequest whose database object is not
   * embedded in it fails with {@link CalculatorError#REFERENCED_OBJECT_UNAVAILABLE}.
   *
   * @return the shared instance
   */
  public static ResourceCalculators standalone() {
    return STANDALONE;
  }

  /**
   * Calculators whose OpsRequests find the database they reference through this lookup.
   *
   * @param lookup answers from objects already held; must not block
   * @return calculators using it
   */
  public static ResourceCalculators withReferencedObjects(ReferencedObjects lookup) {
    return new ResourceCalculators(Objects.requireNonNull(lookup, "lookup"));
  }

  /**
   * Whether a calculator is registered for this apiVersion and kind (exact match).
   *
   * @param apiVersion group/version, or the version alone for the core group
   * @param kind the kind
   * @return true for the 97 registered kinds
   */
  public static boolean registered(String apiVersion, String kind) {
    JsonNode probe =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
            .objectNode()
            .put("apiVersion", apiVersion)
            .put("kind", kind);
    GroupVersionKind gvk = GroupVersionKind.of(probe);
    return CalculatorRegistry.DATABASES.containsKey(gvk.key()) || isOpsRequest(gvk);
  }

  /**
   * {@code resource_replicas}: the pods of the app roles (exporters, sidecars and init containers
   * never count).
   *
   * @param object the object
   * @return a {@link Long} value or a failure
   */
  public CalculatorResult replicas(JsonNode object) {
    return evaluate(object, (calculator, o) -> calculator.replicas(o));
  }

  /**
   * {@code resource_mode}: the database mode, {@code ""} for kinds without a mode rule.
   *
   * @param object the object
   * @return a {@link String} value or a failure
   */
  public CalculatorResult mode(JsonNode object) {
    return evaluate(object, Calculator::mode);
  }

  /**
   * {@code resource_uses_tls}: whether the object configures TLS (false for kinds without a rule).
   *
   * @param object the object
   * @return a {@link Boolean} value or a failure
   */
  public CalculatorResult usesTls(JsonNode object) {
    return evaluate(object, Calculator::usesTls);
  }

  /**
   * {@code total_resource_requests}: requests of the runtime roles (or of the init containers when
   * larger).
   *
   * @param object the object
   * @param resourceType the resource name; must be a {@link String}
   * @return a {@link Double} value or a failure
   */
  public CalculatorResult totalRequests(JsonNode object, Object resourceType) {
    return amount(object, resourceType, View.REQUESTS, true, null);
  }

  /**
   * {@link #totalRequests(JsonNode, Object)}, reusing the object's sums kept in {@code memo} by
   * earlier calls of the same render (the same result, computed once).
   *
   * @param object the object
   * @param resourceType the resource name; must be a {@link String}
   * @param memo the render's memo
   * @return a {@link Double} value or a failure
   */
  public CalculatorResult totalRequests(
      JsonNode object, Object resourceType, CalculationMemo memo) {
    return amount(object, resourceType, View.REQUESTS, true, Objects.requireNonNull(memo, "memo"));
  }

  /**
   * {@code total_resource_limits}: limits (falling back to requests) of the runtime roles (or of
   * the init containers when larger).
   *
   * @param object the object
   * @param resourceType the resource name; must be a {@link String}
   * @return a {@link Double} value or a failure
   */
  public CalculatorResult totalLimits(JsonNode object, Object resourceType) {
    return amount(object, resourceType, View.LIMITS, true, null);
  }

  /**
   * {@link #totalLimits(JsonNode, Object)}, reusing the object's sums kept in {@code memo} by
   * earlier calls of the same render (the same result, computed once).
   *
   * @param object the object
   * @param resourceType the resource name; must be a {@link String}
   * @param memo the render's memo
   * @return a {@link Double} value or a failure
   */
  public CalculatorResult totalLimits(JsonNode object, Object resourceType, CalculationMemo memo) {
    return amount(object, resourceType, View.LIMITS, true, Objects.requireNonNull(memo, "memo"));
  }

  /**
   * {@code app_resource_requests}: requests of the app roles.
   *
   * @param object the object
   * @param resourceType the resource name; must be a {@link String}
   * @return a {@link Double} value or a failure
   */
  public CalculatorResult appRequests(JsonNode object, Object resourceType) {
    return amount(object, resourceType, View.REQUESTS, false, null);
  }

  /**
   * {@link #appRequests(JsonNode, Object)}, reusing the object's sums kept in {@code memo} by
   * earlier calls of the same render (the same result, computed once).
   *
   * @param object the object
   * @param resourceType the resource name; must be a {@link String}
   * @param memo the render's memo
   * @return a {@link Double} value or a failure
   */
  public CalculatorResult appRequests(JsonNode object, Object resourceType, CalculationMemo memo) {
    return amount(object, resourceType, View.REQUESTS, false, Objects.requireNonNull(memo, "memo"));
  }

  /**
   * {@code app_resource_limits}: limits (falling back to requests) of the app roles.
   *
   * @param object the object
   * @param resourceType the resource name; must be a {@link String}
   * @return a {@link Double} value or a failure
   */
  public CalculatorResult appLimits(JsonNode object, Object resourceType) {
    return amount(object, resourceType, View.LIMITS, false, null);
  }

  /**
   * {@link #appLimits(JsonNode, Object)}, reusing the object's sums kept in {@code memo} by earlier
   * calls of the same render (the same result, computed once).
   *
   * @param object the object
   * @param resourceType the resource name; must be a {@link String}
   * @param memo the render's memo
   * @return a {@link Double} value or a failure
   */
  public CalculatorResult appLimits(JsonNode object, Object resourceType, CalculationMemo memo) {
    return amount(object, resourceType, View.LIMITS, false, Objects.requireNonNull(memo, "memo"));
  }

  private CalculatorResult amount(
      JsonNode object, Object resourceType, View view, boolean total, CalculationMemo memo) {
    if (!(resourceType instanceof String)) {
      return new CalculatorResult.Failure(
          CalculatorError.BAD_RESOURCE_TYPE,
          "ResourceName "
              + resourceType
              + " with unrecognized type "
              + (resourceType == null ? "nil" : resourceType.getClass().getSimpleName()));
    }
    String name = (String) resourceType;
    CalculatorResult sums = memo == null ? totals(object, view) : memo.totals(this, object, view);
    if (sums instanceof CalculatorResult.Value value) {
      Calculator.Totals totals = (Calculator.Totals) value.value();
      return new CalculatorResult.Value(
          asDouble(name, (total ? totals.total() : totals.app()).amount(name)));
    }
    return sums;
  }

  /** The app and total sums of a view of the object ({@link Calculator.Totals}), or a failure. */
  CalculatorResult totals(JsonNode object, View view) {
    return evaluate(object, (calculator, o) -> calculator.totals(o, view));
  }

  /** Thousandths as the function's result: cores for cpu, whole units rounded up otherwise. */
  static Double asDouble(String name, BigDecimal milli) {
    if (name.equals("cpu")) {
      return milli.doubleValue() / 1000.0;
    }
    return milli.movePointLeft(3).setScale(0, RoundingMode.CEILING).doubleValue();
  }

  private CalculatorResult evaluate(JsonNode object, BiFunction<Calculator, JsonNode, Object> fn) {
    Object dispatched = dispatch(object);
    return dispatched instanceof Calculator calculator
        ? run(calculator, object, fn)
        : (CalculatorResult) dispatched;
  }

  /** The calculator of the object, or the {@link CalculatorResult.Failure} of finding none. */
  Object dispatch(JsonNode object) {
    if (object == null || !object.isObject()) {
      return new CalculatorResult.Failure(
          CalculatorError.MALFORMED_OBJECT,
          "the object is not a JSON object: "
              + (object == null ? "nil" : ObjectFields.describe(object)));
    }
    try {
      return calculatorFor(object);
    } catch (CalculationException e) {
      return new CalculatorResult.Failure(e.error(), e.getMessage());
    }
  }

  /** The app and total sums of a view of the object, given what {@link #dispatch} returned. */
  static CalculatorResult totals(Object dispatched, JsonNode object, View view) {
    return dispatched instanceof Calculator calculator
        ? run(calculator, object, (c, o) -> c.totals(o, view))
        : (CalculatorResult) dispatched;
  }

  private static CalculatorResult run(
      Calculator calculator, JsonNode object, BiFunction<Calculator, JsonNode, Object> fn) {
    try {
      return new CalculatorResult.Value(fn.apply(calculator, object));
    } catch (CalculationException e) {
      return new CalculatorResult.Failure(e.error(), e.getMessage());
    } catch (ArithmeticException e) {
      return new CalculatorResult.Failure(
          CalculatorError.MALFORMED_OBJECT, "pod counts out of range: " + e.getMessage());
    }
  }

  /** Whether the two answer every object alike (the same lookup of referenced objects). */
  boolean answersLike(ResourceCalculators other) {
    return other == this || other.lookup == lookup;
  }

  /** The calculator of the object's group/version/kind. */
  Calculator calculatorFor(JsonNode object) {
    JsonNode apiVersion = object.get("apiVersion");
    JsonNode kind = object.get("kind");
    if (apiVersion != null && apiVersion.isTextual() && kind != null && kind.isTextual()) {
      Map<String, Calculator> kinds = CalculatorRegistry.BY_API_VERSION.get(apiVersion.textValue());
      Calculator registered = kinds == null ? null : kinds.get(kind.textValue());
      if (registered != null) {
        return registered;
      }
    }
    GroupVersionKind gvk = GroupVersionKind.of(object);
    Calculator calculator = CalculatorRegistry.DATABASES.get(gvk.key());
    if (calculator != null) {
      return calculator;
    }
    if (isOpsRequest(gvk)) {
      return opsRequests;
    }
    throw new CalculationException(
        CalculatorError.NO_CALCULATOR, "no calculator registered for " + gvk.key());
  }

  /** The calculator registered directly for a group/version/kind, bypassing the object's own. */
  Calculator calculatorFor(String group, String version, String kind) {
    GroupVersionKind gvk = new GroupVersionKind(group, version, kind);
    Calculator calculator = CalculatorRegistry.DATABASES.get(gvk.key());
    return calculator != null ? calculator : isOpsRequest(gvk) ? opsRequests : null;
  }

  private static boolean isOpsRequest(GroupVersionKind gvk) {
    return (gvk.group() + "/" + gvk.version()).equals(CalculatorRegistry.OPS_GROUP_VERSION)
        && CalculatorRegistry.OPS_REQUESTS.contains(gvk.kind());
  }
}
