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
  const sheet = TABLE_SHEETS[table];
  const index = new Map<string, number>();
  const all = new Map<string, number[]>();
  const named: { key: string; id: string }[] = [];
  rows.forEach((cells, i) => {
    const key = idKey(cells[idColumn]);
    if (key === undefined) return;
    if (!index.has(key)) {
      index.set(key, i);
      named.push({ key, id: idText(cells[idColumn]).trim() });
    }
    all.set(key, [...(all.get(key) ?? []), sheetRowOf(i)]);
  });
  problems.push(...duplicateProblems(sheet, all, named));
  return index;
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
