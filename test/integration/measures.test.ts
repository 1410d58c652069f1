/**
 * Several measures in one plan (issue 12, src/core/plan/measures.ts): a one-measure workbook made
 * by this version upgrades in place when a measure is added, keeping every input and target, and
 * the report, evaluated by a real formula engine (HyperFormula with the BU plugin, blanks as Excel
 * on the desktop and on the web pass them), rolls up and splits each measure on its own, in its
 * own decimals.
 */
import { REPORT_FIRST_ROW, SHEETS, TABLES, reportColumn } from "../../src/core/plan/layout";
import { numberFormat } from "../../src/core/plan/layout/cells";
import { valueColumns } from "../../src/core/plan/measures";
import { buildPlanView } from "../../src/core/plan/planView";
import type { NodeEntry, PlanNode, PlanSettings } from "../../src/core/plan/types";
import { MemoryPlanWorkbook } from "../../src/workbook/memory/MemoryPlanWorkbook";
import { MemoryWorkbook, type HostMode } from "../../src/workbook/memory/MemoryWorkbook";
import { SETTINGS, readPlanOf } from "../support/plan";
import { evaluateWorkbook } from "./support/evaluate";

const node = (id: string, parent: string): PlanNode => ({ id, parent, name: id, owner: "", attributes: {} });
const NODES = [node("CO", ""), node("EMEA", "CO"), node("UK", "EMEA"), node("DE", "EMEA")];
const ROWS = { CO: REPORT_FIRST_ROW, EMEA: REPORT_FIRST_ROW + 1, UK: REPORT_FIRST_ROW + 2, DE: REPORT_FIRST_ROW + 3 };
const UNITS = { name: "Units", unit: "units", decimals: 1 };

async function saveValues(plan: MemoryPlanWorkbook, values: Record<string, (number | null)[]>): Promise<void> {
  const read = await readPlanOf(plan);
  const result = await plan.saveEntries(
    Object.entries(values).map(([id, next]) => ({
      expected: read.entries.get(id) ?? null,
      next: { ...(read.entries.get(id) as NodeEntry), values: next, status: "Draft" },
    })),
    [],
  );
  expect(result.ok).toBe(true);
}

/** A one-measure plan as this version makes it, with inputs and a top-down target, then Units added. */
async function upgradedPlan(mode: HostMode): Promise<MemoryPlanWorkbook> {
  const plan = new MemoryPlanWorkbook(new MemoryWorkbook("Sheet1", mode));
  await plan.writePlan({ settings: SETTINGS, nodes: NODES });
  await saveValues(plan, { UK: [120, 90], DE: [80, null] });
  const read = await readPlanOf(plan);
  const saved = await plan.saveTopDown(
    [{ id: "EMEA", values: [300, 200], expected: read.topDown.get("EMEA") ?? null }],
    [],
  );
  expect(saved.ok).toBe(true);

  const before = await readPlanOf(plan);
  const settings: PlanSettings = { ...before.settings, moreMeasures: [UNITS] };
  await plan.writePlan({ settings, nodes: before.nodes });
  return plan;
}

