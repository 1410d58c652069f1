import { idKey } from "../core/cell";
import { layoutMessages } from "../core/messages";
import {
  PlanLayoutError,
  TABLES,
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
import { appendAudit } from "./audit";
import { chainedAuditRows, type AuditTail } from "./auditChain";
import { chunkBySize, writeBytes } from "./chunks";
import { hintFromLocated } from "./hints";
import { SheetCache, writeRow } from "./sheetWrites";
import { locate, settingsFrom, type Located } from "./tableReads";

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
    planSettings === null ? null : periodColumns("targets", targets.headers, planSettings.periods, problems);
  const nodes = rowIndex("hierarchy", hierarchy.ids, 0, problems);
  const rows = rowIndex("targets", targets.ids, 0, problems);
  if (columns === null || problems.length > 0) throw new PlanLayoutError(problems);
  const unknown = changes.find((change) => !nodes.has(idKey(change.id) ?? ""));
  if (unknown !== undefined) throw new Error(layoutMessages.noSuchNode(unknown.id));

  // The changed rows' reads share their sync with the audit table's tail, when that is still due.
  const current = await readTargetRows(context, targets, rows, changes, columns, tailQueued);
  const auditAt = auditPlace.result();
  const conflicts = topDownConflicts(changes, (_, i) => current[i], columns.length - 1);
  if (conflicts.length > 0) return { ok: false, conflicts };

  // The audit entries go first, as in saveEntries; a large allocation takes several chunks.
  const items: TopDownItem[] = [
    ...chainedAuditRows(auditAt, audit).map((auditRow): TopDownItem => {
      // Rows of one `rows.add`: each adds its cells and a comma, not a range write's fixed cost.
      return { auditRow, bytes: JSON.stringify(auditRow).length + 1 };
    }),
    ...changes.map((change): TopDownItem => {
      const writes = valueWrites(change.values, columns);
      const bytes = runInputs(writes).reduce((sum, run) => sum + writeBytes([run.inputs]), 0);
      return { change, writes, bytes };
    }),
  ];
  const worksheets = new SheetCache(context);
  const hint = hintFromLocated(targets, rows);
  let prepared = false;
  for (const chunk of chunkBySize(items, (item) => item.bytes, writeBudget)) {
    const auditRows = chunk.flatMap((item) => ("auditRow" in item ? [item.auditRow] : []));
    appendAudit(context, worksheets, auditAt, auditRows, !prepared);
    if (auditRows.length > 0) prepared = true;
    for (const item of chunk) {
      if (!("change" in item)) continue;
      writeRow(
        context,
        worksheets,
        targets,
        TABLES.targets,
        item.change.id,
        hint.rows.get(idKey(item.change.id) as string),
        item.writes,
        hint,
      );
    }
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per write chunk, each under the request limit
    await context.sync();
  }
  return { ok: true };
}

/**
 * The changed nodes' targets rows as they are now (null for a node without a row), in one sync:
 * only those rows are read, each as one range of the table's width.
 */
async function readTargetRows(
  context: Excel.RequestContext,
  targets: Located,
  rows: ReadonlyMap<string, number>,
  changes: readonly TopDownChange[],
  columns: readonly number[],
  syncAnyway: boolean,
): Promise<(PeriodValues | null)[]> {
  const sheet = context.workbook.worksheets.getItem(targets.sheet);
  const ranges = changes.map((change) => {
    const row = rows.get(idKey(change.id) as string);
    return row === undefined
      ? null
      : sheet.getRangeByIndexes(targets.top + row, targets.left, 1, targets.headers.length).load("values");
  });
  if (syncAnyway || ranges.some((range) => range !== null)) await context.sync();
  return ranges.map((range) => (range === null ? null : readValues(range.values[0], columns)));
}
