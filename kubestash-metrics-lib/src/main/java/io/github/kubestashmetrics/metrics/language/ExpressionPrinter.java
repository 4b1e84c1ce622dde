package io.github.kubestashmetrics.metrics.language;

import java.util.List;
import java.util.Optional;

/**
 * Prints an {@link Expression} with the fewest parentheses that parse back to the same tree:
 * strings single-quoted with {@code \} before {@code '}, {@code "} and {@code \}; numbers in plain
 * decimal; a parameter bare when it reads back as that name, else as {@code [name]}; spaces around
 * binary operators and a prefix operand that is itself prefixed in parentheses, since govaluate
 * reads a run of symbols ({@code --}, {@code ==-}) as one operator.
 */
final class ExpressionPrinter {

  private static final List<String> KEYWORDS = List.of("true", "false", "in", "IN");

  private ExpressionPrinter() {}

  static void print(Expression expression, StringBuilder out) {
    if (expression instanceof Expression.Literal literal) {
      Object value = literal.value();
      if (value instanceof String s) {
        out.append('\'');
        escaped(s, "'\"\\", out);
        out.append('\'');
      } else if (value instanceof Double d) {
        out.append(ExpressionValues.numberText(d));
      } else {
        out.append(value);
      }
    } else if (expression instanceof Expression.Parameter parameter) {
      String name = parameter.name();
      if (isBareName(name)) {
        out.append(name);
      } else {
        out.append('[');
        escaped(name, "]\\", out);
        out.append(']');
      }
    } else if (expression instanceof Expression.Unary unary) {
      out.append(unary.operator());
      boolean parens =
          unary.operand() instanceof Expression.Binary
              || unary.operand() instanceof Expression.Unary
              || (unary.operand() instanceof Expression.Literal l
                  && l.value() instanceof Double d
                  && (d < 0 || (d == 0 && 1 / d < 0)));
      wrap(unary.operand(), parens, out);
    } else if (expression instanceof Expression.Binary binary) {
      int precedence = binary.operator().precedence();
      wrap(binary.left(), precedenceOf(binary.left()) < precedence, out);
      out.append(' ').append(binary.operator().symbol()).append(' ');
      wrap(binary.right(), precedenceOf(binary.right()) <= precedence, out);
    } else if (expression instanceof Expression.ListOf list) {
      out.append('(');
      printAll(list.elements(), out);
      out.append(')');
    } else if (expression instanceof Expression.Call call) {
      out.append(call.function().sourceName()).append('(');
      printAll(call.arguments(), out);
      out.append(')');
    }
  }

  private static void printAll(List<Expression> expressions, StringBuilder out) {
    for (int i = 0; i < expressions.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      print(expressions.get(i), out);
    }
  }

  private static void escaped(String text, String special, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (special.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
  }

  /** A name that reads back as this parameter without brackets. */
  private static boolean isBareName(String name) {
    if (name.isEmpty() || !Character.isLetter(name.charAt(0)) || KEYWORDS.contains(name)) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_')) {
        return false;
      }
    }
    Optional<Function> function = Function.named(name);
    return function.isEmpty();
  }

  /** Binding level of an expression: binary operators theirs, everything else tighter than all. */
  private static int precedenceOf(Expression expression) {
    return expression instanceof Expression.Binary b
        ? b.operator().precedence()
        : Integer.MAX_VALUE;
  }

  private static void wrap(Expression expression, boolean parens, StringBuilder out) {
    if (parens) {
      out.append('(');
    }
    print(expression, out);
    if (parens) {
      out.append(')');
    }
  }
}
