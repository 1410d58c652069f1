/**
 * Plans with several measures (src/core/plan/measures.ts, issue 12): the value columns, the
 * settings rows that keep the measures, the setup's checks, allocation and guardrails per measure.
 */
import { buildPlanLayout, type LayoutProblem, PlanLayoutError } from "../../../src/core/plan/layout";
import { readSettingsGrid, settingsRows } from "../../../src/core/plan/layout/settingsTable";
import {
  columnDecimals,
  formatMeasure,
  measureColumns,
  parseMeasure,
  parseRatio,
  ratioOf,
  valueColumns,
} from "../../../src/core/plan/measures";
import { chainAction } from "../../../src/core/plan/workflow";
import { buildPlanView } from "../../../src/core/plan/planView";
import { allocateGap } from "../../../src/core/reconcile/allocateGap";
import type { Plan, PlanNode, PlanSettings } from "../../../src/core/plan/types";
import { SETTINGS } from "../../support/plan";

const UNITS = { name: "Units", unit: "units", decimals: 1 };
const TWO: PlanSettings = { ...SETTINGS, moreMeasures: [UNITS] };
const node = (id: string, parent: string, owner = ""): PlanNode => ({ id, parent, name: id, owner, attributes: {} });

function readBack(settings: PlanSettings): { settings: PlanSettings | null; problems: LayoutProblem[] } {
  const problems: LayoutProblem[] = [];
  const read = readSettingsGrid({ headers: ["Key", "Value"], rows: settingsRows(settings) }, problems);
  return { settings: read, problems };
}

describe("value columns", () => {
  test("are the periods for a one-measure plan, so its workbooks keep their columns", () => {
    expect(valueColumns(SETTINGS)).toEqual(["Q1 2027", "Q2 2027"]);
    expect(valueColumns(SETTINGS)).toBe(valueColumns(SETTINGS));
  });

  test("add each further measure's periods under its name, each column in its measure's decimals", () => {
    expect(valueColumns(TWO)).toEqual(["Q1 2027", "Q2 2027", "Units Q1 2027", "Units Q2 2027"]);
    expect([0, 1, 2, 3].map((c) => columnDecimals(TWO, c))).toEqual([0, 0, 1, 1]);
    expect(measureColumns(TWO, 1)).toEqual([2, 3]);
  });
});

describe("measures in GU Settings", () => {
  test("a one-measure plan writes the rows it always wrote, as layout 1", () => {
    const rows = settingsRows(SETTINGS);
    expect(rows.find((row) => row[0] === "schemaVersion")).toEqual(["schemaVersion", 1]);
    expect(rows.some((row) => row[0] === "measure")).toBe(false);
  });

  test("more measures are kept as one row each, as layout 2, and read back", () => {
    const rows = settingsRows(TWO);
    expect(rows.find((row) => row[0] === "schemaVersion")).toEqual(["schemaVersion", 2]);
    expect(rows.filter((row) => row[0] === "measure")).toEqual([["measure", "Units | units | 1"]]);
    const back = readBack(TWO);
    expect(back.problems).toEqual([]);
    expect(back.settings?.moreMeasures).toEqual([UNITS]);
  });

  test("a mistyped measure row names its row and the form it needs", () => {
    const rows = settingsRows(TWO).map((row) => (row[0] === "measure" ? ["measure", "Units | units | many"] : row));
    const problems: LayoutProblem[] = [];
    expect(readSettingsGrid({ headers: ["Key", "Value"], rows }, problems)).toBeNull();
    const row = rows.findIndex((cells) => cells[0] === "measure") + 2;
    expect(problems).toEqual([
      {
        sheet: "GU Settings",
        row,
        message: expect.stringMatching(new RegExp(`^Sheet "GU Settings" row ${row}: measure must be "name \\| unit`)),
      },
    ]);
  });

  test("parse and format as the form and the table write them; unit and decimals may be left out", () => {
    expect(parseMeasure("Units", 4)).toEqual({ ok: true, measure: { name: "Units", unit: "", decimals: 0 } });
    expect(parseMeasure(" Margin | EUR | 2 ", 4)).toEqual({
      ok: true,
      measure: { name: "Margin", unit: "EUR", decimals: 2 },
    });
    for (const bad of ["", "| EUR", "Units | u | 9", "Units | u | 1.5", "A | b | 1 | extra"])
      expect(parseMeasure(bad, 4).ok).toBe(false);
    expect(formatMeasure(UNITS)).toBe("Units | units | 1");
  });
});

