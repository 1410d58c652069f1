/**
 * The plan's record of contributor workbooks (GU Files) through the Excel adapter and in memory:
 * both must give back exactly what was recorded, however long the record and whatever its text.
 */
import type { MadeFile } from "../../src/core/sharing/madeFiles";
import { ExcelPlanWorkbook } from "../../src/excel/ExcelPlanWorkbook";
import type { PlanWorkbook } from "../../src/workbook/PlanWorkbook";
import { MemoryPlanWorkbook } from "../../src/workbook/memory/MemoryPlanWorkbook";
import { RecordingExcel } from "./support/RecordingExcel";
import { SETTINGS } from "../support/plan";

function file(fileId: string, owner: string, rows: number): MadeFile {
  return {
    fileId,
    owner,
    plan: "FY27",
    made: "2027-01-05T08:00:00.000Z",
    madeBy: "Cara",
    periods: ["Q1 2027", "Q2 2027"],
    rows: Array.from({ length: rows }, (_, i) => ({
      // Ids and comments Excel would turn into numbers, dates or formulas if written plainly.
      id: i % 3 === 0 ? `00${i}` : i % 3 === 1 ? `May ${i}` : `=N${i}`,
      values: [i, i % 2 === 0 ? null : -i / 4],
      comment: i % 5 === 0 ? "1/2" : "",
    })),
  };
}

const IMPLEMENTATIONS: [string, () => Promise<{ book: PlanWorkbook; syncs?: () => number }>][] = [
  [
    "Excel",
    async () => {
      const excel = new RecordingExcel();
      const book = new ExcelPlanWorkbook(excel.run);
      await book.writePlan({
        settings: SETTINGS,
        nodes: [{ id: "CO", parent: "", name: "Co", owner: "ann", attributes: {} }],
      });
      excel.reset();
      return { book, syncs: () => excel.syncs };
    },
  ],
  [
    "memory",
    async () => {
      const book = new MemoryPlanWorkbook();
      await book.writePlan({
        settings: SETTINGS,
        nodes: [{ id: "CO", parent: "", name: "Co", owner: "ann", attributes: {} }],
      });
      return { book };
    },
  ],
];

describe.each(IMPLEMENTATIONS)("GU Files in %s", (_name, open) => {
  test("no record before any file is made", async () => {
    const { book } = await open();
    expect((await book.readMadeFiles()).size).toBe(0);
  });

  test("records round-trip exactly, a long one split over several parts, appended file by file", async () => {
    const { book } = await open();
    const ann = file("a".repeat(32), "Ann", 3000);
    const bob = file("b".repeat(32), "Bob", 2);
    await book.recordMadeFiles([ann]);
    await book.recordMadeFiles([bob]);
    const read = await book.readMadeFiles();
    expect([...read.keys()]).toEqual([ann.fileId, bob.fileId]);
    expect(read.get(ann.fileId)).toEqual(ann);
    expect(read.get(bob.fileId)).toEqual(bob);
  });
});
