/**
 * Keeps a `MemoryWorkbook` and a HyperFormula instance in step, so the workbench's formulas (the
 * plan's report and anything typed) compute as in Excel, with the BU.* functions from the same core
 * the add-in ships. The workbook holds what users and the task pane write; the engine feeds every
 * change to HyperFormula and stores what it computes back into the workbook (`setComputed`), where
 * the grid and any reader of values find it.
 *
 * Changes are applied in one HyperFormula batch per JavaScript task (the task pane's `writePlan`
 * makes dozens of writes at once); `flush()` applies them immediately. Until `start()` the engine
 * computes nothing: the page shows the workbook and the task pane first, then loads HyperFormula
 * (a chunk of its own) and starts the engine when the browser is idle, since building it over a
 * 10,000-node report takes seconds.
 */
import type {
  CellValue as HfValue,
  ExportedChange,
  HyperFormula,
  RawCellContent,
  SimpleCellAddress,
} from "hyperformula";
import { MAX_COLUMNS, MAX_ROWS, type CellRange } from "../src/core/a1";
import type { Cell, CellValue, MemoryWorkbook } from "../src/workbook/memory/MemoryWorkbook";

type Runtime = typeof import("./formulaRuntime");

export type EngineListener = () => void;

/** What the page shows beside the workbook: not started yet, computing along, or broken (with why). */
export type EngineState =
  { readonly kind: "waiting" } | { readonly kind: "ready" } | { readonly kind: "failed"; readonly message: string };

/** Excel's sheet size, and array arithmetic as in Excel 365 (=A1:A9*2 spills). */
const CONFIG = {
  licenseKey: "gpl-v3",
  maxRows: MAX_ROWS,
  maxColumns: MAX_COLUMNS,
  useArrayArithmetic: true,
  // The report's MATCH of every node's id in each plan table: by index, not row by row (n x n).
  useColumnIndex: true,
} as const;

/** What HyperFormula is given for a workbook cell: a formula, a constant, or nothing. */
export function engineContent(cell: Cell | undefined): RawCellContent {
  if (cell === undefined) return null;
  if (cell.formula !== undefined) return cell.formula;
  // The apostrophe keeps text text: HyperFormula would otherwise parse "1/2" or "5%" as numbers.
  return typeof cell.value === "string" ? `'${cell.value}` : cell.value;
}

interface SheetLink {
  readonly id: number;
  readonly name: string;
  /** Messages of the cells whose value is an error, by row * COLUMNS + col. */
  readonly errors: Map<number, string>;
}

/** Cells side by side in a row, to give HyperFormula in one call. */
interface ContentRun {
  readonly address: SimpleCellAddress;
  readonly cells: RawCellContent[];
}

const keyOf = (row: number, col: number): number => row * MAX_COLUMNS + col;

export class FormulaEngine {
  private hf: HyperFormula | null = null;
  private runtime: Runtime | null = null;
  private starting = false;
  private readonly sheets = new Map<string, SheetLink>();
  private readonly byId = new Map<number, SheetLink>();
  private pending: CellRange[] = [];
  private structureChanged = false;
  private scheduled = false;
  private readonly listeners = new Set<EngineListener>();
  private readonly unsubscribe: () => void;
  /** Formula cells HyperFormula gave #SPILL!: it doesn't retry them when the way clears, so the engine does. */
  private readonly blocked = new Map<string, SimpleCellAddress>();
  private failure: string | null = null;
  private disposed = false;

  constructor(private readonly workbook: MemoryWorkbook) {
    this.unsubscribe = workbook.onChange((event) => {
      if (this.hf === null || event.type === "selection") return;
      if (event.type === "cells") this.pending.push(event.range);
      else this.structureChanged = true;
      this.schedule();
    });
  }

  get state(): EngineState {
    if (this.failure !== null) return { kind: "failed", message: this.failure };
    return this.hf === null ? { kind: "waiting" } : { kind: "ready" };
  }

  /** Loads HyperFormula, builds it over every sheet as they are then, and stores every formula's result. */
  async start(): Promise<void> {
    if (this.starting) return;
    this.starting = true;
    try {
      const runtime = await import("./formulaRuntime");
      if (this.disposed) return;
      runtime.registerBuFunctions();
      this.runtime = runtime;
      this.build(runtime);
    } catch (error) {
      this.fail(error);
    }
    this.notify();
  }

