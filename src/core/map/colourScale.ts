/**
 * How the map colours a region. Variance % diverges around 0: bottom-up short of the target in
 * reds, above it in blues, and neutral within the plan's tolerance (the same test as the pane's
 * flag). Share of the company's bottom-up runs from light to dark purple up to the largest share.
 * Balance (workload against the siblings' average) diverges as variance does: less work in reds,
 * more in blues, neutral within the ±5 % band. Coverage (targets against capacity) diverges around
 * full coverage within the plan's tolerance: capacity left unused in blues, targets asking more
 * than the reps can carry in reds (the colour of a problem, as the pane's flag).
 * Colours are ColorBrewer's RdBu and Purples, which colour-blind readers can tell apart by lightness.
 */
import { BALANCE_BAND } from "./regionBalance";
import type { MapMeasure, RegionFigures } from "./regionFigures";

export type Tone = "under" | "within" | "over" | "share";

export interface ScaleStep {
  /** Exclusive; null: no lower end. */
  readonly from: number | null;
  /** Inclusive; null: no upper end. */
  readonly to: number | null;
  readonly colour: string;
  readonly tone: Tone;
}

export interface ColourScale {
  readonly measure: MapMeasure;
  /** Lowest first. */
  readonly steps: readonly ScaleStep[];
}

/** A region in the plan whose measure has no value (no target; a company bottom-up of 0). */
export const NO_VALUE_COLOUR = "#bdbdbd";
/** Land no node names. */
export const NOT_IN_PLAN_COLOUR = "#ececec";

const UNDER = ["#b2182b", "#ef8a62", "#fddbc7"] as const;
const WITHIN = "#f7f7f7";
const OVER = ["#d1e5f0", "#67a9cf", "#2166ac"] as const;
const SHARES = ["#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"] as const;

/** Absorbs binary noise, as the plan's tolerance test in src/core/plan/planView.ts. */
const SLACK = 1e-9;
/** The width of each coloured step beyond the tolerance, at least 5 points however tight the tolerance. */
const MIN_STEP = 0.05;

/** Variance % steps: within ±tolerance neutral, then three steps each way. */
export function varianceScale(tolerance: number): ColourScale {
  const edge = tolerance + SLACK;
  const step = Math.max(tolerance, MIN_STEP);
  const near = edge + step;
  const far = edge + 3 * step;
  return {
    measure: "variance",
    steps: [
      { from: null, to: -far, colour: UNDER[0], tone: "under" },
      { from: -far, to: -near, colour: UNDER[1], tone: "under" },
      { from: -near, to: -edge, colour: UNDER[2], tone: "under" },
      { from: -edge, to: edge, colour: WITHIN, tone: "within" },
      { from: edge, to: near, colour: OVER[0], tone: "over" },
      { from: near, to: far, colour: OVER[1], tone: "over" },
      { from: far, to: null, colour: OVER[2], tone: "over" },
    ],
  };
}

/** Balance steps: within the band (±5 % unless the plan keeps another) neutral, then three steps each way, as variance's. */
export function balanceScale(band: number = BALANCE_BAND): ColourScale {
  return { ...varianceScale(band), measure: "balance" };
}

/** Coverage steps: variance's, mirrored, so that over-assigned reps (a positive value) are red. */
export function coverageScale(tolerance: number): ColourScale {
  const steps = varianceScale(tolerance).steps;
  return {
    measure: "coverage",
    steps: steps.map((step, i) => {
      const mirror = steps[steps.length - 1 - i];
      return { ...step, colour: mirror.colour };
    }),
  };
}

/** Share steps: five equal steps from 0 to the largest share shown. */
export function shareScale(largest: number): ColourScale {
  const top = largest > 0 ? largest : 1;
  return {
    measure: "share",
    steps: SHARES.map((colour, i) => ({
      from: i === 0 ? null : (top * i) / SHARES.length,
      to: i === SHARES.length - 1 ? null : (top * (i + 1)) / SHARES.length,
      colour,
      tone: "share",
    })),
  };
}

/** The scale for a measure over these regions. */
export function scaleFor(
  measure: MapMeasure,
  regions: readonly RegionFigures[],
  tolerance: number,
  band: number = BALANCE_BAND,
): ColourScale {
  if (measure === "variance") return varianceScale(tolerance);
  if (measure === "balance") return balanceScale(band);
  if (measure === "coverage") return coverageScale(tolerance);
  return shareScale(Math.max(0, ...regions.map((region) => region.share ?? 0)));
}

/** The step a value falls in (the first whose upper end holds it). */
export function stepOf(scale: ColourScale, value: number): ScaleStep {
  return scale.steps.find((step) => step.to === null || value <= step.to) ?? scale.steps[scale.steps.length - 1];
}

/**
 * A region's step, or null where the measure has no value. A target of 0 has no variance %, yet any
 * bottom-up misses it (as the pane flags it): it takes the outermost step on its side.
 */
export function regionStep(scale: ColourScale, region: RegionFigures): ScaleStep | null {
  if (scale.measure === "share") return region.share === null ? null : stepOf(scale, region.share);
  if (scale.measure === "balance")
    return region.balance === undefined || region.balance === null ? null : stepOf(scale, region.balance);
  if (scale.measure === "coverage")
    return region.coverage === undefined || region.coverage === null ? null : stepOf(scale, region.coverage);
  const { variancePct, variance, topDown } = region.figures;
  if (variancePct !== null) return stepOf(scale, variancePct);
  if (topDown !== 0 || variance === null) return null;
  if (variance === 0) return stepOf(scale, 0);
  return variance > 0 ? scale.steps[scale.steps.length - 1] : scale.steps[0];
}
