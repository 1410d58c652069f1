import ExcelJS from "exceljs";
import type { NodeEntry, Plan } from "../../../src/core/plan/types";
import {
  previewCollect,
  readReturnedFile,
  type CollectChange,
  type CollectPreview,
} from "../../../src/core/sharing/collect";
import { splitPlan } from "../../../src/core/sharing/split";
import { MemoryPlanWorkbook } from "../../../src/workbook/memory/MemoryPlanWorkbook";
import { editFile, makePlan, targetCell } from "./fixture";

const MADE = "2027-01-05T08:00:00.000Z";
const COLLECTED = "2027-01-09T15:00:00.000Z";
const OPTIONS = { now: COLLECTED, collectedBy: "Cara", locale: "en-US" };

/** The fixture plan in an in-memory workbook, as a manager's workbook holds it. */
async function planWorkbook(): Promise<MemoryPlanWorkbook> {
  const plan = makePlan();
  const workbook = new MemoryPlanWorkbook();
  await workbook.writePlan({ settings: plan.settings, nodes: plan.nodes });
  await workbook.saveEntries(
    [...plan.entries.values()]
      .filter((entry) => entry.status !== "Not started")
      .map((next) => ({ expected: null, next })),
    [],
  );
  await workbook.saveTopDown([{ id: "CO", values: [1000, 1200], expected: null }], []);
  return workbook;
}

async function planOf(workbook: MemoryPlanWorkbook): Promise<Plan> {
  return (await workbook.readPlan()) as Plan;
}

async function fileFor(plan: Plan, owner: string): Promise<Uint8Array> {
  const [file] = await splitPlan(plan, [owner], { now: MADE });
  return file.data;
}

async function preview(plan: Plan, files: [string, Uint8Array][]): Promise<CollectPreview> {
  const read = await Promise.all(
    files.map(async ([fileName, data]) => ({ fileName, read: await readReturnedFile(data) })),
  );
  return previewCollect(plan, read, OPTIONS);
}

const OUTSIDE = (cell: string): string =>
  `${cell}: only the input cells of your own nodes can be changed; this edit is ignored`;

function summary(changes: readonly CollectChange[]): (string | number | null)[][] {
  return changes.map((change) => [change.id, change.field, change.before, change.after, change.reason ?? "accepted"]);
}

