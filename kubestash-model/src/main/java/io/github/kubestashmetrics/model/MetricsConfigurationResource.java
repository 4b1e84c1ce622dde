package io.github.kubestashmetrics.model;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * Where MetricsConfiguration objects live in the API ({@code metrics.appscode.com/v1alpha1},
 * cluster-scoped): one definition for the exporter that watches them and the test API that serves
 * them, so the two cannot disagree.
 */
public final class MetricsConfigurationResource {

  /** Name of the MetricsConfiguration CRD. */
  public static final String CRD_NAME = "metricsconfigurations.metrics.appscode.com";

  /** MetricsConfigurations as fabric8 addresses raw ({@code GenericKubernetesResource}) objects. */
  public static final ResourceDefinitionContext CONTEXT =
      new ResourceDefinitionContext.Builder()
          .withGroup("metrics.appscode.com")
          .withVersion("v1alpha1")
          .withKind("MetricsConfiguration")
          .withPlural("metricsconfigurations")
          .withNamespaced(false)
          .build();

  /** Class-path location of our CRD for it (YAML), for registering it in a test API. */
  public static final String CRD_RESOURCE =
      "io/github/kubestashmetrics/model/crds/" + CRD_NAME + ".yaml";

  private MetricsConfigurationResource() {}
}
