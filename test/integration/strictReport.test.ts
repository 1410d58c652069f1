/**
 * The whole report through a workbook model as strict as Excel: a four-level plan set up through
 * MemoryPlanWorkbook, inputs and targets saved, the report evaluated by a real formula engine
 * (HyperFormula with the BU plugin) with empty cells handed to the functions as Excel on the
 * desktop does (0, office-js #4702 and #5262) and as Excel on the web does (null, #4702). Then a
 * user sorts GU Inputs from its header menu, inserts rows into GU Targets and renames a sheet
 * (Excel keeps references on sort, grows ranges on insert and rewrites them on rename); the plan
 * is saved and read again, and the report, the dashboard and the task pane's numbers still agree
 * with the same plan left untouched.
 */
import type { CellRange } from "../../src/core/a1";
import { SHEETS, TABLES, REPORT_CHECK_COLUMN, REPORT_FIRST_ROW, reportColumn } from "../../src/core/plan/layout";
import { buildPlanView, type PlanView } from "../../src/core/plan/planView";
import type { NodeEntry, PlanNode, PlanSettings } from "../../src/core/plan/types";
import { dashboardLayout } from "../../src/core/progress/dashboard";
import { MemoryPlanWorkbook } from "../../src/workbook/memory/MemoryPlanWorkbook";
import { MemoryWorkbook, type HostMode } from "../../src/workbook/memory/MemoryWorkbook";
import { readPlanOf } from "../support/plan";
import { evaluateWorkbook, type Evaluated, type Shown } from "./support/evaluate";

const SETTINGS: PlanSettings = {
  name: "FY27 revenue",
  metric: "Revenue",
  unit: "EUR",
  periods: ["Q1 2027", "Q2 2027"],
  decimals: 0,
  tolerance: 0.05,
  deadline: null,
  allowNegative: false,
};

const node = (id: string, parent: string, name: string, owner: string): PlanNode => ({
  id,
  parent,
  name,
  owner,
  attributes: {},
});

/** Company > regions > countries > reps: four levels, a ragged branch (FR has no reps). */
const NODES: PlanNode[] = [
  node("CO", "", "Company", "ceo"),
  node("EMEA", "CO", "EMEA", "eva"),
  node("UK", "EMEA", "United Kingdom", "ann"),
  node("UK-N", "UK", "UK North", "nia"),
  node("UK-S", "UK", "UK South", "sam"),
  node("DE", "EMEA", "Germany", "dirk"),
  node("DE-1", "DE", "Berlin", "ben"),
  node("FR", "EMEA", "France", "fay"),
  node("AMER", "CO", "AMER", "al"),
  node("US", "AMER", "United States", "uma"),
  node("US-E", "US", "US East", "ed"),
  node("US-W", "US", "US West", "wes"),
];

/** Bottom-up inputs per node: blanks stay blank, a typed 0 is a number. */
const INPUTS: Record<string, (number | null)[]> = {
  "UK-N": [120, 130],
  "UK-S": [80, null],
  "DE-1": [200, 0],
  FR: [50, 60],
  "US-E": [300, 310],
  "US-W": [null, 150],
};

/**
 * Top-down: Company in both quarters; AMER held in Q2 at everything the company gets, so EMEA and
 * its nodes are cascaded a top-down of 0 there (variance % against 0, flagged as the pane does).
 */
const TARGETS: Record<string, (number | null)[]> = {
  CO: [900, 640],
  AMER: [null, 640],
  US: [500, null],
};

const entry = (id: string, values: (number | null)[], status: NodeEntry["status"]): NodeEntry => ({
  id,
  values,
  status,
  comment: "",
  returnReason: "",
  updatedAt: "2027-01-05T09:00:00.000Z",
  updatedBy: id,
});

async function savedPlan(mode: HostMode, settings: PlanSettings = SETTINGS): Promise<MemoryPlanWorkbook> {
  const plan = new MemoryPlanWorkbook(new MemoryWorkbook("Sheet1", mode));
  await plan.writePlan({ settings, nodes: NODES });
  const read = await readPlanOf(plan);
  const saved = await plan.saveEntries(
    Object.entries(INPUTS).map(([id, values], i) => ({
      expected: read.entries.get(id) ?? null,
      next: entry(id, values, i % 2 === 0 ? "Submitted" : "Draft"),
    })),
    [],
  );
  expect(saved).toEqual({ ok: true });
  await plan.saveTopDown(
    Object.entries(TARGETS).map(([id, values]) => ({ id, values, expected: null })),
    [],
  );
  return plan;
}

