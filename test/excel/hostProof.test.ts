/**
 * The Excel adapter against the things real Excel and real users do that a kinder model hides
 * (issue 14 items 4-6 and 9, issue 11's reads per save), through the recording double:
 * - "Coauthoring in Excel add-ins" (learn.microsoft.com/office/dev/add-ins/excel/co-authoring-in-excel-add-ins):
 *   `TableRowCollection.add` causes merge conflicts; set values below the table instead;
 * - users rename sheets, sort plan tables from the header menu and insert rows into them;
 * - "Resource limits and performance optimization for Office Add-ins": Excel on the web refuses a
 *   request or response over 5MB (RequestPayloadSizeLimitExceeded);
 * - "Error handling with the application-specific JavaScript APIs": Excel's error codes.
 */
import {
  AUDIT_TABLE,
  SHEETS,
  TABLES,
  auditHeaderBlock,
  blockInputs,
  blockRange,
  buildPlanLayout,
} from "../../src/core/plan/layout";
import { emptyEntry } from "../../src/core/plan/entries";
import type { AuditEntry, NodeEntry, PlanNode } from "../../src/core/plan/types";
import { chunkBlocks, jsonBytes, utf8Length } from "../../src/excel/chunks";
import { ExcelPlanWorkbook } from "../../src/excel/ExcelPlanWorkbook";
import { ExcelActionError, officeErrorMessage } from "../../src/excel/messages";
import { readEntryOf, readPlanOf, SETTINGS } from "../support/plan";
import { ExcelApiError, PAYLOAD_LIMIT_BYTES, RecordingExcel, payload } from "./support/RecordingExcel";

function node(id: string, parent: string, owner = ""): PlanNode {
  return { id, parent, name: id, owner, attributes: {} };
}

const NODES = [node("CO", "", "ceo"), node("EMEA", "CO", "bob"), node("UK", "EMEA", "ann"), node("DE", "EMEA", "dirk")];

function audit(nodeId: string, field: string, newValue: string, time = "2027-01-05T09:00:00.000Z"): AuditEntry {
  return { time, user: "ann", node: nodeId, field, oldValue: "", newValue, note: "" };
}

function edit(read: NodeEntry, values: (number | null)[], stamp = "2027-01-05T09:00:00.000Z"): NodeEntry {
  return { ...read, values, status: "Draft", updatedAt: stamp, updatedBy: "ann" };
}

async function setUp(nodes = NODES): Promise<{ excel: RecordingExcel; workbook: ExcelPlanWorkbook }> {
  const excel = new RecordingExcel();
  const workbook = new ExcelPlanWorkbook(excel.run);
  await workbook.writePlan({ settings: SETTINGS, nodes });
  return { excel, workbook };
}

