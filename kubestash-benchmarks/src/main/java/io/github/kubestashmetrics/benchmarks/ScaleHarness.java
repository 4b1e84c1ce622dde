package io.github.kubestashmetrics.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.kubestashmetrics.exporter.Exporter;
import io.github.kubestashmetrics.exporter.ExporterComponent;
import io.github.kubestashmetrics.exporter.ExporterConfig;
import io.github.kubestashmetrics.exporter.ExpositionSource;
import io.github.kubestashmetrics.exporter.MetricsConfigSource;
import io.github.kubestashmetrics.exporter.MetricsHttpServer;
import io.github.kubestashmetrics.metrics.BuiltInConfigurations;
import io.github.kubestashmetrics.metrics.ContentEncoding;
import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.KubeStashMetricsCollector;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.MetricsStore;
import io.github.kubestashmetrics.metrics.MonitorRebuildStore;
import io.github.kubestashmetrics.metrics.RenderedObject;
import io.github.kubestashmetrics.metrics.language.TargetKind;
import io.github.kubestashmetrics.metrics.plan.ConfigurationPlan;
import io.github.kubestashmetrics.metrics.plan.TargetPlan;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * The scale harness of issue #6: one JVM run that measures the exporter at cluster scale and prints
 * one {@code RESULT} line (see {@link ScaleOptions} for the flags and BENCHMARKS.md for a run).
 *
 * <ol>
 *   <li>render vs deserialise over the whole object set;
 *   <li>(d) the store's retained heap after GC against the exposition it serves;
 *   <li>(a) scrapes of the real store through the real {@code MetricsHttpServer} over loopback,
 *       alternating with (b) the same server class serving the identical bytes from one buffer;
 *   <li>(g) gzip scrapes as Prometheus sends them (OpenMetrics, {@code Accept-Encoding: gzip}, the
 *       body inflated by the client) of the store, of one prebuilt gzip buffer (the limit) and of
 *       the text compressed on the fly at zlib's default level (the exporter's former path);
 *   <li>(e) scrapes while 5,000 updates per second flow into the store, in blocks alternating with
 *       idle blocks; then gzip scrapes likewise, with updates as a cluster makes them (the newest
 *       objects change) and uniformly spread;
 *   <li>(u) a watch event's work once its JSON is parsed (raw object, lenient read, render, store)
 *       against parsing that JSON;
 *   <li>(c) the naive baseline: a client_java {@code MultiCollector} mapping every object at scrape
 *       time, served by client_java's own HTTP server;
 *   <li>(k) cluster mode's serving path: KubeStash's six MetricsConfigurations run by the engine,
 *       one store per target kind written as one exposition ({@code MetricsStore.writeAll}), as
 *       {@code --metrics-config=cluster} serves them; its bytes must equal the built-in store's,
 *       and its gzip scrapes alternate with the built-in store's;
 *   <li>(f) start-up: the real exporter against the mock API server holding N objects, from start
 *       to {@code /readyz} 200, against the bare list calls of the six kinds; then the same in
 *       cluster mode, with the six configurations as MetricsConfiguration objects in the API.
 * </ol>
 */
public final class ScaleHarness {

  private final ScaleOptions options;
  private final MetricCatalogue catalogue = MetricCatalogue.standard();
  private final LoopbackScraper scraper = new LoopbackScraper();
  private final ScaleReport report;
  private final ObjectReader genericReader =
      new ObjectMapper().readerFor(GenericKubernetesResource.class);

  ScaleHarness(ScaleOptions options) {
    this.options = options;
    this.report = new ScaleReport(options);
  }

