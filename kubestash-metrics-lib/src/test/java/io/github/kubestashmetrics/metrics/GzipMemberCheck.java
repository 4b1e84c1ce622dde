package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

/**
 * Decodes a gzip body twice and checks both agree: with {@link GZIPInputStream}, and by hand as
 * exactly one member (RFC 1952 header, raw deflate read by an {@link Inflater} to its final block,
 * then a trailer whose CRC-32 and ISIZE match the inflated bytes, and nothing after it).
 */
final class GzipMemberCheck {

  private GzipMemberCheck() {}

  /** The content of the single gzip member {@code body}, after checking it both ways. */
  static byte[] inflate(byte[] body, String context) {
    byte[] byHand = inflateOneMember(body, context);
    byte[] byJdk;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      byJdk = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(context, e);
    }
    assertThat(byJdk)
        .as("%s: GZIPInputStream and the raw inflater agree", context)
        .isEqualTo(byHand);
    return byHand;
  }

  private static byte[] inflateOneMember(byte[] body, String context) {
    assertThat(body.length).as("%s: header and trailer", context).isGreaterThanOrEqualTo(18);
    assertThat(body[0]).as("%s: ID1", context).isEqualTo((byte) 0x1f);
    assertThat(body[1]).as("%s: ID2", context).isEqualTo((byte) 0x8b);
    assertThat(body[2]).as("%s: CM deflate", context).isEqualTo((byte) 8);
    assertThat(body[3]).as("%s: no optional fields", context).isEqualTo((byte) 0);
    Inflater inflater = new Inflater(true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      inflater.setInput(body, 10, body.length - 10);
      byte[] buffer = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && inflater.needsInput()) {
          throw new AssertionError(context + ": the deflate stream has no final block");
        }
        out.write(buffer, 0, n);
      }
      assertThat(inflater.getRemaining())
          .as("%s: exactly the 8-byte trailer follows the deflate stream (one member)", context)
          .isEqualTo(8);
    } catch (DataFormatException e) {
      throw new AssertionError(context + ": invalid deflate data", e);
    } finally {
      inflater.end();
    }
    byte[] content = out.toByteArray();
    int at = body.length - 8;
    CRC32 crc = new CRC32();
    crc.update(content);
    assertThat(littleEndian(body, at))
        .as("%s: trailer CRC-32", context)
        .isEqualTo((int) crc.getValue());
    assertThat(littleEndian(body, at + 4))
        .as("%s: trailer ISIZE", context)
        .isEqualTo(content.length);
    return content;
  }

  private static int littleEndian(byte[] bytes, int at) {
    return (bytes[at] & 0xff)
        | (bytes[at + 1] & 0xff) << 8
        | (bytes[at + 2] & 0xff) << 16
        | (bytes[at + 3] & 0xff) << 24;
  }
}
