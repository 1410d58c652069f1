/**
 * Setup asks Excel whether it has dynamic arrays, which every column of the report needs
 * ("Handle dynamic arrays and spilling using the Excel JavaScript API"), and says so where it has
 * not, in the report's title row and in what `writePlan` returns to the pane. Both hosts are played
 * by the recording double: with dynamic arrays (Microsoft 365, Excel 2021, the web) and without
 * (Excel 2019 and older, where a formula shows the first value of its array).
 */
import type { CellRange } from "../../src/core/a1";
import {
  REPORT_CHECK_COLUMN,
  REPORT_NO_DYNAMIC_ARRAYS_MESSAGE,
  SHEETS,
  buildPlanLayout,
  reportWidth,
} from "../../src/core/plan/layout";
import type { PlanNode, PlanSettings } from "../../src/core/plan/types";
import { chunkBlocks, WRITE_BUDGET_BYTES } from "../../src/excel/chunks";
import { SPILL_PROBE_FORMULA } from "../../src/excel/dynamicArrays";
import { ExcelPlanWorkbook } from "../../src/excel/ExcelPlanWorkbook";
import { readPlanOf } from "../support/plan";
import { RecordingExcel } from "./support/RecordingExcel";

const SETTINGS: PlanSettings = {
  name: "FY27",
  metric: "Revenue",
  unit: "EUR",
  periods: ["Q1 2027", "Q2 2027"],
  decimals: 0,
  tolerance: 0.05,
  deadline: "2027-01-31",
  allowNegative: false,
};

const NODES: PlanNode[] = [
  { id: "CO", parent: "", name: "Company", owner: "ceo", attributes: {} },
  { id: "EMEA", parent: "CO", name: "EMEA", owner: "bob", attributes: {} },
  { id: "UK", parent: "EMEA", name: "UK", owner: "ann", attributes: {} },
];
const SETUP = { settings: SETTINGS, nodes: NODES };

const titleCell: CellRange = { sheet: SHEETS.report, row: 0, col: REPORT_CHECK_COLUMN, rowCount: 1, colCount: 1 };
/** Where setup probes: right of the report, one column apart, the two rows above its headers. */
const probeCells: CellRange = {
  sheet: SHEETS.report,
  row: 0,
  col: reportWidth(SETTINGS.periods.length) + 1,
  rowCount: 2,
  colCount: 1,
};

function host(dynamicArrays: boolean): { excel: RecordingExcel; workbook: ExcelPlanWorkbook } {
  const excel = new RecordingExcel();
  excel.dynamicArrays = dynamicArrays;
  return { excel, workbook: new ExcelPlanWorkbook(excel.run) };
}

describe("the double calculates an array constant as each host does", () => {
  test.each([
    [true, [[1], [2]]],
    [false, [[1], [""]]],
  ])("dynamic arrays %s: the cells read %j", async (dynamicArrays, values) => {
    const { excel } = host(dynamicArrays);
    const context = excel.context;
    const sheet = context.workbook.worksheets.getItem("Sheet1");
    sheet.getRange("A1").formulas = [[SPILL_PROBE_FORMULA]];
    const range = sheet.getRange("A1:A2").load("values");
    await context.sync();
    expect(range.values).toEqual(values);
  });

  test("a spill over a cell that holds something is #SPILL!", async () => {
    const { excel } = host(true);
    const context = excel.context;
    const sheet = context.workbook.worksheets.getItem("Sheet1");
    sheet.getRange("A2").values = [["mine"]];
    sheet.getRange("A1").formulas = [[SPILL_PROBE_FORMULA]];
    const range = sheet.getRange("A1:A2").load("values");
    await context.sync();
    expect(range.values).toEqual([["#SPILL!"], ["mine"]]);
  });
});

describe("setting up on a host with dynamic arrays", () => {
  test("says nothing, keeps the report's check in the title row, leaves no probe behind, in no extra sync", async () => {
    const { excel, workbook } = host(true);
    const outcome = await workbook.writePlan(SETUP);
    expect(outcome).toEqual({ dynamicArrays: true });
    expect(excel.workbook.formulas(titleCell)[0][0]).toMatch(/^=IF\(AND\(/);
    expect(excel.workbook.formulas(probeCells)).toEqual([[""], [""]]);
    expect(excel.syncs).toBe(1 + chunkBlocks(buildPlanLayout(SETUP, {}).blocks, WRITE_BUDGET_BYTES).length);
    // The probe went in with the last chunk, and out again in the same batch.
    const probe = excel.writes.filter((write) => write.kind === "formulas" && write.data[0][0] === SPILL_PROBE_FORMULA);
    expect(probe).toHaveLength(1);
    expect(probe[0].sync).toBe(excel.syncs);
  });
});

describe("setting up on a host without dynamic arrays", () => {
  test("writes the plan, says so in the report's title row as text, and tells the pane", async () => {
    const { excel, workbook } = host(false);
    const outcome = await workbook.writePlan(SETUP);
    expect(outcome).toEqual({ dynamicArrays: false });
    expect(excel.workbook.formulas(titleCell)).toEqual([[REPORT_NO_DYNAMIC_ARRAYS_MESSAGE]]);
    expect(excel.workbook.cell(SHEETS.report, 0, REPORT_CHECK_COLUMN)?.formula).toBeUndefined();
    expect(excel.workbook.formulas(probeCells)).toEqual([[""], [""]]);
    // One sync more than on a host with dynamic arrays: the warning.
    expect(excel.syncs).toBe(2 + chunkBlocks(buildPlanLayout(SETUP, {}).blocks, WRITE_BUDGET_BYTES).length);

    // The plan's tables are all there: the pane reads and saves as on any host.
    const plan = await readPlanOf(workbook);
    expect(plan.nodes.map((node) => node.id)).toEqual(["CO", "EMEA", "UK"]);
  });

  test("setting up again over the plan says so again", async () => {
    const { excel, workbook } = host(false);
    await workbook.writePlan(SETUP);
    const again = await workbook.writePlan({ ...SETUP, settings: { ...SETTINGS, name: "FY27 v2" } });
    expect(again).toEqual({ dynamicArrays: false });
    expect(excel.workbook.formulas(titleCell)).toEqual([[REPORT_NO_DYNAMIC_ARRAYS_MESSAGE]]);
  });
});
