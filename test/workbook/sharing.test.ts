/**
 * Sharing in the in-memory workbook: the conflict check as co-authors meet it, and snapshots.
 * test/excel/sharing.test.ts runs the same scenarios against the Excel adapter.
 */
import type { AuditEntry, NodeEntry, PlanNode } from "../../src/core/plan/types";
import { applyAction } from "../../src/core/plan/workflow";
import { SNAPSHOT_INDEX, SnapshotError } from "../../src/core/sharing/snapshots";
import { MemoryPlanWorkbook } from "../../src/workbook/memory/MemoryPlanWorkbook";
import { SETTINGS, readEntryOf, readPlanOf } from "../support/plan";

function node(id: string, parent: string, owner = ""): PlanNode {
  return { id, parent, name: id, owner, attributes: {} };
}

const NODES = [node("CO", ""), node("EMEA", "CO", "bob"), node("UK", "EMEA", "ann")];

/** A workflow action as the task pane runs it; throws if the workflow refuses it. */
function act(
  entry: NodeEntry,
  action: "submit" | "approve",
  user: string,
  now: string,
  values?: (number | null)[],
): { entry: NodeEntry; audit: AuditEntry[] } {
  const role = action === "approve" ? "manager" : "contributor";
  const outcome = applyAction(entry, action, { role, user, now, values, periods: SETTINGS.periods });
  if (!outcome.ok) throw new Error(outcome.message);
  return { entry: outcome.entry, audit: outcome.audit };
}

describe("the conflict check under co-authoring", () => {
  let workbook: MemoryPlanWorkbook;

  beforeEach(async () => {
    workbook = new MemoryPlanWorkbook();
    await workbook.writePlan({ settings: SETTINGS, nodes: NODES });
  });

  test("an approval can't silently undo a resubmission made since the manager looked", async () => {
    const first = act(await readEntryOf(workbook, "UK"), "submit", "ann", "2027-01-05T09:00:00.000Z", [100, 100]);
    await workbook.saveEntries([{ expected: await readEntryOf(workbook, "UK"), next: first.entry }], []);
    const seenByManager = await readEntryOf(workbook, "UK");

    const resubmitted = act(seenByManager, "submit", "ann", "2027-01-05T10:00:00.000Z", [150, 100]);
    await workbook.saveEntries([{ expected: seenByManager, next: resubmitted.entry }], []);

    const approval = act(seenByManager, "approve", "bob", "2027-01-05T10:05:00.000Z");
    const result = await workbook.saveEntries([{ expected: seenByManager, next: approval.entry }], approval.audit);

    expect(result).toEqual({
      ok: false,
      conflicts: [{ id: "UK", mine: approval.entry, theirs: resubmitted.entry }],
    });
    expect(await readEntryOf(workbook, "UK")).toMatchObject({ status: "Submitted", values: [150, 100] });
    expect(await workbook.readAudit()).toEqual([]);
  });

  test("a resubmission that only changed the comment still conflicts (its stamp moved)", async () => {
    const read = await readEntryOf(workbook, "UK");
    const submitted = { ...read, values: [1, 2], status: "Submitted" as const, updatedAt: "2027-01-05T09:00:00.000Z" };
    await workbook.saveEntries([{ expected: read, next: submitted }], []);
    const commented = { ...submitted, comment: "typo fixed", updatedAt: "2027-01-05T09:30:00.000Z" };
    await workbook.saveEntries([{ expected: submitted, next: commented }], []);

    const approved = { ...submitted, status: "Approved" as const, updatedAt: "2027-01-05T10:00:00.000Z" };
    const result = await workbook.saveEntries([{ expected: submitted, next: approved }], []);
    expect(result).toEqual({ ok: false, conflicts: [{ id: "UK", mine: approved, theirs: commented }] });
  });

  test("keeping mine saves cleanly once the co-author's row is the expected one", async () => {
    const read = await readEntryOf(workbook, "UK");
    const theirs = {
      ...read,
      values: [5, 5],
      status: "Draft" as const,
      updatedAt: "2027-01-05T09:00:00.000Z",
      updatedBy: "bob",
    };
    await workbook.saveEntries([{ expected: read, next: theirs }], []);
    const mine = {
      ...read,
      values: [7, 7],
      status: "Draft" as const,
      updatedAt: "2027-01-05T09:01:00.000Z",
      updatedBy: "ann",
    };
    expect((await workbook.saveEntries([{ expected: read, next: mine }], [])).ok).toBe(false);

    expect(await workbook.saveEntries([{ expected: theirs, next: mine }], [])).toEqual({ ok: true });
    expect(await readEntryOf(workbook, "UK")).toEqual(mine);
  });
});

