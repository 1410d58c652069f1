/**
 * The formula engine's side of the workbench: HyperFormula over a copy of the workbook's contents,
 * fed by `ToEngine` messages and answering with the values it computed. Runs in the engine's Web
 * Worker (engineWorker.ts); tests run it in-process. The BU.* functions are the shipped ones,
 * through the HyperFormula plugin (src/hyperformula/buPlugin.ts), registered by the caller.
 *
 * HyperFormula is built once over every sheet (`buildFromSheets`) and each update is recalculated
 * once (`recalculateOnce`): cell-by-cell updates that each recalculate grow quadratically with the
 * workbook (see ENVIRONMENT.md), and so does HyperFormula's own `batch` (see recalculateOnce.ts).
 */
import {
  DetailedCellError,
  EmptyValue,
  HyperFormula,
  type CellValue as HfValue,
  type ExportedChange,
  type SimpleCellAddress,
} from "hyperformula";
import { MAX_COLUMNS, MAX_ROWS } from "../src/core/a1";
import { EXCEL_NAMES, buConfig, fitBuSpills, type HostMode } from "../src/hyperformula/buPlugin";
import { runArrayCallsLean } from "../src/hyperformula/arrayCalls";
import { indexColumnsOnSearch } from "../src/hyperformula/lazyColumnIndex";
import { parseQuotedTextDirectly } from "../src/hyperformula/quotedText";
import { recalculateOnce } from "../src/hyperformula/recalculateOnce";
import type { ComputedCells, Content, ContentBlock, EngineValue, FromEngine, ToEngine } from "./engineProtocol";

/** Excel's sheet size, and array arithmetic as in Excel 365 (=A1:A9*2 spills). */
const CONFIG = {
  licenseKey: "gpl-v3",
  maxRows: MAX_ROWS,
  maxColumns: MAX_COLUMNS,
  useArrayArithmetic: true,
  // The report's MATCH of every node's id in each plan table: by index, not row by row (n x n).
  useColumnIndex: true,
  // The workbench has no undo of its own in HyperFormula; each kept undo entry costs memory and time.
  undoLimit: 0,
} as const;

/**
 * Makes writing into empty cells linear again with `useColumnIndex`. HyperFormula 3.5 "removes"
 * each overwritten cell's old value from the column index, for an empty cell the `EmptyValue`
 * symbol, which the index never holds: it adds an entry for it and deletes it again, once per cell,
 * in the column's Map. A JS Map keeps deleted entries in their hash chain until it is rehashed, and
 * every one of these has the same key, so each lookup walks all the earlier ones: pasting 50,000
 * rows into an empty sheet took 8 s here, and minutes in the page. Removing a value the index
 * cannot hold changes nothing, so it is skipped.
 */
function skipEmptyRemovals(hf: HyperFormula): void {
  const search = hf.columnSearch;
  const remove = search.remove.bind(search);
  search.remove = (value, address) => {
    if (value !== EmptyValue) remove(value, address);
  };
}

/** Updates writing this many cells, and at least a quarter of what the engine holds, rebuild it. */
const REBUILD_CELLS = 20_000;

/** Values per results message: each is cloned and applied by the page in one task. */
export const RESULT_SLICE = 20_000;

interface SheetLink {
  readonly id: number;
  readonly name: string;
}

/** Cells side by side in a row, to give HyperFormula in one call. */
interface ContentRun {
  readonly address: SimpleCellAddress;
  readonly cells: Content[];
}

const isFormula = (content: Content): boolean => typeof content === "string" && content.startsWith("=");

export class EngineCore {
  private hf: HyperFormula | null = null;
  private readonly contents = new Map<string, { name: string; rows: Content[][] }>();
  private readonly sheets = new Map<string, SheetLink>();
  private readonly byId = new Map<number, SheetLink>();
  /** Formula cells HyperFormula gave #SPILL!: it doesn't retry them when the way clears, so the engine does. */
  private readonly blocked = new Map<string, SimpleCellAddress>();
  /** The parts of an update that comes in several messages. */
  private parts: ContentBlock[] = [];
  private hostMode: HostMode = "web";
  /** About how many cells HyperFormula was built over: an update of a good share of that rebuilds it. */
  private heldCells = 0;

