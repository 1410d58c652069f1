/**
 * How contributors enter their targets (GU Settings rows entryMode, annualSpread, annualTarget): a
 * value per period, as every plan made before these rows, or one annual number per node spread over
 * the periods by the plan's default profile (./annualEntry). Apart from annualEntry.ts so that
 * reading the plan's settings, in the task pane's first view, loads no more than these.
 */

export type EntryMode = "periods" | "annual";

export const ENTRY_MODES: readonly EntryMode[] = ["periods", "annual"];

/** The built-in spreads a plan can default to; any other value names a profile of GU Profiles. */
export const BUILT_IN_SPREADS = ["even", "lastYear", "weeks"] as const;

/**
 * "equal": a submission made from an annual number must have periods that add up to it; "free":
 * the periods may be changed after spreading without keeping the annual number.
 */
export type AnnualTarget = "equal" | "free";

export const ANNUAL_TARGETS: readonly AnnualTarget[] = ["equal", "free"];

export interface EntrySettings {
  readonly mode: EntryMode;
  /** "even", "lastYear", "weeks" (of a fiscal calendar of weeks), or a profile's name in GU Profiles. */
  readonly spread: string;
  readonly annualTarget: AnnualTarget;
}

/** The key of the spread choice (annualEntry's `SpreadChoice.key`) a default spread stands for. */
export function spreadKey(spread: string): string {
  return (BUILT_IN_SPREADS as readonly string[]).includes(spread) ? spread : `named:${spread}`;
}
