/**
 * A workbook held in memory: sheets of cells, named tables, number formats, conditional formats,
 * a selection and charts. It behaves like Excel where the plan relies on it (writing a value is
 * read as Excel reads typed input; a table has a header row and at least one body row) and it
 * never computes formulas: a formula cell keeps its text plus the last result an engine gave it
 * (`setComputed`), which is what the browser workbench does with HyperFormula.
 *
 * Free of DOM and Node APIs, so it runs in tests, in the workbench page and in the task pane.
 */
import {
  MAX_COLUMNS,
  MAX_ROWS,
  columnIndex,
  columnLetters,
  intersect,
  localAddress,
  quoteSheet,
  type CellRange,
} from "../../core/a1";
import { ColumnMap, type CellMap } from "./columnMap";

export type CellValue = number | string | boolean;

/**
 * How the host hands an empty cell to a custom function: Excel on Windows and Mac passes 0 (in a
 * single cell and inside an `any` range, office-js #4702 and #5262), Excel on the web null
 * (#4702). The workbook never computes; an engine evaluating it (the workbench, tests) reads this.
 */
export type HostMode = "desktop" | "web";

/** Sort order of one column, as Excel's `TableSort.apply([{ key, ascending }])`. */
export interface SortKey {
  /** 0-based column within the table. */
  readonly column: number;
  readonly ascending?: boolean;
}

/** One cell: a constant, or a formula with the last value an engine computed for it (null until then). */
export interface Cell {
  readonly value: CellValue | null;
  /** "=..." for a formula cell. */
  readonly formula?: string;
}

/** What a cell write takes, as Excel's `Range.values`: parsed like typed input (see `parseInput`). */
export type CellInput = CellValue | null;

export interface TableInfo {
  readonly name: string;
  /** Header row plus body. */
  readonly range: CellRange;
}

export interface ConditionalFormat {
  readonly range: CellRange;
  /** Excel custom-rule formula, relative to the range's top-left cell. */
  readonly formula: string;
  /** When set, a renderer without a formula engine flags numbers whose absolute value exceeds it. */
  readonly tolerance?: number;
  readonly fill: string;
  readonly fontColor: string;
}

export interface ChartInfo {
  readonly sheet: string;
  readonly title: string;
  /** regionMap: Excel's filled map chart, the first column region names (drawn by Excel with Bing). */
  readonly type: "columnClustered" | "barClustered" | "line" | "regionMap";
  /** The cells the chart plots, first row headers. */
  readonly source: CellRange;
  /** As Excel's `Chart.name`: how a refresh finds the chart it inserted before. */
  readonly name?: string;
  /** The cells the chart covers on its sheet. */
  readonly position?: CellRange;
  /** A region map's level, as Excel's `series.mapOptions.level`. */
  readonly mapLevel?: "Country" | "State";
}

export type WorkbookEvent =
  /** Values, formulas or formats of these cells changed. */
  | { readonly type: "cells"; readonly range: CellRange }
  | { readonly type: "selection"; readonly range: CellRange }
  /** Sheets, tables, conditional formats or charts were added, changed or removed. */
  | { readonly type: "structure" };

export type WorkbookListener = (event: WorkbookEvent) => void;

const GENERAL_FORMAT = "General";
const TEXT_FORMAT = "@";

/** Thrown on misuse, as Excel's API refuses it (unknown sheet or table, a clashing name). */
export class WorkbookError extends Error {
  override readonly name = "WorkbookError";
}

interface Sheet {
  readonly name: string;
  readonly cells: Map<number, Cell>;
  /** Number formats: set a column at a time, held per column (see ColumnMap). */
  readonly formats: ColumnMap<string>;
  /** Indent levels (Excel's Indent button), a format like the number format; absent is 0. */
  readonly indents: Map<number, number>;
  /** Results an engine spilled into cells that hold nothing themselves. */
  readonly spilled: Map<number, CellValue>;
  conditionalFormats: ConditionalFormat[];
}

