/**
 * Parents from outline levels (1 = root; a row's parent is the nearest row above it one level up),
 * for sheets and selections that have a level column or indentation instead of a parent column.
 */

/** A row's level, or null where the row is not part of the outline (a blank id or name). */
export type OutlineLevel = number | null;

export type OutlineProblem =
  /** Not a whole number from 1 up. */
  | { readonly kind: "notWhole"; readonly row: number; readonly level: number }
  /** The first row of the outline is not at level 1. */
  | { readonly kind: "firstLevel"; readonly row: number; readonly level: number }
  /** No row at level - 1 above it; `above` is the level of the outline row just above. */
  | { readonly kind: "jump"; readonly row: number; readonly level: number; readonly above: number };

export interface Outline {
  /** Per input row: the 0-based input row of its parent, or -1 for a root, a skipped or a refused row. */
  readonly parents: Int32Array;
  /** Every problem, in row order, rows 1-based within the input. */
  readonly problems: readonly OutlineProblem[];
}

const NONE = -1;

/**
 * One pass with a stack of the open rows (levels strictly increasing), so a 100,000-row outline is
 * linear and never recurses. A row that jumps levels is reported and still parented to the nearest
 * shallower row, and its own children are placed under it: one mistake gives one problem, not one
 * per row below it.
 */
export function parentsFromLevels(levels: readonly OutlineLevel[]): Outline {
  const parents = new Int32Array(levels.length).fill(NONE);
  const problems: OutlineProblem[] = [];
  const openRows: number[] = [];
  const openLevels: number[] = [];
  let seenAny = false;
  let above = 0;
  for (let row = 0; row < levels.length; row++) {
    const level = levels[row];
    if (level === null) continue;
    if (!Number.isInteger(level) || level < 1) {
      problems.push({ kind: "notWhole", row: row + 1, level });
      continue;
    }
    while (openLevels.length > 0 && openLevels[openLevels.length - 1] >= level) {
      openLevels.pop();
      openRows.pop();
    }
    const top = openLevels.length - 1;
    if (top >= 0) parents[row] = openRows[top];
    if (level > 1 && (top < 0 || openLevels[top] !== level - 1)) {
      problems.push(
        seenAny ? { kind: "jump", row: row + 1, level, above } : { kind: "firstLevel", row: row + 1, level },
      );
    }
    openLevels.push(level);
    openRows.push(row);
    seenAny = true;
    above = level;
  }
  return { parents, problems };
}
