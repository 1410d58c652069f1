import { OfficeMockObject } from "office-addin-mock";
import type { CellRange } from "../../src/core/a1";
import { chainHashes } from "../../src/core/audit/chain";
import { asTextCell } from "../../src/core/plan/text";
import { SHEETS, buildPlanLayout } from "../../src/core/plan/layout";
import { detectHierarchy } from "../../src/core/plan/setupSource";
import type { AuditEntry, NodeEntry, PlanNode, PlanSettings } from "../../src/core/plan/types";
import { chunkBlocks, planReads, WRITE_BUDGET_BYTES } from "../../src/excel/chunks";
import { ExcelPlanWorkbook } from "../../src/excel/ExcelPlanWorkbook";
import { excelHasCellProperties } from "../../src/excel/run";
import { RecordingExcel, type WriteRecord } from "./support/RecordingExcel";
import { readPlanOf } from "../support/plan";

const EXCEL_ON_THE_WEB_LIMIT = 5 * 1024 * 1024;

const SETTINGS: PlanSettings = {
  name: "=FY27",
  metric: "Revenue",
  unit: "EUR",
  periods: ["Q1 2027", "Q2 2027"],
  decimals: 0,
  tolerance: 0.05,
  deadline: "2027-01-31",
  allowNegative: false,
};

function node(id: string, parent: string, name = id, owner = ""): PlanNode {
  return { id, parent, name, owner, attributes: {} };
}

const NODES = [
  node("UK", "EMEA", "=UK", "+ann"),
  node("CO", "", "Company", "ceo"),
  node("EMEA", "CO", "-EMEA-", "@bob"),
  node("DE", "EMEA", "Germany", "dirk"),
];

function audit(node: string, field: string, newValue: string, note = ""): AuditEntry {
  return {
    time: "2027-01-05T09:00:00.000Z",
    user: "ann",
    node,
    field,
    oldValue: "",
    newValue,
    note,
  };
}

function edit(
  read: NodeEntry,
  values: (number | null)[],
  status: NodeEntry["status"],
  stamp: string,
  user = "ann",
): NodeEntry {
  return { ...read, values, status, updatedAt: stamp, updatedBy: user };
}

function write(
  excel: RecordingExcel,
  sheet: string,
  address: string,
  kind: WriteRecord["kind"],
): WriteRecord | undefined {
  return excel.writes.find((w) => w.sheet === sheet && w.address === address && w.kind === kind);
}

