/** CASCADE: top-down targets pushed down a hierarchy, one column per period. */
import { allocationProblem, decimalsProblem, fromUnits, splitExactly, toUnits, UnitSplitter } from "./allocation";
import { asNumber, CellError, isBlank, plainGrid, type FormulaResult, type ResultCell } from "./cell";
import type { Hierarchy } from "./hierarchy/hierarchy";
import { allocationMessages, messages } from "./messages";
import { childrenShare, NO_OVER_ASSIGNMENT } from "./territory/overAssignment";

/** What a node holds in one period. */
const BLANK = 0;
/** Its own target. */
const HELD = 1;
/** A share of its parent's. */
const SHARED = 2;
/**
 * An error instead of a number: the node's own target is an error value, or its share could not be
 * computed (too large, or its parent's, a held sibling's or a weight is an error); carried down to
 * its unheld descendants.
 */
const FAILED = 3;

/**
 * Every node's top-down target, per column of `targets` (one per period), aligned with the hierarchy's
 * input rows; rows with a blank id give "".
 *
 * A number in `targets` is held: the node keeps it. Below a node that has a target (held or shared),
 * the children without one share what is left of it once the held children's targets are taken off,
 * which may be negative, in proportion to their `weights` (not a number counts as 0; all 0 splits
 * evenly). With `decimals` each split is rounded as `allocate` rounds it, so the shares add up exactly
 * to ROUND(what is left, decimals); without it the shares are exact. A node with no target of its own
 * and no ancestor with one gets "". When every child is held there is nothing to share and the
 * children's targets need not add up to their parent's.
 *
 * With `zeroIsNoTarget` (BU.CASCADE), the number 0 in `targets` is no target, like a blank: Excel on
 * the desktop passes an empty cell as 0 (office-js #4702, #5262), and one blank read as a held 0 would
 * zero a whole subtree. The pane, which reads a plan's targets with blanks as "", passes false: there a
 * 0 is a target of 0. An error value
 * in `targets` or `weights` shows, as in SUM, in every cell computed from it: a node with an error
 * target shows it, and so do its descendants without a target of their own and, in that period, the
 * siblings that share what is left after it; an error weight fails the split it takes part in.
 *
 * `weights` has one column for every period or one used for all. A negative weight counts as 0, like
 * a blank: weights are typically the bottom-up rollup, which is negative for a node that plans a loss
 * or returns, and the report's top-down column must not fail for the whole plan because of it.
 * `overAssignment` (1.1 = 110 %; 1, none, by default) is the plan's over-assignment: below a node
 * with target T the children without a target share `childrenShare(T) = T / overAssignment`, less the
 * held children's targets. It applies at every split, so over two levels the leaves add up to
 * T / 1.1², what a 110 % policy at every manager means. The caller checks it (`readOverAssignment`).
 * Parents come before children in `hierarchy.order`, so one pass per period reaches every node after
 * its parent, without recursion.
 */
export function cascadeTargets(
  hierarchy: Hierarchy,
  targets: readonly (readonly unknown[])[],
  weights: readonly (readonly unknown[])[],
  decimals?: number,
  zeroIsNoTarget = false,
  overAssignment = NO_OVER_ASSIGNMENT,
): FormulaResult {
  const rowCount = hierarchy.rowCount;
  const shapeProblem = cascadeShapeProblem(rowCount, targets, weights);
  if (shapeProblem !== undefined) return shapeProblem;
  const periods = rowCount === 0 ? 0 : targets[0].length;
  const weightColumns = rowCount === 0 ? 0 : weights[0].length;
  if (decimals !== undefined) {
    const problem = decimalsProblem(decimals);
    if (problem !== undefined) return new CellError("VALUE", problem);
  }

  const run = new CascadeRun(hierarchy, periods, weightColumns, decimals, overAssignment);
  run.read(targets, weights, zeroIsNoTarget);
  run.pushDown();
  return run.result();
}

