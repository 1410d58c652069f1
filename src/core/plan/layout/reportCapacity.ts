/**
 * The report's capacity and coverage block, written only when the plan has a capacity table
 * (capacityTable.ts): right of the report's lookup columns, one column apart (the column between
 * holds the setup's dynamic-array probe), as live formulas over the capacity table, so it follows
 * edits of the reps' rows and of the targets:
 *   Rep capacity <p>  =IFERROR(heads × quota × attainment × ramp, 0) per capacity row (blank heads,
 *                     attainment and ramp = 1, as capacity.ts reads them)
 *   Capacity         =BU.ROLLUP(ids, parents, SUMIFS(rep capacity, capacity nodes, ids)): each
 *                     node's own reps plus everything below it (README, "Capacity in any sheet")
 *   Coverage         =BU.VARIANCE(top-down, capacity, "ratio"), "—" for a target against no capacity
 * flagged outside the plan's tolerance, read from the settings table, as the pane flags it
 * (src/core/territory/capacity.ts `coverage`). One difference: a row the pane leaves out for a
 * problem (a ramp of 25 meant as 25 %) still counts here, at what it says; the pane names it.
 */
import { cellAddress, localAddress, quoteSheet, sheetAddress } from "../../a1";
import type { PlanSettings } from "../types";
import type { CapacityColumns } from "./capacityTable";
import { GENERAL, PERCENT, cellsBlock, formatBlock, numberFormat, type CellBlock, type LayoutCell } from "./cells";
import { SHEETS } from "./names";
import {
  REPORT_FIRST_ROW,
  reportColumn,
  reportLookupColumn,
  reportWidth,
  rowsCoveredCheck,
  type ToleranceRule,
} from "./report";
import { settingsRow } from "./settingsTable";
import { valueColumns } from "../measures";

const BAD_FILL = "#FFC7CE";
const BAD_FONT = "#9C0006";
// Written out: HyperFormula 3.5 does not parse 1E-9 in a formula (as report.ts).
const SLACK = "0.000000001";
/** What the report shows as coverage of a target where there is no capacity. */
export const NO_COVERAGE = "—";

/** 0-based report column where the block starts: right of the lookup columns and the probe column. */
export function capacityReportColumn(periodCount: number): number {
  return reportWidth(periodCount) + 2;
}

/** 0-based report column of a period's capacity (measure 0) or coverage (1). */
export function capacityColumn(periodCount: number, period: number, measure: 0 | 1): number {
  return capacityReportColumn(periodCount) + period * 2 + measure;
}

/** The block's cells and its coverage rules, over `nodeCount` report rows. */
export function capacityReportBlocks(
  settings: PlanSettings,
  nodeCount: number,
  table: CapacityColumns,
): { blocks: CellBlock[]; rules: ToleranceRule[] } {
  const sheet = SHEETS.report;
  // Capacity is in the first measure's terms (quota is revenue): its columns are the periods', set
  // beside the first measure's top-down, right of every measure's block.
  const periods = settings.periods;
  const columnCount = valueColumns(settings).length;
  const first = REPORT_FIRST_ROW;
  const start = capacityReportColumn(columnCount);
  const repStart = start + periods.length * 2;
  const width = periods.length * 3;
  const reps = Math.max(1, table.rows);
  const own = (col: number, rows = nodeCount): string =>
    localAddress({ row: first, col, rowCount: Math.max(1, rows), colCount: 1 }, true);
  const column = (col: number): string =>
    sheetAddress({ sheet: SHEETS.capacity, row: 1, col, rowCount: reps, colCount: 1 });
  /** A factor that is 1 where its cell is blank, or its column missing. */
  const factor = (col: number): string => (col < 0 ? "1" : `IF(ISBLANK(${column(col)}),1,${column(col)})`);
  const ids = own(0);
  const parents = own(reportLookupColumn(columnCount, "Parent"));
  const tolerance = `${quoteSheet(SHEETS.settings)}!${cellAddress(settingsRow("tolerance") - 1, 1, true)}`;

  const title: LayoutCell[] = Array<LayoutCell>(width).fill(null);
  title[0] = `Capacity (${SHEETS.capacity})`;
  const periodRow: LayoutCell[] = Array<LayoutCell>(width).fill(null);
  const headerRow: LayoutCell[] = [];
  const spill: LayoutCell[] = [];
  const repSpill: LayoutCell[] = [];
  const formats: string[] = [];
  const repFormats: string[] = [];
  const rules: ToleranceRule[] = [];
  const valueFormat = numberFormat(settings.decimals);
  periods.forEach((label, p) => {
    periodRow[p * 2] = label;
    headerRow.push("Capacity", "Coverage");
    const capacity = own(start + p * 2);
    const topDown = own(reportColumn(p, 1));
    const repCapacity = own(repStart + p, reps);
    spill.push(
      { formula: `=BU.ROLLUP(${ids}&"",${parents}&"",SUMIFS(${repCapacity},${column(table.node)},${ids}))` },
      {
        formula:
          `=IF(IF(ISNUMBER(${capacity}),${capacity}=0,FALSE()),IF(ISNUMBER(${topDown}),"${NO_COVERAGE}",""),` +
          `BU.VARIANCE(${topDown},${capacity},"ratio"))`,
      },
    );
    formats.push(valueFormat, PERCENT);
    repSpill.push({
      formula: `=IFERROR(${factor(table.heads)}*${column(table.quota)}*${factor(table.attainment)}*${factor(table.ramps[p])},0)`,
    });
    repFormats.push(valueFormat);
    const cov = cellAddress(first, start + p * 2 + 1);
    const td = cellAddress(first, reportColumn(p, 1));
    rules.push({
      range: { sheet, row: first, col: start + p * 2 + 1, rowCount: nodeCount, colCount: 1 },
      formula:
        `=IF(ISNUMBER(${cov}),ABS(${cov}-1)>${tolerance}+${SLACK},` +
        `IF(${cov}="${NO_COVERAGE}",IF(ISNUMBER(${td}),${td}<>0,FALSE()),FALSE()))`,
      tolerance: settings.tolerance,
      fill: BAD_FILL,
      fontColor: BAD_FONT,
    });
  });
  periods.forEach((label) => headerRow.push(`Rep capacity ${label}`));

  const blocks: CellBlock[] = [
    cellsBlock(sheet, 0, start, [title, periodRow, headerRow], Array<string>(width).fill(GENERAL)),
    formatBlock(sheet, first, start, nodeCount, formats),
    formatBlock(sheet, first, repStart, reps, repFormats),
    cellsBlock(sheet, first, start, [spill], null),
    cellsBlock(sheet, first, repStart, [repSpill], null),
  ];
  return { blocks, rules };
}

/** The report's check that the capacity formulas see every row: rows pasted below the table's range. */
export function capacityCheck(table: CapacityColumns): string {
  return rowsCoveredCheck(SHEETS.capacity, table.node, table.rows);
}
