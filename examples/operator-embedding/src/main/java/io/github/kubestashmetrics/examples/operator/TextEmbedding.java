package io.github.kubestashmetrics.examples.operator;

import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.ExpositionReport;
import io.github.kubestashmetrics.metrics.KubeStashMetrics;

/**
 * Embedding way 2, text for an endpoint of the operator's own: the library's exposition of what the
 * informers hold, in its own label order and number style, with the mapping errors met.
 */
public final class TextEmbedding {

  private final KubeStashRawInformers informers;

  public TextEmbedding(KubeStashRawInformers informers) {
    this.informers = informers;
  }

  /** The exposition of every object the informers hold now, and what could not be mapped. */
  public ExpositionReport scrape(ExpositionFormat format) {
    return KubeStashMetrics.report(informers.objects(), format);
  }
}
