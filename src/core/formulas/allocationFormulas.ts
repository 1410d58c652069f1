/**
 * ALLOCATE, VARIANCE and CASCADE as formulas: arguments as Excel's custom functions runtime (or
 * HyperFormula) passes them, checked and converted, then the core does the maths. Whatever comes in,
 * the answer is a grid or a CellError; nothing throws.
 */
import { allocate, allocationProblem, decimalsProblem, MAX_DECIMALS, MIN_DECIMALS } from "../allocation";
import { cascadeTargets } from "../cascade";
import { asNumber, CellError, isBlank, type FormulaResult, type ResultCell } from "../cell";
import { Hierarchy } from "../hierarchy/hierarchy";
import { allocationMessages, messages } from "../messages";
import { VARIANCE_MODES, varianceGrid, type VarianceMode } from "../variance";

type Cells = readonly (readonly unknown[])[];

/** A hierarchy with many problems fails with the first few; the rest are counted. */
const LISTED_PROBLEMS = 3;

/**
 * `total` split across the numeric cells of `weights` by largest remainder (see `allocate`), in the
 * shape of `weights`; blank and text weights get "". `decimals` defaults to 0.
 */
export function allocateFormula(total: unknown, weights: unknown, decimals?: unknown): FormulaResult {
  const totalCell = toSingleCell("total", total);
  if (totalCell instanceof CellError) return totalCell;
  const amount = asNumber(totalCell);
  if (amount === undefined) {
    return valueError(allocationMessages.notANumber("total", describe(totalCell)));
  }
  const grid = toGrid("weights", weights);
  if (grid instanceof CellError) return grid;
  const places = toDecimals(decimals);
  if (places instanceof CellError) return places;
  const problem = allocationProblem(amount, places ?? 0);
  if (problem !== undefined) return valueError(problem);

  const numeric: number[] = [];
  for (let r = 0; r < grid.length; r++) {
    for (let c = 0; c < grid[r].length; c++) {
      const weight = asNumber(grid[r][c]);
      if (weight === undefined) continue;
      if (weight < 0) return valueError(allocationMessages.negativeWeight(r + 1, c + 1, weight));
      numeric.push(weight);
    }
  }
  if (numeric.length === 0) return valueError(allocationMessages.noWeights);

  const parts = allocate(amount, numeric, places ?? 0);
  let next = 0;
  return grid.map((row) => row.map((cell): ResultCell => (asNumber(cell) === undefined ? "" : parts[next++])));
}

/**
 * `actual` against `target` cell by cell (see `varianceOf`); same shapes, or a single cell on either side.
 * `mode`: "abs" (default), "pct" or "ratio", any case.
 */
export function variance(actual: unknown, target: unknown, mode?: unknown): FormulaResult {
  const actualGrid = toGrid("actual", actual);
  if (actualGrid instanceof CellError) return actualGrid;
  const targetGrid = toGrid("target", target);
  if (targetGrid instanceof CellError) return targetGrid;
  const varianceMode = toMode(mode);
  if (varianceMode instanceof CellError) return varianceMode;
  return varianceGrid(actualGrid, targetGrid, varianceMode);
}

/**
 * Top-down targets for every node (see `cascadeTargets`), aligned with `ids`. `weights` has one column
 * for all periods or one per column of `targets`; omitted, every split is even. `decimals` omitted:
 * exact shares.
 */
export function cascade(
  ids: unknown,
  parents: unknown,
  targets: unknown,
  weights: unknown,
  decimals?: unknown,
): FormulaResult {
  const idColumn = toColumn("ids", ids);
  if (idColumn instanceof CellError) return idColumn;
  const parentColumn = toColumn("parents", parents);
  if (parentColumn instanceof CellError) return parentColumn;
  const targetGrid = toGrid("targets", targets);
  if (targetGrid instanceof CellError) return targetGrid;
  const weightGrid = weights === null || weights === undefined ? idColumn.map(() => [0]) : toGrid("weights", weights);
  if (weightGrid instanceof CellError) return weightGrid;
  const places = toDecimals(decimals);
  if (places instanceof CellError) return places;

  const built = Hierarchy.build(idColumn, parentColumn);
  if (!built.ok) {
    const listed = built.problems.slice(0, LISTED_PROBLEMS).map((problem) => problem.message);
    const more = built.problems.length - listed.length;
    if (more > 0) listed.push(messages.moreProblems(more));
    return valueError(listed.join("; "));
  }
  return cascadeTargets(built.hierarchy, targetGrid, weightGrid, places);
}

function valueError(message: string): CellError {
  return new CellError("VALUE", message);
}

/** A range as rows of cells; a lone value is a 1x1 range. Empty or ragged arrays are not ranges. */
function toGrid(what: string, value: unknown): Cells | CellError {
  if (!Array.isArray(value)) return [[value]];
  if (value.length === 0) return valueError(allocationMessages.emptyRange(what));
  const first: unknown = value[0];
  if (!Array.isArray(first)) return valueError(allocationMessages.notARange(what));
  if (first.length === 0) return valueError(allocationMessages.emptyRange(what));
  for (const row of value as unknown[]) {
    if (!Array.isArray(row) || row.length !== first.length) {
      return valueError(allocationMessages.notARange(what));
    }
  }
  return value as Cells;
}

/** The cells of a one-column range, top to bottom. */
function toColumn(what: string, value: unknown): unknown[] | CellError {
  const grid = toGrid(what, value);
  if (grid instanceof CellError) return grid;
  if (grid[0].length !== 1) return valueError(allocationMessages.notOneColumn(what, shape(grid)));
  return grid.map((row) => row[0]);
}

/** The one cell of a value or one-cell range; a CellError for a larger range, or the error value given. */
function toSingleCell(what: string, value: unknown): unknown {
  const grid = toGrid(what, value);
  if (grid instanceof CellError) return grid;
  if (grid.length !== 1 || grid[0].length !== 1) {
    return valueError(allocationMessages.notOneCell(what, shape(grid)));
  }
  return grid[0][0];
}

/** undefined when omitted (the caller picks the default). An error value passed in comes back as it is. */
function toDecimals(value: unknown): number | undefined | CellError {
  const cell = toSingleCell("decimals", value);
  if (cell instanceof CellError) return cell;
  if (isBlank(cell)) return undefined;
  if (typeof cell !== "number") {
    return valueError(allocationMessages.badDecimals(describe(cell), MIN_DECIMALS, MAX_DECIMALS));
  }
  const problem = decimalsProblem(cell);
  return problem === undefined ? cell : valueError(problem);
}

function toMode(value: unknown): VarianceMode | CellError {
  const cell = toSingleCell("mode", value);
  if (cell instanceof CellError) return cell;
  if (isBlank(cell)) return "abs";
  const mode =
    typeof cell === "string" ? VARIANCE_MODES.find((known) => known === cell.trim().toLowerCase()) : undefined;
  return mode ?? valueError(allocationMessages.notAChoice("mode", VARIANCE_MODES, describe(cell)));
}

function shape(grid: Cells): string {
  return `${grid.length}x${grid[0].length}`;
}

/** A cell as a message shows it: 12, "abc", TRUE, blank. Error values never get here: they pass through. */
function describe(cell: unknown): string {
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "string") return cell.trim() === "" ? "blank" : `"${cell}"`;
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  if (cell === null || cell === undefined) return "blank";
  return "not a cell value";
}
