/**
 * HyperFormula's column index (`useColumnIndex`) kept only for the columns a lookup searches.
 *
 * HyperFormula 3.5 indexes every value of every column as it builds and computes: each constant,
 * and each cell of each spilled array. A plan's report searches four columns (the tables' ids, by
 * MATCH) and spills 27 columns of 10,000 rows; indexing all of them was a quarter of the build, most
 * of it the collector copying the index's entries. Here a column joins the index when a lookup
 * first searches it, read from the values its cells hold then, and only the columns in the index
 * follow later changes. A lookup finds what it found before: the index of a column holds the same
 * rows for the same values either way.
 *
 * HyperFormula offers no hook for this: the index is built inside `buildFromSheets`, so its class
 * (reached through an instance, it is not exported) is patched, once per page or process.
 */
import { CellError, EmptyValue, HyperFormula, SimpleRangeValue, type SimpleCellAddress } from "hyperformula";

type Value = unknown;

/** The parts of HyperFormula's `ColumnIndex` used here (its source: src/Lookup/ColumnIndex.ts). */
interface ColumnIndex {
  dependencyGraph: {
    getCellValue(address: SimpleCellAddress): Value;
    addressMapping: {
      mapping: Map<number, unknown>;
      getSheetHeight(sheet: number): number;
      getSheetWidth(sheet: number): number;
    };
  };
  add(value: Value, address: SimpleCellAddress): void;
  remove(value: Value, address: SimpleCellAddress): void;
  findUsingColumnIndex(
    key: Value,
    range: { range?: { sheet: number; start: { col: number } } },
    ...rest: unknown[]
  ): Value;
  addColumns(span: unknown): void;
  removeColumns(span: unknown): void;
  removeSheet(sheet: number): void;
}

interface Indexed {
  /** Columns in the index, per sheet. */
  readonly columns: Map<number, Set<number>>;
  /** Every column is in the index (after columns were inserted or deleted): HyperFormula's own index. */
  everything: boolean;
}

const indexed = new WeakMap<object, Indexed>();
let installed = false;

function stateOf(index: object): Indexed {
  let state = indexed.get(index);
  if (state === undefined) {
    state = { columns: new Map(), everything: false };
    indexed.set(index, state);
  }
  return state;
}

function isIndexed(index: object, sheet: number, col: number): boolean {
  const state = stateOf(index);
  return state.everything || state.columns.get(sheet)?.has(col) === true;
}

/** A number with a format (a date, a percentage) as the index holds it: the number. */
function rawValue(value: Value): Value {
  if (typeof value === "object" && value !== null && "val" in value && typeof value.val === "number") return value.val;
  return value;
}

/** Installs the lazy index for every HyperFormula built from now on in this page or process. */
export function indexColumnsOnSearch(): void {
  if (installed) return;
  installed = true;
  const probe = HyperFormula.buildEmpty({ licenseKey: "gpl-v3", useColumnIndex: true });
  const prototype = Object.getPrototypeOf(probe.columnSearch) as ColumnIndex;
  probe.destroy();
  const { add, remove, findUsingColumnIndex, addColumns, removeColumns, removeSheet } = prototype;

  /** Calls `apply` for the cells of `value` (a value or a spilled array at `address`) in indexed columns. */
  function forIndexed(
    index: ColumnIndex,
    value: Value,
    address: SimpleCellAddress,
    apply: (value: Value, address: SimpleCellAddress) => void,
  ): void {
    if (stateOf(index).everything || !(value instanceof SimpleRangeValue)) {
      if (isIndexed(index, address.sheet, address.col)) apply.call(index, value, address);
      return;
    }
    for (let col = 0; col < value.width(); col++) {
      if (!isIndexed(index, address.sheet, address.col + col)) continue;
      for (let row = 0; row < value.height(); row++)
        apply.call(index, rawValue(value.data[row][col]), {
          sheet: address.sheet,
          row: address.row + row,
          col: address.col + col,
        });
    }
  }

  /** Puts a column in the index with the values its cells hold now (formulas not computed yet are left out). */
  function indexColumn(index: ColumnIndex, sheet: number, col: number): void {
    const state = stateOf(index);
    let columns = state.columns.get(sheet);
    if (columns === undefined) {
      columns = new Set();
      state.columns.set(sheet, columns);
    }
    columns.add(col);
    let height = 0;
    try {
      height = index.dependencyGraph.addressMapping.getSheetHeight(sheet);
    } catch {
      return;
    }
    for (let row = 0; row < height; row++) {
      const address = { sheet, row, col };
      let value: Value;
      try {
        value = index.dependencyGraph.getCellValue(address);
      } catch {
        continue;
      }
      if (value !== EmptyValue && !(value instanceof CellError)) add.call(index, rawValue(value), address);
    }
  }

  prototype.add = function (this: ColumnIndex, value, address) {
    forIndexed(this, value, address, add);
  };
  prototype.remove = function (this: ColumnIndex, value, address) {
    if (value !== undefined) forIndexed(this, value, address, remove);
  };
  prototype.findUsingColumnIndex = function (this: ColumnIndex, key, rangeValue, ...rest) {
    const range = rangeValue.range;
    if (range !== undefined && !isIndexed(this, range.sheet, range.start.col))
      indexColumn(this, range.sheet, range.start.col);
    return findUsingColumnIndex.call(this, key, rangeValue, ...rest);
  };
  // Inserting or deleting columns renumbers them: every column joins the index first, HyperFormula
  // renumbers its index, and it is kept whole from then on.
  const indexEverything = (index: ColumnIndex): void => {
    if (stateOf(index).everything) return;
    for (const sheet of [...index.dependencyGraph.addressMapping.mapping.keys()]) {
      let width = 0;
      try {
        width = index.dependencyGraph.addressMapping.getSheetWidth(sheet);
      } catch {
        continue;
      }
      for (let col = 0; col < width; col++) if (!isIndexed(index, sheet, col)) indexColumn(index, sheet, col);
    }
    stateOf(index).everything = true;
  };
  prototype.addColumns = function (this: ColumnIndex, span) {
    indexEverything(this);
    addColumns.call(this, span);
  };
  prototype.removeColumns = function (this: ColumnIndex, span) {
    indexEverything(this);
    removeColumns.call(this, span);
  };
  prototype.removeSheet = function (this: ColumnIndex, sheet) {
    stateOf(this).columns.delete(sheet);
    removeSheet.call(this, sheet);
  };
}
