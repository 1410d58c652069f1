/**
 * Nothing lost, nothing forged (issue 10, defects 8-10), in both PlanWorkbook implementations over
 * the same cells: the in-memory one, and the Excel one through the recording double of Office.js.
 * A co-author is a second workbook object over the same cells, or someone typing into them.
 */
import type { CellRange } from "../../src/core/a1";
import { verifyAuditChain } from "../../src/core/audit/chain";
import { SHEETS, TABLES, findColumn } from "../../src/core/plan/layout";
import type { AuditEntry, NodeEntry, PlanNode } from "../../src/core/plan/types";
import type { Side } from "../../src/core/sharing/conflicts";
import {
  defaultTopDownChoice,
  mergedTargets,
  retryTopDown,
  type TopDownAttempt,
} from "../../src/core/sharing/topDownMerge";
import { ExcelPlanWorkbook } from "../../src/excel/ExcelPlanWorkbook";
import { OWN_WRITE_SETTLE_MS } from "../../src/excel/planChanges";
import type { PlanChange, PlanWorkbook } from "../../src/workbook/PlanWorkbook";
import { MemoryPlanWorkbook } from "../../src/workbook/memory/MemoryPlanWorkbook";
import { MemoryWorkbook } from "../../src/workbook/memory/MemoryWorkbook";
import { RecordingExcel } from "../excel/support/RecordingExcel";
import { SETTINGS, readEntryOf, readPlanOf } from "../support/plan";

function node(id: string, parent: string, owner = "", name = id): PlanNode {
  return { id, parent, name, owner, attributes: {} };
}

const NODES = [node("CO", "", "ceo"), node("EMEA", "CO", "bob"), node("UK", "EMEA", "ann"), node("DE", "EMEA", "dirk")];

function audit(node: string, field: string, oldValue: string, newValue: string, user = "ann"): AuditEntry {
  return { time: "2027-01-05T09:00:00.000Z", user, node, field, oldValue, newValue, note: "", identity: "chosen" };
}

interface Kind {
  readonly name: string;
  /** A workbook object over `cells`; `now` is the Excel one's clock for telling its own events apart. */
  readonly open: (cells: MemoryWorkbook, now?: () => number) => PlanWorkbook;
}

const KINDS: Kind[] = [
  { name: "MemoryPlanWorkbook", open: (cells) => new MemoryPlanWorkbook(cells) },
  {
    name: "ExcelPlanWorkbook",
    open: (cells, now) => {
      const excel = new RecordingExcel(cells);
      return new ExcelPlanWorkbook(excel.run, undefined, undefined, () => true, now);
    },
  },
];

/** The cell of `id`'s row in a plan table's column `header`, as someone typing in the sheet finds it. */
function cellOf(
  cells: MemoryWorkbook,
  table: string,
  id: string,
  header: string,
): { sheet: string; row: number; col: number } {
  const { range } = cells.table(table) as { range: CellRange };
  const [headers, ...rows] = cells.values(range);
  const row = rows.findIndex((cellsOfRow) => String(cellsOfRow[0]) === id);
  return { sheet: range.sheet, row: range.row + 1 + row, col: range.col + findColumn(headers, header) };
}

function typeInto(cells: MemoryWorkbook, table: string, id: string, header: string, text: string): void {
  const at = cellOf(cells, table, id, header);
  cells.enter(at.sheet, at.row, at.col, text);
}

