package io.github.kubestashmetrics.testkit;

/** Why {@link ExpositionParser} rejected a line: one constant per rule it enforces. */
public enum ExpositionViolation {
  /** A metric name is empty or has a character outside {@code [a-zA-Z_:][a-zA-Z0-9_:]*}. */
  BAD_METRIC_NAME,
  /** A label name is empty or has a character outside {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
  BAD_LABEL_NAME,
  /** A label value does not start with a double quote. */
  UNQUOTED_LABEL_VALUE,
  /** A label value's closing quote is missing before the end of the line. */
  UNTERMINATED_LABEL_VALUE,
  /** A backslash in a label value or HELP text is followed by something the format forbids. */
  BAD_ESCAPE,
  /** The label set is not {@code {name="value",...}}: missing comma, brace or separator. */
  MALFORMED_LABEL_SET,
  /** The same label name twice in one series. */
  DUPLICATE_LABEL_NAME,
  /** The sample value is missing or not a number. */
  BAD_VALUE,
  /** The timestamp after the value is not one the format allows. */
  BAD_TIMESTAMP,
  /** Characters after the last token a line may have. */
  TRAILING_GARBAGE,
  /** Two samples with the same name and the same label set. */
  DUPLICATE_SERIES,
  /** HELP, TYPE or UNIT of a family after that family's first sample. */
  METADATA_AFTER_SAMPLES,
  /** HELP, TYPE or UNIT of a family given twice. */
  DUPLICATE_METADATA,
  /** A TYPE the format does not define. */
  UNKNOWN_TYPE,
  /** A UNIT that is not a suffix of its family name (OpenMetrics). */
  BAD_UNIT,
  /** A sample name that its declared family's type does not allow (OpenMetrics counter, info). */
  SAMPLE_NOT_ALLOWED_FOR_TYPE,
  /** Lines of one family separated by lines of another family. */
  NON_CONTIGUOUS_FAMILY,
  /** A comment other than HELP, TYPE, UNIT and EOF (OpenMetrics). */
  UNKNOWN_COMMENT,
  /** An empty line (OpenMetrics). */
  BLANK_LINE,
  /** Non-empty text that does not end with a line feed (Prometheus 0.0.4). */
  MISSING_FINAL_NEWLINE,
  /** No {@code # EOF} line at the end (OpenMetrics). */
  MISSING_EOF,
  /** Anything after {@code # EOF} (OpenMetrics). */
  CONTENT_AFTER_EOF
}
