/**
 * Annual entry: a contributor types one annual number and spreads it over the plan's periods by a
 * profile (issue 12), as reps think in annual targets and the plan needs quarters or months. The
 * profiles offered depend on what the plan knows: an even spread always, last year's shares where
 * the node has last year's values, the plan's named seasonality profiles (GU Profiles), and the
 * week patterns of a 4-4-5 calendar for twelve periods.
 * The rounding is BU.SPREAD's (largest remainder), so the periods add up exactly to the total.
 */
import { toUnits } from "../allocation";
import { planMessages } from "../messages";
import { WEEK_PATTERNS } from "./fiscalCalendar";
import type { SpreadProfile } from "../spread";
import { spreadKey } from "./entrySettings";
import { datedPeriods } from "./planCalendar";
import { formatNumber, parseNumber } from "./numbers";
import type { NamedProfile, PeriodValues, PlanSettings } from "./types";
import { columnSettings, measureColumns, planMeasures } from "./measures";

export interface SpreadChoice {
  readonly key: string;
  readonly label: string;
  readonly profile: SpreadProfile;
}

/**
 * The profiles a node's annual number can be spread by, the first the default. `calendarWeeks`: the
 * weeks of each of the plan's periods, where a fiscal calendar of weeks made them (`planWeeks`).
 */
export function spreadChoices(
  periodCount: number,
  reference: PeriodValues | undefined,
  named: readonly NamedProfile[] = [],
  calendarWeeks?: readonly number[],
): SpreadChoice[] {
  const choices: SpreadChoice[] = [{ key: "even", label: "Evenly", profile: { kind: "even", periods: periodCount } }];
  // The plan's own weeks, 53-week years and 13-week quarters included, in proportion.
  if (calendarWeeks !== undefined && calendarWeeks.length === periodCount)
    choices.push({
      key: "weeks",
      label: "By the fiscal calendar's weeks",
      profile: { kind: "lastYear", values: calendarWeeks },
    });
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

/** The weeks of each of the plan's periods, where a fiscal calendar of weeks made them; else undefined. */
export function planWeeks(settings: PlanSettings): number[] | undefined {
  if (settings.calendar?.calendar.kind !== "weeks") return undefined;
  const weeks = datedPeriods(settings.calendar, settings.periods)?.map((period) => period.weeks ?? 0);
  return weeks?.every((count) => count > 0) ? weeks : undefined;
}

/**
 * The choice a node's annual number is spread by at first: the plan's default spread (annual entry)
 * where the node can use it (last year's shares need last year's values, a named profile must still
 * be in GU Profiles with a share per period); else evenly, which every node can.
 */
export function defaultChoice(choices: readonly SpreadChoice[], settings: PlanSettings): SpreadChoice {
  const even = choices.find((choice) => choice.key === "even") ?? choices[0];
  if (settings.entry === undefined) return choices[0];
  return choices.find((choice) => choice.key === spreadKey(settings.entry?.spread ?? "")) ?? even;
}

/**
 * How node `id`'s `values` miss the annual number typed for it (`annualText`), or null: the
 * statement My targets shows while typing, and `annualTargetProblem` refuses a submission with. Only a plan in annual entry whose annualTarget is "equal" holds the
 * periods to the annual number, at the plan's decimals; with no annual number typed there is
 * nothing to hold them to. The plan keeps the periods, not the annual number (no column for it in
 * GU Inputs), so this is checked where the number is typed: in the task pane, before submitting.
 */
export function annualTargetBreak(
  settings: PlanSettings,
  id: string,
  annualText: string | undefined,
  values: PeriodValues,
  locale: string,
): string | null {
  if (settings.entry?.mode !== "annual" || settings.entry.annualTarget !== "equal") return null;
  if (annualText === undefined || annualText.trim() === "") return null;
  const annual = parseNumber(annualText, locale);
  if (!annual.ok) return planMessages.annualUnreadable(id, annual.message);
  if (annual.value === null) return null;
  let sum = 0;
  for (const value of values) if (value !== null) sum += toUnits(value, settings.decimals);
  const expected = toUnits(annual.value, settings.decimals);
  if (sum === expected) return null;
  const shown = (units: number): string => formatNumber(units / 10 ** settings.decimals, locale, settings.decimals);
  return planMessages.annualNotSum(id, shown(expected), shown(sum));
}

/** Why node `id` can't be submitted with `values` against its annual number, or null (`annualTargetBreak`). */
export function annualTargetProblem(
  settings: PlanSettings,
  id: string,
  annualText: string | undefined,
  values: PeriodValues,
  locale: string,
): string | null {
  const problem = annualTargetBreak(settings, id, annualText, values, locale);
  return problem === null ? null : planMessages.annualRefused(problem);
}

/**
 * `annualTargetProblem` for every measure of the plan: each measure's periods (of `values`, all
 * the node's value columns) against its own annual number (`annualTexts`, per measure), in its
 * decimals; the first problem, or null.
 */
export function annualTargetProblemOfMeasures(
  settings: PlanSettings,
  id: string,
  annualTexts: readonly (string | undefined)[] | undefined,
  values: PeriodValues,
  locale: string,
): string | null {
  for (const [m, measure] of planMeasures(settings).entries()) {
    const problem = annualTargetProblem(
      columnSettings(settings, measure.decimals),
      id,
      annualTexts?.[m],
      measureColumns(settings, m).map((c) => values[c] ?? null),
      locale,
    );
    if (problem !== null) return problem;
  }
  return null;
}
