/** Queuing writes: worksheet proxies, blocks in request-sized chunks. */
import { localAddress } from "../core/a1";
import { blockFormats, blockHasFormulas, blockInputs, type CellBlock, type ToleranceRule } from "../core/plan/layout";
import { chunkBlocks, type BlockSlice } from "./chunks";

/** Worksheet proxies by name, one per sheet for the whole batch. */
export class SheetCache {
  private readonly sheets = new Map<string, Excel.Worksheet>();

  constructor(private readonly context: Excel.RequestContext) {}

  get(name: string): Excel.Worksheet {
    let sheet = this.sheets.get(name.toLowerCase());
    if (sheet === undefined) {
      sheet = this.context.workbook.worksheets.getItem(name);
      this.sheets.set(name.toLowerCase(), sheet);
    }
    return sheet;
  }

  add(name: string): Excel.Worksheet {
    const sheet = this.context.workbook.worksheets.add(name);
    this.sheets.set(name.toLowerCase(), sheet);
    return sheet;
  }
}

export function writeSlice(worksheets: SheetCache, slice: BlockSlice): void {
  const { block, fromRow, rowCount } = slice;
  const range = worksheets.get(block.sheet).getRangeByIndexes(block.row + fromRow, block.col, rowCount, block.colCount);
  const formats = blockFormats(block, rowCount);
  // Formats first: they are in place when the values arrive.
  if (formats !== null) range.numberFormat = formats;
  if (block.cells === null) return;
  const inputs = blockInputs(block, fromRow, rowCount);
  if (blockHasFormulas(block)) range.formulas = inputs;
  else range.values = inputs;
}

/** What to queue around the blocks: before the first chunk's writes, after the last chunk's. */
export interface ChunkSteps {
  readonly first: () => void;
  readonly last: () => void;
}

/** How a long write reports and stops: progress after each chunk, a signal to stop between chunks, where to resume. */
export interface ChunkControl {
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
  /** The chunk to start at (a resumed write skips what was written; `first` runs only with chunk 0). */
  readonly from?: number;
}

/** A chunked write stopped before its end: `done` chunks of `total` went in. */
export class WriteStopped extends Error {
  override readonly name = "WriteStopped";

  constructor(
    readonly done: number,
    readonly total: number,
    readonly cancelled: boolean,
    options?: { cause: unknown },
  ) {
    super(
      cancelled ? `Cancelled after ${done} of ${total} chunks` : `Stopped after ${done} of ${total} chunks`,
      options,
    );
  }
}

/**
 * Writes the blocks in chunks under `budget` (`chunkBlocks`), one sync each, with `steps` queued
 * in the first and last chunk; no blocks still make one chunk, for the steps. Every chunk but the
 * last suspends Excel's recalculation until its sync (`suspendApiCalculationUntilNextSync`,
 * ExcelApi 1.6), so thousands of BU formulas are not recalculated once per chunk; the last chunk
 * recalculates what the others left dirty (the Application reference: once suspended, "it is the
 * developer's responsibility to re-calc the workbook"). A failed or cancelled chunk throws
 * `WriteStopped`, saying how many chunks went in.
 */
export async function writeBlocks(
  context: Excel.RequestContext,
  worksheets: SheetCache,
  blocks: readonly CellBlock[],
  budget: number,
  steps: ChunkSteps,
  control: ChunkControl = {},
): Promise<void> {
  const chunks = chunkBlocks(blocks, budget);
  if (chunks.length === 0) chunks.push([]);
  const from = control.from ?? 0;
  for (let i = from; i < chunks.length; i++) {
    if (control.signal?.aborted === true) throw new WriteStopped(i, chunks.length, true);
    const last = i === chunks.length - 1;
    if (i === 0) steps.first();
    if (!last) context.workbook.application.suspendApiCalculationUntilNextSync();
    for (const slice of chunks[i]) writeSlice(worksheets, slice);
    if (last) {
      steps.last();
      if (chunks.length > 1) context.workbook.application.calculate("Recalculate");
    }
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per write chunk, each under the request limit
      await context.sync();
    } catch (error) {
      throw new WriteStopped(i, chunks.length, false, { cause: error });
    }
    control.onProgress?.(i + 1, chunks.length);
  }
}

/** Queues the conditional formats that flag variance % outside the plan's tolerance (ExcelApi 1.6). */
export function addToleranceRules(worksheets: SheetCache, rules: readonly ToleranceRule[]): void {
  for (const rule of rules) {
    const format = worksheets.get(rule.range.sheet).getRange(localAddress(rule.range)).conditionalFormats.add("Custom");
    format.custom.rule.formula = rule.formula;
    format.custom.format.fill.color = rule.fill;
    format.custom.format.font.color = rule.fontColor;
  }
}
