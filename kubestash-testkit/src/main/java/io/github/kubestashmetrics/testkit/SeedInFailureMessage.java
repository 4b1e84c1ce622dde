package io.github.kubestashmetrics.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Puts a failing property case's display name (which names its seed, e.g. {@code seed=42}) at the
 * start of its failure message, so that Maven's console summary — which shows the message but not
 * the display name — says which seed to replay with {@code -Dkubestash.replay=42}.
 *
 * <p>Acts only on tests whose display name contains {@code seed=}; every other failure passes
 * through unchanged. An {@link AssertionError} stays an {@code AssertionError} (a Surefire
 * "failure"), anything else becomes an {@link IllegalStateException} (an "error"); both keep the
 * original as their cause and its stack trace, so the summary points at the same line.
 *
 * <p>Register it with {@code @ExtendWith(SeedInFailureMessage.class)}, or for every test class: the
 * testkit jar lists it as a service, which JUnit loads when {@code
 * junit.jupiter.extensions.autodetection.enabled=true} (our root POM sets that for Surefire).
 */
public final class SeedInFailureMessage implements TestExecutionExceptionHandler {

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    String displayName = context.getDisplayName();
    if (!displayName.contains("seed=")
        || (failure.getMessage() != null && failure.getMessage().startsWith(displayName))) {
      throw failure;
    }
    String message = displayName + ": " + failure.getMessage();
    Throwable named =
        failure instanceof AssertionError
            ? new AssertionError(message, failure)
            : new IllegalStateException(failure.getClass().getName() + " " + message, failure);
    named.setStackTrace(failure.getStackTrace());
    throw named;
  }
}