  public static void main(String[] args) throws Exception {
    quietLogging();
    ScaleOptions options;
    try {
      options = ScaleOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(ScaleOptions.USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(ScaleOptions.USAGE);
      return;
    }
    ScaleReport report = new ScaleHarness(options).run();
    System.out.println(report.resultLine());
    if (options.report() != null) {
      report.writeTo(options.report());
      log("wrote " + options.report().toAbsolutePath());
    }
  }

  ScaleReport run() throws Exception {
    report.started();
    int n = options.objects();
    log("generating " + n + " objects (seed " + options.seed() + ")");
    long t = System.nanoTime();
    ObjectMix mix = ObjectMix.generate(n, options.seed());
    log(String.format("generated in %.1f s, %,d bytes of JSON", secondsSince(t), mix.jsonBytes()));
    report.jsonBytes(mix.jsonBytes());

    renderVersusDeserialise(mix);
    EngineUpdateComparison.Result engine = EngineUpdateComparison.measure(mix, options.passes());
    report.engineUpdateVsTyped(engine.ratio());
    log(
        String.format(
            "  engine update %.3f s vs typed %.3f s (render alone %.3f s vs %.3f s, 20k objects)",
            EngineUpdateComparison.median(engine.engine()),
            EngineUpdateComparison.median(engine.typed()),
            engine.engineRenderOnly(),
            engine.typedRenderOnly()));
    storePhases(mix); // the store is garbage once they are done: naive and start-up need heap
    naive(mix);
    startup(mix);
    report.finished();
    return report;
  }

  /** (d), (a), (b), (g), (e) and (u): everything that needs the store. */
  private void storePhases(ObjectMix mix) throws Exception {
    MetricsStore store = measureStore(mix);
    scrapes(store);
    Samples onTheFly = gzipScrapes(store);
    clusterScrapes(mix, store);
    churn(mix, store);
    gzipChurn(mix, store, onTheFly);
    putUnderScrape(mix, store);
    updateVersusDeserialise(mix, store);
  }

  // ---- (p) put while gzip scrapes run back to back ------------------------------------------

  /**
   * (p) The p99 time an informer's put waits while gzip scrapes run back to back, uniform updates
   * at the churn rate: this store (rebuilding copy-on-write outside its monitor) alternating with
   * the store as it was before issue 19 ({@link MonitorRebuildStore}, rebuilding inside it),
   * holding the same objects, fed the same updates. One warm-up round, then two measured rounds
   * each.
   */
  private void putUnderScrape(ObjectMix mix, MetricsStore store) throws Exception {
    double seconds = Math.max(1, Math.min(10, options.scrapes() / 3.0));
    log(
        String.format(
            "(p) put under back-to-back gzip scrapes: %,d puts/s for %.0f s per round, this store"
                + " alternating with the old one (rebuilding inside its monitor)",
            options.churnRate(), seconds));
    MonitorRebuildStore old = new MonitorRebuildStore(catalogue);
    for (int i = 0; i < mix.size(); i++) {
      CustomResource<?, ?> object = mix.object(i);
      old.put(object.getMetadata().getUid(), catalogue.render(object));
    }
    old.write(new CountingOutputStream(), ExpositionFormat.OPENMETRICS_1_0_0, ContentEncoding.GZIP);
    PutUnderScrape puts =
        new PutUnderScrape(mix, catalogue, Math.min(20_000, Math.max(1, mix.size())));
    List<Double> current = new ArrayList<>();
    List<Double> before = new ArrayList<>();
    long currentScrapes = 0;
    long beforeScrapes = 0;
    for (int round = -1; round < 2; round++) { // one warm-up round
      PutUnderScrape.Result now =
          puts.measure(PutUnderScrape.of(store), options.churnRate(), seconds);
      PutUnderScrape.Result then =
          puts.measure(PutUnderScrape.of(old), options.churnRate(), seconds);
      if (round >= 0) {
        current.addAll(now.putSeconds());
        before.addAll(then.putSeconds());
        currentScrapes += now.scrapes();
        beforeScrapes += then.scrapes();
      }
    }
    Samples currentSamples =
        Samples.of("(p) put while gzip scrapes run back to back (copy-on-write store)", current);
    Samples beforeSamples =
        Samples.of(
            "(p) put while gzip scrapes run back to back (old store, rebuilding in its monitor)",
            before);
    report.putUnderScrape(currentSamples, beforeSamples);
    log(
        String.format(
            "  put p99 %.3f ms (%d scrapes), old store %.3f ms (%d scrapes)",
            currentSamples.p99() * 1000,
            currentScrapes,
            beforeSamples.p99() * 1000,
            beforeScrapes));
  }

  // ---- render vs deserialise ----------------------------------------------------------------

  private void renderVersusDeserialise(ObjectMix mix) {
    int passes = options.passes();
    log("render vs deserialise: " + passes + " passes each over all objects, alternating");
    List<Double> render = new ArrayList<>();
    List<Double> deserialise = new ArrayList<>();
    long sink = 0;
    for (int pass = -2; pass < passes; pass++) { // two warm-up passes
      long start = System.nanoTime();
      for (int i = 0; i < mix.size(); i++) {
        sink += catalogue.render(mix.object(i)).seriesCount();
      }
      double renderSeconds = secondsSince(start);
      start = System.nanoTime();
      for (int i = 0; i < mix.size(); i++) {
        sink += mix.deserialise(i).hashCode() & 1;
      }
      double deserialiseSeconds = secondsSince(start);
      if (pass >= 0) {
        render.add(renderSeconds);
        deserialise.add(deserialiseSeconds);
      }
    }
    report.render(Samples.of("render (all objects)", render));
    report.deserialise(Samples.of("deserialise (all objects)", deserialise));
    log(
        String.format(
            "  render %.3f s, deserialise %.3f s (%d)",
            median(render), median(deserialise), sink & 1));
  }

  // ---- (d) store memory ---------------------------------------------------------------------

  private MetricsStore measureStore(ObjectMix mix) throws IOException {
    log("(d) store memory: heap after GC without and with the store");
    long before = usedHeapAfterGc();
    // Built from freshly deserialised objects, so that no string of the store is shared with the
    // harness's own objects: everything the store holds is counted.
    MetricsStore store = new MetricsStore(catalogue);
    long series = 0;
    for (int i = 0; i < mix.size(); i++) {
      CustomResource<?, ?> object = mix.deserialise(i);
      RenderedObject rendered = catalogue.render(object);
      series += rendered.seriesCount();
      store.put(object.getMetadata().getUid(), rendered);
    }
    // The first write compresses every block; until then the store holds the renderings.
    long start = System.nanoTime();
    CountingOutputStream exposition = new CountingOutputStream();
    store.write(exposition, ExpositionFormat.TEXT_0_0_4, ContentEncoding.IDENTITY);
    double firstWrite = secondsSince(start);
    long after = usedHeapAfterGc();
    report.store(after - before, store.retainedBytes(), exposition.count, series);
    report.compressed(store.compressedBytes(), firstWrite);
    log(
        String.format(
            "  store %,d bytes retained (its own estimate %,d; %,d compressed), exposition %,d"
                + " bytes, %,d series; first write (compressing it all) %.2f s",
            after - before,
            store.retainedBytes(),
            store.compressedBytes(),
            exposition.count,
            series,
            firstWrite));

    // For the record: what the typed objects themselves take (what a full, typed informer cache
    // would hold; the exporter's reduced caches keep key, resourceVersion and uid only).
    before = usedHeapAfterGc();
    List<HasMetadata> cache = new ArrayList<>(mix.size());
    for (int i = 0; i < mix.size(); i++) {
      cache.add(mix.deserialise(i));
    }
    after = usedHeapAfterGc();
    report.typedObjects(after - before);
    log(
        String.format(
            "  typed objects (a full typed informer cache) %,d bytes for %d",
            after - before, cache.size()));
    return store;
  }

  // ---- (a) and (b) scrapes ------------------------------------------------------------------

  private void scrapes(MetricsStore store) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream((int) report.expositionBytes());
    store.write(buffer, ExpositionFormat.TEXT_0_0_4, ContentEncoding.IDENTITY);
    byte[] prebuilt = buffer.toByteArray();
    buffer = null;
    MetricsHttpServer real = serving(ExpositionSource.of(store));
    MetricsHttpServer limit = serving(buffers(prebuilt, null));
    try {
      log(
          "(a)/(b) "
              + options.warmups()
              + " warm-up and "
              + options.scrapes()
              + " measured scrapes each, alternating");
      List<Double> realTimes = new ArrayList<>();
      List<Double> limitTimes = new ArrayList<>();
      for (int i = -options.warmups(); i < options.scrapes(); i++) {
        LoopbackScraper.Scrape a = scraper.scrape(real.port(), "/metrics");
        LoopbackScraper.Scrape b = scraper.scrape(limit.port(), "/metrics");
        checkBytes(a.bytes(), prebuilt.length, "store scrape");
        checkBytes(b.bytes(), prebuilt.length, "buffer scrape");
        if (i >= 0) {
          realTimes.add(a.seconds());
          limitTimes.add(b.seconds());
        }
      }
      List<Double> writeTimes = new ArrayList<>();
      for (int i = 0; i < options.scrapes(); i++) {
        long start = System.nanoTime();
        store.write(
            new CountingOutputStream(), ExpositionFormat.TEXT_0_0_4, ContentEncoding.IDENTITY);
        writeTimes.add(secondsSince(start));
      }
      List<Double> copyTimes = new ArrayList<>();
      for (int i = 0; i < options.scrapes(); i++) {
        long start = System.nanoTime();
        OutputStream copying = new BufferedOutputStream(new CountingOutputStream(), 64 * 1024);
        store.write(copying, ExpositionFormat.TEXT_0_0_4, ContentEncoding.IDENTITY);
        copying.flush();
        copyTimes.add(secondsSince(start));
      }
      report.scrape(Samples.of("(a) scrape of the store", realTimes));
      report.storeWrite(
          Samples.of("(a) for comparison: store.write into a counting stream", writeTimes));
      report.storeWrite(
          Samples.of("(a) for comparison: store.write copied through a 64 KiB buffer", copyTimes));
      report.limit(Samples.of("(b) same server, one prebuilt buffer", limitTimes));
      log(
          String.format(
              "  store %.3f s, buffer %.3f s (medians)", median(realTimes), median(limitTimes)));
    } finally {
      real.close();
      limit.close();
    }
  }

