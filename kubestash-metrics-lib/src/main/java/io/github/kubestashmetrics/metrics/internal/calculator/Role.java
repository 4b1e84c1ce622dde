package io.github.kubestashmetrics.metrics.internal.calculator;

/**
 * One role of an object's pods (the app itself, its exporter, a sidecar, a topology node, the init
 * containers of a workload): what one pod of the role uses, and how many pods it has.
 *
 * @param perPod exact per-pod amounts
 * @param pods the role's pod count, never negative for well-formed objects
 */
record Role(ResourceList perPod, long pods) {

  /** The default role: the app of single-node kinds and of combined modes. */
  static final String DEFAULT = "";

  /** The Prometheus exporter container. */
  static final String EXPORTER = "exporter";

  /** A coordinator or other sidecar container. */
  static final String SIDECAR = "sidecar";

  /** The init containers of a Kubernetes workload (max over them, not their sum). */
  static final String INIT = "init";

  /** A role that is not there: no resources and no pods. */
  static final Role NONE = new Role(ResourceList.ZERO, 0);

  /** This role's total in thousandths (per-pod amounts rounded up, times the pods). */
  ResourceList milliTotal() {
    return perPod.milliTotal(pods);
  }
}