/** One node's line of the report as a reader sees it. */
interface ReportLine {
  readonly id: Shown;
  readonly name: Shown;
  readonly owner: Shown;
  readonly status: Shown;
  readonly level: Shown;
  /** Per period: bottom-up, top-down, variance, variance % (rounded to 9 places), flagged. */
  readonly periods: readonly (readonly [Shown, Shown, Shown, Shown, boolean])[];
}

const round = (value: Shown): Shown => (typeof value === "number" ? Number(value.toFixed(9)) : value);

function reportLines(
  evaluated: Evaluated,
  workbook: MemoryWorkbook,
  reportSheet: string = SHEETS.report,
): ReportLine[] {
  const periods = SETTINGS.periods.length;
  const width = reportColumn(periods, 0);
  const rows = evaluated.read({
    sheet: reportSheet,
    row: REPORT_FIRST_ROW,
    col: 0,
    rowCount: NODES.length,
    colCount: width,
  });
  const rules = workbook.conditionalFormats(reportSheet);
  const reportId = evaluated.hf.getSheetId(reportSheet) as number;
  const flagged = (period: number, row: number): boolean => {
    // The rule's formula is relative to its range's top-left cell; placed here on each row in turn.
    const formula = shiftRows(rules[period].formula, row);
    return evaluated.hf.calculateFormula(formula, reportId) === true;
  };
  return rows.map((cells, row) => ({
    id: cells[0],
    name: cells[1],
    owner: cells[2],
    status: cells[3],
    level: cells[4],
    periods: SETTINGS.periods.map((_, p) => {
      const [bu, td, variance, pct] = [0, 1, 2, 3].map((m) => round(cells[reportColumn(p, m)]));
      return [bu, td, variance, pct, flagged(p, row)] as const;
    }),
  }));
}

