package io.github.kubestashmetrics.metrics.language.layeringfixture;

import io.github.kubestashmetrics.metrics.MetricCatalogue;

/**
 * A deliberately bad fixture for {@code LayeringTest}: a class of the language layer that uses the
 * rendering layer (which uses the language), so the layering rules must fail on it. Only that test
 * imports it; the rules on the main code never see test classes.
 */
public final class LanguageClassUsingRendering {

  private LanguageClassUsingRendering() {}

  /** Uses the rendering layer from the language layer: the violation. */
  public static int familyCount() {
    return MetricCatalogue.standard().families().size();
  }
}
