package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What downstream users copy stays true: every coordinate of ours in a README names the POM's
 * version, the BOM has the POM's version and the parent's third-party versions, and the consumer
 * example builds against the same version. The project directory is the system property {@code
 * kubestash.project.dir} (set by the root POM), else the module's parent directory.
 */
class BuildCoordinatesTest {

  private static final String GROUP = "io.github.kubestashmetrics";
  private static final List<String> PUBLISHED =
      List.of(
          "kubestash-metrics-bom", "kubestash-model", "kubestash-metrics-lib", "kubestash-testkit");
  private static final List<String> CONVERGED_VERSIONS =
      List.of(
          "jackson.version",
          "fabric8.version",
          "prometheus.version",
          "junit.version",
          "assertj.version",
          "slf4j.version");
  private static final Pattern XML_BLOCK = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern DEPENDENCY =
      Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);

  private static Path project;
  private static Element parentPom;

  @BeforeAll
  static void findProject() throws Exception {
    project = Path.of(System.getProperty("kubestash.project.dir", "..")).toAbsolutePath();
    Path pom = project.resolve("pom.xml");
    assumeTrue(Files.isRegularFile(pom), "no project POM at " + pom);
    parentPom = readPom(pom);
    assumeTrue(
        "kubestash-metrics-parent".equals(child(parentPom, "artifactId")),
        "not the kubestash-metrics reactor: " + pom);
  }

  @Test
  void bomHasTheParentsVersionAndThirdPartyVersions() throws Exception {
    Element bom = readPom(project.resolve("kubestash-metrics-bom/pom.xml"));
    assertThat(child(bom, "version")).isEqualTo(version());
    assertThat(child(bom, "groupId")).isEqualTo(GROUP);
    for (String property : CONVERGED_VERSIONS) {
      assertThat(property(bom, property))
          .as("BOM property %s equals the parent's", property)
          .isNotNull()
          .isEqualTo(property(parentPom, property));
    }
  }

  @Test
  void everyReadmeCoordinateNamesThePomVersion() throws IOException {
    List<Path> readmes = readmes();
    assertThat(readmes).isNotEmpty();
    int checked = 0;
    for (Path readme : readmes) {
      for (String coordinate : ourVersionedCoordinates(readme)) {
        assertThat(versionOf(coordinate))
            .as("%s: %s", project.relativize(readme), coordinate.strip())
            .isEqualTo(version());
        checked++;
      }
    }
    assertThat(checked).as("versioned coordinates found").isGreaterThanOrEqualTo(PUBLISHED.size());
  }

  @Test
  void everyPublishedModuleReadmeHasCopyPasteCoordinates() throws IOException {
    for (String module : PUBLISHED) {
      Path readme = project.resolve(module).resolve("README.md");
      assertThat(ourVersionedCoordinates(readme))
          .as("%s has its own coordinates with a version", readme)
          .anyMatch(c -> c.contains("<artifactId>" + module + "</artifactId>"));
    }
  }

  @Test
  void rootReadmeHasTheInstallStepAndTheBom() throws IOException {
    Path readme = project.resolve("README.md");
    assertThat(Files.readString(readme, StandardCharsets.UTF_8))
        .contains("mvn -B -ntp install -DskipTests");
    assertThat(ourVersionedCoordinates(readme))
        .anyMatch(c -> c.contains("<artifactId>kubestash-metrics-bom</artifactId>"));
  }

  @Test
  void consumerExampleBuildsAgainstThePomVersion() throws Exception {
    Path pom = project.resolve("examples/operator-embedding/pom.xml");
    assumeTrue(Files.isRegularFile(pom), "no consumer example yet");
    assertThat(property(readPom(pom), "kubestash-metrics.version")).isEqualTo(version());
  }

  private static String version() {
    return child(parentPom, "version");
  }

  private List<Path> readmes() throws IOException {
    List<Path> readmes = new ArrayList<>();
    readmes.add(project.resolve("README.md"));
    for (Path dir : List.of(project, project.resolve("examples"))) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> children = Files.list(dir)) {
        children
            .map(child -> child.resolve("README.md"))
            .filter(Files::isRegularFile)
            .sorted()
            .forEach(readmes::add);
      }
    }
    return readmes;
  }

  /** The {@code <dependency>} elements of ours in the README's xml blocks that name a version. */
  private static List<String> ourVersionedCoordinates(Path readme) throws IOException {
    List<String> found = new ArrayList<>();
    Matcher block = XML_BLOCK.matcher(Files.readString(readme, StandardCharsets.UTF_8));
    while (block.find()) {
      Matcher dependency = DEPENDENCY.matcher(block.group(1));
      while (dependency.find()) {
        String text = dependency.group(1);
        if (text.contains("<groupId>" + GROUP + "</groupId>") && text.contains("<version>")) {
          found.add(text);
        }
      }
    }
    return found;
  }

  private static String versionOf(String coordinate) {
    int start = coordinate.indexOf("<version>") + "<version>".length();
    return coordinate.substring(start, coordinate.indexOf("</version>", start)).strip();
  }

  private static Element readPom(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document document = factory.newDocumentBuilder().parse(pom.toFile());
    return document.getDocumentElement();
  }

  /** Text of a direct child element, or null. */
  private static String child(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element && name.equals(node.getNodeName())) {
        return node.getTextContent().strip();
      }
    }
    return null;
  }

  private static String property(Element pom, String name) {
    for (Node node = pom.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element && "properties".equals(node.getNodeName())) {
        return child((Element) node, name);
      }
    }
    return null;
  }
}
