/**
 * Setup sources as both implementations read and select them: which cells of a selection are
 * read, and which sheet row is a given row of a source.
 */
import { intersect, localAddress, parseAddress, type CellRange } from "../core/a1";
import { layoutMessages } from "../core/messages";
import type { SourceRef } from "./PlanWorkbook";

/** A selection as a setup source: the cells in use within it (null: none), and where they are. */
export interface SelectedCells {
  readonly cells: CellRange | null;
  readonly ref: SourceRef;
  /** As `SourceTable.firstRow`. */
  readonly firstRow: number;
}

/** What of `selection` to read, given the sheet's `used` range (null for an empty sheet). */
export function selectedCells(selection: CellRange, used: CellRange | null): SelectedCells {
  const cells = used === null ? null : intersect(selection, used);
  // The ref is the cells read, so that row N of `rows` is row N of the ref ("go to row").
  const read = cells ?? selection;
  return { cells, ref: { kind: "range", sheet: read.sheet, address: localAddress(read) }, firstRow: read.row + 1 };
}

/** The cells a range source names; throws when its address is not one. */
export function rangeSourceCells(source: Extract<SourceRef, { kind: "range" }>): CellRange {
  const range = parseAddress(source.address, source.sheet);
  if (range === null) throw new Error(layoutMessages.noSuchSheet(`${source.sheet}!${source.address}`));
  return range;
}

/** Row `row` (1-based, header included) of a source over `range`; throws when it is outside. */
export function sourceRow(range: CellRange, row: number): CellRange {
  if (!Number.isInteger(row) || row < 1 || row > range.rowCount)
    throw new Error(layoutMessages.rowOutsideSource(row, range.rowCount));
  return { ...range, row: range.row + row - 1, rowCount: 1 };
}
