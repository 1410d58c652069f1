/**
 * What the layout writes into cells: constants and formulas in blocks with their number formats,
 * and how a cell goes in (`toCellInput`) and comes back out as text (`cellText`).
 */
import type { CellRange } from "../../a1";
import { MAX_DECIMALS } from "../../allocation";
import { asTextCell } from "../text";

export const GENERAL = "General";
export const PERCENT = "0.0%";
export const WHOLE = "0";

/** "#,##0" or "#,##0.00" for 2 decimals. */
export function numberFormat(decimals: number): string {
  const places = Math.max(0, Math.min(MAX_DECIMALS, Math.trunc(decimals)));
  return places === 0 ? "#,##0" : `#,##0.${"0".repeat(places)}`;
}

/** A formula, written as is. Every other layout cell is a constant. */
export interface Formula {
  readonly formula: string;
}

/** A string is always text; null is a blank cell. */
export type LayoutCell = string | number | boolean | null | Formula;

export function isFormula(cell: unknown): cell is Formula {
  return typeof cell === "object" && cell !== null && typeof (cell as Formula).formula === "string";
}

/** What a cell input takes: Excel's `Range.values`/`formulas` and `MemoryWorkbook.write`. */
export type CellInput = string | number | boolean;

/**
 * The input that makes a cell hold `cell`. Blank is "" because null in Excel's `Range.values`
 * means "leave this cell as it is"; text goes through `asTextCell` so it stays text.
 */
export function toCellInput(cell: LayoutCell): CellInput {
  if (cell === null) return "";
  if (isFormula(cell)) return cell.formula;
  if (typeof cell === "string") return cell === "" ? "" : asTextCell(cell);
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : "";
  return cell;
}

/** Text of a cell as read: what a name, comment or id looks like to the user. */
export function cellText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return "";
}

/** A rectangle to write: constants and formulas, and/or one number format per column. */
export interface CellBlock {
  readonly sheet: string;
  /** 0-based */
  readonly row: number;
  /** 0-based */
  readonly col: number;
  readonly rowCount: number;
  readonly colCount: number;
  /** rowCount rows of colCount cells; null when the block only sets number formats. */
  readonly cells: readonly (readonly LayoutCell[])[] | null;
  /** One number format per column, for every row; null to leave formats as they are. */
  readonly formats: readonly string[] | null;
}

export function cellsBlock(
  sheet: string,
  row: number,
  col: number,
  cells: LayoutCell[][],
  formats: readonly string[] | null,
): CellBlock {
  return { sheet, row, col, rowCount: cells.length, colCount: cells[0]?.length ?? 0, cells, formats };
}

/** A table's header row at A1 of `sheet`, formatted General. */
export function headerBlock(sheet: string, headers: readonly LayoutCell[]): CellBlock {
  return cellsBlock(
    sheet,
    0,
    0,
    [[...headers]],
    headers.map(() => GENERAL),
  );
}

export function formatBlock(
  sheet: string,
  row: number,
  col: number,
  rowCount: number,
  formats: readonly string[],
): CellBlock {
  return { sheet, row, col, rowCount, colCount: formats.length, cells: null, formats };
}

export function blockRange(block: CellBlock): CellRange {
  return { sheet: block.sheet, row: block.row, col: block.col, rowCount: block.rowCount, colCount: block.colCount };
}

/** The cells of the block as inputs (see `toCellInput`). */
export function blockInputs(block: CellBlock, fromRow = 0, rowCount = block.rowCount): CellInput[][] {
  return (block.cells ?? []).slice(fromRow, fromRow + rowCount).map((row) => row.map(toCellInput));
}

/** The block's number formats for `rowCount` of its rows; null when it leaves formats as they are. */
export function blockFormats(block: CellBlock, rowCount = block.rowCount): string[][] | null {
  const { formats } = block;
  return formats === null ? null : Array.from({ length: rowCount }, () => [...formats]);
}

/** True when any cell of the block is a formula (the Excel adapter then writes `formulas`). */
export function blockHasFormulas(block: CellBlock): boolean {
  return block.cells !== null && block.cells.some((row) => row.some(isFormula));
}
