/**
 * Internal, not API: exact parsers of the value texts KubeStash writes (Go durations, sizes, RFC
 * 3339 timestamps) and the sample-value printer. Public only because the mapping in {@code
 * io.github.kubestashmetrics.metrics} uses them; they may change in any release. Embedders read
 * values through the metric families instead.
 */
package io.github.kubestashmetrics.metrics.internal.value;
