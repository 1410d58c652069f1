/**
 * A recording double of the parts of the Excel JavaScript API that ExcelPlanWorkbook uses, over a
 * MemoryWorkbook. It behaves like Office.js where the adapter depends on it:
 * - calls only queue work; `context.sync()` runs the queue in order, so proxies resolve lazily (a
 *   table's range after a resize in the same batch is the new one);
 * - a property can be read only after it was loaded and synced (else it throws, as Office.js does);
 * - `getItem` of a missing table or sheet fails the sync; `*OrNullObject` gives `isNullObject`.
 * - a range proxy is fixed where it first resolves, as Office.js instantiates it once: a range got
 *   with `getRowsBelow` before a write still points at the same cells after the table grew;
 * - values written to the row right below a table grow the table over that row, as Excel's
 *   AutoCorrect does ("Coauthoring in Excel add-ins": set values below the table; Excel expands it);
 * - `TableRowCollection.add` fails the sync as a co-authoring conflict: Microsoft's "Coauthoring in
 *   Excel add-ins" page says it makes co-authors' Excel show a merge-conflict bar and may lose
 *   changes, so no path of the add-in may use it;
 * - a sync whose request or response is over Excel on the web's 5 MB ("Resource limits and
 *   performance optimization for Office Add-ins": 5MB for requests and responses) fails, counted in
 *   UTF-8 bytes of the JSON, as they travel.
 * It records every sync: the calls, the cells written (values, formulas, number formats) and the
 * bytes written and read, so tests can assert what was written, how many syncs it took and how much
 * each one carried.
 * - a formula that is an array constant (`={1;2}`) is calculated as Excel does: with dynamic arrays
 *   ("Handle dynamic arrays and spilling using the Excel JavaScript API") it spills over the empty
 *   cells right and below (`#SPILL!` where one holds something); with `dynamicArrays` off, as in
 *   Excel before dynamic arrays, the cell shows the array's first value and nothing spills. The
 *   double calculates no other formula.
 * It also plays a user: rename a sheet, sort a table, insert a row into a table.
 */
import { localAddress, parseAddress, quoteSheet, type CellRange } from "../../../src/core/a1";
import type { ExcelRun } from "../../../src/excel/run";
import {
  MemoryWorkbook,
  cellInputText,
  type CellInput,
  type ChartInfo,
} from "../../../src/workbook/memory/MemoryWorkbook";

export interface WriteRecord {
  readonly sync: number;
  readonly sheet: string;
  readonly address: string;
  readonly kind: "values" | "formulas" | "numberFormat" | "rows.add";
  readonly data: readonly (readonly unknown[])[];
}

export interface CallRecord {
  readonly sync: number;
  readonly call: string;
  readonly detail: string;
}

interface Op {
  readonly call: string;
  readonly detail: () => string;
  readonly bytes: number;
  /** Runs the op; returns the bytes it brings back in the response. */
  readonly apply: () => number | void;
}

/** Excel on the web's limit on a request and on a response: 5MB (resource-limits-and-performance-optimization). */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;

export class ExcelApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Excel's form of an address (the sheet as the user named it), quoted only when it needs it. */
function excelAddress(excel: RecordingExcel, range: CellRange): string {
  const shown = excel.shownSheet(range.sheet);
  const sheet = /^[A-Za-z0-9_]+$/.test(shown) ? shown : quoteSheet(shown);
  return `${sheet}!${localAddress(range)}`;
}

/** A threaded comment as `comments.add` left it: its cell (sheet as in the MemoryWorkbook) and body. */
export interface CommentRecord {
  readonly sheet: string;
  readonly address: string;
  readonly mentions: readonly { readonly email: string; readonly id: number; readonly name: string }[];
  readonly richContent: string;
  readonly contentType: string;
}

export class RecordingExcel {
  readonly workbook: MemoryWorkbook;
  syncs = 0;
  /** Bytes written per sync (values, formulas, formats, added rows as UTF-8 JSON). */
  readonly payloads: number[] = [];
  /** Bytes read per sync (loaded values, formulas, formats, addresses, names as UTF-8 JSON). */
  readonly responses: number[] = [];
  /** Requests and responses above this many bytes fail the sync. */
  payloadLimit = PAYLOAD_LIMIT_BYTES;
  readonly writes: WriteRecord[] = [];
  readonly calls: CallRecord[] = [];
  /**
   * Whether the host has ExcelApi 1.9 (`Range.getCellProperties`); when not, a call to it fails
   * the sync with ApiNotFound, as on Excel 2016. Pass `hasCellProperties` to the workbook.
   */
  cellProperties = true;
  /** Whether the host has dynamic arrays (Microsoft 365, Excel 2021, the web); off plays Excel 2019 and older. */
  dynamicArrays = true;
  /**
   * The `source` of the change events the double raises: "Local" (this user, or this add-in's own
   * writes, which raise events too) or "Remote" (set it around a co-author's edit).
   */
  eventSource: "Local" | "Remote" = "Local";
  /**
   * Whether the host has threaded comments (`Workbook.comments`, ExcelApi 1.10; mentions 1.11);
   * off, `workbook.comments` is undefined, as on a host without the API.
   */
  threadedComments = true;
  /** An Excel error code `comments.add` fails its sync with (a host or file that refuses comments); null: none. */
  commentRefusal: string | null = null;
  /** The threaded comments added, in order. */
  readonly comments: CommentRecord[] = [];
  private queue: Op[] = [];
  /** Sheets the user renamed: shown name (lower case) -> name in the MemoryWorkbook, and back. */
  private readonly shownToInner = new Map<string, string>();
  private readonly innerToShown = new Map<string, string>();
  private tableCounter = 0;
  private chartCounter = 0;
  readonly context: any;