/** A conditional format's relative formula moved down `rows` rows (its references have no $ on the row). */
function shiftRows(formula: string, rows: number): string {
  return formula.replace(
    /(?<![$'A-Za-z])([A-Z])(\d+)(?![\d(])/g,
    (_, col: string, row: string) => `${col}${Number(row) + rows}`,
  );
}

/** The same lines from the task pane's numbers (core planView), in its tree order. */
function paneLines(view: PlanView): ReportLine[] {
  return view.nodes.map((node) => ({
    id: node.id,
    name: `${"   ".repeat(node.depth - 1)}${node.node.name}`,
    owner: node.node.owner,
    status: node.status,
    level: node.depth,
    periods: node.periods.map((figures) => {
      const pct = figures.topDown === 0 ? "—" : figures.variancePct;
      return [
        figures.bottomUp,
        figures.topDown,
        figures.variance,
        pct === null ? null : round(pct),
        figures.outOfTolerance,
      ] as const;
    }),
  }));
}

function checkCell(evaluated: Evaluated, reportSheet: string = SHEETS.report): Shown {
  return evaluated.read({ sheet: reportSheet, row: 0, col: REPORT_CHECK_COLUMN, rowCount: 1, colCount: 1 })[0][0];
}

describe("the report in a workbook model as strict as Excel", () => {
  const untouched: Partial<Record<HostMode, ReportLine[]>> = {};

  it.each<HostMode>(["desktop", "web"])(
    "gives the pane's numbers with empty cells passed as Excel on the %s passes them",
    async (mode) => {
      const plan = await savedPlan(mode);
      const evaluated = evaluateWorkbook(plan.workbook);
      const lines = reportLines(evaluated, plan.workbook);
      expect(lines).toEqual(paneLines(buildPlanView(await readPlanOf(plan))));
      expect(checkCell(evaluated)).toBeNull();
      untouched[mode] = lines;
      evaluated.hf.destroy();
    },
  );

  it("gives identical numbers on the desktop and on the web", () => {
    expect(untouched.desktop).toBeDefined();
    expect(untouched.desktop).toEqual(untouched.web);
  });

  it("shows variance % against a cascaded top-down of 0 as the pane does, flagged unless bottom-up is 0 too", () => {
    const lines = untouched.desktop as ReportLine[];
    const byId = new Map(lines.map((line) => [line.id, line]));
    // EMEA gets 640 - 640 = 0 in Q2: its bottom-up 190 misses it; DE-1 typed 0 and meets it.
    expect(byId.get("EMEA")?.periods[1]).toEqual([190, 0, 190, "—", true]);
    expect(byId.get("DE-1")?.periods[1]).toEqual([0, 0, 0, "—", false]);
    expect(lines.flatMap((line) => line.periods.map((period) => period[3]))).not.toContain("#DIV/0!");
  });

  describe.each<HostMode>(["desktop", "web"])("after sorting, inserting rows and renaming a sheet (%s)", (mode) => {
    let plan: MemoryPlanWorkbook;
    let reference: MemoryPlanWorkbook;

    beforeAll(async () => {
      plan = await savedPlan(mode);
      reference = await savedPlan(mode);
      const { workbook } = plan;
      // Sort GU Inputs by Q1, largest first, from the header's menu: rows move, references don't.
      workbook.sortTable(TABLES.inputs, [{ column: 1, ascending: false }]);
      const inputs = workbook.table(TABLES.inputs)?.range as CellRange;
      expect(workbook.values({ ...inputs, row: 1, rowCount: 3, colCount: 2 })).toEqual([
        ["US-E", 300],
        ["DE-1", 200],
        ["UK-N", 120],
      ]);
      // Insert Table Rows Above: on the first body row (Excel shifts the ranges below it) and inside.
      workbook.insertTableRows(TABLES.targets, 0);
      workbook.insertTableRows(TABLES.targets, 5, 2);
      workbook.renameSheet(SHEETS.inputs, "Bottom-up FY27");
      workbook.renameSheet(SHEETS.report, "Report FY27");

      // Then people keep working: a contributor saves, leadership changes a target.
      for (const target of [plan, reference]) {
        const read = await readPlanOf(target);
        const saved = await target.saveEntries(
          [{ expected: read.entries.get("US-W") ?? null, next: entry("US-W", [175, 150], "Submitted") }],
          [],
        );
        expect(saved).toEqual({ ok: true });
        const topDown = await target.saveTopDown(
          [{ id: "US", values: [520, null], expected: read.topDown.get("US") ?? null }],
          [],
        );
        expect(topDown).toEqual({ ok: true });
      }
    });

    it("keeps every report line, and the pane, equal to the same plan never sorted", async () => {
      const evaluated = evaluateWorkbook(plan.workbook);
      const expected = evaluateWorkbook(reference.workbook);
      const lines = reportLines(evaluated, plan.workbook, "Report FY27");
      expect(lines).toEqual(reportLines(expected, reference.workbook));
      expect(lines).toEqual(paneLines(buildPlanView(await readPlanOf(plan))));
      expect(buildPlanView(await readPlanOf(plan)).nodes.map((n) => n.periods)).toEqual(
        buildPlanView(await readPlanOf(reference)).nodes.map((n) => n.periods),
      );
      expect(lines.find((line) => line.id === "US-W")?.periods[0][0]).toBe(175);
      expect(checkCell(evaluated, "Report FY27")).toBeNull();
      evaluated.hf.destroy();
      expected.hf.destroy();
    });

    it("gives the dashboard the report's numbers by id", async () => {
      const read = await readPlanOf(plan);
      const view = buildPlanView(read);
      const layout = dashboardLayout(read, view, { nodeId: "EMEA", period: 1 });
      if (!layout.ok) throw new Error(layout.message);
      // The dashboard refers to the report by its name when written; Excel renamed the rest.
      plan.workbook.renameSheet("Report FY27", SHEETS.report);
      await plan.writeDashboard(layout.dashboard);
      const evaluated = evaluateWorkbook(plan.workbook);
      const rows = evaluated.read({ sheet: layout.dashboard.sheet, row: 4, col: 0, rowCount: 4, colCount: 6 });
      const line = (id: string): Shown[] => {
        const figures = view.byId.get(id)?.periods[1];
        if (figures === undefined) throw new Error(id);
        return [figures.topDown, figures.bottomUp, figures.variance, "—"];
      };
      expect(rows.map((row) => row[0])).toEqual(["UK", "DE", "FR", "EMEA"]);
      expect(rows.map((row) => row.slice(2))).toEqual(["UK", "DE", "FR", "EMEA"].map(line));
      expect(rows.map((row) => row[1])).toEqual(["United Kingdom", "Germany", "France", "EMEA"]);
      evaluated.hf.destroy();
      plan.workbook.renameSheet(SHEETS.report, "Report FY27");
    });

    it("warns in the report when an id is retyped with spaces around it, which the pane still finds", () => {
      const status = plan.workbook.table(TABLES.status)?.range as CellRange;
      const row = plan.workbook.values(status).findIndex((cells) => cells[0] === "UK");
      plan.workbook.enter(status.sheet, status.row + row, status.col, " UK ");
      const evaluated = evaluateWorkbook(plan.workbook);
      expect(checkCell(evaluated, "Report FY27")).toMatch(/Set up again/);
      evaluated.hf.destroy();
      plan.workbook.enter(status.sheet, status.row + row, status.col, "UK");
      const again = evaluateWorkbook(plan.workbook);
      expect(checkCell(again, "Report FY27")).toBeNull();
      again.hf.destroy();
    });

    it("warns in the report when a row is added below a table, outside the report's ranges", () => {
      plan.workbook.appendTableRows(TABLES.status, [["XX", "Draft", "", "", "", ""]]);
      const evaluated = evaluateWorkbook(plan.workbook);
      expect(checkCell(evaluated, "Report FY27")).toMatch(/Set up again/);
      evaluated.hf.destroy();
    });
  });
});

describe("the report under over-assignment (BU.CASCADE's overAssignment from the settings table)", () => {
  it.each<HostMode>(["desktop", "web"])("gives the pane's cascaded numbers at 110 % on the %s", async (mode) => {
    const plan = await savedPlan(mode, { ...SETTINGS, overAssignment: 1.1 });
    const read = await readPlanOf(plan);
    expect(read.settings.overAssignment).toBe(1.1);
    const evaluated = evaluateWorkbook(plan.workbook);
    const lines = reportLines(evaluated, plan.workbook);
    const view = buildPlanView(read);
    expect(lines).toEqual(paneLines(view));
    // Company's 900 in Q1: EMEA and AMER share 900 / 1.1 = 818 by bottom-up 450:300, so EMEA gets
    // 491 (not 540); EMEA's three countries then share 491 / 1.1 = 446.
    const q1 = (id: string): Shown => lines.find((line) => line.id === id)?.periods[0][1] ?? null;
    expect(q1("EMEA")).toBe(491);
    const countries = ["UK", "DE", "FR"].map((id) => q1(id) as number);
    expect(countries.reduce((a, b) => a + b, 0)).toBe(446);
    evaluated.hf.destroy();
  });

  it("follows the setting edited in the settings sheet, as the pane reads it; blank there is 100 %", async () => {
    const plan = await savedPlan("desktop", { ...SETTINGS, overAssignment: 1.1 });
    const settings = plan.workbook.table(TABLES.settings)?.range as CellRange;
    const row = plan.workbook.values(settings).findIndex((cells) => cells[0] === "overAssignment");
    plan.workbook.enter(settings.sheet, settings.row + row, settings.col + 1, "");
    const read = await readPlanOf(plan);
    expect(read.settings.overAssignment).toBeUndefined();
    const evaluated = evaluateWorkbook(plan.workbook);
    const lines = reportLines(evaluated, plan.workbook);
    expect(lines).toEqual(paneLines(buildPlanView(read)));
    const plain = await savedPlan("desktop");
    const expected = evaluateWorkbook(plain.workbook);
    expect(lines).toEqual(reportLines(expected, plain.workbook));
    evaluated.hf.destroy();
    expected.hf.destroy();
  });
});
