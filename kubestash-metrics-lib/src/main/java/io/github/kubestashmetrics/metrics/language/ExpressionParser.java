package io.github.kubestashmetrics.metrics.language;

import io.github.kubestashmetrics.metrics.internal.calculator.ResourceCalculators;
import io.github.kubestashmetrics.metrics.language.Expression.BinaryOperator;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Parses govaluate's expression language into an {@link Expression}. Tokens as govaluate reads
 * them: numbers are decimal ({@code 12}, {@code .5}) or hex ({@code 0x1F}), never with an exponent;
 * strings take single or double quotes and end at the next quote of either kind, {@code \} escaping
 * the next character; a string that is a date in one of govaluate's formats is that date's Unix
 * seconds ({@link GovaluateDates}); an operator is the whole run of symbol characters up to a
 * letter, digit, space, bracket or quote (so {@code a==-1} is the unknown operator {@code ==-}, as
 * in govaluate); names start with a letter, {@code [any text]} names any parameter; {@code true},
 * {@code false}, {@code in}/{@code IN} are keywords; a function name must be called. Binding from
 * the loosest: {@code ,} (a list), then the levels of {@link BinaryOperator}, then prefix {@code !
 * - ~}; each level associates to the left.
 *
 * <p>A {@link Failure} has a {@link Kind}, a text and the 1-based column it is about. After
 * parsing, a type pass rejects once, with its place, what can never evaluate: a subexpression of
 * literals only that fails ({@code 'a' - 1}), a literal of the wrong type for its operator ({@code
 * 'a' * n}, {@code !1}), a pattern literal that is not RE2 ({@code x =~ '('}), {@code in} without a
 * list.
 */
final class ExpressionParser {

  /** What kind of problem stops an expression. */
  public enum Kind {
    /** Not an expression of govaluate's grammar (or an unknown operator, a bad number). */
    SYNTAX,
    /** A feature govaluate has that this engine does not run (named in the text). */
    UNSUPPORTED,
    /** A call of a function neither govaluate's configurations nor this engine define. */
    UNKNOWN_FUNCTION,
    /** A name that is not one of the metric's parameters. */
    UNKNOWN_PARAMETER,
    /** A call with too few or too many arguments. */
    ARITY,
    /** Well-formed, but can never evaluate (the type pass). */
    TYPE
  }

  /**
   * Why a text is not an expression.
   *
   * @param kind what kind of problem
   * @param message the problem in words, with its place
   * @param column the 1-based column in the text the problem is about
   */
  public record Failure(Kind kind, String message, int column) {}

  private final String text;
  private final List<String> parameterNames;
  private final ResourceCalculators calculators;
  private final Map<Expression, Integer> starts = new IdentityHashMap<>();
  private int pos;

  private ExpressionParser(
      String text, List<String> parameterNames, ResourceCalculators calculators) {
    this.text = text;
    this.parameterNames = parameterNames;
    this.calculators = calculators;
  }

  /**
   * Parses {@code text}; a parameter {@code p} becomes {@link Expression.Parameter} with the index
   * of {@code p} in {@code parameterNames}. Never throws: an error is a {@link Result} with a
   * {@link Failure}.
   */
  public static Result parse(String text, List<String> parameterNames) {
    return parse(text, parameterNames, ResourceCalculators.standalone(), true);
  }

  /**
   * {@link #parse(String, List)} whose calls of the resource calculator functions ask these
   * calculators.
   */
  static Result parse(String text, List<String> parameterNames, ResourceCalculators calculators) {
    return parse(text, parameterNames, calculators, true);
  }

  /** The grammar alone, without the type pass: for tests of printing and precedence. */
  static Result parseWithoutTypePass(String text, List<String> parameterNames) {
    return parse(text, parameterNames, ResourceCalculators.standalone(), false);
  }

  private static Result parse(
      String text, List<String> parameterNames, ResourceCalculators calculators, boolean typePass) {
    if (text == null || text.isBlank()) {
      return new Result(null, new Failure(Kind.SYNTAX, "an empty expression", 1));
    }
    ExpressionParser parser = new ExpressionParser(text, List.copyOf(parameterNames), calculators);
    try {
      Expression expression = parser.list();
      parser.skipBlanks();
      if (parser.pos < text.length()) {
        throw parser.unexpected();
      }
      if (typePass) {
        parser.typeCheck(expression);
      }
      return new Result(expression, null);
    } catch (ParseError e) {
      return new Result(null, e.failure);
    } catch (StackOverflowError e) {
      return new Result(null, new Failure(Kind.SYNTAX, "expression nested too deeply", 1));
    }
  }

  /** {@code a, b, c}: one expression, or a list of two or more. */
  private Expression list() throws ParseError {
    int start = blankSkipped();
    Expression first = binary(1);
    skipBlanks();
    if (pos >= text.length() || text.charAt(pos) != ',') {
      return first;
    }
    List<Expression> elements = new ArrayList<>();
    elements.add(first);
    while (pos < text.length() && text.charAt(pos) == ',') {
      pos++;
      elements.add(binary(1));
      skipBlanks();
    }
    return at(start, new Expression.ListOf(elements));
  }