  constructor(workbook = new MemoryWorkbook()) {
    this.workbook = workbook;
    this.context = { workbook: new FakeWorkbook(this), sync: () => this.sync() };
  }

  readonly run: ExcelRun = (batch) => batch(this.context);

  readonly hasCellProperties = (): boolean => this.cellProperties;

  /** Forgets the counts and records so far (the workbook stays). */
  reset(): void {
    this.syncs = 0;
    this.payloads.length = 0;
    this.responses.length = 0;
    this.writes.length = 0;
    this.calls.length = 0;
  }

  enqueue(call: string, detail: () => string, apply: () => number | void, bytes = 0): void {
    this.queue.push({ call, detail, bytes, apply });
  }

  record(write: Omit<WriteRecord, "sync">): void {
    this.writes.push({ ...write, sync: this.syncs });
  }

  nextTableName(): string {
    this.tableCounter++;
    return `Table${this.tableCounter}`;
  }

  nextChartName(): string {
    this.chartCounter++;
    return `Chart ${this.chartCounter}`;
  }

  async sync(): Promise<void> {
    this.syncs++;
    const ops = this.queue;
    this.queue = [];
    const request = ops.reduce((sum, op) => sum + op.bytes, 0);
    this.payloads.push(request);
    if (request > this.payloadLimit) {
      this.responses.push(0);
      throw new ExcelApiError("RequestPayloadSizeLimitExceeded", `The request payload (${request} bytes) is too large`);
    }
    let response = 0;
    for (const op of ops) {
      this.calls.push({ sync: this.syncs, call: op.call, detail: op.detail() });
      response += op.apply() ?? 0;
    }
    this.responses.push(response);
    if (response > this.payloadLimit)
      throw new ExcelApiError(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload (${response} bytes) is too large`,
      );
  }

  // -- the user's own actions ---------------------------------------------------------------

  /** The user renames a sheet (Excel keeps its tables and rewrites references to it). */
  renameSheet(name: string, next: string): void {
    const inner = this.innerSheet(name);
    if (inner === null) throw new ExcelApiError("ItemNotFound", `No sheet "${name}"`);
    const shown = this.innerToShown.get(inner.toLowerCase());
    if (shown !== undefined) this.shownToInner.delete(shown.toLowerCase());
    this.innerToShown.delete(inner.toLowerCase());
    if (next.toLowerCase() === inner.toLowerCase()) return;
    this.shownToInner.set(next.toLowerCase(), inner);
    this.innerToShown.set(inner.toLowerCase(), next);
  }

  /** The sheet's name in the MemoryWorkbook for the name the user sees; null when there is none. */
  innerSheet(name: string): string | null {
    const renamed = this.shownToInner.get(name.toLowerCase());
    if (renamed !== undefined) return renamed;
    if (this.innerToShown.has(name.toLowerCase()) || !this.workbook.hasSheet(name)) return null;
    return this.workbook.sheetName(name);
  }

  /** The name the user sees for a sheet of the MemoryWorkbook. */
  shownSheet(inner: string): string {
    return this.innerToShown.get(inner.toLowerCase()) ?? inner;
  }

  /** The user sorts a table's body by one column from its header menu (text after numbers, as Excel). */
  sortTable(name: string, column: number, descending = false): void {
    const body = this.body(name);
    const rows = this.inputsOf(body);
    const formats = this.workbook.numberFormats(body);
    const order = rows.map((row, i) => i);
    const rank = (v: unknown): [number, number | string] =>
      typeof v === "number" ? [0, v] : v === "" || v === null ? [2, ""] : [1, String(v).toLowerCase()];
    order.sort((a, b) => {
      const [ka, va] = rank(this.workbook.value(body.sheet, body.row + a, body.col + column));
      const [kb, vb] = rank(this.workbook.value(body.sheet, body.row + b, body.col + column));
      if (ka !== kb) return ka - kb;
      const cmp = va < vb ? -1 : va > vb ? 1 : 0;
      return descending ? -cmp : cmp;
    });
    this.workbook.clear(body, true);
    this.workbook.setNumberFormats(
      body,
      order.map((i) => formats[i]),
    );
    this.workbook.write(
      body,
      order.map((i) => rows[i]),
    );
  }

  /** The user inserts an empty row into a table's body before body row `at` (0-based). */
  insertTableRow(name: string, at: number): void {
    const table = this.workbook.table(name);
    if (table === undefined) throw new ExcelApiError("ItemNotFound", `No table "${name}"`);
    const body = this.body(name);
    const moved = { ...body, row: body.row + at, rowCount: body.rowCount - at };
    const rows = this.inputsOf(moved);
    const formats = this.workbook.numberFormats(moved);
    this.workbook.clear(moved, false);
    this.workbook.resizeTable(name, { ...table.range, rowCount: table.range.rowCount + 1 });
    const below = { ...moved, row: moved.row + 1 };
    this.workbook.setNumberFormats(below, formats);
    this.workbook.write(below, rows);
  }

  /** What recreates the cells when written back: formulas, constants as typed, blanks left alone. */
  private inputsOf(range: CellRange): CellInput[][] {
    return Array.from({ length: range.rowCount }, (_, r) =>
      Array.from({ length: range.colCount }, (_, c) => {
        const text = cellInputText(this.workbook.cell(range.sheet, range.row + r, range.col + c));
        return text === "" ? null : text;
      }),
    );
  }

  private body(name: string): CellRange {
    const table = this.workbook.table(name);
    if (table === undefined) throw new ExcelApiError("ItemNotFound", `No table "${name}"`);
    return { ...table.range, row: table.range.row + 1, rowCount: table.range.rowCount - 1 };
  }

  /**
   * Excel's AutoCorrect "include new rows in table": values set on the row right below a table,
   * across its columns, make that row part of the table (only when something is set: an empty row
   * does not, per "Coauthoring in Excel add-ins").
   */
  growTablesOver(range: CellRange, inputs: readonly (readonly unknown[])[]): void {
    if (!inputs.some((row) => row.some((cell) => cell !== null && cell !== ""))) return;
    for (const name of this.workbook.tableNames()) {
      const table = (this.workbook.table(name) as { range: CellRange }).range;
      const below = table.row + table.rowCount;
      if (
        table.sheet.toLowerCase() === range.sheet.toLowerCase() &&
        range.row === below &&
        range.col < table.col + table.colCount &&
        range.col + range.colCount > table.col
      ) {
        this.workbook.resizeTable(name, { ...table, rowCount: table.rowCount + range.rowCount });
      }
    }
  }

  /** Calculates the array-constant formulas among `inputs` written at `range` (see the class comment). */
  calculateArrayConstants(range: CellRange, inputs: readonly (readonly unknown[])[]): void {
    inputs.forEach((row, r) =>
      row.forEach((input, c) => {
        const array = typeof input === "string" ? arrayConstant(input) : null;
        if (array === null) return;
        const anchor = { sheet: range.sheet, row: range.row + r, col: range.col + c };
        if (!this.dynamicArrays) {
          this.workbook.setComputed(anchor.sheet, anchor.row, anchor.col, [[array[0][0]]]);
          return;
        }
        const blocked = array.some((cells, i) =>
          cells.some(
            (_, j) =>
              (i > 0 || j > 0) && this.workbook.cell(anchor.sheet, anchor.row + i, anchor.col + j) !== undefined,
          ),
        );
        this.workbook.setComputed(anchor.sheet, anchor.row, anchor.col, blocked ? [["#SPILL!"]] : array);
      }),
    );
  }

  /** Whether a call of that name is queued for the next sync. */
  queueHas(call: string): boolean {
    return this.queue.some((op) => op.call === call);
  }

  /** Calls made in sync `n` (1-based), by name. */
  callsIn(n: number): string[] {
    return this.calls.filter((call) => call.sync === n).map((call) => call.call);
  }
}

/** `={1;2}`, `={"a","b"}` as rows of values (`;` between rows, `,` between columns); null for any other input. */
function arrayConstant(input: string): (number | string)[][] | null {
  const body = /^=\{(.*)\}$/.exec(input.trim())?.[1];
  if (body === undefined) return null;
  return body.split(";").map((row) =>
    row.split(",").map((item) => {
      const text = item.trim();
      return /^".*"$/.test(text) ? text.slice(1, -1) : Number(text);
    }),
  );
}

/** The bytes `data` takes on the wire: its JSON in UTF-8. */
export function payload(data: unknown): number {
  return Buffer.byteLength(JSON.stringify(data) ?? "", "utf8");
}

/** Loadable properties: readable once loaded and synced. */
class Loaded {
  private readonly loaded = new Map<string, unknown>();

  set(name: string, value: unknown): void {
    this.loaded.set(name, value);
  }

  get<T>(name: string): T {
    if (!this.loaded.has(name))
      throw new ExcelApiError("PropertyNotLoaded", `The property '${name}' is not available. Load it and sync first.`);
    return this.loaded.get(name) as T;
  }
}

function props(spec: string | string[]): string[] {
  return (Array.isArray(spec) ? spec : spec.split(",")).map((name) => name.trim()).filter((name) => name !== "");
}

class FakeWorkbook {
  readonly tables: FakeTableCollection;
  readonly worksheets: FakeWorksheetCollection;
  readonly application: {
    suspendApiCalculationUntilNextSync: () => void;
    calculate: (type: string) => void;
  };

  constructor(private readonly excel: RecordingExcel) {
    this.tables = new FakeTableCollection(excel);
    this.worksheets = new FakeWorksheetCollection(excel);
    this.application = {
      suspendApiCalculationUntilNextSync: () =>
        excel.enqueue(
          "application.suspendApiCalculationUntilNextSync",
          () => "",
          () => undefined,
        ),
      calculate: (type) =>
        excel.enqueue(
          "application.calculate",
          () => type,
          () => undefined,
        ),
    };
  }

  getSelectedRange(): FakeRange {
    return new FakeRange(this.excel, () => this.excel.workbook.selection());
  }

  /**
   * `CommentCollection.add` ("Work with comments using the Excel JavaScript API"): one cell, as a
   * range or an address; more than one cell fails with InvalidArgument, as the reference says.
   */
  get comments(): { add: (cell: FakeRange | string, content: any, contentType?: string) => void } | undefined {
    const excel = this.excel;
    if (!excel.threadedComments) return undefined;
    return {
      add: (cell, content, contentType = "Plain") => {
        const resolve = (): CellRange => {
          if (typeof cell !== "string") return cell.resolve();
          const range = parseAddress(cell, "");
          if (range === null) throw new ExcelApiError("InvalidArgument", `Bad address ${cell}`);
          return range;
        };
        excel.enqueue(
          "comments.add",
          () => `${excelAddress(excel, resolve())} ${contentType} ${JSON.stringify(content)}`,
          () => {
            if (excel.commentRefusal !== null)
              throw new ExcelApiError(excel.commentRefusal, "The comment could not be added");
            const range = resolve();
            if (range.rowCount !== 1 || range.colCount !== 1)
              throw new ExcelApiError("InvalidArgument", "A comment goes on one cell");
            const body = typeof content === "string" ? { richContent: content, mentions: [] } : content;
            excel.comments.push({
              sheet: range.sheet,
              address: localAddress(range),
              mentions: body.mentions ?? [],
              richContent: body.richContent,
              contentType,
            });
          },
          payload(content),
        );
      },
    };
  }
}

class FakeTableCollection {
  private readonly state = new Loaded();
  /**
   * `TableCollection.onChanged` (ExcelApi 1.7): an event per table whose cells a change touches,
   * raised synchronously (Excel raises them after the sync), with the double's table names as ids.
   */
  readonly onChanged: {
    add: (handler: (args: Excel.TableChangedEventArgs) => Promise<void>) => unknown;
  };

  constructor(private readonly excel: RecordingExcel) {
    this.onChanged = {
      add: (handler) => {
        let unsubscribe: (() => void) | null = null;
        excel.enqueue(
          "tables.onChanged.add",
          () => "",
          () => {
            unsubscribe = excel.workbook.onChange((event) => {
              if (event.type !== "cells") return;
              for (const name of excel.workbook.tableNames()) {
                const table = excel.workbook.table(name) as { range: CellRange };
                if (table.range.sheet.toLowerCase() !== event.range.sheet.toLowerCase()) continue;
                const rows =
                  event.range.row < table.range.row + table.range.rowCount &&
                  table.range.row < event.range.row + event.range.rowCount;
                const cols =
                  event.range.col < table.range.col + table.range.colCount &&
                  table.range.col < event.range.col + event.range.colCount;
                if (!rows || !cols) continue;
                void handler({
                  tableId: name,
                  worksheetId: table.range.sheet,
                  address: localAddress(event.range),
                  changeType: "RangeEdited",
                  source: excel.eventSource,
                  type: "TableChanged",
                } as Excel.TableChangedEventArgs);
              }
            });
          },
        );
        return {
          context: excel.context,
          remove: () => {
            excel.enqueue(
              "tables.onChanged.remove",
              () => "",
              () => unsubscribe?.(),
            );
          },
        };
      },
    };
  }

  load(spec: string): this {
    this.excel.enqueue(
      "tables.load",
      () => spec,
      () => {
        const names = this.excel.workbook.tableNames();
        const withSheets = spec.includes("worksheet/name");
        const sheetOf = (name: string): string =>
          this.excel.shownSheet((this.excel.workbook.table(name) as { range: CellRange }).range.sheet);
        this.state.set(
          "items",
          names.map((name) => new FakeTable(this.excel, () => name).loaded(name, withSheets ? sheetOf(name) : null)),
        );
        return payload(names.map((name) => (withSheets ? { name, worksheet: { name: sheetOf(name) } } : { name })));
      },
    );
    return this;
  }

  get items(): FakeTable[] {
    return this.state.get("items");
  }

  getItem(name: string): FakeTable {
    return new FakeTable(this.excel, () => {
      const table = this.excel.workbook.table(name);
      if (table === undefined) throw new ExcelApiError("ItemNotFound", `No table "${name}"`);
      return table.name;
    });
  }

  getItemOrNullObject(name: string): FakeTable {
    return new FakeTable(this.excel, () => this.excel.workbook.table(name)?.name ?? null);
  }
}

class FakeTable {
  private readonly state = new Loaded();
  readonly rows: { add: (index: number | undefined, values: CellInput[][]) => void };
  readonly columns: {
    getItem: (name: string) => { getDataBodyRange: () => FakeRange };
    add: (index?: number, values?: unknown, name?: string) => void;
  };

  /** `resolve` gives the table's current name (null for a null object); `renamed` follows a rename. */
  constructor(
    private readonly excel: RecordingExcel,
    private readonly resolve: () => string | null,
    private readonly renamed: (next: string) => void = () => undefined,
  ) {
    this.rows = {
      add: (_index, values) => {
        excel.enqueue(
          "table.rows.add",
          () => `${this.currentName()} +${values.length}`,
          () => {
            const name = this.currentName();
            excel.record({
              sheet: this.range().sheet,
              address: name,
              kind: "rows.add",
              data: values,
            });
            throw new ExcelApiError(
              "CoauthoringConflict",
              `TableRowCollection.add on "${name}" makes co-authors' Excel show a merge conflict ("Coauthoring in Excel add-ins"): set values below the table instead`,
            );
          },
          payload(values),
        );
      },
    };
    this.columns = {
      // As Excel from ExcelApi 1.4: no index appends the column at the right end, named `name`.
      add: (index, values, name) => {
        excel.enqueue(
          "table.columns.add",
          () => `${this.currentName()} ${name ?? ""}`,
          () => {
            if ((index !== undefined && index !== null) || values !== undefined || name === undefined)
              throw new ExcelApiError("InvalidArgument", "The double only appends a named column");
            const range = this.range();
            excel.workbook.resizeTable(this.currentName(), { ...range, colCount: range.colCount + 1 });
            excel.workbook.write({ ...range, col: range.col + range.colCount, rowCount: 1, colCount: 1 }, [[name]]);
          },
        );
      },
      getItem: (column: string) => ({
        getDataBodyRange: () =>
          new FakeRange(excel, () => {
            const range = this.range();
            const headers = excel.workbook.values({ ...range, rowCount: 1 })[0];
            const index = headers.findIndex((header) => String(header).toLowerCase() === column.toLowerCase());
            if (index < 0) throw new ExcelApiError("ItemNotFound", `No column "${column}"`);
            return {
              ...range,
              row: range.row + 1,
              rowCount: range.rowCount - 1,
              col: range.col + index,
              colCount: 1,
            };
          }),
      }),
    };
  }

  private currentName(): string {
    const name = this.resolve();
    if (name === null) throw new ExcelApiError("InvalidObjectPath", "The table does not exist");
    return name;
  }

  private range(): CellRange {
    return (this.excel.workbook.table(this.currentName()) as { range: CellRange }).range;
  }

  load(spec: string): this {
    this.excel.enqueue(
      "table.load",
      () => spec,
      () => {
        const name = this.resolve();
        this.state.set("isNullObject", name === null);
        if (name !== null) this.state.set("name", name);
      },
    );
    return this;
  }

  /** As an item of a collection loaded with "items/name" (and "items/worksheet/name": `sheet`). */
  loaded(name: string, sheet: string | null = null): this {
    this.state.set("name", name);
    if (sheet !== null) this.state.set("sheet", sheet);
    return this;
  }

  get isNullObject(): boolean {
    return this.state.get("isNullObject");
  }

  get name(): string {
    return this.state.get("name");
  }

  set name(next: string) {
    this.excel.enqueue(
      "table.name",
      () => next,
      () => {
        this.excel.workbook.renameTable(this.currentName(), next);
        this.renamed(next);
      },
    );
  }

  get worksheet(): FakeWorksheet {
    const sheet = new FakeWorksheet(this.excel, () => this.range().sheet);
    try {
      return sheet.loaded(this.state.get<string>("sheet"));
    } catch {
      return sheet;
    }
  }

  getRange(): FakeRange {
    return new FakeRange(this.excel, () => this.range());
  }

  getHeaderRowRange(): FakeRange {
    return new FakeRange(this.excel, () => ({ ...this.range(), rowCount: 1 }));
  }

  getDataBodyRange(): FakeRange {
    return new FakeRange(this.excel, () => {
      const range = this.range();
      return { ...range, row: range.row + 1, rowCount: range.rowCount - 1 };
    });
  }

  resize(range: FakeRange): void {
    this.excel.enqueue(
      "table.resize",
      () => this.currentName(),
      () => this.excel.workbook.resizeTable(this.currentName(), range.resolve()),
    );
  }
}

