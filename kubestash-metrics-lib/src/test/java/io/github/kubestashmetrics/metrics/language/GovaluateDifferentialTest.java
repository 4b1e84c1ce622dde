package io.github.kubestashmetrics.metrics.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The expression language against govaluate's own results: every line of {@code
 * language/govaluate-results.txt} (taken from govaluate's test suite, each citing its file and line
 * at the commit named there) parses and evaluates here to the value govaluate gives, or fails where
 * govaluate fails, with the kind of failure the line names.
 */
class GovaluateDifferentialTest {

  record Case(
      String source, String expression, List<String> names, Object[] values, String expected) {
    @Override
    public String toString() {
      return source + ": " + expression;
    }
  }

  static Stream<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (InputStream in =
        GovaluateDifferentialTest.class.getResourceAsStream("/language/govaluate-results.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split(" \\| ", -1);
        assertThat(fields.length).as(line).isGreaterThanOrEqualTo(4);
        String expression = String.join(" | ", Arrays.copyOfRange(fields, 1, fields.length - 2));
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        String parameters = fields[fields.length - 2].strip();
        if (!parameters.equals("-")) {
          for (String parameter : parameters.split(", ")) {
            int eq = parameter.lastIndexOf('=');
            names.add(parameter.substring(0, eq));
            values.add(value(parameter.substring(eq + 1)));
          }
        }
        cases.add(
            new Case(
                fields[0].strip(),
                expression,
                names,
                values.toArray(),
                fields[fields.length - 1].strip()));
      }
    }
    assertThat(cases).hasSizeGreaterThan(200);
    return cases.stream();
  }

  /** A value in the table's notation: number, 'text', true/false, nil, [n n n]. */
  static Object value(String text) {
    if (text.equals("nil")) {
      return null;
    }
    if (text.equals("true") || text.equals("false")) {
      return Boolean.valueOf(text);
    }
    if (text.startsWith("'")) {
      return text.substring(1, text.length() - 1);
    }
    if (text.startsWith("[")) {
      List<Object> list = new ArrayList<>();
      for (String element : text.substring(1, text.length() - 1).split(" ")) {
        list.add(Double.valueOf(element));
      }
      return list;
    }
    return Double.valueOf(text);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void expressionGivesGovaluatesResult(Case c) {
    ExpressionParser.Result parsed = ExpressionParser.parse(c.expression(), c.names());
    Optional<ExpressionParser.Failure> failure = parsed.failure();
    switch (c.expected()) {
      case "syntax", "unsupported", "unknown_function" -> {
        assertThat(failure).as("%s should not parse", c).isPresent();
        assertThat(failure.get().kind().name().toLowerCase(java.util.Locale.ROOT))
            .as(failure.get().message())
            .isEqualTo(c.expected());
        if (c.expected().equals("unsupported")) {
          assertThat(failure.get().message()).contains("govaluate's").contains("not supported");
        }
        assertThat(failure.get().column()).isBetween(1, c.expression().length() + 1);
      }
      case "error" -> {
        if (failure.isPresent()) {
          // Literal operands: the type pass finds at compile time what govaluate finds at run.
          assertThat(failure.get().kind())
              .as(failure.get().message())
              .isEqualTo(ExpressionParser.Kind.TYPE);
          return;
        }
        try {
          Object result = parsed.expression().orElseThrow().evaluate(c.values());
          throw new AssertionError(c + " should fail, gave " + result);
        } catch (EvaluationException e) {
          assertThat(e.reason()).isNotBlank();
        }
      }
      default -> {
        assertThat(failure).as("%s parses", c).isEmpty();
        Object result;
        try {
          result = parsed.expression().orElseThrow().evaluate(c.values());
        } catch (EvaluationException e) {
          throw new AssertionError(c + " failed: " + e.getMessage(), e);
        }
        Object expected = value(c.expected());
        if (expected instanceof Double d) {
          assertThat(result).as(c.toString()).isInstanceOf(Number.class);
          assertThat(((Number) result).doubleValue()).as(c.toString()).isEqualTo(d);
        } else {
          assertThat(result).as(c.toString()).isEqualTo(expected);
        }
      }
    }
  }
}
