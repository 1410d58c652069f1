import { taskPaneMessages } from "../../../core/messages";
import { decimalPlaces, formatNumber, parseNumber } from "../../../core/plan/numbers";
import { checkPeriods, makePeriods } from "../../../core/plan/periods";
import {
  WEEK_PATTERNS,
  type FiscalCalendar,
  type FiscalPeriod,
  type WeekPattern,
} from "../../../core/plan/fiscalCalendar";
import {
  calendarPeriods,
  checkCalendar,
  hasCalendarProblems,
  type PlanCalendar,
} from "../../../core/plan/planCalendar";
import type { EntryMode, EntrySettings } from "../../../core/plan/entrySettings";
import { readPeople } from "../../../core/plan/layout/settingsTable";
import { MAX_DECIMALS } from "../../../core/allocation";
import {
  formatMeasure,
  formatRatio,
  isRatioLine,
  parseMeasure,
  parseRatio,
  type Measure,
  type RatioMeasure,
} from "../../../core/plan/measures";
import type { Grain, PlanSettings } from "../../../core/plan/types";
import { NO_OVER_ASSIGNMENT, readOverAssignment } from "../../../core/territory/overAssignment";
import {
  formatLevels,
  hasGuardrails,
  parseLevels,
  type GuardrailAction,
  type Guardrails,
} from "../../../core/plan/guardrailSettings";

/** The settings form as typed. */
export interface SettingsDraft {
  readonly name: string;
  readonly metric: string;
  readonly unit: string;
  readonly decimals: number;
  /** The measures after the first, one per line as "name | unit | decimals" (measures.ts). */
  readonly moreMeasures: string;
  /** Percent, as typed in the user's locale. */
  readonly tolerance: string;
  /** Percent, as typed in the user's locale: 110 lets managers hold 10 % above their team's targets. */
  readonly overAssignment: string;
  readonly allowNegative: boolean;
  /** yyyy-mm-dd or "" */
  readonly deadline: string;
  /** Keep the existing plan's period labels instead of making new ones. */
  readonly keepPeriods: boolean;
  /** yyyy-mm */
  readonly start: string;
  readonly grain: Grain;
  readonly count: string;
  /** Owner names or e-mail addresses separated by ";"; blank: anyone. */
  readonly topDownEditors: string;
  readonly approvers: string;
  /** Guardrails as typed: numbers in the plan's unit, growth in percent; blank: no bound. */
  readonly minValue: string;
  readonly maxValue: string;
  readonly minGrowth: string;
  readonly maxGrowth: string;
  readonly whenBroken: GuardrailAction;
  /** The levels the bounds apply to, as typed ("4", "3-4"); blank: every level. */
  readonly levels: string;
  /** The measure the bounds apply to, by name; blank: the first. */
  readonly guardrailMeasure: string;
  /** How new periods are made: calendar months from `start`, a fiscal year of months, or of weeks. */
  readonly calendar: CalendarChoice;
  /** 1-12: the month a fiscal year of calendar months starts in. */
  readonly fiscalStartMonth: number;
  /** 1-12, 0-6 (Sunday first), and how: the end of a fiscal year of weeks. */
  readonly fiscalEndMonth: number;
  readonly fiscalEndWeekday: number;
  readonly fiscalYearEnd: "last" | "nearest";
  /** Whether FY2027 is the year that ends, or that starts, in 2027. */
  readonly fiscalNamedBy: "end" | "start";
  /** The fiscal year of the first period, as typed ("2027"). */
  readonly firstYear: string;
  readonly entryMode: EntryMode;
  /** The default spread of an annual number: "even", "lastYear" or a profile's name. */
  readonly annualSpread: string;
  /** Refuse a submission whose periods don't add up to the annual number typed. */
  readonly annualEqual: boolean;
}

/** "calendar": calendar months, as plans have always had; "fiscal": a fiscal year of calendar months. */
export type CalendarChoice = "calendar" | "fiscal" | WeekPattern;

export const CALENDAR_CHOICES: readonly CalendarChoice[] = ["calendar", "fiscal", ...WEEK_PATTERNS];

export type DraftField =
  | "name"
  | "moreMeasures"
  | "guardrailMeasure"
  | "tolerance"
  | "overAssignment"
  | "start"
  | "grain"
  | "count"
  | "minValue"
  | "maxValue"
  | "minGrowth"
  | "maxGrowth"
  | "levels"
  | "calendar"
  | "firstYear";