class FakeWorksheetCollection {
  private readonly state = new Loaded();
  readonly onSelectionChanged: {
    add: (handler: (args: { worksheetId: string; address: string }) => Promise<void>) => unknown;
  };

  constructor(private readonly excel: RecordingExcel) {
    this.onSelectionChanged = {
      add: (handler) => {
        let unsubscribe: (() => void) | null = null;
        excel.enqueue(
          "worksheets.onSelectionChanged.add",
          () => "",
          () => {
            unsubscribe = excel.workbook.onChange((event) => {
              if (event.type !== "selection") return;
              void handler({ worksheetId: event.range.sheet, address: excelAddress(excel, event.range) });
            });
          },
        );
        return {
          context: excel.context,
          remove: () => {
            excel.enqueue(
              "worksheets.onSelectionChanged.remove",
              () => "",
              () => unsubscribe?.(),
            );
          },
        };
      },
    };
  }

  load(spec: string): this {
    this.excel.enqueue(
      "worksheets.load",
      () => spec,
      () => {
        const names = this.excel.workbook.sheetNames();
        this.state.set(
          "items",
          names.map((name) => new FakeWorksheet(this.excel, () => name).loaded(this.excel.shownSheet(name))),
        );
        return payload(names.map((name) => ({ name: this.excel.shownSheet(name) })));
      },
    );
    return this;
  }

