/**
 * Where this workbook object last saw each node's row of the hierarchy, status and inputs tables
 * (as last read or written), so that a save can read those rows in its first sync. A hint is only
 * a guess: the save checks it against where the table and the id are now.
 */
import { idKey } from "../core/cell";
import { ID_HEADER, findColumn, type PlanLayout, type PlanTable, type TableLayout } from "../core/plan/layout";
import type { Located, ReadTable } from "./tableReads";

export type HintTable = "hierarchy" | "status" | "inputs";

/** Where a table's body is and which row holds which id, as last read or written. */
interface TableHint {
  readonly sheet: string;
  /** 0-based sheet row of the first body row */
  readonly top: number;
  /** 0-based sheet column of the table's first column */
  readonly left: number;
  readonly width: number;
  /** id key -> 0-based body row */
  readonly rows: ReadonlyMap<string, number>;
}

type Hints = Partial<Record<HintTable, TableHint>>;

/** A queued read of the row where a hint puts an id, and where the hint put its table. */
export interface Guess extends Omit<TableHint, "rows"> {
  readonly row: number;
  readonly range: Excel.Range;
}

/** A located table's rows as a hint, which `writeRow` extends with the rows it appends. */
export interface RowBook extends TableHint {
  readonly rows: Map<string, number>;
  /** The body row the next appended row gets. */
  next: number;
}

export class RowHints {
  private hints: Hints = {};

  /** Replaces the hints of the tables `hints` has. */
  update(hints: Hints): void {
    this.hints = { ...this.hints, ...hints };
  }

  /** Queues a read of where this object last saw `id`'s row of `table`, if it has seen it. */
  guessRow(context: Excel.RequestContext, table: HintTable, id: string): Guess | null {
    const hint = this.hints[table];
    const row = hint?.rows.get(idKey(id) ?? "");
    if (hint === undefined || row === undefined) return null;
    const range = context.workbook.worksheets
      .getItem(hint.sheet)
      .getRangeByIndexes(hint.top + row, hint.left, 1, hint.width)
      .load("values");
    return { row, sheet: hint.sheet, top: hint.top, left: hint.left, width: hint.width, range };
  }
}

/** Hints of the hint tables among `tables`, read (in that order) by `readTables`. */
export function hintsFromRead(tables: readonly PlanTable[], read: readonly ReadTable[]): Hints {
  const hints: Hints = {};
  tables.forEach((table, i) => {
    if (table === "hierarchy" || table === "status" || table === "inputs") hints[table] = hintFrom(read[i]);
  });
  return hints;
}

function hintFrom(table: ReadTable): TableHint {
  const idColumn = findColumn(table.place.headers, ID_HEADER);
  const rows = new Map<string, number>();
  table.grid.rows.forEach((cells, i) => {
    const key = idKey(cells[idColumn]);
    if (key !== undefined && !rows.has(key)) rows.set(key, i);
  });
  return {
    sheet: table.place.sheet,
    top: table.place.top,
    left: table.place.left,
    width: table.place.headers.length,
    rows,
  };
}

export function hintFromLocated(place: Located, rows: ReadonlyMap<string, number>): RowBook {
  return {
    sheet: place.sheet,
    top: place.top,
    left: place.left,
    width: place.headers.length,
    rows: new Map(rows),
    next: place.ids.length,
  };
}

export function hintsFromLayout(layout: PlanLayout): Hints {
  const hint = (table: HintTable, ids: readonly string[]): TableHint | undefined => {
    const found = layout.tables.find((candidate) => candidate.table === table);
    if (found === undefined) return undefined;
    return {
      sheet: found.sheet,
      top: 1,
      left: 0,
      width: found.colCount,
      rows: new Map(ids.map((id, i) => [idKey(id) as string, i])),
    };
  };
  const hierarchy = layout.tables.find((table) => table.table === "hierarchy") as TableLayout;
  return {
    hierarchy: hint("hierarchy", layout.rowIds.slice(0, hierarchy.rowCount - 1)),
    status: hint("status", layout.rowIds),
    inputs: hint("inputs", layout.rowIds),
  };
}
