/**
 * The report's last-year block, written only when the plan has last year's values (GU Reference,
 * referenceTable.ts): right of the report's other columns, as live formulas over the reference
 * table, so it follows pasted corrections and every saved target:
 *   Last year  =BU.ROLLUP(ids, parents, SUMIFS(last year's period, its ids, ids)): each node's own
 *              row of last year plus everything below it, as the bottom-up is rolled up (paste
 *              last year for the nodes whose targets are entered, usually the leaves)
 *   Growth     =BU.VARIANCE(bottom-up, last year, "pct"), blank where last year is blank or 0
 * A period without a column in the table has no block. SUMIFS and the ranges as in the capacity
 * block (reportCapacity.ts); rows pasted below the table's range raise the report's warning.
 */
import { localAddress, sheetAddress } from "../../a1";
import type { PlanSettings } from "../types";
import { GENERAL, PERCENT, cellsBlock, formatBlock, numberFormat, type CellBlock, type LayoutCell } from "./cells";
import { findColumn, type TableGrid } from "./grids";
import { ID_HEADER, SHEETS } from "./names";
import { REPORT_FIRST_ROW, reportColumn, reportLookupColumn, rowsCoveredCheck } from "./report";
import { columnDecimals, valueColumns } from "../measures";

/** Where the reference table's columns are, for the report's formulas; null without an Id column. */
export interface ReferenceColumns {
  readonly id: number;
  /** One per period; -1 where the table has no column of that period. */
  readonly periods: readonly number[];
  readonly rows: number;
}

export function referenceColumnsOf(grid: TableGrid, periods: readonly string[]): ReferenceColumns | null {
  const id = findColumn(grid.headers, ID_HEADER);
  if (id < 0) return null;
  return { id, periods: periods.map((period) => findColumn(grid.headers, period)), rows: grid.rows.length };
}

/** The block's cells from report column `start`, over `nodeCount` report rows. */
export function referenceReportBlocks(
  settings: PlanSettings,
  nodeCount: number,
  table: ReferenceColumns,
  start: number,
): CellBlock[] {
  const sheet = SHEETS.report;
  const periods = valueColumns(settings);
  const first = REPORT_FIRST_ROW;
  const width = periods.length * 2;
  const rows = Math.max(1, table.rows);
  const own = (col: number): string =>
    localAddress({ row: first, col, rowCount: Math.max(1, nodeCount), colCount: 1 }, true);
  const column = (col: number): string =>
    sheetAddress({ sheet: SHEETS.reference, row: 1, col, rowCount: rows, colCount: 1 });
  const ids = own(0);
  const parents = own(reportLookupColumn(periods.length, "Parent"));

  const title: LayoutCell[] = Array<LayoutCell>(width).fill(null);
  title[0] = `Last year (${SHEETS.reference})`;
  const periodRow: LayoutCell[] = Array<LayoutCell>(width).fill(null);
  const headerRow: LayoutCell[] = [];
  const spill: LayoutCell[] = [];
  const formats: string[] = [];
  periods.forEach((label, p) => {
    periodRow[p * 2] = label;
    headerRow.push("Last year", "Growth");
    formats.push(numberFormat(columnDecimals(settings, p)), PERCENT);
    const col = table.periods[p];
    if (col < 0) {
      spill.push(null, null);
      return;
    }
    const lastYear = own(start + p * 2);
    const bottomUp = own(reportColumn(p, 0));
    spill.push(
      { formula: `=BU.ROLLUP(${ids}&"",${parents}&"",SUMIFS(${column(col)},${column(table.id)},${ids}))` },
      {
        formula: `=IF(IF(ISNUMBER(${lastYear}),${lastYear}=0,TRUE()),"",BU.VARIANCE(${bottomUp},${lastYear},"pct"))`,
      },
    );
  });
  return [
    cellsBlock(sheet, 0, start, [title, periodRow, headerRow], Array<string>(width).fill(GENERAL)),
    formatBlock(sheet, first, start, nodeCount, formats),
    cellsBlock(sheet, first, start, [spill], null),
  ];
}

/** The report's check that the last-year formulas see every row: rows pasted below the table's range. */
export function referenceCheck(table: ReferenceColumns): string {
  return rowsCoveredCheck(SHEETS.reference, table.id, table.rows);
}
