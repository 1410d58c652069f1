/**
 * The report's capacity and coverage block (src/core/plan/layout/reportCapacity.ts), evaluated by a
 * real formula engine (HyperFormula with the BU plugin, empty cells passed as Excel on the desktop
 * and on the web pass them), equals what the pane computes (src/core/territory/planCapacity.ts)
 * for a small plan with ramping new hires, and follows edits of the reps' rows without a setup.
 */
import {
  NO_COVERAGE,
  REPORT_CHECK_COLUMN,
  REPORT_CHECK_MESSAGE,
  REPORT_FIRST_ROW,
  SHEETS,
  TABLES,
  capacityColumn,
} from "../../src/core/plan/layout";
import type { NodeEntry, PlanNode, PlanSettings } from "../../src/core/plan/types";
import { planCapacityOf } from "../../src/core/territory/planCapacity";
import { MemoryPlanWorkbook } from "../../src/workbook/memory/MemoryPlanWorkbook";
import { MemoryWorkbook, type HostMode } from "../../src/workbook/memory/MemoryWorkbook";
import { readPlanOf } from "../support/plan";
import { evaluateWorkbook, type Evaluated, type Shown } from "./support/evaluate";

const SETTINGS: PlanSettings = {
  name: "FY27",
  metric: "Revenue",
  unit: "EUR",
  periods: ["Q1 2027", "Q2 2027"],
  decimals: 0,
  tolerance: 0.05,
  deadline: null,
  allowNegative: false,
};

const node = (id: string, parent: string): PlanNode => ({ id, parent, name: id, owner: "", attributes: {} });
const NODES = [node("CO", ""), node("EMEA", "CO"), node("UK", "EMEA"), node("DE", "EMEA"), node("US", "CO")];

/**
 * Node | Heads | Quota per head | Attainment | Ramp Q1 | Ramp Q2: three ramped UK reps and a new
 * hire at 25 % then 50 %; Germany's two at full quota; two US hires at 50 % then 100 % and 80 %
 * attainment; EMEA's manager carries a little. Blanks are 1.
 */
const REPS: (string | number)[][] = [
  ["UK", 3, 100, "90%", "", ""],
  ["UK", "", 100, "", "25%", "50%"],
  ["DE", 2, 80, "", "", ""],
  ["US", 2, 150, "80%", "50%", "100%"],
  ["EMEA", 1, 50, "", "", ""],
];

async function planWithReps(mode: HostMode): Promise<MemoryPlanWorkbook> {
  const plan = new MemoryPlanWorkbook(new MemoryWorkbook("Sheet1", mode));
  await plan.writePlan({ settings: SETTINGS, nodes: NODES });
  expect(await plan.addTable("capacity")).toBe("added");
  plan.workbook.appendTableRows(
    TABLES.capacity,
    REPS.slice(1).map((row) => row.map(() => "")),
  );
  plan.workbook.write({ sheet: SHEETS.capacity, row: 1, col: 0, rowCount: REPS.length, colCount: 6 }, REPS);
  const read = await readPlanOf(plan);
  await plan.saveEntries(
    [
      {
        expected: read.entries.get("UK") ?? null,
        next: { ...(read.entries.get("UK") as NodeEntry), values: [300, 320] },
      },
      {
        expected: read.entries.get("DE") ?? null,
        next: { ...(read.entries.get("DE") as NodeEntry), values: [150, 150] },
      },
    ],
    [],
  );
  // Company 900 then 1,000; the US held at 100 in Q1 (far under its capacity); EMEA cascaded.
  await plan.saveTopDown(
    [
      { id: "CO", values: [900, 1000], expected: null },
      { id: "US", values: [100, null], expected: null },
    ],
    [],
  );
  // Setting up again adds the report's capacity block, now that the table is there.
  await plan.writePlan({ settings: SETTINGS, nodes: NODES });
  return plan;
}

const round = (value: Shown): Shown => (typeof value === "number" ? Number(value.toFixed(9)) : value);

