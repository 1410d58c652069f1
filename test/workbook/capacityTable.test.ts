import { SHEETS, TABLES } from "../../src/core/plan/layout";
import type { PlanNode } from "../../src/core/plan/types";
import { planCapacityOf } from "../../src/core/territory/planCapacity";
import { MemoryPlanWorkbook } from "../../src/workbook/memory/MemoryPlanWorkbook";
import { SETTINGS, readPlanOf } from "../support/plan";

function node(id: string, parent: string): PlanNode {
  return { id, parent, name: id, owner: "", attributes: {} };
}

const NODES = [node("CO", ""), node("EMEA", "CO"), node("UK", "EMEA"), node("DE", "EMEA")];

describe("MemoryPlanWorkbook's capacity table", () => {
  let workbook: MemoryPlanWorkbook;

  beforeEach(async () => {
    workbook = new MemoryPlanWorkbook();
    await workbook.writePlan({ settings: SETTINGS, nodes: NODES });
  });

  /** Typing into the table's cells, as the user does (2 is the first body row). */
  function type(row: number, cells: (string | number)[]): void {
    const { range } = workbook.workbook.table(TABLES.capacity) as { range: { rowCount: number } };
    if (row > range.rowCount) workbook.workbook.appendTableRows(TABLES.capacity, [cells.map(() => "")]);
    workbook.workbook.write({ sheet: SHEETS.capacity, row: row - 1, col: 0, rowCount: 1, colCount: cells.length }, [
      cells,
    ]);
  }

  test("a plan without it reads as before: no capacity, and the pane shows none", async () => {
    const plan = await readPlanOf(workbook);
    expect(plan.capacity).toBeUndefined();
    expect(planCapacityOf(plan)).toBeNull();
  });

  test("is added with the plan's periods, and typed percentages become fractions", async () => {
    expect(await workbook.addTable("capacity")).toBe("added");
    expect(workbook.workbook.values({ sheet: SHEETS.capacity, row: 0, col: 0, rowCount: 1, colCount: 6 })).toEqual([
      ["Node", "Heads", "Quota per head", "Attainment", "Ramp Q1 2027", "Ramp Q2 2027"],
    ]);
    expect(workbook.workbook.selection()).toMatchObject({ sheet: SHEETS.capacity, row: 1, col: 0 });
    expect(await workbook.addTable("capacity")).toBe("exists");

    type(2, ["DE", 2, 100, "90%", "", ""]);
    type(3, ["UK", 1, 100, "", "25%", "50%"]);
    const plan = await readPlanOf(workbook);
    expect(plan.capacity?.rows.map((row) => [row.node, row.attainment, ...row.ramp])).toEqual([
      ["DE", 0.9, "", ""],
      ["UK", "", 0.25, 0.5],
    ]);
    const capacity = planCapacityOf(plan);
    expect(capacity?.problems).toEqual([]);
    // EMEA: Germany 2 x 100 x 90 % = 180 a quarter, the UK's new hire 25 then 50.
    expect(capacity?.byId.get("EMEA")?.periods.map((period) => period.capacity)).toEqual([205, 230]);
    expect(capacity?.byId.get("CO")?.total.capacity).toBe(435);
  });

  test("bad rows are named by their sheet rows and left out; a deleted column is one problem, not a broken plan", async () => {
    await workbook.addTable("capacity");
    type(2, ["DE", 2, 100, "", "", ""]);
    type(3, ["XX", 1, 100, "", "", ""]);
    type(4, ["UK", -1, "lots", "", 25, ""]);
    let capacity = planCapacityOf(await readPlanOf(workbook));
    expect(capacity?.problems.map((problem) => problem.row)).toEqual([3, 4, 4, 4]);
    expect(capacity?.problems[0].message).toBe(
      `Node "XX" (row 3) is not a node of the hierarchy; enter the id of a node, or add the node first`,
    );
    expect(capacity?.byId.get("CO")?.periods.map((period) => period.capacity)).toEqual([200, 200]);

    workbook.workbook.write({ sheet: SHEETS.capacity, row: 0, col: 2, rowCount: 1, colCount: 1 }, [["Quota"]]);
    const plan = await readPlanOf(workbook);
    expect(plan.nodes).toHaveLength(4);
    capacity = planCapacityOf(plan);
    expect(capacity?.problems).toEqual([
      {
        row: 1,
        rows: [1],
        message: `Table GuCapacity (sheet "GU Capacity") has no column "Quota per head"; type it back into the header row, then refresh`,
      },
    ]);
  });

  test("is refused over a sheet of its name without the table", async () => {
    workbook.workbook.addSheet(SHEETS.capacity);
    await expect(workbook.addTable("capacity")).rejects.toThrow(`A sheet named "GU Capacity" already exists`);
    expect(workbook.workbook.table(TABLES.capacity)).toBeUndefined();
  });
});
