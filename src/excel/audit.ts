/** The audit table: reading the log, appending to it. */
import { AUDIT_TABLE, TABLES, auditHeaderBlock, auditRow, readAuditGrid } from "../core/plan/layout";
import type { AuditEntry } from "../core/plan/types";
import { writeSlice, type SheetCache } from "./sheetWrites";
import { appendRows, type Append } from "./tableRows";
import { readTables, tableNames } from "./tableReads";

export async function readAudit(context: Excel.RequestContext): Promise<AuditEntry[]> {
  const existing = await tableNames(context);
  if (!existing.has(TABLES.audit.toLowerCase())) return [];
  const [table] = await readTables(context, [TABLES.audit]);
  return readAuditGrid(table.grid);
}

/**
 * Queues the audit rows onto the rows right below the audit table (`appendRows`: never
 * `TableRowCollection.add`, which makes co-authors' Excel show a merge conflict), first recreating
 * the table should someone have deleted it. Returns the check to run after the sync; null when
 * there is nothing to append.
 */
export function appendAudit(
  context: Excel.RequestContext,
  worksheets: SheetCache,
  tableMissing: boolean,
  sheetMissing: boolean,
  audit: readonly AuditEntry[],
): Append | null {
  if (audit.length === 0) return null;
  if (tableMissing) {
    const sheet = sheetMissing ? worksheets.add(AUDIT_TABLE.sheet) : worksheets.get(AUDIT_TABLE.sheet);
    sheet.tables.add(sheet.getRangeByIndexes(0, 0, AUDIT_TABLE.rowCount, AUDIT_TABLE.colCount), true).name =
      AUDIT_TABLE.name;
    writeSlice(worksheets, { block: auditHeaderBlock(), fromRow: 0, rowCount: 1 });
  }
  // The log has no Id column: its rows are checked by their first column, the time of each entry.
  return appendRows(
    context,
    TABLES.audit,
    0,
    audit.map(auditRow),
    audit.map((entry) => entry.time),
  );
}
