/** Setup sources: the selection or a table read as values, and going to one of their rows. */
import { parseAddress, type CellRange } from "../core/a1";
import { layoutMessages } from "../core/messages";
import { isPlanTable } from "../core/plan/layout";
import type { SourceRef, SourceTable } from "../workbook/PlanWorkbook";
import { rangeSourceCells, selectedCells, sourceRow } from "../workbook/sources";
import { readRanges, readTables, tableNames } from "./tableReads";

/** The selection's cells in use; `hasIndents` tells whether to read indents (see `readRanges`). */
export async function readSelection(context: Excel.RequestContext, hasIndents: () => boolean): Promise<SourceTable> {
  const selected = context.workbook.getSelectedRange();
  selected.load("address");
  const used = selected.worksheet.getUsedRangeOrNullObject(true);
  used.load("address");
  await context.sync();
  const { cells, ref, firstRow } = selectedCells(
    parseAddress(selected.address) as CellRange,
    used.isNullObject ? null : (parseAddress(used.address) as CellRange),
  );
  if (cells === null) return { ref, rows: [], firstRow };
  const [rows] = await readRanges(context, [cells], hasIndents());
  return { ref, rows, firstRow };
}

/** The workbook's tables other than the plan's own. */
export async function listTables(context: Excel.RequestContext): Promise<string[]> {
  const tables = context.workbook.tables.load("items/name");
  await context.sync();
  return tables.items.map((table) => table.name).filter((name) => !isPlanTable(name));
}

/** The table's cells, header row first; `hasIndents` as in `readSelection`. */
export async function readTable(
  context: Excel.RequestContext,
  name: string,
  hasIndents: () => boolean,
): Promise<SourceTable> {
  const existing = await tableNames(context);
  if (!existing.has(name.toLowerCase())) throw new Error(layoutMessages.noSuchTable(name));
  const [table] = await readTables(context, [name], hasIndents());
  // The body starts on the 0-based row `top`, so the header is on the 1-based row `top`.
  return {
    ref: { kind: "table", name },
    rows: [table.grid.headers, ...table.grid.rows],
    firstRow: table.place.top,
  };
}

/** Selects row `row` (1-based, header included) of the source. */
export async function selectSourceRow(context: Excel.RequestContext, source: SourceRef, row: number): Promise<void> {
  let range: CellRange;
  if (source.kind === "table") {
    const tableRange = context.workbook.tables.getItem(source.name).getRange().load("address");
    await context.sync();
    range = parseAddress(tableRange.address) as CellRange;
  } else {
    range = rangeSourceCells(source);
  }
  const target = sourceRow(range, row);
  const sheet = context.workbook.worksheets.getItem(target.sheet);
  sheet.activate();
  sheet.getRangeByIndexes(target.row, target.col, target.rowCount, target.colCount).select();
  await context.sync();
}
