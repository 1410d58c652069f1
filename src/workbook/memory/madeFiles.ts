import { blockInputs, blockRange, toCellInput } from "../../core/plan/layout";
import {
  MADE_FILES,
  madeFileRows,
  madeFilesHeader,
  readMadeFiles as readMadeFilesGrid,
  type MadeFile,
} from "../../core/sharing/madeFiles";
import type { MemoryWorkbook } from "./MemoryWorkbook";

/** Appends the files' records to GU Files, creating the sheet and table the first time. */
export function recordMadeFiles(workbook: MemoryWorkbook, files: readonly MadeFile[]): void {
  const rows = madeFileRows(files).map((row) => row.map(toCellInput));
  if (rows.length === 0) return;
  if (workbook.table(MADE_FILES.table) !== undefined) {
    workbook.appendTableRows(MADE_FILES.table, rows);
    return;
  }
  const header = madeFilesHeader();
  if (!workbook.hasSheet(header.sheet)) workbook.addSheet(header.sheet);
  const range = blockRange(header);
  workbook.addTable(MADE_FILES.table, { ...range, rowCount: 1 + rows.length });
  workbook.write(range, blockInputs(header));
  workbook.write({ ...range, row: 1, rowCount: rows.length }, rows);
}

/** Every recorded file, by file id key. */
export function readMadeFiles(workbook: MemoryWorkbook): Map<string, MadeFile> {
  const table = workbook.table(MADE_FILES.table);
  if (table === undefined) return new Map();
  const [headers, ...rows] = workbook.values(table.range);
  return readMadeFilesGrid({ headers, rows });
}
