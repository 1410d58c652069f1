/**
 * Whether this Excel has dynamic arrays, which the report needs: each of its columns is one formula
 * that spills down ("Handle dynamic arrays and spilling using the Excel JavaScript API": a formula
 * set through `Range.formulas` spills in the same batch, as its `=A4:D4` sample reads back). A host
 * without them shows a multi-cell result's first value only. Nothing in Office.js says which kind
 * of host it is, so setup asks Excel itself: a two-row array constant, which every Excel parses,
 * spills into the cell below only where arrays are dynamic.
 */

/** The probe: `1` in its own cell everywhere, `2` in the cell below only where arrays spill. */
export const SPILL_PROBE_FORMULA = "={1;2}";

/**
 * Queues the probe in two empty cells (top at `row`, `col` of `sheet`), reads them and clears them
 * again in the same batch. Call the returned function after the sync: true where the probe
 * spilled, false where it stayed in its own cell, null where the read says neither (the cell was
 * not calculated, or Excel answered with the cells as the batch left them, cleared): setup then
 * does not claim anything about the host.
 */
export function queueSpillProbe(sheet: Excel.Worksheet, row: number, col: number): () => boolean | null {
  sheet.getRangeByIndexes(row, col, 1, 1).formulas = [[SPILL_PROBE_FORMULA]];
  const read = sheet.getRangeByIndexes(row, col, 2, 1).load("values");
  sheet.getRangeByIndexes(row, col, 2, 1).clear("Contents");
  return () => {
    const [[top], [below]] = read.values as unknown[][];
    if (top !== 1) return null;
    if (below === 2) return true;
    return below === "" || below === null ? false : null;
  };
}
