package io.github.kubestashmetrics.metrics.language;

import io.github.kubestashmetrics.metrics.language.Expression.BinaryOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses the govaluate subset of {@link Expression}: precedence from loosest to tightest {@code
 * ||}, {@code &&}, comparisons ({@code == != < <= > >=}), {@code + -}, {@code * / %}, prefix {@code
 * ! -}, then literals, parameters, calls and parentheses; binary operators associate to the left.
 * Strings take single or double quotes, with {@code \} escaping the next character. Identifiers are
 * parameters unless followed by {@code (} (a call) or spelled {@code true}/{@code false}.
 */
public final class ExpressionParser {

  private final String text;
  private final List<String> parameterNames;
  private int pos;

  private ExpressionParser(String text, List<String> parameterNames) {
    this.text = text;
    this.parameterNames = parameterNames;
  }

  /**
   * Parses {@code text}; a parameter {@code p} becomes {@link Expression.Parameter} with the index
   * of {@code p} in {@code parameterNames}. Never throws: an error is a {@link Result} with a
   * problem (a syntax error, an unknown parameter, an unknown function or a wrong argument count).
   */
  public static Result parse(String text, List<String> parameterNames) {
    if (text == null || text.isBlank()) {
      return new Result(null, "an empty expression");
    }
    ExpressionParser parser = new ExpressionParser(text, List.copyOf(parameterNames));
    try {
      Expression expression = parser.binary(1);
      parser.skipBlanks();
      if (parser.pos < text.length()) {
        throw parser.error("unexpected '" + text.charAt(parser.pos) + "'");
      }
      return new Result(expression, null);
    } catch (SyntaxError e) {
      return new Result(null, e.getMessage());
    } catch (StackOverflowError e) {
      return new Result(null, "expression nested too deeply");
    }
  }

  private Expression binary(int minPrecedence) throws SyntaxError {
    Expression left = unary();
    while (true) {
      BinaryOperator operator = peekOperator();
      if (operator == null || operator.precedence() < minPrecedence) {
        return left;
      }
      pos += operator.symbol().length();
      Expression right = binary(operator.precedence() + 1);
      left = new Expression.Binary(operator, left, right);
    }
  }

  private Expression unary() throws SyntaxError {
    skipBlanks();
    if (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '!' && !text.startsWith("!=", pos)) {
        pos++;
        return new Expression.Unary('!', unary());
      }
      if (c == '-') {
        pos++;
        return new Expression.Unary('-', unary());
      }
    }
    return primary();
  }

  private Expression primary() throws SyntaxError {
    skipBlanks();
    if (pos >= text.length()) {
      throw error("unexpected end of expression");
    }
    char c = text.charAt(pos);
    if (c == '(') {
      pos++;
      Expression inner = binary(1);
      expect(')');
      return inner;
    }
    if (c == '\'' || c == '"') {
      return new Expression.Literal(string(c));
    }
    if (Character.isDigit(c)
        || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
      return new Expression.Literal(number());
    }
    if (isIdentifierStart(c)) {
      int start = pos;
      while (pos < text.length() && isIdentifierPart(text.charAt(pos))) {
        pos++;
      }
      String name = text.substring(start, pos);
      skipBlanks();
      if (pos < text.length() && text.charAt(pos) == '(') {
        return call(name);
      }
      if (name.equals("true") || name.equals("false")) {
        return new Expression.Literal(Boolean.valueOf(name));
      }
      int index = parameterNames.indexOf(name);
      if (index < 0) {
        throw error("unknown parameter '" + name + "'");
      }
      return new Expression.Parameter(name, index);
    }
    throw error("unexpected '" + c + "'");
  }

  private Expression call(String name) throws SyntaxError {
    Optional<Function> function = Function.named(name);
    if (function.isEmpty()) {
      if (Function.KUBEDB_CALCULATORS.contains(name)) {
        throw new SyntaxError(
            "calls "
                + name
                + ", one of KubeDB's resource calculator functions, which this engine does not"
                + " run");
      }
      throw new SyntaxError("calls unknown function '" + name + "'");
    }
    pos++; // '('
    List<Expression> arguments = new ArrayList<>();
    skipBlanks();
    if (pos < text.length() && text.charAt(pos) == ')') {
      pos++;
    } else {
      while (true) {
        arguments.add(binary(1));
        skipBlanks();
        if (pos < text.length() && text.charAt(pos) == ',') {
          pos++;
          continue;
        }
        expect(')');
        break;
      }
    }
    Function f = function.get();
    if (arguments.size() < f.minArguments() || arguments.size() > f.maxArguments()) {
      throw new SyntaxError(
          name
              + " takes "
              + (f.minArguments() == f.maxArguments()
                  ? f.minArguments()
                  : f.minArguments() + " to " + f.maxArguments())
              + " arguments, not "
              + arguments.size());
    }
    return new Expression.Call(f, arguments);
  }

  private String string(char quote) throws SyntaxError {
    int start = pos;
    pos++;
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == quote) {
        return out.toString();
      }
      if (c == '\\' && pos < text.length()) {
        c = text.charAt(pos++);
      }
      out.append(c);
    }
    pos = start;
    throw error("unterminated string");
  }

  private Double number() throws SyntaxError {
    int start = pos;
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos < text.length() && text.charAt(pos) == '.') {
      pos++;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      int mark = pos;
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
          pos++;
        }
      } else {
        pos = mark;
      }
    }
    double value = Double.parseDouble(text.substring(start, pos));
    if (Double.isInfinite(value)) {
      throw error("number out of range");
    }
    return value;
  }

  private BinaryOperator peekOperator() {
    skipBlanks();
    BinaryOperator best = null;
    for (BinaryOperator operator : BinaryOperator.values()) {
      if (text.startsWith(operator.symbol(), pos)
          && (best == null || operator.symbol().length() > best.symbol().length())) {
        best = operator;
      }
    }
    return best;
  }

  private void expect(char c) throws SyntaxError {
    skipBlanks();
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void skipBlanks() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private SyntaxError error(String message) {
    return new SyntaxError(message + " at position " + pos + " of \"" + text + "\"");
  }

  private static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || (c >= '0' && c <= '9');
  }

  /** A parsed expression or the reason the text is not one. */
  public static final class Result {
    private final Expression expression;
    private final String problem;

    private Result(Expression expression, String problem) {
      this.expression = expression;
      this.problem = problem;
    }

    public Optional<Expression> expression() {
      return Optional.ofNullable(expression);
    }

    public Optional<String> problem() {
      return Optional.ofNullable(problem);
    }
  }

  private static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxError(String message) {
      super(message, null, false, false);
    }
  }
}
