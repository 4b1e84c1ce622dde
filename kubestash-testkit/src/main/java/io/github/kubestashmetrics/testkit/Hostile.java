package io.github.kubestashmetrics.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A manifest that is hostile in one way, as a JSON tree: wrong JSON types cannot live in the typed
 * model, so a consumer must read these leniently.
 *
 * @param category what is wrong with it
 * @param manifest the object, with {@code apiVersion} and {@code kind} of one of the six kinds
 */
public record Hostile(HostileCategory category, ObjectNode manifest) {

  public Hostile {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(manifest, "manifest");
  }

  /** The manifest's {@code kind}. */
  public String kind() {
    return manifest.path("kind").asText();
  }

  /** Short enough for a test's display name; the manifest itself can be 10 KiB. */
  @Override
  public String toString() {
    return "Hostile[" + category + " " + kind() + "]";
  }
}