describe("collecting a returned contributor workbook", () => {
  let workbook: MemoryPlanWorkbook;
  let plan: Plan;

  beforeEach(async () => {
    workbook = await planWorkbook();
    plan = await planOf(workbook);
  });

  test("applies exactly the allowed edits and reports every other one with its reason", async () => {
    const returned = await editFile(await fileFor(plan, "Ann"), (book) => {
      targetCell(book, "UK", "Q1 2027").value = 120; // allowed
      targetCell(book, "UK", "Q2 2027").value = { formula: "100+20", result: 120 }; // a formula typed in
      targetCell(book, "APAC", "Q1 2027").value = 300; // allowed
      targetCell(book, "APAC", "Q2 2027").value = "310 EUR"; // text
      targetCell(book, "APAC", "Comment").value = "New market"; // allowed
      targetCell(book, "JP", "Q1 2027").value = 999; // Kim's row
      targetCell(book, "FR", "Q1 2027").value = 60; // approved
      (book.getWorksheet("Report") as ExcelJS.Worksheet).getCell("C5").value = 5; // outside the inputs
    });

    const result = await preview(plan, [["FY27 targets - Ann.xlsx", returned]]);

    expect(result.files[0]).toMatchObject({
      fileName: "FY27 targets - Ann.xlsx",
      owner: "Ann",
      made: MADE,
      error: null,
    });
    expect(summary(result.files[0].changes)).toEqual([
      ["UK", "Q1 2027", 100, 120, "accepted"],
      ["UK", "Q2 2027", 110, "=100+20", "A formula (=100+20) can't be collected; type the number itself"],
      ["UK", "status", "Draft", "Submitted", "accepted"],
      ["UK", "Report!C5", "=SUM('Targets'!E6:E6)", 5, OUTSIDE("Report!C5")],
      ["FR", "Q1 2027", 50, 60, "These targets are approved and locked; ask your manager to reopen them"],
      ["APAC", "Q1 2027", null, 300, "accepted"],
      ["APAC", "Q2 2027", null, "310 EUR", `"310 EUR" is text, not a number`],
      ["APAC", "comment", "", "New market", "accepted"],
      ["APAC", "status", "Not started", "Draft", "accepted"],
      ["JP", "Q1 2027", 40, 999, "Japan belongs to Kim; Ann can't change it"],
    ]);
    expect([result.accepted, result.rejected]).toEqual([3, 5]);

    expect(await workbook.saveEntries(result.entries, result.audit)).toEqual({ ok: true });
    const after = await planOf(workbook);
    const values = (id: string): NodeEntry => after.entries.get(id) as NodeEntry;
    expect(values("UK")).toMatchObject({
      values: [120, 110],
      status: "Submitted",
      updatedBy: "Ann",
      updatedAt: COLLECTED,
    });
    expect(values("APAC")).toMatchObject({ values: [300, null], status: "Draft", comment: "New market" });
    for (const id of ["CO", "EMEA", "DE", "FR", "JP"]) expect(values(id)).toEqual(plan.entries.get(id));

    const audit = await workbook.readAudit();
    expect(audit.map((entry) => [entry.node, entry.field, entry.oldValue, entry.newValue])).toEqual([
      ["UK", "Q1 2027", "100", "120"],
      ["UK", "status", "Draft", "Submitted"],
      ["APAC", "Q1 2027", "", "300"],
      ["APAC", "status", "Not started", "Draft"],
      ["APAC", "comment", "", "New market"],
    ]);
    expect(new Set(audit.map((entry) => entry.note))).toEqual(
      new Set([
        `Submit from file "FY27 targets - Ann.xlsx", collected by Cara`,
        `Save draft from file "FY27 targets - Ann.xlsx", collected by Cara`,
      ]),
    );
    expect(audit.every((entry) => entry.user === "Ann" && entry.time === COLLECTED)).toBe(true);
  });

  test("an unedited file has no changes, and none of its cells count as edits", async () => {
    const returned = await editFile(await fileFor(plan, "Ann"), () => undefined);
    const result = await preview(plan, [["ann.xlsx", returned]]);
    expect(result.files[0]).toMatchObject({ error: null, notes: [], changes: [] });
    expect([result.entries, result.audit, result.rejected]).toEqual([[], [], 0]);
  });

  test("edits outside the owner's input cells are reported with the sheet and cell, and never applied", async () => {
    const returned = await editFile(await fileFor(plan, "Ann"), (book) => {
      (book.getWorksheet("Report") as ExcelJS.Worksheet).getCell("C5").value = 5; // a report formula
      targetCell(book, "UK", "Name").value = "Britain"; // a locked column of Ann's own row
      targetCell(book, "APAC", "Status").value = "Approved"; // a locked column: status
      targetCell(book, "JP", "Owner").value = "Ann"; // taking over Kim's node
      targetCell(book, "JP", "Q2 2027").value = 1; // a locked period cell of Kim's row
      (book.getWorksheet("Settings") as ExcelJS.Worksheet).getCell("B6").value = "Yes"; // negatives allowed?
      (book.getWorksheet("Targets") as ExcelJS.Worksheet).getCell("A1").value = "My targets"; // the title
      (book.getWorksheet("Report") as ExcelJS.Worksheet).getCell("Z40").value = "note"; // a blank cell
    });

    const result = await preview(plan, [["ann.xlsx", returned]]);

    expect(summary(result.files[0].changes)).toEqual([
      ["UK", "Targets!B6", "United Kingdom", "Britain", OUTSIDE("Targets!B6")],
      ["UK", "Report!C5", "=SUM('Targets'!E6:E6)", 5, OUTSIDE("Report!C5")],
      ["APAC", "Targets!D8", "Not started", "Approved", OUTSIDE("Targets!D8")],
      ["JP", "Q2 2027", 45, 1, "Japan belongs to Kim; Ann can't change it"],
      ["JP", "Targets!C9", "Kim", "Ann", OUTSIDE("Targets!C9")],
      ["", "Targets!A1", "FY27 targets: targets of Ann", "My targets", OUTSIDE("Targets!A1")],
      ["", "Report!Z40", null, "note", OUTSIDE("Report!Z40")],
      ["", "Settings!B6", "No", "Yes", OUTSIDE("Settings!B6")],
    ]);
    expect(result.files[0].changes.every((change) => !change.accepted)).toBe(true);
    expect([result.accepted, result.rejected]).toEqual([0, 8]);
    expect([result.entries, result.audit]).toEqual([[], []]);

    expect(await workbook.saveEntries(result.entries, result.audit)).toEqual({ ok: true });
    expect(await planOf(workbook)).toEqual(plan);
    expect(await workbook.readAudit()).toEqual([]);
  });

  test.each([
    [-5, "Negative targets are not allowed in this plan"],
    [10.5, "Enter a whole number, like 12,500"],
  ])("refuses %p, which breaks the plan's rules", async (value, reason) => {
    const returned = await editFile(await fileFor(plan, "Ann"), (book) => {
      targetCell(book, "UK", "Q1 2027").value = value;
    });
    const result = await preview(plan, [["ann.xlsx", returned]]);
    expect(summary(result.files[0].changes)).toEqual([["UK", "Q1 2027", 100, value, reason]]);
    expect(result.entries).toEqual([]);
  });

  test("changes only what the owner changed, not what others changed in the plan since the file was made", async () => {
    const file = await fileFor(plan, "Ann");
    const uk = plan.entries.get("UK") as NodeEntry;
    const meanwhile = { ...uk, values: [105, 115], updatedAt: "2027-01-06T09:00:00.000Z", updatedBy: "Ann" };
    await workbook.saveEntries([{ expected: uk, next: meanwhile }], []);
    const returned = await editFile(file, (book) => {
      targetCell(book, "UK", "Q1 2027").value = 120; // changed in the plan too: refused
      targetCell(book, "APAC", "Q1 2027").value = 7; // untouched in the plan: accepted
    });

    const result = await preview(await planOf(workbook), [["ann.xlsx", returned]]);
    // UK's Q2 in the file is still 110, as made: that is not a change back from 115.
    expect(summary(result.files[0].changes)).toEqual([
      ["UK", "Q1 2027", 105, 120, "Changed in the plan since this file was made (it is now 105); collect a newer file"],
      ["APAC", "Q1 2027", null, 7, "accepted"],
      ["APAC", "status", "Not started", "Draft", "accepted"],
    ]);
  });

  test("without its marker, a file is matched by the owner column and compared with the plan as it is", async () => {
    const returned = await editFile(await fileFor(plan, "Ann"), (book) => {
      book.removeWorksheet((book.getWorksheet("Groundup") as ExcelJS.Worksheet).id);
      targetCell(book, "APAC", "Q1 2027").value = 1;
      targetCell(book, "APAC", "Q2 2027").value = 2;
    });
    const result = await preview(plan, [["ann.xlsx", returned]]);
    expect(result.files[0]).toMatchObject({ owner: "Ann", made: null, error: null });
    expect(summary(result.files[0].changes)).toEqual([
      ["APAC", "Q1 2027", null, 1, "accepted"],
      ["APAC", "Q2 2027", null, 2, "accepted"],
      ["APAC", "status", "Not started", "Submitted", "accepted"],
    ]);
  });

  test("a node changed by two files is taken from the first only", async () => {
    const edit = (value: number) => (book: ExcelJS.Workbook) => {
      targetCell(book, "APAC", "Q1 2027").value = value;
    };
    const file = await fileFor(plan, "Ann");
    const result = await preview(plan, [
      ["first.xlsx", await editFile(file, edit(1))],
      ["second.xlsx", await editFile(file, edit(2))],
    ]);
    expect(summary(result.files[1].changes)).toEqual([
      ["APAC", "Q1 2027", null, 2, `Also changed by the file "first.xlsx"; collect that file on its own first`],
    ]);
    expect(result.entries.map(({ next }) => next.values)).toEqual([[1, null]]);
  });

  test("rows and columns that are not the plan's are reported, not collected", async () => {
    const returned = await editFile(await fileFor(plan, "Ann"), (book) => {
      const sheet = book.getWorksheet("Targets") as ExcelJS.Worksheet;
      sheet.getCell("H5").value = "Q3 2027";
      sheet.getCell("H6").value = 5;
      sheet.getRow(10).values = ["XX", "Atlantis", "Ann", "Draft", 5, 5];
      sheet.getRow(11).values = ["", "", "", "", 9];
      sheet.getRow(12).values = ["UK", "United Kingdom", "Ann", "Draft", 1, 1];
    });
    const result = await preview(plan, [["ann.xlsx", returned]]);
    expect(result.files[0].notes).toEqual([
      `Column "Q3 2027" is not a period of the plan; its values are ignored`,
      "Row 11 has values but no id",
      "Row 12: UK is already on row 6; this row is ignored",
    ]);
    expect(summary(result.files[0].changes)).toEqual([
      ["XX", "Q1 2027", null, 5, `There is no node "XX" in the plan`],
      ["XX", "Q2 2027", null, 5, `There is no node "XX" in the plan`],
    ]);
  });

  test("a file made for another plan is refused whole", async () => {
    const other = await fileFor({ ...plan, settings: { ...plan.settings, name: "FY26 targets" } }, "Ann");
    const result = await preview(plan, [["old.xlsx", other]]);
    expect(result.files[0]).toMatchObject({
      error: `This file belongs to the plan "FY26 targets", not "FY27 targets"`,
      changes: [],
    });
    expect(result.entries).toEqual([]);
  });
});

