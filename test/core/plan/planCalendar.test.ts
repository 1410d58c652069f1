/**
 * A plan's periods from a fiscal calendar (issue 12, "Periods and spreading"), the calendar and
 * annual entry kept as GU Settings rows, and the rule that the periods add up to the annual number.
 * The dates below are written out by hand from a calendar, not computed by the code under test.
 */
import type { FiscalCalendar } from "../../../src/core/plan/fiscalCalendar";
import { annualTargetProblem, defaultChoice, planWeeks, spreadChoices } from "../../../src/core/plan/annualEntry";
import { spread } from "../../../src/core/spread";
import type { LayoutProblem } from "../../../src/core/plan/layout";
import { readSettingsGrid, settingsRows } from "../../../src/core/plan/layout/settingsTable";
import { calendarPeriods, checkCalendar, datedPeriods, type PlanCalendar } from "../../../src/core/plan/planCalendar";
import type { PlanSettings } from "../../../src/core/plan/types";
import { SETTINGS } from "../../support/plan";

/** 4-4-5, years ending on the last Saturday of December: FY2028 has 53 weeks (2027-12-26 to 2028-12-30). */
const FOUR_FOUR_FIVE: FiscalCalendar = {
  kind: "weeks",
  pattern: "4-4-5",
  endMonth: 12,
  endWeekday: 6,
  yearEnd: "last",
  namedBy: "end",
};
const JULY: FiscalCalendar = { kind: "months", startMonth: 7, namedBy: "end" };

const rows = (periods: ReturnType<typeof calendarPeriods>): [string, string, string, number | undefined][] =>
  periods.map((period) => [period.label, period.first, period.last, period.weeks]);

describe("a plan's periods from a fiscal calendar", () => {
  test("4-4-5 in its 53-week year: twelve months, the last of 6 weeks, then the next year's first", () => {
    const periods = calendarPeriods({ calendar: FOUR_FOUR_FIVE, firstYear: 2028, grain: "month" }, 13);
    expect(rows(periods)).toEqual([
      ["Jan 2028", "2027-12-26", "2028-01-22", 4],
      ["Feb 2028", "2028-01-23", "2028-02-19", 4],
      ["Mar 2028", "2028-02-20", "2028-03-25", 5],
      ["Apr 2028", "2028-03-26", "2028-04-22", 4],
      ["May 2028", "2028-04-23", "2028-05-20", 4],
      ["Jun 2028", "2028-05-21", "2028-06-24", 5],
      ["Jul 2028", "2028-06-25", "2028-07-22", 4],
      ["Aug 2028", "2028-07-23", "2028-08-19", 4],
      ["Sep 2028", "2028-08-20", "2028-09-23", 5],
      ["Oct 2028", "2028-09-24", "2028-10-21", 4],
      ["Nov 2028", "2028-10-22", "2028-11-18", 4],
      ["Dec 2028", "2028-11-19", "2028-12-30", 6],
      ["Jan 2029", "2028-12-31", "2029-01-27", 4],
    ]);
  });

  test("4-4-5 quarters across the 53-week year into the next, labelled by fiscal year", () => {
    const periods = calendarPeriods({ calendar: FOUR_FOUR_FIVE, firstYear: 2028, grain: "quarter" }, 5);
    expect(rows(periods)).toEqual([
      ["Q1 FY2028", "2027-12-26", "2028-03-25", 13],
      ["Q2 FY2028", "2028-03-26", "2028-06-24", 13],
      ["Q3 FY2028", "2028-06-25", "2028-09-23", 13],
      ["Q4 FY2028", "2028-09-24", "2028-12-30", 14],
      ["Q1 FY2029", "2028-12-31", "2029-03-31", 13],
    ]);
    expect(new Set(periods.map((period) => period.label)).size).toBe(5);
  });

  test("a fiscal year from July, by quarter and by year; FY2027 runs from July 2026", () => {
    expect(rows(calendarPeriods({ calendar: JULY, firstYear: 2027, grain: "quarter" }, 4))).toEqual([
      ["Q1 FY2027", "2026-07-01", "2026-09-30", undefined],
      ["Q2 FY2027", "2026-10-01", "2026-12-31", undefined],
      ["Q3 FY2027", "2027-01-01", "2027-03-31", undefined],
      ["Q4 FY2027", "2027-04-01", "2027-06-30", undefined],
    ]);
    expect(rows(calendarPeriods({ calendar: JULY, firstYear: 2027, grain: "year" }, 2))).toEqual([
      ["FY2027", "2026-07-01", "2027-06-30", undefined],
      ["FY2028", "2027-07-01", "2028-06-30", undefined],
    ]);
  });

  test("each problem is named for its field: the calendar, the first year, the number of periods", () => {
    const bad: PlanCalendar = { calendar: { kind: "months", startMonth: 13 }, firstYear: 2027, grain: "month" };
    expect(checkCalendar(bad, 12)).toEqual({
      calendar: "The fiscal year's month must be a whole number from 1 to 12 (it is 13)",
      firstYear: null,
      count: null,
    });
    expect(checkCalendar({ calendar: JULY, firstYear: 99999, grain: "month" }, 0)).toEqual({
      calendar: null,
      firstYear: "The fiscal year must be a whole number from 2 to 9998 (it is 99999)",
      count: "Enter a whole number of periods from 1 to 120",
    });
    // The last of the periods must be in a year the calendar has, too.
    expect(checkCalendar({ calendar: JULY, firstYear: 9998, grain: "quarter" }, 5).firstYear).toMatch(/9999/);
  });

  test("dates are given only for periods a calendar made: labels edited by hand get none", () => {
    const plan: PlanCalendar = { calendar: JULY, firstYear: 2027, grain: "quarter" };
    expect(datedPeriods(plan, ["Q1 FY2027", "Q2 FY2027"])?.map((period) => period.last)).toEqual([
      "2026-09-30",
      "2026-12-31",
    ]);
    expect(datedPeriods(plan, ["Q1 FY2027", "Second half"])).toBeUndefined();
  });
});