interface Table {
  name: string;
  range: CellRange;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const PERCENT = /^([+-]?(\d+(\.\d*)?|\.\d+))%$/;

/**
 * The cell a write of `input` makes, as Excel reads a value written through `Range.values` or
 * typed by a user: a leading apostrophe makes the rest text; in a cell formatted "@" everything is
 * text; "=..." is a formula, and so is text starting with "+", "-" or "@" that is not a number
 * (Excel turns "+x" into "=+x"); numbers, percentages and TRUE/FALSE become values; "" clears.
 * Dates are not recognised (the plan writes them as text).
 */
export function parseInput(input: CellValue, numberFormat: string): Cell | null {
  if (typeof input !== "string") return { value: input };
  if (input === "") return null;
  if (input.startsWith("'")) return { value: input.slice(1) };
  if (numberFormat === TEXT_FORMAT) return { value: input };
  const trimmed = input.trim();
  if (NUMBER.test(trimmed)) return { value: Number(trimmed) };
  const percent = PERCENT.exec(trimmed);
  if (percent !== null) return { value: Number(percent[1]) / 100 };
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toLowerCase() === "true" };
  if (input.startsWith("=") && input.length > 1) return { value: null, formula: input };
  if (/^[+\-@]./.test(input)) return { value: null, formula: `=${input}` };
  return { value: input };
}

/**
 * What a user would type to get this cell back: the formula, or the constant with an apostrophe
 * in front where typing it plain would make something else (the workbench's formula bar, and the
 * input HyperFormula parses the same way).
 */
export function cellInputText(cell: Cell | undefined): string {
  if (cell === undefined) return "";
  if (cell.formula !== undefined) return cell.formula;
  const { value } = cell;
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return String(value);
  const parsed = parseInput(value, GENERAL_FORMAT);
  return parsed !== null && parsed.formula === undefined && parsed.value === value ? value : `'${value}`;
}

function valueIn(data: Sheet, k: number): CellValue | null {
  const cell = data.cells.get(k);
  if (cell !== undefined) return cell.value;
  return data.spilled.get(k) ?? null;
}

/**
 * An engine reports a recalculated spill whole, and most of its cells hold what they held: those
 * are left as they are (a 10,000-row spill recalculated after one approval was a new object per
 * row, made on the page while the pane waited).
 */
function storeComputed(data: Sheet, k: number, result: CellValue | null): void {
  const cell = data.cells.get(k);
  if (cell?.formula !== undefined) {
    if (!Object.is(cell.value, result)) data.cells.set(k, { formula: cell.formula, value: result });
  } else if (cell === undefined) {
    if (result === null) data.spilled.delete(k);
    else if (!Object.is(data.spilled.get(k), result)) data.spilled.set(k, result);
  }
}

function key(row: number, col: number): number {
  return row * MAX_COLUMNS + col;
}

function checkRange(range: CellRange): void {
  if (
    range.row < 0 ||
    range.col < 0 ||
    range.rowCount < 1 ||
    range.colCount < 1 ||
    range.row + range.rowCount > MAX_ROWS ||
    range.col + range.colCount > MAX_COLUMNS
  ) {
    throw new WorkbookError(`Range ${range.sheet}!${localAddress(range)} is outside the sheet`);
  }
}

export class MemoryWorkbook {
  private readonly sheets = new Map<string, Sheet>();
  private readonly tables = new Map<string, Table>();
  private readonly chartList: ChartInfo[] = [];
  private readonly listeners = new Set<WorkbookListener>();
  private selected: CellRange;

  /**
   * `hostMode`: how an engine evaluating this workbook passes empty cells to custom functions.
   * "web" by default; the workbench passes "desktop", the stricter host (blank cells arrive as 0).
   */
  constructor(
    firstSheet = "Sheet1",
    readonly hostMode: HostMode = "web",
  ) {
    this.addSheet(firstSheet);
    this.selected = { sheet: firstSheet, row: 0, col: 0, rowCount: 1, colCount: 1 };
  }

  // -- events -------------------------------------------------------------------------------

