/**
 * The starting choice of a three-way merge: each period (and the comment) compared with what both
 * people started from (the row as the user read it). What only the other person changed keeps
 * theirs, what only I changed keeps mine, and what both changed to different values is left
 * undecided (null): the user must choose, so nobody's change is reverted without being seen.
 */
import { threeWaySide, type MergeChoice, type Side } from "../../../core/sharing/conflicts";
import type { NodeEntry } from "../../../core/plan/types";

export interface DraftChoice {
  readonly periods: readonly (Side | null)[];
  readonly comment: Side | null;
}

export function defaultChoice(
  base: NodeEntry | null,
  mine: NodeEntry,
  theirs: NodeEntry | null,
  periodCount: number,
): DraftChoice {
  if (theirs === null) return { periods: new Array<Side>(periodCount).fill("mine"), comment: "mine" };
  const value = (entry: NodeEntry | null, p: number): number | null => entry?.values[p] ?? null;
  return {
    periods: Array.from({ length: periodCount }, (_, p) =>
      threeWaySide(value(base, p), value(mine, p), value(theirs, p)),
    ),
    comment: threeWaySide(base?.comment ?? "", mine.comment, theirs.comment),
  };
}

/** The choice to save, or null while a period changed on both sides is still undecided. */
export function completeChoice(choice: DraftChoice): MergeChoice | null {
  if (choice.comment === null || choice.periods.some((side) => side === null)) return null;
  return { periods: choice.periods as Side[], comment: choice.comment };
}
