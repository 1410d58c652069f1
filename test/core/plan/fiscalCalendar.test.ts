import {
  dayNumber,
  FiscalCalendarError,
  fiscalCalendarProblem,
  fiscalYear,
  isoDate,
  monthWeeks,
  weekday,
  type FiscalCalendar,
} from "../../../src/core/plan/fiscalCalendar";

/*
 * The tables below are written out by hand from a calendar (checked with Python's datetime), not
 * computed by the code under test: [first day, last day, weeks] per fiscal year, and per quarter.
 */

const SATURDAY = 6;

/** The NRF retail calendar: 4-5-4, years ending on the Saturday nearest 31 January, named by their start. */
const NRF: FiscalCalendar = {
  kind: "weeks",
  pattern: "4-5-4",
  endMonth: 1,
  endWeekday: SATURDAY,
  yearEnd: "nearest",
  namedBy: "start",
};

/** 4-4-5, years ending on the last Saturday of December, named by their end. */
const LAST_SATURDAY_OF_DECEMBER: FiscalCalendar = {
  kind: "weeks",
  pattern: "4-4-5",
  endMonth: 12,
  endWeekday: SATURDAY,
  yearEnd: "last",
};

/** 5-4-4, years ending on the Saturday nearest 31 December, which may be in January. */
const NEAREST_END_OF_DECEMBER: FiscalCalendar = {
  kind: "weeks",
  pattern: "5-4-4",
  endMonth: 12,
  endWeekday: SATURDAY,
  yearEnd: "nearest",
};

type YearRow = [year: number, first: string, last: string, weeks: number | undefined];

describe.each<[string, FiscalCalendar, YearRow[]]>([
  [
    "NRF 4-5-4 (Saturday nearest 31 January, named by the start year)",
    NRF,
    [
      [2026, "2026-02-01", "2027-01-30", 52],
      [2027, "2027-01-31", "2028-01-29", 52],
      [2028, "2028-01-30", "2029-02-03", 53],
      [2029, "2029-02-04", "2030-02-02", 52],
      [2030, "2030-02-03", "2031-02-01", 52],
    ],
  ],
  [
    "4-4-5 ending on the last Saturday of December",
    LAST_SATURDAY_OF_DECEMBER,
    [
      [2026, "2025-12-28", "2026-12-26", 52],
      [2027, "2026-12-27", "2027-12-25", 52],
      [2028, "2027-12-26", "2028-12-30", 53],
      [2029, "2028-12-31", "2029-12-29", 52],
      [2030, "2029-12-30", "2030-12-28", 52],
    ],
  ],
  [
    "5-4-4 ending on the Saturday nearest 31 December",
    NEAREST_END_OF_DECEMBER,
    [
      [2025, "2024-12-29", "2026-01-03", 53],
      [2026, "2026-01-04", "2027-01-02", 52],
      [2027, "2027-01-03", "2028-01-01", 52],
      [2028, "2028-01-02", "2028-12-30", 52],
      [2029, "2028-12-31", "2029-12-29", 52],
      [2030, "2029-12-30", "2030-12-28", 52],
    ],
  ],
  [
    "calendar months from April (named by the end year)",
    { kind: "months", startMonth: 4 },
    [
      [2026, "2025-04-01", "2026-03-31", undefined],
      [2027, "2026-04-01", "2027-03-31", undefined],
      [2028, "2027-04-01", "2028-03-31", undefined],
      [2029, "2028-04-01", "2029-03-31", undefined],
      [2030, "2029-04-01", "2030-03-31", undefined],
    ],
  ],
  [
    "calendar months from July, named by the start year",
    { kind: "months", startMonth: 7, namedBy: "start" },
    [
      [2026, "2026-07-01", "2027-06-30", undefined],
      [2030, "2030-07-01", "2031-06-30", undefined],
    ],
  ],
  [
    "calendar months from January",
    { kind: "months", startMonth: 1 },
    [
      [2026, "2026-01-01", "2026-12-31", undefined],
      [2028, "2028-01-01", "2028-12-31", undefined],
    ],
  ],
])("%s", (_name, calendar, rows) => {
  it.each(rows)("fiscal year %d runs from %s to %s, %p weeks", (year, first, last, weeks) => {
    const fy = fiscalYear(calendar, year);
    expect([fy.first, fy.last, fy.weeks]).toEqual([first, last, weeks]);
  });

  it("has months and quarters that follow each other without a gap from the year's first day to its last", () => {
    for (const [year] of rows) {
      const fy = fiscalYear(calendar, year);
      for (const periods of [fy.months, fy.quarters]) {
        expect(periods[0].first).toBe(fy.first);
        expect(periods[periods.length - 1].last).toBe(fy.last);
        for (let i = 1; i < periods.length; i++) {
          expect(dayOf(periods[i].first)).toBe(dayOf(periods[i - 1].last) + 1);
        }
      }
      expect(fy.months).toHaveLength(12);
      expect(fy.quarters).toHaveLength(4);
    }
  });
});

function dayOf(iso: string): number {
  const [year, month, day] = iso.split("-").map(Number);
  return dayNumber(year, month, day);
}

