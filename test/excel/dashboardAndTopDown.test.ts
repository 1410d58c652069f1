import {
  AUDIT_COLUMNS,
  SHEETS,
  blockInputs,
  contiguousRuns,
  toCellInput,
  valueWrites,
} from "../../src/core/plan/layout";
import { auditTableRows } from "../../src/core/audit/auditRows";
import { buildPlanView } from "../../src/core/plan/planView";
import type { AuditEntry, Plan, PlanNode, PlanSettings } from "../../src/core/plan/types";
import type { TopDownChange } from "../../src/workbook/PlanWorkbook";
import {
  DASHBOARD_CHARTS,
  DASHBOARD_SHEET,
  dashboardLayout,
  dashboardMapOf,
  type DashboardLayout,
  type DashboardPeriod,
} from "../../src/core/progress/dashboard";
import { allocateGap } from "../../src/core/reconcile/allocateGap";
import { topDownWrite } from "../../src/core/reconcile/targets";
import { chunkBlocks, chunkBySize, writeBytes, WRITE_BUDGET_BYTES } from "../../src/excel/chunks";
import { ExcelPlanWorkbook } from "../../src/excel/ExcelPlanWorkbook";
import { RecordingExcel } from "./support/RecordingExcel";
import { readPlanOf } from "../support/plan";

const EXCEL_ON_THE_WEB_LIMIT = 5 * 1024 * 1024;

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

function node(id: string, parent: string, name = id): PlanNode {
  return { id, parent, name, owner: "", attributes: {} };
}

const NODES = [
  node("CO", "", "Company"),
  node("EMEA", "CO", "Europe"),
  node("UK", "EMEA", "United Kingdom"),
  node("DE", "EMEA", "Germany"),
  node("AMER", "CO", "Americas"),
];

function dashboardFor(plan: Plan, nodeId: string, period: DashboardPeriod): DashboardLayout {
  const result = dashboardLayout(plan, buildPlanView(plan), { nodeId, period });
  if (!result.ok) throw new Error(result.message);
  return result.dashboard;
}

