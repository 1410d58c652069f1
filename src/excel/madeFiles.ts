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
  const top = await usedRows(context);
  const exists = top !== null;
  const worksheets = new SheetCache(context);
  const width = MADE_FILES.headers.length;
  const block = cellsBlock(
    MADE_FILES.sheet,
    Math.max(1, top ?? 0),
    0,
    rows,
    rows[0].map(() => GENERAL),
  );
  await writeBlocks(context, worksheets, [block], writeBudget, {
    first: () => {
      if (top !== null && top > 0) return;
      const target = exists ? worksheets.get(MADE_FILES.sheet) : worksheets.add(MADE_FILES.sheet);
      writeSlice(worksheets, { block: madeFilesHeader(), fromRow: 0, rowCount: 1 });
      target.tables.add(target.getRangeByIndexes(0, 0, 1 + rows.length, width), true).name = MADE_FILES.table;
    },
    last: () => undefined,
  });
}

/**
 * Rows in use on the GU Files sheet (0 when empty), or null without the sheet: one sync to find the
 * sheet, one for its used range (a null object's methods can't be queued before it is known).
 */
async function usedRows(context: Excel.RequestContext): Promise<number | null> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(MADE_FILES.sheet).load("name");
  await context.sync();
  if (sheet.isNullObject) return null;
  const used = context.workbook.worksheets.getItem(MADE_FILES.sheet).getUsedRangeOrNullObject(true).load("rowCount");
  await context.sync();
  return used.isNullObject ? 0 : used.rowCount;
}

export async function readMadeFiles(context: Excel.RequestContext): Promise<Map<string, MadeFile>> {
  const rowCount = await usedRows(context);
  if (rowCount === null || rowCount === 0) return new Map();
  const sheet = context.workbook.worksheets.getItem(MADE_FILES.sheet);
  const used = { rowCount };
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