const span = (period: {
  first: string;
  last: string;
  weeks: number | undefined;
}): [string, string, number | undefined] => [period.first, period.last, period.weeks];

describe("periods of a fiscal year", () => {
  it("NRF 2028, the 53-week year: the 53rd week is the last month's (January 2029 has 5 weeks)", () => {
    const fy = fiscalYear(NRF, 2028);
    expect(fy.months.map((month) => month.label)).toEqual([
      "Feb 2028",
      "Mar 2028",
      "Apr 2028",
      "May 2028",
      "Jun 2028",
      "Jul 2028",
      "Aug 2028",
      "Sep 2028",
      "Oct 2028",
      "Nov 2028",
      "Dec 2028",
      "Jan 2029",
    ]);
    expect(fy.months.map(span)).toEqual([
      ["2028-01-30", "2028-02-26", 4],
      ["2028-02-27", "2028-04-01", 5],
      ["2028-04-02", "2028-04-29", 4],
      ["2028-04-30", "2028-05-27", 4],
      ["2028-05-28", "2028-07-01", 5],
      ["2028-07-02", "2028-07-29", 4],
      ["2028-07-30", "2028-08-26", 4],
      ["2028-08-27", "2028-09-30", 5],
      ["2028-10-01", "2028-10-28", 4],
      ["2028-10-29", "2028-11-25", 4],
      ["2028-11-26", "2028-12-30", 5],
      ["2028-12-31", "2029-02-03", 5],
    ]);
    expect(fy.quarters.map((quarter) => [quarter.label, ...span(quarter)])).toEqual([
      ["Q1 FY2028", "2028-01-30", "2028-04-29", 13],
      ["Q2 FY2028", "2028-04-30", "2028-07-29", 13],
      ["Q3 FY2028", "2028-07-30", "2028-10-28", 13],
      ["Q4 FY2028", "2028-10-29", "2029-02-03", 14],
    ]);
  });

  it("NRF 2026, a 52-week year: months of 4, 5 and 4 weeks", () => {
    expect(fiscalYear(NRF, 2026).months.map(span)).toEqual([
      ["2026-02-01", "2026-02-28", 4],
      ["2026-03-01", "2026-04-04", 5],
      ["2026-04-05", "2026-05-02", 4],
      ["2026-05-03", "2026-05-30", 4],
      ["2026-05-31", "2026-07-04", 5],
      ["2026-07-05", "2026-08-01", 4],
      ["2026-08-02", "2026-08-29", 4],
      ["2026-08-30", "2026-10-03", 5],
      ["2026-10-04", "2026-10-31", 4],
      ["2026-11-01", "2026-11-28", 4],
      ["2026-11-29", "2027-01-02", 5],
      ["2027-01-03", "2027-01-30", 4],
    ]);
  });

  it("4-4-5 to the last Saturday of December 2028, 53 weeks: December has 6", () => {
    const fy = fiscalYear(LAST_SATURDAY_OF_DECEMBER, 2028);
    expect(fy.months.map(span)).toEqual([
      ["2027-12-26", "2028-01-22", 4],
      ["2028-01-23", "2028-02-19", 4],
      ["2028-02-20", "2028-03-25", 5],
      ["2028-03-26", "2028-04-22", 4],
      ["2028-04-23", "2028-05-20", 4],
      ["2028-05-21", "2028-06-24", 5],
      ["2028-06-25", "2028-07-22", 4],
      ["2028-07-23", "2028-08-19", 4],
      ["2028-08-20", "2028-09-23", 5],
      ["2028-09-24", "2028-10-21", 4],
      ["2028-10-22", "2028-11-18", 4],
      ["2028-11-19", "2028-12-30", 6],
    ]);
    expect(fy.months[0].label).toBe("Jan 2028");
    expect(fy.quarters.map(span)).toEqual([
      ["2027-12-26", "2028-03-25", 13],
      ["2028-03-26", "2028-06-24", 13],
      ["2028-06-25", "2028-09-23", 13],
      ["2028-09-24", "2028-12-30", 14],
    ]);
  });

  it("5-4-4 to the Saturday nearest 31 December 2027, which is 1 January 2028", () => {
    const fy = fiscalYear(NEAREST_END_OF_DECEMBER, 2027);
    expect(fy.quarters.map(span)).toEqual([
      ["2027-01-03", "2027-04-03", 13],
      ["2027-04-04", "2027-07-03", 13],
      ["2027-07-04", "2027-10-02", 13],
      ["2027-10-03", "2028-01-01", 13],
    ]);
    expect(fy.months.map((month) => month.weeks)).toEqual([5, 4, 4, 5, 4, 4, 5, 4, 4, 5, 4, 4]);
  });

  it("calendar months from April: FY2028 has a 29-day February and quarters April to June ... January to March", () => {
    const fy = fiscalYear({ kind: "months", startMonth: 4 }, 2028);
    expect(fy.months.map((month) => [month.label, month.first, month.last])).toEqual([
      ["Apr 2027", "2027-04-01", "2027-04-30"],
      ["May 2027", "2027-05-01", "2027-05-31"],
      ["Jun 2027", "2027-06-01", "2027-06-30"],
      ["Jul 2027", "2027-07-01", "2027-07-31"],
      ["Aug 2027", "2027-08-01", "2027-08-31"],
      ["Sep 2027", "2027-09-01", "2027-09-30"],
      ["Oct 2027", "2027-10-01", "2027-10-31"],
      ["Nov 2027", "2027-11-01", "2027-11-30"],
      ["Dec 2027", "2027-12-01", "2027-12-31"],
      ["Jan 2028", "2028-01-01", "2028-01-31"],
      ["Feb 2028", "2028-02-01", "2028-02-29"],
      ["Mar 2028", "2028-03-01", "2028-03-31"],
    ]);
    expect(fy.quarters.map((quarter) => [quarter.label, ...span(quarter)])).toEqual([
      ["Q1 FY2028", "2027-04-01", "2027-06-30", undefined],
      ["Q2 FY2028", "2027-07-01", "2027-09-30", undefined],
      ["Q3 FY2028", "2027-10-01", "2027-12-31", undefined],
      ["Q4 FY2028", "2028-01-01", "2028-03-31", undefined],
    ]);
  });

  it("calendar months from October, FY2027: October 2026 to September 2027", () => {
    const fy = fiscalYear({ kind: "months", startMonth: 10 }, 2027);
    expect([fy.first, fy.last, fy.months[0].label, fy.months[11].label]).toEqual([
      "2026-10-01",
      "2027-09-30",
      "Oct 2026",
      "Sep 2027",
    ]);
    expect(fy.quarters[1]).toEqual({ label: "Q2 FY2027", first: "2027-01-01", last: "2027-03-31", weeks: undefined });
  });
});

