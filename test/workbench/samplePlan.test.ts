import { Hierarchy } from "../../src/core/hierarchy/hierarchy";
import { SHEETS, capacityColumn, reportColumn } from "../../src/core/plan/layout";
import { planCapacityOf } from "../../src/core/territory/planCapacity";
import type { Status } from "../../src/core/plan/types";
import { MemoryPlanWorkbook } from "../../src/workbook/memory/MemoryPlanWorkbook";
import { FormulaEngine } from "../../workbench/engine";
import { generatedPlan, samplePlan, type SamplePlan } from "../../workbench/samplePlan";
import { suggestMoves } from "../../src/core/territory/balance";
import { readAccounts, siblingBalance, workloadByNode } from "../../src/core/territory/workload";
import { loadSample } from "../../workbench/seed";
import { verifyAuditChain } from "../../src/core/audit/chain";
import { inProcessChannel } from "./support/inProcessEngine";

function depthOf(plan: SamplePlan): Map<string, number> {
  const parents = new Map(plan.nodes.map((node) => [node.id, node.parent]));
  const depth = new Map<string, number>();
  for (const node of plan.nodes) {
    let d = 1;
    for (let at = node.parent; at !== ""; at = parents.get(at) ?? "") d++;
    depth.set(node.id, d);
  }
  return depth;
}

function statusCounts(plan: SamplePlan): Partial<Record<Status, number>> {
  const counts: Partial<Record<Status, number>> = {};
  for (const entry of plan.entries) counts[entry.status] = (counts[entry.status] ?? 0) + 1;
  return counts;
}

describe("samplePlan", () => {
  const plan = samplePlan();

  it("is the same plan every time", () => {
    expect(samplePlan()).toEqual(plan);
    expect(generatedPlan(500)).toEqual(generatedPlan(500));
  });

  it("is a valid company > region > territory > rep hierarchy of a few hundred nodes", () => {
    const built = Hierarchy.build(
      plan.nodes.map((node) => node.id),
      plan.nodes.map((node) => node.parent),
    );
    expect(built.ok).toBe(true);
    expect(plan.nodes.length).toBeGreaterThan(200);
    expect(plan.nodes.length).toBeLessThan(400);
    const depth = depthOf(plan);
    const perLevel = [1, 2, 3, 4].map((level) => plan.nodes.filter((node) => depth.get(node.id) === level).length);
    expect(perLevel.slice(0, 3)).toEqual([1, 4, 23]);
    expect(Math.max(...depth.values())).toBe(4);
  });

  it("gives every node an owner, and every rep a node of their own", () => {
    expect(plan.nodes.every((node) => node.owner.trim() !== "")).toBe(true);
    const owners = plan.nodes.map((node) => node.owner);
    expect(new Set(owners).size).toBe(owners.length);
  });

  it("has four quarters of 2027, work in every state, and reasons on the returned ones", () => {
    expect(plan.settings.periods).toEqual(["Q1 2027", "Q2 2027", "Q3 2027", "Q4 2027"]);
    const counts = statusCounts(plan);
    for (const status of ["Draft", "Submitted", "Approved", "Returned"] as const)
      expect(counts[status] ?? 0).toBeGreaterThan(5);
    for (const entry of plan.entries) {
      expect(entry.returnReason !== "").toBe(entry.status === "Returned");
      if (entry.status !== "Draft") expect(entry.values.every((value) => value !== null && value > 0)).toBe(true);
    }
    const notStarted = plan.nodes.length - plan.entries.length;
    expect(notStarted).toBeGreaterThan(20);
  });

  it("has top-down targets at the company and at some regions only", () => {
    const depth = depthOf(plan);
    expect(plan.topDown.map((change) => [change.id, depth.get(change.id)])).toEqual([
      ["ACME", 1],
      ["EMEA", 2],
      ["NA", 2],
    ]);
  });

  it.each([1, 2, 600, 10_000])("generates exactly %i valid nodes on request", (count) => {
    const generated = generatedPlan(count);
    expect(generated.nodes).toHaveLength(count);
    const built = Hierarchy.build(
      generated.nodes.map((node) => node.id),
      generated.nodes.map((node) => node.parent),
    );
    expect(built.ok).toBe(true);
  });
});

