/**
 * Cells as a spreadsheet hands them to us, and the error values we hand back.
 * Everything in `src/core` takes `unknown` cells: Excel, HyperFormula and the task pane each pass
 * slightly different things for a blank (null, undefined, ""), and an input must never crash a call.
 */

export type ErrorCode = "VALUE" | "NA" | "DIV0" | "NUM";

/** A spreadsheet error as a value: returned in a result cell, or for the whole call. */
export class CellError {
  constructor(
    readonly code: ErrorCode,
    readonly message: string,
  ) {}
}

export type ResultCell = number | string | CellError;
export type Grid<T> = T[][];

/** A whole call either fails with one error or returns a grid that spills. */
export type FormulaResult = CellError | Grid<ResultCell>;

export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/**
 * Read once: asNumber runs for every cell of a large range, and looking up the global `Number` on
 * each call is slow where globals are intercepted (the VM contexts tests run in).
 */
const isFiniteNumber = Number.isFinite;

/** The number a cell counts as, like SUM: finite numbers only; text, booleans and blanks don't count. */
export function asNumber(value: unknown): number | undefined {
  return typeof value === "number" && isFiniteNumber(value) ? value : undefined;
}

/**
 * The key an id is matched by: its text, trimmed and case-folded, so `1`, `"1"` and `" 1 "` are the
 * same id, as in Excel's lookups. Blank (or not a cell value at all) is `undefined`.
 */
export function idKey(value: unknown): string | undefined {
  if (typeof value === "number") return isFiniteNumber(value) ? String(value) : undefined;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed.toLowerCase();
}

/** An id as the user wrote it, for results and messages. */
export function idText(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return typeof value === "string" ? value : "";
}