describe.each(KINDS)("$name", ({ open }) => {
  let cells: MemoryWorkbook;
  let ann: PlanWorkbook;

  beforeEach(async () => {
    cells = new MemoryWorkbook();
    ann = open(cells);
    await ann.writePlan({ settings: SETTINGS, nodes: NODES });
  });

  describe("the save conflict check compares every stored field (defect 9)", () => {
    it.each([
      ["Comment", "Bea: please keep Q2 flat", { comment: "Bea: please keep Q2 flat" }],
      ["Return reason", "Too high for Q1", { returnReason: "Too high for Q1" }],
      ["Updated by", "bea", { updatedBy: "bea" }],
    ])(
      "a co-author's %s typed into GU Status since the read is a conflict, not overwritten",
      async (header, text, theirs) => {
        const read = await readEntryOf(ann, "UK");
        typeInto(cells, TABLES.status, "UK", header, text);
        const mine: NodeEntry = {
          ...read,
          values: [120, 130],
          status: "Draft",
          comment: "my plan",
          updatedAt: "2027-01-05T09:00:00.000Z",
          updatedBy: "ann",
        };

        const result = await ann.saveEntries([{ expected: read, next: mine }], [audit("UK", "comment", "", "my plan")]);

        expect(result).toEqual({ ok: false, conflicts: [{ id: "UK", mine, theirs: { ...read, ...theirs } }] });
        expect(await readEntryOf(open(cells), "UK")).toEqual({ ...read, ...theirs });
        expect(await ann.readAudit()).toEqual([]);
      },
    );

    it("saves when the row still holds every field as read", async () => {
      const read = await readEntryOf(ann, "UK");
      const mine: NodeEntry = {
        ...read,
        values: [1, 2],
        status: "Draft",
        comment: "ok",
        updatedAt: "t1",
        updatedBy: "ann",
      };
      expect(await ann.saveEntries([{ expected: read, next: mine }], [])).toEqual({ ok: true });
      expect(await readEntryOf(open(cells), "UK")).toEqual(mine);
    });
  });

  describe("top-down saves get the same optimistic check, per period (defect 8)", () => {
    it("writes nothing when a co-author changed any period of the node since the read, and returns theirs", async () => {
      const read = (await readPlanOf(ann)).topDown.get("CO") ?? null;
      const bea = open(cells);
      const beaRead = (await readPlanOf(bea)).topDown.get("CO") ?? null;
      expect(
        await bea.saveTopDown(
          [{ id: "CO", values: [null, 500], expected: beaRead }],
          [audit("CO", "top-down Q2 2027", "", "500", "bea")],
        ),
      ).toEqual({ ok: true });

      const result = await ann.saveTopDown(
        [
          { id: "CO", values: [1000, null], expected: read },
          { id: "EMEA", values: [400, null], expected: null },
        ],
        [audit("CO", "top-down Q1 2027", "", "1000"), audit("EMEA", "top-down Q1 2027", "", "400")],
      );

      expect(result).toEqual({ ok: false, conflicts: [{ id: "CO", mine: [1000, null], theirs: [null, 500] }] });
      const after = await readPlanOf(open(cells));
      expect(after.topDown.get("CO")).toEqual([null, 500]);
      expect(after.topDown.get("EMEA")).toEqual([null, null]);
      expect((await ann.readAudit()).map((entry) => entry.user)).toEqual(["bea"]);
    });

    it("a target typed into GU Targets since the read is a conflict too", async () => {
      const read = (await readPlanOf(ann)).topDown.get("UK") ?? null;
      typeInto(cells, TABLES.targets, "UK", "Q1 2027", "90");
      const result = await ann.saveTopDown([{ id: "UK", values: [100, 100], expected: read }], []);
      expect(result).toEqual({ ok: false, conflicts: [{ id: "UK", mine: [100, 100], theirs: [90, null] }] });
    });

    it("saves over what it read, a blank row and no row alike", async () => {
      expect(await ann.saveTopDown([{ id: "UK", values: [100, null], expected: null }], [])).toEqual({ ok: true });
      expect(await ann.saveTopDown([{ id: "UK", values: [110, 5], expected: [100, null] }], [])).toEqual({ ok: true });
      expect((await readPlanOf(open(cells))).topDown.get("UK")).toEqual([110, 5]);
    });

    it("a merge saved over theirs keeps the other leader's period, and a third change is caught again", async () => {
      const read = (await readPlanOf(ann)).topDown.get("CO") ?? null;
      const bea = open(cells);
      await bea.saveTopDown(
        [{ id: "CO", values: [null, 500], expected: read }],
        [audit("CO", "top-down Q2 2027", "", "500", "bea")],
      );
      const attempt: TopDownAttempt = {
        changes: [{ id: "CO", values: [1000, null], expected: read }],
        audit: [audit("CO", "top-down Q1 2027", "", "1000")],
        periods: SETTINGS.periods,
        actor: { user: "ann", time: "t2" },
        note: "typed",
      };
      const first = await ann.saveTopDown(attempt.changes, attempt.audit);
      if (first.ok) throw new Error("expected a conflict");
      const merge = { ...first.conflicts[0], base: read };
      const merged = retryTopDown(
        attempt,
        [merge],
        new Map([["co", mergedTargets(merge, defaultTopDownChoice(merge, 2) as Side[], 2)]]),
      );

      // Cal changes Q2 again while Ann was choosing: the retry expects Bea's row, so it is refused too.
      await open(cells).saveTopDown([{ id: "CO", values: [null, 600], expected: [null, 500] }], []);
      expect(await ann.saveTopDown(merged.changes, merged.audit)).toEqual({
        ok: false,
        conflicts: [{ id: "CO", mine: [1000, 500], theirs: [null, 600] }],
      });

      const again = { ...merge, theirs: [null, 600] };
      const retried = retryTopDown(attempt, [again], new Map([["co", mergedTargets(again, ["mine", "theirs"], 2)]]));
      expect(await ann.saveTopDown(retried.changes, retried.audit)).toEqual({ ok: true });
      expect((await readPlanOf(open(cells))).topDown.get("CO")).toEqual([1000, 600]);
      expect((await ann.readAudit()).map((e) => [e.user, e.field, e.oldValue, e.newValue])).toEqual([
        ["bea", "top-down Q2 2027", "", "500"],
        ["ann", "top-down Q1 2027", "", "1000"],
      ]);
    });
  });

  describe("every change of the plan is audited, each row chained to the one above (defect 10)", () => {
    it("chains the rows of every save, with how the user was identified", async () => {
      const read = await readEntryOf(ann, "UK");
      await ann.saveEntries(
        [{ expected: read, next: { ...read, values: [1, null], status: "Draft", updatedAt: "t1", updatedBy: "ann" } }],
        [audit("UK", "Q1 2027", "", "1")],
      );
      await ann.saveTopDown(
        [{ id: "CO", values: [9, null], expected: null }],
        [audit("CO", "top-down Q1 2027", "", "9", "ceo"), audit("CO", "top-down Q2 2027", "", "", "ceo")],
      );
      const rows = await ann.readAuditChain();
      expect(rows.map((row) => [row.sheetRow, row.entry.node, row.entry.identity])).toEqual([
        [3, "UK", "chosen"],
        [4, "CO", "chosen"],
        [5, "CO", "chosen"],
      ]);
      expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.hash))).toBe(true);
      expect(verifyAuditChain(rows)).toEqual({ status: "intact", unchained: 0, chained: 3, concurrent: [] });
    });

    it("shows the first row someone edited in GU Audit", async () => {
      await ann.saveTopDown(
        [{ id: "CO", values: [9, 9], expected: null }],
        [audit("CO", "top-down Q1 2027", "", "9"), audit("CO", "top-down Q2 2027", "", "9")],
      );
      const { range } = cells.table(TABLES.audit) as { range: CellRange };
      // Row 3 of the sheet (the second body row, below Excel's blank first row): New from 9 to 1.
      cells.enter(SHEETS.audit, 2, range.col + 5, "1");
      expect(verifyAuditChain(await open(cells).readAuditChain())).toEqual({ status: "altered", sheetRow: 3 });
    });

    it("re-running setup logs renames, owner reassignments, moves, added and removed nodes and settings", async () => {
      const nodes = [
        node("CO", "", "ceo"),
        node("EMEA", "CO", "bea", "Europe"),
        node("UK", "CO", "ann"),
        node("FR", "EMEA", "fay"),
      ];
      await ann.writePlan({
        settings: { ...SETTINGS, tolerance: 0.1 },
        nodes,
        by: { user: "lea", identity: "office-account", time: "2027-02-01T10:00:00.000Z" },
      });
      const rows = await ann.readAuditChain();
      expect(
        rows.map(({ entry }) => [entry.user, entry.identity, entry.node, entry.field, entry.oldValue, entry.newValue]),
      ).toEqual([
        ["lea", "office-account", "", "setting tolerance", "0.05", "0.1"],
        ["lea", "office-account", "EMEA", "name", "EMEA", "Europe"],
        ["lea", "office-account", "EMEA", "owner", "bob", "bea"],
        ["lea", "office-account", "UK", "parent", "EMEA", "CO"],
        ["lea", "office-account", "FR", "node added", "", "FR"],
        ["lea", "office-account", "DE", "node removed", "DE", ""],
      ]);
      expect(verifyAuditChain(rows).status).toBe("intact");
    });

    it("extends an audit table from before the chain and starts the chain below its old rows", async () => {
      // The table as older versions made it: seven columns, rows without Identity or Hash.
      const { range } = cells.table(TABLES.audit) as { range: CellRange };
      cells.clear({ ...range, col: range.col + 7, colCount: 2 });
      cells.resizeTable(TABLES.audit, { ...range, colCount: 7 });
      cells.appendTableRows(TABLES.audit, [["2026-12-01", "ann", "UK", "Q1 2027", "", "5", ""]]);
      const old = open(cells);
      await old.saveTopDown(
        [{ id: "CO", values: [9, null], expected: null }],
        [audit("CO", "top-down Q1 2027", "", "9")],
      );
      const headers = cells.values({ ...(cells.table(TABLES.audit) as { range: CellRange }).range, rowCount: 1 })[0];
      expect(headers).toEqual(["Time", "User", "Node", "Field", "Old", "New", "Note", "Identity", "Hash"]);
      const rows = await old.readAuditChain();
      expect(rows.map((row) => [row.entry.node, row.hash === ""])).toEqual([
        ["UK", true],
        ["CO", false],
      ]);
      expect(verifyAuditChain(rows)).toEqual({ status: "intact", unchained: 1, chained: 1, concurrent: [] });
    });
  });

  describe("onPlanChanged (a live pane)", () => {
    let clock: number;
    let changes: PlanChange[];
    let watcher: PlanWorkbook;
    let stop: () => void;

    beforeEach(async () => {
      clock = 1_000_000;
      changes = [];
      watcher = open(cells, () => clock);
      stop = watcher.onPlanChanged((change) => changes.push(change));
      await flush();
    });

    /** Excel delivers events after the sync; the double's handlers then look the table up in a batch. */
    async function flush(): Promise<void> {
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    }

    it("reports a value typed into GU Inputs, not the object's own saves", async () => {
      const read = await readEntryOf(watcher, "UK");
      await watcher.saveEntries(
        [{ expected: read, next: { ...read, values: [3, 4], status: "Draft", updatedAt: "t", updatedBy: "ann" } }],
        [audit("UK", "Q1 2027", "", "3")],
      );
      await watcher.saveTopDown([{ id: "CO", values: [1, 1], expected: null }], []);
      await flush();
      expect(changes).toEqual([]);

      clock += OWN_WRITE_SETTLE_MS + 1;
      typeInto(cells, TABLES.inputs, "DE", "Q2 2027", "77");
      await flush();
      expect(changes).toEqual([{ origin: "local" }]);
      expect((await readPlanOf(watcher)).entries.get("DE")?.values).toEqual([null, 77]);
    });

    it("reports another workbook object's save, and nothing once unsubscribed", async () => {
      clock += OWN_WRITE_SETTLE_MS + 1;
      const bea = open(cells);
      await bea.saveTopDown([{ id: "UK", values: [5, null], expected: null }], []);
      await flush();
      expect(changes.length).toBeGreaterThan(0);
      expect((await readPlanOf(watcher)).topDown.get("UK")).toEqual([5, null]);
      stop();
      await flush();
      changes.length = 0;
      typeInto(cells, TABLES.targets, "DE", "Q1 2027", "1");
      await flush();
      expect(changes).toEqual([]);
    });

    it("leaves out cells outside the plan's tables", async () => {
      clock += OWN_WRITE_SETTLE_MS + 1;
      cells.enter("Sheet1", 0, 0, "notes");
      await flush();
      expect(changes).toEqual([]);
    });
  });
});

