package io.github.kubestashmetrics.exporter;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code java -jar kubestash-exporter.jar [options] | render PATH...}, and the seam the demo
 * artifact runs the same command line through.
 *
 * <p>Errors are one line on stderr: a usage error (bad flag, port, file, kubeconfig; picocli's
 * {@link ParameterException} or a {@link UsageProblem}) says what is wrong and what to do and exits
 * with status 2; any other failure says what failed and exits with status 1. Stack traces appear
 * only with {@code --log-level debug}.
 */
public final class Main {

  /** picocli's exit status for usage errors, which every bad input shares. */
  public static final int USAGE_ERROR = 2;

  private Main() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The production command line: {@code --demo} is refused with a pointer to the demo jar. */
  public static CommandLine commandLine() {
    return build(Optional.empty());
  }

  /**
   * The command line with {@code --demo} starting {@code demoApi} and pointing the exporter at it;
   * every other flag and subcommand is the production one.
   */
  public static CommandLine commandLine(Supplier<? extends DemoApi> demoApi) {
    return build(Optional.of(demoApi));
  }

  private static CommandLine build(Optional<Supplier<? extends DemoApi>> demoApi) {
    CommandLine cli =
        new CommandLine(new ExporterCommand(demoApi)).setCaseInsensitiveEnumValuesAllowed(true);
    if (demoApi.isEmpty()) {
      // Still parsed (it points to the demo jar), but not offered in the production --help.
      CommandSpec spec = cli.getCommandSpec();
      OptionSpec demo = spec.findOption("--demo");
      spec.remove(demo);
      spec.addOption(OptionSpec.builder(demo).hidden(true).build());
    }
    // Set after the subcommands are registered, so they get the same handlers.
    cli.setParameterExceptionHandler(Main::usageError);
    cli.setExecutionExceptionHandler(Main::failure);
    return cli;
  }

  private static int usageError(ParameterException error, String[] args) {
    CommandLine cli = error.getCommandLine();
    String name = cli.getCommandSpec().qualifiedName();
    cli.getErr().println(name + ": " + oneLine(error.getMessage()) + "; see '" + name + " --help'");
    cli.getErr().flush();
    return USAGE_ERROR;
  }

  private static int failure(Exception error, CommandLine cli, ParseResult parsed) {
    PrintWriter err = cli.getErr();
    String name = cli.getCommandSpec().qualifiedName();
    Object level = rootOf(parsed).matchedOptionValue("--log-level", null);
    boolean debug = "debug".equalsIgnoreCase(String.valueOf(level));
    int status;
    if (error instanceof UsageProblem) {
      err.println(name + ": " + oneLine(error.getMessage()));
      status = USAGE_ERROR;
    } else {
      err.println(
          name
              + ": failed: "
              + oneLine(String.valueOf(error))
              + (debug ? "" : " (--log-level debug shows the stack trace)"));
      status = 1;
    }
    if (debug) {
      error.printStackTrace(err);
    }
    err.flush();
    return status;
  }

  private static ParseResult rootOf(ParseResult parsed) {
    ParseResult root = parsed;
    while (root.commandSpec().parent() != null) {
      CommandLine parent = root.commandSpec().parent().commandLine();
      if (parent.getParseResult() == null) {
        break;
      }
      root = parent.getParseResult();
    }
    return root;
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
