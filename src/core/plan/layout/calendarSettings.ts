/**
 * The settings rows of a fiscal calendar (calendar, fiscalStartMonth, fiscalEndMonth,
 * fiscalEndWeekday, fiscalYearEnd, fiscalNamedBy, firstFiscalYear, periodGrain, and periodDates,
 * each period's first and last day for a planner to check) and of annual entry (entryMode,
 * annualSpread, annualTarget). Written only where the plan has them, so a plan with calendar periods
 * and a value per period keeps the table it always had, and a table without them reads as such.
 * The period rows stay what the plan's columns are: the calendar rows say how they were made, so a
 * new setup offers the same calendar again.
 */
import { asNumber, isBlank } from "../../cell";
import { WEEKDAYS, WEEK_PATTERNS, fiscalCalendarProblem, type FiscalCalendar } from "../fiscalCalendar";
import { ANNUAL_TARGETS, ENTRY_MODES, type EntrySettings } from "../entrySettings";
import { datedPeriods, periodDateText, type PlanCalendar } from "../planCalendar";
import { GRAINS, type PlanSettings } from "../types";
import { cellText, type LayoutCell } from "./cells";
import { headerKey } from "./grids";

export const CALENDAR_KEYS = [
  "calendar",
  "fiscalStartMonth",
  "fiscalEndMonth",
  "fiscalEndWeekday",
  "fiscalYearEnd",
  "fiscalNamedBy",
  "firstFiscalYear",
  "periodGrain",
  "periodDates",
] as const;
export const ENTRY_KEYS = ["entryMode", "annualSpread", "annualTarget"] as const;
type CalendarKey = (typeof CALENDAR_KEYS)[number];
type EntryKey = (typeof ENTRY_KEYS)[number];

/** The `calendar` row's value for a calendar of calendar months from any start month. */
const FISCAL_MONTHS = "fiscal";

interface Setting {
  readonly value: unknown;
  readonly row: number;
}
type Get = (key: CalendarKey | EntryKey) => Setting | undefined;
type Bad = (key: CalendarKey | EntryKey, setting: Setting, expected: string) => void;

/**
 * The calendar rows' values; null for a row the plan does not write. "4-4-5" goes in as text through
 * `toCellInput` (Excel would make it a date; ../text.ts cites the page), and periodDates stays far
 * below a cell's 32,767 characters: at most 120 periods of about 37 characters.
 */
export function calendarCells(settings: PlanSettings): Record<CalendarKey, LayoutCell> {
  const plan = settings.calendar;
  const calendar = plan?.calendar;
  const weeks = calendar?.kind === "weeks" ? calendar : undefined;
  const dated = plan === undefined ? undefined : datedPeriods(plan, settings.periods);
  return {
    calendar: calendar === undefined ? null : calendar.kind === "months" ? FISCAL_MONTHS : calendar.pattern,
    fiscalStartMonth: calendar?.kind === "months" ? calendar.startMonth : null,
    fiscalEndMonth: weeks?.endMonth ?? null,
    fiscalEndWeekday: weeks === undefined ? null : (WEEKDAYS[weeks.endWeekday] ?? null),
    fiscalYearEnd: weeks?.yearEnd ?? null,
    fiscalNamedBy: calendar === undefined ? null : (calendar.namedBy ?? "end"),
    firstFiscalYear: plan?.firstYear ?? null,
    periodGrain: plan?.grain ?? null,
    periodDates: dated === undefined ? null : dated.map(periodDateText).join("; "),
  };
}

/** The entry rows' values; null while the plan enters a value per period. */
export function entryCells(entry: EntrySettings | undefined): Record<EntryKey, LayoutCell> {
  return {
    entryMode: entry?.mode ?? null,
    annualSpread: entry?.spread ?? null,
    annualTarget: entry?.annualTarget ?? null,
  };
}

/**
 * The plan calendar the rows hold; undefined without a calendar row. A bad row is reported by
 * `bad`, a row the calendar needs and does not have by `missing`.
 */
