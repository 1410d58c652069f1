/**
 * The optimistic checks both workbook implementations make before a save: a row that no longer
 * holds what the user read was changed by someone else since, and is not overwritten.
 */
import type { NodeEntry, PeriodValues } from "../core/plan/types";
import { sameStoredState } from "../core/plan/layout";
import type { EntryChange, EntryConflict, TopDownChange, TopDownConflict } from "./PlanWorkbook";

/** Whether two rows of period values are equal in every period; a missing row or cell is blank. */
export function sameValues(a: PeriodValues | null, b: PeriodValues | null, periodCount: number): boolean {
  for (let p = 0; p < periodCount; p++) if ((a?.[p] ?? null) !== (b?.[p] ?? null)) return false;
  return true;
}

/**
 * The changes `saveEntries` must not write, each with its node's row as it is now: those whose
 * node left the hierarchy (`current` gives undefined) and those whose row no longer holds what
 * was read in any stored field (`sameStoredState`; `current` gives the row, or null when the node
 * has none).
 */
export function entryConflicts(
  changes: readonly EntryChange[],
  current: (change: EntryChange, index: number) => NodeEntry | null | undefined,
  periodCount: number,
): EntryConflict[] {
  const conflicts: EntryConflict[] = [];
  changes.forEach((change, i) => {
    const theirs = current(change, i);
    if (theirs === undefined || !sameStoredState(change.expected, theirs, periodCount))
      conflicts.push({ id: change.next.id, mine: change.next, theirs: theirs ?? null });
  });
  return conflicts;
}

/**
 * The changes `saveTopDown` must not write: those whose node's targets differ, in any period,
 * from what was read (`current` gives the row now, null when the node has none; a missing row
 * and a row of blanks are the same).
 */
export function topDownConflicts(
  changes: readonly TopDownChange[],
  current: (change: TopDownChange, index: number) => PeriodValues | null,
  periodCount: number,
): TopDownConflict[] {
  const conflicts: TopDownConflict[] = [];
  changes.forEach((change, i) => {
    const theirs = current(change, i);
    if (!sameValues(change.expected, theirs, periodCount))
      conflicts.push({ id: change.id, mine: change.values, theirs });
  });
  return conflicts;
}