  // ---- (k) cluster mode's serving path ------------------------------------------------------

  /**
   * KubeStash's six configurations through the engine, one store per target kind, written as the
   * exporter's cluster mode writes them (kind order, {@code MetricsStore.writeAll}); the exposition
   * must be byte-identical to the built-in store's, and gzip scrapes of both alternate.
   */
  private void clusterScrapes(ObjectMix mix, MetricsStore builtin) throws Exception {
    log("(k) cluster mode: KubeStash's six configurations, one engine store per target kind");
    ConfigurationPlan plan = ConfigurationPlan.of(BuiltInConfigurations.standard());
    if (!plan.problems().isEmpty()) {
      throw new IllegalStateException("built-in configurations rejected: " + plan.problems());
    }
    List<TargetPlan> targets = new ArrayList<>(plan.targets());
    // The order ConfiguredTargets serves them in: kind, then group, then version.
    targets.sort(
        Comparator.comparing((TargetPlan t) -> t.target().kind())
            .thenComparing(t -> t.target().group())
            .thenComparing(t -> t.target().version()));
    Map<TargetKind, MetricsStore> byTarget = new LinkedHashMap<>();
    for (TargetPlan target : targets) {
      byTarget.put(target.target(), new MetricsStore(target.catalogue()));
    }
    long start = System.nanoTime();
    for (int i = 0; i < mix.size(); i++) {
      HasMetadata object = mix.object(i);
      MetricsStore store = byTarget.get(TargetKind.of(object.getApiVersion(), object.getKind()));
      store.put(object.getMetadata().getUid(), store.catalogue().render(object));
    }
    List<MetricsStore> stores = List.copyOf(byTarget.values());
    ExpositionSource cluster =
        (format, encoding, out) -> MetricsStore.writeAll(stores, out, format, encoding);
    byte[] clusterText = text(cluster);
    log(
        String.format(
            "  %d stores filled by the engine in %.1f s", stores.size(), secondsSince(start)));
    byte[] builtinText = text(ExpositionSource.of(builtin));
    boolean identical = Arrays.equals(clusterText, builtinText);
    if (!identical) {
      throw new IllegalStateException(
          "cluster mode's exposition differs from the built-in one: "
              + clusterText.length
              + " vs "
              + builtinText.length
              + " bytes");
    }
    clusterText = null;
    builtinText = null;
    MetricsHttpServer builtinServer = serving(ExpositionSource.of(builtin));
    MetricsHttpServer clusterServer = serving(cluster);
    try {
      List<Double> builtinTimes = new ArrayList<>();
      List<Double> clusterTimes = new ArrayList<>();
      for (int i = -options.warmups(); i < options.scrapes(); i++) {
        LoopbackScraper.Scrape a = scraper.scrape(builtinServer.port(), "/metrics", true);
        LoopbackScraper.Scrape b = scraper.scrape(clusterServer.port(), "/metrics", true);
        checkBytes(b.inflatedBytes(), a.inflatedBytes(), "cluster-mode gzip scrape, inflated");
        if (i >= 0) {
          builtinTimes.add(a.seconds());
          clusterTimes.add(b.seconds());
        }
      }
      report.clusterScrapes(
          Samples.of(
              "(k) gzip scrape, built-in store (alternating with cluster mode)", builtinTimes),
          Samples.of("(k) gzip scrape, cluster mode: six engine stores, writeAll", clusterTimes));
      log(
          String.format(
              "  exposition byte-identical to the built-in store's; gzip scrape built-in %.3f s,"
                  + " cluster mode %.3f s (medians)",
              median(builtinTimes), median(clusterTimes)));
    } finally {
      builtinServer.close();
      clusterServer.close();
    }
  }

