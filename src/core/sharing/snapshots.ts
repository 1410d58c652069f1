/**
 * Named snapshots of a plan's inputs, top-down targets and statuses, kept inside the workbook, and
 * the comparison of the plan now with any of them.
 *
 * Layout (pure, both workbook implementations write it the same way):
 * - "GU Snapshots" / GuSnapshots: Name | Time | By | Table, one row per snapshot, oldest first.
 * - "GU Snapshot <n>" / GuSnapshot<n>: one visible sheet and table per snapshot, so a user can read
 *   or chart it like any other sheet: Id | Name | Status | "Input: <period>"... | "Target: <period>"...
 *   Each snapshot carries its own period columns: the plan's periods may change after it was taken.
 */
import { asNumber, idKey, idText } from "../cell";
import { sharingMessages } from "../messages";
import {
  GENERAL,
  ID_HEADER,
  cellText,
  findColumn,
  headerBlock,
  numberFormat,
  type CellBlock,
  type LayoutCell,
  type TableGrid,
} from "../plan/layout";
import { STATUSES, type AuditEntry, type PeriodValues, type Plan, type Status } from "../plan/types";
import { entryFor } from "../plan/workflow";
import { valueColumns } from "../plan/measures";

export interface SnapshotInfo {
  readonly name: string;
  /** ISO timestamp of when it was taken. */
  readonly time: string;
  /** Who took it. */
  readonly user: string;
}

export interface SnapshotRow {
  readonly id: string;
  readonly name: string;
  readonly status: Status;
  /** Index-aligned with the snapshot's periods. */
  readonly inputs: PeriodValues;
  /** The node's own top-down targets (not cascaded), index-aligned with the snapshot's periods. */
  readonly targets: PeriodValues;
}

export interface Snapshot extends SnapshotInfo {
  readonly periods: readonly string[];
  readonly rows: readonly SnapshotRow[];
}

/** A row of the snapshots index: the snapshot and the table holding it. */
export interface SnapshotIndexEntry extends SnapshotInfo {
  readonly table: string;
}

/** Thrown for a snapshot that can't be taken or read: a blank or repeated name, an unknown one. */
export class SnapshotError extends Error {
  override readonly name = "SnapshotError";
}

export const SNAPSHOT_INDEX = {
  sheet: "GU Snapshots",
  table: "GuSnapshots",
  headers: ["Name", "Time", "By", "Table"],
} as const;

const FIXED_HEADERS = [ID_HEADER, "Name", "Status"] as const;
const INPUT_PREFIX = "Input: ";
const TARGET_PREFIX = "Target: ";

export function snapshotSheet(n: number): string {
  return `GU Snapshot ${n}`;
}