export function readCalendar(get: Get, bad: Bad, missing: (key: CalendarKey) => void): PlanCalendar | undefined {
  const kindSetting = get("calendar");
  if (kindSetting === undefined || isBlank(kindSetting.value)) return undefined;
  const kind = cellText(kindSetting.value).trim();
  const pattern = WEEK_PATTERNS.find((known) => known === kind);
  if (kind.toLowerCase() !== FISCAL_MONTHS && pattern === undefined) {
    bad("calendar", kindSetting, `"${FISCAL_MONTHS}" (calendar months) or a week pattern, "4-4-5", "4-5-4" or "5-4-4"`);
    return undefined;
  }
  const need = (key: CalendarKey): Setting | undefined => {
    const setting = get(key);
    if (setting === undefined) missing(key);
    return setting;
  };
  const namedBy = readChoice(get, bad, "fiscalNamedBy", ["end", "start"] as const, "end");
  let calendar: FiscalCalendar | undefined;
  if (pattern === undefined) {
    const startMonth = readMonth(need("fiscalStartMonth"), bad, "fiscalStartMonth");
    if (startMonth !== undefined) calendar = { kind: "months", startMonth, namedBy };
  } else {
    const endMonth = readMonth(need("fiscalEndMonth"), bad, "fiscalEndMonth");
    const endWeekday = readWeekday(need("fiscalEndWeekday"), bad);
    const yearEnd = readChoice(get, bad, "fiscalYearEnd", ["last", "nearest"] as const, "last");
    if (endMonth !== undefined && endWeekday !== undefined)
      calendar = { kind: "weeks", pattern, endMonth, endWeekday, yearEnd, namedBy };
  }
  const yearSetting = need("firstFiscalYear");
  const firstYear = yearSetting === undefined ? undefined : wholeNumber(yearSetting.value);
  // Any calendar has the same years; the calendar's own problems are its rows'.
  const yearOk =
    firstYear !== undefined && fiscalCalendarProblem({ kind: "months", startMonth: 1 }, firstYear) === undefined;
  if (yearSetting !== undefined && !yearOk) bad("firstFiscalYear", yearSetting, "a year like 2027");
  const grain = readChoice(get, bad, "periodGrain", GRAINS, "month");
  if (calendar === undefined || firstYear === undefined || !yearOk) return undefined;
  return { calendar, firstYear, grain };
}

/** A whole number, from a number cell or from digits typed as text. */
function wholeNumber(value: unknown): number | undefined {
  const number = asNumber(value) ?? (/^\s*\d+\s*$/.test(cellText(value)) ? Number(cellText(value)) : undefined);
  return number !== undefined && Number.isInteger(number) ? number : undefined;
}

const MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** A month row: 1 to 12, or a month's English name ("July", "Jul"). */
function readMonth(
  setting: Setting | undefined,
  bad: Bad,
  key: "fiscalStartMonth" | "fiscalEndMonth",
): number | undefined {
  if (setting === undefined) return undefined;
  const number = wholeNumber(setting.value);
  const text = headerKey(setting.value);
  const byName = text.length >= 3 ? MONTH_NAMES.indexOf(text.slice(0, 3)) + 1 : 0;
  const month = number !== undefined && number >= 1 && number <= 12 ? number : number === undefined ? byName : 0;
  if (month >= 1) return month;
  bad(key, setting, "a month from 1 to 12, like 7 for July");
  return undefined;
}

/** A weekday row: its English name ("Saturday", "Sat"); 0 (Sunday) to 6 (Saturday). */
function readWeekday(setting: Setting | undefined, bad: Bad): number | undefined {
  if (setting === undefined) return undefined;
  const text = headerKey(setting.value);
  const day = text.length >= 3 ? WEEKDAYS.findIndex((name) => name.toLowerCase().startsWith(text)) : -1;
  if (day >= 0) return day;
  bad("fiscalEndWeekday", setting, "a weekday like Saturday");
  return undefined;
}

/** One of `choices` (ignoring case), `fallback` when the row is absent or blank. */
function readChoice<T extends string>(
  get: Get,
  bad: Bad,
  key: CalendarKey | EntryKey,
  choices: readonly T[],
  fallback: T,
): T {
  const setting = get(key);
  if (setting === undefined || isBlank(setting.value)) return fallback;
  const text = headerKey(setting.value);
  const found = choices.find((choice) => choice.toLowerCase() === text);
  if (found === undefined) bad(key, setting, choices.map((choice) => `"${choice}"`).join(" or "));
  return found ?? fallback;
}

/** The entry settings the rows hold; undefined without an entryMode row (a value per period). */
export function readEntry(get: Get, bad: Bad): EntrySettings | undefined {
  if (ENTRY_KEYS.every((key) => get(key) === undefined)) return undefined;
  const mode = readChoice(get, bad, "entryMode", ENTRY_MODES, "periods");
  const spreadSetting = get("annualSpread");
  const spread = spreadSetting === undefined ? "" : cellText(spreadSetting.value).trim();
  const annualTarget = readChoice(get, bad, "annualTarget", ANNUAL_TARGETS, "free");
  return { mode, spread: spread === "" ? "even" : spread, annualTarget };
}
