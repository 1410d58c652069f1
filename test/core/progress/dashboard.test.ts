import { HyperFormula } from "hyperformula";
import {
  DASHBOARD_CHARTS,
  DASHBOARD_SHEET,
  dashboardLayout,
  dashboardMapOf,
  REGION_HEADERS,
  REGION_NODE_HEADERS,
  type DashboardLayout,
  type DashboardPeriod,
} from "../../../src/core/progress/dashboard";
import { geographyColumn, regionFigures } from "../../../src/core/map/regionFigures";
import { buildPlanView } from "../../../src/core/plan/planView";
import {
  blockInputs,
  buildPlanLayout,
  ID_HEADER,
  SHEETS,
  STATUS_HEADERS,
  type CellBlock,
} from "../../../src/core/plan/layout";
import { compareNode } from "../../../src/core/reconcile/compare";
import { registerBuFunctions } from "../../../src/hyperformula/buPlugin";
import type { Plan } from "../../../src/core/plan/types";
import { COMPANY, makePlan, planAndView } from "../reconcile/fixture";

const { plan, view } = planAndView(COMPANY);

function build(period: DashboardPeriod, nodeId = "EMEA"): DashboardLayout {
  const result = dashboardLayout(plan, view, { nodeId, period });
  if (!result.ok) throw new Error(result.message);
  return result.dashboard;
}

/** The plan's sheets as the add-in writes them, in a real formula engine, plus the dashboard. */
/** The dashboard evaluated over the plan's report: each cell, and whether its tolerance rule flags a row. */
function evaluate(
  p: Plan,
  dashboard: DashboardLayout,
): {
  cell: (row: number, col: number) => unknown;
  flagged: (row: number) => unknown;
  setTolerance: (tolerance: number) => void;
} {
  registerBuFunctions();
  const periods = p.settings.periods;
  const valueRows = (valuesOf: (id: string) => readonly (number | null)[] | undefined): unknown[][] =>
    p.nodes.map((node) => [node.id, ...periods.map((_, c) => valuesOf(node.id)?.[c] ?? null)]);
  const layout = buildPlanLayout(
    { settings: p.settings, nodes: p.nodes },
    {
      inputs: {
        headers: [ID_HEADER, ...periods],
        rows: valueRows((id) => p.entries.get(id)?.values),
      },
      targets: { headers: [ID_HEADER, ...periods], rows: valueRows((id) => p.topDown.get(id)) },
      status: {
        headers: [...STATUS_HEADERS],
        rows: p.nodes.map((node) => [node.id, p.entries.get(node.id)?.status ?? "", "", "", "", ""]),
      },
    },
  );
  // Dynamic arrays, as in Excel 365 and the workbench: the report's lookups spill.
  const hf = HyperFormula.buildEmpty({ licenseKey: "gpl-v3", useArrayArithmetic: true });
  const write = (block: CellBlock): void => {
    if (block.cells === null) return;
    if (!hf.doesSheetExist(block.sheet)) hf.addSheet(block.sheet);
    hf.setCellContents(
      { sheet: hf.getSheetId(block.sheet) as number, row: block.row, col: block.col },
      blockInputs(block),
    );
  };
  layout.blocks.forEach(write);
  dashboard.blocks.forEach(write);
  const sheet = hf.getSheetId(DASHBOARD_SHEET) as number;
  const [rule] = dashboard.rules;
  const first = rule.range.row + 1;
  return {
    cell: (row, col) => hf.getCellValue({ sheet, row, col }),
    // The rule's formula is relative to its first row; here it is placed on each row in turn.
    flagged: (row) =>
      hf.calculateFormula(rule.formula.replace(new RegExp(`\\b([A-Z])${first}\\b`, "g"), `$1${row + 1}`), sheet),
    // As a planner edits the settings table: the rule reads the tolerance from there.
    setTolerance: (tolerance) => {
      const settings = hf.getSheetId(SHEETS.settings) as number;
      const row = hf.getSheetValues(settings).findIndex((cells) => cells[0] === "tolerance");
      hf.setCellContents({ sheet: settings, row, col: 1 }, [[tolerance]]);
    },
  };
}