describe("co-authoring-safe appends (Coauthoring in Excel add-ins)", () => {
  it("the double refuses TableRowCollection.add as a co-authoring conflict, so no path can use it", async () => {
    const { excel } = await setUp();
    excel.context.workbook.tables.getItem(TABLES.audit).rows.add(undefined, [["x"]]);
    await expect(excel.sync()).rejects.toMatchObject({ code: "CoauthoringConflict" });
  });

  it("grows a table over values set on the row right below it, and not over an empty row", async () => {
    const { excel } = await setUp();
    const before = excel.workbook.table(TABLES.audit)?.range.rowCount as number;
    const below = excel.context.workbook.tables.getItem(TABLES.audit).getDataBodyRange().getRowsBelow(1);
    below.values = [["", "", "", "", "", "", "", "", ""]];
    await excel.sync();
    expect(excel.workbook.table(TABLES.audit)?.range.rowCount).toBe(before);
    below.values = [["t", "", "", "", "", "", "", "", ""]];
    await excel.sync();
    expect(excel.workbook.table(TABLES.audit)?.range.rowCount).toBe(before + 1);
  });

  it("appends audit entries below the audit table, checked by what the new rows hold, in the write sync", async () => {
    const { excel, workbook } = await setUp();
    const read = (await readPlanOf(workbook)).entries.get("UK") as NodeEntry;
    excel.reset();
    await workbook.saveEntries(
      [{ expected: read, next: edit(read, [5, 6]) }],
      [audit("UK", "Q1 2027", "5"), audit("UK", "Q2 2027", "6", "2027-01-05T09:00:01.000Z")],
    );
    await workbook.saveEntries(
      [{ expected: edit(read, [5, 6]), next: edit(read, [7, 6], "2027-01-05T09:01:00.000Z") }],
      [audit("UK", "Q1 2027", "7", "2027-01-05T09:01:00.000Z")],
    );
    expect(excel.calls.map((call) => call.call)).not.toContain("table.rows.add");
    expect((await workbook.readAudit()).map((entry) => entry.newValue)).toEqual(["5", "6", "7"]);
    expect(excel.writes.filter((w) => w.sheet === SHEETS.audit).map((w) => w.address)).toEqual(["A3:I4", "A5:I5"]);
  });

  it("gives a node without inputs and status rows new rows below those tables, and refuses when something is in the way", async () => {
    const { excel, workbook } = await setUp();
    // A user adds FR to the hierarchy table by hand: it has no status or inputs row yet.
    const hierarchy = excel.context.workbook.tables.getItem(TABLES.hierarchy).getDataBodyRange().getRowsBelow(1);
    hierarchy.values = [["FR", "EMEA", "France", "fay"]];
    await excel.sync();
    const plan = await readPlanOf(workbook);
    const read = plan.entries.get("FR") as NodeEntry;
    expect(await workbook.saveEntries([{ expected: read, next: edit(read, [3, 4]) }], [])).toEqual({ ok: true });
    expect(await readEntryOf(workbook, "FR")).toMatchObject({ values: [3, 4], status: "Draft" });
    expect(excel.workbook.table(TABLES.inputs)?.range.rowCount).toBe(1 + 5);

    const { excel: other, workbook: blocked } = await setUp();
    const below = other.context.workbook.tables.getItem(TABLES.hierarchy).getDataBodyRange().getRowsBelow(1);
    below.values = [["FR", "EMEA", "France", "fay"]];
    other.workbook.write({ sheet: SHEETS.inputs, row: 5, col: 0, rowCount: 1, colCount: 1 }, [["my note"]]);
    const frRead = (await readPlanOf(blocked)).entries.get("FR") as NodeEntry;
    await expect(blocked.saveEntries([{ expected: frRead, next: edit(frRead, [3, 4]) }], [])).rejects.toThrow(
      "There is content right below table GuInputs",
    );
    expect(other.workbook.value(SHEETS.inputs, 5, 0)).toBe("my note");
  });
});

describe("rows addressed through their tables, checked by id", () => {
  it("saves after the user renamed the inputs and status sheets, without a reload", async () => {
    const { excel, workbook } = await setUp();
    const read = (await readPlanOf(workbook)).entries.get("UK") as NodeEntry;
    excel.renameSheet(SHEETS.inputs, "My inputs");
    excel.renameSheet(SHEETS.status, "Workflow");
    excel.reset();
    expect(await workbook.saveEntries([{ expected: read, next: edit(read, [11, 12]) }], [])).toEqual({ ok: true });
    expect(excel.syncs).toBe(2);
    expect(await readEntryOf(workbook, "UK")).toMatchObject({ values: [11, 12] });
    await workbook.selectNode("DE");
    expect(excel.workbook.values(excel.workbook.selection())[0][0]).toBe("DE");
  });

  it("finds a node's rows after the user sorted the inputs table, and writes them to that node", async () => {
    const { excel, workbook } = await setUp();
    const read = (await readPlanOf(workbook)).entries.get("UK") as NodeEntry;
    excel.sortTable(TABLES.inputs, 0, true); // Id descending: UK, EMEA, DE, CO
    excel.reset();
    expect(await workbook.saveEntries([{ expected: read, next: edit(read, [21, 22]) }], [])).toEqual({ ok: true });
    expect(excel.syncs).toBe(4);
    expect(excel.workbook.values({ sheet: SHEETS.inputs, row: 1, col: 0, rowCount: 1, colCount: 3 })).toEqual([
      ["UK", 21, 22],
    ]);
    const plan = await readPlanOf(workbook);
    expect(plan.entries.get("UK")?.values).toEqual([21, 22]);
    expect(plan.entries.get("CO")?.values).toEqual([null, null]);

    // The hints now know the sorted rows: the next save is back to 2 syncs.
    excel.reset();
    await workbook.saveEntries(
      [{ expected: plan.entries.get("UK") as NodeEntry, next: edit(read, [23, 22], "2027-01-05T10:00:00.000Z") }],
      [],
    );
    expect(excel.syncs).toBe(2);
  });

  it("finds a node's rows after the user inserted a row above it in the status table", async () => {
    const { excel, workbook } = await setUp();
    const read = (await readPlanOf(workbook)).entries.get("UK") as NodeEntry;
    excel.insertTableRow(TABLES.status, 0);
    excel.insertTableRow(TABLES.inputs, 1);
    excel.reset();
    expect(await workbook.saveEntries([{ expected: read, next: edit(read, [31, 32]) }], [])).toEqual({ ok: true });
    expect(excel.workbook.values({ sheet: SHEETS.inputs, row: 4, col: 0, rowCount: 1, colCount: 3 })).toEqual([
      ["UK", 31, 32],
    ]);
    expect(excel.workbook.value(SHEETS.status, 4, 0)).toBe("UK");
    expect(excel.workbook.value(SHEETS.status, 4, 1)).toBe("Draft");
  });
});

