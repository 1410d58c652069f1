/**
 * Last year's values (issue 12: reference values): the optional GU Reference table, added from the
 * pane, filled by pasting, read with the plan by both workbooks; its bad rows never stop the plan
 * being read, and the growth guardrails measure against it.
 */
import { SHEETS, TABLES } from "../../src/core/plan/layout";
import type { PlanNode } from "../../src/core/plan/types";
import { chainAction } from "../../src/core/plan/workflow";
import { ExcelPlanWorkbook } from "../../src/excel/ExcelPlanWorkbook";
import type { PlanWorkbook } from "../../src/workbook/PlanWorkbook";
import { MemoryPlanWorkbook } from "../../src/workbook/memory/MemoryPlanWorkbook";
import { MemoryWorkbook } from "../../src/workbook/memory/MemoryWorkbook";
import { RecordingExcel } from "../excel/support/RecordingExcel";
import { SETTINGS } from "../support/plan";

function node(id: string, parent: string, owner = ""): PlanNode {
  return { id, parent, name: id, owner, attributes: {} };
}

const NODES = [node("CO", "", "Vera"), node("UK", "CO", "Ann"), node("DE", "CO", "Dan")];

const KINDS: { name: string; open: (cells: MemoryWorkbook) => PlanWorkbook }[] = [
  { name: "MemoryPlanWorkbook", open: (cells) => new MemoryPlanWorkbook(cells) },
  { name: "ExcelPlanWorkbook", open: (cells) => new ExcelPlanWorkbook(new RecordingExcel(cells).run) },
];

describe.each(KINDS)("$name: last year's values", ({ open }) => {
  let cells: MemoryWorkbook;
  let workbook: PlanWorkbook;

  beforeEach(async () => {
    cells = new MemoryWorkbook();
    workbook = open(cells);
    await workbook.writePlan({ settings: SETTINGS, nodes: NODES });
  });

  /** Pasting rows under the header, as a planner does (the table grows over them); short rows leave the rest blank. */
  function paste(rows: (string | number)[][]): void {
    const width = cells.table(TABLES.reference)?.range.colCount ?? 0;
    const full = rows.map((row) => [...row, ...Array<string>(Math.max(0, width - row.length)).fill("")]);
    cells.write({ sheet: SHEETS.reference, row: 1, col: 0, rowCount: 1, colCount: width }, [full[0]]);
    if (full.length > 1) cells.appendTableRows(TABLES.reference, full.slice(1));
  }

  test("a plan without them reads as before", async () => {
    expect((await workbook.readPlan())?.reference).toBeUndefined();
  });

  test("are added with the plan's periods as headers, then read by id with the plan", async () => {
    expect(await workbook.addTable("reference")).toBe("added");
    expect(cells.values({ sheet: SHEETS.reference, row: 0, col: 0, rowCount: 1, colCount: 5 })).toEqual([
      ["Id", "Q1 2027", "Q2 2027", "Forecast Q1 2027", "Forecast Q2 2027"],
    ]);
    expect(await workbook.addTable("reference")).toBe("exists");
    paste([
      ["uk", 100, 120, 110, 130],
      ["DE", 80, "", "", ""],
    ]);
    const plan = await new MemoryPlanWorkbook(cells).readPlan();
    expect(plan?.reference).toEqual({
      values: new Map([
        ["UK", [100, 120]],
        ["DE", [80, null]],
      ]),
      forecast: new Map([
        ["UK", [110, 130]],
        ["DE", [null, null]],
      ]),
      problems: [],
    });
  });

  test("a table without Forecast columns (added before they existed) has last year only; a bad forecast is named", async () => {
    await workbook.addTable("reference");
    paste([["UK", 100, 120, "soon", 130]]);
    const plan = await new MemoryPlanWorkbook(cells).readPlan();
    expect(plan?.reference?.problems.map((problem) => problem.message)).toEqual([
      '"UK" Forecast Q1 2027 (row 2 of GU Reference) is not a number; enter a number or leave it blank',
    ]);
    expect(plan?.reference?.forecast?.get("UK")).toEqual([null, 130]);
    // The same table with its Forecast columns deleted, as a workbook from before them.
    cells.resizeTable(TABLES.reference, { sheet: SHEETS.reference, row: 0, col: 0, rowCount: 2, colCount: 3 });
    const older = await new MemoryPlanWorkbook(cells).readPlan();
    expect(older?.reference?.forecast).toBeUndefined();
    expect(older?.reference?.values.get("UK")).toEqual([100, 120]);
  });

  test("bad rows are named by their sheet rows and left out; the plan still reads", async () => {
    await workbook.addTable("reference");
    paste([
      ["UK", 100, 120],
      ["FR", 50, 50],
      ["UK", 1, 1],
      ["DE", "lots", 3],
      ["", 5, 5],
    ]);
    const plan = await new MemoryPlanWorkbook(cells).readPlan();
    expect(plan?.reference?.problems.map((problem) => [problem.row, problem.message])).toEqual([
      [3, '"FR" (row 3 of GU Reference) is not a node of the plan; correct the id or delete the row'],
      [4, '"UK" is in GU Reference twice (rows 2 and 4); row 4 is left out, delete one of them'],
      [5, '"DE" Q1 2027 (row 5 of GU Reference) is not a number; enter a number or leave it blank'],
      [6, "Row 6 of GU Reference has values but no id; enter the node's id in column Id"],
    ]);
    expect(plan?.reference?.values.get("UK")).toEqual([100, 120]);
    expect(plan?.reference?.values.get("DE")).toEqual([null, 3]);
  });

  test("the growth guardrail measures a submission against them", async () => {
    await workbook.addTable("reference");
    paste([["UK", 100, 100]]);
    const read = await new MemoryPlanWorkbook(cells).readPlan();
    if (read === null) throw new Error("no plan");
    const plan = {
      ...read,
      settings: {
        ...read.settings,
        guardrails: {
          minValue: null,
          maxValue: null,
          minGrowth: null,
          maxGrowth: 0.2,
          whenBroken: "block" as const,
          levels: null,
        },
      },
    };
    const submit = (values: number[]) =>
      chainAction(plan, "UK", "submit", {
        user: "Ann",
        now: "2027-01-05T10:00:00.000Z",
        values,
        periods: plan.settings.periods,
      });
    expect(submit([130, 130])).toEqual({
      ok: false,
      message: expect.stringContaining("Growth against last year is +30 %; the plan allows at most +20 %"),
    });
    expect(submit([110, 110]).ok).toBe(true);
  });
});
