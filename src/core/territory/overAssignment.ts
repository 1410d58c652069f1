/**
 * Over-assignment: how far a manager's target may stand above the sum of their team's (a plan
 * setting, 100 %–300 %). Apart from capacity.ts so that reading the plan's settings (in the task
 * pane's first view) does not load the capacity and rollup code.
 */
import { asNumber, isBlank } from "../cell";
import { planMessages } from "../messages";

/** No over-assignment: a team's targets add up to their manager's. */
export const NO_OVER_ASSIGNMENT = 1;
const MAX_OVER_ASSIGNMENT = 3;

/**
 * The plan's over-assignment setting as a fraction (1.1 = 110 %): how far a manager's target may
 * stand above the sum of their team's. Blank is none (100 %). Anything outside 100 %–300 % (110
 * typed for 110 %, an under-assignment below 100 %) is a message saying what to enter.
 */
export function readOverAssignment(
  cell: unknown,
): { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string } {
  if (isBlank(cell)) return { ok: true, value: NO_OVER_ASSIGNMENT };
  const value = asNumber(cell);
  if (value === undefined || value < NO_OVER_ASSIGNMENT || value > MAX_OVER_ASSIGNMENT) {
    return { ok: false, message: planMessages.overAssignment(cell) };
  }
  return { ok: true, value };
}

/**
 * What a node's children share of its target under over-assignment: target / overAssignment, so
 * with 110 % a manager holding 1,100 passes 1,000 down and the team's targets add up to 1,000.
 *
 * How CASCADE and allocation apply it (src/core/cascade.ts, src/core/reconcile/allocateGap.ts):
 * - CASCADE: below a node with a target T, the unheld children share `childrenShare(T) − held
 *   children` instead of `T − held children`. It applies at every split, so over two levels the
 *   leaves add up to T / 1.1², which is what a 110 % policy at every manager means.
 * - Reconcile's allocation of a gap: the total handed to ALLOCATE for a node's children is
 *   `childrenShare` of the node's target (or of the gap); ALLOCATE itself is unchanged.
 * - Not applied: the variance of a parent still compares its bottom-up rollup with its own target,
 *   so a team that adds up to exactly its share shows about 9 % short at 110 % (README).
 */
export function childrenShare(parentTarget: number, overAssignment: number): number {
  return parentTarget / overAssignment;
}