describe("snapshots in the in-memory workbook", () => {
  let workbook: MemoryPlanWorkbook;

  beforeEach(async () => {
    workbook = new MemoryPlanWorkbook();
    await workbook.writePlan({ settings: SETTINGS, nodes: NODES });
    const read = await readEntryOf(workbook, "UK");
    await workbook.saveEntries(
      [
        {
          expected: read,
          next: {
            ...read,
            values: [120, null],
            status: "Draft",
            updatedAt: "2027-01-05T09:00:00.000Z",
            updatedBy: "ann",
          },
        },
      ],
      [],
    );
    await workbook.saveTopDown([{ id: "CO", values: [1000, 1100], expected: null }], []);
  });

  test("there are none until one is saved", async () => {
    expect(await workbook.listSnapshots()).toEqual([]);
    await expect(workbook.readSnapshot("Budget")).rejects.toThrow(`There is no snapshot called "Budget"`);
  });

  test("saves every node's inputs, own targets and status, on a sheet and table of its own, listed by name", async () => {
    await workbook.saveSnapshot({ name: "Budget v1", time: "2027-01-06T08:00:00.000Z", user: "cara" });
    await workbook.saveSnapshot({ name: "=Budget v2", time: "2027-01-07T08:00:00.000Z", user: "cara" });

    expect(await workbook.listSnapshots()).toEqual([
      { name: "Budget v1", time: "2027-01-06T08:00:00.000Z", user: "cara" },
      { name: "=Budget v2", time: "2027-01-07T08:00:00.000Z", user: "cara" },
    ]);
    const snapshot = await workbook.readSnapshot("budget V1 ");
    expect(snapshot).toEqual({
      name: "Budget v1",
      time: "2027-01-06T08:00:00.000Z",
      user: "cara",
      periods: ["Q1 2027", "Q2 2027"],
      rows: [
        { id: "CO", name: "CO", status: "Not started", inputs: [null, null], targets: [1000, 1100] },
        { id: "EMEA", name: "EMEA", status: "Not started", inputs: [null, null], targets: [null, null] },
        { id: "UK", name: "UK", status: "Draft", inputs: [120, null], targets: [null, null] },
      ],
    });
    const cells = workbook.workbook;
    expect(cells.table("GuSnapshot1")?.range).toEqual({
      sheet: "GU Snapshot 1",
      row: 0,
      col: 0,
      rowCount: 4,
      colCount: 7,
    });
    expect(cells.values({ sheet: "GU Snapshot 1", row: 0, col: 0, rowCount: 1, colCount: 7 })[0]).toEqual([
      "Id",
      "Name",
      "Status",
      "Input: Q1 2027",
      "Input: Q2 2027",
      "Target: Q1 2027",
      "Target: Q2 2027",
    ]);
    // The name is user text: it stays text in the index.
    expect(cells.cell(SNAPSHOT_INDEX.sheet, 2, 0)).toEqual({ value: "=Budget v2" });
    // The plan itself reads as before.
    expect((await readPlanOf(workbook)).entries.get("UK")?.values).toEqual([120, null]);
  });

  test.each([
    ["", "Give the snapshot a name"],
    ["  budget V1 ", `There is already a snapshot called "budget V1"`],
  ])("refuses the name %p, writing nothing", async (name, message) => {
    await workbook.saveSnapshot({ name: "Budget v1", time: "2027-01-06T08:00:00.000Z", user: "cara" });
    const sheets = workbook.workbook.sheetNames();
    const attempt = workbook.saveSnapshot({ name, time: "2027-01-07T08:00:00.000Z", user: "cara" });
    await expect(attempt).rejects.toThrow(message);
    await expect(attempt).rejects.toBeInstanceOf(SnapshotError);
    expect(workbook.workbook.sheetNames()).toEqual(sheets);
  });

  test("snapshot tables are the plan's, so set-up from a table does not offer them", async () => {
    await workbook.saveSnapshot({ name: "Budget v1", time: "2027-01-06T08:00:00.000Z", user: "cara" });
    expect(await workbook.listTables()).toEqual([]);
  });

  test("a new snapshot never takes the sheet of one the user already has", async () => {
    workbook.workbook.addSheet("GU Snapshot 1");
    await workbook.saveSnapshot({ name: "Q1 close", time: "2027-01-06T08:00:00.000Z", user: "cara" });
    expect(workbook.workbook.table("GuSnapshot2")?.range.sheet).toBe("GU Snapshot 2");
    expect((await workbook.readSnapshot("Q1 close")).rows).toHaveLength(3);
  });
});
