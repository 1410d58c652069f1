/**
 * Fiscal years and their months and quarters, as planning teams define them: calendar months from
 * any start month, or whole weeks grouped 4-4-5, 4-5-4 or 5-4-4 in a year that ends on a fixed
 * weekday (retail's NRF calendar and many US companies), which makes some years 53 weeks long.
 *
 * Dates are day numbers (days since 1970-01-01) computed with integer arithmetic and written as ISO
 * "yyyy-mm-dd": a fiscal calendar is the same everywhere, so no time zone, and no `Date`, takes part.
 *
 * A fiscal year is named by the calendar year in which it ends (Microsoft's FY2027 runs July 2026 to
 * June 2027), unless the calendar says `namedBy: "start"` (the NRF's retail year 2026 starts in
 * February 2026 and ends around 31 January 2027).
 */
import { planMessages } from "../messages";

export const WEEK_PATTERNS = ["4-4-5", "4-5-4", "5-4-4"] as const;
/** Weeks of the three months of each quarter. */
export type WeekPattern = (typeof WEEK_PATTERNS)[number];

/** Weekdays as `Date.prototype.getUTCDay` numbers them: 0 is Sunday. */
export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/** Fixed English abbreviations, as the plan's period labels (./periods) use. */
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export type FiscalCalendar =
  | {
      /** Calendar months; the year starts on the 1st of `startMonth` (1-12). */
      readonly kind: "months";
      readonly startMonth: number;
      readonly namedBy?: "end" | "start";
    }
  | {
      /** Whole weeks, 52 or 53 a year, months of `pattern` weeks. */
      readonly kind: "weeks";
      readonly pattern: WeekPattern;
      /** The month (1-12) the year ends in or near. */
      readonly endMonth: number;
      /** The weekday every fiscal week ends on, 0 (Sunday) to 6 (Saturday). */
      readonly endWeekday: number;
      /**
       * "last": the year ends on the last `endWeekday` of `endMonth`. "nearest": on the `endWeekday`
       * nearest the last day of `endMonth`, up to three days into the next month (NRF: the Saturday
       * nearest 31 January).
       */
      readonly yearEnd: "last" | "nearest";
      readonly namedBy?: "end" | "start";
    };

export interface FiscalPeriod {
  /** "Feb 2026" for a month (the calendar month it stands for), "Q1 FY2026" for a quarter. */
  readonly label: string;
  /** The first and the last day, inclusive, as "yyyy-mm-dd". */
  readonly first: string;
  readonly last: string;
  /** Whole weeks in a week calendar; undefined in a month calendar, whose months are not whole weeks. */
  readonly weeks: number | undefined;
}

export interface FiscalYear {
  /** The year's name: FY2026 is 2026. */
  readonly year: number;
  readonly first: string;
  readonly last: string;
  /** 52 or 53 in a week calendar; undefined in a month calendar. */
  readonly weeks: number | undefined;
  readonly months: readonly FiscalPeriod[];
  readonly quarters: readonly FiscalPeriod[];
}

/** Thrown by `fiscalYear` for a calendar or year that `fiscalCalendarProblem` would refuse. */
export class FiscalCalendarError extends Error {
  override readonly name = "FiscalCalendarError";
}

const MIN_YEAR = 2;
const MAX_YEAR = 9998;

/**
 * Weeks of each of the 12 months. In a 53-week year the 53rd week goes to the last month of the
 * year, as the NRF calendar and most 4-4-5 companies add it: 4-4-5 ends 4-4-6.
 */
export function monthWeeks(pattern: WeekPattern, yearWeeks: 52 | 53 = 52): number[] {
  const quarter = pattern.split("-").map(Number);
  const weeks = [...quarter, ...quarter, ...quarter, ...quarter];
  if (yearWeeks === 53) weeks[11] += 1;
  return weeks;
}