  get items(): FakeWorksheet[] {
    return this.state.get("items");
  }

  /** By name or id; the double's sheet ids are their names. */
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.excel, () => {
      const inner = this.excel.innerSheet(name) ?? (this.excel.workbook.hasSheet(name) ? name : null);
      // Event args carry the sheet's id, which survives a rename: the double's ids are the inner names.
      if (inner === null) throw new ExcelApiError("ItemNotFound", `No sheet "${name}"`);
      return this.excel.workbook.sheetName(inner);
    });
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.excel, () => this.excel.innerSheet(name));
  }

  add(name: string): FakeWorksheet {
    this.excel.enqueue(
      "worksheets.add",
      () => name,
      () => this.excel.workbook.addSheet(name),
    );
    return new FakeWorksheet(this.excel, () => name);
  }
}

class FakeWorksheet {
  private readonly state = new Loaded();
  readonly tables: { add: (range: FakeRange, hasHeaders: boolean) => FakeTable };
  readonly charts: FakeChartCollection;

  constructor(
    private readonly excel: RecordingExcel,
    private readonly resolve: () => string | null,
  ) {
    this.charts = new FakeChartCollection(excel, () => this.sheetName());
    this.tables = {
      add: (range) => {
        let name = "";
        excel.enqueue(
          "worksheet.tables.add",
          () => excelAddress(excel, range.resolve()),
          () => {
            name = excel.nextTableName();
            excel.workbook.addTable(name, range.resolve());
          },
        );
        return new FakeTable(
          excel,
          () => name,
          (next) => {
            name = next;
          },
        );
      },
    };
  }

