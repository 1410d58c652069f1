import { CellError } from "./cell";
import type { Hierarchy } from "./hierarchy/hierarchy";
import { messages } from "./messages";

export type RollupMethod = "sum" | "count" | "avg" | "min" | "max";

export const ROLLUP_METHODS: readonly RollupMethod[] = ["sum", "count", "avg", "min", "max"];

/** Rows of cells aligned with the hierarchy's input rows; a row shorter than `columns` is blank past its end. */
export type ValueRows = readonly (readonly unknown[])[];

const NONE = -1;
const NO_ERROR = -1;

/**
 * Where values hold errors: per cell (node-major), the input row of the error that shows there, the
 * first in sheet order among the node's own value and its descendants', as SUM over those cells
 * would show the first error in its range.
 */
class Errors {
  constructor(
    readonly row: Int32Array,
    private readonly values: ValueRows,
    private readonly columns: number,
  ) {}

  at(cell: number): CellError {
    return this.values[this.row[cell]][cell % this.columns] as CellError;
  }
}

/**
 * Bound once because they run per cell: where a call goes through a module getter (bundlers' CommonJS
 * interop) or a global lookup (VM contexts such as jest's), that costs more than the work itself.
 */
const isFiniteNumber = Number.isFinite;

/**
 * Every node's aggregate of its own value and all its descendants' values, per column.
 * Aggregates are stored node-major in typed arrays (`node * columns + column`) so a 100,000 x 12
 * rollup is two flat passes and a million cells never become a million objects.
 */
export class Rollup {
  /** Shared by every cell that has one, so reading a large result allocates no errors per cell. */
  private readonly nothingToAverage = new CellError("DIV0", messages.nothingToAverage);
  private readonly overflow = new CellError("NUM", messages.tooLarge);
  /** Rows made so far that hold an error (see `errorRows`). */
  private rowsWithErrors = 0;

  constructor(
    readonly method: RollupMethod,
    readonly columns: number,
    /** sum for sum/avg, minimum for min, maximum for max (±Infinity where nothing counted); unused for count */
    private readonly totals: Float64Array,
    /** numbers counted, for count and avg */
    private readonly counts: Float64Array | undefined,
    /** per cell, the error that shows there (see `rollup`); undefined when no value is an error */
    private readonly errors: Errors | undefined = undefined,
  ) {}

  /**
   * The node's aggregate in one column: a number, the error of a value below it, `#DIV/0!` for avg of
   * nothing, `#NUM!` if it overflows.
   */
  cell(node: number, column: number): number | CellError {
    const at = node * this.columns + column;
    if (this.errors !== undefined && this.errors.row[at] !== NO_ERROR) return this.errors.at(at);
    switch (this.method) {
      case "count":
        return (this.counts as Float64Array)[at];
      case "avg": {
        const count = (this.counts as Float64Array)[at];
        if (count === 0) return this.nothingToAverage;
        return this.finite(this.totals[at] / count);
      }
      case "min":
      case "max": {
        // Values are finite, so an infinite extreme means nothing was counted: 0, as Excel's MIN/MAX.
        const extreme = this.totals[at];
        return isFiniteNumber(extreme) ? extreme : 0;
      }
      default:
        return this.finite(this.totals[at]);
    }
  }

  /** How many of the rows `row` has made so far hold an error; the rest hold finite numbers only. */
  get errorRows(): number {
    return this.rowsWithErrors;
  }

  /** The node's aggregates across all columns, as a new row. */
  row(node: number): (number | CellError)[] {
    if (this.errors === undefined) {
      if (this.method === "sum") return this.sumRow(node);
      if (this.method === "avg") return this.avgRow(node);
      if (this.method === "min" || this.method === "max") return this.extremeRow(node);
    }
    const columns = this.columns;
    const row = new Array<number | CellError>(columns);
    let error = false;
    for (let column = 0; column < columns; column++) {
      const cell = this.cell(node, column);
      if (cell instanceof CellError) error = true;
      row[column] = cell;
    }
    if (error) this.rowsWithErrors++;
    return row;
  }

  /** The common case, built without a per-cell dispatch on the method. */
  private sumRow(node: number): (number | CellError)[] {
    const columns = this.columns;
    const totals = this.totals;
    const base = node * columns;
    const row = new Array<number | CellError>(columns);
    let error = false;
    for (let column = 0; column < columns; column++) {
      const total = totals[base + column];
      // Two stores, not one of `finite ? number : error`: a value that may be either is boxed.
      if (isFiniteNumber(total)) row[column] = total;
      else {
        row[column] = this.overflow;
        error = true;
      }
    }
    if (error) this.rowsWithErrors++;
    return row;
  }

  /**
   * As common in reports, and as fast as sum. A row of numbers only is made apart from a row with
   * an error in it: V8 learns per place an array is made what it will hold, and once one row there
   * held an error it would store every later row's numbers as separate heap objects.
   */
  private avgRow(node: number): (number | CellError)[] {
    const columns = this.columns;
    const totals = this.totals;
    const counts = this.counts as Float64Array;
    const base = node * columns;
    let numbers = true;
    for (let column = 0; column < columns; column++) {
      const count = counts[base + column];
      if (count === 0 || !isFiniteNumber(totals[base + column] / count)) {
        numbers = false;
        break;
      }
    }
    if (numbers) {
      const row = new Array<number>(columns);
      for (let column = 0; column < columns; column++) row[column] = totals[base + column] / counts[base + column];
      return row;
    }
    // Here a count is 0 or an average is not finite: the row holds an error.
    this.rowsWithErrors++;
    const row = new Array<number | CellError>(columns);
    for (let column = 0; column < columns; column++) {
      const count = counts[base + column];
      const average = totals[base + column] / count;
      if (count === 0) row[column] = this.nothingToAverage;
      else if (isFiniteNumber(average)) row[column] = average;
      else row[column] = this.overflow;
    }
    return row;
  }

