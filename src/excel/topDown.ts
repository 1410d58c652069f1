import { idKey } from "../core/cell";
import { layoutMessages } from "../core/messages";
import {
  ID_HEADER,
  PlanLayoutError,
  findColumn,
  newRowInputs,
  SHEETS,
  TABLES,
  auditRow,
  periodColumns,
  rowIndex,
  runInputs,
  valueWrites,
  type CellInput,
  type ColumnWrite,
  type LayoutProblem,
} from "../core/plan/layout";
import type { AuditEntry } from "../core/plan/types";
import type { TopDownChange } from "../workbook/PlanWorkbook";
import { appendAudit } from "./audit";
import { chunkBySize, jsonBytes, writeBytes } from "./chunks";
import { excelMessages } from "./messages";
import { SheetCache } from "./sheetWrites";
import { locate, settingsFrom } from "./tableReads";
import { appendRows, checkWrittenIds, readBelow, writeBodyRow } from "./tableRows";

/** One audit row, or one node's targets, of a top-down save, with its estimated request bytes. */
type TopDownItem =
  | { readonly entry: AuditEntry; readonly bytes: number }
  | {
      readonly change: TopDownChange;
      readonly writes: readonly ColumnWrite[];
      readonly bytes: number;
    };

/** Writes top-down targets with their audit entries, in as many chunks as the budget needs. */
export async function saveTopDown(
  context: Excel.RequestContext,
  changes: readonly TopDownChange[],
  audit: readonly AuditEntry[],
  writeBudget: number,
): Promise<void> {
  const tables = context.workbook.tables;
  const settings = tables.getItem(TABLES.settings).getRange().load("values");
  const hierarchyTable = locate(context, "hierarchy");
  const targetsTable = locate(context, "targets");
  const auditTable = tables.getItemOrNullObject(TABLES.audit).load("name");
  const auditSheet = context.workbook.worksheets.getItemOrNullObject(SHEETS.audit).load("name");
  await context.sync();

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

  // The audit entries go first, as in saveEntries; a large allocation takes several chunks.
  const items: TopDownItem[] = [
    ...audit.map((entry): TopDownItem => {
      // Rows of one range write below the audit table: each adds its cells and a comma, not a range write's fixed cost.
      return { entry, bytes: jsonBytes(auditRow(entry)) + 1 };
    }),
    ...changes.map((change): TopDownItem => {
      const writes = valueWrites(change.values, columns);
      const bytes = runInputs(writes).reduce((sum, run) => sum + writeBytes([run.inputs]), 0);
      return { change, writes, bytes };
    }),
  ];
  // Nodes without a targets row get one below the table: only if nothing is in the way.
  const added = changes.filter((change) => !rows.has(idKey(change.id) as string)).length;
  if (added > 0) {
    const below = readBelow(context, TABLES.targets, added);
    await context.sync();
    if (!below.empty()) throw new Error(excelMessages.contentBelow(TABLES.targets));
  }

  const worksheets = new SheetCache(context);
  const idColumn = findColumn(targets.headers, ID_HEADER);
  let auditMissing = auditTable.isNullObject;
  const chunks = chunkBySize(items, (item) => item.bytes, writeBudget);
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c];
    // Every chunk but the last leaves recalculation to the last one (see writeBlocks).
    if (c < chunks.length - 1) context.workbook.application.suspendApiCalculationUntilNextSync();
    else if (chunks.length > 1) context.workbook.application.calculate("Recalculate");
    const entries = chunk.flatMap((item) => ("entry" in item ? [item.entry] : []));
    const auditAppend = appendAudit(context, worksheets, auditMissing, auditSheet.isNullObject, entries);
    if (entries.length > 0) auditMissing = false;
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
}
