/**
 * ALLOCATE, VARIANCE and CASCADE as formulas: arguments as Excel's custom functions runtime (or
 * HyperFormula) passes them, read by ./args as for every BU.* function, then the core does the
 * maths. Whatever comes in, the answer is a grid or a CellError; nothing throws.
 */
import { allocate, allocationProblem } from "../allocation";
import { cascadeShapeProblem, cascadeTargets, evenShareWeights } from "../cascade";
import { asNumber, CellError, type FormulaResult, type ResultCell } from "../cell";
import { allocationMessages } from "../messages";
import { varianceGrid } from "../variance";
import {
  isOmitted,
  parseDecimals,
  parseFlag,
  parseMode,
  parseNumber,
  parseOverAssignment,
  toHierarchy,
  toIds,
  toRange,
  toParents,
  toValueRows,
  type Rows,
} from "./args";

/** The weight of every row when CASCADE's weights are omitted: all 0, so every split is even. */
const NO_WEIGHT: readonly unknown[] = [0];

/**
 * `total` split across the numeric cells of `weights` by largest remainder (see `allocate`), in the
 * shape of `weights`; blank and text weights get "", and a 0 is a weight of 0. An error weight fills
 * every cell. `decimals` defaults to 0.
 */
export function allocateFormula(total: unknown, weights: unknown, decimals?: unknown): FormulaResult {
  const places = parseDecimals(decimals);
  if (places instanceof CellError) return places;
  const amount = parseNumber(total, "total");
  if (amount instanceof CellError) return amount;
  const grid = toRange(weights, "weights");
  if (grid instanceof CellError) return grid;
  const problem = allocationProblem(amount, places ?? 0);
  if (problem !== undefined) return new CellError("VALUE", problem);

  const numeric: number[] = [];
  for (let r = 0; r < grid.length; r++) {
    for (let c = 0; c < grid[r].length; c++) {
      const cell = grid[r][c];
      const weight = asNumber(cell);
      // Every part is a share of the sum of the weights, so an error weight shows in every cell, as
      // in =A1:A9/SUM(A1:A9).
      if (cell instanceof CellError) return grid.map((row) => row.map(() => cell));
      if (weight === undefined) continue;
      if (weight < 0) return new CellError("VALUE", allocationMessages.negativeWeight(r + 1, c + 1, weight));
      numeric.push(weight);
    }
  }
  if (numeric.length === 0) return new CellError("VALUE", allocationMessages.noWeights);

  const parts = allocate(amount, numeric, places ?? 0);
  let next = 0;
  return grid.map((row) => row.map((cell): ResultCell => (asNumber(cell) === undefined ? "" : parts[next++])));
}

/**
 * `actual` against `target` cell by cell (see `varianceOf`); same shapes, or a single cell on either side.
 * `mode`: "abs" (default), "pct" or "ratio", any case.
 */
export function variance(actual: unknown, target: unknown, mode?: unknown): FormulaResult {
  const how = parseMode(mode);
  if (how instanceof CellError) return how;
  const actualRows = toRange(actual, "actual");
  if (actualRows instanceof CellError) return actualRows;
  const targetRows = toRange(target, "target");
  if (targetRows instanceof CellError) return targetRows;
  return varianceGrid(actualRows, targetRows, how);
}

/**
 * Top-down targets for every node (see `cascadeTargets`), aligned with `ids`. ids and parents are read
 * as ROLLUP reads them (a column or a row), and targets and weights as ROLLUP reads values. `weights`
 * has one column for all periods or one per column of `targets`; omitted, every split is even.
 * `decimals` omitted: exact shares.
 *
 * Blanks: Excel on Windows and Mac pass an empty cell as 0 (office-js #4702, #5262), so by default
 * a 0 target is no target and a blank weight is 0, which gives the same answer on every host. With
 * `exactBlanks` TRUE the caller says blanks arrive as empty text (`IF(ISBLANK(r),"",r)`, as the
 * report writes them): a 0 target is then a held target of 0, and a blank weight gets an even share
 * (`evenShareWeights`), as the task pane's guidance does.
 *
 * `overAssignment` (1.1 or 110 %; omitted, blank or 0: none) is the plan's over-assignment: every
 * split shares the parent's target / overAssignment (see `cascadeTargets`).
 */
export function cascade(
  ids: unknown,
  parents: unknown,
  targets: unknown,
  weights: unknown,
  decimals?: unknown,
  exactBlanks?: unknown,
  overAssignment?: unknown,
): FormulaResult {
  const places = parseDecimals(decimals);
  if (places instanceof CellError) return places;
  const exact = parseFlag(exactBlanks, "exactBlanks");
  if (exact instanceof CellError) return exact;
  const over = parseOverAssignment(overAssignment);
  if (over instanceof CellError) return over;
  const idCells = toIds(ids);
  if (idCells instanceof CellError) return idCells;
  const parentCells = toParents(parents);
  if (parentCells instanceof CellError) return parentCells;
  const targetRows = toValueRows(targets, idCells, "targets");
  if (targetRows instanceof CellError) return targetRows;
  const weightRows: Rows | CellError = isOmitted(weights)
    ? new Array<readonly unknown[]>(idCells.cells.length).fill(NO_WEIGHT)
    : toValueRows(weights, idCells, "weights");
  if (weightRows instanceof CellError) return weightRows;
  const shapeProblem = cascadeShapeProblem(idCells.cells.length, targetRows, weightRows);
  if (shapeProblem !== undefined) return shapeProblem;
  const hierarchy = toHierarchy(idCells, parentCells);
  if (hierarchy instanceof CellError) return hierarchy;
  if (exact) return cascadeTargets(hierarchy, targetRows, evenShareWeights(hierarchy, weightRows), places, false, over);
  return cascadeTargets(hierarchy, targetRows, weightRows, places, true, over);
}