export type DraftResult =
  | { readonly ok: true; readonly settings: PlanSettings }
  | { readonly ok: false; readonly errors: Readonly<Partial<Record<DraftField, string>>> };

export const DECIMAL_CHOICES = [0, 1, 2, 3, 4] as const;

export function initialDraft(existing: PlanSettings | null, locale: string, today: Date): SettingsDraft {
  const kept = existing?.calendar;
  const fiscal = kept?.calendar;
  // Rounded so binary noise (0.07 * 100 = 7.000000000000001) doesn't show as decimals.
  const percent = Math.round((existing?.tolerance ?? 0.05) * 100 * 1e6) / 1e6;
  const over = Math.round((existing?.overAssignment ?? NO_OVER_ASSIGNMENT) * 100 * 1e6) / 1e6;
  return {
    name: existing?.name ?? "",
    metric: existing?.metric ?? "Revenue",
    unit: existing?.unit ?? "",
    decimals: existing?.decimals ?? 0,
    moreMeasures: [
      ...(existing?.moreMeasures ?? []).map(formatMeasure),
      ...(existing?.ratios ?? []).map(formatRatio),
    ].join("\n"),
    tolerance: formatNumber(percent, locale, decimalPlaces(percent)),
    overAssignment: formatNumber(over, locale, decimalPlaces(over)),
    allowNegative: existing?.allowNegative ?? false,
    deadline: existing?.deadline ?? "",
    keepPeriods: existing !== null,
    start: `${today.getFullYear() + 1}-01`,
    grain: kept?.grain ?? "quarter",
    count: kept === undefined ? "4" : String(existing?.periods.length ?? 4),
    topDownEditors: (existing?.topDownEditors ?? []).join("; "),
    approvers: (existing?.approvers ?? []).join("; "),
    minValue: boundText(existing?.guardrails?.minValue ?? null, locale, 1),
    maxValue: boundText(existing?.guardrails?.maxValue ?? null, locale, 1),
    minGrowth: boundText(existing?.guardrails?.minGrowth ?? null, locale, 100),
    maxGrowth: boundText(existing?.guardrails?.maxGrowth ?? null, locale, 100),
    whenBroken: existing?.guardrails?.whenBroken ?? "block",
    levels: formatLevels(existing?.guardrails?.levels ?? null),
    guardrailMeasure: existing?.guardrails?.measure ?? "",
    calendar: fiscal === undefined ? "calendar" : fiscal.kind === "months" ? "fiscal" : fiscal.pattern,
    fiscalStartMonth: fiscal?.kind === "months" ? fiscal.startMonth : 7,
    fiscalEndMonth: fiscal?.kind === "weeks" ? fiscal.endMonth : 12,
    fiscalEndWeekday: fiscal?.kind === "weeks" ? fiscal.endWeekday : 6,
    fiscalYearEnd: fiscal?.kind === "weeks" ? fiscal.yearEnd : "last",
    fiscalNamedBy: fiscal?.namedBy ?? "end",
    firstYear: String(kept?.firstYear ?? today.getFullYear() + 1),
    entryMode: existing?.entry?.mode ?? "periods",
    annualSpread: existing?.entry?.spread ?? "even",
    annualEqual: existing?.entry?.annualTarget === "equal",
  };
}

/**
 * The measures typed after the first, one per line, and the ratios among them (a line with a
 * fourth part, "numerator / denominator", naming measures on any line); a bad line, or a name
 * taken twice, names its line.
 */
function measuresFromDraft(
  draft: SettingsDraft,
  errors: Partial<Record<DraftField, string>>,
): { measures: Measure[]; ratios: RatioMeasure[] } {
  const measures: Measure[] = [];
  const ratios: RatioMeasure[] = [];
  const lines = draft.moreMeasures.split("\n");
  const enteredNames = [
    draft.metric.trim(),
    ...lines.filter((line) => line.trim() !== "" && !isRatioLine(line)).map((line) => line.split("|")[0].trim()),
  ];
  const names = new Set([draft.metric.trim().toLowerCase()]);
  lines.forEach((line, i) => {
    if (line.trim() === "" || errors.moreMeasures !== undefined) return;
    const read = isRatioLine(line) ? parseRatio(line, enteredNames, MAX_DECIMALS) : parseMeasure(line, MAX_DECIMALS);
    if (!read.ok) {
      errors.moreMeasures = taskPaneMessages.badMeasureLine(i + 1, read.expected);
      return;
    }
    const measure = "ratio" in read ? read.ratio : read.measure;
    if (names.has(measure.name.toLowerCase())) {
      errors.moreMeasures = taskPaneMessages.duplicateMeasureLine(i + 1, measure.name);
      return;
    }
    names.add(measure.name.toLowerCase());
    if ("ratio" in read) ratios.push(read.ratio);
    else measures.push(read.measure);
  });
  return { measures, ratios };
}