/**
 * `weights` (rows aligned with the hierarchy's input rows) with every blank cell replaced by the
 * mean of its siblings' weights that are numbers (a negative one counting as 0), per column: a node
 * with no value yet then gets an even share of what its parent passes down (w = S/(n-k) gives each
 * of k such siblings 1/n), instead of nothing. Siblings that are all blank weigh 0, which splits
 * evenly. Roots are siblings of each other. Numbers, errors and text pass through unchanged.
 * What the pane's guidance and `BU.CASCADE(..., exactBlanks)` share.
 */
export function evenShareWeights(
  hierarchy: Hierarchy,
  weights: readonly (readonly unknown[])[],
): (readonly unknown[])[] {
  const { nodeCount, parent, rowNode } = hierarchy;
  const columns = weights.length === 0 ? 0 : weights[0].length;
  // Per parent (index nodeCount stands for "no parent") and column: sum and count of numeric weights.
  const groupSum = new Float64Array((nodeCount + 1) * columns);
  const groupCount = new Float64Array((nodeCount + 1) * columns);
  // Rows with a blank weight, found in the same pass: each cell is read once.
  const withBlank = new Uint8Array(weights.length);
  for (let r = 0; r < weights.length; r++) {
    const node = rowNode[r];
    if (node < 0) continue;
    const row = weights[r];
    const group = (parent[node] < 0 ? nodeCount : parent[node]) * columns;
    for (let c = 0; c < columns; c++) {
      const cell = row[c];
      const weight = readNumber(cell);
      if (weight === undefined) {
        if (blank(cell)) withBlank[r] = 1;
        continue;
      }
      groupSum[group + c] += weight > 0 ? weight : 0;
      groupCount[group + c] += 1;
    }
  }
  const even = new Array<readonly unknown[]>(weights.length);
  for (let r = 0; r < weights.length; r++) {
    const row = weights[r];
    const node = rowNode[r];
    even[r] = withBlank[r] === 0 ? row : evenRow(row, (parent[node] < 0 ? nodeCount : parent[node]) * columns);
  }
  return even;

  function evenRow(row: readonly unknown[], group: number): unknown[] {
    const filled = new Array<unknown>(row.length);
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!blank(cell)) filled[c] = cell;
      else filled[c] = groupCount[group + c] > 0 ? groupSum[group + c] / groupCount[group + c] : 0;
    }
    return filled;
  }
}

/**
 * Bound once because they run per cell: where a call goes through a module getter (bundlers' CommonJS
 * interop) or a global lookup (VM contexts such as jest's), that costs more than the work itself.
 */
const readNumber = asNumber;
const blank = isBlank;
const isFiniteNumber = Number.isFinite;

/**
 * Why `targets` and `weights` don't go with `rowCount` rows of ids, or undefined when they do: each has
 * one row per id, and weights one column for every period or one per column of targets.
 */
export function cascadeShapeProblem(
  rowCount: number,
  targets: readonly (readonly unknown[])[],
  weights: readonly (readonly unknown[])[],
): CellError | undefined {
  if (targets.length !== rowCount) {
    return new CellError("VALUE", messages.rowCountMismatch("targets", targets.length, rowCount));
  }
  if (weights.length !== rowCount) {
    return new CellError("VALUE", messages.rowCountMismatch("weights", weights.length, rowCount));
  }
  if (rowCount === 0) return undefined;
  const periods = targets[0].length;
  const weightColumns = weights[0].length;
  if (weightColumns !== 1 && weightColumns !== periods) {
    return new CellError("VALUE", allocationMessages.weightColumns(weightColumns, periods));
  }
  return undefined;
}

