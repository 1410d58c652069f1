/**
 * The plan's record of contributor workbooks made (src/core/sharing/madeFiles.ts) in Excel.
 * Rows are appended by writing values directly below the table rather than `TableRowCollection.add`,
 * which Microsoft's "Coauthoring in Excel add-ins" page lists as a cause of merge conflicts
 * (https://learn.microsoft.com/office/dev/add-ins/excel/co-authoring-in-excel-add-ins). Reading
 * takes the sheet's used range, so a table that did not grow over the new rows loses nothing.
 */
import { cellsBlock, GENERAL } from "../core/plan/layout";
import {
  MADE_FILES,
  RECORD_CHUNK,
  madeFileRows,
  madeFilesHeader,
  readMadeFiles as readMadeFilesGrid,
  type MadeFile,
} from "../core/sharing/madeFiles";
import { SheetCache, writeBlocks, writeSlice } from "./sheetWrites";

/** Rows of GU Files per read request: each holds up to `RECORD_CHUNK` characters, under the 5 MB limit. */
const READ_ROWS = Math.floor(2_000_000 / (RECORD_CHUNK + 200));

export async function recordMadeFiles(
  context: Excel.RequestContext,
  files: readonly MadeFile[],
  writeBudget: number,
): Promise<void> {
  const rows = madeFileRows(files);
  if (rows.length === 0) return;
  const sheet = context.workbook.worksheets.getItemOrNullObject(MADE_FILES.sheet).load("name");
  const used = sheet.getUsedRangeOrNullObject(true).load("rowCount");
  await context.sync();
  const exists = !sheet.isNullObject;
  const top = exists && !used.isNullObject ? used.rowCount : 0;
  const worksheets = new SheetCache(context);
  const width = MADE_FILES.headers.length;
  const block = cellsBlock(
    MADE_FILES.sheet,
    Math.max(1, top),
    0,
    rows,
    rows[0].map(() => GENERAL),
  );
  await writeBlocks(context, worksheets, [block], writeBudget, {
    first: () => {
      if (top > 0) return;
      const target = exists ? worksheets.get(MADE_FILES.sheet) : worksheets.add(MADE_FILES.sheet);
      writeSlice(worksheets, { block: madeFilesHeader(), fromRow: 0, rowCount: 1 });
      target.tables.add(target.getRangeByIndexes(0, 0, 1 + rows.length, width), true).name = MADE_FILES.table;
    },
    last: () => undefined,
  });
}

export async function readMadeFiles(context: Excel.RequestContext): Promise<Map<string, MadeFile>> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(MADE_FILES.sheet);
  const used = sheet.getUsedRangeOrNullObject(true).load("rowCount");
  await context.sync();
  if (sheet.isNullObject || used.isNullObject) return new Map();
  const width = MADE_FILES.headers.length;
  const values: unknown[][] = [];
  for (let from = 0; from < used.rowCount; from += READ_ROWS) {
    const range = sheet.getRangeByIndexes(from, 0, Math.min(READ_ROWS, used.rowCount - from), width).load("values");
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per read chunk, each under the response limit
    await context.sync();
    for (const row of range.values) values.push(row);
  }
  const [headers, ...rows] = values;
  return readMadeFilesGrid({ headers: headers ?? [], rows });
}
