package io.github.kubestashmetrics.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

class SeedInFailureMessageTest {

  private final SeedInFailureMessage handler = new SeedInFailureMessage();

  @Test
  void assertionFailureOfASeededCaseStartsWithItsDisplayName() {
    AssertionError original = new AssertionError("expected 1 but was 2");
    Throwable thrown = handle("seed=42", original);
    assertThat(thrown)
        .isInstanceOf(AssertionError.class)
        .hasMessage("seed=42: expected 1 but was 2")
        .hasCause(original);
    assertThat(thrown.getStackTrace()).isEqualTo(original.getStackTrace());
  }

  @Test
  void otherExceptionOfASeededCaseNamesItsTypeAndSeed() {
    IllegalArgumentException original = new IllegalArgumentException("boom");
    assertThat(handle("[3] seed=7", original))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("java.lang.IllegalArgumentException [3] seed=7: boom")
        .hasCause(original);
  }

  @Test
  void failureOfATestWithoutSeedPassesThroughUnchanged() {
    AssertionError original = new AssertionError("plain");
    assertThat(handle("plainTest()", original)).isSameAs(original);
  }

  @Test
  void aMessageThatAlreadyStartsWithTheDisplayNameIsNotPrefixedTwice() {
    AssertionError original = new AssertionError("seed=1: already named");
    assertThat(handle("seed=1", original)).isSameAs(original);
  }

  private Throwable handle(String displayName, Throwable failure) {
    ExtensionContext context =
        (ExtensionContext)
            Proxy.newProxyInstance(
                ExtensionContext.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("getDisplayName")) {
                    return displayName;
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    return catchThrowable(() -> handler.handleTestExecutionException(context, failure));
  }
}