describe("monthWeeks", () => {
  it.each<["4-4-5" | "4-5-4" | "5-4-4", 52 | 53, number[]]>([
    ["4-4-5", 52, [4, 4, 5, 4, 4, 5, 4, 4, 5, 4, 4, 5]],
    ["4-5-4", 52, [4, 5, 4, 4, 5, 4, 4, 5, 4, 4, 5, 4]],
    ["5-4-4", 52, [5, 4, 4, 5, 4, 4, 5, 4, 4, 5, 4, 4]],
    ["4-4-5", 53, [4, 4, 5, 4, 4, 5, 4, 4, 5, 4, 4, 6]],
    ["5-4-4", 53, [5, 4, 4, 5, 4, 4, 5, 4, 4, 5, 4, 5]],
  ])("%s in a %d-week year", (pattern, yearWeeks, weeks) => {
    expect(monthWeeks(pattern, yearWeeks)).toEqual(weeks);
    expect(weeks.reduce((a, b) => a + b, 0)).toBe(yearWeeks);
  });
});

describe("dates", () => {
  it.each<[number, number, number, string, number]>([
    [1970, 1, 1, "1970-01-01", 4],
    [2000, 2, 29, "2000-02-29", 2],
    [2028, 2, 29, "2028-02-29", 2],
    [2026, 12, 4, "2026-12-04", 5],
    [1900, 3, 1, "1900-03-01", 4],
    [2027, 13, 1, "2028-01-01", 6],
  ])("%d-%d-%d is %s, weekday %d", (year, month, day, iso, dow) => {
    expect(isoDate(dayNumber(year, month, day))).toBe(iso);
    expect(weekday(dayNumber(year, month, day))).toBe(dow);
  });

  it("agree with the JavaScript calendar in UTC on every day from 1900 to 2100", () => {
    const start = dayNumber(1900, 1, 1);
    const end = dayNumber(2100, 12, 31);
    const wrong: string[] = [];
    for (let day = start; day <= end; day++) {
      const date = new Date(day * 86_400_000);
      if (isoDate(day) !== date.toISOString().slice(0, 10) || weekday(day) !== date.getUTCDay()) {
        wrong.push(date.toISOString());
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("bad calendars", () => {
  it.each<[string, FiscalCalendar, number, string]>([
    [
      "a start month 13",
      { kind: "months", startMonth: 13 },
      2026,
      "month must be a whole number from 1 to 12 (it is 13)",
    ],
    [
      "a weekday 7",
      { kind: "weeks", pattern: "4-4-5", endMonth: 12, endWeekday: 7, yearEnd: "last" },
      2026,
      "0 (Sunday) to 6 (Saturday) (it is 7)",
    ],
    [
      "an unknown pattern",
      { kind: "weeks", pattern: "4-4-4" as "4-4-5", endMonth: 12, endWeekday: 6, yearEnd: "last" },
      2026,
      'must be "4-4-5", "4-5-4" or "5-4-4" (it is 4-4-4)',
    ],
    ["a year 2026.5", { kind: "months", startMonth: 1 }, 2026.5, "whole number from 2 to 9998 (it is 2026.5)"],
  ])("refuses %s, saying what is wrong", (_case, calendar, year, message) => {
    expect(fiscalCalendarProblem(calendar, year)).toContain(message);
    expect(() => fiscalYear(calendar, year)).toThrow(FiscalCalendarError);
  });
});