  constructor() {
    indexColumnsOnSearch();
    parseQuotedTextDirectly();
    runArrayCallsLean();
  }

  /** Handles one message; returns the messages to send back, in order. */
  receive(message: ToEngine): FromEngine[] {
    switch (message.kind) {
      case "contents":
        this.collect(message.block);
        return [];
      case "build":
        return slices(0, this.build(message.sheets, message.hostMode ?? "web"));
      case "load":
        return slices(message.seq, this.load());
      case "update": {
        this.parts.push(...message.writes);
        if (message.more === true) return [];
        const writes = this.parts;
        this.parts = [];
        return slices(message.seq, this.update(message.sheets, writes));
      }
    }
  }

  destroy(): void {
    this.hf?.destroy();
    this.hf = null;
  }

  // -- build ------------------------------------------------------------------------------------

  private collect(block: ContentBlock): void {
    const key = block.sheet.toLowerCase();
    const sheet = this.contents.get(key) ?? { name: block.sheet, rows: [] };
    this.contents.set(key, sheet);
    block.cells.forEach((cells, r) => {
      const row = block.row + r;
      while (sheet.rows.length <= row) sheet.rows.push([]);
      const target = sheet.rows[row];
      while (target.length < block.col) target.push(null);
      cells.forEach((content, c) => (target[block.col + c] = content));
    });
  }

  private build(names: readonly string[], hostMode: HostMode): ComputedCells[] {
    this.hostMode = hostMode;
    const input: Record<string, Content[][]> = {};
    const withFormulas: string[] = [];
    for (const name of names) {
      const rows = this.contents.get(name.toLowerCase())?.rows ?? [];
      input[name] = rows;
      if (rows.some((cells) => cells.some(isFormula))) withFormulas.push(name);
    }
    this.contents.clear();
    this.heldCells = 0;
    for (const name of names) this.heldCells += (input[name][0]?.length ?? 0) * input[name].length;
    const hf = HyperFormula.buildFromSheets(input, { ...CONFIG, ...buConfig(hostMode) }, [...EXCEL_NAMES]);
    this.hf = hf;
    skipEmptyRemovals(hf);
    fitBuSpills(hf);
    for (const name of names) this.link(name);
    // Only formulas compute anything; a sheet of constants has nothing to report.
    const out: ComputedCells[] = [];
    for (const name of withFormulas) {
      const link = this.link(name);
      const { width, height } = hf.getSheetDimensions(link.id);
      if (width > 0 && height > 0) out.push(...this.readBack(link, 0, 0, height, width));
    }
    out.push(...this.retryBlocked(true));
    return out;
  }

  private load(): ComputedCells[] {
    const hf = this.requireEngine();
    const loaded = [...this.contents.values()];
    this.contents.clear();
    const changes = recalculateOnce(hf, () => {
      for (const sheet of loaded) hf.setSheetContent(this.link(sheet.name).id, sheet.rows);
    });
    return [...this.changed(changes), ...this.changed(fitBuSpills(hf))];
  }

  // -- updates ----------------------------------------------------------------------------------

