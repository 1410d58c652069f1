/**
 * Balancing kept in the plan's settings table (issue 13: "weights in settings"), in both
 * PlanWorkbook implementations over the same cells: the in-memory one, and the Excel one through
 * the recording double of Office.js. A co-author is someone keeping other balancing since the read.
 */
import { verifyAuditChain } from "../../src/core/audit/chain";
import { SHEETS, TABLES, balancingAudit } from "../../src/core/plan/layout";
import type { PlanNode } from "../../src/core/plan/types";
import type { BalancingSettings } from "../../src/core/territory/balancingSettings";
import { ExcelPlanWorkbook } from "../../src/excel/ExcelPlanWorkbook";
import type { PlanWorkbook } from "../../src/workbook/PlanWorkbook";
import { MemoryPlanWorkbook } from "../../src/workbook/memory/MemoryPlanWorkbook";
import { MemoryWorkbook } from "../../src/workbook/memory/MemoryWorkbook";
import { RecordingExcel } from "../excel/support/RecordingExcel";
import { SETTINGS } from "../support/plan";

function node(id: string, parent: string): PlanNode {
  return { id, parent, name: id, owner: "", attributes: {} };
}

const NODES = [node("CO", ""), node("North", "CO"), node("South", "CO")];
const STAMP = { time: "2027-01-05T09:00:00.000Z", user: "ann", identity: "chosen" as const };

const MINE: BalancingSettings = {
  accountsTable: "Accounts",
  weights: [
    { driver: "=Hours", weight: 0.5 },
    { driver: "Visits", weight: 2 },
  ],
  band: 0.08,
};

/** The settings table's Key | Value rows as the sheet holds them. */
function settingRows(cells: MemoryWorkbook): unknown[][] {
  const { range } = cells.table(TABLES.settings) as { range: Parameters<MemoryWorkbook["values"]>[0] };
  return cells.values(range).slice(1);
}

function valueOf(cells: MemoryWorkbook, key: string): unknown {
  return settingRows(cells).find((row) => row[0] === key)?.[1];
}

const KINDS: { name: string; open: (cells: MemoryWorkbook) => PlanWorkbook }[] = [
  { name: "MemoryPlanWorkbook", open: (cells) => new MemoryPlanWorkbook(cells) },
  { name: "ExcelPlanWorkbook", open: (cells) => new ExcelPlanWorkbook(new RecordingExcel(cells).run) },
];

