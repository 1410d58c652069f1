/** Cell positions, selection rectangles and clipboard text for the workbench grid. Pure. */
import { MAX_COLUMNS, MAX_ROWS, type CellRange } from "../src/core/a1";

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
 * Cells from the clipboard, as Excel and other spreadsheets copy them: rows on lines, cells
 * separated by tabs, a cell holding a tab, line break or quote wrapped in quotes ("" for a quote).
 * The line break after the last row is not a row of its own.
 */
export function parseClipboard(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  const endCell = (): void => {
    row.push(cell);
    cell = "";
  };
  const endRow = (): void => {
    endCell();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' && cell === "") {
      const close = quotedEnd(text, i);
      if (close !== null) {
        cell = text.slice(i + 1, close).replace(/""/g, '"');
        i = close + 1;
        continue;
      }
    }
    if (ch === "\t") endCell();
    else if (ch === "\n" || ch === "\r") {
      endRow();
      if (ch === "\r" && text[i + 1] === "\n") i++;
    } else cell += ch;
    i++;
  }
  if (cell !== "" || row.length > 0) endRow();
  const width = Math.max(0, ...rows.map((cells) => cells.length));
  return rows.map((cells) => [...cells, ...Array<string>(width - cells.length).fill("")]);
}

/** Index of the quote closing the quoted cell opened at `open`, if the cell ends right after it. */
function quotedEnd(text: string, open: number): number | null {
  let i = open + 1;
  while (i < text.length) {
    if (text[i] === '"') {
      if (text[i + 1] === '"') {
        i += 2;
        continue;
      }
      const next = text[i + 1];
      return next === undefined || next === "\t" || next === "\n" || next === "\r" ? i : null;
    }
    i++;
  }
  return null;
}

/** Cells as clipboard text, quoting those that need it. */
export function toClipboard(rows: readonly (readonly string[])[]): string {
  const quote = (cell: string): string => (/[\t\n\r"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return rows.map((cells) => cells.map(quote).join("\t")).join("\r\n");
}
