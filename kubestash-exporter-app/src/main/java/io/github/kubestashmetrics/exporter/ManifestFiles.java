package io.github.kubestashmetrics.exporter;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The manifest files under a directory, as {@code render}, {@code validate} and the PATH mode read
 * them: files named {@code *.yaml}, {@code *.yml} or {@code *.json} (any case), at any depth, in
 * path order. Symbolic links are followed, to files and to directories (the directory itself may be
 * one); a file reached by several paths is listed once, under the first in path order. What cannot
 * be followed or listed is a problem naming the path, never a silent gap: a link loop (reported
 * where it closes, not followed), a link that leads nowhere, a directory that cannot be listed, a
 * manifest name on something that is not a regular file (a FIFO, a socket, a device).
 *
 * <p>MetricsConfiguration directories ({@code --metrics-config=DIR}, {@code validate}, {@code
 * render --metrics-config}) skip hidden entries; object manifests for {@code render} are read as
 * kubectl reads a directory, hidden ones included.
 */
final class ManifestFiles {

  /**
   * A directory's manifest files and its problems.
   *
   * @param files the files to read, in path order, each real file once
   * @param problems one line per path that could not be followed or listed, naming it
   */
  record Found(List<Path> files, List<String> problems) {}

  private ManifestFiles() {}

  /**
   * The manifest files under {@code directory}; with {@code skipHidden}, none below an entry whose
   * name starts with a dot (a mounted ConfigMap's {@code ..data} copies of its files).
   *
   * @throws UsageProblem naming the first path that cannot be followed or listed
   */
  static List<Path> in(Path directory, boolean skipHidden) throws IOException {
    Found found = find(directory, skipHidden);
    if (!found.problems().isEmpty()) {
      throw new UsageProblem(found.problems().get(0));
    }
    return found.files();
  }

  /**
   * The manifest files under {@code directory} and what could not be followed or listed; never
   * throws for a single bad entry. A path that vanishes during the walk (a ConfigMap's swap) is
   * neither a file nor a problem: the next walk sees the new state.
   */
  static Found find(Path directory, boolean skipHidden) throws IOException {
    List<Path> files = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Files.walkFileTree(
        directory,
        Set.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            return !dir.equals(directory) && skipHidden && hidden(dir)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if ((skipHidden && hidden(file)) || !isManifestName(file)) {
              return FileVisitResult.CONTINUE;
            }
            if (attributes.isRegularFile()) {
              files.add(file);
            } else if (attributes.isSymbolicLink()) {
              // The walk could not follow it: it loops or leads nowhere.
              problems.add(file + ": a symbolic link that cannot be followed (" + why(file) + ")");
            } else {
              problems.add(file + ": not a regular file (a FIFO, socket or device); not read");
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException failure) {
            if (failure instanceof FileSystemLoopException) {
              problems.add(
                  file
                      + ": a symbolic link loop (it leads back to "
                      + target(file)
                      + "); not followed");
            } else if (!(failure instanceof NoSuchFileException)) {
              problems.add(file + ": cannot read: " + reasonOf(failure));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException failure) {
            if (failure != null && !(failure instanceof NoSuchFileException)) {
              problems.add(dir + ": cannot list: " + reasonOf(failure));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    files.sort(null);
    return new Found(onePathPerFile(files), problems);
  }

  /**
   * The first path in order to each real file (a file under two linked directories is read once).
   */
  private static List<Path> onePathPerFile(List<Path> sorted) {
    Set<Path> seen = new HashSet<>();
    List<Path> unique = new ArrayList<>();
    for (Path file : sorted) {
      Path real;
      try {
        real = file.toRealPath();
      } catch (IOException e) {
        real = file; // vanished since the walk: the reader reports or skips it
      }
      if (seen.add(real)) {
        unique.add(file);
      }
    }
    return unique;
  }

  /** A file a directory walk reads: {@code *.yaml}, {@code *.yml} or {@code *.json}, any case. */
  static boolean isManifestName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  /**
   * Why a file could not be read, in words and without a Java class name: {@code permission
   * denied}, {@code no such file}, {@code not UTF-8 text}, or the operating system's reason.
   */
  static String reasonOf(IOException failure) {
    if (failure instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (failure instanceof NoSuchFileException) {
      return "no such file";
    }
    if (failure instanceof CharacterCodingException) {
      return "not UTF-8 text";
    }
    if (failure instanceof FileSystemException system && system.getReason() != null) {
      return system.getReason();
    }
    return failure.getMessage() != null ? failure.getMessage() : "input/output error";
  }

  private static boolean hidden(Path p) {
    return p.getFileName() != null && p.getFileName().toString().startsWith(".");
  }

  private static String target(Path link) {
    try {
      return link.toRealPath().toString();
    } catch (IOException e) {
      return "a directory above it";
    }
  }

  private static String why(Path link) {
    try {
      link.toRealPath();
      return "it changed during the walk";
    } catch (NoSuchFileException e) {
      return "it leads to nothing";
    } catch (IOException e) {
      return reasonOf(e);
    }
  }
}