  sheetName(): string {
    const name = this.resolve();
    if (name === null) throw new ExcelApiError("InvalidObjectPath", "The sheet does not exist");
    return name;
  }

  load(spec: string): this {
    this.excel.enqueue(
      "worksheet.load",
      () => spec,
      () => {
        const name = this.resolve();
        this.state.set("isNullObject", name === null);
        if (name !== null) this.state.set("name", this.excel.shownSheet(name));
      },
    );
    return this;
  }

  /** As an item of a collection loaded with "items/name". */
  loaded(name: string): this {
    this.state.set("name", name);
    return this;
  }

  get isNullObject(): boolean {
    return this.state.get("isNullObject");
  }

  get name(): string {
    return this.state.get("name");
  }

  set name(next: string) {
    this.excel.enqueue(
      "worksheet.name",
      () => next,
      () => {
        const inner = this.sheetName();
        const taken = this.excel.innerSheet(next);
        if (taken !== null && taken.toLowerCase() !== inner.toLowerCase())
          throw new ExcelApiError("InvalidArgument", `A sheet "${next}" already exists`);
        this.excel.renameSheet(this.excel.shownSheet(inner), next);
      },
    );
  }

  activate(): void {
    this.excel.enqueue(
      "worksheet.activate",
      () => this.sheetName(),
      () => {
        this.sheetName();
      },
    );
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.excel, () => {
      const sheet = this.sheetName();
      if (address === undefined) return { sheet, row: 0, col: 0, rowCount: 1_048_576, colCount: 16_384 };
      const range = parseAddress(address, sheet);
      if (range === null) throw new ExcelApiError("InvalidArgument", `Bad address ${address}`);
      return range;
    });
  }

  getRangeByIndexes(row: number, col: number, rowCount: number, colCount: number): FakeRange {
    return new FakeRange(this.excel, () => ({
      sheet: this.sheetName(),
      row,
      col,
      rowCount,
      colCount,
    }));
  }

  getUsedRangeOrNullObject(): FakeRange {
    return new FakeRange(this.excel, () => this.excel.workbook.usedRange(this.sheetName()));
  }
}

