/** What adding one of the plan's optional tables writes (capacity, last year's values, profiles). */
import { cellsBlock, formatBlock, headerBlock, type CellBlock } from "./cells";
import { TABLES, TABLE_SHEETS, type PlanTable } from "./names";
import type { TableLayout } from "./planLayout";

/** An optional table as added: the table over its header row and one blank row to type or paste in. */
export interface BlankTableLayout {
  readonly table: TableLayout;
  /** The headers as text, then the input formats of the blank row. */
  readonly blocks: readonly CellBlock[];
}

/** `table` at A1 of its sheet with these headers, its blank row in `formats` (one per header). */
export function blankTableLayout(
  table: PlanTable,
  headers: readonly string[],
  formats: readonly string[],
): BlankTableLayout {
  const sheet = TABLE_SHEETS[table];
  return {
    table: { table, name: TABLES[table], sheet, rowCount: 2, colCount: headers.length },
    blocks: [
      headerBlock(sheet, headers),
      cellsBlock(sheet, 1, 0, [headers.map(() => null)], null),
      formatBlock(sheet, 1, 0, 1, formats),
    ],
  };
}
