/** The audit table: reading the log, appending to it. */
import { AUDIT_TABLE, TABLES, auditHeaderBlock, auditRow, readAuditGrid } from "../core/plan/layout";
import type { AuditEntry } from "../core/plan/types";
import { writeSlice, type SheetCache } from "./sheetWrites";
import { readTables, tableNames } from "./tableReads";

export async function readAudit(context: Excel.RequestContext): Promise<AuditEntry[]> {
  const existing = await tableNames(context);
  if (!existing.has(TABLES.audit.toLowerCase())) return [];
  const [table] = await readTables(context, [TABLES.audit]);
  return readAuditGrid(table.grid);
}

/** Queues the audit rows, first recreating the audit table should someone have deleted it. */
export function appendAudit(
  context: Excel.RequestContext,
  worksheets: SheetCache,
  tableMissing: boolean,
  sheetMissing: boolean,
  audit: readonly AuditEntry[],
): void {
  if (audit.length === 0) return;
  if (tableMissing) {
    const sheet = sheetMissing ? worksheets.add(AUDIT_TABLE.sheet) : worksheets.get(AUDIT_TABLE.sheet);
    sheet.tables.add(sheet.getRangeByIndexes(0, 0, AUDIT_TABLE.rowCount, AUDIT_TABLE.colCount), true).name =
      AUDIT_TABLE.name;
    writeSlice(worksheets, { block: auditHeaderBlock(), fromRow: 0, rowCount: 1 });
  }
  context.workbook.tables.getItem(TABLES.audit).rows.add(undefined, audit.map(auditRow));
}