describe.each(KINDS)("$name saveBalancing", ({ open }) => {
  let cells: MemoryWorkbook;
  let ann: PlanWorkbook;

  beforeEach(async () => {
    cells = new MemoryWorkbook();
    ann = open(cells);
    await ann.writePlan({ settings: SETTINGS, nodes: NODES });
  });

  it("adds the three rows below the settings table the first time, with an audit row each, and a fresh read gives them back", async () => {
    const result = await ann.saveBalancing(MINE, undefined, balancingAudit(undefined, MINE, STAMP));
    expect(result).toEqual({ ok: true });
    expect(valueOf(cells, "accountsTable")).toBe("Accounts");
    // Weights starting with a header "=Hours" stay text: the cell holds no formula.
    expect(valueOf(cells, "workloadWeights")).toBe("=Hours = 0.5; Visits = 2");
    const { range } = cells.table(TABLES.settings) as { range: Parameters<MemoryWorkbook["formulas"]>[0] };
    expect(cells.formulas(range).find((row) => row[0] === "workloadWeights")?.[1]).toBe("=Hours = 0.5; Visits = 2");
    expect(valueOf(cells, "balanceBand")).toBe(0.08);
    expect((await ann.readPlan())?.settings.balancing).toEqual(MINE);
    expect((await new MemoryPlanWorkbook(cells).readPlan())?.settings.balancing).toEqual(MINE);
    const audit = await ann.readAudit();
    expect(audit.slice(-3).map((entry) => [entry.field, entry.oldValue, entry.newValue])).toEqual([
      ["setting accountsTable", "", "Accounts"],
      ["setting workloadWeights", "", "=Hours = 0.5; Visits = 2"],
      ["setting balanceBand", "", "0.08"],
    ]);
    expect(verifyAuditChain(await ann.readAuditChain())).toMatchObject({ status: "intact" });
  });

  it("changes the rows in place the next time and logs only what changed", async () => {
    await ann.saveBalancing(MINE, undefined, balancingAudit(undefined, MINE, STAMP));
    const rowsBefore = settingRows(cells).length;
    const next = { ...MINE, band: 0.1 };
    expect(await ann.saveBalancing(next, MINE, balancingAudit(MINE, next, STAMP))).toEqual({ ok: true });
    expect(settingRows(cells)).toHaveLength(rowsBefore);
    expect(valueOf(cells, "balanceBand")).toBe(0.1);
    expect((await ann.readAudit()).slice(-1).map((entry) => [entry.field, entry.oldValue, entry.newValue])).toEqual([
      ["setting balanceBand", "0.08", "0.1"],
    ]);
  });

  it("writes nothing and says what is kept when a co-author kept other balancing since the read", async () => {
    await ann.saveBalancing(MINE, undefined, balancingAudit(undefined, MINE, STAMP));
    const auditBefore = (await ann.readAudit()).length;
    const mine = { ...MINE, band: 0.2 };
    // Ann read the plan before anything was kept.
    const result = await ann.saveBalancing(mine, undefined, balancingAudit(undefined, mine, STAMP));
    expect(result).toEqual({ ok: false, current: MINE });
    expect(valueOf(cells, "balanceBand")).toBe(0.08);
    expect(await ann.readAudit()).toHaveLength(auditBefore);
  });

  it("keeps balancing through a new setup of the plan", async () => {
    await ann.saveBalancing(MINE, undefined, balancingAudit(undefined, MINE, STAMP));
    const plan = await ann.readPlan();
    await ann.writePlan({ settings: plan!.settings, nodes: [...NODES, node("East", "CO")] });
    expect((await ann.readPlan())?.settings.balancing).toEqual(MINE);
  });
});

describe("ExcelPlanWorkbook.saveBalancing in Excel", () => {
  it("takes 2 syncs: the settings table (with the audit table's tail), then every write in one", async () => {
    const cells = new MemoryWorkbook();
    const excel = new RecordingExcel(cells);
    const workbook = new ExcelPlanWorkbook(excel.run);
    await workbook.writePlan({ settings: SETTINGS, nodes: NODES });
    excel.reset();
    await workbook.saveBalancing(MINE, undefined, balancingAudit(undefined, MINE, STAMP));
    expect(excel.syncs).toBe(2);
    expect(new Set(excel.writes.map((write) => write.sync))).toEqual(new Set([2]));
    excel.reset();
    const next = { ...MINE, band: 0.1 };
    await workbook.saveBalancing(next, MINE, balancingAudit(MINE, next, STAMP));
    expect(excel.syncs).toBe(2);
    expect(excel.writes.filter((write) => write.sheet === SHEETS.settings)).toHaveLength(1);
  });

  it("refuses, writing nothing, when something sits right below the settings table where the rows would go", async () => {
    const cells = new MemoryWorkbook();
    const workbook = new ExcelPlanWorkbook(new RecordingExcel(cells).run);
    await workbook.writePlan({ settings: SETTINGS, nodes: NODES });
    const { range } = cells.table(TABLES.settings) as { range: { row: number; rowCount: number } };
    cells.enter(SHEETS.settings, range.row + range.rowCount, 0, "my note");
    await expect(workbook.saveBalancing(MINE, undefined, [])).rejects.toThrow(/content right below table GuSettings/);
    expect(cells.value(SHEETS.settings, range.row + range.rowCount, 0)).toBe("my note");
  });
});
