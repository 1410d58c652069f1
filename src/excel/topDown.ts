import { idKey } from "../core/cell";
import { layoutMessages } from "../core/messages";
import {
  ID_HEADER,
  PlanLayoutError,
  TABLES,
  findColumn,
  newRowInputs,
  periodColumns,
  readValues,
  rowIndex,
  runInputs,
  valueWrites,
  type CellInput,
  type ColumnWrite,
  type LayoutProblem,
} from "../core/plan/layout";
import type { AuditEntry, PeriodValues } from "../core/plan/types";
import { topDownConflicts } from "../workbook/conflicts";
import type { SaveTopDownResult, TopDownChange } from "../workbook/PlanWorkbook";
import { appendAudit, chainedAuditRows } from "./audit";
import type { AuditTail } from "./auditChain";
import { chunkBySize, jsonBytes, writeBytes } from "./chunks";
import { excelMessages } from "./messages";
import { SheetCache } from "./sheetWrites";
import { settingsFrom } from "./settingsFrom";
import { locate } from "./tableReads";
import { appendRows, bodyRow, checkWrittenIds, readBelow, rowHolds, writeBodyRow } from "./tableRows";
import { valueColumns } from "../core/plan/measures";

/** One audit row, or one node's targets, of a top-down save, with its estimated request bytes. */
type TopDownItem =
  | { readonly auditRow: CellInput[]; readonly bytes: number }
  | {
      readonly change: TopDownChange;
      readonly writes: readonly ColumnWrite[];
      readonly bytes: number;
    };

/**
 * Writes top-down targets with their audit entries, in as many chunks as the budget needs, if
 * every node's targets row still holds what was read (`TopDownChange.expected`): the rows of the
 * changed nodes are read in a second sync and compared period by period before anything is written.
 */
export async function saveTopDown(
  context: Excel.RequestContext,
  changes: readonly TopDownChange[],
  audit: readonly AuditEntry[],
  writeBudget: number,
  auditTail: AuditTail,
): Promise<SaveTopDownResult> {
  const tables = context.workbook.tables;
  const settings = tables.getItem(TABLES.settings).getRange().load("values");
  const hierarchyTable = locate(context, "hierarchy");
  const targetsTable = locate(context, "targets");
  const auditPlace = auditTail.queue(context);
  await context.sync();
  const tailQueued = auditPlace.queueTail();

  const problems: LayoutProblem[] = [];
  const hierarchy = hierarchyTable.result();
  const targets = targetsTable.result();
  const planSettings = settingsFrom(settings.values, problems);
  const columns =
    planSettings === null ? null : periodColumns("targets", targets.headers, valueColumns(planSettings), problems);
  const nodes = rowIndex("hierarchy", hierarchy.ids, 0, problems);
  const rows = rowIndex("targets", targets.ids, 0, problems);
  if (columns === null || problems.length > 0) throw new PlanLayoutError(problems);
  const unknown = changes.find((change) => !nodes.has(idKey(change.id) ?? ""));
  if (unknown !== undefined) throw new Error(layoutMessages.noSuchNode(unknown.id));

  // The changed rows' reads, and whether the rows below the table are free for nodes without a
  // targets row, share one sync with the audit table's tail, when that is still due.
  const added = changes.filter((change) => !rows.has(idKey(change.id) as string)).length;
  const below = added > 0 ? readBelow(context, TABLES.targets, added) : null;
  const current = await readTargetRows(context, targets.headers, rows, changes, columns, tailQueued || below !== null);
  if (below !== null && !below.empty()) throw new Error(excelMessages.contentBelow(TABLES.targets));
  const auditAt = auditPlace.result();
  const conflicts = topDownConflicts(changes, (_, i) => current[i], columns.length - 1);
  if (conflicts.length > 0) return { ok: false, conflicts };

  // The audit entries go first, as in saveEntries; a large allocation takes several chunks.
  const items: TopDownItem[] = [
    ...chainedAuditRows(auditAt, audit).map((auditRow): TopDownItem => {
      // Rows of one range write below the audit table: each adds its cells and a comma, not a range write's fixed cost.
      return { auditRow, bytes: jsonBytes(auditRow) + 1 };
    }),
    ...changes.map((change): TopDownItem => {
      const writes = valueWrites(change.values, columns);
      const bytes = runInputs(writes).reduce((sum, run) => sum + writeBytes([run.inputs]), 0);
      return { change, writes, bytes };
    }),
  ];

  const worksheets = new SheetCache(context);
  const idColumn = findColumn(targets.headers, ID_HEADER);
  let prepared = false;
  const chunks = chunkBySize(items, (item) => item.bytes, writeBudget);
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c];
    // Every chunk but the last leaves recalculation to the last one (see writeBlocks).
    if (c < chunks.length - 1) context.workbook.application.suspendApiCalculationUntilNextSync();
    else if (chunks.length > 1) context.workbook.application.calculate("Recalculate");
    const auditRows = chunk.flatMap((item) => ("auditRow" in item ? [item.auditRow] : []));
    const auditAppend = appendAudit(context, worksheets, auditAt, auditRows, !prepared);
    if (auditRows.length > 0) prepared = true;
    const written: { id: string; read: () => unknown }[] = [];
    const fresh: { id: string; inputs: CellInput[] }[] = [];
    for (const item of chunk) {
      if (!("change" in item)) continue;
      const row = rows.get(idKey(item.change.id) as string);
      if (row === undefined) {
        fresh.push({
          id: item.change.id,
          inputs: newRowInputs(targets.headers.length, idColumn, item.change.id, item.writes),
        });
      } else {
        written.push({
          id: item.change.id,
          read: writeBodyRow(context, TABLES.targets, targets.headers, row, item.writes),
        });
      }
    }
    const appended =
      fresh.length === 0
        ? null
        : appendRows(
            context,
            TABLES.targets,
            idColumn,
            fresh.map((row) => row.inputs),
            fresh.map((row) => row.id),
          );
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per write chunk, each under the request limit
    await context.sync();
    auditAppend?.check();
    checkWrittenIds(TABLES.targets, written);
    const first = appended?.check();
    if (first !== undefined) fresh.forEach(({ id }, k) => rows.set(idKey(id) as string, first + k));
  }
  return { ok: true };
}

/**
 * The changed nodes' targets rows as they are now (null for a node without a row), in one sync
 * (also when `syncAnyway`, for reads the caller queued): only those rows are read, each addressed
 * through the table (`bodyRow`) and checked by its id.
 */
async function readTargetRows(
  context: Excel.RequestContext,
  headers: readonly unknown[],
  rows: ReadonlyMap<string, number>,
  changes: readonly TopDownChange[],
  columns: readonly number[],
  syncAnyway: boolean,
): Promise<(PeriodValues | null)[]> {
  const ranges = changes.map((change) => {
    const row = rows.get(idKey(change.id) as string);
    return row === undefined ? null : bodyRow(context, TABLES.targets, row).load("values");
  });
  if (syncAnyway || ranges.some((range) => range !== null)) await context.sync();
  return ranges.map((range, i) => {
    if (range === null) return null;
    const cells = range.values[0];
    // The row was found by its id in this save's first sync; a co-author's sort since moves it.
    if (!rowHolds(cells, headers, changes[i].id))
      throw new Error(excelMessages.rowMoved(TABLES.targets, changes[i].id));
    return readValues(cells, columns);
  });
}
