/**
 * Keeps a `MemoryWorkbook` and the formula engine in step, so the workbench's formulas (the plan's
 * report and anything typed) compute as in Excel, with the BU.* functions from the same core the
 * add-in ships. The workbook holds what users and the task pane write; this object sends every
 * change to the engine and stores what it computes back into the workbook (`setComputed`), where
 * the grid and any reader of values find it.
 *
 * The engine (HyperFormula) runs behind an `EngineChannel`, in the page a Web Worker: building it
 * over a 10,000-node report takes seconds, and the grid and the task pane stay usable meanwhile.
 * Everything crosses in slices small enough that no task of the page runs long: the workbook's
 * contents when the engine starts, and the results coming back. Edits are batched: the changes of
 * one task go as one update, and while the engine works on one update, later changes wait and go
 * together in the next (one HyperFormula batch each).
 */
import { MAX_COLUMNS, type CellRange } from "../src/core/a1";
import { nextTask } from "../src/core/nextTask";
import type { Cell, CellValue, MemoryWorkbook } from "../src/workbook/memory/MemoryWorkbook";
import {
  isEngineError,
  type ComputedCells,
  type Content,
  type ContentBlock,
  type EngineChannel,
  type FromEngine,
} from "./engineProtocol";

export type EngineListener = () => void;

/**
 * What the page shows beside the workbook: not started or still building, recalculating after
 * changes, up to date, or broken (with why).
 */
export type EngineState =
  | { readonly kind: "waiting" }
  | { readonly kind: "calculating" }
  | { readonly kind: "ready" }
  | { readonly kind: "failed"; readonly message: string };

/** Cells read from the workbook and sent per message (each read and posted in a task of its own). */
const CONTENT_SLICE = 20_000;

/** While the slices of a long answer arrive, the page draws what it has at most this often. */
const PARTIAL_DRAW_INTERVAL_MS = 500;

export interface EngineOptions {
  /** Cells per message to the engine; the default suits the page, tests take smaller slices. */
  readonly contentSlice?: number;
}

/** What HyperFormula is given for a workbook cell: a formula, a constant, or nothing. */
export function engineContent(cell: Cell | undefined): Content {
  if (cell === undefined) return null;
  if (cell.formula !== undefined) return cell.formula;
  // The apostrophe keeps text text: HyperFormula would otherwise parse "1/2" or "5%" as numbers.
  return typeof cell.value === "string" ? `'${cell.value}` : cell.value;
}

const keyOf = (row: number, col: number): number => row * MAX_COLUMNS + col;

interface TaskScheduler {
  postTask(callback: () => void, options: { priority: "user-blocking" }): Promise<void>;
}

/**
 * As `nextTask`, but ahead of the page's ordinary tasks where the browser has a scheduler with
 * priorities (`scheduler.postTask`): the engine's contents go out before the page renders and the
 * task pane reads the plan, so the engine builds meanwhile. Input still comes first.
 */
function nextUrgentTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  if (scheduler === undefined) return nextTask();
  return scheduler.postTask(() => undefined, { priority: "user-blocking" });
}

/** A User Timing mark, for the benchmark and the browser's performance panel. */
function mark(name: string): void {
  if (typeof performance !== "undefined" && typeof performance.mark === "function") performance.mark(name);
}

interface Extent {
  rows: number;
  cols: number;
}

export class FormulaEngine {
  private channel: EngineChannel | null = null;
  private phase: "idle" | "building" | "built" | "failed" | "disposed" = "idle";
  private failure = "";
  private pending: CellRange[] = [];
  private structureChanged = false;
  private scheduled = false;
  /** The update the engine is working on (0: none); later changes wait for it. */
  private inFlight = 0;
  /** When the page last drew the answer arriving in slices, or got its first slice (see `drawAfter`). */
  private partialSince: number | null = null;
  private lastSeq = 0;
  private readonly listeners = new Set<EngineListener>();
  private readonly unsubscribe: () => void;
  /** Messages of the cells whose value is an error, per sheet (lower case), by row * COLUMNS + col. */
  private readonly errors = new Map<string, Map<number, string>>();
  /** How far each sheet's contents were given to the engine: writes beyond it are clipped to the used range. */
  private readonly extents = new Map<string, Extent>();
  private waiters: (() => void)[] = [];
  /** Sheets left out of the build, loaded right after it; cleared when their load starts. */
  private deferred: string[] = [];
  /** The workbook's sheets when the engine was last told them (`sheetList`). */
  private knownSheets = "";
  /** The load of those sheets while it is in flight (0: none): results don't wait for it. */
  private loading = 0;
  private built: (() => void) | null = null;

