/**
 * A workbook held in memory: sheets of cells, named tables, number formats, conditional formats,
 * a selection and charts. It behaves like Excel where the plan relies on it (writing a value is
 * read as Excel reads typed input; a table has a header row and at least one body row) and it
 * never computes formulas: a formula cell keeps its text plus the last result an engine gave it
 * (`setComputed`), which is what the browser workbench does with HyperFormula.
 *
 * Free of DOM and Node APIs, so it runs in tests, in the workbench page and in the task pane.
 */
import { MAX_COLUMNS, MAX_ROWS, intersect, localAddress, type CellRange } from "../../core/a1";

export type CellValue = number | string | boolean;

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
  readonly type: "columnClustered" | "barClustered" | "line";
  /** The cells the chart plots, first row headers. */
  readonly source: CellRange;
  /** As Excel's `Chart.name`: how a refresh finds the chart it inserted before. */
  readonly name?: string;
  /** The cells the chart covers on its sheet. */
  readonly position?: CellRange;
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
  readonly formats: Map<number, string>;
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

  constructor(firstSheet = "Sheet1") {
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
      formats: new Map(),
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

  // -- cells --------------------------------------------------------------------------------

  cell(sheet: string, row: number, col: number): Cell | undefined {
    return this.sheet(sheet).cells.get(key(row, col));
  }

  /** The value a reader sees: a constant, a formula's computed result, or a spilled result. */
  value(sheet: string, row: number, col: number): CellValue | null {
    const data = this.sheet(sheet);
    const cell = data.cells.get(key(row, col));
    if (cell !== undefined) return cell.value;
    return data.spilled.get(key(row, col)) ?? null;
  }

  /** Values as Excel's `Range.values` returns them: blanks are "". */
  values(range: CellRange): CellValue[][] {
    checkRange(range);
    return this.grid(range, (row, col) => this.value(range.sheet, row, col) ?? "");
  }

  /** As Excel's `Range.formulas`: the formula text of formula cells, values elsewhere, blanks "". */
  formulas(range: CellRange): CellValue[][] {
    checkRange(range);
    return this.grid(range, (row, col) => {
      const cell = this.cell(range.sheet, row, col);
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
    const maps: Map<number, unknown>[] = contentsOnly
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
    results.forEach((cells, r) =>
      cells.forEach((result, c) => {
        const k = key(row + r, col + c);
        const cell = data.cells.get(k);
        if (cell?.formula !== undefined) data.cells.set(k, { formula: cell.formula, value: result });
        else if (cell === undefined) {
          if (result === null) data.spilled.delete(k);
          else data.spilled.set(k, result);
        }
      }),
    );
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
