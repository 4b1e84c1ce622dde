package io.github.kubestashmetrics.exporter.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's "Try a MetricsConfiguration live" runs as written: its commands are read from the
 * README (between the {@code live-demo} markers), the demo jar is started with the README's flags,
 * and each {@code curl} is carried out over HTTP as curl would (method, headers, body from the
 * README's files, {@code -w '%{http_code}\n'}, {@code -f}, a {@code | grep} or {@code | grep -c}
 * after it); every output the README shows must be what the command gives (a scrape is retried
 * until it is, since a change reaches {@code /metrics} asynchronously).
 */
class LiveConfigurationReadmeIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process demo;

  /** One {@code $ } line of the README and the lines shown after it. */
  private record Step(String command, List<String> output) {}

  @AfterEach
  void stopDemo() throws InterruptedException {
    if (demo != null) {
      demo.destroy();
      if (!demo.waitFor(10, TimeUnit.SECONDS)) {
        demo.destroyForcibly();
      }
    }
  }

  @Test
  void theReadmesCurlFlowGivesTheOutputsItShows() throws Exception {
    Path root = Path.of("..");
    List<Step> steps = steps(Files.readString(root.resolve("kubestash-exporter-demo/README.md")));
    assertThat(steps).as("the README's live-demo block").hasSizeGreaterThan(5);
    int port = freePort();
    String api = null;
    Path dir = root;
    int curls = 0;
    for (Step step : steps) {
      List<String> tokens = tokens(step.command());
      switch (tokens.get(0)) {
        case "java" -> api = startDemo(tokens, port);
        case "cd" -> dir = root.resolve(tokens.get(1));
        case "curl" -> {
          curls++;
          run(step, tokens, dir, api, port);
        }
        default -> {
          assertThat(tokens.get(0)).as(step.command()).startsWith("API=");
        }
      }
    }
    assertThat(curls).isGreaterThan(5);
  }

  /** Starts the demo jar with the README's flags on a free port; returns the API URL it printed. */
  private String startDemo(List<String> tokens, int port) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(System.getProperty("kubestash.demo.jar"));
    // The README's flags: what follows the jar, without the shell's "&".
    int jar = tokens.indexOf("-jar") + 2;
    for (String token : tokens.subList(jar, tokens.size())) {
      if (!token.equals("&")) {
        command.add(token);
      }
    }
    command.add("--port=" + port);
    command.add("--telemetry-port=-1");
    demo = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> url =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  if (line.startsWith("embedded Kubernetes API: ")) {
                    return line.split(" ")[3];
                  }
                }
                return null;
              } catch (IOException e) {
                return null;
              }
            });
    String api = url.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(api).as("the demo prints its API's URL").startsWith("http://");
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (status(URI.create("http://127.0.0.1:" + port + "/readyz")) != 200) {
      assertThat(System.nanoTime()).as("demo ready").isLessThan(deadline);
      Thread.sleep(200);
    }
    return api;
  }

  /** Carries out one curl command and checks its output, retrying a scrape until it matches. */
  private void run(Step step, List<String> tokens, Path dir, String api, int port)
      throws Exception {
    int pipe = tokens.indexOf("|");
    List<String> curl = pipe < 0 ? tokens : tokens.subList(0, pipe);
    List<String> grep = pipe < 0 ? List.of() : tokens.subList(pipe + 1, tokens.size());
    String method = "GET";
    String writeOut = null;
    boolean discardBody = false;
    boolean failOnError = false;
    List<String[]> headers = new ArrayList<>();
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
    String url = null;
    for (int i = 1; i < curl.size(); i++) {
      String t = curl.get(i);
      switch (t) {
        case "-s" -> {}
        case "-sf", "-f" -> failOnError = true;
        case "-X" -> method = curl.get(++i);
        case "-o" -> discardBody = curl.get(++i).equals("/dev/null");
        case "-w" -> writeOut = curl.get(++i);
        case "-H" -> headers.add(curl.get(++i).split(":\\s*", 2));
        case "--data-binary" ->
            body = HttpRequest.BodyPublishers.ofFile(dir.resolve(curl.get(++i).substring(1)));
        case "--data" -> body = HttpRequest.BodyPublishers.ofString(curl.get(++i));
        default -> {
          assertThat(t)
              .as("a curl option this test knows, in: " + step.command())
              .doesNotStartWith("-");
          url =
              t.replace("$API", api.replaceAll("/$", ""))
                  .replace("localhost:8080", "127.0.0.1:" + port);
        }
      }
    }
    assertThat(url).as(step.command()).isNotNull();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : "http://" + url))
            .timeout(Duration.ofSeconds(30))
            .method(method, body);
    for (String[] header : headers) {
      request.header(header[0], header[1]);
    }
    HttpRequest built = request.build();
    boolean scrape = url.endsWith("/metrics");
    long deadline = System.nanoTime() + (scrape ? PATIENCE.toNanos() : 0);
    List<String> got;
    while (true) {
      HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
      if (failOnError) {
        assertThat(response.statusCode()).as(step.command()).isBetween(200, 299);
      }
      List<String> output = new ArrayList<>();
      if (!discardBody) {
        output.addAll(response.body().lines().toList());
      }
      if (writeOut != null) {
        output.add(
            writeOut
                .replace("%{http_code}", String.valueOf(response.statusCode()))
                .replace("\\n", ""));
      }
      got = grep(grep, output);
      if (got.equals(step.output()) || System.nanoTime() >= deadline) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(got).as(step.command()).isEqualTo(step.output());
  }

  /** {@code grep PATTERN} or {@code grep -c PATTERN} over the lines, as grep prints them. */
  private static List<String> grep(List<String> grep, List<String> lines) {
    if (grep.isEmpty()) {
      return lines;
    }
    assertThat(grep.get(0)).isEqualTo("grep");
    boolean count = grep.get(1).equals("-c");
    Pattern pattern = Pattern.compile(grep.get(count ? 2 : 1));
    List<String> matching = lines.stream().filter(l -> pattern.matcher(l).find()).toList();
    return count ? List.of(String.valueOf(matching.size())) : matching;
  }

  /** The commands of the README's live-demo block, each with the output lines shown after it. */
  static List<Step> steps(String readme) {
    int begin = readme.indexOf("<!-- live-demo:begin -->");
    int end = readme.indexOf("<!-- live-demo:end -->");
    assertThat(begin).as("live-demo markers").isNotNegative();
    List<Step> steps = new ArrayList<>();
    String command = null;
    List<String> output = new ArrayList<>();
    for (String line : readme.substring(begin, end).lines().toList()) {
      if (line.startsWith("```") || line.startsWith("<!--")) {
        continue;
      }
      if (line.startsWith("$ ")) {
        if (command != null) {
          steps.add(new Step(command, List.copyOf(output)));
        }
        command = line.substring(2);
        output.clear();
      } else if (command != null) {
        output.add(line);
      }
    }
    if (command != null) {
      steps.add(new Step(command, List.copyOf(output)));
    }
    return steps;
  }

  /** Shell words: split on spaces, single quotes group, an unquoted {@code #} starts a comment. */
  static List<String> tokens(String command) {
    List<String> tokens = new ArrayList<>();
    StringBuilder word = null;
    boolean quoted = false;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quoted) {
        if (c == '\'') {
          quoted = false;
        } else {
          word.append(c);
        }
      } else if (c == '\'') {
        quoted = true;
        word = word == null ? new StringBuilder() : word;
      } else if (c == ' ') {
        if (word != null) {
          tokens.add(word.toString());
          word = null;
        }
      } else if (c == '#' && word == null) {
        break;
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (word != null) {
      tokens.add(word.toString());
    }
    return tokens;
  }

  private int status(URI uri) {
    try {
      return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
