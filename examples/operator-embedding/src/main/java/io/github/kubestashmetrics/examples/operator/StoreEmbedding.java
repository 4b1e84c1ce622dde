package io.github.kubestashmetrics.examples.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.github.kubestashmetrics.metrics.ContentEncoding;
import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.MetricsStore;
import io.github.kubestashmetrics.metrics.RenderedObject;
import io.github.kubestashmetrics.metrics.language.MappingError;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Embedding way 3, render on change (the fast path, what the exporter itself serves): the raw
 * informers' event handler feeds a {@link MetricsStore}, which renders each object once when it
 * changes and keeps its series compressed; {@code /metrics} then only copies stored bytes (gzip) or
 * inflates them (identity). Mapping errors go to the operator's listener once per change of an
 * object, not once per scrape.
 *
 * <p>Register it before the informers start ({@link KubeStashRawInformers#KubeStashRawInformers(
 * io.fabric8.kubernetes.client.KubernetesClient, ResourceEventHandler)}) so that it hears the
 * initial list as additions.
 */
public final class StoreEmbedding implements ResourceEventHandler<GenericKubernetesResource> {

  private final MetricsStore store;
  private final Consumer<MappingError> onMappingError;

  /** A store of the standard families whose mapping errors go to {@code onMappingError}. */
  public StoreEmbedding(Consumer<MappingError> onMappingError) {
    this(MetricCatalogue.standard(), onMappingError);
  }

  /**
   * A store of {@code catalogue}'s families (e.g. one target's of a MetricsConfiguration plan, see
   * {@link ConfiguredEmbedding}) whose mapping errors go to {@code onMappingError}.
   */
  public StoreEmbedding(MetricCatalogue catalogue, Consumer<MappingError> onMappingError) {
    this.store = new MetricsStore(catalogue);
    this.onMappingError = Objects.requireNonNull(onMappingError);
  }

  @Override
  public void onAdd(GenericKubernetesResource object) {
    report(store.put(object));
  }

  /**
   * Stores the new version. A relist may report an object deleted and re-created under the same
   * name as an update with another UID: {@link MetricsStore#update} then replaces the old key in
   * the same instant, so that no scrape sees both objects or neither.
   */
  @Override
  public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
    report(store.update(before, after));
  }

  @Override
  public void onDelete(GenericKubernetesResource object, boolean deletedFinalStateUnknown) {
    store.remove(object);
  }

  /**
   * What the operator's {@code /metrics} endpoint serves: every stored object's series as of one
   * instant, in {@code format} (its {@link ExpositionFormat#contentType() content type}) and {@code
   * encoding} (its {@link ContentEncoding#token() Content-Encoding}). Returns the uncompressed
   * length; {@code out} is neither flushed nor closed.
   */
  public long write(OutputStream out, ExpositionFormat format, ContentEncoding encoding)
      throws IOException {
    return store.write(out, format, encoding);
  }

  /**
   * The store this handler feeds: to serve it with others as one exposition ({@link
   * MetricsStore#writeAll}).
   */
  public MetricsStore store() {
    return store;
  }

  /** Objects stored now, of every kind. */
  public int objectCount() {
    return store.objectCount();
  }

  private void report(RenderedObject rendered) {
    rendered.errors().forEach(onMappingError);
  }
}