/** Excel's chart types the double knows, as the in-memory workbook names them. */
const CHART_TYPES: Readonly<Record<string, ChartInfo["type"]>> = {
  ColumnClustered: "columnClustered",
  BarClustered: "barClustered",
  Line: "line",
  RegionMap: "regionMap",
};

/**
 * A worksheet's charts. A chart is kept in the MemoryWorkbook as `ChartInfo`; setting its name,
 * title or position replaces that record, as the chart's state in Excel changes.
 */
class FakeChartCollection {
  private readonly state = new Loaded();

  constructor(
    private readonly excel: RecordingExcel,
    private readonly sheet: () => string,
  ) {}

  load(spec: string): this {
    this.excel.enqueue(
      "charts.load",
      () => `${this.sheet()} ${spec}`,
      () => {
        const sheet = this.sheet().toLowerCase();
        this.state.set(
          "items",
          this.excel.workbook
            .charts()
            .filter((chart) => chart.sheet.toLowerCase() === sheet)
            .map((chart) => new FakeChart(this.excel, this.sheet, chart.name ?? "").loaded()),
        );
      },
    );
    return this;
  }

  get items(): FakeChart[] {
    return this.state.get("items");
  }

  add(type: string, source: FakeRange, seriesBy?: string): FakeChart {
    const name = this.excel.nextChartName();
    const chart = new FakeChart(this.excel, this.sheet, name);
    this.excel.enqueue(
      "charts.add",
      () => `${type} ${excelAddress(this.excel, source.resolve())} ${seriesBy ?? "Auto"}`,
      () => {
        const chartType = CHART_TYPES[type];
        if (chartType === undefined) throw new ExcelApiError("InvalidArgument", `The double has no chart type ${type}`);
        this.excel.workbook.addChart({
          sheet: this.sheet(),
          name,
          type: chartType,
          title: "",
          source: source.resolve(),
        });
      },
    );
    return chart;
  }
}

class FakeChart {
  private readonly state = new Loaded();
  readonly title: { text: string };

  /** `current` is the chart's name in the workbook now. */
  constructor(
    private readonly excel: RecordingExcel,
    private readonly sheet: () => string,
    private current: string,
  ) {
    const change = this.change.bind(this);
    this.title = {
      set text(text: string) {
        change("chart.title.text", text, (info) => ({ ...info, title: text }));
      },
    };
  }

