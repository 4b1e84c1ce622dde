package io.github.kubestashmetrics.exporter.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a set of files looks like now: each file's real path (so a kubelet {@code ..data} symlink
 * swap changes it even when times and sizes do not), modification time and size. Two equal stamps
 * mean nothing worth re-reading changed.
 */
record FileStamp(List<String> parts) {

  static FileStamp of(List<Path> files) {
    List<String> parts = new ArrayList<>();
    for (Path file : files) {
      try {
        Path real = file.toRealPath();
        parts.add(real + "@" + Files.getLastModifiedTime(real).toMillis() + "/" + Files.size(real));
      } catch (IOException e) {
        parts.add(file + ":missing");
      }
    }
    return new FileStamp(List.copyOf(parts));
  }
}
