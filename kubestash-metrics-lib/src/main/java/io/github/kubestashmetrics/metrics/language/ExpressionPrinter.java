package io.github.kubestashmetrics.metrics.language;

/**
 * Prints an {@link Expression} with the fewest parentheses that parse back to the same tree:
 * strings single-quoted with {@code \} before {@code '} and {@code \}, numbers in plain decimal.
 */
final class ExpressionPrinter {

  private ExpressionPrinter() {}

  static void print(Expression expression, StringBuilder out) {
    if (expression instanceof Expression.Literal literal) {
      Object value = literal.value();
      if (value instanceof String s) {
        out.append('\'');
        for (int i = 0; i < s.length(); i++) {
          char c = s.charAt(i);
          if (c == '\'' || c == '\\') {
            out.append('\\');
          }
          out.append(c);
        }
        out.append('\'');
      } else if (value instanceof Double d) {
        out.append(ExpressionValues.numberText(d));
      } else {
        out.append(value);
      }
    } else if (expression instanceof Expression.Parameter parameter) {
      out.append(parameter.name());
    } else if (expression instanceof Expression.Unary unary) {
      out.append(unary.operator());
      boolean parens =
          unary.operand() instanceof Expression.Binary
              || (unary.operand() instanceof Expression.Literal l
                  && l.value() instanceof Double d
                  && (d < 0 || (d == 0 && 1 / d < 0)));
      wrap(unary.operand(), parens, out);
    } else if (expression instanceof Expression.Binary binary) {
      int precedence = binary.operator().precedence();
      wrap(binary.left(), precedenceOf(binary.left()) < precedence, out);
      out.append(' ').append(binary.operator().symbol()).append(' ');
      wrap(binary.right(), precedenceOf(binary.right()) <= precedence, out);
    } else if (expression instanceof Expression.Call call) {
      out.append(call.function().sourceName()).append('(');
      for (int i = 0; i < call.arguments().size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        print(call.arguments().get(i), out);
      }
      out.append(')');
    }
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
