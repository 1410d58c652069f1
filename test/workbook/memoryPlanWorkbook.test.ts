import type { CellRange } from "../../src/core/a1";
import { PlanLayoutError, SHEETS, TABLES } from "../../src/core/plan/layout";
import { detectHierarchy } from "../../src/core/plan/setupSource";
import type { AuditEntry, NodeEntry, Plan, PlanNode } from "../../src/core/plan/types";
import { MemoryPlanWorkbook } from "../../src/workbook/memory/MemoryPlanWorkbook";
import {
  MemoryWorkbook,
  cellInputText,
  parseInput,
  type WorkbookEvent,
} from "../../src/workbook/memory/MemoryWorkbook";
import { SETTINGS, readPlanOf } from "../support/plan";

function node(id: string, parent: string, owner = ""): PlanNode {
  return { id, parent, name: id, owner, attributes: {} };
}

const NODES = [node("CO", ""), node("EMEA", "CO", "bob"), node("UK", "EMEA", "ann"), node("DE", "EMEA", "dirk")];

function audit(node: string, field: string, oldValue: string, newValue: string, user = "ann"): AuditEntry {
  return { time: "2027-01-05T09:00:00.000Z", user, node, field, oldValue, newValue, note: "" };
}

function entryOf(plan: Plan, id: string): NodeEntry {
  return plan.entries.get(id) as NodeEntry;
}

/** A contributor's edit of what they read: new values and status, stamped. */
function edit(
  read: NodeEntry,
  values: (number | null)[],
  status: NodeEntry["status"],
  stamp: string,
  user = "ann",
): NodeEntry {
  return { ...read, values, status, updatedAt: stamp, updatedBy: user };
}