describe("a setup with measures", () => {
  const nodes = [node("CO", ""), node("UK", "CO")];
  const problemsOf = (settings: PlanSettings): string[] => {
    try {
      buildPlanLayout({ settings, nodes }, {});
      return [];
    } catch (error) {
      return (error as PlanLayoutError).problems.map((problem) => problem.message);
    }
  };

  test("writes the inputs and targets tables with every measure's columns", () => {
    const layout = buildPlanLayout({ settings: TWO, nodes }, {});
    const inputs = layout.tables.find((table) => table.table === "inputs");
    expect(inputs?.colCount).toBe(5);
  });

  test("refuses a measure named twice, a blank one, or columns that would share a header", () => {
    expect(problemsOf({ ...SETTINGS, moreMeasures: [{ ...UNITS, name: "revenue" }] })).toEqual([
      'Measure "revenue" appears twice; give each measure its own name',
    ]);
    expect(problemsOf({ ...SETTINGS, moreMeasures: [{ ...UNITS, name: " " }] })).toEqual([
      "Measure 2 has no name; give it one",
    ]);
    // "Units" + "Q1 2027" and a period called "Units Q1 2027" would both be "Units Q1 2027".
    expect(problemsOf({ ...SETTINGS, periods: ["Q1 2027", "Units Q1 2027"], moreMeasures: [UNITS] }).join()).toContain(
      'Two value columns would both be called "Units Q1 2027"',
    );
  });
});

describe("allocation and guardrails per measure", () => {
  const plan: Plan = {
    settings: {
      ...TWO,
      guardrails: {
        minValue: null,
        maxValue: 50,
        minGrowth: null,
        maxGrowth: null,
        whenBroken: "block",
        levels: null,
        measure: "Units",
      },
    },
    nodes: [node("CO", "", "Vera"), node("UK", "CO", "Ann"), node("DE", "CO", "Ben")],
    entries: new Map(),
    topDown: new Map([["CO", [1000, 1000, 10, 10]]]),
  };

  test("an even split of a units target is rounded in units' decimals, revenue in whole numbers", () => {
    const preview = allocateGap(plan, buildPlanView(plan), {
      nodeId: "CO",
      method: { kind: "even" },
      basis: "target",
    });
    const uk = preview.changes.find((change) => change.id === "UK");
    expect(uk?.values).toEqual([500, 500, 5, 5]);
    const odd: Plan = { ...plan, topDown: new Map([["CO", [1001, 1001, 10.1, 10.1]]]) };
    const shares = allocateGap(odd, buildPlanView(odd), {
      nodeId: "CO",
      method: { kind: "even" },
      basis: "target",
    }).changes.map((change) => change.values[2]);
    expect(shares.sort()).toEqual([5, 5.1]);
  });

  test("bound the measure they name: 500 euros pass a units maximum of 50, 60 units do not", () => {
    const submit = (values: number[]) =>
      chainAction(plan, "UK", "submit", {
        user: "Ann",
        now: "2027-01-05T10:00:00.000Z",
        values,
        comment: "",
        periods: valueColumns(plan.settings),
      });
    expect(submit([500, 500, 40, 40]).ok).toBe(true);
    expect(submit([500, 500, 60, 40])).toEqual({
      ok: false,
      message: expect.stringContaining("Units Q1 2027"),
    });
  });
});

describe("ratios", () => {
  const MARGIN = { name: "Margin", unit: "EUR", decimals: 0 };
  const RATIO = { name: "Margin %", unit: "%", decimals: 1, numerator: "Margin", denominator: "Revenue" };
  const WITH_RATIO: PlanSettings = { ...SETTINGS, moreMeasures: [MARGIN], ratios: [RATIO] };

  test("have no columns of their own and are kept as ratio rows, read back", () => {
    expect(valueColumns(WITH_RATIO)).toEqual(["Q1 2027", "Q2 2027", "Margin Q1 2027", "Margin Q2 2027"]);
    const rows = settingsRows(WITH_RATIO);
    expect(rows.filter((row) => row[0] === "ratio")).toEqual([["ratio", "Margin % | % | 1 | Margin / Revenue"]]);
    expect(readBack(WITH_RATIO).settings?.ratios).toEqual([RATIO]);
  });

  test("must divide two measures of the plan; a row naming another is refused with its row", () => {
    expect(parseRatio("Price | EUR | 2 | revenue / units", ["Revenue", "Units"], 4)).toEqual({
      ok: true,
      ratio: { name: "Price", unit: "EUR", decimals: 2, numerator: "Revenue", denominator: "Units" },
    });
    for (const bad of [
      "Price | EUR | 2 | Revenue / Cost",
      "Price | EUR | 2 | Revenue",
      "Price | EUR | 2 | Units / units",
    ])
      expect(parseRatio(bad, ["Revenue", "Units"], 4).ok).toBe(false);
    const rows = settingsRows(WITH_RATIO).map((row) =>
      row[0] === "ratio" ? ["ratio", "Margin % | % | 1 | Margin / Cost"] : row,
    );
    const problems: LayoutProblem[] = [];
    expect(readSettingsGrid({ headers: ["Key", "Value"], rows }, problems)).toBeNull();
    expect(problems[0].message).toMatch(
      /row \d+: ratio must be "name \| unit \| decimals \| numerator \/ denominator"/,
    );
  });

  test("are the weighted ratio, not the mean of the parts, and nothing where the denominator is 0", () => {
    expect(ratioOf(100, 400)).toBe(0.25);
    expect(ratioOf(5, 0)).toBeNull();
    expect(ratioOf(null, 4)).toBeNull();
  });
});
