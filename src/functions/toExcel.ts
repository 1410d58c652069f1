/**
 * The one mapper between Excel's custom functions runtime and the core, both ways.
 *
 * In: error cells (which reach a function because the build sets `allowErrorForDataTypeAny`, see
 * scripts/functionsJsonPlugin.js) and data-type cells become plain core values (`fromHostCell`), so
 * an error in an input comes out as that error where Excel's own formulas would propagate it
 * (VARIANCE of a #N/A actual is #N/A) and a Geography cell is read as the text it shows.
 *
 * Out: grids of numbers and text that spill, with `CustomFunctions.Error` values in cells, and a
 * thrown `CustomFunctions.Error` when the whole call fails (Microsoft documents throwing it as the
 * way a function puts an error in its cell).
 */
import {
  CellError,
  fromHostCell,
  rowsNotPlain,
  type ErrorCode,
  type FormulaResult,
  type ResultCell,
} from "../core/cell";

export type ExcelCell = number | string | CustomFunctions.Error;

/** Bound once: the runtime's sandbox makes a global lookup per row cost more than the row. */
const isArray = Array.isArray;

/** Looked up at call time: the `CustomFunctions` global only exists once the runtime is up. */
function excelErrorCode(code: ErrorCode): CustomFunctions.ErrorCode {
  switch (code) {
    case "VALUE":
      return CustomFunctions.ErrorCode.invalidValue;
    case "NA":
      return CustomFunctions.ErrorCode.notAvailable;
    case "DIV0":
      return CustomFunctions.ErrorCode.divisionByZero;
    case "NUM":
      return CustomFunctions.ErrorCode.invalidNumber;
  }
}

/**
 * An argument with its error and data-type cells read by `fromHostCell`. Ranges of plain numbers
 * and text, the usual case, are returned as they are, not copied.
 */
export function fromExcel(arg: unknown): unknown {
  if (!isArray(arg)) return fromHostCell(arg);
  let copy: unknown[] | undefined;
  // A column is read row by row as numbers (see `numbersOnly`) until a few of its rows are not: a
  // column of ids then goes cell by cell, which is faster for text.
  let numericTries = arg.length > 0 && isArray(arg[0]) && (arg[0] as unknown[]).length === 1 ? NUMERIC_TRIES : 0;
  for (let r = 0; r < arg.length; r++) {
    const row: unknown = arg[r];
    let mapped: unknown = row;
    if (isArray(row)) {
      if (numericTries === 0 || !numbersOnly(row)) {
        if (numericTries > 0) numericTries--;
        mapped = fromExcelRow(row);
      }
    } else {
      mapped = fromHostCell(row);
    }
    if (mapped !== row) (copy ??= arg.slice())[r] = mapped;
  }
  return copy ?? arg;
}

function fromExcelRow(row: unknown[]): unknown[] {
  let rowCopy: unknown[] | undefined;
  for (let c = 0; c < row.length; c++) {
    const cell: unknown = row[c];
    // Only objects can be errors; the type test keeps the scan of a large range cheap.
    if (typeof cell !== "object" || cell === null) continue;
    const converted = fromHostCell(cell);
    if (converted !== cell) (rowCopy ??= row.slice())[c] = converted;
  }
  return rowCopy ?? row;
}

/**
 * Whether a row holds no object, told by copying it into a typed array: an error or data-type cell
 * (a plain object or a `CustomFunctions.Error`) reads as NaN there, and so does text that is not a
 * number, which only sends the row through `fromExcelRow`. Read by an indexed loop, a column's
 * numbers would each be boxed into a new heap object (V8 boxes a number read at a place that has
 * seen rows of numbers and rows of text, which every range argument place has): 1.6 MB of garbage
 * per 100,000-row column, several times over in a report's recalculation. Only for columns: a wide
 * row holding a blank or text is copied cell by cell through the runtime, slower than the loop.
 */
function numbersOnly(row: unknown[]): boolean {
  const columns = row.length;
  if (columns > numbersOfArgumentRow.length) numbersOfArgumentRow = new Float64Array(columns);
  const numbers = numbersOfArgumentRow;
  try {
    numbers.set(row as ArrayLike<number>);
  } catch {
    // An object that cannot be read as a number (no prototype) is read cell by cell.
    return false;
  }
  for (let c = 0; c < columns; c++) if (numbers[c] !== numbers[c]) return false;
  return true;
}

