/**
 * Annual entry: a contributor types one annual number and spreads it over the plan's periods by a
 * profile (issue 12), as reps think in annual targets and the plan needs quarters or months. The
 * profiles offered depend on what the plan knows: an even spread always, last year's shares where
 * the node has last year's values, the plan's named seasonality profiles (GU Profiles), and the
 * week patterns of a 4-4-5 calendar for twelve periods.
 * The rounding is BU.SPREAD's (largest remainder), so the periods add up exactly to the total.
 */
import { WEEK_PATTERNS } from "./fiscalCalendar";
import type { SpreadProfile } from "../spread";
import type { NamedProfile, PeriodValues } from "./types";

export interface SpreadChoice {
  readonly key: string;
  readonly label: string;
  readonly profile: SpreadProfile;
}

/** The profiles a node's annual number can be spread by, the first the default. */
export function spreadChoices(
  periodCount: number,
  reference: PeriodValues | undefined,
  named: readonly NamedProfile[] = [],
): SpreadChoice[] {
  const choices: SpreadChoice[] = [{ key: "even", label: "Evenly", profile: { kind: "even", periods: periodCount } }];
  const lastYear = reference === undefined ? [] : Array.from({ length: periodCount }, (_, p) => reference[p] ?? 0);
  // Last year's shares need something to share: a negative value (returns) makes no share either.
  if (lastYear.some((value) => value > 0) && lastYear.every((value) => value >= 0)) {
    choices.unshift({
      key: "lastYear",
      label: "By last year's shares",
      profile: { kind: "lastYear", values: lastYear },
    });
  }
  // The plan's own profiles (GU Profiles) come after the built-in ones, in the table's order.
  for (const profile of named) {
    if (profile.shares.length === periodCount)
      choices.push({
        key: `named:${profile.name}`,
        label: profile.name,
        profile: { kind: "shares", shares: profile.shares },
      });
  }
  if (periodCount === 12) {
    for (const pattern of WEEK_PATTERNS)
      choices.push({ key: pattern, label: `By weeks, ${pattern}`, profile: { kind: "weeks", pattern, yearWeeks: 52 } });
  }
  return choices;
}
