import { asNumber, CellError } from "./cell";
import type { Hierarchy } from "./hierarchy/hierarchy";
import { messages } from "./messages";

export type RollupMethod = "sum" | "count" | "avg" | "min" | "max";

export const ROLLUP_METHODS: readonly RollupMethod[] = ["sum", "count", "avg", "min", "max"];

/** Rows of cells aligned with the hierarchy's input rows; a row shorter than `columns` is blank past its end. */
export type ValueRows = readonly (readonly unknown[])[];

const NONE = -1;

/**
 * Bound once because they run per cell: where a call goes through a module getter (bundlers' CommonJS
 * interop) or a global lookup (VM contexts such as jest's), that costs more than the work itself.
 */
const readNumber = asNumber;
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

  constructor(
    readonly method: RollupMethod,
    readonly columns: number,
    /** sum for sum/avg, minimum for min, maximum for max (±Infinity where nothing counted); unused for count */
    private readonly totals: Float64Array,
    /** numbers counted, for count and avg */
    private readonly counts: Float64Array | undefined,
  ) {}

  /** The node's aggregate in one column: a number, `#DIV/0!` for avg of nothing, `#NUM!` if it overflows. */
  cell(node: number, column: number): number | CellError {
    const at = node * this.columns + column;
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

  /** The node's aggregates across all columns, as a new row. */
  row(node: number): (number | CellError)[] {
    const columns = this.columns;
    const row: (number | CellError)[] = [];
    if (this.method === "sum") {
      // The common case, built without a per-cell dispatch on the method.
      const totals = this.totals;
      const base = node * columns;
      for (let column = 0; column < columns; column++) {
        const total = totals[base + column];
        row[column] = isFiniteNumber(total) ? total : this.overflow;
      }
    } else {
      for (let column = 0; column < columns; column++) row[column] = this.cell(node, column);
    }
    return row;
  }

  private finite(value: number): number | CellError {
    return isFiniteNumber(value) ? value : this.overflow;
  }
}

/**
 * Aggregates `values` (rows aligned with the hierarchy's input rows, `columns` wide) up the tree.
 * Only finite numbers count, as SUM does. Rows whose id is blank are not in the hierarchy and are
 * ignored. Runs in O(nodes x columns): each node's own values are read once, then nodes are folded
 * into their parents in reverse hierarchy order, which visits every child before its parent.
 */
export function rollup(hierarchy: Hierarchy, values: ValueRows, columns: number, method: RollupMethod): Rollup {
  const nodeCount = hierarchy.nodeCount;
  const size = nodeCount * columns;
  const totals = new Float64Array(size);
  const counts = method === "count" || method === "avg" ? new Float64Array(size) : undefined;
  if (method === "min") totals.fill(Infinity);
  if (method === "max") totals.fill(-Infinity);

  const nodeRow = hierarchy.nodeRow;
  for (let node = 0; node < nodeCount; node++) {
    const row = values[nodeRow[node]];
    const base = node * columns;
    for (let column = 0; column < columns; column++) {
      const value = readNumber(row[column]);
      if (value === undefined) continue;
      // A node's own value is a sum, minimum and maximum of one.
      totals[base + column] = value;
      if (counts !== undefined) counts[base + column] = 1;
    }
  }

  const order = hierarchy.order;
  const parent = hierarchy.parent;
  for (let i = nodeCount - 1; i >= 0; i--) {
    const node = order[i];
    const up = parent[node];
    if (up === NONE) continue;
    const from = node * columns;
    const to = up * columns;
    if (method === "min") {
      for (let column = 0; column < columns; column++) {
        if (totals[from + column] < totals[to + column]) totals[to + column] = totals[from + column];
      }
    } else if (method === "max") {
      for (let column = 0; column < columns; column++) {
        if (totals[from + column] > totals[to + column]) totals[to + column] = totals[from + column];
      }
    } else {
      for (let column = 0; column < columns; column++) totals[to + column] += totals[from + column];
      if (counts !== undefined) {
        for (let column = 0; column < columns; column++) counts[to + column] += counts[from + column];
      }
    }
  }

  return new Rollup(method, columns, totals, counts);
}
