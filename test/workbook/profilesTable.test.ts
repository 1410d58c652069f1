/**
 * Named seasonality profiles (issue 12): the optional GU Profiles table, added from the pane, read
 * with the plan by both workbooks; shares that don't total 100 % are refused with their row, and
 * never stop the plan being read.
 */
import { SHEETS, TABLES } from "../../src/core/plan/layout";
import type { PlanNode } from "../../src/core/plan/types";
import { ExcelPlanWorkbook } from "../../src/excel/ExcelPlanWorkbook";
import type { PlanWorkbook } from "../../src/workbook/PlanWorkbook";
import { MemoryPlanWorkbook } from "../../src/workbook/memory/MemoryPlanWorkbook";
import { MemoryWorkbook } from "../../src/workbook/memory/MemoryWorkbook";
import { RecordingExcel } from "../excel/support/RecordingExcel";
import { SETTINGS } from "../support/plan";

const NODES: PlanNode[] = [{ id: "CO", parent: "", name: "CO", owner: "", attributes: {} }];

const KINDS: { name: string; open: (cells: MemoryWorkbook) => PlanWorkbook }[] = [
  { name: "MemoryPlanWorkbook", open: (cells) => new MemoryPlanWorkbook(cells) },
  { name: "ExcelPlanWorkbook", open: (cells) => new ExcelPlanWorkbook(new RecordingExcel(cells).run) },
];

describe.each(KINDS)("$name: seasonality profiles", ({ open }) => {
  test("are added with the plan's periods, read by name, and bad rows are named and left out", async () => {
    const cells = new MemoryWorkbook();
    const workbook = open(cells);
    await workbook.writePlan({ settings: SETTINGS, nodes: NODES });
    expect((await workbook.readPlan())?.profiles).toBeUndefined();
    expect(await workbook.addTable("profiles")).toBe("added");
    expect(cells.values({ sheet: SHEETS.profiles, row: 0, col: 0, rowCount: 1, colCount: 3 })).toEqual([
      ["Profile", "Q1 2027", "Q2 2027"],
    ]);
    const rows: (string | number)[][] = [
      ["Front-loaded", 0.6, 0.4],
      ["Back-loaded", "30%", "70%"],
      ["Too much", 0.6, 0.6],
      ["front-loaded", 0.5, 0.5],
      ["Typo", "lots", 0.5],
      ["", 0.5, 0.5],
    ];
    cells.appendTableRows(
      TABLES.profiles,
      rows.slice(1).map(() => ["", "", ""]),
    );
    cells.write({ sheet: SHEETS.profiles, row: 1, col: 0, rowCount: rows.length, colCount: 3 }, rows);
    const plan = await new MemoryPlanWorkbook(cells).readPlan();
    expect(plan?.profiles?.profiles).toEqual([
      { name: "Front-loaded", shares: [0.6, 0.4] },
      { name: "Back-loaded", shares: [0.3, 0.7] },
    ]);
    expect(plan?.profiles?.problems.map((problem) => [problem.row, problem.message])).toEqual([
      [4, expect.stringMatching(/^Profile "Too much" \(row 4 of GU Profiles\) can't be used: .*total 120%/)],
      [5, 'Profile "front-loaded" is in GU Profiles twice (rows 2 and 5); rename or delete row 5'],
      [6, 'Profile "Typo" Q1 2027 (row 6 of GU Profiles) is not a number; enter a percentage like 25%'],
      [7, "Row 7 of GU Profiles has shares but no name; enter the profile's name in column Profile"],
    ]);
  });
});