describe("the calendar and annual entry as GU Settings rows", () => {
  function read(cells: unknown[][]): { problems: LayoutProblem[]; settings: PlanSettings | null } {
    const problems: LayoutProblem[] = [];
    return { problems, settings: readSettingsGrid({ headers: ["Key", "Value"], rows: cells }, problems) };
  }
  const WEEKS: PlanSettings = {
    ...SETTINGS,
    periods: calendarPeriods({ calendar: FOUR_FOUR_FIVE, firstYear: 2028, grain: "quarter" }, 4).map((p) => p.label),
    calendar: { calendar: FOUR_FOUR_FIVE, firstYear: 2028, grain: "quarter" },
    entry: { mode: "annual", spread: "Retail peak", annualTarget: "equal" },
  };
  const valueOf = (cells: unknown[][], key: string): unknown => cells.find((row) => row[0] === key)?.[1];

  test("a week calendar and annual entry are written as readable rows and read back as they were", () => {
    const cells = settingsRows(WEEKS);
    expect(
      ["calendar", "fiscalEndMonth", "fiscalEndWeekday", "fiscalYearEnd", "firstFiscalYear", "periodGrain"].map((key) =>
        valueOf(cells, key),
      ),
    ).toEqual(["4-4-5", 12, "Saturday", "last", 2028, "quarter"]);
    expect(valueOf(cells, "fiscalStartMonth")).toBeUndefined();
    expect(valueOf(cells, "periodDates")).toBe(
      "Q1 FY2028: 2027-12-26 to 2028-03-25; Q2 FY2028: 2028-03-26 to 2028-06-24; " +
        "Q3 FY2028: 2028-06-25 to 2028-09-23; Q4 FY2028: 2028-09-24 to 2028-12-30",
    );
    expect([valueOf(cells, "entryMode"), valueOf(cells, "annualSpread"), valueOf(cells, "annualTarget")]).toEqual([
      "annual",
      "Retail peak",
      "equal",
    ]);
    expect(read(cells)).toEqual({ problems: [], settings: WEEKS });
  });

  test("a fiscal year of calendar months round-trips, its month typed by name too", () => {
    const months: PlanSettings = {
      ...SETTINGS,
      periods: ["Q1 FY2027", "Q2 FY2027"],
      calendar: { calendar: JULY, firstYear: 2027, grain: "quarter" },
    };
    const cells = settingsRows(months);
    expect(valueOf(cells, "calendar")).toBe("fiscal");
    expect(read(cells).settings).toEqual(months);
    const byName = cells.map((row) => (row[0] === "fiscalStartMonth" ? [row[0], "July"] : row));
    expect(read(byName).settings).toEqual(months);
  });

  test("settings without the rows (every plan made before them) write and read as before", () => {
    const cells = settingsRows(SETTINGS);
    expect(cells.map((row) => row[0])).not.toContain("calendar");
    expect(cells.map((row) => row[0])).not.toContain("entryMode");
    expect(cells.map((row) => row[0])).not.toContain("periodDates");
    expect(read(cells).settings).toEqual(SETTINGS);
  });

  test("a month of 13, a weekday mistyped or a row missing is named with its row and the fix", () => {
    const cells = settingsRows(WEEKS).map((row) => {
      if (row[0] === "fiscalEndMonth") return [row[0], 13];
      if (row[0] === "fiscalEndWeekday") return [row[0], "Caturday"];
      if (row[0] === "entryMode") return [row[0], "yearly"];
      return row;
    });
    const row = (key: string): number => cells.findIndex((cell) => cell[0] === key) + 2;
    expect(read(cells)).toEqual({
      settings: null,
      problems: [
        {
          sheet: "GU Settings",
          row: row("fiscalEndMonth"),
          message: `Sheet "GU Settings" row ${row("fiscalEndMonth")}: fiscalEndMonth must be a month from 1 to 12, like 7 for July (it is "13")`,
        },
        {
          sheet: "GU Settings",
          row: row("fiscalEndWeekday"),
          message: `Sheet "GU Settings" row ${row("fiscalEndWeekday")}: fiscalEndWeekday must be a weekday like Saturday (it is "Caturday")`,
        },
        {
          sheet: "GU Settings",
          row: row("entryMode"),
          message: `Sheet "GU Settings" row ${row("entryMode")}: entryMode must be "periods" or "annual" (it is "yearly")`,
        },
      ],
    });
    const typed = (key: string, value: unknown): unknown[][] =>
      settingsRows(WEEKS).map((cell) => (cell[0] === key ? [key, value] : cell));
    expect(read(typed("firstFiscalYear", 99999)).problems[0].message).toMatch(
      /firstFiscalYear must be a year like 2027 \(it is "99999"\)/,
    );
    expect(read(typed("calendar", "4-4-6")).problems[0].message).toMatch(
      /calendar must be "fiscal" \(calendar months\) or a week pattern, "4-4-5", "4-5-4" or "5-4-4" \(it is "4-4-6"\)/,
    );
    const withoutYear = settingsRows(WEEKS).filter((cell) => cell[0] !== "firstFiscalYear");
    expect(read(withoutYear).problems.map((problem) => problem.message)).toEqual([
      'Sheet "GU Settings" has no "firstFiscalYear" row',
    ]);
  });
});