describe.each(KINDS)("$name after its own save (no full re-read, issue 11)", ({ open }) => {
  it("reads the plan again without reading a cell, and as a fresh read would; a change by others reads again", async () => {
    let clock = 5_000_000;
    const cells = new MemoryWorkbook();
    const pane = open(cells, () => clock);
    await pane.writePlan({ settings: SETTINGS, nodes: NODES });
    const read = await readEntryOf(pane, "UK");
    await new Promise((resolve) => setTimeout(resolve, 0));
    const mine: NodeEntry = {
      ...read,
      values: [7, 8],
      status: "Submitted",
      comment: "=ok",
      updatedAt: "t9",
      updatedBy: "ann",
    };
    expect(
      await pane.saveEntries([{ expected: read, next: mine }], [audit("UK", "status", "Not started", "Submitted")]),
    ).toEqual({ ok: true });
    expect(await pane.saveTopDown([{ id: "co", values: [100, 200], expected: null }], [])).toEqual({ ok: true });

    const reads = jest.spyOn(cells, "values");
    const patched = await readPlanOf(pane);
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
    expect(patched).toEqual(await readPlanOf(open(cells)));

    clock += OWN_WRITE_SETTLE_MS + 1;
    typeInto(cells, TABLES.inputs, "UK", "Q1 2027", "9");
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await readEntryOf(pane, "UK")).values).toEqual([9, 8]);
  });
});

