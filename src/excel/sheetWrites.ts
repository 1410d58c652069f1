/** Queuing writes: worksheet proxies, blocks in request-sized chunks, and one node's row of a table. */
import { idKey } from "../core/cell";
import {
  ID_HEADER,
  blockFormats,
  blockHasFormulas,
  blockInputs,
  findColumn,
  newRowInputs,
  runInputs,
  type CellBlock,
  type ColumnWrite,
} from "../core/plan/layout";
import { chunkBlocks, type BlockSlice } from "./chunks";
import type { RowBook } from "./hints";
import type { Located } from "./tableReads";

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

/**
 * Writes the blocks in chunks under `budget` (`chunkBlocks`), one sync each, with `steps` queued
 * in the first and last chunk; no blocks still make one chunk, for the steps.
 */
export async function writeBlocks(
  context: Excel.RequestContext,
  worksheets: SheetCache,
  blocks: readonly CellBlock[],
  budget: number,
  steps: ChunkSteps,
): Promise<void> {
  const chunks = chunkBlocks(blocks, budget);
  if (chunks.length === 0) chunks.push([]);
  for (let i = 0; i < chunks.length; i++) {
    if (i === 0) steps.first();
    for (const slice of chunks[i]) writeSlice(worksheets, slice);
    if (i === chunks.length - 1) steps.last();
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per write chunk, each under the request limit
    await context.sync();
  }
}

/** Queues one node's cells into its row of a table, or appends a row (recording it in `book`). */
export function writeRow(
  context: Excel.RequestContext,
  worksheets: SheetCache,
  place: Located,
  table: string,
  id: string,
  row: number | undefined,
  writes: readonly ColumnWrite[],
  book: RowBook,
): void {
  if (row === undefined) {
    const idColumn = findColumn(place.headers, ID_HEADER);
    context.workbook.tables
      .getItem(table)
      .rows.add(undefined, [newRowInputs(place.headers.length, idColumn, id, writes)]);
    book.rows.set(idKey(id) as string, book.next++);
    return;
  }
  const sheet = worksheets.get(place.sheet);
  for (const run of runInputs(writes)) {
    sheet.getRangeByIndexes(place.top + row, place.left + run.col, 1, run.inputs.length).values = [run.inputs];
  }
}
