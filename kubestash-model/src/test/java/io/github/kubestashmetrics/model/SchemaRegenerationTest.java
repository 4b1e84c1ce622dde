package io.github.kubestashmetrics.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema to POJO to schema: fabric8's crd-generator rebuilds a CRD from each generated class, and
 * every typed property our source schema declares must come back at the same path with the same
 * type. A property the generator dropped, renamed or retyped fails here.
 */
class SchemaRegenerationTest {

  @Test
  void regeneratedCrdsDeclareEveryTypedPropertyOfOurSchemas(@TempDir Path out) throws IOException {
    @SuppressWarnings("unchecked")
    Class<? extends HasMetadata>[] classes =
        KubeStashKinds.ALL.stream().map(KubeStashKinds.Kind::type).toArray(Class[]::new);
    new CRDGenerator()
        .customResourceClasses(classes)
        .forCRDVersions("v1")
        .inOutputDir(out.toFile())
        .generate();

    int compared = 0;
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      Map<String, String> source;
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(kind.crdResource())) {
        source = typedPaths(RoundTrip.YAML.readTree(in));
      }
      Path regenerated = out.resolve(kind.crdName() + "-v1.yml");
      assertThat(regenerated).exists();
      Map<String, String> actual = typedPaths(RoundTrip.YAML.readTree(regenerated.toFile()));

      // apiVersion/kind/metadata are the API machinery's, not the generated classes'.
      source.keySet().removeIf(p -> !p.startsWith(".spec") && !p.startsWith(".status"));
      assertThat(source).as("typed properties of %s", kind.kind()).isNotEmpty();
      assertThat(actual).as(kind.kind()).containsAllEntriesOf(source);
      compared += source.size();
    }
    System.out.printf("Regenerated 6 CRDs; %d typed property paths all present%n", compared);
    assertThat(Files.list(out).count()).isEqualTo(6);
  }

  /**
   * Every property path under the v1alpha1 schema with its type. Formats are not compared: the
   * crd-generator does not emit them (int32 and int64 both come back as plain integer).
   */
  private static Map<String, String> typedPaths(JsonNode crd) {
    Map<String, String> paths = new TreeMap<>();
    JsonNode schema =
        crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    collect(schema, "", paths);
    return paths;
  }

  private static void collect(JsonNode schema, String path, Map<String, String> paths) {
    if (schema.has("type") && !path.isEmpty()) {
      String type = schema.get("type").asText();
      paths.put(path, type);
    }
    schema
        .path("properties")
        .properties()
        .forEach(field -> collect(field.getValue(), path + "." + field.getKey(), paths));
    if (schema.has("items")) {
      collect(schema.get("items"), path + "[]", paths);
    }
  }
}
