package io.github.kubestashmetrics.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.kubestashmetrics.metrics.BuiltInConfigurations;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.language.MetricsConfigurationCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The MetricsConfiguration engine against the typed catalogue over the scale mix, per informer
 * update: the typed exporter deserialises the event's JSON into the generated class and renders it;
 * an engine-driven exporter reads it into a JSON tree (as a generic informer does) and renders that
 * with the six built-in configurations. Alternating passes after two warm-ups; the ratio of the
 * medians is {@code engine_update_vs_typed}.
 */
final class EngineUpdateComparison {

  /** Medians in seconds over all objects, and their ratio. */
  record Result(
      List<Double> engine, List<Double> typed, double engineRenderOnly, double typedRenderOnly) {
    double ratio() {
      return median(engine) / median(typed);
    }
  }

  private EngineUpdateComparison() {}

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static Result measure(ObjectMix mix, int passes) {
    MetricCatalogue typedCatalogue = MetricCatalogue.standard();
    MetricCatalogue engine =
        MetricCatalogue.of(MetricsConfigurationCompiler.compile(BuiltInConfigurations.standard()));
    ObjectReader trees = new ObjectMapper().readerFor(JsonNode.class);
    List<Double> engineTimes = new ArrayList<>();
    List<Double> typedTimes = new ArrayList<>();
    long sink = 0;
    for (int pass = -2; pass < passes; pass++) {
      long start = System.nanoTime();
      for (int i = 0; i < mix.size(); i++) {
        sink += typedCatalogue.render(mix.deserialise(i)).seriesCount();
      }
      double typedSeconds = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      for (int i = 0; i < mix.size(); i++) {
        sink += engine.render(tree(trees, mix.json(i))).seriesCount();
      }
      double engineSeconds = (System.nanoTime() - start) / 1e9;
      if (pass >= 0) {
        typedTimes.add(typedSeconds);
        engineTimes.add(engineSeconds);
      }
    }
    // Render alone (trees and typed objects at hand), one pass each, for the log.
    List<JsonNode> parsed = new ArrayList<>(Math.min(mix.size(), 20_000));
    int sample = Math.min(mix.size(), 20_000);
    for (int i = 0; i < sample; i++) {
      parsed.add(tree(trees, mix.json(i)));
    }
    long start = System.nanoTime();
    for (int i = 0; i < sample; i++) {
      sink += engine.render(parsed.get(i)).seriesCount();
    }
    double engineRender = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    for (int i = 0; i < sample; i++) {
      sink += typedCatalogue.render(mix.object(i)).seriesCount();
    }
    double typedRender = (System.nanoTime() - start) / 1e9;
    if (sink == 42) {
      System.out.print(""); // keeps the work observable
    }
    return new Result(engineTimes, typedTimes, engineRender, typedRender);
  }

  private static JsonNode tree(ObjectReader reader, byte[] json) {
    try {
      return reader.readValue(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
