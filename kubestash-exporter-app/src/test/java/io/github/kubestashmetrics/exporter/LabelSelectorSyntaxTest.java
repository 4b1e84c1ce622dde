package io.github.kubestashmetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --label-selector} judged as the API server's {@code labels.Parse} judges it: every form it
 * accepts is accepted, and each way to break one is rejected with a reason.
 */
class LabelSelectorSyntaxTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "app",
        "!app",
        "app=db",
        "app==db",
        "app!=db",
        "app=",
        "app=db,tier!=test",
        "app = db , tier != test",
        "app.kubernetes.io/name=kubestash",
        "example.com/tier in (web,db)",
        "tier in (web)",
        "tier notin (web, db)",
        "tier in (web,)",
        "tier in ( web , db )",
        "!app,tier",
        "replicas>3",
        "replicas<-1",
        "a_b.c-d=e_f.g-h",
        "x=A1"
      })
  void selectorsTheApiServerAcceptsAreAccepted(String selector) {
    assertThat(LabelSelectorSyntax.problem(selector)).as(selector).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "tier in (web,db",
        "tier in ()",
        "tier in web",
        "tier notin",
        "tier inn (web)",
        "=db",
        "app=db=x",
        "app=db x",
        "app,,tier",
        "app,",
        ",app",
        "!",
        "!app=db",
        "Bad Key=x",
        "-app=x",
        "app-=x",
        "app=bad value",
        "app=-x",
        "UPPER.example.com/name=x",
        "/name=x",
        "example.com/=x",
        "replicas>three",
        "replicas>",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=x",
        "app=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "app=db)",
        "(app)"
      })
  void selectorsTheApiServerRejectsAreRejectedWithAReason(String selector) {
    assertThat(LabelSelectorSyntax.problem(selector)).as(selector).isPresent();
  }
}
