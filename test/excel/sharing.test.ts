/**
 * Sharing through the Excel adapter: the conflict check as co-authors meet it (each co-author is
 * their own ExcelPlanWorkbook over the same workbook), and snapshots with their sync counts.
 */
import type { NodeEntry, PlanNode } from "../../src/core/plan/types";
import { SNAPSHOT_INDEX, SnapshotError } from "../../src/core/sharing/snapshots";
import { ExcelPlanWorkbook } from "../../src/excel/ExcelPlanWorkbook";
import { RecordingExcel } from "./support/RecordingExcel";
import { SETTINGS, readEntryOf } from "../support/plan";

function node(id: string, parent: string, owner = ""): PlanNode {
  return { id, parent, name: id, owner, attributes: {} };
}

const NODES = [node("CO", ""), node("EMEA", "CO", "bob"), node("UK", "EMEA", "ann")];

function stamped(entry: NodeEntry, change: Partial<NodeEntry>, at: string, by: string): NodeEntry {
  return { ...entry, ...change, updatedAt: at, updatedBy: by };
}

let excel: RecordingExcel;
let ann: ExcelPlanWorkbook;
let bob: ExcelPlanWorkbook;

beforeEach(async () => {
  excel = new RecordingExcel();
  ann = new ExcelPlanWorkbook(excel.run);
  bob = new ExcelPlanWorkbook(excel.run);
  await ann.writePlan({ settings: SETTINGS, nodes: NODES });
});

describe("the conflict check under co-authoring", () => {
  test("an approval can't silently undo a resubmission made since the manager looked", async () => {
    const first = stamped(
      await readEntryOf(ann, "UK"),
      { values: [100, 100], status: "Submitted" },
      "2027-01-05T09:00:00.000Z",
      "ann",
    );
    await ann.saveEntries([{ expected: await readEntryOf(ann, "UK"), next: first }], []);
    const seenByBob = await readEntryOf(bob, "UK");
    const resubmitted = stamped(first, { values: [150, 100] }, "2027-01-05T10:00:00.000Z", "ann");
    expect(await ann.saveEntries([{ expected: first, next: resubmitted }], [])).toEqual({ ok: true });
    excel.reset();

    const approved = stamped(seenByBob, { status: "Approved" }, "2027-01-05T10:05:00.000Z", "bob");
    expect(await bob.saveEntries([{ expected: seenByBob, next: approved }], [])).toEqual({
      ok: false,
      conflicts: [{ id: "UK", mine: approved, theirs: resubmitted }],
    });
    expect(excel.writes).toEqual([]);
    expect(await readEntryOf(ann, "UK")).toEqual(resubmitted);
  });

  test("keeping mine saves cleanly with the co-author's row as the expected one, in 2 syncs", async () => {
    const read = await readEntryOf(ann, "UK");
    await bob.readPlan();
    const theirs = stamped(read, { values: [5, 5], status: "Draft" }, "2027-01-05T09:00:00.000Z", "bob");
    await bob.saveEntries([{ expected: read, next: theirs }], []);
    const mine = stamped(read, { values: [7, 7], status: "Draft" }, "2027-01-05T09:01:00.000Z", "ann");
    expect((await ann.saveEntries([{ expected: read, next: mine }], [])).ok).toBe(false);
    excel.reset();

    expect(await ann.saveEntries([{ expected: theirs, next: mine }], [])).toEqual({ ok: true });
    expect(excel.syncs).toBe(2);
    expect(await readEntryOf(bob, "UK")).toEqual(mine);
  });
});

