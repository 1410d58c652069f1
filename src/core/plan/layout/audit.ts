/**
 * The audit table: Time | User | Node | Field | Old | New | Note | Identity | Hash, append-only.
 * Identity says how the user was established (`AuditEntry.identity`); Hash chains each row to the
 * one above it (src/core/audit/chain.ts). Tables made before those two columns existed have only
 * the first seven: reading works without them, and each implementation adds them (as table
 * columns, at the right) before it next appends. Rows are written by header, so a user who moved
 * a column does not get fields in the wrong places.
 */
import type { ChainedAuditRow } from "../../audit/chain";
import { isBlank } from "../../cell";
import type { AuditEntry, IdentitySource } from "../types";
import { cellText, headerBlock, toCellInput, type CellBlock, type CellInput, type LayoutCell } from "./cells";
import { findColumn, requireColumns, sheetRowOf, type TableGrid } from "./grids";
import { AUDIT_CHAIN_HEADERS, AUDIT_HEADERS, SHEETS, TABLES } from "./names";
import type { TableLayout } from "./planLayout";
import { PlanLayoutError, type LayoutProblem } from "./problems";

/** Every column of a new audit table, in order. */
export const AUDIT_COLUMNS: readonly string[] = [...AUDIT_HEADERS, ...AUDIT_CHAIN_HEADERS];

/** The audit table when it doesn't exist yet: a header row and one blank row, as Excel makes it. */
export const AUDIT_TABLE: TableLayout = {
  table: "audit",
  name: TABLES.audit,
  sheet: SHEETS.audit,
  rowCount: 2,
  colCount: AUDIT_COLUMNS.length,
};

export function auditHeaderBlock(): CellBlock {
  return headerBlock(SHEETS.audit, AUDIT_COLUMNS);
}

/** The first seven fields of an audit row, in the order of `AUDIT_HEADERS`. */
export function auditCells(entry: AuditEntry): LayoutCell[] {
  return [entry.time, entry.user, entry.node, entry.field, entry.oldValue, entry.newValue, entry.note];
}

/** A whole row of a new audit table (`AUDIT_COLUMNS`), chained by `hash`. */
export function auditChainCells(entry: AuditEntry, hash: string): LayoutCell[] {
  return [...auditCells(entry), entry.identity ?? "", hash];
}

/** The row to append to a table with the columns of `AUDIT_COLUMNS` for `entry`. */
export function auditRow(entry: AuditEntry, hash: string): CellInput[] {
  return auditChainCells(entry, hash).map(toCellInput);
}

/** The chain columns a table with `headers` lacks, in the order to add them. */
export function missingAuditColumns(headers: readonly unknown[]): string[] {
  return AUDIT_CHAIN_HEADERS.filter((header) => findColumn(headers, header) < 0);
}

/**
 * The hash to chain the next appended row to: the Hash cell of the table's last body row (`last`,
 * undefined for a table without body rows); "" when that row has none (a blank first row, or a
 * log from before the chain), which starts the chain there.
 */
export function lastChainHash(headers: readonly unknown[], last: readonly unknown[] | undefined): string {
  const column = findColumn(headers, "Hash");
  return column < 0 || last === undefined ? "" : cellText(last[column]).trim();
}

/**
 * The audit log, oldest first; blank rows (Excel's empty first row of a new table) are skipped.
 * Throws `PlanLayoutError` if a column is missing.
 */
export function readAuditGrid(grid: TableGrid): AuditEntry[] {
  const entries: AuditEntry[] = [];
  readAuditRows(grid, (entry) => entries.push(entry));
  return entries;
}

/** The audit log as stored, each row with its hash and sheet row (for `verifyAuditChain`). */
export function readAuditChain(grid: TableGrid): ChainedAuditRow[] {
  const hash = findColumn(grid.headers, "Hash");
  const rows: ChainedAuditRow[] = [];
  readAuditRows(grid, (entry, row, i) =>
    rows.push({ entry, hash: hash < 0 ? "" : cellText(row[hash]).trim(), sheetRow: sheetRowOf(i) }),
  );
  return rows;
}

/**
 * Calls `found` with each non-blank row's entry, the row and its body index. A plan's log runs to
 * tens of thousands of rows, read whenever a view opens: nothing is made per row but the entry.
 */
function readAuditRows(
  grid: TableGrid,
  found: (entry: AuditEntry, row: readonly unknown[], index: number) => void,
): void {
  const problems: LayoutProblem[] = [];
  const columns = requireColumns("audit", grid.headers, AUDIT_HEADERS, problems);
  if (columns === null) throw new PlanLayoutError(problems);
  const [time, user, node, field, oldValue, newValue, note] = columns;
  const identity = findColumn(grid.headers, "Identity");
  const all = [...columns, identity, findColumn(grid.headers, "Hash")].filter((c) => c >= 0);
  grid.rows.forEach((row, i) => {
    if (all.every((c) => isBlank(row[c]))) return;
    const source = identity < 0 ? "" : cellText(row[identity]).trim();
    const entry: AuditEntry = {
      time: cellText(row[time]),
      user: cellText(row[user]),
      node: cellText(row[node]),
      field: cellText(row[field]),
      oldValue: cellText(row[oldValue]),
      newValue: cellText(row[newValue]),
      note: cellText(row[note]),
    };
    found(isIdentity(source) ? { ...entry, identity: source } : entry, row, i);
  });
}

function isIdentity(text: string): text is IdentitySource {
  return text === "office-account" || text === "chosen";
}
