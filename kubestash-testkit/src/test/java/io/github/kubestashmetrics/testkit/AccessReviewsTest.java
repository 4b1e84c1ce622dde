package io.github.kubestashmetrics.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccessReviewsTest {

  @RegisterExtension
  static final KubeStashMockServer API =
      KubeStashMockServer.builder()
          .accessReviews(
              new AccessReviews()
                  .token("scraper-token", "system:serviceaccount:monitoring:prometheus", "scrapers")
                  .token("nosy-token", "system:serviceaccount:default:nosy")
                  .allowGroup("scrapers", "get", "/metrics")
                  .allowUser("system:serviceaccount:default:nosy", "get", "/healthz*"))
          .build();

  private static TokenReview tokenReview(String token) {
    KubernetesClient client = API.client();
    return client
        .authentication()
        .v1()
        .tokenReviews()
        .create(new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build());
  }

  private static boolean allowed(String user, List<String> groups, String verb, String path) {
    SubjectAccessReview review =
        API.client()
            .authorization()
            .v1()
            .subjectAccessReview()
            .create(
                new SubjectAccessReviewBuilder()
                    .withNewSpec()
                    .withUser(user)
                    .withGroups(groups)
                    .withNewNonResourceAttributes()
                    .withVerb(verb)
                    .withPath(path)
                    .endNonResourceAttributes()
                    .endSpec()
                    .build());
    return review.getStatus().getAllowed();
  }

  @Test
  void knownTokensAuthenticateAsTheirUserWithTheirGroupsAndUnknownOnesDoNot() {
    TokenReview scraper = tokenReview("scraper-token");
    assertThat(scraper.getStatus().getAuthenticated()).isTrue();
    assertThat(scraper.getStatus().getUser().getUsername())
        .isEqualTo("system:serviceaccount:monitoring:prometheus");
    assertThat(scraper.getStatus().getUser().getGroups())
        .containsExactly("scrapers", "system:authenticated");
    assertThat(tokenReview("no-such-token").getStatus().getAuthenticated()).isFalse();
    assertThat(API.accessReviews().tokenReviews()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void accessIsAllowedOnlyByAMatchingUserOrGroupRule() {
    assertThat(allowed("anyone", List.of("scrapers"), "get", "/metrics")).isTrue();
    assertThat(allowed("anyone", List.of("scrapers"), "post", "/metrics")).isFalse();
    assertThat(allowed("anyone", List.of("scrapers"), "get", "/metrics/x")).isFalse();
    assertThat(allowed("anyone", List.of("others"), "get", "/metrics")).isFalse();
    assertThat(allowed("system:serviceaccount:default:nosy", List.of(), "get", "/healthz/ready"))
        .isTrue();
    assertThat(allowed("system:serviceaccount:default:nosy", List.of(), "get", "/metrics"))
        .isFalse();
  }
}
