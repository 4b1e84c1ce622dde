package io.github.kubestashmetrics.examples.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.TimeUnit;

/**
 * Prints the KubeStash metrics of the cluster in {@code ~/.kube/config} (or the pod's service
 * account) once: the production wiring of {@link CollectorEmbedding}. It needs a Kubernetes client
 * implementation on the class path ({@code io.fabric8:kubernetes-client}), which the library alone
 * does not bring.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    try (KubernetesClient client = new KubernetesClientBuilder().build();
        KubeStashRawInformers informers = new KubeStashRawInformers(client)) {
      informers.awaitSynced(60, TimeUnit.SECONDS);
      CollectorEmbedding metrics =
          new CollectorEmbedding(
              new PrometheusRegistry(),
              informers,
              error -> System.err.println("kubestash-metrics: cannot map " + error));
      System.out.print(metrics.scrapeText());
    }
  }
}
