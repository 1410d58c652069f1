/** Finding and reading tables: which exist, where they are, their cells, their Id column. */
import { parseAddress, type CellRange } from "../core/a1";
import { ID_HEADER, TABLES, type PlanGrids, type PlanTable, type TableGrid } from "../core/plan/layout";
import { withIndents } from "../core/plan/sourceIndent";
import { planReads, READ_BUDGET_CELLS, READ_BUDGET_CELLS_WITH_INDENTS } from "./chunks";

/** A table's body located in the sheet, with its header cells. */
interface TablePlace {
  readonly sheet: string;
  /** 0-based sheet row of the first body row */
  readonly top: number;
  /** 0-based sheet column of the table's first column */
  readonly left: number;
  readonly headers: readonly unknown[];
}

export interface ReadTable {
  readonly place: TablePlace;
  readonly grid: TableGrid;
}

/** A plan table's header cells and its Id column, read through the table (see `locate`). */
export interface Located {
  readonly headers: readonly unknown[];
  /** The Id column's cells, one row each. */
  readonly ids: readonly (readonly unknown[])[];
}

/**
 * Table and sheet names in the workbook, lower case, and the sheet each table is on (as named
 * now: the user may have renamed it). One sync.
 */
export async function tableAndSheetNames(
  context: Excel.RequestContext,
): Promise<{ tables: Set<string>; sheets: Set<string>; tableSheets: Map<string, string> }> {
  const tables = context.workbook.tables.load("items/name,items/worksheet/name");
  const sheets = context.workbook.worksheets.load("items/name");
  await context.sync();
  return {
    tables: new Set(tables.items.map((table) => table.name.toLowerCase())),
    sheets: new Set(sheets.items.map((sheet) => sheet.name.toLowerCase())),
    tableSheets: new Map(tables.items.map((table) => [table.name.toLowerCase(), table.worksheet.name])),
  };
}

/** Table names in the workbook, lower case. One sync. */
export async function tableNames(context: Excel.RequestContext): Promise<Set<string>> {
  const tables = context.workbook.tables.load("items/name");
  await context.sync();
  return new Set(tables.items.map((table) => table.name.toLowerCase()));
}

/** Those of `tables` that the workbook has (`existing`: its table names, lower case). */
export function tablesPresent<T extends PlanTable>(tables: readonly T[], existing: ReadonlySet<string>): T[] {
  return tables.filter((table) => existing.has(TABLES[table].toLowerCase()));
}

/** The grids of `tables`, read (in that order, maybe followed by others) by `readTables`. */
export function planGrids(tables: readonly PlanTable[], read: readonly ReadTable[]): PlanGrids {
  const grids: PlanGrids = {};
  tables.forEach((table, i) => {
    grids[table] = read[i].grid;
  });
  return grids;
}

/**
 * Reads whole tables: one sync for where they are, then one per read chunk; `indents` as in
 * `readRanges`. Each chunk is addressed through its table (rows below its header row), so a
 * sheet renamed between the syncs changes nothing.
 */
export async function readTables(
  context: Excel.RequestContext,
  names: readonly string[],
  indents = false,
): Promise<ReadTable[]> {
  if (names.length === 0) return [];
  const ranges = names.map((name) => context.workbook.tables.getItem(name).getRange().load("address"));
  await context.sync();
  const places = ranges.map((range) => parseAddress(range.address) as CellRange);
  const cells = await readRanges(context, places, indents, (table, fromRow, rowCount) =>
    context.workbook.tables
      .getItem(names[table])
      .getHeaderRowRange()
      .getOffsetRange(fromRow, 0)
      .getResizedRange(rowCount - 1, 0),
  );
  return places.map((place, t) => {
    const [headers, ...rows] = cells[t];
    return {
      place: { sheet: place.sheet, top: place.row + 1, left: place.col, headers },
      grid: { headers, rows },
    };
  });
}

/** Rows `fromRow ..` of the `index`-th place as a range to read. */
type SliceRange = (index: number, fromRow: number, rowCount: number) => Excel.Range;

/**
 * The ranges' values, one sync per read chunk. With `indents` (a setup source, on a host with
 * ExcelApi 1.9), each chunk's indent levels come in the same sync as its values, and indented
 * text gains leading spaces (sourceIndent.ts); the chunks are smaller, as the response is larger.
 * `slice` addresses a chunk; by default, by the place's sheet and cells.
 */
export async function readRanges(
  context: Excel.RequestContext,
  places: readonly CellRange[],
  indents: boolean,
  slice: SliceRange = (index, fromRow, rowCount) =>
    context.workbook.worksheets
      .getItem(places[index].sheet)
      .getRangeByIndexes(places[index].row + fromRow, places[index].col, rowCount, places[index].colCount),
): Promise<unknown[][][]> {
  const cells = places.map((place) => new Array<unknown[]>(place.rowCount));
  const budget = indents ? READ_BUDGET_CELLS_WITH_INDENTS : READ_BUDGET_CELLS;
  for (const batch of planReads(places, budget)) {
    const loaded = batch.map(({ table, fromRow, rowCount }) => {
      const range = slice(table, fromRow, rowCount);
      return {
        values: range.load("values"),
        properties: indents ? range.getCellProperties({ format: { indentLevel: true } }) : null,
      };
    });
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per read chunk, each under the response limit
    await context.sync();
    batch.forEach(({ table, fromRow }, i) => {
      const { values, properties } = loaded[i];
      const rows =
        properties === null
          ? values.values
          : withIndents(
              values.values,
              properties.value.map((row) => row.map((cell) => cell.format?.indentLevel ?? 0)),
            );
      rows.forEach((row, r) => {
        cells[table][fromRow + r] = row;
      });
    });
  }
  return cells;
}

/**
 * Queues the reads of a plan table's header row and Id column, through the table (the whole Id
 * column: for a search, or a step that touches many rows).
 */
export function locate(context: Excel.RequestContext, table: PlanTable): { result: () => Located } {
  const item = context.workbook.tables.getItem(TABLES[table]);
  const header = item.getHeaderRowRange().load("values");
  const ids = item.columns.getItem(ID_HEADER).getDataBodyRange().load("values");
  return {
    result: (): Located => ({ headers: header.values[0], ids: ids.values }),
  };
}

/**
 * The Id columns of plan tables with the given body sizes, read through the tables in chunks
 * under the response budget (a save's search at 100,000 nodes reads three columns of about
 * 1.1 MB each; in one response they would pass Excel on the web's 5 MB at about 150,000 nodes).
 */
export async function readIdColumns(
  context: Excel.RequestContext,
  tables: readonly { readonly table: PlanTable; readonly rowCount: number }[],
): Promise<unknown[][][]> {
  const places = tables.map(({ rowCount }) => ({ sheet: "", row: 0, col: 0, rowCount, colCount: 1 }));
  return readRanges(context, places, false, (index, fromRow, rowCount) =>
    context.workbook.tables
      .getItem(TABLES[tables[index].table])
      .columns.getItem(ID_HEADER)
      .getDataBodyRange()
      .getCell(fromRow, 0)
      .getResizedRange(rowCount - 1, 0),
  );
}
