/**
 * Capacity: what a node's reps can be expected to carry per period, set against its target.
 *
 * The input is a table of rep rows, each a group of alike reps on one node:
 *
 * | Node | Heads | Quota per head | Attainment | Ramp P1 | Ramp P2 | ... |
 * |------|-------|----------------|------------|---------|---------|-----|
 * | T1   | 3     | 100            | 90 %       |         |         |     |
 * | T1   | 1     | 100            | 90 %       | 25 %    | 50 %    | ... |
 *
 * says T1 has three ramped reps and a new hire ramping 25/50/75/100 %. A node may have any number
 * of rows (or none); a node without rows has no capacity of its own, only its team's.
 */
import { asNumber, isBlank, idText } from "../cell";
import type { Hierarchy } from "../hierarchy/hierarchy";
import { rollup, type Rollup } from "../rollup";
import { readAmount, type PercentCeiling } from "./amounts";
import { isOutside } from "./band";
import { territoryMessages, type TerritoryProblem } from "./messages";

/** One row of the capacity table, as cells. */
export interface CapacityRow {
  readonly node: unknown;
  /** Reps in the group; blank = 1. Fractions count part-time reps (0.5 = half an FTE). */
  readonly heads: unknown;
  /** What one fully ramped rep is expected to carry per period, in the plan's metric. Required. */
  readonly quota: unknown;
  /** Expected attainment as a fraction (0.9 = 90 %); blank = 100 %. */
  readonly attainment: unknown;
  /** Ramp per period as a fraction (0.25 = 25 %), index-aligned with the periods; blank or missing = 100 %. */
  readonly ramp: readonly unknown[];
}

/** A valid rep row. */
export interface RepGroup {
  readonly node: number;
  /** The sheet row it came from. */
  readonly row: number;
  readonly heads: number;
  readonly quota: number;
  readonly attainment: number;
  /** One per period. */
  readonly ramp: readonly number[];
}

export interface CapacityInputs {
  /** The valid rows; a row with any problem is left out. */
  readonly groups: readonly RepGroup[];
  readonly problems: readonly TerritoryProblem[];
}

export interface ReadOptions {
  /** The sheet row of `rows[0]`, so problems name the rows the user sees; 1 by default. */
  readonly firstRow?: number;
}

/** A new hire ramps up to full quota; more than 100 % is a typing slip (25 for 25 %). */
const RAMP_CEILING: PercentCeiling = { max: 1, shown: "100 %" };
/** Expected attainment above 200 % is almost certainly 90 typed for 90 %. */
const ATTAINMENT_CEILING: PercentCeiling = { max: 2, shown: "200 %" };

/**
 * Reads and checks the rep rows against the hierarchy: every problem names its row and how to fix it
 * (an unknown node, a negative head count, a quota that is text, a ramp of 25 meant as 25 %).
 * Rows with nothing in them are skipped.
 */
export function readCapacityRows(
  hierarchy: Hierarchy,
  rows: readonly CapacityRow[],
  periods: readonly string[],
  options: ReadOptions = {},
): CapacityInputs {
  const firstRow = options.firstRow ?? 1;
  const groups: RepGroup[] = [];
  const problems: TerritoryProblem[] = [];
  let rowHasProblem = false;
  const report = (row: number, message: string): void => {
    problems.push({ row, rows: [row], message });
    rowHasProblem = true;
  };
  rows.forEach((cells, index) => {
    const row = firstRow + index;
    if (isEmpty(cells)) return;
    rowHasProblem = false;
    if (isBlank(cells.node)) {
      report(row, territoryMessages.noNode("Capacity row", row));
      return;
    }
    const name = idText(cells.node).trim();
    const node = hierarchy.find(cells.node);
    if (node === undefined) {
      report(row, territoryMessages.unknownNode("Node", name, row));
      return;
    }
    const heads = readAmount(cells.heads, 1, `Heads of "${name}"`, row, report);
    let quota: number | undefined;
    if (isBlank(cells.quota)) report(row, territoryMessages.noQuota(name, row));
    else quota = readAmount(cells.quota, 0, `Quota per head of "${name}"`, row, report);
    const attainment = readAmount(cells.attainment, 1, `Attainment of "${name}"`, row, report, ATTAINMENT_CEILING);
    const ramp = periods.map(
      (period, p) => readAmount(cells.ramp[p], 1, `Ramp ${period} of "${name}"`, row, report, RAMP_CEILING) ?? 0,
    );
    if (rowHasProblem || heads === undefined || quota === undefined || attainment === undefined) return;
    groups.push({ node, row, heads, quota, attainment, ramp });
  });
  return { groups, problems };
}

