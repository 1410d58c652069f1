/**
 * The tolerance band that coverage and balance are flagged against: a ratio (1 = on target, on
 * capacity, on the average) is out when it strays from 1 by more than the tolerance, a fraction
 * (0.05 = ±5 %), the same test as the plan's variance tolerance in src/core/plan/planView.ts.
 */

/** Absorbs binary noise, so 105 against 100 is within a 5 % band (as the plan's tolerance). */
const SLACK = 1e-9;

export function isOutside(ratio: number, tolerance: number): boolean {
  return Math.abs(ratio - 1) > tolerance + SLACK;
}

/** The lowest and highest loads within the band around `average`. */
export function bandAround(average: number, tolerance: number): { readonly low: number; readonly high: number } {
  const spread = average * (tolerance + SLACK);
  return { low: average - spread, high: average + spread };
}