  /** Calls `listener` after every change; returns the unsubscribe function. */
  onChange(listener: WorkbookListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private emit(event: WorkbookEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  // -- sheets -------------------------------------------------------------------------------

  sheetNames(): string[] {
    return [...this.sheets.values()].map((sheet) => sheet.name);
  }

  hasSheet(name: string): boolean {
    return this.sheets.has(name.toLowerCase());
  }

  addSheet(name: string): void {
    if (name.trim() === "" || this.hasSheet(name)) throw new WorkbookError(`Can't add sheet "${name}"`);
    this.sheets.set(name.toLowerCase(), {
      name,
      cells: new Map(),
      formats: new ColumnMap(),
      indents: new Map(),
      spilled: new Map(),
      conditionalFormats: [],
    });
    this.emit({ type: "structure" });
  }

  private sheet(name: string): Sheet {
    const sheet = this.sheets.get(name.toLowerCase());
    if (sheet === undefined) throw new WorkbookError(`There is no sheet "${name}"`);
    return sheet;
  }

  /** The sheet's name as it was created (lookups ignore case, as Excel's do). */
  sheetName(name: string): string {
    return this.sheet(name).name;
  }

  /** The smallest range holding every cell with content, or null for an empty sheet. */
  usedRange(name: string): CellRange | null {
    const sheet = this.sheet(name);
    if (sheet.cells.size === 0) return null;
    let top = MAX_ROWS;
    let left = MAX_COLUMNS;
    let bottom = -1;
    let right = -1;
    for (const k of sheet.cells.keys()) {
      const row = Math.floor(k / MAX_COLUMNS);
      const col = k % MAX_COLUMNS;
      top = Math.min(top, row);
      bottom = Math.max(bottom, row);
      left = Math.min(left, col);
      right = Math.max(right, col);
    }
    return {
      sheet: sheet.name,
      row: top,
      col: left,
      rowCount: bottom - top + 1,
      colCount: right - left + 1,
    };
  }

  /** The formulas ("=...") of a sheet's cells, in no particular order. */
  sheetFormulas(name: string): string[] {
    const formulas: string[] = [];
    for (const cell of this.sheet(name).cells.values()) if (cell.formula !== undefined) formulas.push(cell.formula);
    return formulas;
  }

  // -- cells --------------------------------------------------------------------------------

  cell(sheet: string, row: number, col: number): Cell | undefined {
    return this.sheet(sheet).cells.get(key(row, col));
  }

  /** The value a reader sees: a constant, a formula's computed result, or a spilled result. */
  value(sheet: string, row: number, col: number): CellValue | null {
    return valueIn(this.sheet(sheet), key(row, col));
  }

  /** Values as Excel's `Range.values` returns them: blanks are "". */
  values(range: CellRange): CellValue[][] {
    checkRange(range);
    // One loop, no closure per cell, rows made at their size: a plan's audit log is hundreds of
    // thousands of cells, and reading them was most of reading a 10,000-node plan.
    const data = this.sheet(range.sheet);
    const rows = new Array<CellValue[]>(range.rowCount);
    for (let r = 0; r < range.rowCount; r++) {
      const row = new Array<CellValue>(range.colCount);
      const first = key(range.row + r, range.col);
      for (let c = 0; c < range.colCount; c++) row[c] = valueIn(data, first + c) ?? "";
      rows[r] = row;
    }
    return rows;
  }

  /** As Excel's `Range.formulas`: the formula text of formula cells, values elsewhere, blanks "". */
  formulas(range: CellRange): CellValue[][] {
    checkRange(range);
    const data = this.sheet(range.sheet);
    return this.grid(range, (row, col) => {
      const cell = data.cells.get(key(row, col));
      return cell?.formula ?? cell?.value ?? "";
    });
  }

  numberFormat(sheet: string, row: number, col: number): string {
    return this.sheet(sheet).formats.get(key(row, col)) ?? GENERAL_FORMAT;
  }

  numberFormats(range: CellRange): string[][] {
    checkRange(range);
    return this.grid(range, (row, col) => this.numberFormat(range.sheet, row, col));
  }

  /** As the `format.indentLevel` of Excel's `Range.getCellProperties`: 0 where not indented. */
  indentLevels(range: CellRange): number[][] {
    checkRange(range);
    const { indents } = this.sheet(range.sheet);
    return this.grid(range, (row, col) => indents.get(key(row, col)) ?? 0);
  }

  /** Sets the cells' indent levels, as Excel's Indent button or `format.indentLevel` do. */
  setIndentLevels(range: CellRange, levels: readonly (readonly number[])[]): void {
    checkRange(range);
    const { indents } = this.sheet(range.sheet);
    levels.forEach((row, r) =>
      row.forEach((level, c) => {
        const k = key(range.row + r, range.col + c);
        if (level === 0) indents.delete(k);
        else indents.set(k, level);
      }),
    );
    this.emit({ type: "cells", range });
  }

  private grid<T>(range: CellRange, read: (row: number, col: number) => T): T[][] {
    const rows: T[][] = [];
    for (let r = 0; r < range.rowCount; r++) {
      const cells: T[] = [];
      for (let c = 0; c < range.colCount; c++) cells.push(read(range.row + r, range.col + c));
      rows.push(cells);
    }
    return rows;
  }

  /**
   * Writes `inputs` (range-shaped) as Excel's `Range.values` and `Range.formulas` do: each input is
   * parsed like typed input in its cell's number format, null leaves a cell as it is, "" clears it.
   */
  write(range: CellRange, inputs: readonly (readonly CellInput[])[]): void {
    checkRange(range);
    if (inputs.length !== range.rowCount || inputs.some((row) => row.length !== range.colCount)) {
      throw new WorkbookError(`${inputs.length} rows of input don't fit ${localAddress(range)}`);
    }
    const sheet = this.sheet(range.sheet);
    inputs.forEach((row, r) =>
      row.forEach((input, c) => {
        if (input === null) return;
        const k = key(range.row + r, range.col + c);
        const cell = parseInput(input, sheet.formats.get(k) ?? GENERAL_FORMAT);
        if (cell === null) sheet.cells.delete(k);
        else sheet.cells.set(k, cell);
        sheet.spilled.delete(k);
      }),
    );
    this.emit({ type: "cells", range });
  }

  /** The cell as a user sets it by typing `text` (a value, or a formula starting with "="). */
  enter(sheet: string, row: number, col: number, text: string): void {
    this.write({ sheet, row, col, rowCount: 1, colCount: 1 }, [[text]]);
  }

  setNumberFormats(range: CellRange, formats: readonly (readonly string[])[]): void {
    checkRange(range);
    const sheet = this.sheet(range.sheet);
    formats.forEach((row, r) =>
      row.forEach((format, c) => {
        const k = key(range.row + r, range.col + c);
        if (format === GENERAL_FORMAT) sheet.formats.delete(k);
        else sheet.formats.set(k, format);
      }),
    );
    this.emit({ type: "cells", range });
  }

  /** Empties the cells: contents, computed results and, unless `contentsOnly`, formats. */
  clear(range: CellRange, contentsOnly = false): void {
    checkRange(range);
    const sheet = this.sheet(range.sheet);
    const maps: CellMap<unknown>[] = contentsOnly
      ? [sheet.cells, sheet.spilled]
      : [sheet.cells, sheet.spilled, sheet.formats, sheet.indents];
    for (const map of maps) {
      for (const k of [...map.keys()]) {
        const row = Math.floor(k / MAX_COLUMNS);
        const col = k % MAX_COLUMNS;
        if (
          row >= range.row &&
          row < range.row + range.rowCount &&
          col >= range.col &&
          col < range.col + range.colCount
        )
          map.delete(k);
      }
    }
    this.emit({ type: "cells", range });
  }

  /**
   * Stores results an engine computed, top-left at (row, col): on formula cells as their value, on
   * empty cells as spilled results (null removes one). Constants are left alone. Emits nothing:
   * the engine's caller renders afterwards.
   */
  setComputed(sheet: string, row: number, col: number, results: readonly (readonly (CellValue | null)[])[]): void {
    const data = this.sheet(sheet);
    results.forEach((cells, r) => cells.forEach((result, c) => storeComputed(data, key(row + r, col + c), result)));
  }

  /**
   * `setComputed` for cells scattered over a sheet: `at` holds (row, col) pairs, one per value.
   * An engine reports a recalculated spill as tens of thousands of such cells.
   */
  setComputedAt(sheet: string, at: readonly number[], results: readonly (CellValue | null)[]): void {
    const data = this.sheet(sheet);
    for (let i = 0; i < results.length; i++) storeComputed(data, key(at[2 * i], at[2 * i + 1]), results[i]);
  }

  // -- tables -------------------------------------------------------------------------------

  tableNames(): string[] {
    return [...this.tables.values()].map((table) => table.name);
  }

  table(name: string): TableInfo | undefined {
    const table = this.tables.get(name.toLowerCase());
    return table === undefined ? undefined : { name: table.name, range: table.range };
  }

  private requireTable(name: string): Table {
    const table = this.tables.get(name.toLowerCase());
    if (table === undefined) throw new WorkbookError(`There is no table "${name}"`);
    return table;
  }

  /** A table over `range`: its first row is the header row, and it has at least one body row. */
  addTable(name: string, range: CellRange): void {
    checkRange(range);
    if (this.tables.has(name.toLowerCase())) throw new WorkbookError(`A table "${name}" already exists`);
    if (range.rowCount < 2) throw new WorkbookError(`Table "${name}" needs a header row and a body row`);
    this.sheet(range.sheet);
    for (const other of this.tables.values()) {
      if (intersect(other.range, range) !== null)
        throw new WorkbookError(`Table "${name}" would overlap table "${other.name}"`);
    }
    this.tables.set(name.toLowerCase(), { name, range });
    this.emit({ type: "structure" });
  }

  renameTable(name: string, next: string): void {
    const table = this.requireTable(name);
    if (next.toLowerCase() !== name.toLowerCase() && this.tables.has(next.toLowerCase())) {
      throw new WorkbookError(`A table "${next}" already exists`);
    }
    this.tables.delete(name.toLowerCase());
    table.name = next;
    this.tables.set(next.toLowerCase(), table);
    this.emit({ type: "structure" });
  }

  /** As Excel's `Table.convertToRange`: the table goes, its cells stay. */
  convertTableToRange(name: string): void {
    this.tables.delete(this.requireTable(name).name.toLowerCase());
    this.emit({ type: "structure" });
  }

  /** As Excel's `Table.resize`: the header row stays where it is; cells left outside keep their content. */
  resizeTable(name: string, range: CellRange): void {
    const table = this.requireTable(name);
    checkRange(range);
    if (
      range.sheet.toLowerCase() !== table.range.sheet.toLowerCase() ||
      range.row !== table.range.row ||
      range.rowCount < 2
    ) {
      throw new WorkbookError(`Table "${name}" can't be resized to ${localAddress(range)}`);
    }
    table.range = range;
    this.emit({ type: "structure" });
  }

  /** Appends rows below the table's last row and grows the table over them, as `TableRowCollection.add`. */
  appendTableRows(name: string, rows: readonly (readonly CellInput[])[]): void {
    const table = this.requireTable(name);
    if (rows.length === 0) return;
    const { range } = table;
    const below: CellRange = {
      sheet: range.sheet,
      row: range.row + range.rowCount,
      col: range.col,
      rowCount: rows.length,
      colCount: range.colCount,
    };
    table.range = { ...range, rowCount: range.rowCount + rows.length };
    this.write(below, rows);
    this.emit({ type: "structure" });
  }

  /**
   * Sorts the table's body rows by `keys`, as Excel's `Table.sort.apply` or the header's sort menu:
   * whole rows of the table move (values, formulas, number formats); numbers before text before
   * booleans, text ignoring case, blanks last in either direction, ties keep their order. Nothing
   * that refers to the table's cells is changed: a formula elsewhere reading `B2:B9` reads the
   * sorted cells, as in Excel (a sort moves data, not references).
   */
  sortTable(name: string, keys: readonly SortKey[]): void {
    const { range } = this.requireTable(name);
    const sheet = this.sheet(range.sheet);
    const bodyRow = range.row + 1;
    const rowCount = range.rowCount - 1;
    const maps: CellMap<unknown>[] = [sheet.cells, sheet.formats, sheet.indents];
    const rows = Array.from({ length: rowCount }, (_, r) =>
      maps.map((map) => Array.from({ length: range.colCount }, (__, c) => map.get(key(bodyRow + r, range.col + c)))),
    );
    const sortValue = (r: number, column: number): CellValue | null =>
      this.value(range.sheet, bodyRow + r, range.col + column);
    const order = Array.from({ length: rowCount }, (_, r) => r);
    order.sort((a, b) => {
      for (const { column, ascending = true } of keys) {
        const order = compareForSort(sortValue(a, column), sortValue(b, column), ascending);
        if (order !== 0) return order;
      }
      return a - b;
    });
    order.forEach((from, to) =>
      maps.forEach((map, m) =>
        rows[from][m].forEach((content, c) => {
          const k = key(bodyRow + to, range.col + c);
          if (content === undefined) map.delete(k);
          else map.set(k, content);
        }),
      ),
    );
    this.clearSpilled(sheet, { ...range, row: bodyRow, rowCount });
    this.emit({ type: "cells", range: { ...range, row: bodyRow, rowCount } });
  }

  /**
   * Inserts `count` blank rows into the table above body row `index` (0-based; the row count
   * appends at the bottom), as Excel's "Insert > Table Rows Above" or `TableRowCollection.add(index)`:
   * the cells of the table's columns from there down shift down, the table grows, and references
   * in every formula of the workbook follow the shifted cells as Excel adjusts them: a reference
   * within the table's columns below the insertion moves down, a range spanning it grows, a
   * reference above it or reaching outside the table's columns stays.
   */
  insertTableRows(name: string, index: number, count = 1): void {
    const table = this.requireTable(name);
    const { range } = table;
    const bodyRows = range.rowCount - 1;
    if (!Number.isInteger(index) || index < 0 || index > bodyRows || !Number.isInteger(count) || count < 1) {
      throw new WorkbookError(`Can't insert ${count} rows at row ${index} of table "${name}"`);
    }
    const sheet = this.sheet(range.sheet);
    const at = range.row + 1 + index;
    const first = range.col;
    const last = range.col + range.colCount - 1;
    for (const map of [sheet.cells, sheet.formats, sheet.indents, sheet.spilled] as CellMap<unknown>[]) {
      const moved = [...map.entries()].filter(([k]) => {
        const row = Math.floor(k / MAX_COLUMNS);
        const col = k % MAX_COLUMNS;
        return row >= at && col >= first && col <= last;
      });
      if (moved.some(([k]) => Math.floor(k / MAX_COLUMNS) + count >= MAX_ROWS)) {
        throw new WorkbookError(`Inserting rows into table "${name}" would push cells off the sheet`);
      }
      for (const [k] of moved) map.delete(k);
      for (const [k, content] of moved) map.set(k + count * MAX_COLUMNS, content);
    }
    for (const other of this.tables.values()) {
      const r = other.range;
      if (other === table) other.range = { ...r, rowCount: r.rowCount + count };
      else if (sameName(r.sheet, range.sheet) && r.row >= at && r.col >= first && r.col + r.colCount - 1 <= last) {
        other.range = { ...r, row: r.row + count };
      }
    }
    this.rewriteFormulas((ref) => {
      if (!sameName(ref.sheet, range.sheet) || ref.col < first || ref.col + ref.colCount - 1 > last) return ref;
      if (ref.row >= at) return { ...ref, row: ref.row + count };
      if (ref.row + ref.rowCount - 1 >= at) return { ...ref, rowCount: ref.rowCount + count };
      return ref;
    });
    this.emit({ type: "structure" });
    this.emit({
      type: "cells",
      range: { sheet: range.sheet, row: at, col: first, rowCount: MAX_ROWS - at, colCount: range.colCount },
    });
  }

  /**
   * Renames a sheet, as a user double-clicking its tab or `Worksheet.name = ...`: its tables keep
   * their names and cells, and every formula in the workbook that names the sheet names the new
   * one, as Excel rewrites them. A name another sheet has (ignoring case) is refused.
   */
  renameSheet(name: string, next: string): void {
    const sheet = this.sheet(name);
    if (next.trim() === "" || (this.hasSheet(next) && !sameName(name, next))) {
      throw new WorkbookError(`Can't rename sheet "${name}" to "${next}"`);
    }
    const old = sheet.name;
    this.rewriteFormulas((ref) => (sameName(ref.sheet, old) ? { ...ref, sheet: next } : ref));
    this.sheets.delete(old.toLowerCase());
    const renamed: Sheet = { ...sheet, name: next };
    this.sheets.set(next.toLowerCase(), renamed);
    const moveRange = <T extends { readonly sheet: string }>(range: T): T =>
      sameName(range.sheet, old) ? { ...range, sheet: next } : range;
    for (const table of this.tables.values()) table.range = moveRange(table.range);
    renamed.conditionalFormats = renamed.conditionalFormats.map((format) => ({
      ...format,
      range: moveRange(format.range),
    }));
    this.chartList.splice(
      0,
      this.chartList.length,
      ...this.chartList.map((chart) => ({
        ...moveRange(chart),
        source: moveRange(chart.source),
        ...(chart.position === undefined ? {} : { position: moveRange(chart.position) }),
      })),
    );
    this.selected = moveRange(this.selected);
    this.emit({ type: "structure" });
  }

  /** Rewrites the references of every formula in the workbook (cells and conditional formats). */
  private rewriteFormulas(change: (ref: CellRange) => CellRange): void {
    for (const sheet of this.sheets.values()) {
      for (const [k, cell] of sheet.cells) {
        if (cell.formula === undefined) continue;
        const formula = rewriteReferences(cell.formula, sheet.name, change);
        if (formula !== cell.formula) sheet.cells.set(k, { formula, value: cell.value });
      }
      sheet.conditionalFormats = sheet.conditionalFormats.map((format) => {
        const formula = rewriteReferences(format.formula, sheet.name, change);
        return formula === format.formula ? format : { ...format, formula };
      });
    }
  }

  private clearSpilled(sheet: Sheet, range: CellRange): void {
    for (const k of [...sheet.spilled.keys()]) {
      const row = Math.floor(k / MAX_COLUMNS);
      const col = k % MAX_COLUMNS;
      if (row >= range.row && row < range.row + range.rowCount && col >= range.col && col < range.col + range.colCount)
        sheet.spilled.delete(k);
    }
  }

  // -- conditional formats and charts ---------------------------------------------------------

  addConditionalFormat(format: ConditionalFormat): void {
    checkRange(format.range);
    this.sheet(format.range.sheet).conditionalFormats.push(format);
    this.emit({ type: "structure" });
  }

  conditionalFormats(sheet: string): readonly ConditionalFormat[] {
    return this.sheet(sheet).conditionalFormats;
  }

  clearConditionalFormats(sheet: string): void {
    this.sheet(sheet).conditionalFormats = [];
    this.emit({ type: "structure" });
  }

  addChart(chart: ChartInfo): void {
    this.sheet(chart.sheet);
    this.chartList.push(chart);
    this.emit({ type: "structure" });
  }

  charts(): readonly ChartInfo[] {
    return this.chartList;
  }

  /** Removes the sheet's charts called `name` (ignoring case, as Excel's lookups); false if none. */
  removeChart(sheet: string, name: string): boolean {
    const sheetName = this.sheetName(sheet).toLowerCase();
    const kept = this.chartList.filter(
      (chart) => chart.sheet.toLowerCase() !== sheetName || chart.name?.toLowerCase() !== name.toLowerCase(),
    );
    if (kept.length === this.chartList.length) return false;
    this.chartList.splice(0, this.chartList.length, ...kept);
    this.emit({ type: "structure" });
    return true;
  }

  // -- selection ----------------------------------------------------------------------------

  selection(): CellRange {
    return this.selected;
  }

  /** Selects `range` (its sheet becomes the active one), as a user clicking or `Range.select()`. */
  select(range: CellRange): void {
    checkRange(range);
    this.selected = { ...range, sheet: this.sheetName(range.sheet) };
    this.emit({ type: "selection", range: this.selected });
  }
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Excel's sort order: numbers, text (ignoring case), booleans (FALSE first); blanks last either way. */
function compareForSort(a: CellValue | null, b: CellValue | null, ascending: boolean): number {
  const blankA = a === null || a === "";
  const blankB = b === null || b === "";
  if (blankA || blankB) return blankA === blankB ? 0 : blankA ? 1 : -1;
  const rank = (value: CellValue): number => (typeof value === "number" ? 0 : typeof value === "string" ? 1 : 2);
  let order = rank(a as CellValue) - rank(b as CellValue);
  if (order === 0) {
    if (typeof a === "string" && typeof b === "string") order = a.localeCompare(b, undefined, { sensitivity: "base" });
    else order = Number(a) - Number(b);
  }
  return ascending ? Math.sign(order) : -Math.sign(order);
}

/**
 * One pass over a formula, left to right: a text literal ("..."), else a cell or range reference
 * with an optional sheet ('Quoted name'!, Plain!, or none: the formula's own sheet), each part
 * with optional $, not a function name (followed by "(") nor part of a longer name; else a sheet
 * prefix of a whole-column or whole-row reference (A:A, 2:5), which only a rename changes.
 * Quoted sheet names are consumed whole, so "FY27" inside 'Plan FY27' is never taken for a cell.
 */
const TOKENS =
  /("(?:[^"]|"")*")|(?<![A-Za-z0-9_.$])((?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?::(\$?)([A-Za-z]{1,3})(\$?)(\d+))?(?![A-Za-z0-9_(!'])|('(?:[^']|'')+'!|(?<![A-Za-z0-9_.$])[A-Za-z_][A-Za-z0-9_.]*!)/g;

function sheetOfPrefix(prefix: string): string {
  const name = prefix.slice(0, -1);
  return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

/**
 * `formula` with each cell reference passed through `change` (references to `formulaSheet` when
 * no sheet is written). Text in double quotes is never touched. A reference keeps its $ marks and
 * stays local when written without a sheet (as Excel keeps it on a rename); a changed sheet is
 * written quoted.
 */
export function rewriteReferences(
  formula: string,
  formulaSheet: string,
  change: (ref: CellRange) => CellRange,
): string {
  return formula.replace(
    TOKENS,
    (
      whole: string,
      text: string | undefined,
      prefix: string | undefined,
      d1: string | undefined,
      c1: string | undefined,
      d2: string | undefined,
      r1: string | undefined,
      d3: string | undefined,
      c2: string | undefined,
      d4: string | undefined,
      r2: string | undefined,
      barePrefix: string | undefined,
    ) => {
      if (text !== undefined) return whole;
      if (barePrefix !== undefined) {
        const sheet = sheetOfPrefix(barePrefix);
        const next = change({ sheet, row: 0, col: 0, rowCount: MAX_ROWS, colCount: MAX_COLUMNS });
        return sameName(next.sheet, sheet) ? whole : `${quoteSheet(next.sheet)}!`;
      }
      if (c1 === undefined || r1 === undefined) return whole;
      const sheet = prefix === undefined ? formulaSheet : sheetOfPrefix(prefix);
      const startCol = columnIndex(c1.toUpperCase());
      const startRow = Number(r1) - 1;
      const endCol = c2 === undefined ? startCol : columnIndex(c2.toUpperCase());
      const endRow = r2 === undefined ? startRow : Number(r2) - 1;
      if (startRow < 0 || endRow < 0) return whole;
      const ref: CellRange = {
        sheet,
        row: Math.min(startRow, endRow),
        col: Math.min(startCol, endCol),
        rowCount: Math.abs(endRow - startRow) + 1,
        colCount: Math.abs(endCol - startCol) + 1,
      };
      const next = change(ref);
      if (next === ref) return whole;
      const head = prefix === undefined ? "" : sameName(next.sheet, sheet) ? prefix : `${quoteSheet(next.sheet)}!`;
      const first = `${d1 ?? ""}${columnLetters(next.col)}${d2 ?? ""}${next.row + 1}`;
      if (c2 === undefined && next.rowCount === 1 && next.colCount === 1) return `${head}${first}`;
      const last = `${d3 ?? d1 ?? ""}${columnLetters(next.col + next.colCount - 1)}${d4 ?? d2 ?? ""}${next.row + next.rowCount}`;
      return `${head}${first}:${last}`;
    },
  );
}