  private Expression binary(int minPrecedence) throws ParseError {
    int start = blankSkipped();
    Expression left = unary();
    while (true) {
      int mark = pos;
      BinaryOperator operator = binaryOperator();
      if (operator == null || operator.precedence() < minPrecedence) {
        pos = mark;
        return left;
      }
      Expression right = binary(operator.precedence() + 1);
      left = at(start, new Expression.Binary(operator, left, right));
    }
  }

  private Expression unary() throws ParseError {
    int start = blankSkipped();
    if (pos < text.length() && isSymbol(text.charAt(pos))) {
      String symbol = symbolRun();
      if (symbol.equals("!") || symbol.equals("-") || symbol.equals("~")) {
        return at(start, new Expression.Unary(symbol.charAt(0), unary()));
      }
      pos = start;
      throw error(Kind.SYNTAX, "unexpected '" + symbol + "'");
    }
    return primary();
  }

  private Expression primary() throws ParseError {
    int start = blankSkipped();
    if (pos >= text.length()) {
      throw error(Kind.SYNTAX, "unexpected end of expression");
    }
    char c = text.charAt(pos);
    if (c == '(') {
      pos++;
      Expression inner = list();
      expect(')');
      return inner;
    }
    if (c == '\'' || c == '"') {
      String value = string();
      OptionalDouble date = GovaluateDates.unixSeconds(value);
      return at(start, new Expression.Literal(date.isPresent() ? date.getAsDouble() : value));
    }
    if (Character.isDigit(c) || c == '.') {
      return at(start, new Expression.Literal(number()));
    }
    if (c == '[') {
      return at(start, parameter(bracketed(), start));
    }
    if (Character.isLetter(c)) {
      while (pos < text.length() && isNamePart(text.charAt(pos))) {
        pos++;
      }
      String name = text.substring(start, pos);
      if (name.equals("true") || name.equals("false")) {
        return at(start, new Expression.Literal(Boolean.valueOf(name)));
      }
      if (name.equals("in") || name.equals("IN")) {
        pos = start;
        throw error(Kind.SYNTAX, "'in' needs a value on its left");
      }
      skipBlanks();
      boolean called = pos < text.length() && text.charAt(pos) == '(';
      Optional<Function> function = Function.named(name);
      if (function.isPresent()) {
        if (!called) {
          pos = start;
          throw error(Kind.SYNTAX, "function '" + name + "' must be called: " + name + "(...)");
        }
        return at(start, call(function.get(), start));
      }
      if (name.indexOf('.') > 0) {
        pos = start;
        throw error(
            Kind.UNSUPPORTED,
            "govaluate's accessors ('"
                + name
                + "': a field or method of a Go struct parameter) are not supported");
      }
      if (called) {
        pos = start;
        throw error(Kind.UNKNOWN_FUNCTION, "calls unknown function '" + name + "'");
      }
      pos = start + name.length();
      return at(start, parameter(name, start));
    }
    throw unexpected();
  }

  private Expression parameter(String name, int start) throws ParseError {
    int index = parameterNames.indexOf(name);
    if (index < 0) {
      throw errorAt(Kind.UNKNOWN_PARAMETER, "unknown parameter '" + name + "'", start);
    }
    return new Expression.Parameter(name, index);
  }

  private Expression call(Function function, int start) throws ParseError {
    pos++; // '('
    List<Expression> arguments = new ArrayList<>();
    skipBlanks();
    if (pos < text.length() && text.charAt(pos) == ')') {
      pos++;
    } else {
      Expression inner = list();
      expect(')');
      if (inner instanceof Expression.ListOf list) {
        arguments.addAll(list.elements()); // govaluate spreads a list into the arguments
      } else {
        arguments.add(inner);
      }
    }
    if (arguments.size() < function.minArguments() || arguments.size() > function.maxArguments()) {
      int end = pos;
      pos = start;
      ParseError e =
          error(
              Kind.ARITY,
              function.sourceName()
                  + " takes "
                  + (function.minArguments() == function.maxArguments()
                      ? function.minArguments()
                      : function.minArguments() + " to " + function.maxArguments())
                  + " arguments, not "
                  + arguments.size());
      pos = end;
      throw e;
    }
    return new Expression.Call(function, arguments, calculators);
  }

