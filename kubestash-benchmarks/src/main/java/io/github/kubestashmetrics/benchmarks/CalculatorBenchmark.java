package io.github.kubestashmetrics.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.RenderedObject;
import io.github.kubestashmetrics.metrics.language.CompiledConfigurations;
import io.github.kubestashmetrics.metrics.language.EngineOptions;
import io.github.kubestashmetrics.metrics.language.MetricsConfigurationCompiler;
import io.github.kubestashmetrics.metrics.language.SourcedConfiguration;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A KubeDB Redis cluster (3 shards of 3 pods, an exporter and an init container, storage) rendered
 * through a KubeDB-style MetricsConfiguration: {@link #withCalculators} the whole configuration (7
 * status metrics and the 7 that call the resource calculator functions: replicas, requests and
 * limits of cpu, memory and storage), {@link #withoutCalculators} the same configuration without
 * the 7 calculator metrics. Target: with ≤ 2× without (issue 18). The object and configuration are
 * written here in KubeDB's shape, not copied from upstream.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CalculatorBenchmark {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static final String REDIS =
      """
      apiVersion: kubedb.com/v1
      kind: Redis
      metadata: {name: cache, namespace: shop, uid: 5f1c0c3e-1d1b-4c61-9f39-2a4b1e0f7a10,
                 creationTimestamp: "2026-03-01T10:00:00Z"}
      spec:
        version: 7.4.1
        mode: Cluster
        cluster: {shards: 3, replicas: 3}
        storageType: Durable
        storage: {resources: {requests: {storage: 5Gi}}}
        podTemplate:
          spec:
            containers:
            - {name: redis, resources: {requests: {cpu: 500m, memory: 1Gi},
                                        limits: {cpu: "1", memory: 2Gi}}}
            initContainers:
            - {name: redis-init, resources: {requests: {cpu: 200m, memory: 256Mi}}}
        monitor:
          agent: prometheus.io/operator
          prometheus: {exporter: {resources: {requests: {cpu: 100m, memory: 128Mi}}}}
        tls: {issuerRef: {name: ca, kind: Issuer}}
      status:
        phase: Ready
        observedGeneration: 3
        conditions:
        - {type: ProvisioningStarted, status: "True"}
        - {type: ReplicaReady, status: "True"}
        - {type: AcceptingConnection, status: "True"}
        - {type: Ready, status: "True"}
        - {type: Provisioned, status: "True"}
      """;

  private static final String STATUS_METRICS =
      """
      - name: created
        help: Unix creation timestamp of this Redis object
        type: gauge
        field: {path: .metadata.creationTimestamp, type: DateTime}
        metricValue: {valueFromPath: .metadata.creationTimestamp}
      - name: info
        help: Redis instance information
        type: gauge
        labels:
        - {key: version, valuePath: .spec.version}
        - {key: mode, valuePath: .spec.mode}
        metricValue: {value: 1}
      - name: status_phase
        help: Redis instance current phase
        type: gauge
        field: {path: .status.phase, type: String}
        params: [{key: phase, valuePath: .status.phase}]
        states:
          labelKey: phase
          values:
          - {labelValue: Ready, metricValue: {valueFromExpression: "int(phase == 'Ready')"}}
          - {labelValue: Provisioning, metricValue: {valueFromExpression: "int(phase == 'Provisioning')"}}
          - {labelValue: Critical, metricValue: {valueFromExpression: "int(phase == 'Critical')"}}
          - {labelValue: NotReady, metricValue: {valueFromExpression: "int(phase == 'NotReady')"}}
          - {labelValue: Halted, metricValue: {valueFromExpression: "int(phase == 'Halted')"}}
      - name: status_conditions
        help: Redis instance status condition
        type: gauge
        field: {path: .status.conditions, type: Array}
        labels:
        - {key: type, valuePath: ".status.conditions[*].type"}
        - {key: status, valuePath: ".status.conditions[*].status"}
        metricValue: {value: 1}
      - name: tls_enabled
        help: Whether TLS is configured
        type: gauge
        params: [{key: issuer, valuePath: .spec.tls.issuerRef.name}]
        metricValue: {valueFromExpression: "int(issuer != 'nil')"}
      - name: observed_generation
        help: Observed generation
        type: gauge
        field: {path: .status.observedGeneration, type: Integer}
        metricValue: {valueFromPath: .status.observedGeneration}
      - name: shards
        help: Shards of the cluster
        type: gauge
        field: {path: .spec.cluster.shards, type: Integer}
        metricValue: {valueFromPath: .spec.cluster.shards}
      """;

  private static final String CALCULATOR_METRICS =
      """
      - name: replicas
        help: Number of replicas of this Redis
        type: gauge
        params: [{key: obj, valuePath: .}]
        metricValue: {valueFromExpression: resource_replicas(obj)}
      """
          + amount("resource_request_cpu", "total_resource_requests", "cpu")
          + amount("resource_request_memory", "total_resource_requests", "memory")
          + amount("resource_request_storage", "total_resource_requests", "storage")
          + amount("resource_limit_cpu", "total_resource_limits", "cpu")
          + amount("resource_limit_memory", "total_resource_limits", "memory")
          + amount("resource_limit_storage", "total_resource_limits", "storage");

  private static String amount(String name, String function, String type) {
    return "- name: "
        + name
        + "\n  help: "
        + name
        + "\n  type: gauge\n  params: [{key: obj, valuePath: .}, {key: resourceType, value: "
        + type
        + "}]\n  metricValue: {valueFromExpression: '"
        + function
        + "(obj, resourceType)'}\n";
  }

  private MetricCatalogue withCalculators;
  private MetricCatalogue withoutCalculators;
  private JsonNode redis;

  @Setup
  public void setUp() throws Exception {
    redis = YAML.readTree(REDIS);
    withCalculators = catalogue(STATUS_METRICS + CALCULATOR_METRICS);
    withoutCalculators = catalogue(STATUS_METRICS);
    RenderedObject with = withCalculators.render(redis);
    RenderedObject without = withoutCalculators.render(redis);
    if (!with.errors().isEmpty()
        || !without.errors().isEmpty()
        || with.seriesCount() != without.seriesCount() + 7) {
      throw new IllegalStateException("not the intended renders: " + with + " / " + without);
    }
  }

  static MetricCatalogue catalogue(String metrics) throws Exception {
    String yaml =
        """
        apiVersion: metrics.appscode.com/v1alpha1
        kind: MetricsConfiguration
        metadata: {name: kubedb-com-redis}
        spec:
          targetRef: {apiVersion: kubedb.com/v1, kind: Redis}
          metrics:
        """
            + metrics.indent(4);
    CompiledConfigurations compiled =
        MetricsConfigurationCompiler.compile(
            SourcedConfiguration.ofCluster(YAML.readValue(yaml, MetricsConfiguration.class)),
            EngineOptions.DEFAULT);
    if (!compiled.problems().isEmpty()) {
      throw new IllegalStateException(compiled.problems().toString());
    }
    return MetricCatalogue.of(compiled);
  }

  @Benchmark
  public RenderedObject withCalculators() {
    return withCalculators.render(redis);
  }

  @Benchmark
  public RenderedObject withoutCalculators() {
    return withoutCalculators.render(redis);
  }
}
