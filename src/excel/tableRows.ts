/**
 * Rows of a plan table addressed through the table, never through its sheet's name and a guessed
 * sheet row: a user may rename the sheet, move the table, sort it or insert rows into it while the
 * pane is open, and a co-author may do the same. Every row is checked by its id before it is
 * trusted (see saveEntries.ts), and rows are appended the way Microsoft's "Coauthoring in Excel
 * add-ins" page asks: values set on the rows right below the table, which Excel's AutoCorrect
 * makes part of it, never `TableRowCollection.add` (that makes co-authors' Excel show a
 * merge-conflict bar, and recent changes may be lost).
 */
import { idKey } from "../core/cell";
import { ID_HEADER, findColumn, runInputs, type CellInput, type ColumnWrite } from "../core/plan/layout";
import { excelMessages } from "./messages";

/**
 * Body row `row` (0-based) of the table, as wide as the table: an offset from its header row
 * (ExcelApi 1.1), so that a row the table no longer has is still a range and only its id tells.
 */
export function bodyRow(context: Excel.RequestContext, table: string, row: number): Excel.Range {
  return context.workbook.tables
    .getItem(table)
    .getHeaderRowRange()
    .getOffsetRange(row + 1, 0);
}

/** The table's header cells and body row count, read in the sync the caller makes. */
export interface TableShape {
  readonly headers: readonly unknown[];
  readonly rowCount: number;
}

/** Queues the reads of a table's header row and body size (a few hundred bytes at any size). */
export function readShape(context: Excel.RequestContext, table: string): () => TableShape {
  const item = context.workbook.tables.getItem(table);
  const header = item.getHeaderRowRange().load("values");
  const body = item.getDataBodyRange().load("rowCount");
  return () => ({ headers: header.values[0], rowCount: body.rowCount });
}

/** Whether `cells` (a body row as read) is the row of `id`, by the table's Id column. */
export function rowHolds(cells: readonly unknown[] | undefined, headers: readonly unknown[], id: string): boolean {
  if (cells === undefined) return false;
  const key = idKey(cells[findColumn(headers, ID_HEADER)]);
  return key !== undefined && key === idKey(id);
}

/**
 * Queues one node's cells into body row `row` of the table, one range per run of adjacent
 * columns, and a read of that row's id cell after the write, so the caller can check, once the
 * batch ran, that the row still held that node when it was written.
 */
export function writeBodyRow(
  context: Excel.RequestContext,
  table: string,
  headers: readonly unknown[],
  row: number,
  writes: readonly ColumnWrite[],
): () => unknown {
  const line = bodyRow(context, table, row);
  for (const run of runInputs(writes)) {
    line.getCell(0, run.col).getResizedRange(0, run.inputs.length - 1).values = [run.inputs];
  }
  const id = line.getCell(0, findColumn(headers, ID_HEADER)).load("values");
  return () => id.values[0][0];
}

/** Checks, after the batch ran, that each written row still held its node; throws naming the first that did not. */
export function checkWrittenIds(table: string, written: readonly { id: string; read: () => unknown }[]): void {
  for (const { id, read } of written) {
    if (idKey(read()) !== idKey(id)) throw new Error(excelMessages.rowMoved(table, id));
  }
}

/** What `appendRows` queued: call `check` after the sync. */
export interface Append {
  /** Throws if the table did not grow over the rows or they do not hold the ids; returns the first new body row. */
  readonly check: () => number;
}

/**
 * Queues `rows` (full table rows; `keys` what their column `keyColumn` holds: the ids) onto the rows right below the
 * table, in one range write, and the reads that tell whether Excel made them part of the table:
 * the body's size before and after, and the Id cells as they are now. Excel grows a table over
 * values set right below it unless the cells below hold data validation or the user turned
 * AutoCorrect's "include new rows" off ("Coauthoring in Excel add-ins", Additional requirements);
 * `check` then says so. The caller makes sure the rows below are empty first (`readBelow`).
 */
export function appendRows(
  context: Excel.RequestContext,
  table: string,
  keyColumn: number,
  rows: readonly (readonly CellInput[])[],
  keys: readonly string[],
): Append {
  const item = (): Excel.Table => context.workbook.tables.getItem(table);
  const before = item().getDataBodyRange().load("rowCount");
  const target = item().getDataBodyRange().getRowsBelow(rows.length);
  target.values = rows.map((row) => [...row]);
  const after = item().getDataBodyRange().load("rowCount");
  const written = target.getColumn(keyColumn).load("values");
  return {
    check: () => {
      const grown = after.rowCount === before.rowCount + rows.length;
      const same = keys.every((key, i) => idKey(written.values[i]?.[0]) === idKey(key));
      if (!grown || !same) throw new Error(excelMessages.tableDidNotGrow(table));
      return before.rowCount;
    },
  };
}

/** Queues a read of the `count` rows right below the table; `empty` says, after the sync, whether they hold nothing. */
export function readBelow(context: Excel.RequestContext, table: string, count: number): { empty: () => boolean } {
  const below = context.workbook.tables.getItem(table).getDataBodyRange().getRowsBelow(count).load("values");
  return { empty: () => below.values.every((row) => row.every((cell) => cell === "" || cell === null)) };
}