describe.each(KINDS)("$name audit log after its own saves (no full re-read, issue 11)", ({ open }) => {
  it("reads the log again without reading a cell, as a fresh read would; a change by others reads it again", async () => {
    let clock = 5_000_000;
    const cells = new MemoryWorkbook();
    const pane = open(cells, () => clock);
    await pane.writePlan({ settings: SETTINGS, nodes: NODES });
    const read = await readEntryOf(pane, "UK");
    const before = await pane.readAudit();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const mine: NodeEntry = { ...read, values: [7, 8], status: "Submitted", updatedAt: "t9", updatedBy: "ann" };
    await pane.saveEntries(
      [{ expected: read, next: mine }],
      [audit("UK", "status", "Not started", "Submitted"), audit("UK", "comment", "", "=SUM(A1) 1/2")],
    );
    await pane.saveTopDown(
      [{ id: "co", values: [100, 200], expected: null }],
      [audit("CO", "top-down Q1 2027", "", "100")],
    );

    const reads = jest.spyOn(cells, "values");
    const log = await pane.readAudit();
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
    expect(log).toHaveLength(before.length + 3);
    expect(log).toEqual(await open(cells).readAudit());

    clock += OWN_WRITE_SETTLE_MS + 1;
    const { range } = cells.table(TABLES.audit) as { range: { sheet: string; row: number; rowCount: number } };
    cells.enter(range.sheet, range.row + range.rowCount - 1, 6, "edited by hand");
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    const after = await pane.readAudit();
    expect(after[after.length - 1].note).toBe("edited by hand");
  });
});

describe("ExcelPlanWorkbook.onPlanChanged", () => {
  it("reports a co-author's change (source Remote) even while its own write settles, as remote", async () => {
    const cells = new MemoryWorkbook();
    const excel = new RecordingExcel(cells);
    const workbook = new ExcelPlanWorkbook(
      excel.run,
      undefined,
      undefined,
      () => true,
      () => 0,
    );
    await workbook.writePlan({ settings: SETTINGS, nodes: NODES });
    const changes: PlanChange[] = [];
    workbook.onPlanChanged((change) => changes.push(change));
    await workbook.saveTopDown([{ id: "CO", values: [1, 1], expected: null }], []);
    excel.eventSource = "Remote";
    typeInto(cells, TABLES.targets, "UK", "Q1 2027", "3");
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(changes).toEqual([{ origin: "remote" }]);
  });

  it("never calls the listener on a host without table change events (before ExcelApi 1.7)", async () => {
    const excel = new RecordingExcel();
    const workbook = new ExcelPlanWorkbook(excel.run, undefined, undefined, () => false);
    const unsubscribe = workbook.onPlanChanged(() => {
      throw new Error("called");
    });
    expect(excel.syncs).toBe(0);
    unsubscribe();
  });
});
