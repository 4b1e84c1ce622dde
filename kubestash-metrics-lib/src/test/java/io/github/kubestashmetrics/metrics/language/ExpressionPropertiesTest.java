package io.github.kubestashmetrics.metrics.language;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.kubestashmetrics.metrics.MappingError;
import io.github.kubestashmetrics.metrics.language.Expression.BinaryOperator;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded properties of the expression language: print then parse gives the same tree; operators
 * bind by govaluate's precedence and associate to the left; equality never coerces; parameters
 * reach expressions by the {@code nil}/string rules. Each case is named by its seed; rerun one with
 * {@code -Dkubestash.replay=<seed>}.
 */
class ExpressionPropertiesTest {

  private static final List<String> PARAMETERS = List.of("phase", "size", "tls", "n", "ssl");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static Stream<Long> printParse() {
    return KubeStashGenerators.seeds("expressionPrintParse", 1_000);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("printParse")
  void printedExpressionParsesBackToTheSameTree(long seed) {
    Expression expression = randomExpression(new SplittableRandom(seed), 4);
    String printed = expression.print();
    ExpressionParser.Result parsed = ExpressionParser.parse(printed, PARAMETERS);
    assertThat(parsed.problem()).as("seed=%d %s", seed, printed).isEmpty();
    assertThat(parsed.expression()).as("seed=%d %s", seed, printed).contains(expression);
    assertThat(parsed.expression().get().print()).as("seed=%d", seed).isEqualTo(printed);
  }

  static Stream<Long> precedence() {
    return KubeStashGenerators.seeds("expressionPrecedence", 1_000);
  }

  /** {@code a op1 b op2 c} groups by binding level, and to the left within one level. */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("precedence")
  void operatorsBindByPrecedenceAndAssociateLeft(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    BinaryOperator[] operators = BinaryOperator.values();
    BinaryOperator first = operators[random.nextInt(operators.length)];
    BinaryOperator second = operators[random.nextInt(operators.length)];
    Expression a = new Expression.Parameter("phase", 0);
    Expression b = new Expression.Parameter("size", 1);
    Expression c = new Expression.Parameter("tls", 2);
    String text = "phase " + first.symbol() + " size " + second.symbol() + " tls";
    Expression expected =
        second.precedence() > first.precedence()
            ? new Expression.Binary(first, a, new Expression.Binary(second, b, c))
            : new Expression.Binary(second, new Expression.Binary(first, a, b), c);
    assertThat(ExpressionParser.parse(text, PARAMETERS).expression())
        .as("seed=%d %s", seed, text)
        .contains(expected);
    // Prefix operators bind tighter than any binary one.
    String negated = "!phase " + first.symbol() + " size";
    assertThat(ExpressionParser.parse(negated, PARAMETERS).expression())
        .as("seed=%d %s", seed, negated)
        .contains(new Expression.Binary(first, new Expression.Unary('!', a), b));
  }

  static Stream<Long> equality() {
    return KubeStashGenerators.seeds("expressionEquality", 1_000);
  }

  /**
   * {@code x == y} is true exactly for two values of one type that are equal: a number never equals
   * its text, a boolean never equals {@code 'true'}, and {@code nil} (a missing value) equals only
   * the text {@code nil}.
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("equality")
  void equalityNeverCoerces(long seed) throws EvaluationException {
    SplittableRandom random = new SplittableRandom(seed);
    double number = random.nextInt(5);
    boolean bool = random.nextBoolean();
    Object[][] pairs = {
      {number, ExpressionValues.numberText(number), false},
      {bool, Boolean.toString(bool), false},
      {number, number, true},
      {number, number + 1, false},
      {bool, bool, true},
      {bool, !bool, false},
      {Expression.NIL, "nil", true},
      {Expression.NIL, "", false},
      {Expression.NIL, number, false},
      {ExpressionValues.numberText(number), ExpressionValues.numberText(number), true},
    };
    Object[] pair = pairs[random.nextInt(pairs.length)];
    boolean swap = random.nextBoolean();
    Object left = swap ? pair[1] : pair[0];
    Object right = swap ? pair[0] : pair[1];
    Expression eq = ExpressionParser.parse("phase == size", PARAMETERS).expression().orElseThrow();
    Expression ne = ExpressionParser.parse("phase != size", PARAMETERS).expression().orElseThrow();
    Object[] values = {left, right, null, null, null};
    assertThat(eq.evaluate(values)).as("seed=%d %s == %s", seed, left, right).isEqualTo(pair[2]);
    assertThat(ne.evaluate(values))
        .as("seed=%d %s != %s", seed, left, right)
        .isEqualTo(!(Boolean) pair[2]);
  }

  static Stream<Long> parameters() {
    return KubeStashGenerators.seeds("expressionParameters", 1_000);
  }

  /**
   * A parameter read from the object: a string as itself, a number as a number, a boolean as the
   * text {@code true}/{@code false}, an object as itself (never {@code 'nil'}), missing or null as
   * {@code 'nil'}; a value function given a missing value gives no series, given the text {@code
   * nil} an unparseable value.
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("parameters")
  void parametersReachExpressionsByTheNilAndStringRules(long seed) throws EvaluationException {
    SplittableRandom random = new SplittableRandom(seed);
    JsonNode node;
    Object expected;
    switch (random.nextInt(7)) {
      case 0 -> {
        node = null;
        expected = Expression.NIL;
      }
      case 1 -> {
        node = NODES.nullNode();
        expected = Expression.NIL;
      }
      case 2 -> {
        String text = random.nextBoolean() ? "nil" : "Ready" + random.nextInt(3);
        node = NODES.textNode(text);
        expected = text;
      }
      case 3 -> {
        int n = random.nextInt(1000);
        node = NODES.numberNode(n);
        expected = (double) n;
      }
      case 4 -> {
        boolean b = random.nextBoolean();
        node = NODES.booleanNode(b);
        expected = Boolean.toString(b);
      }
      case 5 -> {
        node = NODES.objectNode().put("issuerRef", "ca-" + random.nextInt(3));
        expected = node;
      }
      default -> {
        node = NODES.arrayNode().add(random.nextInt(3));
        expected = node;
      }
    }
    Object value = CompiledMetric.parameterValue(node);
    assertThat(value).as("seed=%d %s", seed, node).isEqualTo(expected);
    Object[] values = {value, null, null, null, null};
    boolean isNil = expected == Expression.NIL || "nil".equals(expected);
    assertThat(evaluate("int(phase != 'nil')", values))
        .as("seed=%d %s", seed, node)
        .isEqualTo(isNil ? 0.0 : 1.0);
    assertThat(evaluate("int(phase == 'true')", values))
        .as("seed=%d %s", seed, node)
        .isEqualTo(node != null && node.isBoolean() && node.booleanValue() ? 1.0 : 0.0);
    Expression bytes = ExpressionParser.parse("bytes(phase)", PARAMETERS).expression().get();
    if (value == Expression.NIL) {
      assertThat(bytes.evaluate(values)).as("seed=%d", seed).isSameAs(Function.ABSENT);
    } else if ("nil".equals(value)) {
      try {
        bytes.evaluate(values);
        throw new AssertionError("seed=" + seed + ": bytes('nil') must not parse");
      } catch (EvaluationException e) {
        assertThat(e.reason()).isEqualTo(MappingError.UNPARSEABLE_SIZE);
      }
    }
  }

  private static Object evaluate(String text, Object[] values) throws EvaluationException {
    return ExpressionParser.parse(text, PARAMETERS).expression().orElseThrow().evaluate(values);
  }

  /** A random tree the parser can produce: non-negative literals, known names, valid arities. */
  static Expression randomExpression(SplittableRandom random, int depth) {
    int choice = depth <= 0 ? random.nextInt(3) : random.nextInt(7);
    switch (choice) {
      case 0:
        return switch (random.nextInt(3)) {
          case 0 -> new Expression.Literal(randomText(random));
          case 1 ->
              new Expression.Literal(
                  random.nextBoolean()
                      ? (double) random.nextInt(100)
                      : random.nextInt(10_000) / 64.0);
          default -> new Expression.Literal(random.nextBoolean());
        };
      case 1:
      case 2:
        int index = random.nextInt(PARAMETERS.size());
        return new Expression.Parameter(PARAMETERS.get(index), index);
      case 3:
        return new Expression.Unary(
            random.nextBoolean() ? '!' : '-', randomExpression(random, depth - 1));
      case 4:
        Function function = Function.values()[random.nextInt(Function.values().length)];
        int count =
            function.minArguments()
                + random.nextInt(function.maxArguments() - function.minArguments() + 1);
        List<Expression> arguments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          arguments.add(randomExpression(random, depth - 1));
        }
        return new Expression.Call(function, arguments);
      default:
        BinaryOperator[] operators = BinaryOperator.values();
        return new Expression.Binary(
            operators[random.nextInt(operators.length)],
            randomExpression(random, depth - 1),
            randomExpression(random, depth - 1));
    }
  }

  private static String randomText(SplittableRandom random) {
    String alphabet = "ab Z'\"\\()=&|!-+nil%";
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(6);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
