package io.github.kubestashmetrics.metrics.language;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kubestashmetrics.metrics.internal.calculator.CalculationMemo;
import io.github.kubestashmetrics.metrics.internal.calculator.ResourceCalculators;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A compiled expression of govaluate's language (Knetic/govaluate, as Panopticon runs it through
 * its fork gomodules/eval): literals (strings, float64 numbers, {@code true}/{@code false}),
 * parameters, calls of {@link Function}s, prefix {@code ! - ~}, the binary operators of {@link
 * BinaryOperator} and {@code (a, b, c)} lists. Built once by {@link ExpressionParser}; evaluated
 * per object (or array element) without reflection. The library README lists every remaining
 * difference from govaluate.
 *
 * <p>Runtime values are {@link String}, {@link Double}, {@link Long} (an exact integer a value
 * function produced, e.g. bytes beyond 2^53; it acts as a number), {@link Boolean}, a {@link
 * JsonNode} object or array, a {@link List} (a {@code (a, b)} list), {@code null} (Go's {@code
 * nil}: the false branch of {@code c ? x} without {@code :}), or {@link #NIL} (a missing or null
 * parameter, which behaves exactly as the string {@code nil} except that value functions read it as
 * "absent"). Equality never coerces ({@code 1 == '1'} is false); {@code && || ! ?} take booleans;
 * arithmetic takes numbers; {@code +} concatenates when either side is text.
 */
sealed interface Expression {

  /** The value of a missing or null parameter: the string {@code nil}, marked as absent. */
  Object NIL = new Nil();

  /**
   * The value of this expression with these parameter values, in {@link ExpressionParser} order.
   */
  default Object evaluate(Object[] parameters) throws EvaluationException {
    return evaluate(parameters, new CalculationMemo());
  }

  /**
   * The value of this expression with these parameter values, in {@link ExpressionParser} order;
   * the resource calculator functions keep the sums of the object they read in {@code memo}, which
   * belongs to one render of one object (so the render's other calls reuse them).
   */
  Object evaluate(Object[] parameters, CalculationMemo memo) throws EvaluationException;

  /** This expression as source text that parses back to an equal expression. */
  default String print() {
    StringBuilder out = new StringBuilder();
    ExpressionPrinter.print(this, out);
    return out.toString();
  }

  /** A string, number or boolean literal. */
  record Literal(Object value) implements Expression {
    public Literal {
      if (!(value instanceof String || value instanceof Double || value instanceof Boolean)) {
        throw new IllegalArgumentException("not a literal: " + value);
      }
    }

    @Override
    public Object evaluate(Object[] parameters, CalculationMemo memo) {
      return value;
    }
  }

  /** A parameter, resolved at compile time to its position in the parameter array. */
  record Parameter(String name, int index) implements Expression {
    @Override
    public Object evaluate(Object[] parameters, CalculationMemo memo) {
      return parameters[index];
    }
  }

  /** {@code !x} (a boolean), {@code -x} (a number) or {@code ~x} (a number as int64, inverted). */
  record Unary(char operator, Expression operand) implements Expression {
    public Unary {
      if (operator != '!' && operator != '-' && operator != '~') {
        throw new IllegalArgumentException("not a prefix operator: " + operator);
      }
      Objects.requireNonNull(operand);
    }

    @Override
    public Object evaluate(Object[] parameters, CalculationMemo memo) throws EvaluationException {
      Object value = operand.evaluate(parameters, memo);
      if (operator == '!') {
        if (value instanceof Boolean b) {
          return !b;
        }
        throw EvaluationException.of("! needs a boolean");
      }
      if (!(value instanceof Number n)) {
        throw EvaluationException.of(operator + " needs a number");
      }
      if (operator == '-') {
        return -n.doubleValue();
      }
      return (double) ~ExpressionValues.toInt64(n.doubleValue());
    }
  }

  /**
   * A binary operation. {@code &&}, {@code ||}, {@code ?}, {@code :} and {@code ??} evaluate their
   * right side only when govaluate does (short-circuit); the others evaluate both sides, left
   * first.
   */
  record Binary(BinaryOperator operator, Expression left, Expression right) implements Expression {
    public Binary {
      Objects.requireNonNull(operator);
      Objects.requireNonNull(left);
      Objects.requireNonNull(right);
    }

