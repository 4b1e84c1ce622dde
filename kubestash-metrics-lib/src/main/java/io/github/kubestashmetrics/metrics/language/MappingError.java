package io.github.kubestashmetrics.metrics.language;

import java.util.Objects;
import java.util.Set;

/**
 * A value of one object that could not be mapped, so that object has no series for that family.
 * Every component is safe to use as a metric label value: {@code reason} comes from a small fixed
 * vocabulary and never carries object text.
 *
 * @param family the family that lost its series for this object
 * @param kind the object's kind, e.g. {@code Repository}
 * @param namespace the object's namespace, or "" when it has none
 * @param name the object's name, or "" when it has none
 * @param reason one of {@link #REASONS}
 */
public record MappingError(
    String family, String kind, String namespace, String name, String reason) {

  /**
   * A size text that {@link io.github.kubestashmetrics.metrics.internal.value.ByteSize} rejects.
   */
  public static final String UNPARSEABLE_SIZE = "unparseable_size";

  /**
   * A duration text that {@link io.github.kubestashmetrics.metrics.internal.value.GoDuration}
   * rejects.
   */
  public static final String UNPARSEABLE_DURATION = "unparseable_duration";

  /**
   * A timestamp text that {@link io.github.kubestashmetrics.metrics.internal.value.Rfc3339}
   * rejects.
   */
  public static final String UNPARSEABLE_TIMESTAMP = "unparseable_timestamp";

  /** A source field of the wrong JSON type, e.g. {@code snapshotCount: "seven"}. */
  public static final String WRONG_JSON_TYPE = "wrong_json_type";

  /**
   * A MetricsConfiguration expression that fails on this object's values (a type error, a
   * non-finite result); only families a configuration defines have it.
   */
  public static final String UNEVALUABLE_EXPRESSION = "unevaluable_expression";

  /** A configured metric would give this object more series than the per-metric limit. */
  public static final String SERIES_LIMIT = "series_limit";

  /**
   * A resource calculator function ({@code resource_replicas}, {@code total_resource_requests},
   * ...) called on an object whose apiVersion and kind have no calculator (upstream registers 97).
   */
  public static final String NO_CALCULATOR = "no_calculator";

  /**
   * A resource calculator function could not compute: a field it reads has the wrong JSON type or
   * is not a quantity, a container the kind requires is missing, or the resource type argument is
   * not text.
   */
  public static final String CALCULATOR_ERROR = "calculator_error";

  /**
   * A resource calculator function on a KubeDB OpsRequest whose database object is neither embedded
   * in it nor known to the engine's lookup (none by default).
   */
  public static final String REFERENCED_OBJECT_UNAVAILABLE = "referenced_object_unavailable";

  /** The whole vocabulary of {@link #reason()}. */
  public static final Set<String> REASONS =
      Set.of(
          UNPARSEABLE_SIZE,
          UNPARSEABLE_DURATION,
          UNPARSEABLE_TIMESTAMP,
          WRONG_JSON_TYPE,
          UNEVALUABLE_EXPRESSION,
          SERIES_LIMIT,
          NO_CALCULATOR,
          CALCULATOR_ERROR,
          REFERENCED_OBJECT_UNAVAILABLE);

  public MappingError {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    if (!REASONS.contains(reason)) {
      throw new IllegalArgumentException("unknown mapping error reason: " + reason);
    }
  }
}
