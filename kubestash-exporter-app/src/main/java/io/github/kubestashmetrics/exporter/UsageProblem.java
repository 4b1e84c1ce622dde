package io.github.kubestashmetrics.exporter;

/**
 * Something the user gave cannot work (a port out of range or taken, a missing file, an unreadable
 * kubeconfig). Its message is one line saying what is wrong and what to do; the command line prints
 * it without a stack trace and exits with status 2, picocli's status for usage errors.
 */
public final class UsageProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UsageProblem(String message) {
    super(message);
  }

  public UsageProblem(String message, Throwable cause) {
    super(message, cause);
  }
}
