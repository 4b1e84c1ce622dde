package io.github.kubestashmetrics.metrics;

/** How {@link MetricsStore#write} encodes the exposition: as is, or as one gzip member. */
public enum ContentEncoding {
  /** The exposition text itself. */
  IDENTITY("identity"),
  /** One standard gzip member (RFC 1952) whose content is the exposition text. */
  GZIP("gzip");

  private final String token;

  ContentEncoding(String token) {
    this.token = token;
  }

  /** The HTTP {@code Content-Encoding} token. */
  public String token() {
    return token;
  }
}