/** The state of one CASCADE call: every node's value and kind per period, node-major. */
class CascadeRun {
  private readonly value: Float64Array;
  private readonly kind: Uint8Array;
  private readonly weightOf: Float64Array;
  /** By cell (node * periods + period); failures are rare, so a map rather than a column of errors. */
  private readonly failures = new Map<number, CellError>();
  /** Error weights by node * weightColumns + column; their weightOf is NaN. */
  private readonly weightErrors = new Map<number, CellError>();
  // Buffers for one split, as wide as the widest family, reused by every split.
  private readonly members: Int32Array;
  private readonly memberWeights: Float64Array;
  private readonly parts: Float64Array;
  private readonly splitter = new UnitSplitter();

  constructor(
    private readonly hierarchy: Hierarchy,
    private readonly periods: number,
    private readonly weightColumns: number,
    private readonly decimals: number | undefined,
    private readonly overAssignment: number,
  ) {
    const nodeCount = hierarchy.nodeCount;
    this.value = new Float64Array(nodeCount * periods);
    this.kind = new Uint8Array(nodeCount * periods);
    this.weightOf = new Float64Array(nodeCount * weightColumns);
    const childCount = new Int32Array(nodeCount);
    let widest = 0;
    for (let node = 0; node < nodeCount; node++) {
      const parent = hierarchy.parent[node];
      if (parent >= 0 && ++childCount[parent] > widest) widest = childCount[parent];
    }
    this.members = new Int32Array(widest);
    this.memberWeights = new Float64Array(widest);
    this.parts = new Float64Array(widest);
  }

  /** Takes in the held targets (0 none if `zeroIsNoTarget`) and the weights; a negative weight counts as 0. */
  read(
    targets: readonly (readonly unknown[])[],
    weights: readonly (readonly unknown[])[],
    zeroIsNoTarget: boolean,
  ): void {
    const { periods, weightColumns } = this;
    for (let node = 0; node < this.hierarchy.nodeCount; node++) {
      const row = this.hierarchy.nodeRow[node];
      const weightRow = weights[row];
      for (let c = 0; c < weightColumns; c++) {
        const cell = weightRow[c];
        const weight = readNumber(cell) ?? 0;
        const at = node * weightColumns + c;
        this.weightOf[at] = weight > 0 ? weight : 0;
        if (cell instanceof CellError) {
          this.weightOf[at] = Number.NaN;
          this.weightErrors.set(at, cell);
        }
      }
      const targetRow = targets[row];
      for (let c = 0; c < periods; c++) {
        const cell = targetRow[c];
        const target = readNumber(cell);
        if (target !== undefined && (target !== 0 || !zeroIsNoTarget)) {
          this.value[node * periods + c] = target;
          this.kind[node * periods + c] = HELD;
        } else if (cell instanceof CellError) {
          this.kind[node * periods + c] = FAILED;
          this.failures.set(node * periods + c, cell);
        }
      }
    }
  }

  /** Parents before children, so each node's value is final before it is split. */
  pushDown(): void {
    const { hierarchy, periods, kind } = this;
    const { order, childStart } = hierarchy;
    for (let k = 0; k < order.length; k++) {
      const node = order[k];
      const first = childStart[node];
      const end = childStart[node + 1];
      if (first === end) continue;
      for (let c = 0; c < periods; c++) {
        const cell = node * periods + c;
        if (kind[cell] === BLANK) continue;
        const failure = kind[cell] === FAILED ? this.failures.get(cell) : this.split(first, end, c, this.value[cell]);
        if (failure !== undefined) this.fail(first, end, c, failure);
      }
    }
  }

  result(): ResultCell[][] {
    const { hierarchy } = this;
    const result: ResultCell[][] = new Array(hierarchy.rowCount);
    // Rows holding an error or a number Excel cannot hold: the Excel adapter checks only these.
    const otherRows: number[] = [];
    for (let row = 0; row < hierarchy.rowCount; row++) {
      const node = hierarchy.rowNode[row];
      const numbers = node < 0 ? undefined : this.numberRow(node);
      if (numbers !== undefined) result[row] = numbers;
      else {
        const cells = this.cellRow(node);
        if (!plainCells(cells)) otherRows.push(row);
        result[row] = cells;
      }
    }
    return plainGrid(result, otherRows);
  }