/** Why `calendar` cannot give fiscal year `year`, or undefined if it can. */
export function fiscalCalendarProblem(calendar: FiscalCalendar, year: number): string | undefined {
  if (!isWhole(year, MIN_YEAR, MAX_YEAR)) return planMessages.fiscalYear(String(year), MIN_YEAR, MAX_YEAR);
  if (calendar.kind === "months") {
    return isWhole(calendar.startMonth, 1, 12) ? undefined : planMessages.fiscalMonth(String(calendar.startMonth));
  }
  if (!(WEEK_PATTERNS as readonly string[]).includes(calendar.pattern)) {
    return planMessages.weekPattern(String(calendar.pattern), WEEK_PATTERNS);
  }
  if (!isWhole(calendar.endMonth, 1, 12)) return planMessages.fiscalMonth(String(calendar.endMonth));
  if (!isWhole(calendar.endWeekday, 0, 6)) return planMessages.fiscalWeekday(String(calendar.endWeekday));
  if (calendar.yearEnd !== "last" && calendar.yearEnd !== "nearest") {
    return planMessages.fiscalYearEnd(String(calendar.yearEnd));
  }
  return undefined;
}

/** Fiscal year `year` of `calendar`: its dates, its 12 months and its 4 quarters. */
export function fiscalYear(calendar: FiscalCalendar, year: number): FiscalYear {
  const problem = fiscalCalendarProblem(calendar, year);
  if (problem !== undefined) throw new FiscalCalendarError(problem);
  const endMonth = calendar.kind === "months" ? ((calendar.startMonth + 10) % 12) + 1 : calendar.endMonth;
  // Named by its start, a year that does not end in December ends in the next calendar year.
  const endYear = calendar.namedBy === "start" && endMonth !== 12 ? year + 1 : year;
  // The calendar month the first fiscal month stands for.
  const startMonth = (endMonth % 12) + 1;
  const startYear = endMonth === 12 ? endYear : endYear - 1;
  const monthLabel = (i: number): string => {
    const month = startMonth - 1 + i;
    return `${MONTHS[month % 12]} ${startYear + Math.floor(month / 12)}`;
  };

  const months: FiscalPeriod[] = [];
  let first: number;
  let last: number;
  let weeks: number | undefined;
  if (calendar.kind === "months") {
    first = dayNumber(startYear, startMonth, 1);
    last = dayNumber(endYear, endMonth + 1, 1) - 1;
    for (let i = 0; i < 12; i++) {
      const month = startMonth - 1 + i;
      const monthYear = startYear + Math.floor(month / 12);
      const start = dayNumber(monthYear, (month % 12) + 1, 1);
      const end = dayNumber(monthYear, (month % 12) + 2, 1) - 1;
      months.push({ label: monthLabel(i), first: isoDate(start), last: isoDate(end), weeks: undefined });
    }
  } else {
    first = weekYearEnd(calendar, endYear - 1) + 1;
    last = weekYearEnd(calendar, endYear);
    weeks = (last - first + 1) / 7;
    let start = first;
    monthWeeks(calendar.pattern, weeks === 53 ? 53 : 52).forEach((count, i) => {
      const end = start + 7 * count - 1;
      months.push({ label: monthLabel(i), first: isoDate(start), last: isoDate(end), weeks: count });
      start = end + 1;
    });
  }
  const quarters = [0, 1, 2, 3].map((q): FiscalPeriod => ({
    label: `Q${q + 1} FY${year}`,
    first: months[3 * q].first,
    last: months[3 * q + 2].last,
    weeks: weeks === undefined ? undefined : months.slice(3 * q, 3 * q + 3).reduce((sum, m) => sum + (m.weeks ?? 0), 0),
  }));
  return { year, first: isoDate(first), last: isoDate(last), weeks, months, quarters };
}

/** The day number of the last day of the week-calendar year ending in `endMonth` of calendar year `year`. */
function weekYearEnd(calendar: Extract<FiscalCalendar, { kind: "weeks" }>, year: number): number {
  const monthEnd = dayNumber(year, calendar.endMonth + 1, 1) - 1;
  const ahead = (calendar.endWeekday - weekday(monthEnd) + 7) % 7;
  if (calendar.yearEnd === "nearest" && ahead <= 3) return monthEnd + ahead;
  return monthEnd + ahead - (ahead === 0 ? 0 : 7);
}

function isWhole(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Days from 1970-01-01 to the given date of the proleptic Gregorian calendar; `month` may be 13 (the
 * January after). Howard Hinnant's days_from_civil: years counted from March, so the leap day is last.
 */
export function dayNumber(year: number, month: number, day: number): number {
  const m = month > 12 ? month - 12 : month;
  const y = (month > 12 ? year + 1 : year) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** 0 (Sunday) to 6 (Saturday); 1970-01-01 was a Thursday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** "yyyy-mm-dd" of a day number (Hinnant's civil_from_days). */
export function isoDate(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(dayOfMonth).padStart(2, "0")}`;
}
