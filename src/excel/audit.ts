/** The audit table: reading the log, appending to it. */
import { auditTableRows } from "../core/audit/auditRows";
import { textAsRead } from "../core/plan/text";
import { AUDIT_TABLE, TABLES, auditHeaderBlock, findColumn, readAuditChain, type CellInput } from "../core/plan/layout";
import type { ChainedAuditRow } from "../core/audit/chain";
import type { AuditEntry } from "../core/plan/types";
import type { AuditPlace } from "./auditChain";
import { writeSlice, type SheetCache } from "./sheetWrites";
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
  // time may not).
  const hash = findColumn(place.headers, "Hash");
  const keys = rows.map((row) => textAsRead(String(row[hash])));
  return appendRows(context, TABLES.audit, hash, rows, keys);
}

/** The audit rows of `entries`, laid out by the table's headers and chained below its last row. */
export function chainedAuditRows(place: AuditPlace, entries: readonly AuditEntry[]): CellInput[][] {
  return auditTableRows(place.headers, place.previous, entries);
}

/**
 * Queues what must exist before rows are appended: the audit table (and its sheet) should
 * someone have deleted it, or the chain columns of a table made before them. Once per save.
 */
export function prepareAuditTable(context: Excel.RequestContext, worksheets: SheetCache, place: AuditPlace): void {
  if (place.tableMissing) {
    const sheet = place.sheetMissing ? worksheets.add(AUDIT_TABLE.sheet) : worksheets.get(AUDIT_TABLE.sheet);
    sheet.tables.add(sheet.getRangeByIndexes(0, 0, AUDIT_TABLE.rowCount, AUDIT_TABLE.colCount), true).name =
      AUDIT_TABLE.name;
    writeSlice(worksheets, { block: auditHeaderBlock(), fromRow: 0, rowCount: 1 });
    return;
  }
  const table = context.workbook.tables.getItem(TABLES.audit);
  // TableColumnCollection.add: "1.4 allows index to be optional (null or -1) and will append a
  // column at the end; 1.4 allows name parameter at creation time" (Excel API reference), within
  // the ExcelApi 1.13 the manifest requires.
  for (const header of place.addColumns) table.columns.add(undefined, undefined, header);
}