  /** A quoted string: it ends at the next quote of either kind, as govaluate reads it. */
  private String string() throws ParseError {
    int start = pos;
    pos++;
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '\'' || c == '"') {
        return out.toString();
      }
      if (c == '\\' && pos < text.length()) {
        c = text.charAt(pos++);
      }
      out.append(c);
    }
    pos = start;
    throw error(Kind.SYNTAX, "unterminated string");
  }

  /** {@code [name]}: any text up to {@code ]}, {@code \} escaping the next character. */
  private String bracketed() throws ParseError {
    int start = pos;
    pos++;
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == ']') {
        return out.toString();
      }
      if (c == '\\' && pos < text.length()) {
        c = text.charAt(pos++);
      }
      out.append(c);
    }
    pos = start;
    throw error(Kind.SYNTAX, "unclosed parameter bracket");
  }

  private Double number() throws ParseError {
    int start = pos;
    double value;
    if (text.startsWith("0x", pos) || text.startsWith("0X", pos)) {
      pos += 2;
      int digits = pos;
      while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0) {
        pos++;
      }
      if (pos == digits || pos - digits > 16) {
        pos = start;
        throw error(Kind.SYNTAX, "not a hex number");
      }
      value =
          ExpressionValues.unsignedToDouble(
              Long.parseUnsignedLong(text.substring(digits, pos), 16));
    } else {
      while (pos < text.length()
          && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
        pos++;
      }
      String digits = text.substring(start, pos);
      try {
        value = Double.parseDouble(digits);
      } catch (NumberFormatException e) {
        pos = start;
        throw error(Kind.SYNTAX, "'" + digits + "' is not a number");
      }
      if (Double.isInfinite(value)) {
        pos = start;
        throw error(Kind.SYNTAX, "number out of range");
      }
    }
    if (pos < text.length() && Character.isLetter(text.charAt(pos))) {
      throw error(
          Kind.SYNTAX,
          "a number cannot be followed by a name (govaluate's numbers have no exponent or unit)");
    }
    return value;
  }

  /** The binary operator at the position (consumed), or null (position unspecified then). */
  private BinaryOperator binaryOperator() throws ParseError {
    skipBlanks();
    if (pos >= text.length()) {
      return null;
    }
    char c = text.charAt(pos);
    if (c == 'i' || c == 'I') {
      if ((text.startsWith("in", pos) || text.startsWith("IN", pos))
          && (pos + 2 >= text.length() || !isNamePart(text.charAt(pos + 2)))) {
        pos += 2;
        return BinaryOperator.IN;
      }
      return null;
    }
    if (!isSymbol(c)) {
      return null;
    }
    int start = pos;
    String symbol = symbolRun();
    for (BinaryOperator operator : BinaryOperator.values()) {
      if (operator.symbol().equals(symbol)) {
        return operator;
      }
    }
    pos = start;
    throw error(Kind.SYNTAX, "'" + symbol + "' is not an operator");
  }

  /** The run of symbol characters at the position, consumed: govaluate's operator token. */
  private String symbolRun() {
    int start = pos;
    while (pos < text.length() && isSymbol(text.charAt(pos))) {
      pos++;
    }
    return text.substring(start, pos);
  }

  /** A character of an operator token: not a letter, digit, space, bracket, quote or comma. */
  private static boolean isSymbol(char c) {
    return !(Character.isLetterOrDigit(c)
        || Character.isWhitespace(c)
        || c == '('
        || c == ')'
        || c == '['
        || c == ']'
        || c == '\''
        || c == '"'
        || c == ',');
  }

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.';
  }

  private void expect(char c) throws ParseError {
    skipBlanks();
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw pos >= text.length()
          ? error(Kind.SYNTAX, "expected '" + c + "'")
          : error(Kind.SYNTAX, "expected '" + c + "', not '" + text.charAt(pos) + "'");
    }
    pos++;
  }

  private ParseError unexpected() {
    char c = text.charAt(pos);
    if (c == ')') {
      return error(Kind.SYNTAX, "unbalanced ')'");
    }
    return error(Kind.SYNTAX, "unexpected '" + c + "'");
  }

  private void skipBlanks() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private int blankSkipped() {
    skipBlanks();
    return pos;
  }

  private Expression at(int start, Expression expression) {
    starts.put(expression, start);
    return expression;
  }

  private ParseError error(Kind kind, String message) {
    return errorAt(kind, message, pos);
  }

  private ParseError errorAt(Kind kind, String message, int at) {
    return new ParseError(
        new Failure(kind, message + " at position " + at + " of \"" + text + "\"", at + 1));
  }

  /** Rejects, at its place, the first subexpression that can never evaluate. */
  private void typeCheck(Expression expression) throws ParseError {
    ExpressionTypePass.Finding finding = ExpressionTypePass.check(expression);
    if (finding != null) {
      Integer start = starts.get(finding.expression());
      throw errorAt(
          Kind.TYPE, "can never evaluate (" + finding.why() + ")", start == null ? 0 : start);
    }
  }

  /** A parsed expression or the reason the text is not one. */
  public static final class Result {
    private final Expression expression;
    private final Failure failure;

    private Result(Expression expression, Failure failure) {
      this.expression = expression;
      this.failure = failure;
    }

    public Optional<Expression> expression() {
      return Optional.ofNullable(expression);
    }

    /** The failure's text with its place, or empty when the text parsed. */
    public Optional<String> problem() {
      return failure == null ? Optional.empty() : Optional.of(failure.message());
    }

    /** The failure (kind, text, column), or empty when the text parsed. */
    public Optional<Failure> failure() {
      return Optional.ofNullable(failure);
    }
  }

  private static final class ParseError extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Failure failure;

    ParseError(Failure failure) {
      super(failure.message(), null, false, false);
      this.failure = failure;
    }
  }
}