  /**
   * The node's row when every period holds a number, or undefined. Made apart from `cellRow`: V8
   * learns per place an array is made what it holds, and once a row made there held "" or an error
   * it stores every later row's numbers as separate heap objects (see rollup.ts, `avgRow`).
   */
  private numberRow(node: number): number[] | undefined {
    const { periods, kind, value } = this;
    const base = node * periods;
    for (let c = 0; c < periods; c++) {
      const number = value[base + c];
      // `x - x === 0` holds for finite numbers only.
      if (kind[base + c] === BLANK || kind[base + c] === FAILED || number - number !== 0) return undefined;
    }
    const row = new Array<number>(periods);
    for (let c = 0; c < periods; c++) row[c] = value[base + c];
    return row;
  }

  private cellRow(node: number): ResultCell[] {
    const { periods, kind } = this;
    const out: ResultCell[] = new Array(periods);
    for (let c = 0; c < periods; c++) {
      const cell = node * periods + c;
      if (node < 0 || kind[cell] === BLANK) out[c] = "";
      else if (kind[cell] === FAILED) out[c] = this.failures.get(cell) as CellError;
      else out[c] = this.value[cell];
    }
    return out;
  }

  /**
   * Shares the children's share of `parentValue`, less the held children's targets, among the other
   * children in period `c`; the children are `childList[first .. end)`.
   */
  private split(first: number, end: number, c: number, parentValue: number): CellError | undefined {
    const { periods, weightColumns, value, kind, members, memberWeights, parts, decimals } = this;
    const children = this.hierarchy.childList;
    const weightColumn = weightColumns === 1 ? 0 : c;
    let remaining = childrenShare(parentValue, this.overAssignment);
    let count = 0;
    let error: CellError | undefined;
    for (let i = first; i < end; i++) {
      const child = children[i];
      const childCell = child * periods + c;
      // Children are split before their own children, so a FAILED child here is one whose own
      // target is an error: what is left for its siblings is unknown.
      if (kind[childCell] === FAILED) {
        error ??= this.failures.get(childCell);
      } else if (kind[childCell] === HELD) {
        remaining -= value[childCell];
      } else {
        const weight = this.weightOf[child * weightColumns + weightColumn];
        if (weight !== weight) error ??= this.weightErrors.get(child * weightColumns + weightColumn);
        members[count] = child;
        memberWeights[count] = weight;
        count++;
      }
    }
    if (count === 0) return undefined;
    if (error !== undefined) return error;
    if (!isFiniteNumber(remaining)) return new CellError("NUM", messages.tooLarge);
    if (decimals === undefined) {
      splitExactly(remaining, memberWeights, count, parts);
    } else {
      const problem = allocationProblem(remaining, decimals);
      if (problem !== undefined) return new CellError("NUM", problem);
      this.splitter.split(toUnits(remaining, decimals), memberWeights, count, parts);
      for (let i = 0; i < count; i++) parts[i] = fromUnits(parts[i], decimals);
    }
    for (let i = 0; i < count; i++) {
      const childCell = members[i] * periods + c;
      value[childCell] = parts[i];
      kind[childCell] = SHARED;
    }
    return undefined;
  }

  /** The children without a target of their own get the error instead of a share. */
  private fail(first: number, end: number, c: number, failure: CellError): void {
    const children = this.hierarchy.childList;
    for (let i = first; i < end; i++) {
      const childCell = children[i] * this.periods + c;
      // Held children keep their targets, and children whose own target is an error keep that error.
      if (this.kind[childCell] === HELD || this.kind[childCell] === FAILED) continue;
      this.kind[childCell] = FAILED;
      this.failures.set(childCell, failure);
    }
  }
}

/** Whether a row holds finite numbers and text only. */
function plainCells(cells: readonly ResultCell[]): boolean {
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c];
    if (typeof cell !== "string" && (typeof cell !== "number" || cell - cell !== 0)) return false;
  }
  return true;
}