/** Rows of a column that may fail `numbersOnly` before the rest of it is read cell by cell. */
const NUMERIC_TRIES = 8;

/** Argument rows are copied here to be checked; grown when a wider row comes. */
let numbersOfArgumentRow = new Float64Array(16);

/**
 * Excel errors already made, one per core error: a column of "No numbers to average" shares one
 * object instead of making one (with a stack trace) per cell. Weak, so errors of past calls go.
 */
const excelErrors = new WeakMap<CellError, CustomFunctions.Error>();

/** Excel shows a custom message only for #VALUE! and #N/A; the other codes take none. */
export function toExcelError(error: CellError): CustomFunctions.Error {
  let excel = excelErrors.get(error);
  if (excel === undefined) {
    const carriesMessage = error.code === "VALUE" || error.code === "NA";
    excel = carriesMessage
      ? new CustomFunctions.Error(excelErrorCode(error.code), error.message)
      : new CustomFunctions.Error(excelErrorCode(error.code));
    excelErrors.set(error, excel);
  }
  return excel;
}

export function toExcelCell(cell: ResultCell): ExcelCell {
  if (cell instanceof CellError) return toExcelError(cell);
  // Excel has no NaN or infinity; a number it cannot hold is #NUM!, as in its own arithmetic.
  if (typeof cell === "number" && !Number.isFinite(cell)) {
    return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidNumber);
  }
  return cell;
}

/**
 * A grid to spill, or throws the error that fails the whole call. The core's result grids are new
 * and the caller's to keep, so error cells are replaced in place: copying a million-cell result
 * would cost as much as computing it.
 */
export function toExcelResult(result: FormulaResult): ExcelCell[][] {
  if (result instanceof CellError) throw toExcelError(result);
  const otherRows = rowsNotPlain(result);
  if (otherRows !== undefined) {
    for (let i = 0; i < otherRows.length; i++) replaceCells(result[otherRows[i]]);
    return result as ExcelCell[][];
  }
  // A result of text (ids, paths) is checked cell by cell: reading it as numbers would parse each text.
  const text = result.length > 0 && typeof result[0][0] === "string";
  for (let r = 0; r < result.length; r++) {
    const row = result[r];
    if (text || !onlyFiniteNumbers(row)) replaceCells(row);
  }
  return result as ExcelCell[][];
}

/** Rows are copied here to be checked; grown when a wider row comes. */
let numbersOfRow = new Float64Array(16);

/**
 * Whether a row holds finite numbers only, the rows of a large numeric result. Read by copying the
 * row into a typed array, which converts an error or text to NaN, not with an indexed loop: where
 * V8 has seen rows of numbers and rows with errors at one indexed read, it converts every row of
 * numbers read there to boxed numbers (1.2 million heap objects for a 100,000 x 12 ROLLUP, most of
 * the call's time in GC), and a callback (\`some\`) gets each number boxed. A false answer only sends
 * the row through `replaceCells`, which checks each cell.
 */
function onlyFiniteNumbers(row: readonly ResultCell[]): boolean {
  const columns = row.length;
  if (columns > numbersOfRow.length) numbersOfRow = new Float64Array(columns);
  const numbers = numbersOfRow;
  numbers.set(row as ArrayLike<number>);
  // \`x - x === 0\` holds for finite numbers only.
  for (let c = 0; c < columns; c++) if (numbers[c] - numbers[c] !== 0) return false;
  return true;
}

function replaceCells(row: ResultCell[] | ExcelCell[]): void {
  for (let c = 0; c < row.length; c++) {
    const cell = row[c];
    // \`x - x === 0\` holds for finite numbers only.
    if (typeof cell === "string" || (typeof cell === "number" && cell - cell === 0)) continue;
    row[c] = toExcelCell(cell as ResultCell);
  }
}

/** A core formula called as Excel calls a custom function: arguments mapped in, result mapped out. */
export function callFromExcel(formula: (...args: unknown[]) => FormulaResult, ...args: unknown[]): ExcelCell[][] {
  return toExcelResult(formula(...args.map(fromExcel)));
}
