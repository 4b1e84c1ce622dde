package io.github.kubestashmetrics.metrics.internal.calculator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The specification's edge cases and quirks, one by one (where Go panics, we fail cleanly). */
class CalculatorEdgeCasesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ResourceCalculators CALCULATORS = ResourceCalculators.standalone();

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static CalculatorError error(CalculatorResult result) {
    assertThat(result).isInstanceOf(CalculatorResult.Failure.class);
    return ((CalculatorResult.Failure) result).error();
  }

  private static final String MARIADB =
      "{'apiVersion':'kubedb.com/v1','kind':'MariaDB','metadata':{'name':'m'},'spec':{%s}}";

  private static JsonNode mariaDb(String spec) {
    return json(String.format(MARIADB, spec));
  }

  private static String container(String name, String resources) {
    return "'podTemplate':{'spec':{'containers':[{'name':'"
        + name
        + "','resources':"
        + resources
        + "}]}}";
  }

  @Test
  void anObjectThatIsNotAJsonObjectIsMalformed() {
    assertThat(error(CALCULATORS.replicas(json("[1]"))))
        .isEqualTo(CalculatorError.MALFORMED_OBJECT);
    assertThat(error(CALCULATORS.mode(json("'text'")))).isEqualTo(CalculatorError.MALFORMED_OBJECT);
    assertThat(error(CALCULATORS.totalLimits(null, "cpu")))
        .isEqualTo(CalculatorError.MALFORMED_OBJECT);
  }

  @Test
  void missingOrBadApiVersionHasNoCalculatorWithUpstreamsText() {
    assertThat(CALCULATORS.replicas(json("{}")))
        .isEqualTo(
            new CalculatorResult.Failure(
                CalculatorError.NO_CALCULATOR, "no calculator registered for /, Kind="));
    assertThat(CALCULATORS.replicas(json("{'apiVersion':'a/b/c','kind':'Pod'}")))
        .isEqualTo(
            new CalculatorResult.Failure(
                CalculatorError.NO_CALCULATOR, "no calculator registered for /, Kind="));
    assertThat(CALCULATORS.replicas(json("{'apiVersion':'v1','kind':'PersistentVolume'}")))
        .isEqualTo(
            new CalculatorResult.Failure(
                CalculatorError.NO_CALCULATOR,
                "no calculator registered for /v1, Kind=PersistentVolume"));
  }

  @Test
  void aResourceTypeThatIsNotAStringIsABadResourceType() {
    JsonNode pod = json("{'apiVersion':'v1','kind':'Pod','spec':{'containers':[]}}");
    assertThat(error(CALCULATORS.totalLimits(pod, null)))
        .isEqualTo(CalculatorError.BAD_RESOURCE_TYPE);
    assertThat(error(CALCULATORS.appRequests(pod, 1.0)))
        .isEqualTo(CalculatorError.BAD_RESOURCE_TYPE);
    assertThat(CALCULATORS.appRequests(pod, "cpu")).isEqualTo(new CalculatorResult.Value(0.0));
  }

  @Test
  void limitsFallBackToRequestsButRequestsNeverFallBackToLimits() {
    JsonNode limitsOnly = mariaDb(container("mariadb", "{'limits':{'cpu':'500m'}}"));
    JsonNode requestsOnly = mariaDb(container("mariadb", "{'requests':{'cpu':'250m'}}"));
    assertThat(CALCULATORS.appRequests(limitsOnly, "cpu"))
        .isEqualTo(new CalculatorResult.Value(0.0));
    assertThat(CALCULATORS.appLimits(limitsOnly, "cpu")).isEqualTo(new CalculatorResult.Value(0.5));
    assertThat(CALCULATORS.appLimits(requestsOnly, "cpu"))
        .isEqualTo(new CalculatorResult.Value(0.25));
  }

  @Test
  void aPresentZeroLimitDoesNotFallBack() {
    JsonNode zero = mariaDb(container("mariadb", "{'limits':{'cpu':'0'},'requests':{'cpu':'1'}}"));
    assertThat(CALCULATORS.appLimits(zero, "cpu")).isEqualTo(new CalculatorResult.Value(0.0));
  }

  @Test
  void aNewStyleNodeWithoutItsNamedContainerIsMalformed() {
    JsonNode other = mariaDb(container("other", "{'limits':{'cpu':'1'}}"));
    assertThat(error(CALCULATORS.appLimits(other, "cpu")))
        .isEqualTo(CalculatorError.MALFORMED_OBJECT);
    assertThat(CALCULATORS.replicas(other)).isEqualTo(new CalculatorResult.Value(1L));
  }

  @Test
  void aReplicaCountThatIsNotAJsonIntegerIsMalformed() {
    for (String replicas : new String[] {"'3'", "3.0", "null", "true"}) {
      JsonNode object = mariaDb("'replicas':" + replicas + "," + container("mariadb", "{}"));
      assertThat(error(CALCULATORS.replicas(object)))
          .as(replicas)
          .isEqualTo(CalculatorError.MALFORMED_OBJECT);
    }
  }

  @Test
  void aNullExporterIsMalformedButANullMonitorIsNoExporter() {
    JsonNode nullExporter =
        mariaDb("'monitor':{'prometheus':{'exporter':null}}," + container("mariadb", "{}"));
    JsonNode nullPrometheus =
        mariaDb("'monitor':{'prometheus':null}," + container("mariadb", "{}"));
    assertThat(error(CALCULATORS.totalLimits(nullExporter, "cpu")))
        .isEqualTo(CalculatorError.MALFORMED_OBJECT);
    assertThat(CALCULATORS.totalLimits(nullPrometheus, "cpu"))
        .isEqualTo(new CalculatorResult.Value(0.0));
  }

  @Test
  void aNullTopologyIsCombinedModeButMalformedForResources() {
    JsonNode es =
        json(
            "{'apiVersion':'kubedb.com/v1','kind':'Elasticsearch','spec':{'topology':null,"
                + container("elasticsearch", "{}")
                + "}}");
    assertThat(CALCULATORS.mode(es)).isEqualTo(new CalculatorResult.Value("Combined"));
    assertThat(error(CALCULATORS.appLimits(es, "cpu"))).isEqualTo(CalculatorError.MALFORMED_OBJECT);
  }

  @Test
  void tlsIsTheKeysPresenceExceptForMssqlServersClientTls() {
    JsonNode kafka =
        json("{'apiVersion':'kubedb.com/v1','kind':'Kafka','spec':{'enableSSL':false}}");
    assertThat(CALCULATORS.usesTls(kafka)).isEqualTo(new CalculatorResult.Value(true));
    String mssql =
        "{'apiVersion':'kubedb.com/v1alpha2','kind':'MSSQLServer','spec':{'tls':{'clientTLS':%s}}}";
    assertThat(CALCULATORS.usesTls(json(String.format(mssql, "true"))))
        .isEqualTo(new CalculatorResult.Value(true));
    assertThat(CALCULATORS.usesTls(json(String.format(mssql, "false"))))
        .isEqualTo(new CalculatorResult.Value(false));
    assertThat(error(CALCULATORS.usesTls(json(String.format(mssql, "'yes'")))))
        .isEqualTo(CalculatorError.MALFORMED_OBJECT);
  }

  @Test
  void podCountsBeyondALongAreAnErrorNotAWrappedNumber() {
    JsonNode redis =
        json(
            "{'apiVersion':'kubedb.com/v1','kind':'Redis','spec':{'mode':'Cluster','cluster':"
                + "{'shards':4611686018427387904,'replicas':4},"
                + container("redis", "{'requests':{'cpu':'1'}}")
                + "}}");
    assertThat(error(CALCULATORS.replicas(redis))).isEqualTo(CalculatorError.MALFORMED_OBJECT);
    assertThat(error(CALCULATORS.appRequests(redis, "cpu")))
        .isEqualTo(CalculatorError.MALFORMED_OBJECT);
  }

  @Test
  void anOpsRequestWithoutReferenceOrScalingTypeFails() {
    JsonNode noRef =
        json(
            "{'apiVersion':'ops.kubedb.com/v1alpha1','kind':'MySQLOpsRequest','spec':{'type':'Restart'}}");
    assertThat(error(CALCULATORS.mode(noRef)))
        .isEqualTo(CalculatorError.REFERENCED_OBJECT_UNAVAILABLE);
    JsonNode noType =
        json(
            "{'apiVersion':'ops.kubedb.com/v1alpha1','kind':'MySQLOpsRequest','spec':{'type':3,"
                + "'databaseRef':{'apiVersion':'kubedb.com/v1','kind':'MySQL','metadata':{},'spec':{}}}}");
    assertThat(CALCULATORS.mode(noType))
        .isEqualTo(
            new CalculatorResult.Failure(
                CalculatorError.MALFORMED_OBJECT, "scaling type not found"));
  }

  @Test
  void anOpsRequestsEmbeddedObjectOfAnUnregisteredKindHasNoCalculator() {
    JsonNode ops =
        json(
            "{'apiVersion':'ops.kubedb.com/v1alpha1','kind':'MySQLOpsRequest','spec':{'type':'Restart',"
                + "'databaseRef':{'apiVersion':'kubedb.com/v9','kind':'MySQL','metadata':{}}}}");
    assertThat(error(CALCULATORS.replicas(ops))).isEqualTo(CalculatorError.NO_CALCULATOR);
  }
}