describe("ExcelPlanWorkbook.writeDashboard", () => {
  let excel: RecordingExcel;
  let workbook: ExcelPlanWorkbook;
  let plan: Plan;

  beforeEach(async () => {
    excel = new RecordingExcel();
    workbook = new ExcelPlanWorkbook(excel.run);
    await workbook.writePlan({ settings: SETTINGS, nodes: NODES });
    plan = await readPlanOf(workbook);
    excel.reset();
  });

  it("inserts the sheet in 2 syncs: its cells as values and formulas, then two titled native charts", async () => {
    const dashboard = dashboardFor(plan, "EMEA", 0);

    expect(await workbook.writeDashboard(dashboard)).toBe("inserted");

    expect(excel.syncs).toBe(2);
    expect(excel.callsIn(1)).toEqual(["worksheet.load"]);
    const second = excel.callsIn(2);
    expect(second[0]).toBe("worksheets.add");
    expect(second.slice(-10)).toEqual([
      "charts.add",
      "chart.name",
      "chart.title.text",
      "chart.setPosition",
      "charts.add",
      "chart.name",
      "chart.title.text",
      "chart.setPosition",
      // Variance % outside the tolerance, flagged as in the report.
      "conditionalFormats.add",
      "worksheet.activate",
    ]);

    const written = excel.writes
      .filter((w) => w.sheet === DASHBOARD_SHEET && w.kind !== "numberFormat")
      .map((w) => [w.address, w.kind, w.data]);
    expect(written).toEqual(
      dashboard.blocks.map((block) => [
        expect.any(String),
        block.cells?.some((row) => row.some((cell) => typeof cell === "object" && cell !== null))
          ? "formulas"
          : "values",
        blockInputs(block),
      ]),
    );
    const children = excel.writes.find(
      (w) => w.sheet === DASHBOARD_SHEET && w.address === "A5:F7" && w.kind === "formulas",
    );
    expect(children?.data[0].slice(0, 3)).toEqual([
      "UK",
      `=TRIM(INDEX('GU Report'!$B$4:$B$8,MATCH(TRIM(A5&""),'GU Report'!$A$4:$A$8,0)))`,
      `=INDEX('GU Report'!$G$4:$G$8,MATCH(TRIM(A5&""),'GU Report'!$A$4:$A$8,0))`,
    ]);

    expect(excel.calls.filter((call) => call.call === "charts.add").map((call) => call.detail)).toEqual([
      `ColumnClustered '${DASHBOARD_SHEET}'!B4:D6 Columns`,
      `BarClustered '${DASHBOARD_SHEET}'!A9:B14 Columns`,
    ]);
    expect(excel.workbook.charts()).toEqual([
      {
        sheet: DASHBOARD_SHEET,
        name: DASHBOARD_CHARTS.targets,
        type: "columnClustered",
        title: "Top-down vs bottom-up below Europe, Q1 2027",
        source: { sheet: DASHBOARD_SHEET, row: 3, col: 1, rowCount: 3, colCount: 3 },
        position: { sheet: DASHBOARD_SHEET, row: 0, col: 7, rowCount: 16, colCount: 8 },
      },
      {
        sheet: DASHBOARD_SHEET,
        name: DASHBOARD_CHARTS.status,
        type: "barClustered",
        title: "Submission status of FY27",
        source: { sheet: DASHBOARD_SHEET, row: 8, col: 0, rowCount: 6, colCount: 2 },
        position: { sheet: DASHBOARD_SHEET, row: 17, col: 7, rowCount: 16, colCount: 8 },
      },
    ]);
    expect(excel.workbook.cell(DASHBOARD_SHEET, 3, 2)).toEqual({ value: "Top-down" });
  });

  it("refreshes in 3 syncs: replaces its own charts by name, keeps the user's, and rewrites the cells", async () => {
    await workbook.writeDashboard(dashboardFor(plan, "EMEA", 0));
    excel.workbook.addChart({
      sheet: DASHBOARD_SHEET,
      name: "My own chart",
      type: "line",
      title: "Mine",
      source: { sheet: DASHBOARD_SHEET, row: 0, col: 0, rowCount: 2, colCount: 2 },
    });
    excel.reset();

    const refreshed = dashboardFor(plan, "CO", "total");
    expect(await workbook.writeDashboard(refreshed)).toBe("refreshed");

    expect(excel.syncs).toBe(3);
    expect(excel.callsIn(1)).toEqual(["worksheet.load"]);
    expect(excel.callsIn(2)).toEqual(["charts.load"]);
    expect(
      excel.calls
        .filter((call) => ["range.clear", "chart.delete"].includes(call.call))
        .map((call) => [call.sync, call.call, call.detail]),
    ).toEqual([
      [3, "range.clear", `'${DASHBOARD_SHEET}'!A1:XFD1048576 All`],
      [3, "chart.delete", DASHBOARD_CHARTS.targets],
      [3, "chart.delete", DASHBOARD_CHARTS.status],
    ]);
    expect(excel.callsIn(3)).not.toContain("worksheets.add");
    expect(excel.workbook.charts().map((chart) => [chart.name, chart.title])).toEqual([
      ["My own chart", "Mine"],
      [DASHBOARD_CHARTS.targets, "Top-down vs bottom-up below Company, all periods"],
      [DASHBOARD_CHARTS.status, "Submission status of FY27"],
    ]);
    expect(excel.workbook.cell(DASHBOARD_SHEET, 4, 0)).toEqual({ value: "EMEA" });
    expect(excel.workbook.cell(DASHBOARD_SHEET, 5, 0)).toEqual({ value: "AMER" });
    expect(excel.workbook.cell(DASHBOARD_SHEET, 6, 0)).toEqual({ value: "CO" });
  });

  describe("with Excel's filled map (ExcelApi 1.9: Excel.ChartType RegionMap, ChartMapOptions on Microsoft Learn)", () => {
    const placedNodes = NODES.map((n) =>
      n.id === "UK"
        ? { ...n, attributes: { Country: "GB" } }
        : n.id === "DE"
          ? { ...n, attributes: { Country: "DE" } }
          : n,
    );
    const versions = (supported: string[]): void => {
      global.Office = {
        context: {
          requirements: {
            isSetSupported: (name: string, version: string): boolean =>
              name === "ExcelApi" && supported.includes(version),
          },
        },
      } as unknown as typeof Office;
    };
    let placed: Plan;

    beforeEach(async () => {
      await workbook.writePlan({ settings: SETTINGS, nodes: placedNodes });
      placed = await readPlanOf(workbook);
      excel.reset();
    });

    afterEach(() => {
      delete (global as { Office?: unknown }).Office;
    });

    function withMap(): DashboardLayout {
      const view = buildPlanView(placed);
      const map = dashboardMapOf(view);
      const result = dashboardLayout(placed, view, { nodeId: "EMEA", period: 0, map });
      if (!result.ok) throw new Error(result.message);
      return result.dashboard;
    }

    it("adds a RegionMap chart of the region table at country level, in the same sync as the other charts", async () => {
      versions(["1.1", "1.9"]);
      await workbook.writeDashboard(withMap());

      expect(excel.calls.filter((call) => call.call === "charts.add").map((call) => [call.sync, call.detail])).toEqual([
        [2, `ColumnClustered '${DASHBOARD_SHEET}'!B4:D6 Columns`],
        [2, `BarClustered '${DASHBOARD_SHEET}'!A9:B14 Columns`],
        [2, `RegionMap '${DASHBOARD_SHEET}'!A16:B18 Columns`],
      ]);
      expect(excel.calls.map((call) => call.call)).toContain("chart.series.getItemAt(0).mapOptions.level");
      expect(excel.workbook.charts().find((chart) => chart.name === DASHBOARD_CHARTS.map)).toEqual({
        sheet: DASHBOARD_SHEET,
        name: DASHBOARD_CHARTS.map,
        type: "regionMap",
        title: "Variance % by region, Q1 2027",
        source: { sheet: DASHBOARD_SHEET, row: 15, col: 0, rowCount: 3, colCount: 2 },
        position: { sheet: DASHBOARD_SHEET, row: 34, col: 7, rowCount: 16, colCount: 8 },
        mapLevel: "Country",
      });
      expect([16, 17].map((row) => excel.workbook.cell(DASHBOARD_SHEET, row, 0)?.value)).toEqual([
        "Germany",
        "United Kingdom",
      ]);
    });

    it("where the host lacks ExcelApi 1.9, writes the region table but no map chart", async () => {
      versions(["1.1"]);
      await workbook.writeDashboard(withMap());

      expect(excel.calls.filter((call) => call.call === "charts.add")).toHaveLength(2);
      expect(excel.calls.map((call) => call.call)).not.toContain("chart.series.getItemAt(0).mapOptions.level");
      expect(excel.workbook.cell(DASHBOARD_SHEET, 15, 0)).toEqual({ value: "Region" });
    });

    it("a refresh without the map removes the map chart inserted before", async () => {
      versions(["1.1", "1.9"]);
      await workbook.writeDashboard(withMap());
      excel.reset();
      await workbook.writeDashboard(dashboardFor(placed, "EMEA", 0));

      expect(excel.calls.filter((call) => call.call === "chart.delete").map((call) => call.detail)).toEqual([
        DASHBOARD_CHARTS.targets,
        DASHBOARD_CHARTS.status,
        DASHBOARD_CHARTS.map,
      ]);
      expect(excel.workbook.charts().map((chart) => chart.name)).toEqual([
        DASHBOARD_CHARTS.targets,
        DASHBOARD_CHARTS.status,
      ]);
    });
  });

  it("writes a dashboard of many children in one more sync per write chunk, charts in the last", async () => {
    const many = [node("ROOT", "", "Company")];
    for (let i = 1; i <= 400; i++) many.push(node(`t${i}`, "ROOT", `Territory ${i}`));
    await workbook.writePlan({ settings: SETTINGS, nodes: many });
    const big = dashboardFor(await readPlanOf(workbook), "ROOT", "total");
    const budget = 40_000;
    const chunks = chunkBlocks(big.blocks, budget);
    expect(chunks.length).toBeGreaterThan(2);

    const small = new ExcelPlanWorkbook(excel.run, budget);
    excel.reset();
    await small.writeDashboard(big);

    expect(excel.syncs).toBe(1 + chunks.length);
    expect(Math.max(...excel.payloads)).toBeLessThanOrEqual(budget);
    expect(excel.calls.filter((call) => call.call === "charts.add").map((call) => call.sync)).toEqual([
      excel.syncs,
      excel.syncs,
    ]);
  });
});

