/**
 * Saving node entries with a conflict check: each node's status and inputs rows are read (where
 * the hints say they are, checked by the id each row holds; else found by a search of the table's
 * Id column), compared with what the user read, and written only if no row changed since.
 *
 * What a save reads does not grow with the plan: the settings, three header rows and body sizes,
 * and the hinted rows of the saved nodes. Only a miss (a sorted table, inserted rows, a co-author's
 * new setup, a node without rows) reads a whole Id column. Every row is addressed through its
 * table (tableRows.ts), so a renamed sheet or a moved table changes nothing.
 *
 * Syncs: 2 when every hint holds (read, write); 4 on a miss (read, search, read the rows found,
 * write), plus one per further search chunk (100,000 ids a sync, see chunks.ts).
 */
import { idKey } from "../core/cell";
import {
  ID_HEADER,
  PlanLayoutError,
  TABLES,
  findColumn,
  newRowInputs,
  periodColumns,
  readStatusRow,
  readValues,
  rowIndex,
  sheetRowOf,
  statusColumns,
  statusWrites,
  valueWrites,
  type ColumnWrite,
  type EntryColumns,
  type LayoutProblem,
} from "../core/plan/layout";
import type { AuditEntry, NodeEntry } from "../core/plan/types";
import { emptyEntry } from "../core/plan/entries";
import { entryConflicts } from "../workbook/conflicts";
import type { EntryChange, SaveResult } from "../workbook/PlanWorkbook";
import { appendAudit, chainedAuditRows } from "./audit";
import type { AuditTail } from "./auditChain";
import type { HintTable, RowHints } from "./hints";
import { excelMessages } from "./messages";
import { SheetCache } from "./sheetWrites";
import {
  appendRows,
  bodyRow,
  checkWrittenIds,
  readBelow,
  readShape,
  rowHolds,
  writeBodyRow,
  type Append,
  type TableShape,
} from "./tableRows";
import { valueColumns } from "../core/plan/measures";
import { settingsFrom } from "./settingsFrom";
import { readIdColumns } from "./tableReads";

const NODE_HINT_TABLES = ["hierarchy", "status", "inputs"] as const;

/** A node's row of one table: its body row (null: the node has none), its cells once read. */
interface RowRead {
  row: number | null | undefined;
  cells: readonly unknown[] | undefined;
}

type NodeRows = Record<HintTable, RowRead>;

export async function saveEntries(
  context: Excel.RequestContext,
  hints: RowHints,
  changes: readonly EntryChange[],
  audit: readonly AuditEntry[],
  auditTail: AuditTail,
): Promise<SaveResult> {
  const tables = context.workbook.tables;
  const settings = tables.getItem(TABLES.settings).getRange().load("values");
  const shapes = NODE_HINT_TABLES.map((table) => readShape(context, TABLES[table]));
  const auditPlace = auditTail.queue(context);
  const guesses = changes.map((change) =>
    NODE_HINT_TABLES.map((table) => {
      const row = hints.row(table, change.next.id);
      return row === undefined ? null : { row, range: bodyRow(context, TABLES[table], row).load("values") };
    }),
  );
  await context.sync();
  const tailQueued = auditPlace.queueTail();

  const problems: LayoutProblem[] = [];
  const [hierarchy, status, inputs] = shapes.map((shape) => shape());
  const shapeOf: Record<HintTable, TableShape> = { hierarchy, status, inputs };
  const planSettings = settingsFrom(settings.values, problems);
  const statusCols = statusColumns(status.headers, problems);
  const valueCols =
    planSettings === null ? null : periodColumns("inputs", inputs.headers, valueColumns(planSettings), problems);
  if (planSettings === null || statusCols === null || valueCols === null || problems.length > 0)
    throw new PlanLayoutError(problems);

  // A hint holds if its row is still in the table and holds the node's id now.
  const rowsOf: NodeRows[] = changes.map((change, i) => {
    const read = {} as NodeRows;
    NODE_HINT_TABLES.forEach((table, t) => {
      const guess = guesses[i][t];
      const cells = guess?.range.values[0];
      const hit =
        guess !== null &&
        guess.row < shapeOf[table].rowCount &&
        rowHolds(cells, shapeOf[table].headers, change.next.id);
      read[table] = hit ? { row: guess.row, cells } : { row: undefined, cells: undefined };
    });
    return read;
  });
  // The audit table's tail, when its reads could not go in the first sync, shares a later one.
  const searched = await findMisses(context, hints, changes, rowsOf, shapeOf, problems);
  if (tailQueued && !searched) await context.sync();

  const conflicts = entryConflicts(
    changes,
    ({ next }, i) =>
      rowsOf[i].hierarchy.row === null
        ? undefined
        : currentEntry(next.id, rowsOf[i].status, rowsOf[i].inputs, statusCols, valueCols, problems),
    valueColumns(planSettings).length,
  );
  if (problems.length > 0) throw new PlanLayoutError(problems);
  if (conflicts.length > 0) return { ok: false, conflicts };

  const auditAt = auditPlace.result();
  // The audit entries go first: should that write fail, the batch stops before any row changes.
  await writeEntries(context, hints, changes, rowsOf, shapeOf, { statusCols, valueCols }, () =>
    appendAudit(context, new SheetCache(context), auditAt, chainedAuditRows(auditAt, audit)),
  );
  return { ok: true };
}