/** Per node in report order, per period: capacity, coverage and whether it is flagged. */
function reportCoverage(evaluated: Evaluated, workbook: MemoryWorkbook): Map<string, [Shown, Shown, boolean][]> {
  const periods = SETTINGS.periods.length;
  const ids = evaluated.read({
    sheet: SHEETS.report,
    row: REPORT_FIRST_ROW,
    col: 0,
    rowCount: NODES.length,
    colCount: 1,
  });
  const rules = workbook.conditionalFormats(SHEETS.report).slice(periods);
  const sheet = evaluated.hf.getSheetId(SHEETS.report) as number;
  const lines = new Map<string, [Shown, Shown, boolean][]>();
  ids.forEach(([id], row) => {
    lines.set(
      String(id),
      SETTINGS.periods.map((_, p) => {
        const at = (measure: 0 | 1): Shown =>
          evaluated.read({
            sheet: SHEETS.report,
            row: REPORT_FIRST_ROW + row,
            col: capacityColumn(periods, p, measure),
            rowCount: 1,
            colCount: 1,
          })[0][0];
        const flagged = evaluated.hf.calculateFormula(shiftRows(rules[p].formula, row), sheet) === true;
        return [round(at(0)), round(at(1)), flagged];
      }),
    );
  });
  return lines;
}

/** A conditional format's relative formula moved down `rows` rows (as strictReport.test.ts). */
function shiftRows(formula: string, rows: number): string {
  return formula.replace(
    /(?<![$'A-Za-z])([A-Z])(\d+)(?![\d(])/g,
    (_, col: string, row: string) => `${col}${Number(row) + rows}`,
  );
}

/** The same from the pane's core: coverage null against a target is "—", without one blank. */
async function paneCoverage(plan: MemoryPlanWorkbook): Promise<Map<string, [Shown, Shown, boolean][]>> {
  const capacity = planCapacityOf(await readPlanOf(plan));
  const lines = new Map<string, [Shown, Shown, boolean][]>();
  for (const [id, node] of capacity?.byId ?? []) {
    lines.set(
      id,
      node.periods.map((period) => [
        round(period.capacity),
        period.coverage !== null ? round(period.coverage) : period.target === null ? null : NO_COVERAGE,
        period.flag !== null,
      ]),
    );
  }
  return lines;
}

describe.each<HostMode>(["desktop", "web"])("the report's capacity and coverage (%s)", (mode) => {
  it("equals the pane's coverage, per node and period, flags included", async () => {
    const plan = await planWithReps(mode);
    const evaluated = evaluateWorkbook(plan.workbook);
    const report = reportCoverage(evaluated, plan.workbook);
    expect(report).toEqual(await paneCoverage(plan));
    // UK: 270 + the new hire's 25 then 50; US: 2 x 150 x 80 % ramping 50 % then 100 %.
    expect(report.get("UK")?.map(([capacity]) => capacity)).toEqual([295, 320]);
    expect(report.get("US")?.map(([capacity]) => capacity)).toEqual([120, 240]);
    expect(report.get("CO")?.map(([capacity]) => capacity)).toEqual([625, 770]);
    // The US asked for 100 of 120 in Q1: capacity left unused, flagged.
    expect(report.get("US")?.[0]).toEqual([120, Number((100 / 120).toFixed(9)), true]);
    expect(
      evaluated.read({ sheet: SHEETS.report, row: 0, col: REPORT_CHECK_COLUMN, rowCount: 1, colCount: 1 }),
    ).toEqual([[null]]);
    evaluated.hf.destroy();
  });

  it("follows an edit of a rep row, and warns of a row pasted below what the report covers", async () => {
    const plan = await planWithReps(mode);
    // The UK new hire ramps faster: 50 % in Q1.
    plan.workbook.write({ sheet: SHEETS.capacity, row: 2, col: 4, rowCount: 1, colCount: 1 }, [["50%"]]);
    let evaluated = evaluateWorkbook(plan.workbook);
    expect(reportCoverage(evaluated, plan.workbook)).toEqual(await paneCoverage(plan));
    expect(reportCoverage(evaluated, plan.workbook).get("UK")?.[0][0]).toBe(320);
    evaluated.hf.destroy();

    plan.workbook.appendTableRows(TABLES.capacity, [["DE", 1, 80, "", "", ""]]);
    evaluated = evaluateWorkbook(plan.workbook);
    expect(
      evaluated.read({ sheet: SHEETS.report, row: 0, col: REPORT_CHECK_COLUMN, rowCount: 1, colCount: 1 }),
    ).toEqual([[REPORT_CHECK_MESSAGE]]);
    evaluated.hf.destroy();
  });
});
