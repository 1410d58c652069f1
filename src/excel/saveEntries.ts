/**
 * Saving node entries with a conflict check: each node's status and inputs rows are read (where
 * the hints say they are, else found first), compared with what the user read, and written only
 * if no row changed since.
 */
import { idKey } from "../core/cell";
import {
  PlanLayoutError,
  TABLES,
  periodColumns,
  readStatusRow,
  readValues,
  rowIndex,
  sheetRowOf,
  statusColumns,
  statusWrites,
  valueWrites,
  type EntryColumns,
  type LayoutProblem,
} from "../core/plan/layout";
import type { AuditEntry, NodeEntry } from "../core/plan/types";
import { emptyEntry } from "../core/plan/workflow";
import { entryConflicts } from "../workbook/conflicts";
import type { EntryChange, SaveResult } from "../workbook/PlanWorkbook";
import { appendAudit } from "./audit";
import { chainedAuditRows, type AuditTail } from "./auditChain";
import { hintFromLocated, type Guess, type RowHints } from "./hints";
import { SheetCache, writeRow } from "./sheetWrites";
import { locate, settingsFrom, type Located } from "./tableReads";

/** A row of a per-node table: its index (undefined: the id has no row), its cells once read. */
interface RowRead {
  readonly row: number | undefined;
  /** undefined: not read yet; null: there is no row */
  cells: readonly unknown[] | null | undefined;
}

export async function saveEntries(
  context: Excel.RequestContext,
  hints: RowHints,
  changes: readonly EntryChange[],
  audit: readonly AuditEntry[],
  auditTail: AuditTail,
): Promise<SaveResult> {
  const tables = context.workbook.tables;
  const settings = tables.getItem(TABLES.settings).getRange().load("values");
  const located = (["hierarchy", "status", "inputs"] as const).map((table) => locate(context, table));
  const auditPlace = auditTail.queue(context);
  const guesses = changes.map((change) => ({
    status: hints.guessRow(context, "status", change.next.id),
    inputs: hints.guessRow(context, "inputs", change.next.id),
  }));
  await context.sync();
  const tailQueued = auditPlace.queueTail();

  const problems: LayoutProblem[] = [];
  const [hierarchy, status, inputs] = located.map((table) => table.result());
  const planSettings = settingsFrom(settings.values, problems);
  const statusCols = statusColumns(status.headers, problems);
  const valueCols =
    planSettings === null ? null : periodColumns("inputs", inputs.headers, planSettings.periods, problems);
  const hierarchyRows = rowIndex("hierarchy", hierarchy.ids, 0, problems);
  const statusRows = rowIndex("status", status.ids, 0, problems);
  const inputRows = rowIndex("inputs", inputs.ids, 0, problems);
  if (planSettings === null || statusCols === null || valueCols === null || problems.length > 0)
    throw new PlanLayoutError(problems);

  // A guessed row is good if the table is where it was and the id is on that row now.
  const rowsOf = changes.map((change, i) => {
    const key = idKey(change.next.id) as string;
    const pick = (place: Located, rows: ReadonlyMap<string, number>, guess: Guess | null): RowRead => {
      const row = rows.get(key);
      if (row === undefined) return { row, cells: null };
      const good =
        guess !== null &&
        guess.row === row &&
        guess.sheet === place.sheet &&
        guess.top === place.top &&
        guess.left === place.left &&
        guess.width === place.headers.length;
      return { row, cells: good ? (guess.range.values[0] as unknown[]) : undefined };
    };
    return {
      status: pick(status, statusRows, guesses[i].status),
      inputs: pick(inputs, inputRows, guesses[i].inputs),
    };
  });
  const missing = rowsOf
    .flatMap((rows) => [
      { read: rows.status, place: status },
      { read: rows.inputs, place: inputs },
    ])
    .filter(({ read }) => read.row !== undefined && read.cells === undefined);
  if (missing.length > 0 || tailQueued) {
    const ranges = missing.map(({ read, place }) =>
      context.workbook.worksheets
        .getItem(place.sheet)
        .getRangeByIndexes(place.top + (read.row as number), place.left, 1, place.headers.length)
        .load("values"),
    );
    await context.sync();
    missing.forEach(({ read }, i) => {
      read.cells = ranges[i].values[0] as unknown[];
    });
  }

  const conflicts = entryConflicts(
    changes,
    ({ next }, i) =>
      hierarchyRows.has(idKey(next.id) as string)
        ? currentEntry(next.id, rowsOf[i].status, rowsOf[i].inputs, statusCols, valueCols, problems)
        : undefined,
    planSettings.periods.length,
  );
  if (problems.length > 0) throw new PlanLayoutError(problems);
  if (conflicts.length > 0) return { ok: false, conflicts };

  const auditAt = auditPlace.result();
  const worksheets = new SheetCache(context);
  // The audit entries go first: should that write fail, the batch stops before any row changes.
  appendAudit(context, worksheets, auditAt, chainedAuditRows(auditAt, audit));
  const statusHint = hintFromLocated(status, statusRows);
  const inputsHint = hintFromLocated(inputs, inputRows);
  changes.forEach(({ next }, i) => {
    writeRow(
      context,
      worksheets,
      status,
      TABLES.status,
      next.id,
      rowsOf[i].status.row,
      statusWrites(next, statusCols),
      statusHint,
    );
    writeRow(
      context,
      worksheets,
      inputs,
      TABLES.inputs,
      next.id,
      rowsOf[i].inputs.row,
      valueWrites(next.values, valueCols),
      inputsHint,
    );
  });
  await context.sync();
  hints.update({
    hierarchy: hintFromLocated(hierarchy, hierarchyRows),
    status: statusHint,
    inputs: inputsHint,
  });
  return { ok: true };
}

/** The node's entry as its status and inputs rows hold it now; null when it has neither. */
function currentEntry(
  id: string,
  status: RowRead,
  inputs: RowRead,
  statusCols: EntryColumns,
  valueCols: readonly number[],
  problems: LayoutProblem[],
): NodeEntry | null {
  if (!status.cells && !inputs.cells) return null;
  const values = readValues(inputs.cells ?? undefined, valueCols);
  if (!status.cells) return { ...emptyEntry(id, valueCols.length - 1), values };
  return {
    ...readStatusRow(status.cells, statusCols, sheetRowOf(status.row as number), problems),
    id,
    values,
  };
}
