/** The report sheet: formulas only, over the plan's tables, and its conditional formats. */
import { cellAddress, localAddress, quoteSheet, sheetAddress, type CellRange } from "../../a1";
import type { PlanSettings } from "../types";
import {
  GENERAL,
  PERCENT,
  WHOLE,
  cellsBlock,
  formatBlock,
  numberFormat,
  type CellBlock,
  type LayoutCell,
} from "./cells";
import { SHEETS, TABLE_SHEETS, type PlanTable } from "./names";
import { settingsRow } from "./settingsTable";

/** 0-based row of the report's first node. */
export const REPORT_FIRST_ROW = 3;
const REPORT_HEADERS = ["Id", "Name", "Owner", "Status", "Level"] as const;
const REPORT_MEASURES = ["Bottom-up", "Top-down", "Variance", "Variance %"] as const;
const LEVEL_COLUMN = 4;
const INDENT = "   ";
const BAD_FILL = "#FFC7CE";
const BAD_FONT = "#9C0006";

/** Conditional formatting of variance % outside the plan's tolerance. */
export interface ToleranceRule {
  readonly range: CellRange;
  /** Excel "custom" rule formula, relative to the range's top-left cell. */
  readonly formula: string;
  /** The tolerance when the report was built, for renderers without a formula engine. */
  readonly tolerance: number;
  readonly fill: string;
  readonly fontColor: string;
}

/** 0-based report column of a period's measure (0 bottom-up, 1 top-down, 2 variance, 3 variance %). */
export function reportColumn(period: number, measure: number): number {
  return REPORT_HEADERS.length + period * REPORT_MEASURES.length + measure;
}

/**
 * The report sheet, rows aligned with the hierarchy table (which is in tree order):
 * row 1 the plan's name, row 2 metric and unit and each period's label over its four columns,
 * row 3 headers, then one row per node. Per row: Id, Owner and Status are references to the same
 * row of the hierarchy and status tables, Name is indented by Level. Level and every period's
 * four measures are one spilled formula each, over plain A1 ranges (HyperFormula, which the
 * browser workbench uses, has no structured references):
 *   Level      =BU.LEVEL(ids, parents)
 *   Bottom-up  =BU.ROLLUP(ids, parents, inputs of the period)
 *   Top-down   =BU.CASCADE(ids, parents, targets of the period, the bottom-up column, decimals)
 *   Variance   =BU.VARIANCE(bottom-up column, top-down column)
 *   Variance % =BU.VARIANCE(bottom-up column, top-down column, "pct")
 * CASCADE returns rows aligned with `ids` and has no `nodes` argument; keeping every column
 * aligned with the hierarchy table (rather than re-ordering with BU.TREE) keeps all columns in step.
 * Decimals and tolerance are read from the settings table, so editing them there updates the report.
 */
export function reportBlocks(
  settings: PlanSettings,
  nodeCount: number,
): { blocks: CellBlock[]; rules: ToleranceRule[] } {
  const sheet = SHEETS.report;
  const periods = settings.periods;
  const width = reportColumn(periods.length, 0);
  const n = nodeCount;
  const first = REPORT_FIRST_ROW;
  const tableColumn = (table: PlanTable, col: number): string =>
    sheetAddress({ sheet: TABLE_SHEETS[table], row: 1, col, rowCount: n, colCount: 1 });
  const ids = tableColumn("hierarchy", 0);
  const parents = tableColumn("hierarchy", 1);
  const decimals = `${quoteSheet(SHEETS.settings)}!${cellAddress(settingsRow("decimals") - 1, 1, true)}`;
  const tolerance = `${quoteSheet(SHEETS.settings)}!${cellAddress(settingsRow("tolerance") - 1, 1, true)}`;
  const own = (col: number): string => localAddress({ row: first, col, rowCount: n, colCount: 1 }, true);

  const title: LayoutCell[] = Array<LayoutCell>(width).fill(null);
  title[0] = settings.name;
  const periodRow: LayoutCell[] = Array<LayoutCell>(width).fill(null);
  periodRow[0] = settings.unit.trim() === "" ? settings.metric : `${settings.metric} (${settings.unit})`;
  const headerRow: LayoutCell[] = [...REPORT_HEADERS];
  periods.forEach((label, p) => {
    periodRow[reportColumn(p, 0)] = label;
    headerRow.push(...REPORT_MEASURES);
  });

  const hierarchyRef = (col: number, i: number): string =>
    `${quoteSheet(SHEETS.hierarchy)}!${cellAddress(1 + i, col, true)}`;
  const perRow: LayoutCell[][] = [];
  for (let i = 0; i < n; i++) {
    const level = cellAddress(first + i, LEVEL_COLUMN, true);
    perRow.push([
      { formula: `=${hierarchyRef(0, i)}&""` },
      { formula: `=IFERROR(REPT("${INDENT}",${level}-1),"")&${hierarchyRef(2, i)}` },
      { formula: `=${hierarchyRef(3, i)}&""` },
      { formula: `=${quoteSheet(SHEETS.status)}!${cellAddress(1 + i, 1, true)}&""` },
    ]);
  }

  const valueFormat = numberFormat(settings.decimals);
  const spill: LayoutCell[] = [{ formula: `=BU.LEVEL(${ids},${parents})` }];
  const measureFormats: string[] = [WHOLE];
  const rules: ToleranceRule[] = [];
  periods.forEach((_, p) => {
    const bottomUp = own(reportColumn(p, 0));
    const topDown = own(reportColumn(p, 1));
    spill.push(
      { formula: `=BU.ROLLUP(${ids},${parents},${tableColumn("inputs", 1 + p)})` },
      {
        formula: `=BU.CASCADE(${ids},${parents},${tableColumn("targets", 1 + p)},${bottomUp},${decimals})`,
      },
      { formula: `=BU.VARIANCE(${bottomUp},${topDown})` },
      { formula: `=BU.VARIANCE(${bottomUp},${topDown},"pct")` },
    );
    measureFormats.push(valueFormat, valueFormat, valueFormat, PERCENT);
    const pctColumn = reportColumn(p, 3);
    const topLeft = cellAddress(first, pctColumn);
    rules.push({
      range: { sheet, row: first, col: pctColumn, rowCount: n, colCount: 1 },
      // IF, not AND: AND evaluates ABS of an error cell (a zero target) and errors itself.
      formula: `=IF(ISNUMBER(${topLeft}),ABS(${topLeft})>${tolerance},FALSE())`,
      tolerance: settings.tolerance,
      fill: BAD_FILL,
      fontColor: BAD_FONT,
    });
  });

  const blocks: CellBlock[] = [
    cellsBlock(sheet, 0, 0, [title, periodRow, headerRow], Array<string>(width).fill(GENERAL)),
    cellsBlock(sheet, first, 0, perRow, [GENERAL, GENERAL, GENERAL, GENERAL]),
    formatBlock(sheet, first, LEVEL_COLUMN, n, measureFormats),
    // Last, once the cells they spill into are blank and formatted.
    cellsBlock(sheet, first, LEVEL_COLUMN, [spill], null),
  ];
  return { blocks, rules };
}