describe("a save reads O(1) (issue 11: ≤ 20 KB per save at any plan size)", () => {
  const periods = Array.from({ length: 12 }, (_, i) => `P${i + 1}`);

  function bigPlan(count: number): PlanNode[] {
    const nodes = [node("root", "", "ceo")];
    for (let i = 1; i < count; i++) nodes.push(node(`n${i}`, i < 100 ? "root" : `n${(i % 99) + 1}`, `owner${i % 250}`));
    return nodes;
  }

  /** The plan's tables put straight into the workbook (what writePlan writes, without the double's bookkeeping). */
  function seed(excel: RecordingExcel, nodes: PlanNode[]): void {
    const layout = buildPlanLayout({ settings: { ...SETTINGS, periods }, nodes }, {});
    for (const table of [...layout.tables, AUDIT_TABLE]) {
      if (!excel.workbook.hasSheet(table.sheet)) excel.workbook.addSheet(table.sheet);
      excel.workbook.addTable(table.name, {
        sheet: table.sheet,
        row: 0,
        col: 0,
        rowCount: table.rowCount,
        colCount: table.colCount,
      });
    }
    for (const block of [...layout.blocks.filter((b) => b.sheet !== SHEETS.report), auditHeaderBlock()]) {
      if (block.cells !== null) excel.workbook.write(blockRange(block), blockInputs(block));
    }
  }

  it.each([1_000, 100_000])(
    "saves one entry of a %i-node plan in 2 syncs reading under 20 KB, once a first save found the rows",
    async (count) => {
      const excel = new RecordingExcel();
      seed(excel, bigPlan(count));
      const workbook = new ExcelPlanWorkbook(excel.run);
      const id = `n${count - 1}`;
      const blank = { ...emptyEntry(id, periods.length) };
      // A fresh workbook object has no hints: its first save searches the Id columns, in chunks of
      // 100,000 ids a sync, each response under the limit.
      await workbook.saveEntries(
        [
          {
            expected: blank,
            next: edit(
              blank,
              periods.map(() => 1),
            ),
          },
        ],
        [],
      );
      expect(excel.syncs).toBe(4 + Math.ceil((3 * count) / 100_000) - 1);
      expect(Math.max(...excel.responses)).toBeLessThan(PAYLOAD_LIMIT_BYTES);

      excel.reset();
      const read = edit(
        blank,
        periods.map(() => 1),
      );
      const result = await workbook.saveEntries(
        [
          {
            expected: read,
            next: edit(
              read,
              periods.map(() => 2),
              "2027-01-05T09:05:00.000Z",
            ),
          },
        ],
        [audit(id, "P1", "2")],
      );
      expect(result).toEqual({ ok: true });
      expect(excel.syncs).toBe(2);
      const [reads, afterWrite] = excel.responses;
      expect(reads).toBeLessThan(20_000);
      expect(afterWrite).toBeLessThan(1_000);
      expect(Math.max(...excel.payloads)).toBeLessThan(2_000);
      // Ranges read: the settings, three header rows, the hinted hierarchy, status and inputs rows, and
      // the audit table's header and last row (the hash chain, auditChain.ts).
      const valueReads = excel.calls.filter(
        (call) => call.sync === 1 && call.call === "range.load" && call.detail === "values",
      );
      expect(valueReads).toHaveLength(1 + 3 + 3 + 2);
      const ids = excel.workbook.values({ sheet: SHEETS.inputs, row: 1, col: 0, rowCount: count, colCount: 1 });
      const row = 1 + ids.findIndex(([cell]) => cell === id);
      expect(excel.workbook.values({ sheet: SHEETS.inputs, row, col: 0, rowCount: 1, colCount: 3 })).toEqual([
        [id, 2, 2],
      ]);
    },
    120_000,
  );
});