describe("loadSample", () => {
  it("sets the sample up so the plan reads back with its entries and the report computes", async () => {
    const plan = samplePlan();
    const book = new MemoryPlanWorkbook();
    await loadSample(book, plan);
    const read = await book.readPlan();
    expect(read?.nodes.map((node) => node.id)).toEqual(plan.nodes.map((node) => node.id));
    for (const entry of plan.entries) expect(read?.entries.get(entry.id)).toEqual(entry);
    expect(read?.topDown.get("ACME")).toEqual(plan.topDown[0].values);
    expect(await book.readAudit()).toEqual(plan.audit);

    const engine = new FormulaEngine(book.workbook, inProcessChannel);
    await engine.start();
    const entered = plan.entries.reduce((sum, entry) => sum + (entry.values[0] ?? 0), 0);
    expect(book.workbook.value(SHEETS.report, 3, reportColumn(0, 0))).toBe(entered);
    expect(book.workbook.value(SHEETS.report, 3, reportColumn(0, 1))).toBe(plan.topDown[0].values[0]);
    engine.dispose();
  });
});

describe("loadSample's capacity table", () => {
  it("gives the pane coverage of every node, both flags, and the report the same capacity", async () => {
    const plan = samplePlan();
    const book = new MemoryPlanWorkbook();
    await loadSample(book, plan);
    const read = await book.readPlan();
    const capacity = read === null ? null : planCapacityOf(read);
    expect(capacity?.problems).toEqual([]);
    expect(read?.capacity?.rows.filter((row) => row.ramp[0] === 0.25).length).toBeGreaterThan(10);
    const flags = new Set([...(capacity?.byId.values() ?? [])].flatMap((node) => node.periods.map((p) => p.flag)));
    expect(flags).toEqual(new Set(["over", "under", null]));

    const engine = new FormulaEngine(book.workbook, inProcessChannel);
    await engine.start();
    const periods = plan.settings.periods.length;
    const shown = book.workbook.value(SHEETS.report, 3, capacityColumn(periods, 0, 0));
    expect(shown).toBeCloseTo(capacity?.byId.get("ACME")?.periods[0].capacity ?? Number.NaN, 6);
    engine.dispose();
  });
});

describe("loadSample of a large generated plan", () => {
  // The log is hashed and appended in parts, one task each: the parts must chain as one log.
  it("writes an audit log of thousands of rows that the chain check finds intact, in order", async () => {
    const plan = generatedPlan(3_000);
    expect(plan.audit.length).toBeGreaterThan(4_000);
    const book = new MemoryPlanWorkbook();
    await loadSample(book, plan);
    const rows = await book.readAuditChain();
    expect(rows.map((row) => row.entry)).toEqual(plan.audit);
    expect(verifyAuditChain(rows)).toMatchObject({ status: "intact", concurrent: [] });
  });
});

describe("the sample's accounts", () => {
  it("are a table of their own, every row valid, spread unevenly enough over EMEA and North America to balance", async () => {
    const plan = samplePlan();
    const book = new MemoryPlanWorkbook();
    await loadSample(book, plan);
    expect(await book.listTables()).toContain("Accounts");
    const table = await book.readTable("Accounts");
    const [headers, ...rows] = table.rows;
    expect(headers).toEqual(["Account", "Name", "Territory", "Potential", "Visits", "Hours", "Country", "State"]);
    expect(rows.length).toBeGreaterThanOrEqual(300);
    expect(rows.length).toBeLessThanOrEqual(600);

    const built = Hierarchy.build(
      plan.nodes.map((node) => node.id),
      plan.nodes.map((node) => node.parent),
    );
    if (!built.ok) throw new Error("the sample's hierarchy");
    const { hierarchy } = built;
    const read = readAccounts(
      hierarchy,
      rows.map((row) => ({
        id: row[0],
        territory: row[2],
        potential: row[3],
        drivers: [row[4], row[5]],
        country: row[6],
        region: row[7],
      })),
      { drivers: ["Visits", "Hours"], weights: [null, null] },
      { firstRow: table.firstRow + 1 },
    );
    expect(read.problems).toEqual([]);
    expect(read.accounts).toHaveLength(rows.length);
    const workload = workloadByNode(hierarchy, read.accounts);
    for (const region of ["EMEA", "NA"]) {
      const territories = hierarchy.children(hierarchy.find(region) as number);
      const balances = siblingBalance(hierarchy, territories, workload, 0.05);
      expect(balances.filter((balance) => balance.outOfBand).length).toBeGreaterThanOrEqual(3);
      const result = suggestMoves(hierarchy, read.accounts, region, { tolerance: 0.05 });
      expect(result.ok && result.suggestion.withinBand).toBe(true);
    }
  });
});
