/**
 * A map from cell keys (`row * MAX_COLUMNS + col`, as the in-memory workbook keys its cells) held
 * as one array per column, indexed by row. The plan sets formats whole columns at a time (260,000
 * cells for the report of 10,000 nodes); in a `Map` of that many keys each entry costs a hashed
 * insert and its share of the table's growth, half of the plan's set-up, where an array store is
 * a write. Reads, writes, removals and iteration are as a `Map`'s, except that entries come
 * column by column, top to bottom, not in insertion order.
 */
import { MAX_COLUMNS } from "../../core/a1";

/** What the workbook's per-cell stores (a `Map` or a `ColumnMap`) have in common, by cell key. */
export interface CellMap<T> {
  get(key: number): T | undefined;
  set(key: number, value: T): unknown;
  delete(key: number): boolean;
  keys(): IterableIterator<number>;
  entries(): IterableIterator<[number, T]>;
}

export class ColumnMap<T> implements CellMap<T> {
  private readonly columns = new Map<number, (T | undefined)[]>();

  get(key: number): T | undefined {
    return this.columns.get(key % MAX_COLUMNS)?.[Math.floor(key / MAX_COLUMNS)];
  }

  set(key: number, value: T): this {
    const col = key % MAX_COLUMNS;
    let column = this.columns.get(col);
    if (column === undefined) {
      column = [];
      this.columns.set(col, column);
    }
    column[Math.floor(key / MAX_COLUMNS)] = value;
    return this;
  }

  delete(key: number): boolean {
    const column = this.columns.get(key % MAX_COLUMNS);
    const row = Math.floor(key / MAX_COLUMNS);
    if (column === undefined || column[row] === undefined) return false;
    column[row] = undefined;
    return true;
  }

  *entries(): IterableIterator<[number, T]> {
    for (const [col, column] of this.columns)
      for (let row = 0; row < column.length; row++) {
        const value = column[row];
        if (value !== undefined) yield [row * MAX_COLUMNS + col, value];
      }
  }

  *keys(): IterableIterator<number> {
    for (const [key] of this.entries()) yield key;
  }
}