describe("dashboardLayout", () => {
  test("a table per child with formulas over the plan's tables and report", () => {
    const dashboard = build(0);
    const children = dashboard.blocks[2].cells ?? [];
    expect(children[0]).toEqual([
      "UK",
      { formula: `=TRIM(INDEX('GU Report'!$B$4:$B$11,MATCH(TRIM(A5&""),'GU Report'!$A$4:$A$11,0)))` },
      { formula: `=INDEX('GU Report'!$G$4:$G$11,MATCH(TRIM(A5&""),'GU Report'!$A$4:$A$11,0))` },
      { formula: `=INDEX('GU Report'!$F$4:$F$11,MATCH(TRIM(A5&""),'GU Report'!$A$4:$A$11,0))` },
      { formula: "=BU.VARIANCE(D5,C5)" },
      { formula: `=IF(IF(ISNUMBER(C5),C5=0,FALSE()),"—",BU.VARIANCE(D5,C5,"pct"))` },
    ]);
    expect(children.map((row) => row[0])).toEqual(["UK", "DE", "FR", "EMEA"]);
    expect(dashboard.blocks[3].cells?.slice(0, 3)).toEqual([
      ["Status", "Nodes"],
      [
        "Not started",
        {
          formula: `=COUNTIF('GU Status'!$B$2:$B$9,"Not started")+COUNTBLANK('GU Status'!$B$2:$B$9)`,
        },
      ],
      ["Draft", { formula: `=COUNTIF('GU Status'!$B$2:$B$9,"Draft")` }],
    ]);
  });

  test("the total over all periods adds up the periods", () => {
    const cells = build("total").blocks[2].cells ?? [];
    expect(cells[0][2]).toEqual({
      formula: `=SUM(INDEX('GU Report'!$G$4:$G$11,MATCH(TRIM(A5&""),'GU Report'!$A$4:$A$11,0)),INDEX('GU Report'!$K$4:$K$11,MATCH(TRIM(A5&""),'GU Report'!$A$4:$A$11,0)))`,
    });
    expect(cells[0][3]).toEqual({
      formula: `=SUM(INDEX('GU Report'!$F$4:$F$11,MATCH(TRIM(A5&""),'GU Report'!$A$4:$A$11,0)),INDEX('GU Report'!$J$4:$J$11,MATCH(TRIM(A5&""),'GU Report'!$A$4:$A$11,0)))`,
    });
  });

  test("chart specs: top-down vs bottom-up per child, and status counts", () => {
    const dashboard = build(1);
    expect(dashboard.charts).toEqual([
      {
        name: DASHBOARD_CHARTS.targets,
        sheet: DASHBOARD_SHEET,
        type: "columnClustered",
        title: "Top-down vs bottom-up below Europe, Q2 2027",
        source: { sheet: DASHBOARD_SHEET, row: 3, col: 1, rowCount: 4, colCount: 3 },
        position: { sheet: DASHBOARD_SHEET, row: 0, col: 7, rowCount: 16, colCount: 8 },
      },
      {
        name: DASHBOARD_CHARTS.status,
        sheet: DASHBOARD_SHEET,
        type: "barClustered",
        title: "Submission status of FY27",
        source: { sheet: DASHBOARD_SHEET, row: 9, col: 0, rowCount: 6, colCount: 2 },
        position: { sheet: DASHBOARD_SHEET, row: 17, col: 7, rowCount: 16, colCount: 8 },
      },
    ]);
    expect(dashboard.used).toEqual({
      sheet: DASHBOARD_SHEET,
      row: 0,
      col: 0,
      rowCount: 15,
      colCount: 6,
    });
    expect(dashboard.blocks[0].cells).toEqual([
      ["FY27: Top-down vs bottom-up below Europe, Q2 2027"],
      ["Revenue (EUR)"],
    ]);
  });

  test.each<[string, DashboardPeriod, string]>([
    ["Atlantis", 0, 'No node "Atlantis"'],
    ["UK", 0, "UK has no children"],
    ["EMEA", 2, "Period 3 does not exist; the plan has 2 periods"],
  ])("refuses node %s, period %s", (nodeId, period, message) => {
    expect(dashboardLayout(plan, view, { nodeId, period })).toEqual({ ok: false, message });
  });

  test.each<DashboardPeriod>([0, 1, "total"])(
    "in a formula engine the numbers and tolerance flags agree with the Compare view (period %s)",
    (period) => {
      const dashboard = build(period);
      const { cell, flagged, setTolerance } = evaluate(plan, dashboard);
      const comparison = compareNode(plan, view, "EMEA");
      const figures = [
        ...(comparison?.children ?? []).map((child) => (period === "total" ? child.total : child.periods[period])),
        period === "total" ? comparison?.total : comparison?.periods[period],
      ];
      figures.forEach((expected, i) => {
        const row = 4 + i;
        expect([cell(row, 1), cell(row, 2), cell(row, 3), cell(row, 4)]).toEqual([
          [...(comparison?.children ?? []).map((child) => child.name), "Europe"][i],
          expected?.topDown,
          expected?.bottomUp,
          expected?.variance,
        ]);
        // HyperFormula rounds results to about 11 significant digits.
        expect(cell(row, 5)).toBeCloseTo(expected?.variancePct as number, 9);
        // Flagged outside the tolerance exactly where the pane flags it.
        expect(flagged(row)).toBe(expected?.outOfTolerance);
      });
      setTolerance(100);
      figures.forEach((_, i) => expect(flagged(4 + i)).toBe(false));
      // Not started: Company, EMEA, AMER; Draft DE; Submitted UK, CA; Approved US; Returned FR.
      expect([10, 11, 12, 13, 14].map((row) => [cell(row, 0), cell(row, 1)])).toEqual([
        ["Not started", 3],
        ["Draft", 1],
        ["Submitted", 2],
        ["Approved", 1],
        ["Returned", 1],
      ]);
    },
  );
});

