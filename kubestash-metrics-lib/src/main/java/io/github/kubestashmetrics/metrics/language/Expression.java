package io.github.kubestashmetrics.metrics.language;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A compiled expression of the govaluate subset the configuration language uses: literals (strings,
 * float64 numbers, {@code true}/{@code false}), parameters, calls of {@link Function}s, unary
 * {@code ! -} and binary {@code || && == != < <= > >= + - * / %}. Built once by {@link
 * ExpressionParser}; evaluated per object (or array element) without reflection.
 *
 * <p>Runtime values are {@link String}, {@link Double}, {@link Long} (an exact integer a value
 * function produced, e.g. bytes beyond 2^53), {@link Boolean}, a {@link JsonNode} object or array,
 * or {@link #NIL} (a missing or null parameter, which behaves exactly as the string {@code "nil"}
 * except that value functions read it as "absent"). There is no coercion: {@code 1 == '1'} is
 * false; {@code && || !} take booleans only; ordering takes two numbers or two strings.
 */
public sealed interface Expression {

  /** The value of a missing or null parameter: the string {@code nil}, marked as absent. */
  Object NIL = new Nil();

  /**
   * The value of this expression with these parameter values, in {@link ExpressionParser} order.
   */
  Object evaluate(Object[] parameters) throws EvaluationException;

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
    public Object evaluate(Object[] parameters) {
      return value;
    }
  }

  /** A parameter, resolved at compile time to its position in the parameter array. */
  record Parameter(String name, int index) implements Expression {
    @Override
    public Object evaluate(Object[] parameters) {
      return parameters[index];
    }
  }

  /** {@code !x} or {@code -x}. */
  record Unary(char operator, Expression operand) implements Expression {
    @Override
    public Object evaluate(Object[] parameters) throws EvaluationException {
      Object value = operand.evaluate(parameters);
      if (operator == '!') {
        if (value instanceof Boolean b) {
          return !b;
        }
        throw EvaluationException.of("! needs a boolean");
      }
      if (value instanceof Number n) {
        return -n.doubleValue();
      }
      throw EvaluationException.of("- needs a number");
    }
  }

  /** A binary operation; {@code &&} and {@code ||} short-circuit. */
  record Binary(BinaryOperator operator, Expression left, Expression right) implements Expression {
    @Override
    public Object evaluate(Object[] parameters) throws EvaluationException {
      Object l = left.evaluate(parameters);
      switch (operator) {
        case OR, AND -> {
          if (!(l instanceof Boolean lb)) {
            throw EvaluationException.of(operator.symbol() + " needs booleans");
          }
          if (operator == BinaryOperator.OR ? lb : !lb) {
            return lb;
          }
          Object r = right.evaluate(parameters);
          if (!(r instanceof Boolean rb)) {
            throw EvaluationException.of(operator.symbol() + " needs booleans");
          }
          return rb;
        }
        default -> {
          return operator.apply(l, right.evaluate(parameters));
        }
      }
    }
  }

  /** A call of a built-in function. */
  record Call(Function function, List<Expression> arguments) implements Expression {
    public Call {
      Objects.requireNonNull(function);
      arguments = List.copyOf(arguments);
    }

    @Override
    public Object evaluate(Object[] parameters) throws EvaluationException {
      if (arguments.size() == 1) {
        return function.apply(new Object[] {arguments.get(0).evaluate(parameters)});
      }
      Object[] values = new Object[arguments.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = arguments.get(i).evaluate(parameters);
      }
      return function.apply(values);
    }
  }

  /** Binary operators, from the loosest to the tightest binding level (govaluate's order). */
  enum BinaryOperator {
    OR("||", 1),
    AND("&&", 2),
    EQ("==", 3),
    NE("!=", 3),
    LT("<", 3),
    LE("<=", 3),
    GT(">", 3),
    GE(">=", 3),
    ADD("+", 4),
    SUB("-", 4),
    MUL("*", 5),
    DIV("/", 5),
    MOD("%", 5);

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

    Object apply(Object l, Object r) throws EvaluationException {
      switch (this) {
        case EQ:
          return ExpressionValues.valuesEqual(l, r);
        case NE:
          return !ExpressionValues.valuesEqual(l, r);
        case LT:
        case LE:
        case GT:
        case GE:
          {
            int c;
            if (l instanceof Number a && r instanceof Number b) {
              c = Double.compare(a.doubleValue(), b.doubleValue());
              if (Double.isNaN(a.doubleValue()) || Double.isNaN(b.doubleValue())) {
                return false;
              }
            } else if (ExpressionValues.isText(l) && ExpressionValues.isText(r)) {
              c = ExpressionValues.text(l).compareTo(ExpressionValues.text(r));
            } else {
              throw EvaluationException.of(symbol + " needs two numbers or two strings");
            }
            return switch (this) {
              case LT -> c < 0;
              case LE -> c <= 0;
              case GT -> c > 0;
              default -> c >= 0;
            };
          }
        default:
          if (this == ADD && ExpressionValues.isText(l) && ExpressionValues.isText(r)) {
            return ExpressionValues.text(l) + ExpressionValues.text(r);
          }
          if (!(l instanceof Number a) || !(r instanceof Number b)) {
            throw EvaluationException.of(symbol + " needs two numbers");
          }
          double x = a.doubleValue();
          double y = b.doubleValue();
          return switch (this) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            default -> x % y;
          };
      }
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
