package io.github.kubestashmetrics.exporter;

import picocli.CommandLine;

/** {@code java -jar kubestash-exporter.jar [--demo] [options] | render PATH...}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new ExporterCommand()).setCaseInsensitiveEnumValuesAllowed(true);
  }
}
