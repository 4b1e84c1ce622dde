package io.github.kubestashmetrics.metrics.language;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * An unambiguous text of compiled definitions, for fingerprints: every string is written with its
 * length first, so no content can be mistaken for structure. Two equal texts come from definitions
 * that render every object identically.
 */
public final class CanonicalForm {

  private final StringBuilder text = new StringBuilder();

  /** A tag: one character that says what follows. */
  public CanonicalForm tag(char tag) {
    text.append(tag);
    return this;
  }

  /** A string, length-prefixed; null is {@code -}. */
  public CanonicalForm string(String value) {
    if (value == null) {
      text.append('-');
    } else {
      text.append(value.length()).append(':').append(value);
    }
    return this;
  }

  public CanonicalForm number(long value) {
    text.append(value).append(';');
    return this;
  }

  public CanonicalForm strings(List<String> values) {
    number(values.size());
    for (String value : values) {
      string(value);
    }
    return this;
  }

  CanonicalForm path(ObjectPath path) {
    return path == null ? tag('-') : tag('p').string(path.text());
  }

  CanonicalForm expression(Expression expression) {
    if (expression instanceof Expression.Literal literal) {
      Object value = literal.value();
      tag('L').string(value.getClass().getSimpleName()).string(String.valueOf(value));
    } else if (expression instanceof Expression.Parameter parameter) {
      // The index, not the name: the index picks the source.
      tag('P').number(parameter.index());
    } else if (expression instanceof Expression.Unary unary) {
      tag('U').tag(unary.operator()).expression(unary.operand());
    } else if (expression instanceof Expression.Binary binary) {
      tag('B')
          .string(binary.operator().name())
          .expression(binary.left())
          .expression(binary.right());
    } else if (expression instanceof Expression.Call call) {
      tag('C').string(call.function().name()).number(call.arguments().size());
      for (Expression argument : call.arguments()) {
        expression(argument);
      }
    } else {
      tag('-');
    }
    return this;
  }

  @Override
  public String toString() {
    return text.toString();
  }

  /** The SHA-256 of the text, in lower-case hex. */
  public String sha256() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(toString().getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(digest.length * 2);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
