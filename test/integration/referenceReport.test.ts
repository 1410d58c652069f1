/**
 * The report's last-year block (src/core/plan/layout/reportReference.ts), evaluated by a real
 * formula engine (HyperFormula with the BU plugin, empty cells as Excel on the desktop and on the
 * web pass them): last year rolled up as the bottom-up is, growth per node and period, blank where
 * last year has nothing, and pasted corrections followed without a setup (issue 12).
 */
import { REPORT_FIRST_ROW, SHEETS, TABLES, capacityReportColumn } from "../../src/core/plan/layout";
import type { NodeEntry, PlanNode } from "../../src/core/plan/types";
import { MemoryPlanWorkbook } from "../../src/workbook/memory/MemoryPlanWorkbook";
import { MemoryWorkbook, type HostMode } from "../../src/workbook/memory/MemoryWorkbook";
import { SETTINGS, readPlanOf } from "../support/plan";
import { evaluateWorkbook } from "./support/evaluate";

const node = (id: string, parent: string): PlanNode => ({ id, parent, name: id, owner: "", attributes: {} });
const NODES = [node("CO", ""), node("EMEA", "CO"), node("UK", "EMEA"), node("DE", "EMEA")];
/** Report rows of the nodes, in tree order. */
const ROWS = { CO: REPORT_FIRST_ROW, EMEA: REPORT_FIRST_ROW + 1, UK: REPORT_FIRST_ROW + 2, DE: REPORT_FIRST_ROW + 3 };

async function planWithLastYear(mode: HostMode): Promise<MemoryPlanWorkbook> {
  const plan = new MemoryPlanWorkbook(new MemoryWorkbook("Sheet1", mode));
  await plan.writePlan({ settings: SETTINGS, nodes: NODES });
  expect(await plan.addTable("reference")).toBe("added");
  // Last year for the leaves only, Q2 left blank for Germany.
  plan.workbook.appendTableRows(TABLES.reference, [["", "", "", "", ""]]);
  plan.workbook.write({ sheet: SHEETS.reference, row: 1, col: 0, rowCount: 2, colCount: 3 }, [
    ["UK", 100, 100],
    ["DE", 100, ""],
  ]);
  const read = await readPlanOf(plan);
  await plan.saveEntries(
    [
      {
        expected: read.entries.get("UK") ?? null,
        next: { ...(read.entries.get("UK") as NodeEntry), values: [120, 90] },
      },
      {
        expected: read.entries.get("DE") ?? null,
        next: { ...(read.entries.get("DE") as NodeEntry), values: [80, 50] },
      },
    ],
    [],
  );
  // The report's last-year block is written by a setup that finds the table.
  const again = await readPlanOf(plan);
  await plan.writePlan({ settings: again.settings, nodes: again.nodes });
  return plan;
}

describe.each(["desktop", "web"] as const)("the report's last-year block (%s blanks)", (mode) => {
  const start = capacityReportColumn(SETTINGS.periods.length);

  test("rolls last year up and shows each node's growth, blank where last year has nothing", async () => {
    const plan = await planWithLastYear(mode);
    const evaluated = evaluateWorkbook(plan.workbook);
    const block = (row: number): unknown[] =>
      evaluated.read({ sheet: SHEETS.report, row, col: start, rowCount: 1, colCount: 4 })[0];
    expect(evaluated.read({ sheet: SHEETS.report, row: 2, col: start, rowCount: 1, colCount: 4 })[0]).toEqual([
      "Last year",
      "Growth",
      "Last year",
      "Growth",
    ]);
    // Q1: UK 120 against 100, Germany 80 against 100, EMEA and the company 200 against 200.
    // Q2: the UK 90 against 100; Germany has no last year, so EMEA's 100 is the UK's only.
    expect(block(ROWS.UK)).toEqual([100, 0.2, 100, expect.closeTo(-0.1, 9)]);
    expect(block(ROWS.DE)).toEqual([100, expect.closeTo(-0.2, 9), 0, null]);
    expect(block(ROWS.EMEA)).toEqual([200, 0, 100, expect.closeTo(0.4, 9)]);
    expect(block(ROWS.CO)).toEqual([200, 0, 100, expect.closeTo(0.4, 9)]);

    // A corrected last year is followed without a setup.
    plan.workbook.write({ sheet: SHEETS.reference, row: 1, col: 1, rowCount: 1, colCount: 1 }, [[150]]);
    const corrected = evaluateWorkbook(plan.workbook);
    expect(corrected.read({ sheet: SHEETS.report, row: ROWS.UK, col: start, rowCount: 1, colCount: 2 })[0]).toEqual([
      150,
      expect.closeTo(-0.2, 9),
    ]);
  });
});
