/**
 * Splitting large reads and writes into requests Excel accepts. Excel on the web refuses a request
 * or response over 5 MB ("Resource limits and performance optimization for Office Add-ins": "a
 * payload size limit for requests and responses of 5MB", RequestPayloadSizeLimitExceeded); a sync
 * sends every queued write in one request (and brings back every queued read in one response), so
 * a plan of many thousand rows takes several syncs, each under a budget well below that limit.
 * Budgets are in bytes as they travel: the JSON of the values in UTF-8, where a name in Greek or
 * Japanese takes two or three bytes a character, not one UTF-16 unit.
 */
import { blockInputs, type CellBlock } from "../core/plan/layout";

/** Bytes of values and formats per request: 5 MB less room for the request's own wrapping. */
export const WRITE_BUDGET_BYTES = 2_000_000;

/** Cells per read request: at a generous 20 bytes a cell, about 2 MB of response. */
export const READ_BUDGET_CELLS = 100_000;

/**
 * Cells per read request that also brings each cell's indent level (`getCellProperties`, some 30
 * bytes more a cell, as `{"format":{"indentLevel":0}}`): the same 2 MB of response.
 */
export const READ_BUDGET_CELLS_WITH_INDENTS = 40_000;

/** Rows `fromRow .. fromRow + rowCount - 1` of a block. */
export interface BlockSlice {
  readonly block: CellBlock;
  readonly fromRow: number;
  readonly rowCount: number;
}

/** Fixed cost of one range write in a request (object path, property names), beyond its data. */
const RANGE_OVERHEAD = 200;

/** The UTF-8 length of `text`, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair is one character of four bytes.
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** The bytes `data` takes in a request: its JSON in UTF-8. */
export function jsonBytes(data: unknown): number {
  return utf8Length(JSON.stringify(data) ?? "");
}

/** The bytes a block's row adds to a request: its inputs and its formats, as JSON (with the comma after each). */
function rowBytes(block: CellBlock, row: number): number {
  const formats = block.formats === null ? 0 : jsonBytes(block.formats) + 1;
  const values = block.cells === null ? 0 : jsonBytes(blockInputs(block, row, 1)[0]) + 1;
  return formats + values;
}

/**
 * The blocks in order, cut into chunks of at most `budget` estimated bytes each (a single row
 * larger than the budget makes a chunk of its own). One chunk is one sync.
 */
export function chunkBlocks(blocks: readonly CellBlock[], budget = WRITE_BUDGET_BYTES): BlockSlice[][] {
  const chunks: BlockSlice[][] = [];
  let chunk: BlockSlice[] = [];
  let used = 0;
  const close = (): void => {
    if (chunk.length > 0) chunks.push(chunk);
    chunk = [];
    used = 0;
  };
  for (const block of blocks) {
    let fromRow = 0;
    used += RANGE_OVERHEAD;
    for (let row = 0; row < block.rowCount; row++) {
      const bytes = rowBytes(block, row);
      if (used + bytes > budget && (row > fromRow || chunk.length > 0)) {
        if (row > fromRow) chunk.push({ block, fromRow, rowCount: row - fromRow });
        close();
        fromRow = row;
        used = RANGE_OVERHEAD;
      }
      used += bytes;
    }
    chunk.push({ block, fromRow, rowCount: block.rowCount - fromRow });
  }
  close();
  return chunks;
}

/** The bytes one range write (or added rows) of `inputs` adds to a request, its fixed cost included. */
export function writeBytes(inputs: readonly (readonly unknown[])[]): number {
  return RANGE_OVERHEAD + jsonBytes(inputs);
}

/**
 * Items in order, cut into chunks of at most `budget` estimated bytes each (an item larger than the
 * budget makes a chunk of its own). One chunk is one sync.
 */
export function chunkBySize<T>(items: readonly T[], bytes: (item: T) => number, budget = WRITE_BUDGET_BYTES): T[][] {
  const chunks: T[][] = [];
  let chunk: T[] = [];
  let used = 0;
  for (const item of items) {
    const size = bytes(item);
    if (chunk.length > 0 && used + size > budget) {
      chunks.push(chunk);
      chunk = [];
      used = 0;
    }
    chunk.push(item);
    used += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** Rows `fromRow .. fromRow + rowCount - 1` of the `table`-th range read. */
export interface ReadSlice {
  readonly table: number;
  readonly fromRow: number;
  readonly rowCount: number;
}

/**
 * Reads of whole ranges of the given sizes, cut into syncs of at most `budget` cells each: a
 * large table takes several, several small tables share one.
 */
export function planReads(
  sizes: readonly { readonly rowCount: number; readonly colCount: number }[],
  budget = READ_BUDGET_CELLS,
): ReadSlice[][] {
  const batches: ReadSlice[][] = [];
  let batch: ReadSlice[] = [];
  let used = 0;
  sizes.forEach(({ rowCount, colCount }, table) => {
    const step = Math.max(1, Math.floor(budget / Math.max(1, colCount)));
    for (let fromRow = 0; fromRow < rowCount; fromRow += step) {
      const rows = Math.min(step, rowCount - fromRow);
      const cells = rows * colCount;
      if (batch.length > 0 && used + cells > budget) {
        batches.push(batch);
        batch = [];
        used = 0;
      }
      batch.push({ table, fromRow, rowCount: rows });
      used += cells;
    }
  });
  if (batch.length > 0) batches.push(batch);
  return batches;
}