  /** The source's OpenMetrics text, uncompressed. */
  private byte[] text(ExpositionSource source) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream((int) report.expositionBytes() + 16);
    source.write(ExpositionFormat.OPENMETRICS_1_0_0, ContentEncoding.IDENTITY, buffer);
    return buffer.toByteArray();
  }

  // ---- (e) churn ----------------------------------------------------------------------------

  private void churn(ObjectMix mix, MetricsStore store) throws Exception {
    int blocks = 3;
    int perBlock = Math.max(1, options.scrapes() / blocks);
    log(
        String.format(
            "(e) churn: %d blocks of %d scrapes idle, then %d with %,d updates/s",
            blocks, perBlock, perBlock, options.churnRate()));
    MetricsHttpServer real = serving(ExpositionSource.of(store));
    List<Double> idle = new ArrayList<>();
    List<Double> busy = new ArrayList<>();
    try (ChurnWriter churn =
        new ChurnWriter(mix, catalogue, store, options.churnRate(), ChurnWriter.Pattern.SWEEP)) {
      for (int block = 0; block < blocks; block++) {
        churn.active(false);
        for (int i = 0; i < perBlock; i++) {
          idle.add(scraper.scrape(real.port(), "/metrics").seconds());
        }
        churn.active(true);
        Thread.sleep(200); // let the flow reach its rate before the first scrape
        for (int i = 0; i < perBlock; i++) {
          busy.add(scraper.scrape(real.port(), "/metrics").seconds());
        }
      }
      churn.active(false);
      Thread.sleep(50);
      report.churn(
          Samples.of("(e) scrape, idle", idle),
          Samples.of("(e) scrape, under churn", busy),
          churn.achievedPerSecond(),
          churn.updates());
      log(
          String.format(
              "  idle p99 %.3f s, churn p99 %.3f s, %.0f updates/s achieved",
              new Samples("", toArray(idle)).p99(),
              new Samples("", toArray(busy)).p99(),
              churn.achievedPerSecond()));
    } finally {
      real.close();
    }
  }

  // ---- (g) gzip scrapes ----------------------------------------------------------------------

  /**
   * Gzip scrapes of the store, of one prebuilt gzip buffer and of on-the-fly compression, in turn;
   * returns the on-the-fly timings (the uniform churn's yardstick).
   */
  private Samples gzipScrapes(MetricsStore store) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream((int) report.expositionBytes() + 16);
    store.write(buffer, ExpositionFormat.OPENMETRICS_1_0_0, ContentEncoding.IDENTITY);
    byte[] text = buffer.toByteArray();
    buffer = new ByteArrayOutputStream(text.length / 8);
    try (GZIPOutputStream whole = new GZIPOutputStream(buffer, 64 * 1024)) {
      whole.write(text); // one whole-stream deflate at zlib's default level
    }
    byte[] gzip = buffer.toByteArray();
    buffer = null;
    MetricsHttpServer real = serving(ExpositionSource.of(store));
    MetricsHttpServer limit = serving(buffers(text, gzip));
    MetricsHttpServer onTheFly = serving(compressingOnTheFly(text));
    try {
      log(
          "(g) gzip scrapes as Prometheus sends them: "
              + options.warmups()
              + " warm-up and "
              + options.scrapes()
              + " measured each of store, prebuilt gzip buffer, on-the-fly compression");
      List<Double> realTimes = new ArrayList<>();
      List<Double> limitTimes = new ArrayList<>();
      List<Double> onTheFlyTimes = new ArrayList<>();
      long storeBody = 0;
      for (int i = -options.warmups(); i < options.scrapes(); i++) {
        LoopbackScraper.Scrape a = scraper.scrape(real.port(), "/metrics", true);
        LoopbackScraper.Scrape b = scraper.scrape(limit.port(), "/metrics", true);
        LoopbackScraper.Scrape c = scraper.scrape(onTheFly.port(), "/metrics", true);
        checkBytes(a.inflatedBytes(), text.length, "gzip store scrape, inflated");
        checkBytes(b.inflatedBytes(), text.length, "gzip buffer scrape, inflated");
        checkBytes(c.inflatedBytes(), text.length, "on-the-fly gzip scrape, inflated");
        checkBytes(b.bytes(), gzip.length, "gzip buffer scrape");
        storeBody = a.bytes();
        if (i >= 0) {
          realTimes.add(a.seconds());
          limitTimes.add(b.seconds());
          onTheFlyTimes.add(c.seconds());
        }
      }
      Samples onTheFlySamples =
          Samples.of("(g) gzip: same server compressing on the fly (default level)", onTheFlyTimes);
      report.gzip(
          Samples.of("(g) gzip scrape of the store", realTimes),
          Samples.of("(g) gzip: same server, one prebuilt gzip buffer", limitTimes),
          onTheFlySamples,
          storeBody,
          gzip.length);
      log(
          String.format(
              "  store %.3f s, buffer %.3f s, on the fly %.3f s (medians); %,d bytes vs %,d for"
                  + " one whole-stream deflate",
              median(realTimes),
              median(limitTimes),
              median(onTheFlyTimes),
              storeBody,
              gzip.length));
      return onTheFlySamples;
    } finally {
      real.close();
      limit.close();
      onTheFly.close();
    }
  }

  /**
   * (e) for gzip: idle blocks alternating with churn blocks, first with updates as a cluster makes
   * them, then uniformly spread.
   */
  private void gzipChurn(ObjectMix mix, MetricsStore store, Samples onTheFly) throws Exception {
    int blocks = 3;
    int perBlock = Math.max(1, options.scrapes() / blocks);
    MetricsHttpServer real = serving(ExpositionSource.of(store));
    try {
      for (ChurnWriter.Pattern pattern :
          List.of(ChurnWriter.Pattern.NEWEST, ChurnWriter.Pattern.UNIFORM)) {
        log(
            String.format(
                "(e) gzip churn, %s: %d blocks of %d scrapes idle, then %d with %,d updates/s",
                pattern, blocks, perBlock, perBlock, options.churnRate()));
        List<Double> idle = new ArrayList<>();
        List<Double> busy = new ArrayList<>();
        try (ChurnWriter churn =
            new ChurnWriter(mix, catalogue, store, options.churnRate(), pattern)) {
          for (int block = 0; block < blocks; block++) {
            churn.active(false);
            scraper.scrape(real.port(), "/metrics", true); // absorbs the last busy block's changes
            for (int i = 0; i < perBlock; i++) {
              idle.add(scraper.scrape(real.port(), "/metrics", true).seconds());
            }
            churn.active(true);
            Thread.sleep(200);
            for (int i = 0; i < perBlock; i++) {
              busy.add(scraper.scrape(real.port(), "/metrics", true).seconds());
            }
          }
          churn.active(false);
          Thread.sleep(50);
          String name = pattern == ChurnWriter.Pattern.NEWEST ? "newest 5 %" : "uniform";
          Samples idleSamples = Samples.of("(e) gzip scrape, idle (" + name + " run)", idle);
          Samples busySamples = Samples.of("(e) gzip scrape, churn " + name, busy);
          if (pattern == ChurnWriter.Pattern.NEWEST) {
            report.gzipChurn(idleSamples, busySamples, churn.achievedPerSecond());
          } else {
            report.gzipUniformChurn(idleSamples, busySamples, churn.achievedPerSecond());
          }
          log(
              String.format(
                  "  idle p99 %.3f s, churn p99 %.3f s (on the fly p99 %.3f s), %.0f updates/s",
                  idleSamples.p99(), busySamples.p99(), onTheFly.p99(), churn.achievedPerSecond()));
        }
      }
    } finally {
      real.close();
    }
  }

  // ---- (u) update vs deserialise --------------------------------------------------------------

  /**
   * What the exporter does per watch event once fabric8 has parsed the JSON (raw object, lenient
   * read, render, store) against that parsing, a thousand objects at a time so that the parsed
   * objects need little heap. The store's rebuild is paid at the next scrape, which (e) measures.
   */
  private void updateVersusDeserialise(ObjectMix mix, MetricsStore store) throws Exception {
    int passes = options.passes();
    log("(u) update vs deserialise: " + passes + " passes over all objects, alternating");
    List<Double> update = new ArrayList<>();
    List<Double> parse = new ArrayList<>();
    int slice = 1_000;
    GenericKubernetesResource[] parsed = new GenericKubernetesResource[slice];
    for (int pass = -1; pass < passes; pass++) { // one warm-up pass
      double updateSeconds = 0;
      double parseSeconds = 0;
      for (int from = 0; from < mix.size(); from += slice) {
        int to = Math.min(mix.size(), from + slice);
        long start = System.nanoTime();
        for (int i = from; i < to; i++) {
          parsed[i - from] = genericReader.readValue(mix.json(i));
        }
        parseSeconds += secondsSince(start);
        start = System.nanoTime();
        for (int i = from; i < to; i++) {
          GenericKubernetesResource object = parsed[i - from];
          store.put(object.getMetadata().getUid(), catalogue.render(object));
        }
        updateSeconds += secondsSince(start);
      }
      store.write(new CountingOutputStream(), ExpositionFormat.TEXT_0_0_4, ContentEncoding.GZIP);
      if (pass >= 0) {
        update.add(updateSeconds);
        parse.add(parseSeconds);
      }
    }
    report.update(
        Samples.of("(u) update: raw object, lenient read, render, store (all objects)", update),
        Samples.of("(u) parse the objects' JSON as fabric8 does (all objects)", parse));
    log(String.format("  update %.3f s, parse %.3f s", median(update), median(parse)));
  }

  // ---- servers ------------------------------------------------------------------------------

  private static MetricsHttpServer serving(ExpositionSource source) throws IOException {
    return MetricsHttpServer.serving(
        ExporterConfig.defaults().withPorts("127.0.0.1", 0, -1), source);
  }

  /** Writes {@code text} (identity) or {@code gzip} in one call each. */
  private static ExpositionSource buffers(byte[] text, byte[] gzip) {
    return new ExpositionSource() {
      @Override
      public long write(ExpositionFormat format, ContentEncoding encoding, OutputStream out)
          throws IOException {
        out.write(encoding == ContentEncoding.GZIP ? gzip : text);
        return text.length;
      }

      @Override
      public boolean gathers(ContentEncoding encoding) {
        return false;
      }
    };
  }

  /** Compresses {@code text} on the fly at zlib's default level, as the exporter used to. */
  private static ExpositionSource compressingOnTheFly(byte[] text) {
    return new ExpositionSource() {
      @Override
      public long write(ExpositionFormat format, ContentEncoding encoding, OutputStream out)
          throws IOException {
        if (encoding != ContentEncoding.GZIP) {
          out.write(text);
          return text.length;
        }
        GZIPOutputStream zipped = new GZIPOutputStream(out, 64 * 1024);
        zipped.write(text);
        zipped.finish();
        return text.length;
      }

      @Override
      public boolean gathers(ContentEncoding encoding) {
        return false;
      }
    };
  }

  // ---- (c) naive baseline -------------------------------------------------------------------

  private void naive(ObjectMix mix) throws Exception {
    log(
        "(c) naive baseline: client_java MultiCollector + client_java HTTPServer, 1 warm-up and "
            + options.naiveScrapes()
            + " measured scrapes");
    PrometheusRegistry registry = new PrometheusRegistry();
    List<CustomResource<?, ?>> objects = mix.objects();
    registry.register(new KubeStashMetricsCollector(() -> objects));
    HTTPServer server =
        HTTPServer.builder().hostname("127.0.0.1").port(0).registry(registry).buildAndStart();
    try {
      List<Double> times = new ArrayList<>();
      List<Double> gzipTimes = new ArrayList<>();
      long bytes = 0;
      for (int i = -1; i < options.naiveScrapes(); i++) {
        LoopbackScraper.Scrape scrape = scraper.scrape(server.getPort(), "/metrics");
        bytes = scrape.bytes();
        // As Prometheus asks: OpenMetrics, gzip; client_java compresses on the fly.
        LoopbackScraper.Scrape gzip = scraper.scrape(server.getPort(), "/metrics", true);
        if (i >= 0) {
          times.add(scrape.seconds());
          gzipTimes.add(gzip.seconds());
        }
      }
      report.naive(Samples.of("(c) naive: client_java collector + HTTPServer", times), bytes);
      report.naiveGzip(
          Samples.of(
              "(c) naive, gzip as Prometheus asks: client_java collector + HTTPServer", gzipTimes));
      log(
          String.format(
              "  naive %.3f s (median), gzip %.3f s, %,d bytes",
              median(times), median(gzipTimes), bytes));
    } finally {
      server.close();
    }
  }

  // ---- (f) start-up -------------------------------------------------------------------------

  private void startup(ObjectMix mix) throws Exception {
    int count = Math.min(options.startupObjects(), mix.size());
    log("(f) start-up: loading " + count + " objects into the mock API server");
    try (KubeStashMockServer api = KubeStashMockServer.builder().resetAfterEach(false).build()) {
      api.start();
      long start = System.nanoTime();
      load(api, mix, count);
      double loadSeconds = secondsSince(start);
      log(String.format("  loaded in %.1f s", loadSeconds));
      Config config =
          new ConfigBuilder(Config.empty()).withMasterUrl(api.url()).withTrustCerts(true).build();
      List<Double> lists = new ArrayList<>();
      List<Double> ready = new ArrayList<>();
      List<Double> rendered = new ArrayList<>();
      try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
        for (int run = -1; run < options.startupRuns(); run++) { // one warm-up run
          long listed = listAll(client);
          if (listed != count) {
            throw new IllegalStateException("listed " + listed + " objects, expected " + count);
          }
          double listSeconds = 0;
          start = System.nanoTime();
          listAll(client);
          listSeconds = secondsSince(start);
          double[] exporter =
              startExporter(
                  ExporterConfig.defaults().withMasterUrl(api.url()).withPorts("127.0.0.1", 0, -1),
                  count,
                  run == options.startupRuns() - 1);
          if (run >= 0) {
            lists.add(listSeconds);
            ready.add(exporter[0]);
            rendered.add(exporter[1]);
          }
          log(
              String.format(
                  "  run %d: list %.2f s, ready %.2f s, all rendered %.2f s",
                  run, listSeconds, exporter[0], exporter[1]));
        }
      }
      report.startup(
          count,
          loadSeconds,
          Samples.of("(f) bare list calls of the six kinds", lists),
          Samples.of("(f) exporter start to /readyz 200", ready),
          Samples.of("(f) exporter start to every object in the store", rendered));

      // Cluster mode: the same objects, KubeStash's six configurations as objects in the API.
      api.installMetricsConfigurationCrd();
      for (MetricsConfiguration configuration : BuiltInConfigurations.standard()) {
        api.client().resource(configuration).create();
      }
      ExporterConfig clusterMode =
          ExporterConfig.defaults()
              .withMasterUrl(api.url())
              .withPorts("127.0.0.1", 0, -1)
              .withMetricsConfig(MetricsConfigSource.CLUSTER_OBJECTS, Duration.ofSeconds(10));
      List<Double> clusterReady = new ArrayList<>();
      List<Double> clusterRendered = new ArrayList<>();
      for (int run = -1; run < options.startupRuns(); run++) { // one warm-up run
        double[] exporter = startExporter(clusterMode, count, false);
        if (run >= 0) {
          clusterReady.add(exporter[0]);
          clusterRendered.add(exporter[1]);
        }
        log(
            String.format(
                "  cluster mode run %d: ready %.2f s, all rendered %.2f s",
                run, exporter[0], exporter[1]));
      }
      report.clusterStartup(
          Samples.of("(f) cluster mode: exporter start to /readyz 200", clusterReady),
          Samples.of(
              "(f) cluster mode: exporter start to every object in the stores", clusterRendered));
    }
  }

  private static void load(KubeStashMockServer api, ObjectMix mix, int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger done = new AtomicInteger();
    try {
      List<Future<?>> futures = new ArrayList<>();
      int slice = (count + 7) / 8;
      for (int from = 0; from < count; from += slice) {
        int first = from;
        int last = Math.min(count, from + slice);
        futures.add(
            pool.submit(
                () -> {
                  for (int i = first; i < last; i++) {
                    api.create(mix.object(i));
                    int total = done.incrementAndGet();
                    if (total % 10_000 == 0) {
                      log("  " + total + " objects created");
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static long listAll(KubernetesClient client) {
    long total = 0;
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      total += client.resources(kind.type()).inAnyNamespace().list().getItems().size();
    }
    return total;
  }

  /** Seconds from start to {@code /readyz} 200 and to every object being in the store. */
  private double[] startExporter(ExporterConfig config, int count, boolean measureHeap)
      throws Exception {
    long start = System.nanoTime();
    Exporter exporter = ExporterComponent.of(config).exporter();
    try {
      exporter.start();
      long deadline = start + TimeUnit.MINUTES.toNanos(10);
      while (scraper.status(exporter.metricsPort(), "/readyz") != 200) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("not ready after 10 minutes");
        }
        Thread.sleep(2);
      }
      double ready = secondsSince(start);
      while (exporter.objectCount() < count) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("objects not rendered after 10 minutes");
        }
        Thread.sleep(2);
      }
      double allRendered = secondsSince(start);
      if (measureHeap) {
        long running = usedHeapAfterGc();
        long store = exporter.store().retainedBytes();
        exporter.close();
        // The closed exporter is still referenced here: empty its store so that only what it
        // held stays out of the second reading.
        exporter.store().clear();
        long closed = usedHeapAfterGc();
        report.exporterHeap(running - closed, store);
        log(
            String.format(
                "  exporter heap %,d bytes for %,d objects (store %,d)",
                running - closed, count, store));
      }
      return new double[] {ready, allRendered};
    } finally {
      exporter.close(); // idempotent: the measured run has closed it already
    }
  }

  /**
   * The mock API server logs every request and the exporter logs each informer's sync: at scale
   * that drowns the harness's own lines, so only warnings are shown unless asked otherwise.
   */
  static void quietLogging() {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    QUIET.setLevel(java.util.logging.Level.WARNING);
  }

  /** Held so that the level set on it is not lost to garbage collection of the logger. */
  private static final java.util.logging.Logger QUIET =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  // ---- helpers ------------------------------------------------------------------------------

  private static void checkBytes(long actual, long expected, String what) {
    if (actual != expected) {
      throw new IllegalStateException(what + ": " + actual + " bytes, expected " + expected);
    }
  }

  /** Heap in use after full collections (explicit GC is on: the harness needs it). */
  static long usedHeapAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static double median(List<Double> values) {
    return new Samples("", toArray(values)).median();
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static double secondsSince(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  static void log(String message) {
    System.err.println("[scale] " + message);
  }

  /** Counts bytes and drops them. */
  private static final class CountingOutputStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  /** Where the report goes when {@code --report} is not given: BENCHMARKS.md here. */
  static Path defaultReport() {
    return Path.of("BENCHMARKS.md");
  }
}
