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

/**
 * Result grids whose maker knows every cell is a finite number or text, but in the rows it lists. A
 * host adapter looks at each cell of any other grid, or of a listed row, for errors and numbers the
 * host cannot hold; at 100,000 rows that look costs a tenth of a ROLLUP that reuses its hierarchy.
 * Weak, so a grid is forgotten with it.
 */
const plainGrids = new WeakMap<object, readonly number[]>();

const NO_ROWS: readonly number[] = [];

/**
 * Marks `grid`, just made by a formula that kept count, as holding finite numbers and text only,
 * but in `otherRows` (ascending row indexes), which may hold anything.
 */
export function plainGrid(grid: Grid<ResultCell>, otherRows: readonly number[] = NO_ROWS): Grid<ResultCell> {
  plainGrids.set(grid, otherRows);
  return grid;
}

/** The rows of a grid `plainGrid` marked that may hold other cells than finite numbers and text, or undefined when it was not marked. */
export function rowsNotPlain(grid: Grid<ResultCell>): readonly number[] | undefined {
  return plainGrids.get(grid);
}

/** Errors repeat (a column of #N/A); one shared value per code and message, up to this many. */
const SHARED_ERRORS_MAX = 256;
const sharedErrors = new Map<string, CellError>();

/** The one `CellError` for this code and message: cells that hold it share it, so none is allocated per cell. */
export function cellError(code: ErrorCode, message: string): CellError {
  const key = `${code}\u0000${message}`;
  let error = sharedErrors.get(key);
  if (error === undefined) {
    error = new CellError(code, message);
    if (sharedErrors.size < SHARED_ERRORS_MAX) sharedErrors.set(key, error);
  }
  return error;
}

/**
 * Excel's error texts to our codes. Errors we cannot return (#REF!, #NAME?, #NULL!, #SPILL!, ...;
 * Microsoft's custom functions error page lists #REF! and #NAME? as input-only) become #VALUE!.
 */
const ERROR_TEXTS: Readonly<Record<string, ErrorCode>> = {
  "#VALUE!": "VALUE",
  "#N/A": "NA",
  "#DIV/0!": "DIV0",
  "#NUM!": "NUM",
};
/** `errorType` of Excel's ErrorCellValue (Excel JavaScript API, ExcelApi 1.16) to our codes. */
const ERROR_TYPES: Readonly<Record<string, ErrorCode>> = {
  Value: "VALUE",
  NotAvailable: "NA",
  Div0: "DIV0",
  Num: "NUM",
};

/** What Excel shows for our codes. */
export const ERROR_DISPLAY: Readonly<Record<ErrorCode, string>> = {
  VALUE: "#VALUE!",
  NA: "#N/A",
  DIV0: "#DIV/0!",
  NUM: "#NUM!",
};

/**
 * A cell as the custom functions runtime hands it over, as a plain core value:
 *
 * - Error cells reach a function only with `allowErrorForDataTypeAny` (Microsoft, "Handle and return
 *   errors from your custom function": "Errors as custom function inputs"), as a
 *   `CustomFunctions.Error` (`{ code: "#N/A", message? }`, the page's input sample tests
 *   `instanceof CustomFunctions.Error`), or, with data types enabled, as an error cell value
 *   (`{ type: "Error", errorType: "NotAvailable", basicValue: "#N/A" }`, Microsoft's "Use data types
 *   with custom functions": a function "can accept a data types error object"). Both become a `CellError`.
 * - Data types arrive as cell values because the metadata generator always sets
 *   `allowCustomDataForDataTypeAny` (Microsoft, "Custom functions and data types"): a formatted
 *   number or Double is its number, a String or Boolean its value, Empty a blank, and an entity or
 *   linked entity (Stocks, Geography) the text its cell shows. Anything else (a picture) stays an
 *   object: neither a number nor an id.
 */
export function fromHostCell(cell: unknown): unknown {
  if (typeof cell !== "object" || cell === null || cell instanceof CellError) return cell;
  const { code, type } = cell as { code?: unknown; type?: unknown };
  if (typeof code === "string" && code.startsWith("#")) {
    const { message } = cell as { message?: unknown };
    return cellError(
      ERROR_TEXTS[code] ?? "VALUE",
      typeof message === "string" && message !== "" ? message : hostErrorMessage(code),
    );
  }
  if (typeof type !== "string") return cell;
  const { basicValue, text, errorType } = cell as { basicValue?: unknown; text?: unknown; errorType?: unknown };
  switch (type) {
    case "Error": {
      const shown = typeof basicValue === "string" ? basicValue : "#VALUE!";
      const known = (typeof errorType === "string" ? ERROR_TYPES[errorType] : undefined) ?? ERROR_TEXTS[shown];
      return known === undefined ? cellError("VALUE", hostErrorMessage(shown)) : cellError(known, "");
    }
    case "Double":
    case "FormattedNumber":
      return typeof basicValue === "number" ? basicValue : cell;
    case "String":
    case "Boolean":
      return typeof basicValue === type.toLowerCase() ? basicValue : cell;
    case "Empty":
      return null;
    case "Entity":
    case "LinkedEntity":
      return typeof text === "string" ? text : cell;
    default:
      return cell;
  }
}

/** An input error we cannot return as itself is #VALUE! saying which it was; the others carry no message. */
function hostErrorMessage(shown: string): string {
  return ERROR_TEXTS[shown] === undefined ? `An input cell holds ${shown.slice(0, 20)}` : "";
}

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
 * A number as Excel writes it as text (`=A1&""`, and so as a lookup sees it): rounded to 15
 * significant digits, in scientific notation from 1E+15 up and below 1E-06, so `=0.1+0.2` is "0.3",
 * 1234567890123456 is "1.23456789012346E+15" and 0.0000001 is "1E-07". Not finite: "".
 */
export function excelNumberText(value: number): string {
  if (value === 0) return "0";
  // Whole numbers below 10^15 are the usual ids; they need no rounding.
  if (isWhole(value) && value < 1e15 && value > -1e15) return String(value);
  if (!isFiniteNumber(value)) return "";
  const [digits, power] = value.toExponential(14).split("e");
  const exponent = Number(power);
  if (exponent >= 15 || exponent < -6) {
    const mantissa = digits.replace(/\.?0+$/, "");
    return `${mantissa}E${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  // Within these exponents JavaScript writes the rounded number in plain decimals, as Excel does.
  return String(Number(value.toPrecision(15)));
}

const isWhole = Number.isInteger;

/**
 * The key an id is matched by: its text, trimmed and case-folded, so `1`, `"1"` and `" 1 "` are the
 * same id, as in Excel's lookups; a number is keyed by the text Excel shows for it (see
 * `excelNumberText`). Blank (or not a cell value at all) is `undefined`.
 */
export function idKey(value: unknown): string | undefined {
  if (typeof value === "number") return isFiniteNumber(value) ? excelNumberText(value).toLowerCase() : undefined;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed.toLowerCase();
}

/** An id as the user wrote it, for results and messages; a number as Excel shows it. */
export function idText(value: unknown): string {
  if (typeof value === "number") return excelNumberText(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return typeof value === "string" ? value : "";
}