  private build({ HyperFormula, EXCEL_NAMES, buConfig, fitBuSpills }: Runtime): void {
    const contents: Record<string, RawCellContent[][]> = {};
    for (const name of this.workbook.sheetNames()) {
      const used = this.workbook.usedRange(name);
      const rows: RawCellContent[][] = [];
      if (used !== null) {
        for (let row = 0; row < used.row + used.rowCount; row++) {
          const cells: RawCellContent[] = [];
          if (row >= used.row) {
            for (let col = 0; col < used.col + used.colCount; col++)
              cells.push(col < used.col ? null : engineContent(this.workbook.cell(name, row, col)));
          }
          rows.push(cells);
        }
      }
      contents[name] = rows;
    }
    const hf = HyperFormula.buildFromSheets(contents, { ...CONFIG, ...buConfig(this.workbook.hostMode) }, [
      ...EXCEL_NAMES,
    ]);
    this.hf = hf;
    fitBuSpills(hf);
    for (const name of this.workbook.sheetNames()) this.link(name);
    for (const link of this.sheets.values()) {
      const { width, height } = hf.getSheetDimensions(link.id);
      if (width > 0 && height > 0)
        this.readBack({ sheet: link.name, row: 0, col: 0, rowCount: height, colCount: width });
    }
    this.retryBlocked(true);
  }

