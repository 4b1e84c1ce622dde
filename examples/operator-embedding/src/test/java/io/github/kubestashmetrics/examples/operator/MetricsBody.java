package io.github.kubestashmetrics.examples.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kubestashmetrics.metrics.ContentEncoding;
import io.github.kubestashmetrics.metrics.ExpositionFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** What an operator's {@code /metrics} endpoint sends, as text, for the tests to assert on. */
final class MetricsBody {

  /**
   * A {@code /metrics} body writer: {@link StoreEmbedding#write} or {@link
   * ConfiguredEmbedding#write}.
   */
  @FunctionalInterface
  interface Endpoint {
    long write(OutputStream out, ExpositionFormat format, ContentEncoding encoding)
        throws IOException;
  }

  private MetricsBody() {}

  /** The body in the classic text format, uncompressed. */
  static String identityText(Endpoint endpoint) {
    return written(endpoint, ExpositionFormat.TEXT_0_0_4, ContentEncoding.IDENTITY);
  }

  /**
   * What {@code /metrics} sends in this format and encoding, gzip inflated; the returned length
   * must be the uncompressed one.
   */
  static String written(Endpoint endpoint, ExpositionFormat format, ContentEncoding encoding) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long length = endpoint.write(out, format, encoding);
      byte[] body = out.toByteArray();
      if (encoding == ContentEncoding.GZIP) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
          body = gzip.readAllBytes();
        }
      }
      assertThat(length).as("uncompressed length").isEqualTo(body.length);
      return new String(body, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory streams do not fail
    }
  }

  /** The testkit's constant for the library's format (the two enums share their names). */
  static io.github.kubestashmetrics.testkit.ExpositionFormat testkitFormat(
      ExpositionFormat format) {
    return io.github.kubestashmetrics.testkit.ExpositionFormat.valueOf(format.name());
  }
}
