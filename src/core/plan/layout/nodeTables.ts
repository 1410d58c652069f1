/**
 * The per-node tables (inputs, targets, status) as a new setup writes them: row-aligned with the
 * hierarchy, row i of each holding node i, so the report can use one spilled formula per column.
 * What they held before is carried over by id, read leniently (any columns): rows of ids that left
 * the hierarchy but still hold something (an input, a target, a comment, a status other than Not
 * started) are kept below the aligned rows ("orphans") and come back into line if the node
 * returns; so are columns of periods that left the plan but hold values.
 */
import { idKey, idText, isBlank } from "../../cell";
import { layoutMessages } from "../../messages";
import type { PlanSettings } from "../types";
import { columnDecimals, valueColumns } from "../measures";
import { GENERAL, cellText, numberFormat, type LayoutCell } from "./cells";
import { findColumn, duplicateProblems, headerKey, sheetRowOf, type PlanGrids, type TableGrid } from "./grids";
import { ID_HEADER, NODE_TABLES, STATUS_HEADERS, TABLES, TABLE_SHEETS, type NodeTable } from "./names";
import { PlanLayoutError, type LayoutProblem } from "./problems";

interface StoredRow {
  readonly id: string;
  readonly key: string;
  /** header key -> cell */
  readonly cells: ReadonlyMap<string, unknown>;
  /** header keys of the cells that count as something entered */
  readonly data: ReadonlySet<string>;
  readonly hasData: boolean;
}

export interface StoredTable {
  readonly columns: readonly string[];
  readonly rows: readonly StoredRow[];
  readonly problems: readonly LayoutProblem[];
}

export type StoredTables = Readonly<Record<NodeTable, StoredTable>>;

/**
 * What the per-node tables in `existing` hold. Throws `PlanLayoutError` when one can't be read
 * safely (its rows would be lost).
 */
export function storedTables(existing: PlanGrids): StoredTables {
  const stored = NODE_TABLES.map((table) => storedTable(table, existing[table]));
  const problems = stored.flatMap((table) => table.problems);
  if (problems.length > 0) throw new PlanLayoutError(problems);
  const [inputs, targets, status] = stored;
  return { inputs, targets, status };
}

/** Ids of the stored rows that hold something but are no node's, once each: status rows first. */
export function orphanIds(stored: StoredTables, nodeIds: readonly string[]): string[] {
  const nodeKeys = new Set(nodeIds.map((id) => idKey(id) as string));
  const orphans: string[] = [];
  const orphanKeys = new Set<string>();
  for (const table of [stored.status, stored.inputs, stored.targets]) {
    for (const row of table.rows) {
      if (nodeKeys.has(row.key) || orphanKeys.has(row.key) || !row.hasData) continue;
      orphanKeys.add(row.key);
      orphans.push(row.id);
    }
  }
  return orphans;
}

/** A per-node table to write: its headers, one body row per id, and a number format per column. */
export interface NodeTableContent {
  readonly columns: readonly string[];
  readonly body: LayoutCell[][];
  readonly formats: readonly string[];
}

/**
 * The table's columns for `settings` (plus stored columns that still hold something) and a row per
 * id of `rowIds`: what the stored row held, or blank (a new status row is "Not started").
 */
export function nodeTableContent(
  table: NodeTable,
  stored: StoredTable,
  settings: PlanSettings,
  rowIds: readonly string[],
): NodeTableContent {
  const planColumns = table === "status" ? [...STATUS_HEADERS] : [ID_HEADER, ...valueColumns(settings)];
  const fill = (column: string): LayoutCell => (table === "status" && column === "Status" ? "Not started" : null);
  const kept = stored.columns.filter(
    (column) => findColumn(planColumns, column) < 0 && stored.rows.some((row) => row.data.has(headerKey(column))),
  );
  const columns = [...planColumns, ...kept];
  const numeric = table !== "status";
  const formats = columns.map((_, i) => (numeric && i > 0 ? numberFormat(columnDecimals(settings, i - 1)) : GENERAL));
  const byKey = new Map(stored.rows.map((row) => [row.key, row]));
  // Per column, not per cell: a setup makes a row for every node.
  const keys = columns.map(headerKey);
  const blanks = columns.map(fill);
  const body = rowIds.map((id): LayoutCell[] => {
    const row = byKey.get(idKey(id) as string);
    return columns.map((_, i) => {
      if (i === 0) return id;
      const value = row?.cells.get(keys[i]);
      const cell = value === undefined ? null : keptCell(value);
      return cell === null ? blanks[i] : cell;
    });
  });
  return { columns, body, formats };
}

/** A stored cell kept through a new setup as it was: numbers, text and booleans; anything else is blank. */
function keptCell(value: unknown): LayoutCell {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value;
  if (typeof value === "string") return value === "" ? null : value;
  return null;
}

/** A per-node table as it is, read leniently (any columns), to carry its rows into a new setup. */
function storedTable(table: NodeTable, grid: TableGrid | undefined): StoredTable {
  if (grid === undefined) return { columns: [], rows: [], problems: [] };
  const sheet = TABLE_SHEETS[table];
  const idColumn = findColumn(grid.headers, ID_HEADER);
  if (idColumn < 0) {
    return {
      columns: [],
      rows: [],
      problems: [{ sheet, row: 1, message: layoutMessages.missingColumn(TABLES[table], sheet, ID_HEADER) }],
    };
  }
  const columns = grid.headers.map(cellText);
  const rows: StoredRow[] = [];
  const rowsByKey = new Map<string, number[]>();
  grid.rows.forEach((cells, index) => {
    const key = idKey(cells[idColumn]);
    if (key === undefined) return;
    rowsByKey.set(key, [...(rowsByKey.get(key) ?? []), sheetRowOf(index)]);
    const values = new Map<string, unknown>();
    const data = new Set<string>();
    columns.forEach((column, c) => {
      if (c === idColumn) return;
      const value = cells[c];
      values.set(headerKey(column), value);
      const pristine =
        isBlank(value) || (table === "status" && headerKey(column) === "status" && headerKey(value) === "not started");
      if (!pristine) data.add(headerKey(column));
    });
    rows.push({
      id: idText(cells[idColumn]).trim(),
      key,
      cells: values,
      data,
      hasData: data.size > 0,
    });
  });
  const problems = duplicateProblems(sheet, rowsByKey, rows);
  return { columns: columns.filter((_, c) => c !== idColumn), rows, problems };
}
