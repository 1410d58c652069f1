/**
 * Keeping balancing (the accounts table, driver weights, band) in the plan's settings table: the
 * Value cells of the rows that hold them, new rows right below the table for those it has no row
 * for yet (`appendRows`, never `TableRowCollection.add`), and an audit row per changed setting.
 * Refused, writing nothing, when the table holds other balancing than the pane read.
 */
import { balancingIn, balancingWrites, TABLES } from "../core/plan/layout";
import { layoutMessages } from "../core/messages";
import type { AuditEntry } from "../core/plan/types";
import { sameBalancing, type BalancingSettings } from "../core/territory/balancingSettings";
import type { SaveBalancingResult } from "../workbook/PlanWorkbook";
import { appendAudit, chainedAuditRows } from "./audit";
import type { AuditTail } from "./auditChain";
import { excelMessages } from "./messages";
import { SheetCache } from "./sheetWrites";
import { appendRows, bodyRow, checkWrittenIds, readBelow } from "./tableRows";

/** The most rows a save appends: one per balancing setting. */
const MOST_APPENDED = 3;

/** Syncs: the settings table with the audit table's tail (2 while the tail is not known), then the write. */
export async function saveBalancing(
  context: Excel.RequestContext,
  balancing: BalancingSettings,
  expected: BalancingSettings | undefined,
  audit: readonly AuditEntry[],
  auditTail: AuditTail,
): Promise<SaveBalancingResult> {
  const auditPlace = auditTail.queue(context);
  // A Key | Value table of a score of rows: read whole, a few hundred bytes.
  const settings = context.workbook.tables.getItem(TABLES.settings).getRange().load("values");
  const below = readBelow(context, TABLES.settings, MOST_APPENDED);
  await context.sync();
  if (auditPlace.queueTail()) await context.sync();
  const [headers, ...rows] = settings.values;
  const grid = { headers, rows };
  const current = balancingIn(grid);
  if (!sameBalancing(current, expected)) return { ok: false, current };
  const writes = balancingWrites(grid, balancing);
  if (writes === null) throw new Error(layoutMessages.settingsUnreadable(TABLES.settings));
  if (writes.appends.length > 0 && !below.empty()) throw new Error(excelMessages.contentBelow(TABLES.settings));

  const auditAt = auditPlace.result();
  // The audit rows go first: should that write fail, the batch stops before any setting changes.
  const logged = appendAudit(context, new SheetCache(context), auditAt, chainedAuditRows(auditAt, audit));
  const written = writes.updates.map((update) => {
    const line = bodyRow(context, TABLES.settings, update.bodyRow);
    line.getCell(0, update.column).values = [[update.value]];
    // Read after the write, in the same batch: the row still held its key when it was written.
    const key = line.getCell(0, writes.keyColumn).load("values");
    return { id: String(rows[update.bodyRow][writes.keyColumn]), read: (): unknown => key.values[0][0] };
  });
  const added =
    writes.appends.length === 0
      ? null
      : appendRows(
          context,
          TABLES.settings,
          writes.keyColumn,
          writes.appends,
          writes.appends.map((row) => String(row[writes.keyColumn])),
        );
  await context.sync();
  logged?.check();
  added?.check();
  checkWrittenIds(TABLES.settings, written);
  return { ok: true };
}
