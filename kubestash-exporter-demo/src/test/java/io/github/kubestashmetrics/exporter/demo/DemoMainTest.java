package io.github.kubestashmetrics.exporter.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demo jar serves in demo mode unless it is asked for a subcommand, help or the version. */
class DemoMainTest {

  private static final Set<String> SUBCOMMANDS = Set.of("render");

  @Test
  void servingArgumentsGetDemoFirst() {
    assertThat(DemoMain.withDemo(new String[] {"--port", "0"}, SUBCOMMANDS))
        .containsExactly("--demo", "--port", "0");
    assertThat(DemoMain.withDemo(new String[0], SUBCOMMANDS)).containsExactly("--demo");
  }

  @Test
  void demoGivenExplicitlyIsKeptOnce() {
    assertThat(DemoMain.withDemo(new String[] {"--port", "0", "--demo"}, SUBCOMMANDS))
        .containsExactly("--port", "0", "--demo");
  }

  @Test
  void subcommandsHelpAndVersionRunAsGiven() {
    assertThat(DemoMain.withDemo(new String[] {"render", "x.yaml"}, SUBCOMMANDS))
        .containsExactly("render", "x.yaml");
    assertThat(DemoMain.withDemo(new String[] {"--help"}, SUBCOMMANDS)).containsExactly("--help");
    assertThat(DemoMain.withDemo(new String[] {"--version"}, SUBCOMMANDS))
        .containsExactly("--version");
  }
}