function isEmpty(cells: CapacityRow): boolean {
  return (
    isBlank(cells.node) &&
    isBlank(cells.heads) &&
    isBlank(cells.quota) &&
    isBlank(cells.attainment) &&
    cells.ramp.every(isBlank)
  );
}

/** One group's capacity in a period: heads × quota × ramp × attainment. */
export function groupCapacity(group: RepGroup, period: number): number {
  return group.heads * group.quota * group.ramp[period] * group.attainment;
}

/**
 * Every node's capacity per period: its own rep groups plus those of every node below it, summed up
 * the hierarchy by the same rollup as BU.ROLLUP, so a manager's capacity is their team's.
 * `cell(node, period)` is a number, or `#NUM!` should a sum overflow.
 */
export function capacityByNode(hierarchy: Hierarchy, groups: readonly RepGroup[], periodCount: number): Rollup {
  const own: number[][] = Array.from({ length: hierarchy.rowCount }, () => new Array<number>(periodCount).fill(0));
  for (const group of groups) {
    const cells = own[hierarchy.nodeRow[group.node]];
    for (let p = 0; p < periodCount; p++) cells[p] += groupCapacity(group, p);
  }
  return rollup(hierarchy, own, periodCount, "sum");
}

/** A node's target against its capacity in one period. */
export interface Coverage {
  readonly target: number | null;
  readonly capacity: number;
  /** target / capacity (1 = fully covered); null without a target or without capacity. */
  readonly coverage: number | null;
  /**
   * "over": the target asks more than the reps can carry, beyond the tolerance (a target with no
   * capacity at all is over); "under": capacity is left unused beyond the tolerance.
   */
  readonly flag: "over" | "under" | null;
}

/** The target set against the capacity under the plan's tolerance (0.05 = ±5 %). */
export function coverage(target: number | null, capacity: number, tolerance: number): Coverage {
  if (target === null) return { target, capacity, coverage: null, flag: null };
  if (capacity === 0) {
    const flag = target > 0 ? "over" : target < 0 ? "under" : null;
    return { target, capacity, coverage: null, flag };
  }
  const ratio = target / capacity;
  const flag = isOutside(ratio, tolerance) ? (ratio > 1 ? "over" : "under") : null;
  return { target, capacity, coverage: ratio, flag };
}

export interface NodeCoverage {
  readonly node: number;
  readonly id: string;
  /** One per period. */
  readonly periods: readonly Coverage[];
}

/**
 * Coverage of every node in hierarchy order (as BU.TREE). `targets` holds one row per input row of
 * the hierarchy and one cell per period (the top-down targets, or the bottom-up ones); a cell that is
 * not a number is no target.
 */
export function coverageByNode(
  hierarchy: Hierarchy,
  capacity: Rollup,
  targets: readonly (readonly unknown[])[],
  tolerance: number,
): NodeCoverage[] {
  const periodCount = capacity.columns;
  const result: NodeCoverage[] = [];
  for (const node of hierarchy.order) {
    const cells = targets[hierarchy.nodeRow[node]] ?? [];
    const periods: Coverage[] = [];
    for (let p = 0; p < periodCount; p++) {
      const held = capacity.cell(node, p);
      periods.push(coverage(asNumber(cells[p]) ?? null, typeof held === "number" ? held : Number.NaN, tolerance));
    }
    result.push({ node, id: hierarchy.ids[node], periods });
  }
  return result;
}