describe("dashboardLayout with Excel's filled map", () => {
  /** COMPANY with a Country column; UK and DE in one region; only EMEA has a target in Q2 (none). */
  const placed: Plan = (() => {
    const base = makePlan({ ...COMPANY, topDown: { EMEA: [300, null] } });
    const country: Record<string, string> = { UK: "GB", DE: "Germany", FR: "France", US: "USA", CA: "Canada" };
    return {
      ...base,
      nodes: base.nodes.map((n) => ({ ...n, attributes: { Country: n.id === "DE" ? "UK" : (country[n.id] ?? "") } })),
    };
  })();
  const placedView = buildPlanView(placed);
  const map = dashboardMapOf(placedView);

  test("the regions are the pane's map's: one per country named, with the nodes it adds up", () => {
    expect(map).toEqual({
      kind: "world",
      regions: [
        { name: "Canada", nodes: ["CA"] },
        { name: "France", nodes: ["FR"] },
        { name: "United Kingdom", nodes: ["UK", "DE"] },
        { name: "United States", nodes: ["US"] },
      ],
    });
  });

  test("adds a region table, the nodes it sums and a RegionMap chart of Region and Variance % at country level", () => {
    const result = dashboardLayout(placed, placedView, { nodeId: "EMEA", period: 0, map });
    if (!result.ok) throw new Error(result.message);
    const { dashboard } = result;
    const [regions, nodes] = dashboard.blocks.slice(-2);
    expect(regions.row).toBe(16);
    expect(regions.cells?.[0]).toEqual([...REGION_HEADERS]);
    expect(regions.cells?.map((row) => row[0])).toEqual([
      "Region",
      "Canada",
      "France",
      "United Kingdom",
      "United States",
    ]);
    expect(nodes.cells?.[0]).toEqual([...REGION_NODE_HEADERS]);
    expect(nodes.cells?.slice(1).map((row) => row.slice(0, 2))).toEqual([
      ["CA", "Canada"],
      ["FR", "France"],
      ["UK", "United Kingdom"],
      ["DE", "United Kingdom"],
      ["US", "United States"],
    ]);
    expect(dashboard.charts[2]).toEqual({
      name: DASHBOARD_CHARTS.map,
      sheet: DASHBOARD_SHEET,
      type: "regionMap",
      title: "Variance % by region, Q1 2027",
      source: { sheet: DASHBOARD_SHEET, row: 16, col: 0, rowCount: 5, colCount: 2 },
      position: { sheet: DASHBOARD_SHEET, row: 34, col: 7, rowCount: 16, colCount: 8 },
      mapLevel: "Country",
    });
    expect(dashboard.used.rowCount).toBe(nodes.row + 6);
  });

  test.each<DashboardPeriod>([0, 1, "total"])(
    "in a formula engine each region's figures are the pane's map's (period %s); no target: blank and #N/A",
    (period) => {
      const result = dashboardLayout(placed, placedView, { nodeId: "EMEA", period, map });
      if (!result.ok) throw new Error(result.message);
      const { cell } = evaluate(placed, result.dashboard);
      const pane = regionFigures(placedView, geographyColumn(placedView) as string, 0.05, period);
      pane.regions.forEach((region, i) => {
        const row = 17 + i;
        const { topDown, bottomUp, variancePct } = region.figures;
        expect(cell(row, 0)).toBe(region.region.name);
        expect(cell(row, 3)).toBe(bottomUp);
        if (topDown === null) {
          expect(cell(row, 2)).toBe("");
          expect(String(cell(row, 1))).toMatch(/#N\/A/);
        } else {
          expect(cell(row, 2)).toBeCloseTo(topDown, 9);
          expect(cell(row, 1)).toBeCloseTo(variancePct as number, 9);
        }
      });
      // EMEA's 300 in Q1 reaches the UK and France; nothing reaches the Americas; a total needs a
      // target in every period, as in the pane.
      expect(pane.regions.map((region) => region.figures.topDown !== null)).toEqual(
        period === 0 ? [false, true, true, false] : [false, false, false, false],
      );
    },
  );

  test("without a place column there is no map, and without a map the dashboard is as before", () => {
    expect(dashboardMapOf(view)).toBeUndefined();
    const result = dashboardLayout(placed, placedView, { nodeId: "EMEA", period: 0 });
    if (!result.ok) throw new Error(result.message);
    expect(result.dashboard.charts.map((chart) => chart.name)).toEqual([
      DASHBOARD_CHARTS.targets,
      DASHBOARD_CHARTS.status,
    ]);
  });
});
