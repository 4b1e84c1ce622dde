package io.github.kubestashmetrics.exporter.web;

/**
 * A web configuration file (or a file it names) that cannot be used; the message is one line that
 * names the file and what is wrong.
 */
public final class WebConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  public WebConfigException(String message) {
    super(message);
  }

  public WebConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