  constructor(
    private readonly workbook: MemoryWorkbook,
    private readonly connect: () => EngineChannel,
    private readonly options: EngineOptions = {},
  ) {
    this.unsubscribe = workbook.onChange((event) => {
      if (this.phase === "idle" || this.phase === "failed" || this.phase === "disposed") return;
      if (event.type === "selection") return;
      if (event.type === "cells") {
        // A sheet still waiting to be loaded is read whole when it is: nothing to send until then.
        if (this.isDeferred(event.range.sheet)) return;
        this.pending.push(event.range);
      } else {
        // Only a new sheet (or a new name) concerns the engine; a table grown or moved is cells.
        if (this.sheetList() === this.knownSheets) return;
        this.structureChanged = true;
      }
      this.schedule();
    });
  }

  get state(): EngineState {
    switch (this.phase) {
      case "failed":
        return { kind: "failed", message: this.failure };
      case "built":
        return this.busy() ? { kind: "calculating" } : { kind: "ready" };
      default:
        return { kind: "waiting" };
    }
  }

  /**
   * Starts the engine over every sheet as it is now (changes made meanwhile follow as updates);
   * resolves once every formula's result is stored, or the engine failed (see `state`).
   */
  async start(): Promise<void> {
    if (this.phase !== "idle") return;
    this.phase = "building";
    mark("engine: start");
    try {
      const channel = this.connect();
      this.channel = channel;
      channel.onMessage((message) => this.receive(message));
      const builtNow = new Promise<void>((resolve) => (this.built = resolve));
      const sheets = this.workbook.sheetNames();
      this.knownSheets = this.sheetList();
      // Sheets no formula names (the plan's audit log, most of the cells) don't change any result:
      // the engine gets them after it is built, and is ready sooner. They are not read until then.
      const needed = this.namedByFormulas(sheets);
      this.deferred = sheets.filter((name) => !needed.includes(name));
      for (const name of needed) {
        for (const range of this.slicesOf(name)) {
          channel.post({ kind: "contents", block: this.contents(range) });
          await nextUrgentTask();
          if (this.phase !== "building") return;
        }
      }
      mark("engine: contents sent");
      channel.post({ kind: "build", sheets: needed, hostMode: this.workbook.hostMode });
      await builtNow;
    } catch (error) {
      this.fail(error);
    }
  }

  private isDeferred(sheet: string): boolean {
    const key = sheet.toLowerCase();
    return this.deferred.some((name) => name.toLowerCase() === key);
  }

  private sheetList(): string {
    return this.workbook.sheetNames().join("\n");
  }

  /** The sheets that hold a formula or whose name appears in one (as text: a name in quotes counts too). */
  private namedByFormulas(sheets: readonly string[]): string[] {
    const formulas = new Map(sheets.map((name) => [name, this.workbook.sheetFormulas(name)]));
    const texts = [...formulas.values()].flat().map((formula) => formula.toLowerCase());
    return sheets.filter((name) => {
      const lower = name.toLowerCase();
      return (formulas.get(name) ?? []).length > 0 || texts.some((formula) => formula.includes(lower));
    });
  }

  /** The used range of a sheet in slices of about `CONTENT_SLICE` cells; notes how far it was given. */
  private slicesOf(name: string): CellRange[] {
    const used = this.workbook.usedRange(name);
    if (used === null) return [];
    const extent = this.extent(name);
    extent.rows = Math.max(extent.rows, used.row + used.rowCount);
    extent.cols = Math.max(extent.cols, used.col + used.colCount);
    const rowsPerSlice = Math.max(1, Math.floor(this.slice / used.colCount));
    const bottom = used.row + used.rowCount;
    const ranges: CellRange[] = [];
    for (let row = used.row; row < bottom; row += rowsPerSlice)
      ranges.push({
        sheet: name,
        row,
        col: used.col,
        rowCount: Math.min(rowsPerSlice, bottom - row),
        colCount: used.colCount,
      });
    return ranges;
  }

  /** Gives the engine the sheets left out of the build, read as they are now, in slices. */
  private async loadDeferred(channel: EngineChannel): Promise<void> {
    const seq = ++this.lastSeq;
    this.inFlight = seq;
    this.loading = seq;
    // Changes made to these sheets from now on go as updates, after the load.
    const names = this.deferred;
    this.deferred = [];
    try {
      for (const name of names) {
        if (!this.workbook.hasSheet(name)) continue;
        for (const range of this.slicesOf(name)) {
          await nextTask();
          if (this.channel !== channel) return;
          channel.post({ kind: "contents", block: this.contents(range) });
        }
      }
      channel.post({ kind: "load", seq });
    } catch (error) {
      this.fail(error);
    }
  }

