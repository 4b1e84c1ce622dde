package io.github.kubestashmetrics.metrics.language;

import io.github.kubestashmetrics.metrics.language.Expression.BinaryOperator;
import java.util.List;

/**
 * The compile-time type pass: finds what can never evaluate, whatever the object. A maximal
 * subexpression of literals only is evaluated once (so a short-circuit that skips a failing side is
 * kept: {@code true || ('a' - 1)} evaluates); below it, a literal of a type its operator never
 * takes ({@code n * 'x'}, {@code !1}, {@code 'x' && a}, {@code in 'x'}) and a pattern literal that
 * is not RE2 are found. It never rejects an expression that evaluates for some object.
 */
final class ExpressionTypePass {

  /**
   * A subexpression that can never evaluate, and why.
   *
   * @param expression the subexpression (its place is where it starts)
   * @param why the reason in words
   */
  record Finding(Expression expression, String why) {}

  private ExpressionTypePass() {}

  /** The first subexpression, in reading order, that can never evaluate; null when none. */
  static Finding check(Expression expression) {
    if (isConstant(expression)) {
      if (!(expression instanceof Expression.Literal)) {
        try {
          expression.evaluate(new Object[0]);
        } catch (EvaluationException e) {
          return new Finding(expression, e.getMessage());
        }
      }
      return null;
    }
    if (expression instanceof Expression.Unary unary) {
      if (unary.operand() instanceof Expression.Literal literal
          && !(unary.operator() == '!'
              ? literal.value() instanceof Boolean
              : literal.value() instanceof Double)) {
        return new Finding(expression, unary.operator() + " of " + describe(literal));
      }
      return check(unary.operand());
    }
    if (expression instanceof Expression.Binary binary) {
      Finding finding = literalOperandCheck(binary);
      if (finding == null) {
        finding = check(binary.left());
      }
      return finding != null ? finding : check(binary.right());
    }
    List<Expression> children =
        expression instanceof Expression.ListOf list
            ? list.elements()
            : expression instanceof Expression.Call call ? call.arguments() : List.of();
    for (Expression child : children) {
      Finding finding = check(child);
      if (finding != null) {
        return finding;
      }
    }
    return null;
  }

  private static Finding literalOperandCheck(Expression.Binary binary) {
    BinaryOperator operator = binary.operator();
    Object left = binary.left() instanceof Expression.Literal l ? l.value() : NOT_A_LITERAL;
    Object right = binary.right() instanceof Expression.Literal r ? r.value() : NOT_A_LITERAL;
    switch (operator) {
      case AND, OR, TERNARY_IF -> {
        if (left != NOT_A_LITERAL && !(left instanceof Boolean)) {
          return new Finding(
              binary, operator.symbol() + " needs a boolean, not " + describeValue(left));
        }
      }
      case MATCH, NOT_MATCH -> {
        if (right instanceof String pattern) {
          String problem = ExpressionOperators.patternProblem(pattern);
          if (problem != null) {
            return new Finding(
                binary.right(), "'" + pattern + "' is not an RE2 pattern: " + problem);
          }
        }
        for (Object side : new Object[] {left, right}) {
          if (side != NOT_A_LITERAL && !(side instanceof String)) {
            return new Finding(
                binary, operator.symbol() + " needs text, not " + describeValue(side));
          }
        }
      }
      case IN -> {
        if (right != NOT_A_LITERAL) {
          return new Finding(binary, "in needs a list such as (a, b) on its right");
        }
      }
      case SUB, MUL, DIV, MOD, POW, BIT_AND, BIT_OR, BIT_XOR, SHIFT_LEFT, SHIFT_RIGHT -> {
        for (Object side : new Object[] {left, right}) {
          if (side != NOT_A_LITERAL && !(side instanceof Double)) {
            return new Finding(
                binary, operator.symbol() + " needs numbers, not " + describeValue(side));
          }
        }
      }
      case ADD -> {
        if (left instanceof Boolean || right instanceof Boolean) {
          Object other = left instanceof Boolean ? right : left;
          if (other != NOT_A_LITERAL && !(other instanceof String)) {
            return new Finding(binary, "+ needs numbers or a text, not " + describeValue(left));
          }
        }
      }
      default -> {
        // == != < <= > >= ? : ?? accept any operand types, or fail only with both known
      }
    }
    return null;
  }

  private static final Object NOT_A_LITERAL = new Object();

  private static boolean isConstant(Expression expression) {
    if (expression instanceof Expression.Literal) {
      return true;
    }
    if (expression instanceof Expression.Unary unary) {
      return isConstant(unary.operand());
    }
    if (expression instanceof Expression.Binary binary) {
      return isConstant(binary.left()) && isConstant(binary.right());
    }
    if (expression instanceof Expression.ListOf list) {
      return list.elements().stream().allMatch(ExpressionTypePass::isConstant);
    }
    if (expression instanceof Expression.Call call) {
      return call.arguments().stream().allMatch(ExpressionTypePass::isConstant);
    }
    return false;
  }

  private static String describe(Expression.Literal literal) {
    return describeValue(literal.value());
  }

  private static String describeValue(Object value) {
    if (value instanceof String s) {
      return "the text '" + s + "'";
    }
    if (value instanceof Double d) {
      return "the number " + ExpressionValues.numberText(d);
    }
    return "the boolean " + value;
  }
}
