package io.github.kubestashmetrics.metrics.plan;

import io.github.kubestashmetrics.metrics.language.ConfigurationOrigin;
import java.util.Objects;

/**
 * Two configurations that define the same family, and which one the plan serves: the older (see
 * {@link ConfigurationPlan}). The loser keeps its other families and reports this one as a {@code
 * family_conflict} problem.
 *
 * @param family the family name
 * @param winner the {@code metadata.name} of the configuration that serves it
 * @param winnerOrigin where the winner came from
 * @param loser the {@code metadata.name} of the configuration that lost it
 * @param loserOrigin where the loser came from
 * @param loserPath the loser's metric, e.g. {@code spec.metrics[2]}
 */
public record FamilyConflict(
    String family,
    String winner,
    ConfigurationOrigin winnerOrigin,
    String loser,
    ConfigurationOrigin loserOrigin,
    String loserPath) {

  public FamilyConflict {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(winner, "winner");
    Objects.requireNonNull(winnerOrigin, "winnerOrigin");
    Objects.requireNonNull(loser, "loser");
    Objects.requireNonNull(loserOrigin, "loserOrigin");
    Objects.requireNonNull(loserPath, "loserPath");
  }
}