describe("annual must equal the sum of periods (annualTarget equal, in annual entry)", () => {
  const settings: PlanSettings = { ...SETTINGS, entry: { mode: "annual", spread: "even", annualTarget: "equal" } };

  test("periods that add up to the annual number pass; others are refused naming the node, the annual and the sum", () => {
    expect(annualTargetProblem(settings, "NORTH", "1,000", [400, 600], "en-US")).toBeNull();
    expect(annualTargetProblem(settings, "NORTH", "1,000", [400, 650], "en-US")).toBe(
      "Not submitted: the periods of NORTH add up to 1,050, not to its annual number 1,000. " +
        "Spread the annual number again, or change the periods or the annual number until they agree",
    );
  });

  test("nothing is held without an annual number typed, in a plan that lets them differ, or by a value per period", () => {
    expect(annualTargetProblem(settings, "NORTH", " ", [400, 650], "en-US")).toBeNull();
    const free: PlanSettings = { ...settings, entry: { mode: "annual", spread: "even", annualTarget: "free" } };
    expect(annualTargetProblem(free, "NORTH", "1,000", [400, 650], "en-US")).toBeNull();
    expect(annualTargetProblem(SETTINGS, "NORTH", "1,000", [400, 650], "en-US")).toBeNull();
  });

  test("compares at the plan's decimals, in the user's locale", () => {
    const cents: PlanSettings = { ...settings, decimals: 2 };
    expect(annualTargetProblem(cents, "N", "1.000,00", [333.33, 333.33, 333.34], "de-DE")).toBeNull();
    expect(annualTargetProblem(cents, "N", "1.000,00", [333.33, 333.33, 333.33], "de-DE")).toMatch(
      /add up to 999,99, not to its annual number 1\.000,00/,
    );
  });
});

describe("an annual number spread by the fiscal calendar's own weeks", () => {
  const quarters: PlanSettings = {
    ...SETTINGS,
    periods: ["Q1 FY2028", "Q2 FY2028", "Q3 FY2028", "Q4 FY2028"],
    calendar: { calendar: FOUR_FOUR_FIVE, firstYear: 2028, grain: "quarter" },
    entry: { mode: "annual", spread: "weeks", annualTarget: "free" },
  };

  test("the 53-week year's last quarter, of 14 weeks, gets 14/53 of the year", () => {
    expect(planWeeks(quarters)).toEqual([13, 13, 13, 14]);
    const choices = spreadChoices(4, undefined, [], planWeeks(quarters));
    const chosen = defaultChoice(choices, quarters);
    expect(chosen.key).toBe("weeks");
    expect(spread(5300, chosen.profile, 0)).toEqual([1300, 1300, 1300, 1400]);
  });

  test("no weeks to offer for calendar months, or for period labels edited since the calendar made them", () => {
    expect(planWeeks({ ...quarters, calendar: { calendar: JULY, firstYear: 2027, grain: "quarter" } })).toBeUndefined();
    expect(planWeeks({ ...quarters, periods: ["Q1", "Q2", "Q3", "Q4"] })).toBeUndefined();
    expect(spreadChoices(4, undefined, [], undefined).map((choice) => choice.key)).toEqual(["even"]);
  });
});
