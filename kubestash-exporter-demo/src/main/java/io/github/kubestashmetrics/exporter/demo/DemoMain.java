package io.github.kubestashmetrics.exporter.demo;

import io.github.kubestashmetrics.exporter.Main;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/**
 * {@code java -jar kubestash-exporter-demo.jar [exporter flags]}: the production exporter's own
 * command line with {@code --demo} always on, served against an embedded, changing {@link
 * DemoCluster}. Subcommands ({@code render ...}) and {@code --help}/{@code --version} run as in the
 * production jar.
 */
public final class DemoMain {

  private static final Set<String> NOT_SERVING = Set.of("-h", "--help", "-V", "--version");

  private DemoMain() {}

  public static void main(String[] args) {
    CommandLine cli = Main.commandLine(DemoCluster::start);
    System.exit(cli.execute(withDemo(args, cli.getSubcommands().keySet())));
  }

  /**
   * The arguments with {@code --demo} added when they serve (no subcommand, no help or version) and
   * do not say it already.
   */
  static String[] withDemo(String[] args, Set<String> subcommands) {
    List<String> all = List.of(args);
    if (all.contains("--demo")
        || all.stream().anyMatch(a -> NOT_SERVING.contains(a) || subcommands.contains(a))) {
      return args;
    }
    List<String> with = new ArrayList<>(all);
    with.add(0, "--demo");
    return with.toArray(String[]::new);
  }
}
