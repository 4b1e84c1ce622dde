package io.github.kubestashmetrics.metrics;

import io.github.kubestashmetrics.metrics.language.MappingError;

/** Receives one object's series family by family, in table order, from {@link FamilyTable}. */
interface SeriesSink {

  /**
   * One series: the common label values, then the family's own ones (null = label left out). The
   * arrays are only valid during the call, except that every series of one object gets the very
   * same, unchanged {@code commonLabelValues} array (so a sink may encode it once per object).
   */
  void series(
      FamilyTable.Family<?> family,
      String[] commonLabelValues,
      String[] ownLabelValues,
      Reading value);

  /** The object has no series for this family, for this {@link MappingError} reason. */
  void error(FamilyTable.Family<?> family, String reason);

  /** Every series (or the error) of this family has been delivered. */
  void endFamily(FamilyTable.Family<?> family);
}