/** The fiscal calendar chosen, or null for calendar months; the first year NaN where it is not a year. */
export function draftCalendar(draft: SettingsDraft): PlanCalendar | null {
  if (draft.calendar === "calendar") return null;
  const calendar: FiscalCalendar =
    draft.calendar === "fiscal"
      ? { kind: "months", startMonth: draft.fiscalStartMonth, namedBy: draft.fiscalNamedBy }
      : {
          kind: "weeks",
          pattern: draft.calendar,
          endMonth: draft.fiscalEndMonth,
          endWeekday: draft.fiscalEndWeekday,
          yearEnd: draft.fiscalYearEnd,
          namedBy: draft.fiscalNamedBy,
        };
  const firstYear = /^\s*\d{1,4}\s*$/.test(draft.firstYear) ? Number(draft.firstYear) : Number.NaN;
  return { calendar, firstYear, grain: draft.grain };
}

/** The periods a fiscal calendar as typed makes, with their dates; null for calendar months or while a field is wrong. */
export function previewPeriods(draft: SettingsDraft): FiscalPeriod[] | null {
  const plan = draftCalendar(draft);
  const count = Number(draft.count.trim() === "" ? NaN : draft.count);
  if (plan === null || hasCalendarProblems(checkCalendar(plan, count))) return null;
  return calendarPeriods(plan, count);
}

function entryFromDraft(draft: SettingsDraft): EntrySettings | undefined {
  if (draft.entryMode !== "annual") return undefined;
  return { mode: "annual", spread: draft.annualSpread, annualTarget: draft.annualEqual ? "equal" : "free" };
}

/** A bound as the form shows it (`scale` 100 for a percentage); blank for none. */
function boundText(value: number | null, locale: string, scale: number): string {
  if (value === null) return "";
  const shown = Math.round(value * scale * 1e6) / 1e6;
  return formatNumber(shown, locale, decimalPlaces(shown));
}

/**
 * The guardrails typed, or undefined when every bound is blank (no guardrails); each bad field gets
 * its message in `errors`. `measureNames` are the plan's entered measures, the metric first: the
 * bounds may be set on one of them, not on a ratio, which nobody enters.
 */
function guardrailsFromDraft(
  draft: SettingsDraft,
  locale: string,
  errors: Partial<Record<DraftField, string>>,
  measureNames: readonly string[],
): Guardrails | undefined {
  const bound = (field: "minValue" | "maxValue" | "minGrowth" | "maxGrowth", scale: number): number | null => {
    if (draft[field].trim() === "") return null;
    const parsed = parseNumber(draft[field], locale);
    if (!parsed.ok) errors[field] = parsed.message;
    return parsed.ok && parsed.value !== null ? parsed.value / scale : null;
  };
  const rails: Guardrails = {
    minValue: bound("minValue", 1),
    maxValue: bound("maxValue", 1),
    minGrowth: bound("minGrowth", 100),
    maxGrowth: bound("maxGrowth", 100),
    whenBroken: draft.whenBroken,
    levels: null,
  };
  const measure = draft.guardrailMeasure.trim();
  const named = measureNames.find((name) => name !== "" && name.toLowerCase() === measure.toLowerCase());
  // Only once the measures read: a measure on a mistyped line is named there, not twice.
  if (measure !== "" && named === undefined && errors.moreMeasures === undefined)
    errors.guardrailMeasure = taskPaneMessages.unknownMeasure(measure);
  const levels = parseLevels(draft.levels);
  if (levels === undefined) errors.levels = taskPaneMessages.badLevels;
  if (rails.minValue !== null && rails.maxValue !== null && rails.minValue > rails.maxValue)
    errors.maxValue = taskPaneMessages.maxBelowMin;
  if (rails.minGrowth !== null && rails.maxGrowth !== null && rails.minGrowth > rails.maxGrowth)
    errors.maxGrowth = taskPaneMessages.maxBelowMin;
  // The first measure is the default: naming it keeps no row.
  const onMeasure = named === undefined || named === measureNames[0] ? {} : { measure: named };
  return hasGuardrails(rails) ? { ...rails, levels: levels ?? null, ...onMeasure } : undefined;
}

