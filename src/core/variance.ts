/** VARIANCE: actual against target, cell by cell. */
import { CellError, plainGrid, type FormulaResult, type ResultCell } from "./cell";
import { allocationMessages, messages } from "./messages";

export type VarianceMode = "abs" | "pct" | "ratio";

export const VARIANCE_MODES: readonly VarianceMode[] = ["abs", "pct", "ratio"];

// Cell errors are immutable values, so every cell that has one can share it.
const ZERO_TARGET = new CellError("DIV0", allocationMessages.zeroTarget);
const TOO_LARGE = new CellError("NUM", messages.tooLarge);

/**
 * One cell: "abs" actual − target, "pct" (actual − target) / ABS(target), "ratio" actual / target.
 * "" when either side is not a number (blank, text, boolean); #DIV/0! for pct and ratio of a zero target.
 * An error value on either side comes through, as in Excel's arithmetic.
 */
export function varianceOf(actual: unknown, target: unknown, mode: VarianceMode): ResultCell {
  return CELL[mode](actual, target);
}

/*
 * One small function per mode with the common case (two finite numbers) first, so that the grid loop
 * inlines it and a result is stored without being boxed twice; `x - x === 0` is the finiteness test.
 */
const CELL: Readonly<Record<VarianceMode, (actual: unknown, target: unknown) => ResultCell>> = {
  abs: (a, t) => {
    if (typeof a === "number" && typeof t === "number" && a - a === 0 && t - t === 0) {
      return finite(a - t);
    }
    return notBothNumbers(a, t);
  },
  pct: (a, t) => {
    if (typeof a === "number" && typeof t === "number" && a - a === 0 && t - t === 0) {
      return t === 0 ? ZERO_TARGET : finite((a - t) / (t < 0 ? -t : t));
    }
    return notBothNumbers(a, t);
  },
  ratio: (a, t) => {
    if (typeof a === "number" && typeof t === "number" && a - a === 0 && t - t === 0) {
      return t === 0 ? ZERO_TARGET : finite(a / t);
    }
    return notBothNumbers(a, t);
  },
};

/** `+ 0` turns -0 into 0: Excel has no negative zero. */
function finite(result: number): ResultCell {
  return result - result === 0 ? result + 0 : TOO_LARGE;
}

function notBothNumbers(actual: unknown, target: unknown): ResultCell {
  if (actual instanceof CellError) return actual;
  if (target instanceof CellError) return target;
  return "";
}

/**
 * `varianceOf` over two grids of the same shape, or a grid and a single cell on either side (used for
 * every cell of the other). Other shapes fail the whole call with both shapes in the message.
 */
export function varianceGrid(
  actual: readonly (readonly unknown[])[],
  target: readonly (readonly unknown[])[],
  mode: VarianceMode,
): FormulaResult {
  const actualRows = actual.length;
  const actualColumns = actualRows === 0 ? 0 : actual[0].length;
  const targetRows = target.length;
  const targetColumns = targetRows === 0 ? 0 : target[0].length;
  const actualSingle = actualRows === 1 && actualColumns === 1;
  const targetSingle = targetRows === 1 && targetColumns === 1;
  const sameShape = actualRows === targetRows && actualColumns === targetColumns;
  if (!sameShape && !actualSingle && !targetSingle) {
    return new CellError(
      "VALUE",
      allocationMessages.shapeMismatch(
        "actual",
        `${actualRows}x${actualColumns}`,
        "target",
        `${targetRows}x${targetColumns}`,
      ),
    );
  }
  const broadcastActual = actualSingle && !sameShape;
  const broadcastTarget = targetSingle && !sameShape;
  const rows = broadcastActual ? targetRows : actualRows;
  const columns = broadcastActual ? targetColumns : actualColumns;

  const cell = CELL[mode];
  const result: ResultCell[][] = new Array(rows);
  // Every cell is a finite number, text or an error (`finite`); rows with an error are listed for
  // the Excel adapter, which checks only those.
  const errorRows: number[] = [];
  for (let r = 0; r < rows; r++) {
    const actualRow = actual[broadcastActual ? 0 : r];
    const targetRow = target[broadcastTarget ? 0 : r];
    if (!broadcastActual && !broadcastTarget) {
      const numbers = numberRow(actualRow, targetRow, columns, mode);
      if (numbers !== undefined) {
        result[r] = numbers;
        continue;
      }
    }
    const out: ResultCell[] = new Array(columns);
    if (broadcastActual) {
      const a = actualRow[0];
      for (let c = 0; c < columns; c++) out[c] = cell(a, targetRow[c]);
    } else if (broadcastTarget) {
      const t = targetRow[0];
      for (let c = 0; c < columns; c++) out[c] = cell(actualRow[c], t);
    } else {
      for (let c = 0; c < columns; c++) out[c] = cell(actualRow[c], targetRow[c]);
    }
    for (let c = 0; c < columns; c++) {
      if (out[c] instanceof CellError) {
        errorRows.push(r);
        break;
      }
    }
    result[r] = out;
  }
  return plainGrid(result, errorRows);
}

/**
 * The row of two rows of finite numbers whose results are all finite numbers, or undefined. Made
 * apart from rows of other cells: V8 learns per place an array is made what it holds, and once a row made
 * there held "" or an error it stores every later row's numbers as separate heap objects, which a
 * 100,000-row VARIANCE then spends its time collecting. The arithmetic is `CELL`'s.
 */
function numberRow(
  actualRow: readonly unknown[],
  targetRow: readonly unknown[],
  columns: number,
  mode: VarianceMode,
): number[] | undefined {
  const row = new Array<number>(columns);
  for (let c = 0; c < columns; c++) {
    const a = actualRow[c];
    const t = targetRow[c];
    if (typeof a !== "number" || typeof t !== "number") return undefined;
    let result: number;
    if (mode === "abs") result = a - t;
    else if (t === 0) return undefined;
    else result = mode === "pct" ? (a - t) / (t < 0 ? -t : t) : a / t;
    // Not finite (an input or the result): `CELL` says what the cell is.
    if (result - result !== 0) return undefined;
    row[c] = result + 0;
  }
  return row;
}
