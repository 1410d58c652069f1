/**
 * One node's row of the status, inputs or targets table: where its fields are, reading it,
 * writing it, and whether it still holds what was read.
 */
import { asNumber, idText } from "../../cell";
import { layoutMessages } from "../../messages";
import { STATUSES, type NodeEntry, type PeriodValues, type Status } from "../types";
import { emptyEntry } from "../entries";
import { cellText, toCellInput, type CellInput, type LayoutCell } from "./cells";
import { requireColumns } from "./grids";
import { ID_HEADER, SHEETS, STATUS_HEADERS } from "./names";
import type { LayoutProblem } from "./problems";

/** The columns of one node's status and values, by header; see `statusColumns`. */
export interface EntryColumns {
  readonly id: number;
  readonly status: number;
  readonly comment: number;
  readonly returnReason: number;
  readonly updatedAt: number;
  readonly updatedBy: number;
}

/** Where each status field is in the status table; null (with problems) if a column is missing. */
export function statusColumns(headers: readonly unknown[], problems: LayoutProblem[]): EntryColumns | null {
  const found = requireColumns("status", headers, STATUS_HEADERS, problems);
  if (found === null) return null;
  const [id, status, comment, returnReason, updatedAt, updatedBy] = found;
  return { id, status, comment, returnReason, updatedAt, updatedBy };
}

/** The Id column then each period's column in the inputs or targets table; null (with problems) if one is missing. */
export function periodColumns(
  table: "inputs" | "targets",
  headers: readonly unknown[],
  periods: readonly string[],
  problems: LayoutProblem[],
): number[] | null {
  return requireColumns(table, headers, [ID_HEADER, ...periods], problems);
}

/** A period value as stored: numbers count, anything else (blank, text) is "not entered", as SUM does. */
export function readValues(row: readonly unknown[] | undefined, columns: readonly number[]): (number | null)[] {
  const values = new Array<number | null>(columns.length - 1);
  for (let p = 1; p < columns.length; p++) values[p - 1] = asNumber(row?.[columns[p]]) ?? null;
  return values;
}

/** Each status by its text in lower case: a plan's every row is matched against them. */
const STATUS_BY_KEY: ReadonlyMap<string, Status> = new Map(STATUSES.map((status) => [status.toLowerCase(), status]));

/** The workflow part of a status row (values come from the inputs table); problems for an unknown status. */
export function readStatusRow(
  row: readonly unknown[],
  columns: EntryColumns,
  sheetRow: number,
  problems: LayoutProblem[],
): Omit<NodeEntry, "values"> {
  const text = cellText(row[columns.status]).trim();
  let status: Status = "Not started";
  if (text !== "") {
    const match = STATUS_BY_KEY.get(text.toLowerCase());
    if (match === undefined) {
      problems.push({
        sheet: SHEETS.status,
        row: sheetRow,
        message: layoutMessages.unknownStatus(SHEETS.status, sheetRow, text, STATUSES),
      });
    } else status = match;
  }
  return {
    id: idText(row[columns.id]).trim(),
    status,
    comment: cellText(row[columns.comment]),
    returnReason: cellText(row[columns.returnReason]),
    updatedAt: cellText(row[columns.updatedAt]).trim(),
    updatedBy: cellText(row[columns.updatedBy]).trim(),
  };
}

/**
 * Whether a stored row still holds what was read, field by field: the values, status, comment,
 * return reason and last-updated stamp (at and by). Every stored field counts, so a co-author's
 * comment or return reason typed into GU Status since the read is a conflict, not overwritten
 * (and audited as if the old value were ""). A node without a row counts as a pristine one (not
 * started, nothing entered).
 */
export function sameStoredState(expected: NodeEntry | null, current: NodeEntry | null, periodCount: number): boolean {
  const a = expected ?? emptyEntry("", periodCount);
  const b = current ?? emptyEntry("", periodCount);
  if (a.status !== b.status || a.comment !== b.comment || a.returnReason !== b.returnReason) return false;
  if (a.updatedAt !== b.updatedAt || a.updatedBy !== b.updatedBy) return false;
  for (let p = 0; p < periodCount; p++) if ((a.values[p] ?? null) !== (b.values[p] ?? null)) return false;
  return true;
}

/** One cell to write in a table row, by 0-based column of the table. */
export interface ColumnWrite {
  readonly col: number;
  readonly cell: LayoutCell;
}

export function statusWrites(entry: NodeEntry, columns: EntryColumns): ColumnWrite[] {
  return [
    { col: columns.status, cell: entry.status },
    { col: columns.comment, cell: entry.comment },
    { col: columns.returnReason, cell: entry.returnReason },
    { col: columns.updatedAt, cell: entry.updatedAt },
    { col: columns.updatedBy, cell: entry.updatedBy },
  ];
}

/** Writes of period values into the columns found by `periodColumns` (the Id column is left alone). */
export function valueWrites(values: PeriodValues, columns: readonly number[]): ColumnWrite[] {
  return columns.slice(1).map((col, p) => ({ col, cell: values[p] ?? null }));
}

/** Writes grouped into runs of adjacent columns, so each run is one range write. */
export function contiguousRuns(writes: readonly ColumnWrite[]): { col: number; cells: LayoutCell[] }[] {
  const sorted = [...writes].sort((a, b) => a.col - b.col);
  const runs: { col: number; cells: LayoutCell[] }[] = [];
  for (const write of sorted) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.col + last.cells.length === write.col) last.cells.push(write.cell);
    else runs.push({ col: write.col, cells: [write.cell] });
  }
  return runs;
}

/** The inputs of `writes`, one range of adjacent cells each, to write into a row that exists. */
export function runInputs(writes: readonly ColumnWrite[]): { col: number; inputs: CellInput[] }[] {
  return contiguousRuns(writes).map((run) => ({ col: run.col, inputs: run.cells.map(toCellInput) }));
}

/** The inputs of a whole new row for a table `width` columns wide: the id, the writes, blank elsewhere. */
export function newRowInputs(width: number, idColumn: number, id: string, writes: readonly ColumnWrite[]): CellInput[] {
  const row = Array<LayoutCell>(width).fill(null);
  row[idColumn] = id;
  for (const write of writes) row[write.col] = write.cell;
  return row.map(toCellInput);
}