describe("MemoryPlanWorkbook", () => {
  let workbook: MemoryPlanWorkbook;

  beforeEach(async () => {
    workbook = new MemoryPlanWorkbook();
    await workbook.writePlan({ settings: SETTINGS, nodes: NODES });
  });

  // The workbench's model of issue 11's "saves read O(1) rows": after the plan was read, a save
  // reads single rows (the audit log's last, a target's row to compare), never a whole table.
  it("saves entries and top-down targets after a read without reading any table whole, and a second save finds the rows too", async () => {
    const plan = await readPlanOf(workbook);
    const reads = jest.spyOn(workbook.workbook, "values");
    const first = edit(entryOf(plan, "UK"), [1, 2], "Draft", "t1");
    expect(
      await workbook.saveEntries([{ expected: entryOf(plan, "UK"), next: first }], [audit("UK", "Q1 2027", "", "1")]),
    ).toEqual({ ok: true });
    expect(await workbook.saveEntries([{ expected: first, next: edit(first, [3, 4], "Submitted", "t2") }], [])).toEqual(
      { ok: true },
    );
    expect(await workbook.saveTopDown([{ id: "EMEA", values: [10, 20], expected: null }], [])).toEqual({ ok: true });
    expect(await workbook.saveTopDown([{ id: "EMEA", values: [30, 40], expected: [10, 20] }], [])).toEqual({
      ok: true,
    });
    const rowCounts = reads.mock.calls.map(([range]) => range.rowCount);
    reads.mockRestore();
    expect(Math.max(...rowCounts)).toBe(1);
    expect(await readPlanOf(new MemoryPlanWorkbook(workbook.workbook))).toEqual(await readPlanOf(workbook));
  });

  it("refuses a top-down save over a value it changed itself since the caller read it", async () => {
    await readPlanOf(workbook);
    expect(await workbook.saveTopDown([{ id: "EMEA", values: [10, 20], expected: null }], [])).toEqual({ ok: true });
    const stale = await workbook.saveTopDown([{ id: "EMEA", values: [30, 40], expected: null }], []);
    expect(stale.ok).toBe(false);
  });

  it("has no plan until one is set up", async () => {
    expect(await new MemoryPlanWorkbook().readPlan()).toBeNull();
  });

  it("reads back the plan it set up, with every node not started", async () => {
    const plan = await readPlanOf(workbook);
    expect(plan.settings).toEqual(SETTINGS);
    expect(plan.nodes).toEqual(NODES);
    expect(entryOf(plan, "UK")).toMatchObject({ status: "Not started", values: [null, null] });
    // Not the optional tables (capacity, last year's values, profiles): they are added from the pane.
    const optional: string[] = [TABLES.capacity, TABLES.reference, TABLES.profiles];
    expect(workbook.workbook.tableNames()).toEqual(Object.values(TABLES).filter((name) => !optional.includes(name)));
  });

  it("refuses to read tables someone broke, naming sheet and row", async () => {
    workbook.workbook.enter(SHEETS.status, 3, 1, "Finished");
    await expect(workbook.readPlan()).rejects.toThrow(`Sheet "GU Status" row 4: "Finished" is not a status`);
    await expect(workbook.readPlan()).rejects.toBeInstanceOf(PlanLayoutError);
  });

  describe("saving entries", () => {
    it("writes the node's values and workflow row, and appends the audit entries", async () => {
      const read = entryOf(await readPlanOf(workbook), "UK");
      const next = {
        ...edit(read, [120, 130], "Submitted", "2027-01-05T09:00:00.000Z"),
        comment: "=see attachment",
      };
      const log = [audit("UK", "Q1 2027", "", "120"), audit("UK", "status", "Not started", "Submitted")];
      expect(await workbook.saveEntries([{ expected: read, next }], log)).toEqual({ ok: true });

      expect(entryOf(await readPlanOf(workbook), "UK")).toEqual(next);
      expect(await workbook.readAudit()).toEqual(log);
      // The comment is text in the cell, not a formula.
      expect(workbook.workbook.cell(SHEETS.status, 3, 2)).toEqual({ value: "=see attachment" });
    });

    it.each(["=", "+", "-", "@"])("keeps a name, owner and comment beginning with %s as text", async (sign) => {
      const uk: PlanNode = { ...node("UK", "EMEA", `${sign}ann`), name: `${sign}UK` };
      await workbook.writePlan({
        settings: SETTINGS,
        nodes: NODES.map((n) => (n.id === "UK" ? uk : n)),
      });
      const read = entryOf(await readPlanOf(workbook), "UK");
      const next = {
        ...edit(read, [1, 2], "Draft", "2027-01-05T09:00:00.000Z"),
        comment: `${sign}see attachment`,
      };
      expect(await workbook.saveEntries([{ expected: read, next }], [])).toEqual({ ok: true });

      const plan = await readPlanOf(workbook);
      expect(plan.nodes.find((n) => n.id === "UK")).toEqual(uk);
      expect(entryOf(plan, "UK").comment).toBe(`${sign}see attachment`);
      expect([
        workbook.workbook.cell(SHEETS.hierarchy, 3, 2),
        workbook.workbook.cell(SHEETS.hierarchy, 3, 3),
        workbook.workbook.cell(SHEETS.status, 3, 2),
      ]).toEqual([{ value: `${sign}UK` }, { value: `${sign}ann` }, { value: `${sign}see attachment` }]);
    });

    it("writes nothing and returns the co-author's row when a value changed since it was read", async () => {
      const read = entryOf(await readPlanOf(workbook), "UK");
      const theirs = edit(read, [100, 100], "Draft", "2027-01-05T09:00:00.000Z", "manager");
      await workbook.saveEntries([{ expected: read, next: theirs }], [audit("UK", "Q1 2027", "", "100", "manager")]);

      const mine = edit(read, [120, 130], "Submitted", "2027-01-05T09:01:00.000Z");
      const result = await workbook.saveEntries([{ expected: read, next: mine }], [audit("UK", "Q1 2027", "", "120")]);

      expect(result).toEqual({ ok: false, conflicts: [{ id: "UK", mine, theirs }] });
      expect(entryOf(await readPlanOf(workbook), "UK")).toEqual(theirs);
      expect(await workbook.readAudit()).toHaveLength(1);
    });

    it("conflicts on a status changed by someone else, even with the same values", async () => {
      const submitted = edit(
        entryOf(await readPlanOf(workbook), "UK"),
        [120, 130],
        "Submitted",
        "2027-01-05T09:00:00.000Z",
      );
      await workbook.saveEntries([{ expected: null, next: submitted }], []);
      const approved = {
        ...submitted,
        status: "Approved" as const,
        updatedAt: "2027-01-05T10:00:00.000Z",
        updatedBy: "bob",
      };
      await workbook.saveEntries([{ expected: submitted, next: approved }], []);

      // The contributor, still looking at "Submitted", tries to withdraw to a draft.
      const draft = {
        ...submitted,
        status: "Draft" as const,
        updatedAt: "2027-01-05T10:01:00.000Z",
      };
      const result = await workbook.saveEntries([{ expected: submitted, next: draft }], []);

      expect(result).toEqual({
        ok: false,
        conflicts: [{ id: "UK", mine: draft, theirs: approved }],
      });
    });

    it("conflicts with no co-author row when the node was deleted from the hierarchy", async () => {
      const read = entryOf(await readPlanOf(workbook), "DE");
      await workbook.writePlan({ settings: SETTINGS, nodes: NODES.filter((n) => n.id !== "DE") });
      const mine = edit(read, [5, 5], "Draft", "2027-01-05T09:00:00.000Z", "dirk");

      expect(await workbook.saveEntries([{ expected: read, next: mine }], [])).toEqual({
        ok: false,
        conflicts: [{ id: "DE", mine, theirs: null }],
      });
    });

    it("writes none of several changes when one of them conflicts", async () => {
      const plan = await readPlanOf(workbook);
      const uk = entryOf(plan, "UK");
      const de = entryOf(plan, "DE");
      await workbook.saveEntries(
        [{ expected: de, next: edit(de, [1, 1], "Draft", "2027-01-05T08:00:00.000Z", "dirk") }],
        [],
      );

      const result = await workbook.saveEntries(
        [
          { expected: uk, next: edit(uk, [2, 2], "Approved", "2027-01-05T09:00:00.000Z", "bob") },
          { expected: de, next: edit(de, [3, 3], "Approved", "2027-01-05T09:00:00.000Z", "bob") },
        ],
        [audit("UK", "status", "Not started", "Approved", "bob"), audit("DE", "status", "Draft", "Approved", "bob")],
      );

      expect(result.ok).toBe(false);
      expect(entryOf(await readPlanOf(workbook), "UK").values).toEqual([null, null]);
      expect(await workbook.readAudit()).toEqual([]);
    });

    it("adds the row of a node someone typed into the hierarchy table by hand", async () => {
      const table = workbook.workbook.table(TABLES.hierarchy);
      workbook.workbook.appendTableRows(TABLES.hierarchy, [["FR", "EMEA", "France", "fran"]]);
      expect(workbook.workbook.table(TABLES.hierarchy)?.range.rowCount).toBe((table?.range.rowCount ?? 0) + 1);
      const read = entryOf(await readPlanOf(workbook), "FR");

      const next = edit(read, [7, null], "Draft", "2027-01-05T09:00:00.000Z", "fran");
      expect(await workbook.saveEntries([{ expected: read, next }], [])).toEqual({ ok: true });
      expect(entryOf(await readPlanOf(workbook), "FR")).toEqual(next);
    });
  });

  // Excel's adapter reads a long log a chunk per sync (src/excel/tableReads.ts), and other code
  // runs between two syncs; the in-memory workbook does the same, so a save can land mid-read.
  it("reads a long audit log in chunks, handling input between them, and a save made meanwhile is in what it reads", async () => {
    const long = Array.from({ length: 12_000 }, (_, i) => audit("UK", "Q1 2027", String(i), String(i + 1)));
    await workbook.saveTopDown([{ id: "CO", values: [1, 2], expected: null }], long);
    const fresh = new MemoryPlanWorkbook(workbook.workbook);
    await readPlanOf(fresh);
    const reads = jest.spyOn(fresh.workbook, "values");
    let between: Promise<unknown> | null = null;
    setTimeout(() => {
      between = fresh.saveTopDown(
        [{ id: "CO", values: [3, 4], expected: [1, 2] }],
        [audit("CO", "Q1", "1", "3", "ceo")],
      );
    }, 0);
    const log = await fresh.readAudit();
    expect(await between).toEqual({ ok: true });
    expect(log).toHaveLength(12_001);
    expect(log[12_000]).toMatchObject({ node: "CO", user: "ceo", newValue: "3" });
    expect(Math.max(...reads.mock.calls.map(([range]) => range.rowCount))).toBeLessThan(12_000);
    reads.mockRestore();
    expect(await new MemoryPlanWorkbook(workbook.workbook).readAudit()).toEqual(log);
  });

  // Excel's values arrive after a sync, and other code runs before the plan is made of them.
  it("reads the plan across tasks, and what is typed into a table meanwhile is in the plan it gives", async () => {
    const fresh = new MemoryPlanWorkbook(workbook.workbook);
    const { range } = fresh.workbook.table(TABLES.hierarchy) as { range: CellRange };
    const [headers, ...rows] = fresh.workbook.values(range);
    const ukRow = range.row + 1 + rows.findIndex((row) => row[headers.indexOf("Id")] === "UK");
    const reads = jest.spyOn(fresh.workbook, "values");
    const reading = fresh.readPlan();
    let tablesReadBeforeTyping = 0;
    setTimeout(() => {
      tablesReadBeforeTyping = reads.mock.calls.length;
      fresh.workbook.enter(range.sheet, ukRow, range.col + headers.indexOf("Name"), "United Kingdom");
    }, 0);
    const plan = await reading;
    reads.mockRestore();
    expect(tablesReadBeforeTyping).toBeGreaterThan(0);
    expect(plan?.nodes.find((n) => n.id === "UK")?.name).toBe("United Kingdom");
  });

  // Excel's setup writes in several syncs, and the user may type between two of them.
  it("sets a plan up again across tasks: its own writes are not reported as changes, the user's typing between them is", async () => {
    const changes: string[] = [];
    workbook.onPlanChanged((change) => changes.push(change.origin));
    // Once the setup has started writing, the user types into the hierarchy before its next write.
    let typedDuringSetup = false;
    const stopWatching = workbook.workbook.onChange(() => {
      if (typedDuringSetup) return;
      typedDuringSetup = true;
      setTimeout(() => workbook.workbook.enter(SHEETS.hierarchy, 1, 2, "United Kingdom"), 0);
    });
    await workbook.writePlan({ settings: { ...SETTINGS, tolerance: 0.1 }, nodes: NODES });
    stopWatching();
    expect(typedDuringSetup).toBe(true);
    expect(changes).toEqual(["local"]);
    expect((await readPlanOf(workbook)).settings.tolerance).toBe(0.1);
  });

  it("saves top-down targets with their audit entries", async () => {
    await workbook.saveTopDown(
      [{ id: "CO", values: [1000, null], expected: null }],
      [audit("CO", "top-down Q1 2027", "", "1000", "ceo")],
    );
    const plan = await readPlanOf(workbook);
    expect(plan.topDown.get("CO")).toEqual([1000, null]);
    expect(await workbook.readAudit()).toHaveLength(1);
    await expect(workbook.saveTopDown([{ id: "XX", values: [1, 1], expected: null }], [])).rejects.toThrow(
      `Node "XX" is not in the plan's hierarchy`,
    );
  });

  describe("setting up again over an existing plan", () => {
    it("keeps every input, status and comment by id when nodes move and new ones arrive", async () => {
      const read = entryOf(await readPlanOf(workbook), "UK");
      const saved = {
        ...edit(read, [120, 130], "Submitted", "2027-01-05T09:00:00.000Z"),
        comment: "+10% on last year",
      };
      await workbook.saveEntries([{ expected: read, next: saved }], []);
      await workbook.saveTopDown([{ id: "UK", values: [125, null], expected: null }], []);

      await workbook.writePlan({
        settings: SETTINGS,
        nodes: [node("CO", ""), node("AMER", "CO"), node("EMEA", "CO"), node("UK", "AMER", "ann"), node("DE", "EMEA")],
      });

      const plan = await readPlanOf(workbook);
      expect(plan.nodes.map((n) => n.id)).toEqual(["CO", "AMER", "UK", "EMEA", "DE"]);
      expect(entryOf(plan, "UK")).toEqual(saved);
      expect(plan.topDown.get("UK")).toEqual([125, null]);
      expect(entryOf(plan, "AMER").status).toBe("Not started");
    });

    it("keeps the inputs of a node that left, and restores them when it comes back", async () => {
      const read = entryOf(await readPlanOf(workbook), "DE");
      const saved = edit(read, [80, 95], "Draft", "2027-01-05T09:00:00.000Z", "dirk");
      await workbook.saveEntries([{ expected: read, next: saved }], []);

      await workbook.writePlan({ settings: SETTINGS, nodes: NODES.filter((n) => n.id !== "DE") });
      expect((await readPlanOf(workbook)).entries.has("DE")).toBe(false);
      expect(workbook.workbook.values({ sheet: SHEETS.inputs, row: 4, col: 0, rowCount: 1, colCount: 3 })).toEqual([
        ["DE", 80, 95],
      ]);

      await workbook.writePlan({ settings: SETTINGS, nodes: NODES });
      expect(entryOf(await readPlanOf(workbook), "DE")).toEqual(saved);
    });

    it("resizes the tables and rebuilds the report for the new hierarchy", async () => {
      await workbook.writePlan({
        settings: { ...SETTINGS, periods: ["Q1 2027"] },
        nodes: NODES.slice(0, 2),
      });
      expect(workbook.workbook.table(TABLES.hierarchy)?.range).toMatchObject({
        rowCount: 3,
        colCount: 4,
      });
      expect(workbook.workbook.value(SHEETS.hierarchy, 3, 0)).toBeNull();
      expect(
        workbook.workbook.formulas({
          sheet: SHEETS.report,
          row: 3,
          col: 5,
          rowCount: 1,
          colCount: 1,
        }),
      ).toEqual([
        [
          `=BU.ROLLUP($A$4:$A$5&"",$J$4:$J$5&"",IF(ISNUMBER($L$4:$L$5),INDEX(IF(ISBLANK('GU Inputs'!$B$2:$B$3),"",'GU Inputs'!$B$2:$B$3),$L$4:$L$5),""))`,
        ],
      ]);
      expect(workbook.workbook.cell(SHEETS.report, 5, 0)).toBeUndefined();
      expect(workbook.workbook.conditionalFormats(SHEETS.report)).toHaveLength(1);
    });
  });

  describe("selection", () => {
    it("selects a node's row in the hierarchy sheet", async () => {
      await workbook.selectNode("uk");
      expect(workbook.workbook.selection()).toEqual({
        sheet: SHEETS.hierarchy,
        row: 3,
        col: 0,
        rowCount: 1,
        colCount: 4,
      });
      await expect(workbook.selectNode("XX")).rejects.toThrow(`Node "XX" is not in the plan's hierarchy`);
    });

    it("tells which node the user selected, from any of the plan's sheets, until unsubscribed", () => {
      const seen: (string | null)[] = [];
      const unsubscribe = workbook.onSelectNode((id) => seen.push(id));
      const select = (sheet: string, row: number, col = 1): void =>
        workbook.workbook.select({ sheet, row, col, rowCount: 1, colCount: 1 });
      select(SHEETS.hierarchy, 2);
      select(SHEETS.inputs, 4);
      select(SHEETS.report, 5, 7);
      select(SHEETS.status, 0);
      select("Sheet1", 2);
      unsubscribe();
      select(SHEETS.hierarchy, 1);
      expect(seen).toEqual(["EMEA", "DE", "UK", null, null]);
    });

    it("reads the selected cells, clipped to the cells in use", async () => {
      const sheet = workbook.workbook;
      sheet.enter("Sheet1", 0, 0, "Id");
      sheet.enter("Sheet1", 0, 1, "Parent");
      sheet.enter("Sheet1", 1, 0, "A");
      sheet.enter("Sheet1", 2, 0, "007");
      sheet.select({ sheet: "Sheet1", row: 0, col: 0, rowCount: 1_048_576, colCount: 2 });
      expect(await workbook.readSelection()).toEqual({
        ref: { kind: "range", sheet: "Sheet1", address: "A1:B3" },
        rows: [
          ["Id", "Parent"],
          ["A", ""],
          [7, ""],
        ],
        firstRow: 1,
      });
    });

    it("places a selection with nothing in use at its own first row", async () => {
      workbook.workbook.enter("Sheet1", 0, 0, "Id");
      workbook.workbook.select({ sheet: "Sheet1", row: 6, col: 2, rowCount: 3, colCount: 2 });
      expect(await workbook.readSelection()).toEqual({
        ref: { kind: "range", sheet: "Sheet1", address: "C7:D9" },
        rows: [],
        firstRow: 7,
      });
    });

    it.each<[string, CellRange, CellRange, string, number, CellRange]>([
      [
        "whole columns A:D, data from row 3",
        { sheet: "Sheet1", row: 0, col: 0, rowCount: 1_048_576, colCount: 4 },
        { sheet: "Sheet1", row: 2, col: 0, rowCount: 4, colCount: 4 },
        "A3:D6",
        5,
        { sheet: "Sheet1", row: 4, col: 0, rowCount: 1, colCount: 4 },
      ],
      [
        "A1:F20, data in B4:E7",
        { sheet: "Sheet1", row: 0, col: 0, rowCount: 20, colCount: 6 },
        { sheet: "Sheet1", row: 3, col: 1, rowCount: 4, colCount: 4 },
        "B4:E7",
        6,
        { sheet: "Sheet1", row: 5, col: 1, rowCount: 1, colCount: 4 },
      ],
    ])(
      "goes to the sheet row a problem names in a selection of %s",
      async (_, selection, data, address, row, selected) => {
        const sheet = workbook.workbook;
        sheet.write(data, [
          ["Id", "Parent", "Name", "Owner"],
          ["CO", "", "Company", "ceo"],
          ["UK", "XX", "United Kingdom", "ann"],
          ["DE", "CO", "Germany", "dirk"],
        ]);
        sheet.select(selection);
        const source = await workbook.readSelection();
        expect(source.ref).toEqual({ kind: "range", sheet: "Sheet1", address });
        expect(source.firstRow).toBe(data.row + 1);
        const problem = detectHierarchy(source.rows, { firstRow: source.firstRow }).problems[0];
        expect(problem.sourceIndex).toBe(2);
        expect(problem.row).toBe(row);
        expect(problem.message).toBe(`Parent "XX" of "UK" (row ${row}) is not in ids`);

        await workbook.selectSourceRow(source.ref, problem.sourceIndex + 1);
        expect(sheet.selection()).toEqual(selected);
        expect(sheet.values(sheet.selection())).toEqual([["UK", "XX", "United Kingdom", "ann"]]);
      },
    );

    it("reads names indented with the Indent button as two spaces a level, text only", async () => {
      const sheet = workbook.workbook;
      const range = { sheet: "Sheet1", row: 2, col: 0, rowCount: 5, colCount: 3 };
      sheet.write(range, [
        ["Territory", "Owner", "Weight"],
        ["World", "ceo", 10],
        ["EMEA", "mo", 6],
        ["UK", "ana", 2],
        ["APAC", "kei", 4],
      ]);
      sheet.setIndentLevels(range, [
        [0, 0, 0],
        [0, 0, 0],
        [1, 0, 1],
        [2, 0, 2],
        [1, 0, 1],
      ]);
      sheet.addTable("Org", range);
      sheet.select({ sheet: "Sheet1", row: 0, col: 0, rowCount: 1_048_576, colCount: 3 });
      const rows = [
        ["Territory", "Owner", "Weight"],
        ["World", "ceo", 10],
        ["  EMEA", "mo", 6],
        ["    UK", "ana", 2],
        ["  APAC", "kei", 4],
      ];

      const selection = await workbook.readSelection();
      expect(selection.rows).toEqual(rows);
      expect((await workbook.readTable("Org")).rows).toEqual(rows);
      expect(detectHierarchy(selection.rows).nodes.map((n) => [n.id, n.parent])).toEqual([
        ["World", ""],
        ["EMEA", "World"],
        ["UK", "EMEA"],
        ["APAC", "World"],
      ]);
    });

    it("lists and reads the user's tables, not the plan's, and goes to a row of a source", async () => {
      const sheet = workbook.workbook;
      sheet.write({ sheet: "Sheet1", row: 4, col: 2, rowCount: 3, colCount: 2 }, [
        ["Id", "Parent"],
        ["A", ""],
        ["B", "A"],
      ]);
      sheet.addTable("Org", { sheet: "Sheet1", row: 4, col: 2, rowCount: 3, colCount: 2 });
      expect(await workbook.listTables()).toEqual(["Org"]);
      expect(await workbook.readTable("org")).toEqual({
        ref: { kind: "table", name: "Org" },
        rows: [
          ["Id", "Parent"],
          ["A", ""],
          ["B", "A"],
        ],
        firstRow: 5,
      });

      await workbook.selectSourceRow({ kind: "table", name: "Org" }, 3);
      expect(sheet.selection()).toEqual({
        sheet: "Sheet1",
        row: 6,
        col: 2,
        rowCount: 1,
        colCount: 2,
      });
      await workbook.selectSourceRow({ kind: "range", sheet: "Sheet1", address: "C5:D7" }, 2);
      expect(sheet.selection()).toEqual({
        sheet: "Sheet1",
        row: 5,
        col: 2,
        rowCount: 1,
        colCount: 2,
      });
      await expect(workbook.selectSourceRow({ kind: "table", name: "Org" }, 4)).rejects.toThrow(
        "Row 4 is outside the source, which has 3 rows",
      );
      await expect(workbook.readTable("Nope")).rejects.toThrow(`There is no table "Nope" in this workbook`);
    });
  });
});

