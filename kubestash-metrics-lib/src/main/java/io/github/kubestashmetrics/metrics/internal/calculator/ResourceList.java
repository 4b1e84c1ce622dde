package io.github.kubestashmetrics.metrics.internal.calculator;

import java.math.BigDecimal;

/**
 * Exact amounts of the three resources the calculators carry: cpu (cores), memory and storage
 * (bytes). Every other resource name is dropped when a list is read. Never null inside; an absent
 * amount is zero.
 *
 * @param cpu cores
 * @param memory bytes
 * @param storage bytes
 */
record ResourceList(BigDecimal cpu, BigDecimal memory, BigDecimal storage) {

  static final ResourceList ZERO =
      new ResourceList(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

  /** Element-wise sum. */
  ResourceList plus(ResourceList other) {
    return new ResourceList(
        cpu.add(other.cpu), memory.add(other.memory), storage.add(other.storage));
  }

  /** Element-wise maximum. */
  ResourceList max(ResourceList other) {
    return new ResourceList(
        cpu.max(other.cpu), memory.max(other.memory), storage.max(other.storage));
  }

  /** The same list with its storage replaced. */
  ResourceList withStorage(BigDecimal newStorage) {
    return new ResourceList(cpu, memory, newStorage);
  }

  /**
   * A role's total in thousandths: each amount rounded up to a whole thousandth per pod, then
   * multiplied by the pods (Kubernetes' {@code MilliValue() * replicas}).
   */
  ResourceList milliTotal(long pods) {
    return new ResourceList(
        milliTimes(cpu, pods), milliTimes(memory, pods), milliTimes(storage, pods));
  }

  /**
   * {@code ceilMilli(amount) * pods}: in {@code long} arithmetic when the amount has at most three
   * decimals (so its thousandths are whole, and rounding up changes nothing) and the product fits;
   * in {@link BigDecimal} otherwise. Both give the same value, with scale 0.
   */
  private static BigDecimal milliTimes(BigDecimal amount, long pods) {
    if (amount.signum() == 0) {
      return BigDecimal.ZERO;
    }
    if (amount.scale() <= 3 && amount.scale() >= -12) {
      try {
        return BigDecimal.valueOf(
            Math.multiplyExact(amount.movePointRight(3).longValueExact(), pods));
      } catch (ArithmeticException beyondLong) {
        // falls through to the exact decimal product
      }
    }
    return Quantity.ceilMilli(amount).multiply(BigDecimal.valueOf(pods));
  }

  /** The amount of a resource name; zero for any name but cpu, memory and storage. */
  BigDecimal amount(String name) {
    switch (name) {
      case "cpu":
        return cpu;
      case "memory":
        return memory;
      case "storage":
        return storage;
      default:
        return BigDecimal.ZERO;
    }
  }
}
