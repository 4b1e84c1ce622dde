package io.github.kubestashmetrics.testkit;

import java.util.Objects;

/** Thrown by {@link ExpositionParser} for the first line that breaks the format. */
public final class ExpositionFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int lineNumber;
  private final ExpositionViolation violation;
  private final String detail;

  ExpositionFormatException(int lineNumber, ExpositionViolation violation, String detail) {
    super("line " + lineNumber + ": " + violation + ": " + detail);
    this.lineNumber = lineNumber;
    this.violation = Objects.requireNonNull(violation, "violation");
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  /** The offending line, counting from 1. */
  public int lineNumber() {
    return lineNumber;
  }

  /** The rule the line breaks. */
  public ExpositionViolation violation() {
    return violation;
  }

  /** What exactly is wrong, in words, with an excerpt of the line. */
  public String detail() {
    return detail;
  }
}
