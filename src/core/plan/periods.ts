import { planMessages } from "../messages";
import { GRAINS, type Grain } from "./types";

export const MAX_PERIODS = 120;

/**
 * Month names are fixed English abbreviations, not the user's locale: period labels are column
 * headers and audit field names in a shared workbook, so they must read the same for everyone.
 */
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** What is wrong with each field of the periods form; null where the field is fine. */
export interface PeriodProblems {
  readonly start: string | null;
  readonly grain: string | null;
  readonly count: string | null;
}

/** Thrown by `makePeriods` when called with input that `checkPeriods` would have refused. */
export class PeriodsError extends Error {
  override readonly name = "PeriodsError";
}

/** Year and month (1-12) of "yyyy-mm" (as `<input type="month">` gives it; "2027-1" also works). */
export function parseMonth(start: string): { readonly year: number; readonly month: number } | null {
  const match = /^\s*(\d{4})-(\d{1,2})\s*$/.exec(start);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return year >= 1 && month >= 1 && month <= 12 ? { year, month } : null;
}

/** Checks the form before `makePeriods`; each message is shown beside its field. */
export function checkPeriods(start: string, grain: string, count: number): PeriodProblems {
  return {
    start: parseMonth(start) === null ? planMessages.periodStart : null,
    grain: (GRAINS as readonly string[]).includes(grain) ? null : planMessages.periodGrain,
    count: Number.isInteger(count) && count >= 1 && count <= MAX_PERIODS ? null : planMessages.periodCount(MAX_PERIODS),
  };
}

export function hasPeriodProblems(problems: PeriodProblems): boolean {
  return problems.start !== null || problems.grain !== null || problems.count !== null;
}

/**
 * Labels of `count` consecutive periods from the one containing `start`: "Jan 2027", "Q1 2027"
 * (calendar quarters: a start in Feb gives Q1) or "2027". Throws `PeriodsError` on input that
 * `checkPeriods` refuses.
 */
export function makePeriods(start: string, grain: Grain, count: number): string[] {
  const problems = checkPeriods(start, grain, count);
  if (hasPeriodProblems(problems)) {
    throw new PeriodsError([problems.start, problems.grain, problems.count].filter((p) => p !== null).join("; "));
  }
  const { year, month } = parseMonth(start) as { year: number; month: number };
  const labels: string[] = [];
  for (let i = 0; i < count; i++) {
    if (grain === "month") {
      const m = month - 1 + i;
      labels.push(`${MONTHS[m % 12]} ${year + Math.floor(m / 12)}`);
    } else if (grain === "quarter") {
      const q = Math.floor((month - 1) / 3) + i;
      labels.push(`Q${(q % 4) + 1} ${year + Math.floor(q / 4)}`);
    } else {
      labels.push(String(year + i));
    }
  }
  return labels;
}