describe("snapshots through Excel", () => {
  beforeEach(async () => {
    const read = await readEntryOf(ann, "UK");
    await ann.saveEntries(
      [
        {
          expected: read,
          next: stamped(read, { values: [120, null], status: "Draft" }, "2027-01-05T09:00:00.000Z", "ann"),
        },
      ],
      [],
    );
    await ann.saveTopDown([{ id: "CO", values: [1000, 1100], expected: null }], []);
    excel.reset();
  });

  test("lists none in 1 sync while there are none", async () => {
    expect(await ann.listSnapshots()).toEqual([]);
    expect(excel.syncs).toBe(1);
    await expect(ann.readSnapshot("Budget")).rejects.toThrow(`There is no snapshot called "Budget"`);
  });

  test("the first snapshot takes 4 syncs: its sheet, table and the index are written in the last", async () => {
    await ann.saveSnapshot({ name: "Budget v1", time: "2027-01-06T08:00:00.000Z", user: "cara" });

    expect(excel.syncs).toBe(4);
    expect(excel.writes.every((write) => write.sync === 4)).toBe(true);
    expect(excel.callsIn(4).filter((call) => call === "worksheets.add")).toHaveLength(2);
    expect(excel.workbook.table("GuSnapshot1")?.range).toEqual({
      sheet: "GU Snapshot 1",
      row: 0,
      col: 0,
      rowCount: 4,
      colCount: 7,
    });
    expect(excel.workbook.values({ sheet: SNAPSHOT_INDEX.sheet, row: 0, col: 0, rowCount: 2, colCount: 4 })).toEqual([
      ["Name", "Time", "By", "Table"],
      ["Budget v1", "2027-01-06T08:00:00.000Z", "cara", "GuSnapshot1"],
    ]);
  });

  test("later snapshots append to the index; listing takes 2 syncs and reading one 4", async () => {
    await ann.saveSnapshot({ name: "Budget v1", time: "2027-01-06T08:00:00.000Z", user: "cara" });
    excel.reset();
    await bob.saveSnapshot({ name: "+Budget v2", time: "2027-01-07T08:00:00.000Z", user: "bob" });
    expect(excel.syncs).toBe(4);
    // Listed by setting the row below the index table (Coauthoring in Excel add-ins), not TableRowCollection.add.
    expect(excel.callsIn(4)).not.toContain("table.rows.add");
    expect(excel.writes.find((w) => w.sync === 4 && w.sheet === "GU Snapshots")?.address).toBe("A3:D3");

    excel.reset();
    expect(await ann.listSnapshots()).toEqual([
      { name: "Budget v1", time: "2027-01-06T08:00:00.000Z", user: "cara" },
      { name: "+Budget v2", time: "2027-01-07T08:00:00.000Z", user: "bob" },
    ]);
    expect(excel.syncs).toBe(2);

    excel.reset();
    const snapshot = await ann.readSnapshot("budget v1");
    expect(excel.syncs).toBe(4);
    expect(snapshot.periods).toEqual(["Q1 2027", "Q2 2027"]);
    expect(snapshot.rows).toEqual([
      { id: "CO", name: "CO", status: "Not started", inputs: [null, null], targets: [1000, 1100] },
      { id: "EMEA", name: "EMEA", status: "Not started", inputs: [null, null], targets: [null, null] },
      { id: "UK", name: "UK", status: "Draft", inputs: [120, null], targets: [null, null] },
    ]);
    expect((await ann.readSnapshot("+Budget v2")).name).toBe("+Budget v2");
  });

  test("a repeated name is refused after the reads, writing nothing", async () => {
    await ann.saveSnapshot({ name: "Budget v1", time: "2027-01-06T08:00:00.000Z", user: "cara" });
    excel.reset();
    const attempt = ann.saveSnapshot({ name: "BUDGET V1", time: "2027-01-07T08:00:00.000Z", user: "cara" });
    await expect(attempt).rejects.toBeInstanceOf(SnapshotError);
    expect(excel.writes).toEqual([]);
  });

  test("a snapshot of 10,000 nodes is written in chunks under the request budget", async () => {
    const nodes: PlanNode[] = [node("root", "")];
    for (let i = 1; i < 10_000; i++) nodes.push(node(`n${i}`, "root", `owner${i % 50}`));
    const periods = Array.from({ length: 12 }, (_, i) => `P${i + 1}`);
    const budget = 200_000;
    const big = new ExcelPlanWorkbook(excel.run, budget);
    await big.writePlan({ settings: { ...SETTINGS, periods }, nodes });
    excel.reset();

    await big.saveSnapshot({ name: "Big", time: "2027-01-06T08:00:00.000Z", user: "cara" });
    expect(Math.max(...excel.payloads)).toBeLessThanOrEqual(budget);
    const writeSyncs = new Set(excel.writes.map((write) => write.sync)).size;
    expect(writeSyncs).toBeGreaterThan(1);
    expect((await big.readSnapshot("Big")).rows).toHaveLength(10_000);
  });
});
