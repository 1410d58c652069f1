/**
 * Spreading a total over periods by a profile: an annual target over months or quarters, evenly, by
 * seasonal shares, in proportion to last year, or by the weeks of a 4-4-5 calendar. The rounding is
 * BU.ALLOCATE's (`allocate`): largest remainder, so the periods add up exactly to ROUND(total, decimals)
 * and each is within one unit of its exact share.
 */
import { allocate, allocationProblem } from "./allocation";
import { spreadMessages } from "./messages";
import { monthWeeks, WEEK_PATTERNS, type WeekPattern } from "./plan/fiscalCalendar";

/**
 * The most periods a spread makes: Excel's columns, so an even spread fits in a row of the sheet.
 */
export const MAX_SPREAD_PERIODS = 16_384;

/**
 * How far from 100 % shares may total: shares typed as fractions of a third, or computed in Excel
 * (=1/12 in twelve cells), miss 1 by floating-point noise, never by a share anyone typed.
 */
const SHARES_TOLERANCE = 1e-9;

export type SpreadProfile =
  /** The same share in each of `periods` periods. */
  | { readonly kind: "even"; readonly periods: number }
  /** Fractions of the total, one per period, 0.25 = 25 %: none negative, together 100 %. */
  | { readonly kind: "shares"; readonly shares: readonly number[] }
  /** Any non-negative numbers, such as last year's actuals, used in proportion; all 0 spreads evenly. */
  | { readonly kind: "lastYear"; readonly values: readonly number[] }
  /** 12 months in proportion to their weeks; a 53-week year gives its last month one more. */
  | { readonly kind: "weeks"; readonly pattern: WeekPattern; readonly yearWeeks: 52 | 53 };

/** A profile that cannot be used; the message is written for the user. */
export class SpreadError extends Error {
  override readonly name = "SpreadError";
}

/** Why `profile` cannot spread a total, or undefined if it can. */
export function profileProblem(profile: SpreadProfile): string | undefined {
  switch (profile.kind) {
    case "even":
      return Number.isInteger(profile.periods) && profile.periods >= 1 && profile.periods <= MAX_SPREAD_PERIODS
        ? undefined
        : spreadMessages.periodCount(String(profile.periods), MAX_SPREAD_PERIODS);
    case "shares":
      return sharesProblem(profile.shares);
    case "lastYear":
      return valuesProblem(profile.values);
    case "weeks":
      if (!(WEEK_PATTERNS as readonly string[]).includes(profile.pattern)) {
        return spreadMessages.weekPattern(String(profile.pattern));
      }
      return profile.yearWeeks === 52 || profile.yearWeeks === 53
        ? undefined
        : spreadMessages.yearWeeks(String(profile.yearWeeks));
  }
}

/** Why `total` cannot be spread by `profile` at `decimals`, or undefined if it can. */
export function spreadProblem(total: number, profile: SpreadProfile, decimals: number): string | undefined {
  return allocationProblem(total, decimals) ?? profileProblem(profile);
}

/**
 * `total` spread over the periods of `profile`, each part a multiple of 10^-decimals, the parts adding
 * up exactly to ROUND(total, decimals) (see `allocate` for ties and negative totals). Throws
 * `SpreadError` with the first problem `spreadProblem` finds.
 */
export function spread(total: number, profile: SpreadProfile, decimals: number): number[] {
  const problem = spreadProblem(total, profile, decimals);
  if (problem !== undefined) throw new SpreadError(problem);
  return allocate(total, profileWeights(profile), decimals);
}

/** The weight of each period: what `allocate` splits by (all 0 is even). */
export function profileWeights(profile: SpreadProfile): readonly number[] {
  switch (profile.kind) {
    case "even":
      return new Array<number>(profile.periods).fill(1);
    case "shares":
      return profile.shares;
    case "lastYear":
      return profile.values;
    case "weeks":
      return monthWeeks(profile.pattern, profile.yearWeeks);
  }
}

/** The shares' total as a message shows it: 0.9996 is "99.96%". */
export function percentText(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(10))}%`;
}

/** Whether shares adding up to `total` make 100 %, within floating-point noise. */
export function totalsOneHundredPercent(total: number): boolean {
  return Math.abs(total - 1) <= SHARES_TOLERANCE;
}

function sharesProblem(shares: readonly number[]): string | undefined {
  if (shares.length === 0) return spreadMessages.noPeriods;
  let total = 0;
  for (let i = 0; i < shares.length; i++) {
    const share = shares[i];
    if (!Number.isFinite(share)) return spreadMessages.shareNotANumber(i + 1, String(share));
    if (share < 0) return spreadMessages.shareNegative(i + 1, percentText(share));
    total += share;
  }
  return totalsOneHundredPercent(total) ? undefined : spreadMessages.sharesTotal(percentText(total));
}

function valuesProblem(values: readonly number[]): string | undefined {
  if (values.length === 0) return spreadMessages.noPeriods;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (!Number.isFinite(value)) return spreadMessages.valueNotANumber(i + 1, String(value));
    if (value < 0) return spreadMessages.valueNegative(i + 1, value);
  }
  return undefined;
}
