/**
 * Resolving a save that a co-author overtook (see `PlanWorkbook.saveEntries`): the user keeps their
 * version, takes the other one, or chooses per period. Keeping "mine" applies the user's action
 * again on top of the co-author's row, so the workflow rules still hold (a contributor can't
 * overwrite an approval their manager made meanwhile) and the audit entries describe the change
 * from what is really in the workbook now.
 */
import { sharingMessages } from "../messages";
import type { ActionResult } from "../plan/workflow";
import type { AuditEntry, NodeEntry, PeriodValues } from "../plan/types";

/** A row the user tried to save and a co-author changed meanwhile (as `saveEntries` reports it). */
export interface Conflict {
  readonly id: string;
  readonly mine: NodeEntry;
  /** null when the node was removed from the plan. */
  readonly theirs: NodeEntry | null;
}

/** A row to save and the row it must still find in the workbook. */
export interface ResolvedChange {
  readonly expected: NodeEntry | null;
  readonly next: NodeEntry;
}

export type Side = "mine" | "theirs";

/** Which version each period's value and the comment come from. */
export interface MergeChoice {
  /** Index-aligned with the plan's periods. */
  readonly periods: readonly Side[];
  readonly comment: Side;
}

/**
 * The user's action once more, on top of `theirs` with the values and comment chosen: a
 * contributor's save or submit, or a manager's approve or return (which ignores values).
 */
export type Redo = (theirs: NodeEntry, values: PeriodValues, comment: string) => ActionResult;

export type Resolution =
  | {
      readonly ok: true;
      /** What to save; null when theirs already is what the user wanted. */
      readonly change: ResolvedChange | null;
      readonly audit: readonly AuditEntry[];
    }
  | { readonly ok: false; readonly message: string };

/**
 * The starting side of one field of a three-way merge: mine when both agree or only I changed it,
 * theirs when only they did, null (the user must choose) when both changed it differently.
 */
export function threeWaySide<T>(base: T, mine: T, theirs: T): Side | null {
  if (mine === theirs) return "mine";
  if (mine === base) return "theirs";
  if (theirs === base) return "mine";
  return null;
}

/** Keep every value and the comment from one side. */
export function choiceOf(side: Side, periodCount: number): MergeChoice {
  return { periods: new Array<Side>(periodCount).fill(side), comment: side };
}

/** Per period, whether the two versions hold different values. */
export function differingPeriods(conflict: Conflict, periodCount: number): boolean[] {
  return Array.from(
    { length: periodCount },
    (_, p) => (conflict.mine.values[p] ?? null) !== (conflict.theirs?.values[p] ?? null),
  );
}

/** The values and comment the choice keeps from each side. */
export function mergedValues(
  mine: NodeEntry,
  theirs: NodeEntry,
  choice: MergeChoice,
): { readonly values: (number | null)[]; readonly comment: string } {
  const count = Math.max(mine.values.length, theirs.values.length, choice.periods.length);
  const values = Array.from({ length: count }, (_, p) =>
    choice.periods[p] === "theirs" ? (theirs.values[p] ?? null) : (mine.values[p] ?? null),
  );
  return { values, comment: choice.comment === "theirs" ? theirs.comment : mine.comment };
}

/**
 * What to write for one conflict under `choice`, to be saved with the co-author's row as the
 * expected one; or why it can't be (the node is gone, or the workflow refuses the action now).
 * `name` is the node's name for the message.
 */
export function resolveConflict(conflict: Conflict, choice: MergeChoice, redo: Redo, name: string): Resolution {
  const { theirs } = conflict;
  if (theirs === null) return { ok: false, message: sharingMessages.nodeDeleted(name) };
  const merged = mergedValues(conflict.mine, theirs, choice);
  const outcome = redo(theirs, merged.values, merged.comment);
  if (!outcome.ok) return { ok: false, message: outcome.message };
  if (outcome.audit.length === 0) return { ok: true, change: null, audit: [] };
  return { ok: true, change: { expected: theirs, next: outcome.entry }, audit: outcome.audit };
}
