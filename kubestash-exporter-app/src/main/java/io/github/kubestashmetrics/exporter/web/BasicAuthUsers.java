package io.github.kubestashmetrics.exporter.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Checks {@code Authorization: Basic} credentials against the bcrypt hashes of {@code
 * basic_auth_users}, as the exporter-toolkit does: an unknown user is checked against a fixed hash
 * so timing does not tell which users exist, one bcrypt runs at a time (it is meant to be slow),
 * and each answer is cached by a digest of (user, hash, password) for {@link #TTL_MILLIS} ms, at
 * most {@link #CAPACITY} of them, so a scrape every few seconds pays bcrypt once.
 */
final class BasicAuthUsers {

  /** Most (user, hash, password) answers kept. */
  static final int CAPACITY = 256;

  /** How long an answer is kept. */
  static final long TTL_MILLIS = 10 * 60 * 1000;

  /** bcrypt of a random password nobody knows, for unknown users (cost 10, a typical cost). */
  private static final String DECOY_HASH =
      BCrypt.withDefaults().hashToString(10, java.util.UUID.randomUUID().toString().toCharArray());

  private final BoundedExpiringCache<Boolean> answers =
      new BoundedExpiringCache<>(CAPACITY, System::currentTimeMillis);

  private final Object bcryptTurn = new Object();

  /** Whether {@code authorization} (a header value, or null) names a user of {@code users}. */
  boolean accepts(Map<String, String> users, String authorization) {
    Optional<String[]> credentials = decode(authorization);
    if (credentials.isEmpty()) {
      return false;
    }
    String user = credentials.get()[0];
    String password = credentials.get()[1];
    String hash = users.get(user);
    boolean known = hash != null;
    String checked = known ? hash : DECOY_HASH;
    String key = Digest.sha256(user, checked, password);
    Optional<Boolean> cached = answers.get(key);
    if (cached.isPresent()) {
      return known && cached.get();
    }
    boolean verified;
    synchronized (bcryptTurn) {
      try {
        verified =
            BCrypt.verifyer()
                .verify(
                    password.getBytes(StandardCharsets.UTF_8),
                    checked.getBytes(StandardCharsets.UTF_8))
                .verified;
      } catch (IllegalArgumentException e) {
        verified = false; // e.g. a password over bcrypt's 72 bytes
      }
    }
    answers.put(key, verified, TTL_MILLIS);
    return known && verified;
  }

  int cached() {
    return answers.size();
  }

  static Optional<String[]> decode(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    return Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
  }
}
