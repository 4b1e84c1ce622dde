package io.github.kubestashmetrics.metrics.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kubestashmetrics.metrics.language.ExpressionParser.Failure;
import io.github.kubestashmetrics.metrics.language.ExpressionParser.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the parser rejects, with which kind and column; what the type pass finds before any object
 * is read; and {@code percentage}'s Kubernetes int-or-percent rules.
 */
class ExpressionParserTest {

  private static final List<String> NAMES = List.of("a", "p", "r");

  private static Failure failure(String text) {
    return ExpressionParser.parse(text, NAMES).failure().orElseThrow();
  }

  private static Object evaluate(String text, Object... values) throws EvaluationException {
    Object[] parameters = new Object[NAMES.size()];
    System.arraycopy(values, 0, parameters, 0, values.length);
    return ExpressionParser.parse(text, NAMES).expression().orElseThrow().evaluate(parameters);
  }

  @Test
  void govaluateFeatureWeDoNotRunIsNamedNotReportedAsAnUnexpectedCharacter() {
    Failure failure = failure("int(a.Ready)");
    assertThat(failure.kind()).isEqualTo(Kind.UNSUPPORTED);
    assertThat(failure.message()).contains("govaluate's accessors").contains("not supported");
    assertThat(failure.column()).isEqualTo(5);
  }

  @Test
  void eachProblemHasItsKindAndColumn() {
    assertThat(failure("nope(a)"))
        .extracting(Failure::kind, Failure::column)
        .containsExactly(Kind.UNKNOWN_FUNCTION, 1);
    assertThat(failure("1 + int(a, a)"))
        .extracting(Failure::kind, Failure::column)
        .containsExactly(Kind.ARITY, 5);
    assertThat(failure("1 + int(a, a)").message()).contains("int takes 1 arguments, not 2");
    assertThat(failure("a + b"))
        .extracting(Failure::kind, Failure::column)
        .containsExactly(Kind.UNKNOWN_PARAMETER, 5);
    assertThat(failure("a ? 1 :"))
        .extracting(Failure::kind, Failure::column)
        .containsExactly(Kind.SYNTAX, 8);
    assertThat(failure("")).extracting(Failure::kind).isEqualTo(Kind.SYNTAX);
  }

  @Test
  void operatorsAreGovaluatesTokensSoAnUnspacedPrefixAfterAnOperatorIsNotOne() {
    assertThat(failure("a==-1").message()).contains("'==-' is not an operator");
    assertThat(failure("1e3").kind()).isEqualTo(Kind.SYNTAX); // no exponent in govaluate
    assertThat(ExpressionParser.parse("a == -1", NAMES).failure()).isEmpty();
  }

  @Test
  void typePassRejectsOnceWithItsPlaceWhatCanNeverEvaluate() {
    assertThat(failure("a + ('x' - 1)"))
        .extracting(Failure::kind, Failure::column)
        .containsExactly(Kind.TYPE, 6);
    assertThat(failure("a =~ '('"))
        .extracting(Failure::kind, Failure::column)
        .containsExactly(Kind.TYPE, 6);
    assertThat(failure("a * 'x'").kind()).isEqualTo(Kind.TYPE);
    assertThat(failure("!1").kind()).isEqualTo(Kind.TYPE);
    assertThat(failure("'x' && a").kind()).isEqualTo(Kind.TYPE);
    assertThat(failure("a in 'x'").kind()).isEqualTo(Kind.TYPE);
    assertThat(failure("percentage('12.5%', 10)").kind()).isEqualTo(Kind.TYPE);
    // What can evaluate is kept: short-circuits, text concatenation, a literal right of &&.
    for (String fine : List.of("true || ('x' - 1)", "a + true", "a && 'x'", "a in (1, 'x')")) {
      assertThat(ExpressionParser.parse(fine, NAMES).failure()).as(fine).isEmpty();
    }
  }

  @Test
  void percentageScalesAnIntegerPercentAsKubernetesDoes() throws EvaluationException {
    assertThat(evaluate("percentage(a, 10)", "25%")).isEqualTo(2.0);
    assertThat(evaluate("percentage(a, 10, true)", "25%")).isEqualTo(3.0);
    assertThat(evaluate("percentage(a, 10)", 4.0)).isEqualTo(4.0);
    assertThatThrownBy(() -> evaluate("percentage(a, 10)", "12.5%"))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining("not an integer");
    assertThatThrownBy(() -> evaluate("percentage(a, 10)", "25"))
        .isInstanceOf(EvaluationException.class);
  }

  @Test
  void percentageTakesRoundUpFromAParameterAndAnAbsentOneIsFalse() throws EvaluationException {
    assertThat(evaluate("percentage(a, 10, r)", "25%", null, "true")).isEqualTo(3.0);
    assertThat(evaluate("percentage(a, 10, r)", "25%", null, "false")).isEqualTo(2.0);
    assertThat(evaluate("percentage(a, 10, r)", "25%", null, Expression.NIL)).isEqualTo(2.0);
    assertThatThrownBy(() -> evaluate("percentage(a, 10, r)", "25%", null, "maybe"))
        .isInstanceOf(EvaluationException.class);
  }

  @Test
  void hostilePatternMatchesInLinearTime() throws EvaluationException {
    // Catastrophic for a backtracking engine; RE2 answers at once.
    assertThat(evaluate("a =~ p", "a".repeat(5_000), "^(a+)+$b")).isEqualTo(false);
    assertThat(evaluate("a =~ p", "x-12", "[0-9]+$")).isEqualTo(true);
    assertThat(evaluate("a !~ p", "x-12", "^[0-9]")).isEqualTo(true);
  }

  @Test
  void missingParameterIsTheTextNilSoCoalesceKeepsItAndConcatenationPrintsIt()
      throws EvaluationException {
    assertThat(evaluate("a ?? 'default'", Expression.NIL)).isSameAs(Expression.NIL);
    assertThat(evaluate("'x' + a", Expression.NIL)).isEqualTo("xnil");
    assertThat(evaluate("a == 'nil' ? 0 : 1", Expression.NIL)).isEqualTo(0.0);
  }
}
