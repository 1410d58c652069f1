import type { AuditEntry, Plan } from "../../../src/core/plan/types";
import {
  compareWithSnapshot,
  readSnapshotGrid,
  readSnapshotIndex,
  snapshotWrite,
  type Snapshot,
} from "../../../src/core/sharing/snapshots";
import { entry, makePlan } from "./fixture";

const TAKEN = "2027-01-06T08:00:00.000Z";

function audit(time: string, user: string, node: string, field: string): AuditEntry {
  return { time, user, node, field, oldValue: "", newValue: "", note: "" };
}

/** The fixture plan as a snapshot holds it, taken through the same cells a workbook stores. */
function snapshotOf(plan: Plan): Snapshot {
  const write = snapshotWrite(plan, { name: "Budget", time: TAKEN, user: "Cara" }, [], new Set());
  const [header, body] = write.blocks;
  const grid = { headers: header.cells?.[0] ?? [], rows: body.cells ?? [] };
  const [entryRow] = readSnapshotIndex({ headers: ["Name", "Time", "By", "Table"], rows: [write.indexRow] });
  return readSnapshotGrid(entryRow, grid);
}

describe("comparing the plan with a snapshot", () => {
  test("a snapshot reads back as the plan was", () => {
    const plan = makePlan();
    const snapshot = snapshotOf(plan);
    expect(snapshot).toMatchObject({ name: "Budget", time: TAKEN, user: "Cara", periods: ["Q1 2027", "Q2 2027"] });
    expect(snapshot.rows.find((row) => row.id === "UK")).toEqual({
      id: "UK",
      name: "United Kingdom",
      status: "Draft",
      inputs: [100, 110],
      targets: [null, null],
    });
    expect(compareWithSnapshot(plan, snapshot, [])).toEqual([]);
  });

  test("lists every change per node and period, with who made it since the snapshot", () => {
    const before = makePlan();
    const snapshot = snapshotOf(before);
    const entries = new Map(before.entries);
    entries.set("UK", entry("UK", [120, 110], "Submitted", "first go"));
    entries.delete("JP");
    const topDown = new Map(before.topDown);
    topDown.set("CO", [1000, 1300]);
    const after: Plan = {
      ...before,
      settings: { ...before.settings, periods: ["Q1 2027", "Q2 2027", "Q3 2027"] },
      nodes: [
        ...before.nodes.filter((node) => node.id !== "JP"),
        { id: "IN", parent: "APAC", name: "India", owner: "Ann", attributes: {} },
      ],
      entries,
      topDown,
    };
    const log = [
      audit("2027-01-05T09:00:00.000Z", "Bob", "UK", "Q1 2027"),
      audit("2027-01-07T09:00:00.000Z", "Ann", "uk", "Q1 2027"),
      audit("2027-01-07T09:00:00.000Z", "Ann", "UK", "status"),
      audit("2027-01-07T10:00:00.000Z", "Bob", "UK", "Status"),
      audit("2027-01-08T09:00:00.000Z", "Cara", "CO", "top-down Q2 2027"),
    ];

    expect(compareWithSnapshot(after, snapshot, log)).toEqual([
      {
        id: "CO",
        name: "Company",
        kind: "target",
        field: "top-down Q2 2027",
        before: 1200,
        after: 1300,
        by: ["Cara"],
      },
      { id: "UK", name: "United Kingdom", kind: "input", field: "Q1 2027", before: 100, after: 120, by: ["Ann"] },
      {
        id: "UK",
        name: "United Kingdom",
        kind: "status",
        field: "status",
        before: "Draft",
        after: "Submitted",
        by: ["Ann", "Bob"],
      },
      { id: "IN", name: "India", kind: "node", field: "node", before: null, after: "added", by: [] },
      { id: "JP", name: "Japan", kind: "node", field: "node", before: null, after: "removed", by: [] },
    ]);
  });
});