  private update(names: readonly string[], writes: readonly ContentBlock[]): ComputedCells[] {
    const written = writes.reduce((sum, block) => sum + block.cells.length * (block.cells[0]?.length ?? 0), 0);
    if (written >= REBUILD_CELLS && written >= this.heldCells / 4) return this.rebuild(names, writes);
    const hf = this.requireEngine();
    for (const name of names) this.link(name);
    // HyperFormula can't be read inside a batch, so what differs is found first.
    const runs = writes.flatMap((block) => this.differences(block));
    const changes = recalculateOnce(hf, () => {
      for (const run of runs) hf.setCellContents(run.address, [run.cells]);
    });
    const out = [...this.changed(changes), ...this.changed(fitBuSpills(hf))];
    // Cells just written may hold a result HyperFormula didn't report as a change (the same formula
    // typed again, a spill area cleared and filled in one batch): read them back whole, where they
    // can hold a computed value at all.
    for (const block of writes) {
      if (!block.cells.some((cells) => cells.some((content) => content === null || isFormula(content)))) continue;
      const link = this.link(block.sheet);
      const { width, height } = hf.getSheetDimensions(link.id);
      const rowCount = Math.min(block.row + block.cells.length, height) - block.row;
      const colCount = Math.min(block.col + (block.cells[0]?.length ?? 0), width) - block.col;
      if (rowCount > 0 && colCount > 0) out.push(...this.readBack(link, block.row, block.col, rowCount, colCount));
    }
    out.push(...this.retryBlocked(writes.length > 0));
    return out;
  }

  /**
   * Builds HyperFormula anew over what it holds with `writes` put in: the same result as applying
   * them, in a fraction of the time when they are many. A whole sheet written at once (a pasted
   * table, a plan set up) makes HyperFormula re-size and re-evaluate every array formula it touches
   * cell by cell: setting up a 10,000-node plan took 13 s as an update and 3.4 s as a build, 50,000
   * nodes 136 s and 24 s.
   */
  private rebuild(names: readonly string[], writes: readonly ContentBlock[]): ComputedCells[] {
    const hf = this.requireEngine();
    const sheets = [...new Set([...hf.getSheetNames(), ...names])];
    for (const name of hf.getSheetNames())
      this.collect({ sheet: name, row: 0, col: 0, cells: this.heldContents(name) });
    for (const block of writes) this.collect(block);
    hf.destroy();
    this.hf = null;
    this.sheets.clear();
    this.byId.clear();
    this.blocked.clear();
    return this.build(sheets, this.hostMode);
  }

  /** What a sheet holds as content: formulas and constants, without the cells an array spilled into. */
  private heldContents(name: string): Content[][] {
    const hf = this.requireEngine();
    const sheet = hf.getSheetId(name) as number;
    return hf
      .getSheetSerialized(sheet)
      .map((cells, row) =>
        cells.map((content, col) =>
          content !== null && !isFormula(content) && hf.isCellPartOfArray({ sheet, row, col }) ? null : content,
        ),
      );
  }

  private requireEngine(): HyperFormula {
    if (this.hf === null) throw new Error("The formula engine was updated before it was built");
    return this.hf;
  }

  private link(name: string): SheetLink {
    const known = this.sheets.get(name.toLowerCase());
    if (known !== undefined) return known;
    const hf = this.requireEngine();
    const id = hf.getSheetId(name) ?? hf.getSheetId(hf.addSheet(name));
    if (id === undefined) throw new Error(`The formula engine has no sheet "${name}"`);
    const link: SheetLink = { id, name };
    this.sheets.set(name.toLowerCase(), link);
    this.byId.set(id, link);
    return link;
  }

  /** The cells of `block` whose content differs from what HyperFormula holds, in runs along each row. */
  private differences(block: ContentBlock): ContentRun[] {
    const hf = this.requireEngine();
    const sheet = this.link(block.sheet).id;
    const runs: ContentRun[] = [];
    block.cells.forEach((cells, r) => {
      const row = block.row + r;
      let run: ContentRun | null = null;
      cells.forEach((content, c) => {
        const col = block.col + c;
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
      });
    });
    return runs;
  }

  // -- results ----------------------------------------------------------------------------------

