package io.github.kubestashmetrics.testkit;

/**
 * What is wrong with a {@link Hostile} manifest. Each names a way real or malicious objects break
 * naive exporters; the metric contract says what must happen for each (rules 2, 5, 10, 11).
 */
public enum HostileCategory {
  /** No {@code status} at all (a freshly created object). */
  MISSING_STATUS,
  /** {@code "status": null}. */
  NULL_STATUS,
  /** One or more of namespace, creationTimestamp and uid missing from {@code metadata}. */
  MISSING_METADATA_PIECES,
  /** A {@code status.phase} outside the kind's list, including other kinds' phases and case. */
  UNKNOWN_PHASE,
  /** The same condition more than once, and a type repeated with another status. */
  DUPLICATE_CONDITIONS,
  /** Every array the contract reads present and empty. */
  EMPTY_ARRAYS,
  /** A size field (BackupStorage, Repository, Snapshot) that is not a size. */
  UNPARSEABLE_SIZE,
  /** A duration field (BackupSession, RestoreSession) that is not a Go duration. */
  UNPARSEABLE_DURATION,
  /** A timestamp field (creationTimestamp, lastBackupTime, snapshotTime) that is not RFC 3339. */
  UNPARSEABLE_TIMESTAMP,
  /** Fields of the wrong JSON type: {@code snapshotCount: "seven"}, a map for a string, ... */
  WRONG_JSON_TYPES,
  /** Double quotes in fields that become label values. */
  LABEL_TEXT_QUOTES,
  /** Backslashes, including text that looks like an escape, in label-value fields. */
  LABEL_TEXT_BACKSLASHES,
  /** Line feeds and carriage returns in label-value fields. */
  LABEL_TEXT_NEWLINES,
  /** {@code { } #} and text that looks like exposition lines, in label-value fields. */
  LABEL_TEXT_BRACES_AND_HASH,
  /** Non-ASCII text: accents, CJK, emoji, right-to-left, zero-width and line separators. */
  LABEL_TEXT_UNICODE,
  /** 10 KiB strings in label-value fields. */
  HUGE_STRINGS
}