describe.each(["desktop", "web"] as const)("a plan with two measures (%s blanks)", (mode) => {
  test("a one-measure workbook gains Units and keeps every input and target it held", async () => {
    const plan = await upgradedPlan(mode);
    const read = await readPlanOf(plan);
    expect(read.settings.moreMeasures).toEqual([UNITS]);
    expect(valueColumns(read.settings)).toEqual(["Q1 2027", "Q2 2027", "Units Q1 2027", "Units Q2 2027"]);
    expect(read.entries.get("UK")?.values).toEqual([120, 90, null, null]);
    expect(read.entries.get("UK")?.status).toBe("Draft");
    expect(read.entries.get("DE")?.values).toEqual([80, null, null, null]);
    expect(read.topDown.get("EMEA")).toEqual([300, 200, null, null]);
    // The inputs table gained the Units columns after the revenue ones, in Units' decimals.
    const inputs = plan.workbook.table(TABLES.inputs);
    expect(plan.workbook.values({ sheet: SHEETS.inputs, row: 0, col: 0, rowCount: 1, colCount: 5 })[0]).toEqual([
      "Id",
      "Q1 2027",
      "Q2 2027",
      "Units Q1 2027",
      "Units Q2 2027",
    ]);
    expect(inputs?.range.colCount).toBe(5);
    expect(plan.workbook.numberFormat(SHEETS.inputs, 1, 3)).toBe(numberFormat(1));
    expect(plan.workbook.numberFormat(SHEETS.inputs, 1, 1)).toBe(numberFormat(0));
    // Add-ins from before measures refuse the plan rather than read units as revenue.
    const settingsRows = plan.workbook.values({ sheet: SHEETS.settings, row: 1, col: 0, rowCount: 1, colCount: 2 });
    expect(settingsRows[0]).toEqual(["schemaVersion", 2]);
  });

  test("the report rolls up and splits each measure on its own, in its own decimals", async () => {
    const plan = await upgradedPlan(mode);
    await saveValues(plan, { UK: [120, 90, 10.5, 3], DE: [80, null, 4, null] });
    const read = await readPlanOf(plan);
    await plan.saveTopDown(
      [{ id: "EMEA", values: [300, 200, 20, 10], expected: read.topDown.get("EMEA") ?? null }],
      [],
    );

    const evaluated = evaluateWorkbook(plan.workbook);
    const cell = (row: number, column: number, measure: number): unknown =>
      evaluated.read({ sheet: SHEETS.report, row, col: reportColumn(column, measure), rowCount: 1, colCount: 1 })[0][0];
    expect(evaluated.read({ sheet: SHEETS.report, row: 1, col: 0, rowCount: 1, colCount: 1 })[0][0]).toBe(
      "Revenue (EUR) · Units (units)",
    );
    expect(cell(1, 2, 0)).toBe("Units Q1 2027");
    // Bottom-up per measure: revenue 200 and units 14.5 in Q1 for EMEA.
    expect(cell(ROWS.EMEA, 0, 0)).toBe(200);
    expect(cell(ROWS.EMEA, 2, 0)).toBe(14.5);
    expect(cell(ROWS.CO, 2, 0)).toBe(14.5);
    // Units' top-down of 20 split by the bottom-up 10.5 : 4 in one decimal: 14.5 and 5.5.
    expect(cell(ROWS.UK, 2, 1)).toBe(14.5);
    expect(cell(ROWS.DE, 2, 1)).toBe(5.5);
    // Revenue split in whole numbers: 300 by 120 : 80.
    expect(cell(ROWS.UK, 0, 1)).toBe(180);
    expect(cell(ROWS.DE, 0, 1)).toBe(120);

    // The pane's view shows what the report shows.
    const view = buildPlanView(await readPlanOf(plan));
    expect(view.byId.get("UK")?.periods[2].topDown).toBe(14.5);
    expect(view.byId.get("DE")?.periods[2].topDown).toBe(5.5);
    expect(view.byId.get("UK")?.periods[0].topDown).toBe(180);
    // The total is revenue's: units are not added to euros.
    expect(view.byId.get("EMEA")?.total.bottomUp).toBe(290);
  });
});

describe.each(["desktop", "web"] as const)("a ratio measure in the report (%s blanks)", (mode) => {
  test("margin % is each node's margin over its revenue, weighted up the tree, blank where revenue is 0", async () => {
    const plan = new MemoryPlanWorkbook(new MemoryWorkbook("Sheet1", mode));
    const settings: PlanSettings = {
      ...SETTINGS,
      moreMeasures: [{ name: "Margin", unit: "EUR", decimals: 0 }],
      ratios: [{ name: "Margin %", unit: "%", decimals: 1, numerator: "Margin", denominator: "Revenue" }],
    };
    await plan.writePlan({ settings, nodes: NODES });
    expect((await readPlanOf(plan)).settings.ratios).toEqual(settings.ratios);
    // The UK sells 100 at 40 % margin, Germany 300 at 20 %: Europe's margin is 100 / 400 = 25 %,
    // not the 30 % mean of its children's. Nothing in Q2.
    await saveValues(plan, { UK: [100, null, 40, null], DE: [300, null, 60, null] });
    const read = await readPlanOf(plan);
    await plan.saveTopDown(
      [{ id: "EMEA", values: [500, null, 150, null], expected: read.topDown.get("EMEA") ?? null }],
      [],
    );

    const evaluated = evaluateWorkbook(plan.workbook);
    const width = reportColumn(valueColumns(settings).length, 0) + 5;
    const start = width + 2;
    const block = (row: number): unknown[] =>
      evaluated.read({ sheet: SHEETS.report, row, col: start, rowCount: 1, colCount: 6 })[0];
    expect(evaluated.read({ sheet: SHEETS.report, row: 1, col: start, rowCount: 1, colCount: 4 })[0]).toEqual([
      "Margin % Q1 2027",
      null,
      null,
      "Margin % Q2 2027",
    ]);
    expect(block(ROWS.UK)[0]).toBeCloseTo(0.4, 9);
    expect(block(ROWS.DE)[0]).toBeCloseTo(0.2, 9);
    expect(block(ROWS.EMEA)[0]).toBeCloseTo(0.25, 9);
    // Europe's top-down: 150 of 500 = 30 %; 5 points above its bottom-up.
    expect(block(ROWS.EMEA)[1]).toBeCloseTo(0.3, 9);
    expect(block(ROWS.EMEA)[2]).toBeCloseTo(-0.05, 9);
    // Q2: no revenue, no ratio.
    expect(block(ROWS.EMEA).slice(3)).toEqual([null, null, null]);
    expect(plan.workbook.numberFormat(SHEETS.report, ROWS.UK, start)).toBe("0.0%");
  });
});
