import { buildPlanView } from "../../src/core/plan/planView";
import type { Plan, PlanNode } from "../../src/core/plan/types";
import {
  DASHBOARD_CHARTS,
  DASHBOARD_SHEET,
  dashboardLayout,
  type DashboardLayout,
  type DashboardPeriod,
} from "../../src/core/progress/dashboard";
import { MemoryPlanWorkbook } from "../../src/workbook/memory/MemoryPlanWorkbook";
import { MemoryWorkbook } from "../../src/workbook/memory/MemoryWorkbook";
import { SETTINGS } from "../support/plan";

function node(id: string, parent: string, name = id): PlanNode {
  return { id, parent, name, owner: "", attributes: {} };
}

const NODES = [
  node("CO", "", "Company"),
  node("EMEA", "CO", "Europe"),
  node("UK", "EMEA"),
  node("DE", "EMEA"),
  node("FR", "EMEA"),
  node("AMER", "CO", "Americas"),
];

describe("MemoryPlanWorkbook.writeDashboard", () => {
  let book: MemoryWorkbook;
  let workbook: MemoryPlanWorkbook;
  let plan: Plan;

  function dashboard(nodeId: string, period: DashboardPeriod): DashboardLayout {
    const result = dashboardLayout(plan, buildPlanView(plan), { nodeId, period });
    if (!result.ok) throw new Error(result.message);
    return result.dashboard;
  }

  beforeEach(async () => {
    book = new MemoryWorkbook();
    workbook = new MemoryPlanWorkbook(book);
    await workbook.writePlan({ settings: SETTINGS, nodes: NODES });
    plan = (await workbook.readPlan()) as Plan;
  });

  it("inserts the sheet with its formulas and lists its charts: type, title, source and name", async () => {
    expect(await workbook.writeDashboard(dashboard("EMEA", 1))).toBe("inserted");

    expect(book.hasSheet(DASHBOARD_SHEET)).toBe(true);
    expect(book.cell(DASHBOARD_SHEET, 4, 0)).toEqual({ value: "UK" });
    expect(book.cell(DASHBOARD_SHEET, 4, 3)?.formula).toBe(
      `=INDEX('GU Report'!$J$4:$J$9,MATCH(TRIM(A5&""),'GU Report'!$A$4:$A$9,0))`,
    );
    expect(book.charts()).toEqual([
      {
        sheet: DASHBOARD_SHEET,
        name: DASHBOARD_CHARTS.targets,
        type: "columnClustered",
        title: "Top-down vs bottom-up below Europe, Q2 2027",
        source: { sheet: DASHBOARD_SHEET, row: 3, col: 1, rowCount: 4, colCount: 3 },
        position: { sheet: DASHBOARD_SHEET, row: 0, col: 7, rowCount: 16, colCount: 8 },
      },
      expect.objectContaining({
        name: DASHBOARD_CHARTS.status,
        type: "barClustered",
        title: "Submission status of FY27",
      }),
    ]);
  });

  it("refreshes: the cells of the old dashboard go, its charts are replaced, other charts stay", async () => {
    await workbook.writeDashboard(dashboard("EMEA", 0));
    book.addChart({
      sheet: DASHBOARD_SHEET,
      name: "Mine",
      type: "line",
      title: "My chart",
      source: { sheet: DASHBOARD_SHEET, row: 0, col: 0, rowCount: 2, colCount: 2 },
    });

    expect(await workbook.writeDashboard(dashboard("CO", "total"))).toBe("refreshed");

    expect(book.charts().map((chart) => [chart.name, chart.title])).toEqual([
      ["Mine", "My chart"],
      [DASHBOARD_CHARTS.targets, "Top-down vs bottom-up below Company, all periods"],
      [DASHBOARD_CHARTS.status, "Submission status of FY27"],
    ]);
    // Europe's dashboard ran to row 15; the company's has two children, so it ends sooner.
    expect(book.usedRange(DASHBOARD_SHEET)).toEqual({
      sheet: DASHBOARD_SHEET,
      row: 0,
      col: 0,
      rowCount: 14,
      colCount: 6,
    });
    expect(book.cell(DASHBOARD_SHEET, 4, 0)).toEqual({ value: "EMEA" });
  });
});
