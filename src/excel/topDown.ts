import { idKey } from "../core/cell";
import { layoutMessages } from "../core/messages";
import {
  PlanLayoutError,
  SHEETS,
  TABLES,
  auditRow,
  periodColumns,
  rowIndex,
  runInputs,
  valueWrites,
  type ColumnWrite,
  type LayoutProblem,
} from "../core/plan/layout";
import type { AuditEntry } from "../core/plan/types";
import type { TopDownChange } from "../workbook/PlanWorkbook";
import { appendAudit } from "./audit";
import { chunkBySize, writeBytes } from "./chunks";
import { hintFromLocated } from "./hints";
import { SheetCache, writeRow } from "./sheetWrites";
import { locate, settingsFrom } from "./tableReads";

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
      // Rows of one `rows.add`: each adds its cells and a comma, not a range write's fixed cost.
      return { entry, bytes: JSON.stringify(auditRow(entry)).length + 1 };
    }),
    ...changes.map((change): TopDownItem => {
      const writes = valueWrites(change.values, columns);
      const bytes = runInputs(writes).reduce((sum, run) => sum + writeBytes([run.inputs]), 0);
      return { change, writes, bytes };
    }),
  ];
  const worksheets = new SheetCache(context);
  const hint = hintFromLocated(targets, rows);
  let auditMissing = auditTable.isNullObject;
  for (const chunk of chunkBySize(items, (item) => item.bytes, writeBudget)) {
    const entries = chunk.flatMap((item) => ("entry" in item ? [item.entry] : []));
    appendAudit(context, worksheets, auditMissing, auditSheet.isNullObject, entries);
    if (entries.length > 0) auditMissing = false;
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
}