  /** Only the first series' map level, which is all the add-in sets on a series. */
  get series(): { getItemAt(index: number): { mapOptions: { level: string } } } {
    const change = this.change.bind(this);
    return {
      getItemAt: (index: number) => ({
        mapOptions: {
          set level(level: string) {
            change(`chart.series.getItemAt(${index}).mapOptions.level`, level, (info) => {
              if (info.type !== "regionMap") {
                throw new ExcelApiError("InvalidArgument", "mapOptions apply to a region map chart only");
              }
              return { ...info, mapLevel: level as "Country" | "State" };
            });
          },
        },
      }),
    };
  }

  /** As an item of a collection loaded with "items/name". */
  loaded(): this {
    this.state.set("name", this.current);
    return this;
  }

  get name(): string {
    return this.state.get("name");
  }

  set name(next: string) {
    this.change("chart.name", next, (info) => ({ ...info, name: next }));
    this.current = next;
  }

  setPosition(startCell: string, endCell: string): void {
    this.change("chart.setPosition", `${startCell}:${endCell}`, (info) => {
      const position = parseAddress(`${startCell}:${endCell}`, info.sheet);
      if (position === null) throw new ExcelApiError("InvalidArgument", `Bad position ${startCell}:${endCell}`);
      return { ...info, position };
    });
  }

  delete(): void {
    const name = this.current;
    this.excel.enqueue(
      "chart.delete",
      () => name,
      () => {
        if (!this.excel.workbook.removeChart(this.sheet(), name))
          throw new ExcelApiError("ItemNotFound", `No chart "${name}"`);
      },
    );
  }

  /** Queues a change; the name is taken when queued, as later changes in the batch see it. */
  private change(call: string, detail: string, update: (info: ChartInfo) => ChartInfo): void {
    const name = this.current;
    this.excel.enqueue(
      call,
      () => detail,
      () => {
        const before = this.findByName(name);
        this.excel.workbook.removeChart(this.sheet(), name);
        this.excel.workbook.addChart(update(before));
      },
    );
  }

  private findByName(name: string): ChartInfo {
    const sheet = this.sheet().toLowerCase();
    const found = this.excel.workbook
      .charts()
      .find((chart) => chart.sheet.toLowerCase() === sheet && chart.name?.toLowerCase() === name.toLowerCase());
    if (found === undefined) throw new ExcelApiError("ItemNotFound", `No chart "${name}"`);
    return found;
  }
}

class FakeRange {
  private readonly state = new Loaded();
  readonly conditionalFormats: { add: (type: string) => any; clearAll: () => void };

  /** `resolver` gives the cells, or null for a null object. */
  constructor(
    private readonly excel: RecordingExcel,
    private readonly resolver: () => CellRange | null,
  ) {
    this.conditionalFormats = {
      add: (type: string) => {
        const format = {
          custom: { rule: { formula: "" }, format: { fill: { color: "" }, font: { color: "" } } },
        };
        excel.enqueue(
          "conditionalFormats.add",
          () => `${type} ${format.custom.rule.formula}`,
          () =>
            excel.workbook.addConditionalFormat({
              range: this.resolve(),
              formula: format.custom.rule.formula,
              fill: format.custom.format.fill.color,
              fontColor: format.custom.format.font.color,
            }),
        );
        return format;
      },
      clearAll: () => {
        excel.enqueue(
          "conditionalFormats.clearAll",
          () => this.resolve().sheet,
          () => excel.workbook.clearConditionalFormats(this.resolve().sheet),
        );
      },
    };
  }

  /** Where the range first resolved: Office.js instantiates a range proxy once. */
  private fixed: CellRange | null = null;

  resolve(): CellRange {
    if (this.fixed !== null) return this.fixed;
    const range = this.resolver();
    if (range === null) throw new ExcelApiError("InvalidObjectPath", "The range does not exist");
    this.fixed = range;
    return range;
  }

  private derive(change: (range: CellRange) => CellRange): FakeRange {
    return new FakeRange(this.excel, () => {
      const next = change(this.resolve());
      if (next.row < 0 || next.col < 0 || next.rowCount < 1 || next.colCount < 1)
        throw new ExcelApiError("InvalidArgument", `The range ${localAddress(next)} is outside the sheet`);
      return next;
    });
  }

  /** ExcelApi 1.1 */
  getOffsetRange(rows: number, cols: number): FakeRange {
    return this.derive((range) => ({ ...range, row: range.row + rows, col: range.col + cols }));
  }

  /** ExcelApi 1.2: `count` rows right below the range, as wide as it. */
  getRowsBelow(count = 1): FakeRange {
    return this.derive((range) => ({ ...range, row: range.row + range.rowCount, rowCount: count }));
  }

  /** ExcelApi 1.2: the range grown (or shrunk) from its top-left cell. */
  getResizedRange(rows: number, cols: number): FakeRange {
    return this.derive((range) => ({ ...range, rowCount: range.rowCount + rows, colCount: range.colCount + cols }));
  }

  /** ExcelApi 1.1 */
  getCell(row: number, col: number): FakeRange {
    return this.derive((range) => ({ ...range, row: range.row + row, col: range.col + col, rowCount: 1, colCount: 1 }));
  }

