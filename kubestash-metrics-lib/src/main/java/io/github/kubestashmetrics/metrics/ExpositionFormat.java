package io.github.kubestashmetrics.metrics;

/**
 * The two text formats Prometheus scrapes. Gauge sample lines are identical in both; they differ in
 * the content type, in how HELP text is escaped and in OpenMetrics' closing {@code # EOF}.
 */
public enum ExpositionFormat {
  /** Prometheus text format 0.0.4. */
  TEXT_0_0_4("text/plain; version=0.0.4; charset=utf-8"),
  /** OpenMetrics text format 1.0.0. */
  OPENMETRICS_1_0_0("application/openmetrics-text; version=1.0.0; charset=utf-8");

  private final String contentType;

  ExpositionFormat(String contentType) {
    this.contentType = contentType;
  }

  /** The HTTP {@code Content-Type} of this format. */
  public String contentType() {
    return contentType;
  }

  /**
   * HELP text escaped for this format: {@code \} and newline in both, {@code "} too in OpenMetrics.
   */
  String escapeHelp(String help) {
    StringBuilder out = new StringBuilder(help.length() + 8);
    for (int i = 0; i < help.length(); i++) {
      char c = help.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '"' && this == OPENMETRICS_1_0_0) {
        out.append("\\\"");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
