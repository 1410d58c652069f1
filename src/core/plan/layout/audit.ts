/** The audit table: Time | User | Node | Field | Old | New | Note, append-only. */
import { isBlank } from "../../cell";
import type { AuditEntry } from "../types";
import { cellText, headerBlock, toCellInput, type CellBlock, type CellInput, type LayoutCell } from "./cells";
import { requireColumns, type TableGrid } from "./grids";
import { AUDIT_HEADERS, SHEETS, TABLES } from "./names";
import type { TableLayout } from "./planLayout";
import { PlanLayoutError, type LayoutProblem } from "./problems";

/** The audit table when it doesn't exist yet: a header row and one blank row, as Excel makes it. */
export const AUDIT_TABLE: TableLayout = {
  table: "audit",
  name: TABLES.audit,
  sheet: SHEETS.audit,
  rowCount: 2,
  colCount: AUDIT_HEADERS.length,
};

export function auditHeaderBlock(): CellBlock {
  return headerBlock(SHEETS.audit, AUDIT_HEADERS);
}

export function auditCells(entry: AuditEntry): LayoutCell[] {
  return [entry.time, entry.user, entry.node, entry.field, entry.oldValue, entry.newValue, entry.note];
}

/** The row to append to the audit table for `entry`. */
export function auditRow(entry: AuditEntry): CellInput[] {
  return auditCells(entry).map(toCellInput);
}

/**
 * The audit log, oldest first; blank rows (Excel's empty first row of a new table) are skipped.
 * Throws `PlanLayoutError` if a column is missing.
 */
export function readAuditGrid(grid: TableGrid): AuditEntry[] {
  const problems: LayoutProblem[] = [];
  const columns = requireColumns("audit", grid.headers, AUDIT_HEADERS, problems);
  if (columns === null) throw new PlanLayoutError(problems);
  const [time, user, node, field, oldValue, newValue, note] = columns;
  return grid.rows
    .filter((row) => columns.some((c) => !isBlank(row[c])))
    .map((row) => ({
      time: cellText(row[time]),
      user: cellText(row[user]),
      node: cellText(row[node]),
      field: cellText(row[field]),
      oldValue: cellText(row[oldValue]),
      newValue: cellText(row[newValue]),
      note: cellText(row[note]),
    }));
}