    @Override
    public Object evaluate(Object[] parameters, CalculationMemo memo) throws EvaluationException {
      Object l = left.evaluate(parameters, memo);
      switch (operator) {
        case OR, AND -> {
          // As govaluate: a false left of && (a true left of ||) decides without looking right.
          if (l instanceof Boolean lb && (operator == BinaryOperator.OR) == lb) {
            return lb;
          }
          Object r = right.evaluate(parameters, memo);
          if (!(l instanceof Boolean) || !(r instanceof Boolean rb)) {
            throw EvaluationException.of(operator.symbol() + " needs booleans");
          }
          return rb;
        }
        case TERNARY_IF -> {
          if (Boolean.FALSE.equals(l)) {
            return null;
          }
          Object r = right.evaluate(parameters, memo);
          if (!(l instanceof Boolean)) {
            throw EvaluationException.of("? needs a boolean condition");
          }
          return r;
        }
        case TERNARY_ELSE, COALESCE -> {
          return l != null ? l : right.evaluate(parameters, memo);
        }
        default -> {
          return operator.apply(l, right.evaluate(parameters, memo));
        }
      }
    }
  }

  /**
   * {@code (a, b, c)}: govaluate's separator, which makes a list; the right side of {@code in}, or
   * the arguments of a call. A list element that is itself a list is spliced in, as govaluate does.
   */
  record ListOf(List<Expression> elements) implements Expression {
    public ListOf {
      elements = List.copyOf(elements);
      if (elements.size() < 2) {
        throw new IllegalArgumentException("a list has at least two elements");
      }
    }

    @Override
    public Object evaluate(Object[] parameters, CalculationMemo memo) throws EvaluationException {
      List<Object> values = new ArrayList<>(elements.size());
      for (Expression element : elements) {
        Object value = element.evaluate(parameters, memo);
        if (value instanceof List<?> inner && element == elements.get(0)) {
          values.addAll(inner);
        } else {
          values.add(value);
        }
      }
      return values;
    }
  }

  /**
   * A call of a built-in function; the resource calculator functions ask {@code calculators} (the
   * engine's, chosen by its {@link EngineOptions}).
   */
  record Call(Function function, List<Expression> arguments, ResourceCalculators calculators)
      implements Expression {
    public Call {
      Objects.requireNonNull(function);
      arguments = List.copyOf(arguments);
      Objects.requireNonNull(calculators);
    }

    /** A call whose calculator functions have no lookup of referenced objects. */
    public Call(Function function, List<Expression> arguments) {
      this(function, arguments, ResourceCalculators.standalone());
    }

    @Override
    public Object evaluate(Object[] parameters, CalculationMemo memo) throws EvaluationException {
      if (arguments.size() == 1) {
        return function.apply(
            new Object[] {arguments.get(0).evaluate(parameters, memo)}, calculators, memo);
      }
      Object[] values = new Object[arguments.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = arguments.get(i).evaluate(parameters, memo);
      }
      return function.apply(values, calculators, memo);
    }
  }

  /**
   * Binary operators, from the loosest to the tightest binding level (govaluate's planner order):
   * ternary {@code ? : ??}, {@code ||}, {@code &&}, comparators ({@code == != < <= > >= =~ !~ in}),
   * bitwise {@code & | ^}, shifts {@code << >>}, {@code + -}, {@code * / %}, {@code **}. Operators
   * of one level associate to the left (govaluate reorders its right-recursive plan so).
   */
  enum BinaryOperator {
    TERNARY_IF("?", 1),
    TERNARY_ELSE(":", 1),
    COALESCE("??", 1),
    OR("||", 2),
    AND("&&", 3),
    EQ("==", 4),
    NE("!=", 4),
    LT("<", 4),
    LE("<=", 4),
    GT(">", 4),
    GE(">=", 4),
    MATCH("=~", 4),
    NOT_MATCH("!~", 4),
    IN("in", 4),
    BIT_AND("&", 5),
    BIT_OR("|", 5),
    BIT_XOR("^", 5),
    SHIFT_LEFT("<<", 6),
    SHIFT_RIGHT(">>", 6),
    ADD("+", 7),
    SUB("-", 7),
    MUL("*", 8),
    DIV("/", 8),
    MOD("%", 8),
    POW("**", 9);

    private final String symbol;
    private final int precedence;

    BinaryOperator(String symbol, int precedence) {
      this.symbol = symbol;
      this.precedence = precedence;
    }

    public String symbol() {
      return symbol;
    }

    /** Higher binds tighter; operators of one level associate to the left. */
    public int precedence() {
      return precedence;
    }

    /** The result for two evaluated operands (not for the short-circuit operators). */
    Object apply(Object l, Object r) throws EvaluationException {
      return ExpressionOperators.apply(this, l, r);
    }
  }

  /** The type of {@link #NIL}: prints as {@code nil}. */
  final class Nil {
    private Nil() {}

    @Override
    public String toString() {
      return "nil";
    }
  }
}
