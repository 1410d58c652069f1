/**
 * Balancing moves in the user's accounts table: each moved account's territory cell rewritten, after
 * checking that it still holds the territory the moves were suggested from, with one audit row per
 * account moved. Reads and writes go through the table, so a sorted or moved table is still found.
 */
import { toCellInput } from "../core/plan/layout";
import type { AuditEntry } from "../core/plan/types";
import {
  accountColumns,
  planAccountWrites,
  type AccountMove,
  type AccountsTableRef,
  type MoveAccountsResult,
} from "../core/territory/accountMoves";
import { layoutMessages } from "../core/messages";
import { appendAudit, chainedAuditRows } from "./audit";
import type { AuditTail } from "./auditChain";
import { SheetCache } from "./sheetWrites";
import { readTables } from "./tableReads";
import { bodyRow, checkWrittenIds } from "./tableRows";

/**
 * Syncs: the table names (with the audit table's tail when it is known to exist), the table's place
 * (with the tail otherwise), its cells (one per read chunk), the write.
 */
export async function moveAccounts(
  context: Excel.RequestContext,
  ref: AccountsTableRef,
  moves: readonly AccountMove[],
  audit: readonly AuditEntry[],
  auditTail: AuditTail,
): Promise<MoveAccountsResult> {
  const tables = context.workbook.tables.load("items/name");
  const auditPlace = auditTail.queue(context);
  await context.sync();
  auditPlace.queueTail();
  const wanted = ref.table.toLowerCase();
  if (!tables.items.some((table) => table.name.toLowerCase() === wanted)) {
    throw new Error(layoutMessages.noSuchTable(ref.table));
  }
  const [table] = await readTables(context, [ref.table]);
  const columns = accountColumns(ref, table.grid.headers);
  const { writes, refused } = planAccountWrites(ref, table.grid.rows, columns, table.place.top + 1, moves);
  if (writes.length === 0) return { moved: [], refused };

  const auditAt = auditPlace.result();
  // The audit rows go first: should that write fail, the batch stops before any territory changes.
  const appended = appendAudit(
    context,
    new SheetCache(context),
    auditAt,
    chainedAuditRows(
      auditAt,
      writes.map((write) => audit[write.move]),
    ),
  );
  const written = writes.map((write) => {
    const line = bodyRow(context, ref.table, write.bodyRow);
    line.getCell(0, columns.territory).values = [[toCellInput(moves[write.move].to)]];
    // Read in the same batch, after the write: the row still held the account when it was written.
    const id = line.getCell(0, columns.id).load("values");
    return { id: moves[write.move].account, read: (): unknown => id.values[0][0] };
  });
  await context.sync();
  appended?.check();
  checkWrittenIds(ref.table, written);
  return { moved: writes.map((write) => moves[write.move].account), refused };
}
