package io.github.kubestashmetrics.exporter;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The label-selector grammar of the Kubernetes API server (apimachinery's {@code labels.Parse}), so
 * that a selector it would reject is a usage error at start-up rather than an exporter that watches
 * nothing. Requirements separated by commas, each one of:
 *
 * <ul>
 *   <li>{@code key}, {@code !key} (exists, does not exist);
 *   <li>{@code key=value}, {@code key==value}, {@code key!=value} (the value may be empty);
 *   <li>{@code key in (v1,v2)}, {@code key notin (v1,v2)} (at least one value; values may be
 *       empty);
 *   <li>{@code key>N}, {@code key<N} (N an integer).
 * </ul>
 *
 * A key is a qualified name ({@code [prefix/]name}: the prefix a DNS-1123 subdomain of at most 253
 * characters, the name at most 63 alphanumerics, {@code -}, {@code _} and {@code .}, beginning and
 * ending with an alphanumeric); a value is empty or such a name. Spaces around tokens are allowed.
 * The empty selector selects everything, as on the API server.
 */
final class LabelSelectorSyntax {

  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,18}");
  private static final int MAX_PREFIX = 253;

  private final String text;
  private int at;

  private LabelSelectorSyntax(String text) {
    this.text = text;
  }

  /** Why the API server would reject {@code selector}, in one line; empty when it is valid. */
  static Optional<String> problem(String selector) {
    LabelSelectorSyntax parser = new LabelSelectorSyntax(selector);
    try {
      parser.selector();
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  private void selector() {
    skipSpaces();
    if (at == text.length()) {
      return; // everything
    }
    requirement();
    skipSpaces();
    while (at < text.length()) {
      expect(",");
      requirement();
      skipSpaces();
    }
  }

  private void requirement() {
    skipSpaces();
    if (peek('!')) {
      at++;
      key();
      skipSpaces();
      if (at < text.length() && text.charAt(at) != ',') {
        throw fail("'!" + "key' takes no operator or value");
      }
      return;
    }
    key();
    skipSpaces();
    if (at == text.length() || peek(',')) {
      return; // exists
    }
    if (text.startsWith("==", at) || text.startsWith("!=", at)) {
      at += 2;
      value(word());
    } else if (peek('=')) {
      at++;
      value(word());
    } else if (peek('>') || peek('<')) {
      at++;
      String number = word();
      if (!INTEGER.matcher(number).matches()) {
        throw fail("'>' and '<' take an integer, not '" + number + "'");
      }
    } else {
      String operator = word();
      if (!operator.equals("in") && !operator.equals("notin")) {
        throw fail(
            "expected =, ==, !=, in, notin, > or < after the key, found '"
                + (operator.isEmpty() ? text.substring(at, at + 1) : operator)
                + "'");
      }
      set(operator);
    }
  }

  private void set(String operator) {
    skipSpaces();
    expect("(");
    int values = 0;
    while (true) {
      skipSpaces();
      if (peek(')')) {
        if (values == 0) {
          throw fail("'" + operator + "' needs at least one value");
        }
        at++;
        return;
      }
      if (at == text.length()) {
        throw fail("')' missing at the end");
      }
      value(word());
      values++;
      skipSpaces();
      if (peek(',')) {
        at++;
        skipSpaces();
        if (peek(')')) {
          values++; // "(a,)" holds a and the empty value
        }
      } else if (!peek(')')) {
        throw fail("expected ',' or ')' in the value set");
      }
    }
  }

  private void key() {
    String key = word();
    if (key.isEmpty()) {
      throw fail("a label key is missing");
    }
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty()
          || prefix.length() > MAX_PREFIX
          || !SUBDOMAIN.matcher(prefix).matches()) {
        throw new IllegalArgumentException(
            "key '"
                + key
                + "': its prefix must be a DNS subdomain (lower-case letters, digits, '-' and"
                + " '.', at most 253)");
      }
    }
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "key '"
              + key
              + "': the name must be 1 to 63 letters, digits, '-', '_' or '.', starting and"
              + " ending with a letter or digit");
    }
  }

  private static void value(String value) {
    if (!value.isEmpty() && !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "value '"
              + value
              + "' must be empty or 1 to 63 letters, digits, '-', '_' or '.', starting and ending"
              + " with a letter or digit");
    }
  }

  /** The characters up to the next space or operator character. */
  private String word() {
    skipSpaces();
    int start = at;
    while (at < text.length() && " \t,=!()<>".indexOf(text.charAt(at)) < 0) {
      at++;
    }
    return text.substring(start, at);
  }

  private void expect(String token) {
    skipSpaces();
    if (!text.startsWith(token, at)) {
      throw fail("expected '" + token + "'");
    }
    at += token.length();
  }

  private boolean peek(char c) {
    return at < text.length() && text.charAt(at) == c;
  }

  private void skipSpaces() {
    while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
      at++;
    }
  }

  private IllegalArgumentException fail(String what) {
    return new IllegalArgumentException(what + " at character " + (at + 1));
  }
}