  /** The changes HyperFormula reported, grouped by sheet. */
  private changed(changes: readonly ExportedChange[]): ComputedCells[] {
    const bySheet = new Map<number, { at: number[]; values: EngineValue[] }>();
    for (const change of changes) {
      if (!("address" in change)) continue;
      const { sheet, row, col } = change.address;
      if (!this.byId.has(sheet)) continue;
      let group = bySheet.get(sheet);
      if (group === undefined) {
        group = { at: [], values: [] };
        bySheet.set(sheet, group);
      }
      group.at.push(row, col);
      group.values.push(this.value(sheet, row, col, change.newValue));
    }
    return [...bySheet].map(([sheet, group]) => ({
      shape: "scattered",
      sheet: (this.byId.get(sheet) as SheetLink).name,
      at: group.at,
      values: group.values,
    }));
  }

  private readBack(link: SheetLink, row: number, col: number, rowCount: number, colCount: number): ComputedCells[] {
    const hf = this.requireEngine();
    const values = hf.getRangeValues({
      start: { sheet: link.id, row, col },
      end: { sheet: link.id, row: row + rowCount - 1, col: col + colCount - 1 },
    });
    const flat: EngineValue[] = [];
    values.forEach((cells, r) => cells.forEach((value, c) => flat.push(this.value(link.id, row + r, col + c, value))));
    return [{ shape: "block", sheet: link.name, row, col, width: colCount, values: flat }];
  }

  /** A computed value as the page stores it; notes formulas that could not spill. */
  private value(sheet: number, row: number, col: number, value: HfValue): EngineValue {
    const spill = value instanceof DetailedCellError && value.type === "SPILL";
    if (spill || this.blocked.size > 0) {
      const key = `${sheet}:${row}:${col}`;
      if (spill) this.blocked.set(key, { sheet, row, col });
      else this.blocked.delete(key);
    }
    if (value instanceof DetailedCellError)
      return { error: value.value, message: value.message === "" ? value.value : value.message };
    return value;
  }

  /** Re-enters formulas that could not spill, once, after cells were written: the way may be clear now. */
  private retryBlocked(cellsWritten: boolean): ComputedCells[] {
    const hf = this.requireEngine();
    if (!cellsWritten || this.blocked.size === 0) return [];
    const anchors = [...this.blocked.values()];
    const changes = recalculateOnce(hf, () => {
      for (const address of anchors) {
        const formula = hf.getCellFormula(address);
        if (formula !== undefined) hf.setCellContents(address, [[formula]]);
      }
    });
    const out = this.changed(changes);
    for (const address of anchors) {
      const link = this.byId.get(address.sheet);
      if (link !== undefined) out.push(...this.readBack(link, address.row, address.col, 1, 1));
    }
    return out;
  }
}

/** Results cut into messages of at most `RESULT_SLICE` values; the last one is `done`. */
function slices(seq: number, cells: readonly ComputedCells[]): FromEngine[] {
  const out: FromEngine[] = [];
  let current: ComputedCells[] = [];
  let size = 0;
  const send = (done: boolean): void => {
    out.push({ kind: "results", seq, done, cells: current });
    current = [];
    size = 0;
  };
  for (const part of cells) {
    for (const piece of cut(part)) {
      if (size > 0 && size + piece.values.length > RESULT_SLICE) send(false);
      current.push(piece);
      size += piece.values.length;
    }
  }
  send(true);
  return out;
}

/** A part of at most `RESULT_SLICE` values (blocks cut between rows). */
function cut(part: ComputedCells): ComputedCells[] {
  if (part.values.length <= RESULT_SLICE) return [part];
  const pieces: ComputedCells[] = [];
  if (part.shape === "scattered") {
    for (let start = 0; start < part.values.length; start += RESULT_SLICE)
      pieces.push({
        ...part,
        at: part.at.slice(start * 2, (start + RESULT_SLICE) * 2),
        values: part.values.slice(start, start + RESULT_SLICE),
      });
    return pieces;
  }
  const rows = Math.max(1, Math.floor(RESULT_SLICE / part.width));
  const rowCount = part.values.length / part.width;
  for (let r = 0; r < rowCount; r += rows)
    pieces.push({
      ...part,
      row: part.row + r,
      values: part.values.slice(r * part.width, (r + rows) * part.width),
    });
  return pieces;
}