describe("MemoryWorkbook", () => {
  it.each<[string, string, unknown]>([
    ["a number", "12.5", { value: 12.5 }],
    ["a negative number", "-5", { value: -5 }],
    ["a percentage", "5%", { value: 0.05 }],
    ["a flag", "true", { value: true }],
    ["a formula", "=SUM(A1:A3)", { value: null, formula: "=SUM(A1:A3)" }],
    ["text after +", "+abc", { value: null, formula: "=+abc" }],
    ["text after @", "@abc", { value: null, formula: "=@abc" }],
    ["text behind an apostrophe", "'=SUM(A1)", { value: "=SUM(A1)" }],
    ["digits behind an apostrophe", "'007", { value: "007" }],
    ["plain text", "Revenue", { value: "Revenue" }],
    ["nothing", "", null],
  ])("reads typed input as Excel does: %s", (_, input, cell) => {
    expect(parseInput(input, "General")).toEqual(cell);
  });

  it("keeps anything typed into a cell formatted as text as text", () => {
    expect(parseInput("=1+1", "@")).toEqual({ value: "=1+1" });
  });

  it.each<[string, unknown]>([
    ["=1+1", "'=1+1"],
    ["007", "'007"],
    ["Revenue", "Revenue"],
  ])("gives back what to type for a text cell holding %j", (text, typed) => {
    expect(cellInputText({ value: text as string })).toBe(typed);
  });

  it("tells listeners about cell changes and selections, keeps engine results without telling", () => {
    const book = new MemoryWorkbook();
    const events: WorkbookEvent[] = [];
    book.onChange((event) => events.push(event));
    book.enter("Sheet1", 0, 0, "=BU.LEVEL(B1:B2,C1:C2)");
    book.setComputed("Sheet1", 0, 0, [[1], [2]]);
    book.select({ sheet: "sheet1", row: 1, col: 0, rowCount: 1, colCount: 1 });
    expect(events).toEqual([
      { type: "cells", range: { sheet: "Sheet1", row: 0, col: 0, rowCount: 1, colCount: 1 } },
      { type: "selection", range: { sheet: "Sheet1", row: 1, col: 0, rowCount: 1, colCount: 1 } },
    ]);
    expect(book.values({ sheet: "Sheet1", row: 0, col: 0, rowCount: 2, colCount: 1 })).toEqual([[1], [2]]);
    expect(book.formulas({ sheet: "Sheet1", row: 0, col: 0, rowCount: 2, colCount: 1 })).toEqual([
      ["=BU.LEVEL(B1:B2,C1:C2)"],
      [""],
    ]);
  });

  it("keeps indent levels, a format, over new values until formats are cleared", () => {
    const book = new MemoryWorkbook();
    const cell = { sheet: "Sheet1", row: 1, col: 0, rowCount: 1, colCount: 1 };
    book.setIndentLevels(cell, [[2]]);
    book.enter("Sheet1", 1, 0, "EMEA");
    expect(book.indentLevels({ ...cell, row: 0, rowCount: 2 })).toEqual([[0], [2]]);
    book.clear(cell, true);
    expect(book.indentLevels(cell)).toEqual([[2]]);
    book.clear(cell);
    expect(book.indentLevels(cell)).toEqual([[0]]);
  });

  it("refuses tables that overlap or have no body row, as Excel does", () => {
    const book = new MemoryWorkbook();
    book.addTable("A", { sheet: "Sheet1", row: 0, col: 0, rowCount: 3, colCount: 2 });
    expect(() => book.addTable("B", { sheet: "Sheet1", row: 2, col: 1, rowCount: 2, colCount: 2 })).toThrow(
      'Table "B" would overlap table "A"',
    );
    expect(() => book.addTable("C", { sheet: "Sheet1", row: 9, col: 0, rowCount: 1, colCount: 2 })).toThrow(
      'Table "C" needs a header row and a body row',
    );
    expect(() => book.addTable("a", { sheet: "Sheet1", row: 9, col: 0, rowCount: 2, colCount: 2 })).toThrow(
      'A table "a" already exists',
    );
  });
});