  /** Called after computed results were stored, and when the engine's state changes. Returns unsubscribe. */
  onUpdate(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The message of the error a formula gave in this cell, or undefined when it holds no error. */
  errorMessage(sheet: string, row: number, col: number): string | undefined {
    return this.errors.get(sheet.toLowerCase())?.get(keyOf(row, col));
  }

  /**
   * Resolves once every change made so far is computed and its results stored (at once when the
   * engine isn't started, or failed).
   */
  settled(): Promise<void> {
    if (this.phase === "idle" || this.phase === "failed" || this.phase === "disposed") return Promise.resolve();
    if (this.phase === "built" && !this.busy() && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  dispose(): void {
    this.phase = "disposed";
    this.unsubscribe();
    this.pending = [];
    this.listeners.clear();
    this.channel?.close();
    this.channel = null;
    this.release();
  }

  // -------------------------------------------------------------------------------------------

  private get slice(): number {
    return this.options.contentSlice ?? CONTENT_SLICE;
  }

  /** Changes not yet computed (loading sheets no formula names changes no result). */
  private busy(): boolean {
    return (this.inFlight !== 0 && this.inFlight !== this.loading) || this.pending.length > 0 || this.structureChanged;
  }

  private extent(sheet: string): Extent {
    const key = sheet.toLowerCase();
    let extent = this.extents.get(key);
    if (extent === undefined) {
      extent = { rows: 0, cols: 0 };
      this.extents.set(key, extent);
    }
    return extent;
  }

  private contents(range: CellRange): ContentBlock {
    const cells: Content[][] = [];
    for (let row = range.row; row < range.row + range.rowCount; row++) {
      const line: Content[] = [];
      for (let col = range.col; col < range.col + range.colCount; col++)
        line.push(engineContent(this.workbook.cell(range.sheet, row, col)));
      cells.push(line);
    }
    return { sheet: this.workbook.sheetName(range.sheet), row: range.row, col: range.col, cells };
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight !== 0) return;
    this.scheduled = true;
    // A macrotask, not a microtask: the task pane's writes continue across awaits, and all of them
    // should reach the engine as one batch.
    setTimeout(() => {
      this.scheduled = false;
      this.sendPending();
    }, 0);
  }

  /**
   * Sends what changed since the last update. The cells go in parts of about `CONTENT_SLICE`,
   * each read and posted in a task of its own; changes made meanwhile wait for the next update.
   */
  private sendPending(): void {
    const channel = this.channel;
    // Changes made while the engine builds go after the build, which then has them or not.
    if (channel === null || this.phase !== "built" || this.inFlight !== 0 || !this.busy()) return;
    const ranges = this.pending;
    this.pending = [];
    this.structureChanged = false;
    this.knownSheets = this.sheetList();
    const seq = ++this.lastSeq;
    this.inFlight = seq;
    void this.postUpdate(channel, seq, ranges);
    this.notify();
  }

  private async postUpdate(channel: EngineChannel, seq: number, ranges: readonly CellRange[]): Promise<void> {
    try {
      const parts: CellRange[] = [];
      for (const range of ranges) {
        if (!this.workbook.hasSheet(range.sheet)) continue;
        const clipped = this.clip(range);
        if (clipped === null) continue;
        const extent = this.extent(range.sheet);
        extent.rows = Math.max(extent.rows, clipped.row + clipped.rowCount);
        extent.cols = Math.max(extent.cols, clipped.col + clipped.colCount);
        const rowsPerPart = Math.max(1, Math.floor(this.slice / clipped.colCount));
        for (let row = clipped.row; row < clipped.row + clipped.rowCount; row += rowsPerPart)
          parts.push({ ...clipped, row, rowCount: Math.min(rowsPerPart, clipped.row + clipped.rowCount - row) });
      }
      let writes: ContentBlock[] = [];
      let cells = 0;
      for (const part of parts) {
        if (cells > 0 && cells + part.rowCount * part.colCount > this.slice) {
          channel.post({ kind: "update", seq, sheets: [], writes, more: true });
          writes = [];
          cells = 0;
          await nextTask();
          if (this.channel !== channel) return;
        }
        if (!this.workbook.hasSheet(part.sheet)) continue;
        writes.push(this.contents(part));
        cells += part.rowCount * part.colCount;
      }
      channel.post({ kind: "update", seq, sheets: this.workbook.sheetNames(), writes });
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * The part of `range` that can hold anything: clearing a whole sheet reports a million rows, but
   * only the cells the engine was given or the workbook uses matter.
   */
  private clip(range: CellRange): CellRange | null {
    const extent = this.extent(range.sheet);
    let bottom = extent.rows;
    let right = extent.cols;
    if (range.row + range.rowCount > bottom || range.col + range.colCount > right) {
      const used = this.workbook.usedRange(range.sheet);
      if (used !== null) {
        bottom = Math.max(bottom, used.row + used.rowCount);
        right = Math.max(right, used.col + used.colCount);
      }
    }
    const rowCount = Math.min(range.row + range.rowCount, bottom) - range.row;
    const colCount = Math.min(range.col + range.colCount, right) - range.col;
    if (rowCount <= 0 || colCount <= 0) return null;
    return { ...range, rowCount, colCount };
  }

  private receive(message: FromEngine): void {
    if (this.phase === "disposed" || this.phase === "failed") return;
    if (message.kind === "failed") {
      this.fail(message.message);
      return;
    }
    try {
      for (const cells of message.cells) this.store(cells);
    } catch (error) {
      this.fail(error);
      return;
    }
    if (message.done) {
      if (message.seq === 0) {
        this.phase = "built";
        mark("engine: built");
        this.built?.();
        this.built = null;
        if (this.deferred.length > 0 && this.channel !== null) void this.loadDeferred(this.channel);
      } else if (message.seq === this.inFlight) {
        this.inFlight = 0;
        if (message.seq === this.loading) {
          this.loading = 0;
          mark("engine: every sheet loaded");
        }
      }
      // Changes made while the engine worked go now, as one batch.
      if (this.busy() && this.inFlight === 0) this.sendPending();
    }
    this.drawAfter(message.done);
    if (this.phase === "built" && !this.busy() && this.inFlight === 0) this.release();
  }

  /** Stores computed values in the workbook (constants are left alone there) and notes errors. */
  private store(cells: ComputedCells): void {
    if (!this.workbook.hasSheet(cells.sheet)) return;
    const key = cells.sheet.toLowerCase();
    let errors = this.errors.get(key);
    if (errors === undefined) {
      errors = new Map();
      this.errors.set(key, errors);
    }
    const sheetErrors = errors;
    const one = (row: number, col: number, value: (typeof cells.values)[number]): CellValue | null => {
      const k = keyOf(row, col);
      if (isEngineError(value)) {
        sheetErrors.set(k, value.message);
        return value.error;
      }
      if (sheetErrors.size > 0) sheetErrors.delete(k);
      return value;
    };
    // Where results are stored counts as used: clearing that area (setting a plan up again clears the
    // report, spilled results too) must reach the engine, which then sends the results back.
    const extent = this.extent(cells.sheet);
    if (cells.shape === "scattered") {
      const values = cells.values.map((value, i) => one(cells.at[2 * i], cells.at[2 * i + 1], value));
      for (let i = 0; i < cells.at.length; i += 2) {
        if (cells.at[i] >= extent.rows) extent.rows = cells.at[i] + 1;
        if (cells.at[i + 1] >= extent.cols) extent.cols = cells.at[i + 1] + 1;
      }
      this.workbook.setComputedAt(cells.sheet, cells.at, values);
      return;
    }
    extent.rows = Math.max(extent.rows, cells.row + Math.ceil(cells.values.length / Math.max(1, cells.width)));
    extent.cols = Math.max(extent.cols, cells.col + cells.width);
    const rows: (CellValue | null)[][] = [];
    for (let start = 0; start < cells.values.length; start += cells.width) {
      const r = rows.length;
      rows.push(
        cells.values.slice(start, start + cells.width).map((value, c) => one(cells.row + r, cells.col + c, value)),
      );
    }
    this.workbook.setComputed(cells.sheet, cells.row, cells.col, rows);
  }

  private fail(error: unknown): void {
    if (this.phase === "disposed") return;
    this.failure = error instanceof Error ? error.message : String(error);
    this.phase = "failed";
    this.pending = [];
    this.channel?.close();
    this.channel = null;
    this.built?.();
    this.built = null;
    this.release();
    this.notify();
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  /**
   * The page draws once per answer, not once per slice of it (a 50,000-node plan's build comes in
   * 65 slices, each drawn as the page's whole grid was), but still now and then while a long one arrives.
   */
  private drawAfter(lastSlice: boolean): void {
    if (lastSlice) {
      this.partialSince = null;
      this.notify();
      return;
    }
    const now = performance.now();
    this.partialSince ??= now;
    if (now - this.partialSince < PARTIAL_DRAW_INTERVAL_MS) return;
    this.partialSince = now;
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
