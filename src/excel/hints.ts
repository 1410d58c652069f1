/**
 * Which body row of the hierarchy, status and inputs tables this workbook object last saw each
 * node on (as last read or written), so that a save reads only those rows. A hint is only a
 * guess, by table row and never by sheet name or sheet row: the save checks the id the row holds
 * now, and searches the table's Id column only when it does not match (someone sorted the table,
 * inserted rows, or a co-author ran the setup again).
 */
import { idKey } from "../core/cell";
import { ID_HEADER, findColumn, type PlanLayout, type PlanTable, type TableGrid } from "../core/plan/layout";

export type HintTable = "hierarchy" | "status" | "inputs";

/** id key -> 0-based body row */
type RowMap = Map<string, number>;

type Hints = Partial<Record<HintTable, RowMap>>;

export class RowHints {
  private hints: Hints = {};

  /** Replaces the hints of the tables `hints` has. */
  update(hints: Hints): void {
    this.hints = { ...this.hints, ...hints };
  }

  /** Notes that `id` is (now) on body row `row` of `table`. */
  note(table: HintTable, id: string, row: number): void {
    const rows = this.hints[table] ?? new Map<string, number>();
    this.hints[table] = rows;
    rows.set(idKey(id) ?? "", row);
  }

  /** The body row of `table` where this object last saw `id`, if it has. */
  row(table: HintTable, id: string): number | undefined {
    return this.hints[table]?.get(idKey(id) ?? "");
  }
}

/** id key -> 0-based body row of a table's Id cells, the first row of each id. */
export function rowsOfIds(ids: readonly (readonly unknown[])[]): RowMap {
  const rows: RowMap = new Map();
  ids.forEach((cells, i) => {
    const key = idKey(cells[0]);
    if (key !== undefined && !rows.has(key)) rows.set(key, i);
  });
  return rows;
}

/** Hints of the hint tables among `tables`, read (in that order) as `grids`. */
export function hintsFromRead(tables: readonly PlanTable[], grids: readonly TableGrid[]): Hints {
  const hints: Hints = {};
  tables.forEach((table, i) => {
    if (table !== "hierarchy" && table !== "status" && table !== "inputs") return;
    const idColumn = findColumn(grids[i].headers, ID_HEADER);
    hints[table] = rowsOfIds(grids[i].rows.map((row) => [row[idColumn]]));
  });
  return hints;
}

export function hintsFromLayout(layout: PlanLayout): Hints {
  const rows = (ids: readonly string[]): RowMap => new Map(ids.map((id, i) => [idKey(id) as string, i]));
  const hierarchy = layout.tables.find((table) => table.table === "hierarchy");
  return {
    hierarchy: rows(layout.rowIds.slice(0, hierarchy === undefined ? 0 : hierarchy.rowCount - 1)),
    status: rows(layout.rowIds),
    inputs: rows(layout.rowIds),
  };
}
