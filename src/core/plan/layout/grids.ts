/**
 * The plan's tables as read: header row and body rows, and finding columns and rows in them by
 * header and by id.
 */
import { idKey, idText } from "../../cell";
import { layoutMessages } from "../../messages";
import { cellText } from "./cells";
import { TABLES, TABLE_SHEETS, type PlanTable } from "./names";
import type { LayoutProblem } from "./problems";

/** A table's cells as read: header row and body rows (blank rows included). */
export interface TableGrid {
  readonly headers: readonly unknown[];
  readonly rows: readonly (readonly unknown[])[];
}

export type PlanGrids = Partial<Record<PlanTable, TableGrid>>;

/** A header (or any cell) as it is matched: trimmed, lower case. */
export function headerKey(value: unknown): string {
  return cellText(value).trim().toLowerCase();
}

/** 0-based column of `header` (matched trimmed, ignoring case), or -1. */
export function findColumn(headers: readonly unknown[], header: string): number {
  const key = header.trim().toLowerCase();
  return headers.findIndex((value) => headerKey(value) === key);
}

/** Body row index (0-based) -> 1-based sheet row; every table starts at A1 with its header. */
export function sheetRowOf(bodyRow: number): number {
  return bodyRow + 2;
}

/** 0-based columns of `wanted` headers in `table`; null (and a problem per missing one) if any is missing. */
export function requireColumns(
  table: PlanTable,
  headers: readonly unknown[],
  wanted: readonly string[],
  problems: LayoutProblem[],
): number[] | null {
  const sheet = TABLE_SHEETS[table];
  const found = wanted.map((header) => findColumn(headers, header));
  found.forEach((column, i) => {
    if (column < 0)
      problems.push({
        sheet,
        row: 1,
        message: layoutMessages.missingColumn(TABLES[table], sheet, wanted[i]),
      });
  });
  return found.some((column) => column < 0) ? null : found;
}

/** Id key -> row index (0-based body row), with a problem for each id on more than one row. */
export function rowIndex(
  table: PlanTable,
  rows: readonly (readonly unknown[])[],
  idColumn: number,
  problems: LayoutProblem[],
): Map<string, number> {
  const index = new Map<string, number>();
  // Only ids on more than one row get a list of rows: every save indexes tables of every node.
  let repeated: Map<string, number[]> | undefined;
  rows.forEach((cells, i) => {
    const key = idKey(cells[idColumn]);
    if (key === undefined) return;
    const first = index.get(key);
    if (first === undefined) {
      index.set(key, i);
      return;
    }
    repeated ??= new Map();
    const sheetRows = repeated.get(key);
    if (sheetRows === undefined) repeated.set(key, [sheetRowOf(first), sheetRowOf(i)]);
    else sheetRows.push(sheetRowOf(i));
  });
  if (repeated !== undefined) problems.push(...repeatedIdProblems(table, rows, idColumn, repeated));
  return index;
}

/** `duplicateProblems` for `rowIndex`, in the order the ids first appear, each named as on its first row. */
function repeatedIdProblems(
  table: PlanTable,
  rows: readonly (readonly unknown[])[],
  idColumn: number,
  repeated: ReadonlyMap<string, number[]>,
): LayoutProblem[] {
  const byFirstRow = [...repeated].sort(([, a], [, b]) => a[0] - b[0]);
  const named = byFirstRow.map(([key, sheetRows]) => ({
    key,
    id: idText(rows[sheetRows[0] - sheetRowOf(0)][idColumn]).trim(),
  }));
  return duplicateProblems(TABLE_SHEETS[table], new Map(byFirstRow), named);
}

/** A problem for each id on more than one row; `rowsByKey` holds the sheet rows of each id key. */
export function duplicateProblems(
  sheet: string,
  rowsByKey: ReadonlyMap<string, number[]>,
  rows: readonly { key: string; id: string }[],
): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  for (const [key, sheetRows] of rowsByKey) {
    if (sheetRows.length < 2) continue;
    const id = rows.find((row) => row.key === key)?.id ?? key;
    problems.push({
      sheet,
      row: sheetRows[0],
      message: layoutMessages.duplicateRows(sheet, id, sheetRows),
    });
  }
  return problems;
}
