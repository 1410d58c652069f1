/** Cell positions, selection rectangles and clipboard text for the workbench grid. Pure. */
import { MAX_COLUMNS, MAX_ROWS, type CellRange } from "../src/core/a1";
import { parseClipboardRows } from "../src/core/clipboard";

export { toClipboard } from "../src/core/clipboard";

export interface CellPosition {
  readonly row: number;
  readonly col: number;
}

/** The rectangle with `anchor` and `active` at opposite corners. */
export function rangeBetween(sheet: string, anchor: CellPosition, active: CellPosition): CellRange {
  const row = Math.min(anchor.row, active.row);
  const col = Math.min(anchor.col, active.col);
  return {
    sheet,
    row,
    col,
    rowCount: Math.abs(anchor.row - active.row) + 1,
    colCount: Math.abs(anchor.col - active.col) + 1,
  };
}

export function contains(range: CellRange, position: CellPosition): boolean {
  return (
    position.row >= range.row &&
    position.row < range.row + range.rowCount &&
    position.col >= range.col &&
    position.col < range.col + range.colCount
  );
}

/** One step (or `rows`/`cols` steps) away, kept on the sheet. */
export function moved(position: CellPosition, rows: number, cols: number): CellPosition {
  return {
    row: Math.min(MAX_ROWS - 1, Math.max(0, position.row + rows)),
    col: Math.min(MAX_COLUMNS - 1, Math.max(0, position.col + cols)),
  };
}

/** Whole rows or whole columns, as a click on a row or column header selects them. */
export function wholeRows(sheet: string, first: number, last: number): CellRange {
  return { sheet, row: Math.min(first, last), col: 0, rowCount: Math.abs(first - last) + 1, colCount: MAX_COLUMNS };
}

export function wholeColumns(sheet: string, first: number, last: number): CellRange {
  return { sheet, row: 0, col: Math.min(first, last), rowCount: MAX_ROWS, colCount: Math.abs(first - last) + 1 };
}

/**
 * Cells from the clipboard as a rectangle (short rows padded with blanks), for pasting into the grid.
 */
export function parseClipboard(text: string): string[][] {
  const rows = parseClipboardRows(text);
  const width = rows.reduce((widest, cells) => Math.max(widest, cells.length), 0);
  return rows.map((cells) => [...cells, ...Array<string>(width - cells.length).fill("")]);
}