/**
 * Finds the rows the hints missed: the Id column of each table with a miss is read (one sync per
 * read chunk; the whole column becomes that table's hints), one more reads the rows found and, for nodes that
 * will get a new row, checks that the rows below the table are free. Nothing when every hint held.
 * Returns whether it synced.
 */
async function findMisses(
  context: Excel.RequestContext,
  hints: RowHints,
  changes: readonly EntryChange[],
  rowsOf: NodeRows[],
  shapeOf: Record<HintTable, TableShape>,
  problems: LayoutProblem[],
): Promise<boolean> {
  const searched = NODE_HINT_TABLES.filter((table) => rowsOf.some((rows) => rows[table].row === undefined));
  if (searched.length === 0) return false;
  const idColumns = await readIdColumns(
    context,
    searched.map((table) => ({ table, rowCount: shapeOf[table].rowCount })),
  );

  const reads: { read: RowRead; range: Excel.Range }[] = [];
  const appends = new Map<HintTable, number>();
  searched.forEach((table, t) => {
    const index = rowIndex(table, idColumns[t], 0, problems);
    hints.update({ [table]: index });
    rowsOf.forEach((rows, i) => {
      const read = rows[table];
      if (read.row !== undefined) return;
      const id = changes[i].next.id;
      read.row = index.get(idKey(id) ?? "") ?? null;
      if (read.row !== null && table !== "hierarchy")
        reads.push({ read, range: bodyRow(context, TABLES[table], read.row).load("values") });
      // A node still in the hierarchy but without a row of this table gets one (a deleted node conflicts instead).
      if (read.row === null && table !== "hierarchy" && rows.hierarchy.row !== null)
        appends.set(table, (appends.get(table) ?? 0) + 1);
    });
  });
  const below = [...appends].map(([table, count]) => ({ table, free: readBelow(context, TABLES[table], count) }));
  if (reads.length === 0 && below.length === 0) return true;
  await context.sync();
  for (const { read, range } of reads) read.cells = range.values[0];
  for (const { table, free } of below) {
    if (!free.empty()) throw new Error(excelMessages.contentBelow(TABLES[table]));
  }
  return true;
}

/**
 * The write sync: the audit entries first, then each node's cells into its rows (through the
 * table) and, for nodes without a row, new rows set below the table; with, in the same batch, the
 * reads that check each written row holds its node and each table grew over its new rows.
 */
async function writeEntries(
  context: Excel.RequestContext,
  hints: RowHints,
  changes: readonly EntryChange[],
  rowsOf: readonly NodeRows[],
  shapeOf: Record<HintTable, TableShape>,
  columns: { statusCols: EntryColumns; valueCols: readonly number[] },
  queueAudit: () => Append | null,
): Promise<void> {
  const auditAppend = queueAudit();
  const written: Record<"status" | "inputs", { id: string; read: () => unknown }[]> = { status: [], inputs: [] };
  const added: Record<"status" | "inputs", { id: string; inputs: ReturnType<typeof newRowInputs> }[]> = {
    status: [],
    inputs: [],
  };
  changes.forEach(({ next }, i) => {
    const writes: Record<"status" | "inputs", ColumnWrite[]> = {
      status: statusWrites(next, columns.statusCols),
      inputs: valueWrites(next.values, columns.valueCols),
    };
    for (const table of ["status", "inputs"] as const) {
      const { row } = rowsOf[i][table];
      const { headers } = shapeOf[table];
      if (typeof row === "number") {
        written[table].push({ id: next.id, read: writeBodyRow(context, TABLES[table], headers, row, writes[table]) });
      } else {
        const idColumn = findColumn(headers, ID_HEADER);
        added[table].push({ id: next.id, inputs: newRowInputs(headers.length, idColumn, next.id, writes[table]) });
      }
    }
  });
  const appended = (["status", "inputs"] as const).map((table) =>
    added[table].length === 0
      ? null
      : appendRows(
          context,
          TABLES[table],
          findColumn(shapeOf[table].headers, ID_HEADER),
          added[table].map((row) => row.inputs),
          added[table].map((row) => row.id),
        ),
  );
  await context.sync();

  auditAppend?.check();
  (["status", "inputs"] as const).forEach((table, t) => {
    checkWrittenIds(TABLES[table], written[table]);
    const first = appended[t]?.check();
    if (first !== undefined) added[table].forEach(({ id }, k) => hints.note(table, id, first + k));
  });
  changes.forEach(({ next }, i) => {
    for (const table of NODE_HINT_TABLES) {
      const { row } = rowsOf[i][table];
      if (typeof row === "number") hints.note(table, next.id, row);
    }
  });
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
  const values = readValues(inputs.cells, valueCols);
  if (!status.cells) return { ...emptyEntry(id, valueCols.length - 1), values };
  return {
    ...readStatusRow(status.cells, statusCols, sheetRowOf(status.row as number), problems),
    id,
    values,
  };
}
