/**
 * Internal, not API: KubeDB's and KubeVault's resource calculators (the expression functions {@code
 * resource_replicas}, {@code resource_mode}, {@code resource_uses_tls}, {@code
 * total_resource_requests/limits} and {@code app_resource_requests/limits} of Panopticon's
 * MetricsConfigurations), ported in our own words from the behaviour of kmodules/resource-metrics
 * (Apache-2.0). Public only because the expression language in {@code
 * io.github.kubestashmetrics.metrics.config} calls them; it may change in any release.
 *
 * <p>Pure: an object as a JSON tree in, a {@link
 * io.github.kubestashmetrics.metrics.internal.calculator.CalculatorResult} out. Nothing here throws
 * for bad input; every problem is a {@code Failure} with a {@link
 * io.github.kubestashmetrics.metrics.internal.calculator.CalculatorError}.
 */
package io.github.kubestashmetrics.metrics.internal.calculator;
