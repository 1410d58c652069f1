import { checkPeriods, hasPeriodProblems, makePeriods, PeriodsError } from "../../../src/core/plan/periods";
import type { Grain } from "../../../src/core/plan/types";

describe("makePeriods", () => {
  it.each<[string, Grain, number, string[]]>([
    ["2027-01", "month", 3, ["Jan 2027", "Feb 2027", "Mar 2027"]],
    ["2027-11", "month", 4, ["Nov 2027", "Dec 2027", "Jan 2028", "Feb 2028"]],
    ["2027-1", "month", 1, ["Jan 2027"]],
    ["2027-01", "quarter", 4, ["Q1 2027", "Q2 2027", "Q3 2027", "Q4 2027"]],
    ["2027-02", "quarter", 2, ["Q1 2027", "Q2 2027"]],
    ["2027-10", "quarter", 3, ["Q4 2027", "Q1 2028", "Q2 2028"]],
    ["2027-07", "year", 3, ["2027", "2028", "2029"]],
    [" 2027-12 ", "month", 1, ["Dec 2027"]],
  ])("%s by %s x %d", (start, grain, count, expected) => {
    expect(makePeriods(start, grain, count)).toEqual(expected);
  });

  it("gives 120 monthly periods, ten years", () => {
    const labels = makePeriods("2027-01", "month", 120);
    expect(labels).toHaveLength(120);
    expect(labels[119]).toBe("Dec 2036");
  });

  it("throws on input the form would have refused", () => {
    expect(() => makePeriods("2027-13", "month", 3)).toThrow(PeriodsError);
    expect(() => makePeriods("2027-01", "month", 0)).toThrow("from 1 to 120");
  });
});

describe("checkPeriods", () => {
  it("accepts a valid form", () => {
    const problems = checkPeriods("2027-01", "quarter", 8);
    expect(problems).toEqual({ start: null, grain: null, count: null });
    expect(hasPeriodProblems(problems)).toBe(false);
  });

  it.each<[string, string, number, keyof ReturnType<typeof checkPeriods>, string]>([
    ["", "month", 12, "start", "Enter the first period as year and month, like 2027-01"],
    ["2027-13", "month", 12, "start", "Enter the first period as year and month, like 2027-01"],
    ["2027-00", "month", 12, "start", "Enter the first period as year and month, like 2027-01"],
    ["Jan 2027", "month", 12, "start", "Enter the first period as year and month, like 2027-01"],
    ["27-01", "month", 12, "start", "Enter the first period as year and month, like 2027-01"],
    ["2027-01", "week", 12, "grain", "Choose month, quarter or year"],
    ["2027-01", "month", 0, "count", "Enter a whole number of periods from 1 to 120"],
    ["2027-01", "month", 121, "count", "Enter a whole number of periods from 1 to 120"],
    ["2027-01", "month", 2.5, "count", "Enter a whole number of periods from 1 to 120"],
    ["2027-01", "month", Number.NaN, "count", "Enter a whole number of periods from 1 to 120"],
  ])("%j %s %d: %s", (start, grain, count, field, message) => {
    const problems = checkPeriods(start, grain, count);
    expect(problems[field]).toBe(message);
    expect(hasPeriodProblems(problems)).toBe(true);
  });
});