describe("a returned file that can't be read gives a clear message and changes nothing", () => {
  async function realFile(): Promise<Uint8Array> {
    return fileFor(makePlan(), "Ann");
  }

  async function otherWorkbook(): Promise<Uint8Array> {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("Data").getCell("A1").value = "Sales";
    return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
  }

  async function hiddenTargets(): Promise<Uint8Array> {
    return editFile(await realFile(), (book) => {
      (book.getWorksheet("Targets") as ExcelJS.Worksheet).state = "hidden";
    });
  }

  const cfb = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);

  test.each<[string, () => Promise<Uint8Array>, string]>([
    ["empty", async () => new Uint8Array(0), "The file is empty"],
    [
      "password-protected",
      async () => cfb,
      "The file is password-protected (or an old .xls file); remove the password, save it as .xlsx and try again",
    ],
    ["not a workbook", async () => new TextEncoder().encode("Id,Q1\nUK,5\n"), "This is not an Excel workbook (.xlsx)"],
    [
      "a zip of something else",
      async () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
      "This is not an Excel workbook (.xlsx)",
    ],
    [
      "damaged",
      async () => {
        // Cut short in transfer: the zip's directory at the end is missing.
        const data = await realFile();
        return data.slice(0, data.length - 200);
      },
      "The file is damaged and can't be read as a workbook",
    ],
    [
      "someone else's workbook",
      otherWorkbook,
      `This workbook was not made by Groundup's "Share"; it has no "Targets" sheet with an Id column`,
    ],
    [
      "its Targets sheet hidden",
      hiddenTargets,
      `This workbook was not made by Groundup's "Share"; it has no "Targets" sheet with an Id column`,
    ],
  ])("%s", async (_what, make, message) => {
    const data = await make();
    const read = await readReturnedFile(data);
    expect(read).toEqual({ ok: false, message });
    const result = previewCollect(makePlan(), [{ fileName: "returned.xlsx", read }], OPTIONS);
    expect(result.files[0]).toEqual({
      fileName: "returned.xlsx",
      owner: null,
      made: null,
      error: message,
      notes: [],
      changes: [],
    });
    expect([result.entries, result.audit]).toEqual([[], []]);
  });
});