describe("ExcelPlanWorkbook.saveTopDown", () => {
  const periods = Array.from({ length: 12 }, (_, i) => `P${i + 1}`);
  const targetsColumns = [0, ...periods.map((_, c) => c + 1)];
  /** Request bytes of the audit rows as appended: chained from the new table's blank row. */
  const chainedBytes = (audit: readonly AuditEntry[]): number[] =>
    auditTableRows(AUDIT_COLUMNS, "", audit).map((row) => JSON.stringify(row).length + 1);
  const targetBytes = (changes: readonly TopDownChange[]): number[] =>
    changes.map((change) =>
      contiguousRuns(valueWrites(change.values, targetsColumns)).reduce(
        (sum, run) => sum + writeBytes([run.cells.map(toCellInput)]),
        0,
      ),
    );
  const settings = { ...SETTINGS, periods };
  const nodes = [node("CO", "", "Company")];
  for (let i = 1; i <= 1000; i++) nodes.push(node(`n${i}`, "CO", `Territory ${i}`));
  const actor = { user: "ceo", time: "2027-01-20T09:00:00.000Z" };

  let excel: RecordingExcel;

  /** The plan with a target at the company, and the write of allocating it evenly to 1,000 territories, one held. */
  async function allocation(): Promise<{ plan: Plan; write: ReturnType<typeof topDownWrite> }> {
    excel = new RecordingExcel();
    const workbook = new ExcelPlanWorkbook(excel.run);
    await workbook.writePlan({ settings, nodes });
    await workbook.saveTopDown([{ id: "CO", values: periods.map(() => 1_000_003), expected: null }], []);
    const plan = await readPlanOf(workbook);
    const preview = allocateGap(plan, buildPlanView(plan), {
      nodeId: "CO",
      basis: "target",
      method: { kind: "even" },
      hold: ["n7"],
    });
    expect(preview.canApply).toBe(true);
    return { plan, write: topDownWrite(plan, preview, actor) };
  }

  it("applies an allocation to 1,000 nodes in 3 syncs and a write chunk, under Excel on the web's request limit", async () => {
    const { write } = await allocation();
    expect(write.changes).toHaveLength(1000);
    const workbook = new ExcelPlanWorkbook(excel.run);
    excel.reset();

    expect(await workbook.saveTopDown(write.changes, write.audit)).toEqual({ ok: true });

    // Find the tables, read the 1,000 rows to check (with the audit table's last row), write:
    // the audit rows, each with its 64-character hash, take a second write chunk.
    const chunks = chunkBySize(
      [...chainedBytes(write.audit), ...targetBytes(write.changes)],
      (bytes) => bytes,
      WRITE_BUDGET_BYTES,
    );
    expect(excel.syncs).toBe(2 + chunks.length);
    expect(Math.max(...excel.payloads)).toBeLessThan(EXCEL_ON_THE_WEB_LIMIT);
    expect(Math.max(...excel.payloads)).toBeLessThanOrEqual(WRITE_BUDGET_BYTES);
    const after = await readPlanOf(workbook);
    for (const change of write.changes) expect(after.topDown.get(change.id)).toEqual(change.values);
    expect(await workbook.readAudit()).toHaveLength(write.audit.length);
  });

  it("takes a constant 2 syncs plus one per write chunk, the audit rows before the targets", async () => {
    const { write } = await allocation();
    const budget = 60_000;
    const items = [...chainedBytes(write.audit), ...targetBytes(write.changes)];
    const chunks = chunkBySize(items, (bytes) => bytes, budget);
    expect(chunks.length).toBeGreaterThan(5);
    const workbook = new ExcelPlanWorkbook(excel.run, budget);
    excel.reset();

    await workbook.saveTopDown(write.changes, write.audit);

    expect(excel.syncs).toBe(2 + chunks.length);
    expect(excel.writes.filter((w) => w.sync <= 2)).toEqual([]);
    expect(Math.max(...excel.payloads.slice(2))).toBeLessThanOrEqual(budget);
    const auditSyncs = excel.writes.filter((w) => w.sheet === SHEETS.audit).map((w) => w.sync);
    const targetSyncs = excel.writes.filter((w) => w.sheet === SHEETS.targets).map((w) => w.sync);
    expect(Math.max(...auditSyncs)).toBeLessThanOrEqual(Math.min(...targetSyncs));
    expect(excel.writes.filter((w) => w.sheet === SHEETS.audit).reduce((rows, w) => rows + w.data.length, 0)).toBe(
      write.audit.length,
    );
    expect(targetSyncs.length).toBe(1000);
    const after = await readPlanOf(workbook);
    expect(after.topDown.get("n7")).toEqual(write.changes.find((c) => c.id === "n7")?.values);
    expect(after.topDown.get("n1000")).toEqual(write.changes.find((c) => c.id === "n1000")?.values);
  });
});
