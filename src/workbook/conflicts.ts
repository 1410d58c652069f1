import { sameStoredState } from "../core/plan/layout";
import type { NodeEntry } from "../core/plan/types";
import type { EntryChange, EntryConflict } from "./PlanWorkbook";

/**
 * The changes `saveEntries` must not write, each with its node's row as it is now: those whose
 * node left the hierarchy (`current` gives undefined) and those whose row no longer holds what
 * was read (`current` gives the row, or null when the node has none).
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
