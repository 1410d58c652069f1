/**
 * Audit rows as appended to the audit table: laid out by its header row and chained by hash. Apart
 * from reading the log, so that what only writes need (SHA-256) stays out of the pane's first view.
 */
import type { CellInput } from "../plan/layout/cells";
import { AUDIT_COLUMNS, auditChainCells } from "../plan/layout/audit";
import { findColumn } from "../plan/layout/grids";
import { toCellInput } from "../plan/layout/cells";
import type { AuditEntry } from "../plan/types";
import { chainHashes } from "./chain";

/**
 * The rows to append to a table whose header row is `headers` (already holding every column of
 * `AUDIT_COLUMNS`), chained below a row whose hash is `previous`; columns the table has beyond
 * ours stay blank.
 */
export function auditTableRows(
  headers: readonly unknown[],
  previous: string,
  entries: readonly AuditEntry[],
): CellInput[][] {
  const columns = AUDIT_COLUMNS.map((header) => findColumn(headers, header));
  const hashes = chainHashes(previous, entries);
  return entries.map((entry, i) => {
    const row: CellInput[] = Array<CellInput>(headers.length).fill("");
    auditChainCells(entry, hashes[i]).forEach((cell, c) => {
      if (columns[c] >= 0) row[columns[c]] = toCellInput(cell);
    });
    return row;
  });
}