describe("ExcelPlanWorkbook", () => {
  let excel: RecordingExcel;
  let workbook: ExcelPlanWorkbook;

  beforeEach(() => {
    excel = new RecordingExcel();
    workbook = new ExcelPlanWorkbook(excel.run);
  });

  describe("setting up a plan", () => {
    beforeEach(async () => {
      await workbook.writePlan({ settings: SETTINGS, nodes: NODES });
    });

    it("takes one sync to look around and one per write chunk", () => {
      expect(excel.syncs).toBe(2);
      expect(excel.callsIn(1)).toEqual(["tables.load", "worksheets.load"]);
      expect(excel.callsIn(2).filter((call) => call === "worksheets.add")).toHaveLength(7);
      expect(excel.calls.filter((call) => call.call === "table.name").map((call) => call.detail)).toEqual([
        "GuSettings",
        "GuHierarchy",
        "GuInputs",
        "GuTargets",
        "GuStatus",
        "GuAudit",
      ]);
    });

    it("writes user text so it stays text, with formats set before values", () => {
      expect(write(excel, SHEETS.hierarchy, "A2:D5", "values")?.data).toEqual([
        ["CO", "", "Company", "ceo"],
        ["EMEA", "CO", "'-EMEA-", "'@bob"],
        ["UK", "EMEA", "'=UK", "'+ann"],
        ["DE", "EMEA", "Germany", "dirk"],
      ]);
      expect(write(excel, SHEETS.settings, "A2:B12", "values")?.data.slice(0, 3)).toEqual([
        ["schemaVersion", 1],
        ["name", "'=FY27"],
        ["metric", "Revenue"],
      ]);
      const formats = excel.writes.findIndex(
        (w) => w.sheet === SHEETS.inputs && w.address === "A2:C5" && w.kind === "numberFormat",
      );
      const values = excel.writes.findIndex(
        (w) => w.sheet === SHEETS.inputs && w.address === "A2:C5" && w.kind === "values",
      );
      expect(formats).toBeGreaterThanOrEqual(0);
      expect(formats).toBeLessThan(values);
      expect(excel.writes[formats].data[0]).toEqual(["General", "#,##0", "#,##0"]);
      expect(write(excel, SHEETS.settings, "B7", "numberFormat")?.data).toEqual([["0.0%"]]);
      // What the cells hold afterwards: the text, not a formula.
      expect(excel.workbook.cell(SHEETS.hierarchy, 3, 2)).toEqual({ value: "=UK" });
    });

    it("writes the report as formulas and adds the tolerance rule", () => {
      // Every column one spilled formula, looked up by node id (src/core/plan/layout/report.ts).
      const spill = write(excel, SHEETS.report, "A4:R4", "formulas");
      expect([spill?.data[0][0], spill?.data[0][4]]).toEqual([
        `=BU.TREE('GU Hierarchy'!$A$2:$A$5&"",'GU Hierarchy'!$B$2:$B$5&"")`,
        `=BU.LEVEL($A$4:$A$7&"",$N$4:$N$7&"")`,
      ]);
      const rule = (bu: string, td: string, pct: string): string =>
        `Custom =IF(ISNUMBER(${td}),IF(${td}=0,IF(ISNUMBER(${bu}),${bu}<>0,FALSE()),` +
        `IF(ISNUMBER(${pct}),ABS(${pct})>'GU Settings'!$B$7+0.000000001,FALSE())),FALSE())`;
      expect(excel.calls.filter((call) => call.call === "conditionalFormats.add").map((call) => call.detail)).toEqual([
        rule("F4", "G4", "I4"),
        rule("J4", "K4", "M4"),
      ]);
      expect(
        excel.calls
          .filter((call) => ["range.clear", "conditionalFormats.clearAll"].includes(call.call))
          .map((call) => call.detail),
        // Last: the probe for dynamic arrays (right of the report) read and cleared (dynamicArrays.ts).
      ).toEqual(["'GU Report'!A1:XFD1048576 All", "GU Report", "'GU Report'!T1:T2 Contents"]);
    });

    it("reads back the plan it wrote", async () => {
      excel.reset();
      const plan = await readPlanOf(workbook);
      expect(excel.syncs).toBe(3);
      expect(plan.settings).toEqual(SETTINGS);
      expect(plan.nodes.map((n) => [n.id, n.name, n.owner])).toEqual([
        ["CO", "Company", "ceo"],
        ["EMEA", "-EMEA-", "@bob"],
        ["UK", "=UK", "+ann"],
        ["DE", "Germany", "dirk"],
      ]);
    });

    it("over an existing plan, clears and resizes its tables and keeps the inputs", async () => {
      const read = (await readPlanOf(workbook)).entries.get("UK") as NodeEntry;
      await workbook.saveEntries(
        [{ expected: read, next: edit(read, [120, 130], "Draft", "2027-01-05T09:00:00.000Z") }],
        [],
      );
      excel.reset();

      await workbook.writePlan({ settings: SETTINGS, nodes: [...NODES, node("FR", "EMEA")] });

      // Look around; a snapshot first (look around, locate, read, write); locate the three per-node
      // tables; read them in one chunk; write in one.
      expect(excel.syncs).toBe(8);
      expect((await workbook.listSnapshots()).map((info) => info.name)).toEqual([
        expect.stringMatching(/^Before setup \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      ]);
      expect(excel.calls.filter((call) => call.call === "table.resize").map((call) => call.detail)).toEqual([
        "GuSettings",
        "GuHierarchy",
        "GuInputs",
        "GuTargets",
        "GuStatus",
      ]);
      expect(excel.callsIn(4)).not.toContain("worksheet.tables.add");
      const plan = await readPlanOf(workbook);
      expect(plan.entries.get("UK")?.values).toEqual([120, 130]);
      expect(plan.nodes.map((n) => n.id)).toEqual(["CO", "EMEA", "UK", "DE", "FR"]);
    });
  });

  describe("saving a contributor's node", () => {
    let read: NodeEntry;

    beforeEach(async () => {
      await workbook.writePlan({ settings: SETTINGS, nodes: NODES });
      read = (await readPlanOf(workbook)).entries.get("UK") as NodeEntry;
      excel.reset();
    });

    it("reads and writes in 2 syncs, the audit entries appended first", async () => {
      const next = {
        ...edit(read, [120, 130], "Submitted", "2027-01-05T09:00:00.000Z"),
        comment: "=as discussed",
      };
      const entries = [audit("UK", "Q1 2027", "120"), audit("UK", "comment", "=as discussed", "-")];
      // Chained from "" (the new audit table's blank first row); a hash starting with a digit is sent as text.
      const hashes = chainHashes("", entries).map(asTextCell);
      const result = await workbook.saveEntries([{ expected: read, next }], entries);

      expect(result).toEqual({ ok: true });
      expect(excel.syncs).toBe(2);
      expect(excel.writes.filter((w) => w.sync === 1)).toEqual([]);
      // Co-authoring in Excel add-ins: the audit rows are set below the table, never TableRowCollection.add.
      expect(excel.callsIn(2)).not.toContain("table.rows.add");
      expect(excel.writes.map(({ sheet, address, kind, data }) => [sheet, address, kind, data])).toEqual([
        [
          SHEETS.audit,
          "A3:I4",
          "values",
          [
            ["'2027-01-05T09:00:00.000Z", "ann", "UK", "Q1 2027", "", "'120", "", "", hashes[0]],
            ["'2027-01-05T09:00:00.000Z", "ann", "UK", "comment", "", "'=as discussed", "'-", "", hashes[1]],
          ],
        ],
        [SHEETS.status, "B4:F4", "values", [["Submitted", "'=as discussed", "", "'2027-01-05T09:00:00.000Z", "ann"]]],
        [SHEETS.inputs, "B4:C4", "values", [[120, 130]]],
      ]);
      expect((await readPlanOf(workbook)).entries.get("UK")).toEqual(next);
      expect(await workbook.readAudit()).toEqual([
        audit("UK", "Q1 2027", "120"),
        audit("UK", "comment", "=as discussed", "-"),
      ]);
    });

    it.each(["+10% on plan", "-5 vs last year", "@bob to confirm"])(
      "keeps the comment %j as text, sent behind an apostrophe",
      async (comment) => {
        const next = { ...edit(read, [1, 2], "Draft", "2027-01-05T09:00:00.000Z"), comment };
        expect(await workbook.saveEntries([{ expected: read, next }], [])).toEqual({ ok: true });
        expect(write(excel, SHEETS.status, "B4:F4", "values")?.data[0][1]).toBe(`'${comment}`);
        expect((await readPlanOf(workbook)).entries.get("UK")?.comment).toBe(comment);
      },
    );

    it("writes nothing and returns the co-author's row when they changed a value since it was read", async () => {
      const coAuthor = new ExcelPlanWorkbook(excel.run);
      const theirRead = (await readPlanOf(coAuthor)).entries.get("UK") as NodeEntry;
      const theirs = edit(theirRead, [100, 100], "Draft", "2027-01-05T08:59:00.000Z", "manager");
      await coAuthor.saveEntries([{ expected: theirRead, next: theirs }], []);
      excel.reset();

      const mine = edit(read, [120, 130], "Draft", "2027-01-05T09:00:00.000Z");
      expect(await workbook.saveEntries([{ expected: read, next: mine }], [audit("UK", "Q1 2027", "120")])).toEqual({
        ok: false,
        conflicts: [{ id: "UK", mine, theirs }],
      });
      expect(excel.syncs).toBe(1);
      expect(excel.writes).toEqual([]);
    });

    it("conflicts on a status a co-author changed, with the same values", async () => {
      const submitted = edit(read, [120, 130], "Submitted", "2027-01-05T09:00:00.000Z");
      await workbook.saveEntries([{ expected: read, next: submitted }], []);
      const manager = new ExcelPlanWorkbook(excel.run);
      const approved = {
        ...submitted,
        status: "Approved" as const,
        updatedAt: "2027-01-05T10:00:00.000Z",
        updatedBy: "bob",
      };
      expect(await manager.saveEntries([{ expected: submitted, next: approved }], [])).toEqual({
        ok: true,
      });

      const draft = {
        ...submitted,
        status: "Draft" as const,
        updatedAt: "2027-01-05T10:01:00.000Z",
      };
      expect(await workbook.saveEntries([{ expected: submitted, next: draft }], [])).toEqual({
        ok: false,
        conflicts: [{ id: "UK", mine: draft, theirs: approved }],
      });
    });

    it("conflicts with no co-author row when the node was deleted, in at most 2 syncs", async () => {
      await new ExcelPlanWorkbook(excel.run).writePlan({
        settings: SETTINGS,
        nodes: NODES.filter((n) => n.id !== "UK"),
      });
      excel.reset();
      const mine = edit(read, [120, 130], "Draft", "2027-01-05T09:00:00.000Z");
      expect(await workbook.saveEntries([{ expected: read, next: mine }], [])).toEqual({
        ok: false,
        conflicts: [{ id: "UK", mine, theirs: null }],
      });
      expect(excel.syncs).toBeLessThanOrEqual(2);
      expect(excel.writes).toEqual([]);
    });

    it("finds the rows where a co-author's new setup moved them, in one more sync", async () => {
      await new ExcelPlanWorkbook(excel.run).writePlan({
        settings: SETTINGS,
        nodes: [node("CO", ""), node("AMER", "CO"), ...NODES.filter((n) => n.id !== "CO")],
      });
      excel.reset();
      const mine = edit(read, [120, 130], "Draft", "2027-01-05T09:00:00.000Z");

      expect(await workbook.saveEntries([{ expected: read, next: mine }], [])).toEqual({
        ok: true,
      });
      // Read the hinted rows (their ids no longer match), search the Id columns, read the rows found, write.
      expect(excel.syncs).toBe(4);
      expect(excel.writes.map((w) => [w.sheet, w.address])).toEqual([
        [SHEETS.status, "B5:F5"],
        [SHEETS.inputs, "B5:C5"],
      ]);
      expect((await readPlanOf(workbook)).entries.get("UK")).toEqual(mine);
    });

    it("takes 4 syncs in a workbook object that has not read the plan", async () => {
      const fresh = new ExcelPlanWorkbook(excel.run);
      expect(
        await fresh.saveEntries(
          [{ expected: read, next: edit(read, [1, 2], "Draft", "2027-01-05T09:00:00.000Z") }],
          [],
        ),
      ).toEqual({ ok: true });
      expect(excel.syncs).toBe(4);
    });

    it("saves top-down targets and their audit in 3 syncs: find, read the rows to check, write", async () => {
      await workbook.saveTopDown(
        [{ id: "CO", values: [1000, null], expected: null }],
        [audit("CO", "top-down Q1 2027", "1000")],
      );
      expect(excel.syncs).toBe(3);
      expect(write(excel, SHEETS.targets, "B2:C2", "values")?.data).toEqual([[1000, ""]]);
      expect((await readPlanOf(workbook)).topDown.get("CO")).toEqual([1000, null]);
      await expect(workbook.saveTopDown([{ id: "XX", values: [1, 1], expected: null }], [])).rejects.toThrow(
        `Node "XX" is not in the plan's hierarchy`,
      );
    });

    it("recreates the audit table if someone deleted it, after one failed look for its last row", async () => {
      excel.workbook.convertTableToRange("GuAudit");
      const next = edit(read, [1, 2], "Draft", "2027-01-05T09:00:00.000Z");
      await workbook.saveEntries([{ expected: read, next }], [audit("UK", "Q1 2027", "1")]);
      // The first sync read where this object last saw the table and failed, writing nothing; the
      // save then ran again as for a workbook without it.
      expect(excel.syncs).toBe(3);
      expect(excel.writes.filter((w) => w.sync < 3)).toEqual([]);
      expect(excel.callsIn(3).slice(0, 2)).toEqual(["worksheet.tables.add", "table.name"]);
      expect(await workbook.readAudit()).toEqual([audit("UK", "Q1 2027", "1")]);
    });
  });

  describe("a plan of 10,000 nodes with 12 periods", () => {
    const periods = Array.from({ length: 12 }, (_, i) => `P${i + 1}`);
    const settings = { ...SETTINGS, periods };
    const nodes: PlanNode[] = [node("root", "", "Company", "ceo")];
    for (let i = 1; i < 10_000; i++)
      nodes.push(node(`n${i}`, i < 100 ? "root" : `n${(i % 99) + 1}`, `Territory ${i}`, `owner${i % 250}`));
    const setup = { settings, nodes };
    const chunks = chunkBlocks(buildPlanLayout(setup, {}).blocks, WRITE_BUDGET_BYTES);

    it("is set up in 1 sync plus one per write chunk, each under Excel on the web's request limit", async () => {
      await workbook.writePlan(setup);
      expect(chunks.length).toBeGreaterThan(2);
      expect(excel.syncs).toBe(1 + chunks.length);
      expect(Math.max(...excel.payloads)).toBeLessThan(EXCEL_ON_THE_WEB_LIMIT);
      expect(Math.max(...excel.payloads)).toBeLessThanOrEqual(WRITE_BUDGET_BYTES);
      const hierarchyRows = excel.writes
        .filter((w) => w.sheet === SHEETS.hierarchy && w.kind === "values")
        .reduce((rows, w) => rows + w.data.length, 0);
      expect(hierarchyRows).toBe(1 + 10_000);

      // Setting up again reads the whole plan as it was (for the audit rows of what changed), the
      // tables in the order of PLAN_TABLES, and the audit table's last row along with them.
      const sizes = ["GuSettings", "GuHierarchy", "GuInputs", "GuTargets", "GuStatus"].map((name) => {
        const { rowCount, colCount } = (excel.workbook.table(name) as { range: CellRange }).range;
        return { rowCount, colCount };
      });
      expect(sizes.slice(2)).toEqual([
        { rowCount: 10_001, colCount: 13 },
        { rowCount: 10_001, colCount: 13 },
        { rowCount: 10_001, colCount: 6 },
      ]);
      excel.reset();
      await workbook.writePlan(setup);
      const reads = planReads(sizes);
      expect(reads.length).toBeGreaterThan(1);
      // The automatic snapshot comes first; after it, the setup's own syncs as before.
      const snapshotWrite = excel.calls.find(
        (call) => call.call === "worksheets.add" && call.detail === "GU Snapshot 1",
      );
      expect(snapshotWrite).toBeDefined();
      const lastSnapshotSync = Math.max(
        ...excel.calls
          .filter((call) => call.call === "range.values" && /GU Snapshot/.test(call.detail))
          .map((call) => call.sync),
      );
      expect(excel.syncs - lastSnapshotSync).toBe(1 + reads.length + chunks.length);

      excel.reset();
      const read = (await readPlanOf(workbook)).entries.get("n9999") as NodeEntry;
      excel.reset();
      await workbook.saveEntries(
        [
          {
            expected: read,
            next: edit(
              read,
              periods.map(() => 1),
              "Draft",
              "2027-01-05T09:00:00.000Z",
            ),
          },
        ],
        [audit("n9999", "P1", "1")],
      );
      expect(excel.syncs).toBe(2);
    });
  });

  describe("the capacity table", () => {
    beforeEach(async () => {
      await workbook.writePlan({ settings: SETTINGS, nodes: NODES });
      excel.reset();
    });

    it("is added in 2 syncs: headers as text, percent formats on attainment and ramps, its first cell selected", async () => {
      expect(await workbook.addTable("capacity")).toBe("added");
      expect(excel.syncs).toBe(2);
      expect(excel.calls.filter((call) => call.call === "table.name").map((call) => call.detail)).toEqual([
        "GuCapacity",
      ]);
      expect(write(excel, SHEETS.capacity, "A1:F1", "values")?.data).toEqual([
        ["Node", "Heads", "Quota per head", "Attainment", "Ramp Q1 2027", "Ramp Q2 2027"],
      ]);
      expect(write(excel, SHEETS.capacity, "A2:F2", "numberFormat")?.data).toEqual([
        ["General", "General", "#,##0", "0.0%", "0.0%", "0.0%"],
      ]);
      expect(excel.workbook.selection()).toMatchObject({ sheet: SHEETS.capacity, row: 1, col: 0 });

      excel.reset();
      expect(await workbook.addTable("capacity")).toBe("exists");
      expect(excel.callsIn(2)).not.toContain("worksheet.tables.add");
    });

    it("is read with the plan in the same 3 syncs, its rows numbered as in the sheet", async () => {
      const before = await readPlanOf(workbook);
      expect(before.capacity).toBeUndefined();
      await workbook.addTable("capacity");
      // Typed over the blank row and pasted below it: Excel grows the table over the pasted rows.
      excel.workbook.write({ sheet: SHEETS.capacity, row: 1, col: 0, rowCount: 1, colCount: 6 }, [
        ["DE", 2, 100, 0.9, "", ""],
      ]);
      excel.workbook.appendTableRows("GuCapacity", [["UK", "", "lots", "", 0.25, 0.5]]);
      excel.reset();

      const plan = await new ExcelPlanWorkbook(excel.run).readPlan();
      expect(excel.syncs).toBe(3);
      expect(plan?.capacity?.firstRow).toBe(2);
      expect(plan?.capacity?.rows).toEqual([
        { node: "DE", heads: 2, quota: 100, attainment: 0.9, ramp: ["", ""] },
        { node: "UK", heads: "", quota: "lots", attainment: "", ramp: [0.25, 0.5] },
      ]);
    });

    it("gives the report a capacity and coverage block when set up again, in the same syncs as without it", async () => {
      await workbook.addTable("capacity");
      excel.reset();
      await workbook.writePlan({ settings: SETTINGS, nodes: NODES });
      expect(excel.syncs).toBe(8);
      // Right of the lookup columns (A:R) and the probe column (T): capacity and coverage per period.
      const spill = write(excel, SHEETS.report, "U4:X4", "formulas");
      expect(spill?.data[0].slice(0, 2)).toEqual([
        `=BU.ROLLUP($A$4:$A$7&"",$N$4:$N$7&"",SUMIFS($Y$4,'GU Capacity'!$A$2,$A$4:$A$7))`,
        `=IF(IF(ISNUMBER($U$4:$U$7),$U$4:$U$7=0,FALSE()),IF(ISNUMBER($G$4:$G$7),"—",""),BU.VARIANCE($G$4:$G$7,$U$4:$U$7,"ratio"))`,
      ]);
      expect(excel.calls.filter((call) => call.call === "conditionalFormats.add")).toHaveLength(4);
    });

    it("is refused over a sheet of its name that has no such table, writing nothing", async () => {
      excel.workbook.addSheet(SHEETS.capacity);
      excel.reset();
      await expect(workbook.addTable("capacity")).rejects.toThrow(
        `A sheet named "GU Capacity" already exists without the capacity table`,
      );
      expect(excel.syncs).toBe(1);
    });
  });

  describe("navigation", () => {
    beforeEach(async () => {
      await workbook.writePlan({ settings: SETTINGS, nodes: NODES });
      excel.reset();
    });

    it("selects a node's row in the hierarchy sheet in 2 syncs", async () => {
      await workbook.selectNode("de");
      expect(excel.syncs).toBe(2);
      expect(excel.callsIn(2)).toEqual(["worksheet.activate", "range.select"]);
      expect(excel.workbook.selection()).toEqual({
        sheet: SHEETS.hierarchy,
        row: 4,
        col: 0,
        rowCount: 1,
        colCount: 4,
      });
      await expect(workbook.selectNode("XX")).rejects.toThrow(`Node "XX" is not in the plan's hierarchy`);
    });

    it("reports the node of the row the user selects, until unsubscribed", async () => {
      const seen: (string | null)[] = [];
      const unsubscribe = workbook.onSelectNode((id) => seen.push(id));
      await Promise.resolve();
      const select = async (sheet: string, row: number): Promise<void> => {
        excel.workbook.select({ sheet, row, col: 2, rowCount: 1, colCount: 1 });
        await new Promise((resolve) => setTimeout(resolve, 0));
      };
      // Excel computes the report's id column; the double is told the results.
      excel.workbook.setComputed(SHEETS.report, 3, 0, [["CO"], ["EMEA"], ["UK"], ["DE"]]);
      await select(SHEETS.hierarchy, 3);
      await select(SHEETS.report, 6);
      await select(SHEETS.inputs, 0);
      await select("Sheet1", 2);
      unsubscribe();
      await new Promise((resolve) => setTimeout(resolve, 0));
      await select(SHEETS.status, 2);
      expect(seen).toEqual(["UK", "DE", null, null]);
      expect(excel.calls.map((call) => call.call)).toContain("worksheets.onSelectionChanged.remove");
    });

    it("goes to a row of a setup source", async () => {
      excel.workbook.write({ sheet: "Sheet1", row: 0, col: 0, rowCount: 3, colCount: 2 }, [
        ["Id", "Parent"],
        ["A", ""],
        ["B", "A"],
      ]);
      excel.workbook.addTable("Org", { sheet: "Sheet1", row: 0, col: 0, rowCount: 3, colCount: 2 });
      await workbook.selectSourceRow({ kind: "table", name: "Org" }, 2);
      expect(excel.workbook.selection()).toEqual({
        sheet: "Sheet1",
        row: 1,
        col: 0,
        rowCount: 1,
        colCount: 2,
      });
      excel.reset();
      await workbook.selectSourceRow({ kind: "range", sheet: "Sheet1", address: "B2:C9" }, 8);
      expect(excel.syncs).toBe(1);
      expect(excel.workbook.selection()).toEqual({
        sheet: "Sheet1",
        row: 8,
        col: 1,
        rowCount: 1,
        colCount: 2,
      });
      await expect(workbook.selectSourceRow({ kind: "range", sheet: "Sheet1", address: "B2:C9" }, 9)).rejects.toThrow(
        "Row 9 is outside the source, which has 8 rows",
      );
    });

    it("reads the selection within the used cells, and the user's tables", async () => {
      excel.workbook.write({ sheet: "Sheet1", row: 1, col: 1, rowCount: 2, colCount: 2 }, [
        ["Id", "Name"],
        ["007", "'=x"],
      ]);
      excel.workbook.addTable("Org", { sheet: "Sheet1", row: 1, col: 1, rowCount: 2, colCount: 2 });
      excel.workbook.select({ sheet: "Sheet1", row: 0, col: 0, rowCount: 1_048_576, colCount: 3 });
      excel.reset();
      expect(await workbook.readSelection()).toEqual({
        ref: { kind: "range", sheet: "Sheet1", address: "B2:C3" },
        rows: [
          ["Id", "Name"],
          [7, "=x"],
        ],
        firstRow: 2,
      });
      expect(excel.syncs).toBe(2);
      expect(await workbook.listTables()).toEqual(["Org"]);
      expect(await workbook.readTable("Org")).toEqual({
        ref: { kind: "table", name: "Org" },
        rows: [
          ["Id", "Name"],
          [7, "=x"],
        ],
        firstRow: 2,
      });
    });

    it("places a selection of empty cells at its own first row", async () => {
      excel.workbook.select({ sheet: "Sheet1", row: 6, col: 2, rowCount: 3, colCount: 2 });
      expect(await workbook.readSelection()).toEqual({
        ref: { kind: "range", sheet: "Sheet1", address: "C7:D9" },
        rows: [],
        firstRow: 7,
      });
    });
  });
});

describe("ExcelPlanWorkbook reading a setup source", () => {
  let excel: RecordingExcel;
  let workbook: ExcelPlanWorkbook;

  beforeEach(() => {
    excel = new RecordingExcel();
    workbook = new ExcelPlanWorkbook(excel.run, WRITE_BUDGET_BYTES, excel.hasCellProperties);
  });

  const WHOLE_COLUMNS_A_TO_D = { sheet: "Sheet1", row: 0, col: 0, rowCount: 1_048_576, colCount: 4 };

  it.each<[string, CellRange, CellRange, string, number, string]>([
    [
      "whole columns A:D, data from row 3",
      WHOLE_COLUMNS_A_TO_D,
      { sheet: "Sheet1", row: 2, col: 0, rowCount: 4, colCount: 4 },
      "A3:D6",
      5,
      "Sheet1!A5:D5",
    ],
    [
      "A1:F20, data in B4:E7",
      { sheet: "Sheet1", row: 0, col: 0, rowCount: 20, colCount: 6 },
      { sheet: "Sheet1", row: 3, col: 1, rowCount: 4, colCount: 4 },
      "B4:E7",
      6,
      "Sheet1!B6:E6",
    ],
  ])(
    "goes to the sheet row a problem names in a selection of %s",
    async (_, selection, data, address, row, selected) => {
      excel.workbook.write(data, [
        ["Id", "Parent", "Name", "Owner"],
        ["CO", "", "Company", "ceo"],
        ["UK", "XX", "United Kingdom", "ann"],
        ["DE", "CO", "Germany", "dirk"],
      ]);
      excel.workbook.select(selection);
      const source = await workbook.readSelection();
      expect(source.ref).toEqual({ kind: "range", sheet: "Sheet1", address });
      expect(source.firstRow).toBe(data.row + 1);
      const problem = detectHierarchy(source.rows, { firstRow: source.firstRow }).problems[0];
      expect(problem.sourceIndex).toBe(2);
      expect(problem.row).toBe(row);
      expect(problem.message).toBe(`Parent "XX" of "UK" (row ${row}) is not in ids`);

      excel.reset();
      await workbook.selectSourceRow(source.ref, problem.sourceIndex + 1);
      expect(excel.calls.find((call) => call.call === "range.select")?.detail).toBe(selected);
      expect(excel.workbook.values(excel.workbook.selection())).toEqual([["UK", "XX", "United Kingdom", "ann"]]);
    },
  );

  it.each<[string, boolean, string[], [string, string][]]>([
    [
      "with ExcelApi 1.9, as two spaces a level",
      true,
      ["Territory", "World", "  EMEA", "    UK", "  APAC"],
      [
        ["World", ""],
        ["EMEA", "World"],
        ["UK", "EMEA"],
        ["APAC", "World"],
      ],
    ],
    [
      "without it (Excel 2016), as they are",
      false,
      ["Territory", "World", "EMEA", "UK", "APAC"],
      [
        ["World", ""],
        ["EMEA", ""],
        ["UK", ""],
        ["APAC", ""],
      ],
    ],
  ])("reads names indented with Excel's Indent button %s, in no more syncs", async (_, supported, names, tree) => {
    excel.cellProperties = supported;
    const range = { sheet: "Sheet1", row: 2, col: 0, rowCount: 5, colCount: 2 };
    excel.workbook.write(range, [
      ["Territory", "Owner"],
      ["World", "ceo"],
      ["EMEA", "mo"],
      ["UK", "ana"],
      ["APAC", "kei"],
    ]);
    excel.workbook.setIndentLevels(range, [
      [0, 0],
      [0, 0],
      [1, 0],
      [2, 0],
      [1, 0],
    ]);
    excel.workbook.addTable("Org", range);
    excel.workbook.select(WHOLE_COLUMNS_A_TO_D);
    const owners = ["Owner", "ceo", "mo", "ana", "kei"];

    const selection = await workbook.readSelection();
    expect(selection.rows).toEqual(names.map((name, i) => [name, owners[i]]));
    expect(excel.syncs).toBe(2);
    expect(excel.callsIn(2)).toEqual(supported ? ["range.load", "range.getCellProperties"] : ["range.load"]);
    expect(detectHierarchy(selection.rows).nodes.map((n) => [n.id, n.parent])).toEqual(tree);

    excel.reset();
    expect(await workbook.readTable("Org")).toEqual({
      ref: { kind: "table", name: "Org" },
      rows: selection.rows,
      firstRow: 3,
    });
    expect(excel.syncs).toBe(3);
  });

  it("keeps an indented number a number", async () => {
    const range = { sheet: "Sheet1", row: 0, col: 0, rowCount: 2, colCount: 2 };
    excel.workbook.write(range, [
      ["Name", "Weight"],
      ["EMEA", 3],
    ]);
    excel.workbook.setIndentLevels(range, [
      [0, 0],
      [1, 1],
    ]);
    excel.workbook.select(range);
    expect((await workbook.readSelection()).rows).toEqual([
      ["Name", "Weight"],
      ["  EMEA", 3],
    ]);
  });
});

describe("the Excel.run the add-in uses", () => {
  const global = globalThis as { Excel?: unknown; Office?: unknown };
  afterEach(() => {
    delete global.Excel;
    delete global.Office;
  });

  it.each<[string, string[] | null, boolean]>([
    ["an Excel with ExcelApi 1.9", ["1.1", "1.9"], true],
    ["Excel 2016 (ExcelApi 1.2)", ["1.1", "1.2"], false],
    ["no Office loaded", null, false],
  ])("reads indent levels only in %s", (_, versions, expected) => {
    if (versions !== null) {
      global.Office = {
        context: {
          requirements: {
            isSetSupported: (name: string, version: string): boolean =>
              name === "ExcelApi" && versions.includes(version),
          },
        },
      };
    }
    expect(excelHasCellProperties()).toBe(expected);
  });

  it("runs each step in Excel.run (checked against office-addin-mock)", async () => {
    const selected: string[] = [];
    const mock = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: {
            getItem: (name: string) => ({
              activate: () => selected.push(`activate ${name}`),
              getRangeByIndexes: (row: number, col: number, rows: number, cols: number) => ({
                select: () => selected.push(`select ${name} ${row},${col} ${rows}x${cols}`),
              }),
            }),
          },
        },
      },
      run: async function (batch: (context: unknown) => Promise<unknown>) {
        return batch((this as { context: unknown }).context);
      },
    });
    global.Excel = mock;
    await new ExcelPlanWorkbook().selectSourceRow({ kind: "range", sheet: "Data", address: "A1:F20" }, 3);
    expect(selected).toEqual(["activate Data", "select Data 2,0 1x6"]);
  });
});