/** The settings to write, or the message to show beside each field that is not right yet. */
export function settingsFromDraft(draft: SettingsDraft, existing: PlanSettings | null, locale: string): DraftResult {
  const errors: Partial<Record<DraftField, string>> = {};
  if (draft.name.trim() === "") errors.name = taskPaneMessages.nameRequired;

  const tolerance = parseNumber(draft.tolerance, locale);
  if (!tolerance.ok) errors.tolerance = tolerance.message;
  else if (tolerance.value === null || tolerance.value < 0 || tolerance.value > 100)
    errors.tolerance = taskPaneMessages.toleranceRange;

  // Blank is none, as a blank row in the settings table reads.
  const over = draft.overAssignment.trim() === "" ? null : parseNumber(draft.overAssignment, locale);
  let overAssignment = NO_OVER_ASSIGNMENT;
  if (over !== null) {
    if (!over.ok) errors.overAssignment = over.message;
    else if (over.value !== null) {
      const read = readOverAssignment(over.value / 100);
      if (read.ok) overAssignment = read.value;
      else errors.overAssignment = taskPaneMessages.overAssignmentRange;
    }
  }

  const { measures: moreMeasures, ratios } = measuresFromDraft(draft, errors);
  const guardrails = guardrailsFromDraft(draft, locale, errors, [
    draft.metric.trim(),
    ...moreMeasures.map((measure) => measure.name),
  ]);

  let periods: readonly string[] = existing?.periods ?? [];
  // Kept periods keep the calendar they were made from.
  let calendar = existing?.calendar;
  if (!draft.keepPeriods || existing === null) {
    const count = Number(draft.count.trim() === "" ? NaN : draft.count);
    const fiscal = draftCalendar(draft);
    if (fiscal === null) {
      const problems = checkPeriods(draft.start, draft.grain, count);
      if (problems.start !== null) errors.start = problems.start;
      if (problems.grain !== null) errors.grain = problems.grain;
      if (problems.count !== null) errors.count = problems.count;
      if (Object.keys(errors).length === 0) periods = makePeriods(draft.start, draft.grain, count);
      calendar = undefined;
    } else {
      const problems = checkCalendar(fiscal, count);
      if (problems.calendar !== null) errors.calendar = problems.calendar;
      if (Number.isNaN(fiscal.firstYear)) errors.firstYear = taskPaneMessages.firstYearRequired;
      else if (problems.firstYear !== null) errors.firstYear = problems.firstYear;
      if (problems.count !== null) errors.count = problems.count;
      if (Object.keys(errors).length === 0) periods = calendarPeriods(fiscal, count).map((period) => period.label);
      calendar = fiscal;
    }
  }
  const entry = entryFromDraft(draft);

  if (Object.keys(errors).length > 0 || !tolerance.ok || tolerance.value === null) return { ok: false, errors };
  const topDownEditors = readPeople(draft.topDownEditors);
  const approvers = readPeople(draft.approvers);
  return {
    ok: true,
    settings: {
      name: draft.name.trim(),
      metric: draft.metric.trim(),
      unit: draft.unit.trim(),
      periods,
      decimals: draft.decimals,
      ...(moreMeasures.length === 0 ? {} : { moreMeasures }),
      ...(ratios.length === 0 ? {} : { ratios }),
      tolerance: tolerance.value / 100,
      deadline: draft.deadline === "" ? null : draft.deadline,
      allowNegative: draft.allowNegative,
      ...(overAssignment === NO_OVER_ASSIGNMENT ? {} : { overAssignment }),
      ...(topDownEditors.length === 0 ? {} : { topDownEditors }),
      ...(approvers.length === 0 ? {} : { approvers }),
      ...(guardrails === undefined ? {} : { guardrails }),
      ...(calendar === undefined ? {} : { calendar }),
      ...(entry === undefined ? {} : { entry }),
      // Not on the form: kept from the Balance view, and kept through a new setup.
      ...(existing?.balancing === undefined ? {} : { balancing: existing.balancing }),
    },
  };
}