  /** Called after computed results were stored (and when the engine starts). Returns unsubscribe. */
  onUpdate(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The message of the error a formula gave in this cell, or undefined when it holds no error. */
  errorMessage(sheet: string, row: number, col: number): string | undefined {
    return this.sheets.get(sheet.toLowerCase())?.errors.get(keyOf(row, col));
  }

  /**
   * Applies the changes made since the last flush now, instead of at the end of the task. An
   * exception out of HyperFormula leaves the engine stopped, with `state` saying why.
   */
  flush(): void {
    if (this.hf === null || this.failure !== null) return;
    try {
      this.applyPending(this.hf);
    } catch (error) {
      this.fail(error);
      this.notify();
    }
  }

  private fail(error: unknown): void {
    this.failure = error instanceof Error ? error.message : String(error);
    this.pending = [];
  }

  private applyPending(hf: HyperFormula): void {
    const ranges = this.pending;
    const structureChanged = this.structureChanged;
    this.pending = [];
    this.structureChanged = false;
    if (ranges.length === 0 && !structureChanged) return;
    if (structureChanged) for (const name of this.workbook.sheetNames()) this.link(name);

    const written = ranges.flatMap((range) => this.clip(range) ?? []);
    // HyperFormula can't be read inside a batch, so what differs is found first.
    const runs = written.flatMap((range) => this.differences(range));
    const changes = hf.batch(() => {
      for (const run of runs) hf.setCellContents(run.address, [run.cells]);
    });
    this.apply(changes);
    this.apply((this.runtime as Runtime).fitBuSpills(hf));
    // Cells just written may hold a result HyperFormula didn't report as a change (the same formula
    // typed again, a spill area cleared and filled in one batch): read them back whole.
    for (const range of written) {
      const still = this.clip(range);
      if (still !== null) this.readBack(still);
    }
    this.retryBlocked(written.length > 0);
    this.notify();
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
    this.pending = [];
    this.listeners.clear();
    this.hf?.destroy();
    this.hf = null;
  }

  // -------------------------------------------------------------------------------------------

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private link(name: string): SheetLink {
    const known = this.sheets.get(name.toLowerCase());
    if (known !== undefined) return known;
    const hf = this.hf as HyperFormula;
    const id = hf.getSheetId(name) ?? hf.getSheetId(hf.addSheet(name));
    if (id === undefined) throw new Error(`The formula engine has no sheet "${name}"`);
    const link: SheetLink = { id, name: this.workbook.sheetName(name), errors: new Map() };
    this.sheets.set(name.toLowerCase(), link);
    this.byId.set(id, link);
    return link;
  }

  /**
   * The part of `range` that can hold anything: clearing a whole sheet reports a million rows, but
   * only the cells HyperFormula or the workbook use matter.
   */
  private clip(range: CellRange): CellRange | null {
    const hf = this.hf as HyperFormula;
    const link = this.link(range.sheet);
    const { width, height } = hf.getSheetDimensions(link.id);
    let bottom = height;
    let right = width;
    if (range.row + range.rowCount > height || range.col + range.colCount > width) {
      const used = this.workbook.usedRange(link.name);
      if (used !== null) {
        bottom = Math.max(bottom, used.row + used.rowCount);
        right = Math.max(right, used.col + used.colCount);
      }
    }
    const rowCount = Math.min(range.row + range.rowCount, bottom) - range.row;
    const colCount = Math.min(range.col + range.colCount, right) - range.col;
    if (rowCount <= 0 || colCount <= 0) return null;
    return { sheet: link.name, row: range.row, col: range.col, rowCount, colCount };
  }

  /** The cells of `range` whose content differs from what HyperFormula holds, in runs along each row. */
  private differences(range: CellRange): ContentRun[] {
    const hf = this.hf as HyperFormula;
    const sheet = this.link(range.sheet).id;
    const runs: ContentRun[] = [];
    for (let row = range.row; row < range.row + range.rowCount; row++) {
      let run: ContentRun | null = null;
      for (let col = range.col; col < range.col + range.colCount; col++) {
        const content = engineContent(this.workbook.cell(range.sheet, row, col));
        const address: SimpleCellAddress = { sheet, row, col };
        // A spilled result is not content of its own: the workbook has nothing there either.
        const same =
          content === hf.getCellSerialized(address) ||
          (content === null && !hf.doesCellHaveFormula(address) && hf.isCellPartOfArray(address));
        if (same) run = null;
        else if (run === null) {
          run = { address, cells: [content] };
          runs.push(run);
        } else run.cells.push(content);
      }
    }
    return runs;
  }

  private apply(changes: readonly ExportedChange[]): void {
    for (const change of changes) {
      if (!("address" in change)) continue;
      const link = this.byId.get(change.address.sheet);
      if (link !== undefined) this.store(link, change.address.row, change.address.col, change.newValue);
    }
  }

  private readBack(range: CellRange): void {
    const hf = this.hf as HyperFormula;
    const link = this.link(range.sheet);
    const values = hf.getRangeValues({
      start: { sheet: link.id, row: range.row, col: range.col },
      end: { sheet: link.id, row: range.row + range.rowCount - 1, col: range.col + range.colCount - 1 },
    });
    values.forEach((cells, r) => cells.forEach((value, c) => this.store(link, range.row + r, range.col + c, value)));
  }

  /** Stores one computed value in the workbook (constants are left alone there) and notes errors. */
  private store(link: SheetLink, row: number, col: number, value: HfValue): void {
    const key = keyOf(row, col);
    const { DetailedCellError } = this.runtime as Runtime;
    let stored: CellValue | null = null;
    if (value instanceof DetailedCellError) {
      stored = value.value;
      link.errors.set(key, value.message === "" ? value.value : value.message);
    } else {
      stored = value;
      if (link.errors.size > 0) link.errors.delete(key);
    }
    const spill = value instanceof DetailedCellError && value.type === "SPILL";
    if (spill || this.blocked.size > 0) {
      const blockedKey = `${link.id}:${key}`;
      if (spill) this.blocked.set(blockedKey, { sheet: link.id, row, col });
      else this.blocked.delete(blockedKey);
    }
    this.workbook.setComputed(link.name, row, col, [[stored]]);
  }

  /** Re-enters formulas that could not spill, once, after cells were written: the way may be clear now. */
  private retryBlocked(cellsWritten: boolean): void {
    const hf = this.hf as HyperFormula;
    if (!cellsWritten || this.blocked.size === 0) return;
    const anchors = [...this.blocked.values()];
    const changes = hf.batch(() => {
      for (const address of anchors) {
        const formula = hf.getCellFormula(address);
        if (formula !== undefined) hf.setCellContents(address, [[formula]]);
      }
    });
    this.apply(changes);
    for (const address of anchors) {
      const link = this.byId.get(address.sheet);
      if (link !== undefined) this.store(link, address.row, address.col, hf.getCellValue(address));
    }
  }
}
