/**
 * The one mapper between Excel's custom functions runtime and the core, both ways.
 *
 * In: Excel hands error cells to a custom function as `CustomFunctions.Error` objects; they become
 * the core's `CellError`, so an error in an input comes out as that error where Excel's own
 * formulas would propagate it (VARIANCE of a #N/A actual is #N/A).
 *
 * Out: grids of numbers and text that spill, with `CustomFunctions.Error` values in cells, and a
 * thrown `CustomFunctions.Error` when the whole call fails (Microsoft documents throwing it as the
 * way a function puts an error in its cell).
 */
import { CellError, type ErrorCode, type FormulaResult, type ResultCell } from "../core/cell";

export type ExcelCell = number | string | CustomFunctions.Error;

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

const FROM_EXCEL: Readonly<Record<string, ErrorCode>> = {
  "#VALUE!": "VALUE",
  "#N/A": "NA",
  "#DIV/0!": "DIV0",
  "#NUM!": "NUM",
};

/**
 * An argument with its error cells as core `CellError`s. Errors the core has no code for (#REF!,
 * #NAME?, #NULL!) arrive as #VALUE!. Ranges without errors, the usual case, are returned as they are,
 * not copied.
 */
export function fromExcel(arg: unknown): unknown {
  if (!Array.isArray(arg)) return fromExcelCell(arg);
  let copy: unknown[] | undefined;
  for (let r = 0; r < arg.length; r++) {
    const row: unknown = arg[r];
    let mapped: unknown = row;
    if (Array.isArray(row)) {
      let rowCopy: unknown[] | undefined;
      for (let c = 0; c < row.length; c++) {
        const cell: unknown = row[c];
        // Only objects can be errors; the type test keeps the scan of a large range cheap.
        if (typeof cell !== "object" || cell === null) continue;
        const converted = fromExcelCell(cell);
        if (converted !== cell) (rowCopy ??= row.slice())[c] = converted;
      }
      mapped = rowCopy ?? row;
    } else {
      mapped = fromExcelCell(row);
    }
    if (mapped !== row) (copy ??= arg.slice())[r] = mapped;
  }
  return copy ?? arg;
}

/** Recognised by its code rather than its class: the runtime's input errors need not share our constructor. */
function fromExcelCell(cell: unknown): unknown {
  if (typeof cell !== "object" || cell === null) return cell;
  const { code, message } = cell as { code?: unknown; message?: unknown };
  if (typeof code !== "string" || !code.startsWith("#")) return cell;
  return new CellError(FROM_EXCEL[code] ?? "VALUE", typeof message === "string" ? message : "");
}

/** Excel shows a custom message only for #VALUE! and #N/A; the other codes take none. */
export function toExcelError(error: CellError): CustomFunctions.Error {
  const carriesMessage = error.code === "VALUE" || error.code === "NA";
  return carriesMessage
    ? new CustomFunctions.Error(excelErrorCode(error.code), error.message)
    : new CustomFunctions.Error(excelErrorCode(error.code));
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
 * A grid to spill, or throws the error that fails the whole call. Rows holding only numbers and
 * text, the usual case, are passed on as they are: copying a million-cell result would cost as much
 * as computing it.
 */
export function toExcelResult(result: FormulaResult): ExcelCell[][] {
  if (result instanceof CellError) throw toExcelError(result);
  let mapped: ExcelCell[][] | undefined;
  for (let r = 0; r < result.length; r++) {
    const row = result[r];
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      // `x - x === 0` holds for finite numbers only.
      if (typeof cell === "string" || (typeof cell === "number" && cell - cell === 0)) continue;
      (mapped ??= result.slice() as ExcelCell[][])[r] = row.map(toExcelCell);
      break;
    }
  }
  return mapped ?? (result as ExcelCell[][]);
}

/** A core formula called as Excel calls a custom function: arguments mapped in, result mapped out. */
export function callFromExcel(formula: (...args: unknown[]) => FormulaResult, ...args: unknown[]): ExcelCell[][] {
  return toExcelResult(formula(...args.map(fromExcel)));
}