describe("payloads counted in UTF-8 bytes (Excel on the web: 5MB per request and response)", () => {
  it("counts a character outside ASCII as the bytes it takes on the wire", () => {
    expect(utf8Length("abc")).toBe(3);
    expect(utf8Length("Zürich")).toBe(7);
    expect(utf8Length("東京")).toBe(6);
    expect(utf8Length("😀")).toBe(4);
    expect(jsonBytes([["東京", 1]])).toBe(Buffer.byteLength(JSON.stringify([["東京", 1]]), "utf8"));
    expect(payload("東京")).toBe(8);
  });

  it("cuts a plan named in Japanese into chunks under the budget in bytes, where UTF-16 units would overflow it", () => {
    const nodes = [node("root", "")];
    for (let i = 1; i < 3_000; i++) nodes.push({ ...node(`n${i}`, "root"), name: "東京都渋谷区の営業所".repeat(3) });
    const blocks = buildPlanLayout({ settings: SETTINGS, nodes }, {}).blocks;
    const budget = 200_000;
    for (const chunk of chunkBlocks(blocks, budget)) {
      const bytes = chunk.reduce(
        (sum, slice) =>
          sum +
          jsonBytes(
            (slice.block.cells ?? [])
              .slice(slice.fromRow, slice.fromRow + slice.rowCount)
              .map((row) => row.map(String)),
          ),
        0,
      );
      expect(bytes).toBeLessThanOrEqual(budget);
    }
  });

  it("sets up a plan named in Japanese with every request under the budget, as the double counts bytes", async () => {
    const excel = new RecordingExcel();
    const budget = 300_000;
    const workbook = new ExcelPlanWorkbook(excel.run, budget);
    const nodes = [node("root", "")];
    for (let i = 1; i < 3_000; i++) nodes.push({ ...node(`n${i}`, "root"), name: "東京都渋谷区の営業所".repeat(3) });
    await workbook.writePlan({ settings: SETTINGS, nodes });
    expect(Math.max(...excel.payloads)).toBeLessThanOrEqual(budget);
  });

  it("fails a sync whose request is over the limit, as Excel on the web does", async () => {
    const excel = new RecordingExcel();
    excel.payloadLimit = 1_000;
    excel.context.workbook.worksheets.getItem("Sheet1").getRangeByIndexes(0, 0, 1, 1).values = [["é".repeat(600)]];
    await expect(excel.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(PAYLOAD_LIMIT_BYTES).toBe(5_000_000);
  });

  it("fails a sync whose response is over the limit", async () => {
    const excel = new RecordingExcel();
    excel.workbook.write({ sheet: "Sheet1", row: 0, col: 0, rowCount: 1, colCount: 1 }, [["x".repeat(2_000)]]);
    excel.payloadLimit = 1_000;
    excel.context.workbook.worksheets.getItem("Sheet1").getRangeByIndexes(0, 0, 1, 1).load("values");
    await expect(excel.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  });
});

describe("recalculation while writing chunks (Application.suspendApiCalculationUntilNextSync, ExcelApi 1.6)", () => {
  it("suspends it in every chunk but the last, which recalculates", async () => {
    const excel = new RecordingExcel();
    const workbook = new ExcelPlanWorkbook(excel.run, 50_000);
    const nodes = [node("root", "")];
    for (let i = 1; i < 2_000; i++) nodes.push(node(`n${i}`, "root"));
    await workbook.writePlan({ settings: SETTINGS, nodes });
    // Sync 1 looks around; every later one writes a chunk.
    const writes = Array.from({ length: excel.syncs - 1 }, (_, i) => excel.callsIn(i + 2));
    expect(writes.length).toBeGreaterThan(2);
    writes.slice(0, -1).forEach((calls) => expect(calls).toContain("application.suspendApiCalculationUntilNextSync"));
    expect(writes[writes.length - 1]).not.toContain("application.suspendApiCalculationUntilNextSync");
    expect(writes[writes.length - 1]).toContain("application.calculate");
  });
});

describe("Excel's raw errors become what to do (Error handling with the application-specific JavaScript APIs)", () => {
  it.each<[string, RegExp]>([
    ["InvalidOperationInCellEditMode", /Press Enter or Esc to finish editing the cell/],
    ["AccessDenied", /protected.*Unprotect it/],
    ["InvalidSelection", /Select one block of cells \(not several areas/],
    ["RequestPayloadSizeLimitExceeded", /too large for one request to Excel on the web/],
    ["InactiveWorkbook", /Click into this workbook/],
    ["SomethingNew", /Excel refused the change \(SomethingNew\)/],
  ])("%s", (code, message) => {
    expect(officeErrorMessage({ code, message: "raw" })).toMatch(message);
  });

  it("leaves Groundup's own errors as they are", () => {
    expect(officeErrorMessage(new Error(`Node "XX" is not in the plan's hierarchy`))).toBeNull();
  });

  it("reaches the pane through every step, the original kept as the cause", async () => {
    const { excel, workbook } = await setUp();
    const read = (await readPlanOf(workbook)).entries.get("UK") as NodeEntry;
    const sync = excel.sync.bind(excel);
    excel.context.sync = async () => {
      await sync();
      throw new ExcelApiError(
        "InvalidOperationInCellEditMode",
        "The operation isn't available while Excel is in Edit cell mode.",
      );
    };
    const saving = workbook.saveEntries([{ expected: read, next: edit(read, [1, 1]) }], []);
    await expect(saving).rejects.toBeInstanceOf(ExcelActionError);
    await expect(saving).rejects.toThrow("Excel is editing a cell. Press Enter or Esc");
  });
});

describe("setting up again: all-or-nothing for the user, with progress, cancel and resume", () => {
  const many = (count: number): PlanNode[] => [
    node("CO", ""),
    ...Array.from({ length: count }, (_, i) => node(`n${i}`, "CO")),
  ];

  it("gives renamed plan sheets their names back, so the report's formulas find them", async () => {
    const { excel, workbook } = await setUp();
    excel.renameSheet(SHEETS.inputs, "Inputs (mine)");
    await workbook.writePlan({ settings: SETTINGS, nodes: [...NODES, node("FR", "EMEA")] });
    expect(excel.workbook.sheetNames().map((name) => excel.shownSheet(name))).toContain(SHEETS.inputs);
    expect((await readPlanOf(workbook)).nodes.map((n) => n.id)).toContain("FR");
  });

  it("reports each chunk, stops on a failed chunk naming the snapshot it took first, and resumes there", async () => {
    const excel = new RecordingExcel();
    const workbook = new ExcelPlanWorkbook(excel.run, 20_000);
    await workbook.writePlan({ settings: SETTINGS, nodes: many(600) });
    const read = (await readPlanOf(workbook)).entries.get("n5") as NodeEntry;
    await workbook.saveEntries([{ expected: read, next: edit(read, [9, 9]) }], []);

    const setup = { settings: SETTINGS, nodes: [...many(600), node("FR", "CO")] };
    const sync = excel.sync.bind(excel);
    let chunk = 0;
    excel.context.sync = async () => {
      // The setup's own chunks start with the one that resizes the tables (after the snapshot's);
      // the third fails, as a cell in edit mode makes Excel refuse a request.
      if (chunk > 0 || excel.queueHas("table.resize")) chunk++;
      if (chunk === 3) throw new ExcelApiError("InvalidOperationInCellEditMode", "edit mode");
      return sync();
    };
    const seen: [number, number][] = [];
    const first = workbook.writePlan(setup, { onProgress: (done, total) => seen.push([done, total]) });
    await expect(first).rejects.toThrow(/^Setup stopped after 2 of \d+ steps: Excel is editing a cell/);
    await expect(first).rejects.toThrow(/snapshot "Before setup [^"]+" \(taken just before\)/);
    expect(seen.map(([done]) => done)).toEqual([1, 2]);

    excel.reset();
    excel.context.sync = sync;
    seen.length = 0;
    await workbook.writePlan(setup, { onProgress: (done, total) => seen.push([done, total]) });
    // Resumed: no second snapshot, no re-read of the half-written tables, chunks 3.. only.
    expect(excel.calls.filter((call) => call.call === "worksheets.add")).toEqual([]);
    expect(seen[0][0]).toBe(3);
    expect(seen[seen.length - 1][0]).toBe(seen[0][1]);
    const plan = await readPlanOf(workbook);
    expect(plan.nodes).toHaveLength(602);
    expect(plan.entries.get("n5")?.values).toEqual([9, 9]);
  });

  it("stops between chunks when cancelled, and the same setup again finishes it", async () => {
    const excel = new RecordingExcel();
    const workbook = new ExcelPlanWorkbook(excel.run, 20_000);
    const setup = { settings: SETTINGS, nodes: many(600) };
    const controller = new AbortController();
    const cancelled = workbook.writePlan(setup, {
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 1) controller.abort();
      },
    });
    await expect(cancelled).rejects.toThrow(
      /^Setup cancelled after 1 of \d+ steps. Run the setup again to finish it.$/,
    );
    await workbook.writePlan(setup);
    expect((await readPlanOf(workbook)).nodes).toHaveLength(601);
  });
});
