/** The audit table: reading the log, appending to it. */
import { TABLES, findColumn, readAuditChain, type CellInput } from "../core/plan/layout";
import type { ChainedAuditRow } from "../core/audit/chain";
import type { AuditEntry } from "../core/plan/types";
import { prepareAuditTable, type AuditPlace } from "./auditChain";
import type { SheetCache } from "./sheetWrites";
import { appendRows, type Append } from "./tableRows";
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
 * Queues chained audit rows (`chainedAuditRows`) onto the rows right below the audit table
 * (`appendRows`: never `TableRowCollection.add`, which makes co-authors' Excel show a merge
 * conflict), first recreating the table should someone have deleted it, or adding its chain
 * columns; `prepare` is false for a save's later chunks. Returns the check to run after the
 * sync; null when there is nothing to append.
 */
export function appendAudit(
  context: Excel.RequestContext,
  worksheets: SheetCache,
  place: AuditPlace,
  rows: readonly CellInput[][],
  prepare = true,
): Append | null {
  if (rows.length === 0) return null;
  if (prepare) prepareAuditTable(context, worksheets, place);
  // The log has no Id column: its rows are checked by their Hash, which differs row by row (the
  // time may not). Text is written with Excel's leading apostrophe, which a read does not return.
  const hash = findColumn(place.headers, "Hash");
  const keys = rows.map((row) => String(row[hash]).replace(/^'/, ""));
  return appendRows(context, TABLES.audit, hash, rows, keys);
}
