/** The audit table: reading the log, appending to it. */
import { TABLES, readAuditChain, type CellInput } from "../core/plan/layout";
import type { ChainedAuditRow } from "../core/audit/chain";
import type { AuditEntry } from "../core/plan/types";
import { prepareAuditTable, type AuditPlace } from "./auditChain";
import type { SheetCache } from "./sheetWrites";
import { readTables, tableNames } from "./tableReads";

export async function readAudit(context: Excel.RequestContext): Promise<AuditEntry[]> {
  return (await readAuditRows(context)).map((row) => row.entry);
}

/** The log with each row's hash and sheet row, for the chain check. */
export async function readAuditRows(context: Excel.RequestContext): Promise<ChainedAuditRow[]> {
  const existing = await tableNames(context);
  if (!existing.has(TABLES.audit.toLowerCase())) return [];
  const [table] = await readTables(context, [TABLES.audit]);
  return readAuditChain(table.grid);
}

/**
 * Queues chained audit rows (`chainedAuditRows`), first recreating the audit table should someone
 * have deleted it, or adding its chain columns; `prepare` is false for a save's later chunks.
 */
export function appendAudit(
  context: Excel.RequestContext,
  worksheets: SheetCache,
  place: AuditPlace,
  rows: readonly CellInput[][],
  prepare = true,
): void {
  if (rows.length === 0) return;
  if (prepare) prepareAuditTable(context, worksheets, place);
  context.workbook.tables.getItem(TABLES.audit).rows.add(undefined, rows as CellInput[][]);
}
