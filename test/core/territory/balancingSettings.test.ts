/** The balancing a plan keeps in GU Settings (issue 13: driver weights in settings), as text and as rows. */
import { readSettingsGrid, settingsRows } from "../../../src/core/plan/layout/settingsTable";
import type { LayoutProblem } from "../../../src/core/plan/layout";
import {
  formatWeights,
  parseWeights,
  sameBalancing,
  weightOf,
  type BalancingSettings,
} from "../../../src/core/territory/balancingSettings";
import { SETTINGS } from "../../support/plan";

const KEPT: BalancingSettings = {
  accountsTable: "Accounts",
  weights: [
    { driver: "Visits", weight: 2 },
    { driver: "Hours (per month)", weight: 0.25 },
  ],
  band: 0.1,
};

function read(rows: unknown[][]): { settings: ReturnType<typeof readSettingsGrid>; problems: LayoutProblem[] } {
  const problems: LayoutProblem[] = [];
  return { settings: readSettingsGrid({ headers: ["Key", "Value"], rows }, problems), problems };
}

describe("driver weights as the settings cell holds them", () => {
  it("reads back what it writes", () => {
    expect(formatWeights(KEPT.weights)).toBe("Visits = 2; Hours (per month) = 0.25");
    expect(parseWeights(formatWeights(KEPT.weights))).toEqual(KEPT.weights);
  });

  it("reads a planner's own typing: spaces, a decimal comma, a header with '=' in it, blank as none", () => {
    expect(parseWeights(" Visits=2 ;Hours = 0,5; ")).toEqual([
      { driver: "Visits", weight: 2 },
      { driver: "Hours", weight: 0.5 },
    ]);
    expect(parseWeights("Calls = per week = 3")).toEqual([{ driver: "Calls = per week", weight: 3 }]);
    expect(parseWeights("")).toEqual([]);
  });

  it.each(["Visits", "Visits = ", "= 2", "Visits = two", "Visits = -1", "Visits = 1e400"])("refuses %p", (text) =>
    expect(parseWeights(text)).toBeNull(),
  );

  it("finds a driver's weight by its header in any case", () => {
    expect(weightOf(KEPT.weights, " visits ")).toBe(2);
    expect(weightOf(KEPT.weights, "Potential")).toBeUndefined();
  });

  it("tells kept settings apart", () => {
    expect(sameBalancing(KEPT, { ...KEPT, weights: [...KEPT.weights] })).toBe(true);
    expect(sameBalancing(KEPT, { ...KEPT, band: 0.05 })).toBe(false);
    expect(sameBalancing(KEPT, undefined)).toBe(false);
    expect(sameBalancing(undefined, undefined)).toBe(true);
  });
});

describe("the settings table's balancing rows", () => {
  it("are not written for a plan that keeps none, so older plans' tables stay as they were", () => {
    const keys = settingsRows(SETTINGS).map((row) => row[0]);
    expect(keys).not.toContain("accountsTable");
    expect(read(settingsRows(SETTINGS)).settings?.balancing).toBeUndefined();
  });

  it("round-trip through the table", () => {
    const rows = settingsRows({ ...SETTINGS, balancing: KEPT });
    expect(rows.filter((row) => ["accountsTable", "workloadWeights", "balanceBand"].includes(String(row[0])))).toEqual([
      ["accountsTable", "Accounts"],
      ["workloadWeights", "Visits = 2; Hours (per month) = 0.25"],
      ["balanceBand", 0.1],
    ]);
    expect(read(rows).settings?.balancing).toEqual(KEPT);
  });

  it("names the row and the fix when a planner mistypes the weights or the band in the sheet", () => {
    const rows = settingsRows({ ...SETTINGS, balancing: KEPT }).map((row) => {
      if (row[0] === "workloadWeights") return [row[0], "Visits: 2"];
      if (row[0] === "balanceBand") return [row[0], "five"];
      return row;
    });
    const { settings, problems } = read(rows);
    expect(settings).toBeNull();
    const weightsRow = rows.findIndex((row) => row[0] === "workloadWeights") + 2;
    expect(problems.map((problem) => [problem.row, problem.message])).toEqual([
      [weightsRow, expect.stringMatching(/workloadWeights.*driver weights like Visits = 2; Hours = 0\.5.*"Visits: 2"/)],
      [weightsRow + 1, expect.stringMatching(/balanceBand.*a number of 0 or more.*"five"/)],
    ]);
  });

  it("reads the band as 5 % and the drivers as guessed when only the table is kept", () => {
    const rows = [...settingsRows(SETTINGS), ["accountsTable", "Clients"]];
    expect(read(rows).settings?.balancing).toEqual({ accountsTable: "Clients", weights: [], band: 0.05 });
  });
});
