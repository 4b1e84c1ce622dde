package io.github.kubestashmetrics.exporter;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A configuration file this process cannot read, made portably: a file with no permissions; when
 * that is still readable (tests run as root, which permissions do not stop), a symbolic link to
 * {@code /proc/self/mem}, a regular file whose first read fails with an I/O error. Skips the test
 * where neither works.
 */
final class UnreadableFiles {

  private UnreadableFiles() {}

  /** An unreadable file at {@code file} (a name the directory walk reads, e.g. {@code x.yaml}). */
  static Path at(Path file) throws IOException {
    Files.writeString(file, "apiVersion: metrics.appscode.com/v1alpha1\n");
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
      Files.readAllBytes(file);
    } catch (UnsupportedOperationException | IOException notReadable) {
      return file;
    }
    // Readable all the same: running as root.
    Files.delete(file);
    Path mem = Path.of("/proc/self/mem");
    assumeTrue(Files.isRegularFile(mem), "root without /proc/self/mem: no unreadable file");
    return Files.createSymbolicLink(file, mem);
  }
}
