package io.github.kubestashmetrics.exporter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the project version Maven wrote into {@code build.properties} (a filtered
 * resource), so the CLI can never disagree with the POM.
 */
final class BuildVersion implements IVersionProvider {

  private static final String RESOURCE = "build.properties";

  /** The POM version this jar was built from, e.g. {@code 0.1.0-SNAPSHOT}. */
  static String version() {
    Properties properties = new Properties();
    try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }

  @Override
  public String[] getVersion() {
    return new String[] {"kubestash-exporter " + version()};
  }
}