  private extremeRow(node: number): number[] {
    const columns = this.columns;
    const totals = this.totals;
    const base = node * columns;
    const row = new Array<number>(columns);
    for (let column = 0; column < columns; column++) {
      // Values are finite, so an infinite extreme means nothing was counted: 0, as Excel's MIN/MAX.
      const extreme = totals[base + column];
      if (isFiniteNumber(extreme)) row[column] = extreme;
      else row[column] = 0;
    }
    return row;
  }

  private finite(value: number): number | CellError {
    return isFiniteNumber(value) ? value : this.overflow;
  }
}

/**
 * Aggregates `values` (rows aligned with the hierarchy's input rows, `columns` wide) up the tree.
 * Only finite numbers count, as SUM does. An error value (a `CellError`) shows in the cells whose
 * aggregate includes it, that node's and its ancestors' in its column, as in SUM (SPEC section 6);
 * "count" skips errors as COUNT does. Rows whose id is blank are not in the hierarchy and are
 * ignored. Runs in O(nodes x columns): each node's own values are read once, then nodes are folded
 * into their parents in reverse `topDown` order, which visits every child before its parent.
 */
export function rollup(hierarchy: Hierarchy, values: ValueRows, columns: number, method: RollupMethod): Rollup {
  const size = hierarchy.nodeCount * columns;
  // count needs no totals, sum none of the counts; avg needs both.
  const totals = new Float64Array(method === "count" ? 0 : size);
  const counts = method === "count" || method === "avg" ? new Float64Array(size) : undefined;
  if (method === "min") totals.fill(Infinity);
  if (method === "max") totals.fill(-Infinity);
  const errorRow = ownValues(hierarchy, values, columns, method === "count" ? undefined : totals, counts);

  // One loop per method: a loop that asks which method it runs, per node, is several times slower.
  const { topDown: order, parent } = hierarchy;
  if (method === "min") foldMin(order, parent, columns, totals);
  else if (method === "max") foldMax(order, parent, columns, totals);
  else if (method !== "count") foldSum(order, parent, columns, totals);
  if (counts !== undefined) foldSum(order, parent, columns, counts);
  if (errorRow !== undefined) foldErrors(order, parent, columns, errorRow);

  return new Rollup(
    method,
    columns,
    totals,
    counts,
    errorRow === undefined ? undefined : new Errors(errorRow, values, columns),
  );
}

/**
 * Stores each node's own values: a finite number in `totals` (a sum, minimum and maximum of one) and
 * a 1 in `counts`. Returns where errors are, per cell, unless `totals` is omitted (count: COUNT skips
 * error values; SUM, AVERAGE, MIN and MAX show them).
 */
function ownValues(
  hierarchy: Hierarchy,
  values: ValueRows,
  columns: number,
  totals: Float64Array | undefined,
  counts: Float64Array | undefined,
): Int32Array | undefined {
  const nodeCount = hierarchy.nodeCount;
  const nodeRow = hierarchy.nodeRow;
  let errorRow: Int32Array | undefined;
  for (let node = 0; node < nodeCount; node++) {
    const row = values[nodeRow[node]];
    const base = node * columns;
    for (let column = 0; column < columns; column++) {
      const cell = row[column];
      if (typeof cell === "number" && isFiniteNumber(cell)) {
        if (totals !== undefined) totals[base + column] = cell;
        if (counts !== undefined) counts[base + column] = 1;
      } else if (totals !== undefined && cell instanceof CellError) {
        (errorRow ??= new Int32Array(nodeCount * columns).fill(NO_ERROR))[base + column] = nodeRow[node];
      }
    }
  }
  return errorRow;
}

function foldSum(order: Int32Array, parent: Int32Array, columns: number, into: Float64Array): void {
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    const up = parent[node];
    if (up === NONE) continue;
    const from = node * columns;
    const to = up * columns;
    for (let column = 0; column < columns; column++) into[to + column] += into[from + column];
  }
}

function foldMin(order: Int32Array, parent: Int32Array, columns: number, into: Float64Array): void {
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    const up = parent[node];
    if (up === NONE) continue;
    const from = node * columns;
    const to = up * columns;
    for (let column = 0; column < columns; column++) {
      if (into[from + column] < into[to + column]) into[to + column] = into[from + column];
    }
  }
}

function foldMax(order: Int32Array, parent: Int32Array, columns: number, into: Float64Array): void {
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    const up = parent[node];
    if (up === NONE) continue;
    const from = node * columns;
    const to = up * columns;
    for (let column = 0; column < columns; column++) {
      if (into[from + column] > into[to + column]) into[to + column] = into[from + column];
    }
  }
}

/** The first error in sheet order wins, as SUM over the cells would show it. */
function foldErrors(order: Int32Array, parent: Int32Array, columns: number, errorRow: Int32Array): void {
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    const up = parent[node];
    if (up === NONE) continue;
    const from = node * columns;
    const to = up * columns;
    for (let column = 0; column < columns; column++) {
      const below = errorRow[from + column];
      const here = errorRow[to + column];
      if (below !== NO_ERROR && (here === NO_ERROR || below < here)) errorRow[to + column] = below;
    }
  }
}