  /** ExcelApi 1.1 */
  getColumn(col: number): FakeRange {
    return this.derive((range) => ({ ...range, col: range.col + col, colCount: 1 }));
  }

  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.excel, () => this.resolve().sheet);
  }

  /** `Range.getLastRow` (ExcelApi 1.1). */
  getLastRow(): FakeRange {
    return new FakeRange(this.excel, () => {
      const range = this.resolve();
      return { ...range, row: range.row + range.rowCount - 1, rowCount: 1 };
    });
  }

  load(spec: string | string[]): this {
    const names = props(spec);
    this.excel.enqueue(
      "range.load",
      () => names.join(","),
      () => {
        let range: CellRange | null;
        try {
          range = this.resolve();
        } catch (error) {
          if (!(error instanceof ExcelApiError) || error.code !== "InvalidObjectPath") throw error;
          range = null;
        }
        this.state.set("isNullObject", range === null);
        if (range === null) return 0;
        const loaded: Record<string, unknown> = {};
        for (const name of names) {
          if (name === "address") loaded[name] = excelAddress(this.excel, range);
          else if (name === "values") loaded[name] = this.excel.workbook.values(range);
          else if (name === "formulas") loaded[name] = this.excel.workbook.formulas(range);
          else if (name === "numberFormat") loaded[name] = this.excel.workbook.numberFormats(range);
          else if (name === "rowIndex") loaded[name] = range.row;
          else if (name === "columnIndex") loaded[name] = range.col;
          else if (name === "rowCount") loaded[name] = range.rowCount;
          else if (name === "columnCount") loaded[name] = range.colCount;
          else throw new ExcelApiError("InvalidArgument", `The double can't load ${name}`);
          this.state.set(name, loaded[name]);
        }
        return payload(loaded);
      },
    );
    return this;
  }

  get isNullObject(): boolean {
    return this.state.get("isNullObject");
  }

  /** The double knows one cell property, `format.indentLevel` (the memory workbook's indent levels). */
  getCellProperties(options: unknown): { readonly value: any[][] } {
    const result = new Loaded();
    const asked = JSON.stringify(options);
    this.excel.enqueue(
      "range.getCellProperties",
      () => `${excelAddress(this.excel, this.resolve())} ${asked}`,
      () => {
        if (!this.excel.cellProperties) throw new ExcelApiError("ApiNotFound", "getCellProperties needs ExcelApi 1.9");
        if (asked !== JSON.stringify({ format: { indentLevel: true } }))
          throw new ExcelApiError("InvalidArgument", `The double can't get ${asked}`);
        const levels = this.excel.workbook.indentLevels(this.resolve());
        const value = levels.map((row) => row.map((indentLevel) => ({ format: { indentLevel } })));
        result.set("value", value);
        return payload(value);
      },
    );
    return {
      get value(): any[][] {
        return result.get("value");
      },
    };
  }

  get address(): string {
    return this.state.get("address");
  }

  get rowCount(): number {
    return this.state.get("rowCount");
  }

  get columnCount(): number {
    return this.state.get("columnCount");
  }

  get rowIndex(): number {
    return this.state.get("rowIndex");
  }

  get columnIndex(): number {
    return this.state.get("columnIndex");
  }

  get values(): any[][] {
    return this.state.get("values");
  }

  set values(data: any[][]) {
    this.write("values", data);
  }

  get formulas(): any[][] {
    return this.state.get("formulas");
  }

  set formulas(data: any[][]) {
    this.write("formulas", data);
  }

  get numberFormat(): any[][] {
    return this.state.get("numberFormat");
  }

  set numberFormat(data: any[][]) {
    this.excel.enqueue(
      "range.numberFormat",
      () => excelAddress(this.excel, this.resolve()),
      () => {
        const range = this.resolve();
        this.checkShape(range, data);
        this.excel.record({
          sheet: range.sheet,
          address: localAddress(range),
          kind: "numberFormat",
          data,
        });
        this.excel.workbook.setNumberFormats(range, data);
      },
      payload(data),
    );
  }

  private write(kind: "values" | "formulas", data: CellInput[][]): void {
    this.excel.enqueue(
      `range.${kind}`,
      () => excelAddress(this.excel, this.resolve()),
      () => {
        const range = this.resolve();
        this.checkShape(range, data);
        this.excel.record({ sheet: range.sheet, address: localAddress(range), kind, data });
        this.excel.workbook.write(range, data);
        this.excel.growTablesOver(range, data);
        if (kind === "formulas") this.excel.calculateArrayConstants(range, data);
      },
      payload(data),
    );
  }

  private checkShape(range: CellRange, data: readonly (readonly unknown[])[]): void {
    if (data.length !== range.rowCount || data.some((row) => row.length !== range.colCount)) {
      throw new ExcelApiError(
        "InvalidArgument",
        `The number of rows or columns in the input array doesn't match ${localAddress(range)}`,
      );
    }
  }

  clear(applyTo: "All" | "Contents" | "Formats" = "All"): void {
    this.excel.enqueue(
      `range.clear`,
      () => `${excelAddress(this.excel, this.resolve())} ${applyTo}`,
      () => this.excel.workbook.clear(this.resolve(), applyTo === "Contents"),
    );
  }

  select(): void {
    this.excel.enqueue(
      "range.select",
      () => excelAddress(this.excel, this.resolve()),
      () => this.excel.workbook.select(this.resolve()),
    );
  }
}
