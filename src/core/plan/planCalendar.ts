/**
 * A plan's periods from a fiscal calendar (./fiscalCalendar): `count` months, quarters or years in a
 * row from the start of fiscal year `firstYear`, each with its first and last day. A plan without a
 * calendar has calendar periods (./periods), as every plan made before fiscal calendars.
 *
 * Labels: a fiscal month is named by the calendar month it stands for ("Jul 2026", as a calendar
 * plan names it, and unique across years), a quarter "Q1 FY2027", a year "FY2027": none can be
 * "Id", and no two periods of a plan share one.
 */
import { planMessages } from "../messages";
import { MAX_PERIODS } from "./periods";
import {
  fiscalCalendarProblem,
  fiscalYear,
  FiscalCalendarError,
  type FiscalCalendar,
  type FiscalPeriod,
} from "./fiscalCalendar";
import type { Grain } from "./types";

export interface PlanCalendar {
  readonly calendar: FiscalCalendar;
  /** The fiscal year of the first period, as the calendar names its years (FY2027 is 2027). */
  readonly firstYear: number;
  readonly grain: Grain;
}

/** What is wrong with each part of a plan calendar; null where the part is fine. */
export interface CalendarProblems {
  /** The calendar itself: a month, weekday or pattern it can't have. */
  readonly calendar: string | null;
  readonly firstYear: string | null;
  readonly count: string | null;
}

export function hasCalendarProblems(problems: CalendarProblems): boolean {
  return problems.calendar !== null || problems.firstYear !== null || problems.count !== null;
}

/** Checks a plan calendar and a number of periods before `calendarPeriods`; each message names its field. */
export function checkCalendar(plan: PlanCalendar, count: number): CalendarProblems {
  const countProblem =
    Number.isInteger(count) && count >= 1 && count <= MAX_PERIODS ? null : planMessages.periodCount(MAX_PERIODS);
  const yearProblem = fiscalCalendarProblem(plan.calendar, plan.firstYear);
  // A year problem is the first year's; any other is the calendar's (checked with a year that is fine).
  const calendarProblem = fiscalCalendarProblem(plan.calendar, 2000);
  let lastYearProblem: string | null = null;
  if (yearProblem === undefined && countProblem === null) {
    const last = plan.firstYear + yearsSpanned(plan.grain, count) - 1;
    lastYearProblem = fiscalCalendarProblem(plan.calendar, last) ?? null;
  }
  return {
    calendar: calendarProblem ?? null,
    firstYear: yearProblem !== undefined && calendarProblem === undefined ? yearProblem : lastYearProblem,
    count: countProblem,
  };
}

/** How many fiscal years `count` periods of `grain` reach into. */
function yearsSpanned(grain: Grain, count: number): number {
  const perYear = grain === "month" ? 12 : grain === "quarter" ? 4 : 1;
  return Math.ceil(count / perYear);
}

/**
 * `count` periods of `plan.grain` from the first day of fiscal year `plan.firstYear`, each with its
 * label and its first and last day. Throws `FiscalCalendarError` on what `checkCalendar` refuses.
 */
export function calendarPeriods(plan: PlanCalendar, count: number): FiscalPeriod[] {
  const problems = checkCalendar(plan, count);
  if (hasCalendarProblems(problems)) {
    throw new FiscalCalendarError(
      [problems.calendar, problems.firstYear, problems.count].filter((p) => p !== null).join("; "),
    );
  }
  const periods: FiscalPeriod[] = [];
  for (let year = plan.firstYear; periods.length < count; year++) {
    const fy = fiscalYear(plan.calendar, year);
    if (plan.grain === "year") periods.push({ label: `FY${year}`, first: fy.first, last: fy.last, weeks: fy.weeks });
    else periods.push(...(plan.grain === "month" ? fy.months : fy.quarters));
  }
  return periods.slice(0, count);
}

/**
 * The periods of a plan made with `plan`, when `labels` are still the ones it made (a planner may
 * have edited the period rows by hand since); undefined otherwise, so no date is shown for a period
 * it does not belong to.
 */
export function datedPeriods(plan: PlanCalendar, labels: readonly string[]): FiscalPeriod[] | undefined {
  if (hasCalendarProblems(checkCalendar(plan, labels.length))) return undefined;
  const periods = calendarPeriods(plan, labels.length);
  return periods.every((period, i) => period.label === labels[i]) ? periods : undefined;
}

/** "Q1 FY2027: 2026-07-01 to 2026-09-30", as the form and the periodDates setting show a period. */
export function periodDateText(period: FiscalPeriod): string {
  return `${period.label}: ${period.first} to ${period.last}`;
}