export function snapshotTable(n: number): string {
  return `GuSnapshot${n}`;
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The snapshots the index lists, oldest first; blank rows (a new table's empty row) are skipped. */
export function readSnapshotIndex(grid: TableGrid | undefined): SnapshotIndexEntry[] {
  if (grid === undefined) return [];
  const [name, time, user, table] = SNAPSHOT_INDEX.headers.map((header) => findColumn(grid.headers, header));
  if (name < 0 || table < 0) return [];
  return grid.rows
    .map((row) => ({
      name: cellText(row[name]).trim(),
      time: time < 0 ? "" : cellText(row[time]).trim(),
      user: user < 0 ? "" : cellText(row[user]).trim(),
      table: cellText(row[table]).trim(),
    }))
    .filter((entry) => entry.name !== "" && entry.table !== "");
}

/** The snapshots the index lists, as `listSnapshots` returns them. */
export function snapshotInfos(index: readonly SnapshotIndexEntry[]): SnapshotInfo[] {
  return index.map(({ name, time, user }) => ({ name, time, user }));
}

/** The index entry of the snapshot called `name` (matched ignoring case and surrounding spaces). */
export function findSnapshot(index: readonly SnapshotIndexEntry[], name: string): SnapshotIndexEntry {
  const found = index.find((entry) => sameName(entry.name, name));
  if (found === undefined) throw new SnapshotError(sharingMessages.noSuchSnapshot(name.trim()));
  return found;
}

/** What to write for a new snapshot: its own sheet and table, and its row of the index. */
export interface SnapshotWrite {
  readonly sheet: string;
  readonly table: string;
  /** Header row plus one row per node. */
  readonly rowCount: number;
  readonly colCount: number;
  /** The snapshot table's cells (header first), anchored at A1 of `sheet`. */
  readonly blocks: readonly CellBlock[];
  /** The index row to append (Name | Time | By | Table). */
  readonly indexRow: readonly LayoutCell[];
}

/**
 * The cells of a snapshot of `plan` called `info.name`. `index` is what the workbook's index
 * lists; `taken` holds the (lower-case) sheet and table names already in the workbook, so the new
 * ones never clash. Throws `SnapshotError` for a blank name or one already used.
 */
export function snapshotWrite(
  plan: Plan,
  info: SnapshotInfo,
  index: readonly SnapshotIndexEntry[],
  taken: ReadonlySet<string>,
): SnapshotWrite {
  const name = info.name.trim();
  if (name === "") throw new SnapshotError(sharingMessages.snapshotNameRequired);
  if (index.some((entry) => sameName(entry.name, name))) throw new SnapshotError(sharingMessages.snapshotExists(name));

  let n = index.length + 1;
  while (taken.has(snapshotSheet(n).toLowerCase()) || taken.has(snapshotTable(n).toLowerCase())) n++;
  const sheet = snapshotSheet(n);
  const table = snapshotTable(n);

  const periods = valueColumns(plan.settings);
  const headers: LayoutCell[] = [
    ...FIXED_HEADERS,
    ...periods.map((period) => `${INPUT_PREFIX}${period}`),
    ...periods.map((period) => `${TARGET_PREFIX}${period}`),
  ];
  const body = plan.nodes.map((node): LayoutCell[] => {
    const entry = entryFor(plan, node.id);
    const targets = plan.topDown.get(node.id) ?? [];
    return [
      node.id,
      node.name,
      entry.status,
      ...periods.map((_, p) => entry.values[p] ?? null),
      ...periods.map((_, p) => targets[p] ?? null),
    ];
  });
  const value = numberFormat(plan.settings.decimals);
  const formats = headers.map((_, c) => (c < FIXED_HEADERS.length ? GENERAL : value));
  return {
    sheet,
    table,
    rowCount: body.length + 1,
    colCount: headers.length,
    blocks: [
      headerBlock(sheet, headers),
      {
        sheet,
        row: 1,
        col: 0,
        rowCount: body.length,
        colCount: headers.length,
        cells: body,
        formats,
      },
    ],
    indexRow: [name, info.time, info.user, table],
  };
}

/** The index table's header row, for a workbook that has no snapshot yet. */
export function snapshotIndexHeader(): CellBlock {
  return headerBlock(SNAPSHOT_INDEX.sheet, SNAPSHOT_INDEX.headers);
}

/** A snapshot as its table holds it. Throws `SnapshotError` if the table has no Id column. */
export function readSnapshotGrid(entry: SnapshotIndexEntry, grid: TableGrid): Snapshot {
  const id = findColumn(grid.headers, ID_HEADER);
  if (id < 0) throw new SnapshotError(sharingMessages.badSnapshot(entry.table));
  const name = findColumn(grid.headers, "Name");
  const status = findColumn(grid.headers, "Status");
  const inputs: { label: string; col: number }[] = [];
  const targets = new Map<string, number>();
  grid.headers.forEach((header, col) => {
    const text = cellText(header);
    if (text.startsWith(INPUT_PREFIX)) inputs.push({ label: text.slice(INPUT_PREFIX.length).trim(), col });
    else if (text.startsWith(TARGET_PREFIX)) targets.set(text.slice(TARGET_PREFIX.length).trim().toLowerCase(), col);
  });
  const rows: SnapshotRow[] = [];
  for (const row of grid.rows) {
    if (idKey(row[id]) === undefined) continue;
    const statusText = status < 0 ? "" : cellText(row[status]).trim().toLowerCase();
    rows.push({
      id: idText(row[id]).trim(),
      name: name < 0 ? "" : cellText(row[name]),
      status: STATUSES.find((candidate) => candidate.toLowerCase() === statusText) ?? "Not started",
      inputs: inputs.map(({ col }) => asNumber(row[col]) ?? null),
      targets: inputs.map(({ label }) => {
        const col = targets.get(label.toLowerCase());
        return col === undefined ? null : (asNumber(row[col]) ?? null);
      }),
    });
  }
  return {
    name: entry.name,
    time: entry.time,
    user: entry.user,
    periods: inputs.map(({ label }) => label),
    rows,
  };
}

// ---------------------------------------------------------------------------------------------
// Comparing

export type SnapshotChangeKind = "input" | "target" | "status" | "node";

/** One difference between a snapshot and the plan now. */
export interface SnapshotChange {
  readonly id: string;
  /** The node's name now, or in the snapshot if it has left the plan. */
  readonly name: string;
  readonly kind: SnapshotChangeKind;
  /**
   * As the audit log names it: the period label for an input, "top-down <period>" for a target,
   * "status"; "node" when the node joined or left the plan.
   */
  readonly field: string;
  /** null: blank, or not in the snapshot / plan. Statuses and node changes are text. */
  readonly before: number | string | null;
  readonly after: number | string | null;
  /** Who changed it since the snapshot, per the audit log, in the order they did. */
  readonly by: readonly string[];
}

export const NODE_ADDED = "added";
export const NODE_REMOVED = "removed";

function periodKey(label: string): string {
  return label.trim().toLowerCase();
}

function timeOf(iso: string): number {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? -Infinity : time;
}

/** Users who wrote each node's fields after `since`, by node key and then field key. */
function authorsSince(audit: readonly AuditEntry[], since: string): Map<string, Map<string, string[]>> {
  const after = timeOf(since);
  const byNode = new Map<string, Map<string, string[]>>();
  for (const entry of audit) {
    const node = idKey(entry.node);
    if (node === undefined || timeOf(entry.time) <= after) continue;
    let fields = byNode.get(node);
    if (fields === undefined) byNode.set(node, (fields = new Map()));
    const field = entry.field.trim().toLowerCase();
    const users = fields.get(field) ?? [];
    if (entry.user !== "" && !users.includes(entry.user)) users.push(entry.user);
    fields.set(field, users);
  }
  return byNode;
}

/**
 * Every difference between the snapshot and the plan now, per node (in the plan's order, then
 * nodes that have left it) and per period: inputs, the nodes' own top-down targets and statuses,
 * with who changed each since the snapshot according to the audit log. Periods are matched by
 * label; a period on one side only compares with blank.
 */
export function compareWithSnapshot(plan: Plan, snapshot: Snapshot, audit: readonly AuditEntry[]): SnapshotChange[] {
  const authors = authorsSince(audit, snapshot.time);
  const snapshotRows = new Map<string, SnapshotRow>();
  for (const row of snapshot.rows) {
    const key = idKey(row.id);
    if (key !== undefined && !snapshotRows.has(key)) snapshotRows.set(key, row);
  }
  const snapshotPeriods = new Map(snapshot.periods.map((label, p) => [periodKey(label), p]));
  const planPeriods = new Set(valueColumns(plan.settings).map(periodKey));
  const labels = [
    ...valueColumns(plan.settings),
    ...snapshot.periods.filter((label) => !planPeriods.has(periodKey(label))),
  ];

  const changes: SnapshotChange[] = [];
  const seen = new Set<string>();
  for (const node of plan.nodes) {
    const key = idKey(node.id);
    if (key === undefined || seen.has(key)) continue;
    seen.add(key);
    const fields = authors.get(key);
    const by = (field: string): string[] => fields?.get(field.toLowerCase()) ?? [];
    const before = snapshotRows.get(key);
    if (before === undefined) {
      const all = [...new Set([...(fields?.values() ?? [])].flat())];
      changes.push({
        id: node.id,
        name: node.name,
        kind: "node",
        field: "node",
        before: null,
        after: NODE_ADDED,
        by: all,
      });
      continue;
    }
    const entry = entryFor(plan, node.id);
    const targets = plan.topDown.get(node.id) ?? [];
    const push = (
      kind: SnapshotChangeKind,
      field: string,
      was: number | string | null,
      now: number | string | null,
    ): void => {
      if (was !== now)
        changes.push({ id: node.id, name: node.name, kind, field, before: was, after: now, by: by(field) });
    };
    for (const label of labels) {
      const p = valueColumns(plan.settings).indexOf(label);
      const s = snapshotPeriods.get(periodKey(label));
      push(
        "input",
        label,
        s === undefined ? null : (before.inputs[s] ?? null),
        p < 0 ? null : (entry.values[p] ?? null),
      );
    }
    for (const label of labels) {
      const p = valueColumns(plan.settings).indexOf(label);
      const s = snapshotPeriods.get(periodKey(label));
      push(
        "target",
        `top-down ${label}`,
        s === undefined ? null : (before.targets[s] ?? null),
        p < 0 ? null : (targets[p] ?? null),
      );
    }
    push("status", "status", before.status, entry.status);
  }
  for (const row of snapshot.rows) {
    const key = idKey(row.id);
    if (key === undefined || seen.has(key)) continue;
    seen.add(key);
    changes.push({
      id: row.id,
      name: row.name,
      kind: "node",
      field: "node",
      before: null,
      after: NODE_REMOVED,
      by: [],
    });
  }
  return changes;
}
