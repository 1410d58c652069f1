/** The report sheet: formulas only, over the plan's tables, and its conditional formats. */
import { cellAddress, columnLetters, localAddress, quoteSheet, sheetAddress, type CellRange } from "../../a1";
import type { PlanSettings } from "../types";
import { measureTitle, planMeasures, valueColumnInfo } from "../measures";
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
import { HIERARCHY_HEADERS, SHEETS, STATUS_HEADERS, TABLE_SHEETS, type NodeTable, type PlanTable } from "./names";
import { settingsRow } from "./settingsTable";

/** 0-based row of the report's first node. */
export const REPORT_FIRST_ROW = 3;
const REPORT_HEADERS = ["Id", "Name", "Owner", "Status", "Level"] as const;
const REPORT_MEASURES = ["Bottom-up", "Top-down", "Variance", "Variance %"] as const;
/**
 * Right of the periods: each node's parent and the row of its id in each plan table, found by
 * MATCH once per table, so every value the report shows is looked up by id, not by row position.
 */
export const REPORT_LOOKUP_HEADERS = ["Parent", "Hierarchy row", "Inputs row", "Targets row", "Status row"] as const;
const LEVEL_COLUMN = 4;
const INDENT = "   ";
const BAD_FILL = "#FFC7CE";
const BAD_FONT = "#9C0006";
/** What the report and the pane show as variance % against a top-down target of 0. */
export const NO_VARIANCE_PCT = "—";
/** The pane's slack (planView.ts): binary noise never flags 105 against 100 at a 5 % tolerance. */
// Written out: HyperFormula 3.5 does not parse 1E-9 in a formula.
const TOLERANCE_SLACK = "0.000000001";
/** Cell of the report's title row that warns when the plan's tables hold rows the report's ranges miss. */
export const REPORT_CHECK_COLUMN = 2;
export const REPORT_CHECK_MESSAGE =
  "⚠ The report can't see every row of the plan's tables (rows added below or above a table, a new node, " +
  "or an id typed with spaces around it): run Set up again to refresh the report.";

/**
 * What the title row's warning cell says, as text, on a host without dynamic arrays: there every
 * report column shows only its first row (its formula's first value), so the report can't be read.
 */
export const REPORT_NO_DYNAMIC_ARRAYS_MESSAGE =
  "⚠ This report needs Excel with dynamic arrays (Microsoft 365, Excel 2021 or later, or Excel on the web): " +
  "this Excel shows only its first row. The plan's tables and the Groundup task pane work as usual.";

/** The report's columns: the node columns, four per period, then the lookup columns. */
export function reportWidth(periodCount: number): number {
  return reportColumn(periodCount, 0) + REPORT_LOOKUP_HEADERS.length;
}

/** The title row's warning cell saying the report needs dynamic arrays, written as text over the check. */
export function noDynamicArraysBlock(): CellBlock {
  return cellsBlock(SHEETS.report, 0, REPORT_CHECK_COLUMN, [[REPORT_NO_DYNAMIC_ARRAYS_MESSAGE]], [GENERAL]);
}

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

/**
 * Flags variance % outside the plan's tolerance in `range` (one column), as the pane flags it
 * (planView.ts): a top-down of 0 is missed by any bottom-up but 0; else |variance %| above the
 * tolerance, read from the settings table so that editing it there re-flags. `cells` are the first
 * row's bottom-up, top-down and variance % addresses (relative, so each row reads its own). Nested
 * IFs, not AND: AND evaluates every argument, and ABS of an error or of "—" errors itself.
 */
export function toleranceRule(
  range: CellRange,
  cells: { readonly bu: string; readonly td: string; readonly pct: string },
  tolerance: number,
): ToleranceRule {
  const { bu, td, pct } = cells;
  const setting = `${quoteSheet(SHEETS.settings)}!${cellAddress(settingsRow("tolerance") - 1, 1, true)}`;
  return {
    range,
    formula:
      `=IF(ISNUMBER(${td}),IF(${td}=0,IF(ISNUMBER(${bu}),${bu}<>0,FALSE()),` +
      `IF(ISNUMBER(${pct}),ABS(${pct})>${setting}+${TOLERANCE_SLACK},FALSE())),FALSE())`,
    tolerance,
    fill: BAD_FILL,
    fontColor: BAD_FONT,
  };
}

/** 0-based report column of a period's measure (0 bottom-up, 1 top-down, 2 variance, 3 variance %). */
export function reportColumn(period: number, measure: number): number {
  return REPORT_HEADERS.length + period * REPORT_MEASURES.length + measure;
}

/** 0-based report column of a lookup column (see REPORT_LOOKUP_HEADERS), right of `periodCount` periods. */
export function reportLookupColumn(periodCount: number, lookup: (typeof REPORT_LOOKUP_HEADERS)[number]): number {
  return reportColumn(periodCount, 0) + REPORT_LOOKUP_HEADERS.indexOf(lookup);
}

/**
 * A check for the report's title-row warning: the formulas over an optional table's fixed range
 * (`rows` body rows under its header at A1) still see every row, none pasted below the range.
 */
export function rowsCoveredCheck(sheet: string, column: number, rows: number): string {
  const letters = columnLetters(column);
  const covered = sheetAddress({ sheet, row: 0, col: column, rowCount: Math.max(1, rows) + 1, colCount: 1 });
  return `COUNTA(${quoteSheet(sheet)}!$${letters}:$${letters})=COUNTA(${covered})`;
}

/** Body rows of each per-node table (nodes, then rows kept for ids that left the hierarchy). */
export type NodeTableRows = Readonly<Record<NodeTable, number>>;

/**
 * The report sheet: row 1 the plan's name (and a warning cell), row 2 the measures and units and
 * each value column's label over its four columns (measure by measure: a block per measure), row 3 headers, then one row per node in tree order. Every
 * column is one spilled formula over plain A1 ranges (HyperFormula, which the browser workbench
 * uses, has neither structured nor spill references), and every value is looked up by node id:
 *   Id         =BU.TREE(hierarchy ids, parents)        the nodes in tree order, as text
 *   ... row    =MATCH(id, table ids, 0)                 per table, in the columns right of the periods
 *   Parent, Name, Owner, Status   INDEX(hierarchy or status column, row)
 *   Level      =BU.LEVEL(ids, parents)                   over the report's own id and parent columns
 *   Bottom-up  =BU.ROLLUP(ids, parents, inputs INDEXed by the inputs row)
 *   Top-down   =BU.CASCADE(ids, parents, targets INDEXed by the targets row, bottom-up ("" where
 *              nothing below was saved: an even share), decimals, TRUE, overAssignment)
 *   Variance   =BU.VARIANCE(bottom-up, top-down)
 *   Variance % =BU.VARIANCE(bottom-up, top-down, "pct"), or "—" against a top-down of 0
 * So sorting a plan table, or inserting rows inside it (Excel grows the ranges), changes nothing
 * the report shows; a renamed sheet is renamed in the formulas by Excel. Rows the ranges miss (a
 * row added below a table, a node added to the hierarchy) raise the warning in the title row.
 *
 * Blank cells reach the BU functions the same on every host (README, "Blank cells in your own sheets"): ids and parents go
 * as text (`r&""`), inputs and targets through `IF(ISBLANK(r),"",r)`, so Excel on the desktop
 * cannot turn an empty cell into 0. Decimals, tolerance and over-assignment are read from the
 * settings table, so editing them there updates the report.
 */
export function reportBlocks(
  settings: PlanSettings,
  nodeCount: number,
  tableRows: NodeTableRows = { inputs: nodeCount, targets: nodeCount, status: nodeCount },
  moreChecks: readonly string[] = [],
): { blocks: CellBlock[]; rules: ToleranceRule[] } {
  const sheet = SHEETS.report;
  const columns = valueColumnInfo(settings);
  const measures = planMeasures(settings);
  const periods = columns.map((column) =>
    measures.length === 1 ? column.label : `${measures[column.measure].name} ${settings.periods[column.period]}`,
  );
  const lookupStart = reportColumn(periods.length, 0);
  const width = reportWidth(periods.length);
  const n = nodeCount;
  const first = REPORT_FIRST_ROW;
  const rowsOf = (table: PlanTable): number => (table === "hierarchy" ? n : tableRows[table as NodeTable]);
  const tableColumn = (table: PlanTable, col: number): string =>
    sheetAddress({ sheet: TABLE_SHEETS[table], row: 1, col, rowCount: Math.max(1, rowsOf(table)), colCount: 1 });
  // The first measure's decimals are the settings row's, so editing it there re-rounds the report;
  // the other measures' are written in their "measure" rows as text, so they are written here.
  const firstDecimals = `${quoteSheet(SHEETS.settings)}!${cellAddress(settingsRow("decimals") - 1, 1, true)}`;
  const decimalsOf = (c: number): string =>
    columns[c].measure === 0 ? firstDecimals : String(measures[columns[c].measure].decimals);
  const overCell = `${quoteSheet(SHEETS.settings)}!${cellAddress(settingsRow("overAssignment") - 1, 1, true)}`;
  // A blank setting is 100 %; as "" so that Excel on the desktop cannot pass it as 0.
  const overAssignment = `IF(ISBLANK(${overCell}),"",${overCell})`;
  const own = (col: number): string => localAddress({ row: first, col, rowCount: n, colCount: 1 }, true);
  const lookupCol = (lookup: (typeof REPORT_LOOKUP_HEADERS)[number]): number =>
    lookupStart + REPORT_LOOKUP_HEADERS.indexOf(lookup);

  const ids = own(0);
  const parents = own(lookupCol("Parent"));
  const row = {
    hierarchy: own(lookupCol("Hierarchy row")),
    inputs: own(lookupCol("Inputs row")),
    targets: own(lookupCol("Targets row")),
    status: own(lookupCol("Status row")),
  };
  const asText = (range: string): string => `${range}&""`;
  /** Position of each report id in a table's id column; "" on rows without a node. */
  // MATCH over the table's own range, not a computed array: Excel and HyperFormula (with its
  // column index) then find each id in about constant time, where an array would be searched
  // row by row, n x n for the report. The report's ids are text; a number-like id is stored as a
  // number in the tables, so it is looked up as one when it is not found as text.
  const matchRow = (table: PlanTable): string => {
    const tableIds = tableColumn(table, 0);
    return `=IF(${ids}="","",IFNA(MATCH(${ids},${tableIds},0),MATCH(IFERROR(--${ids},${ids}),${tableIds},0)))`;
  };
  /** A table's column as text, INDEXed by the report's row of that table. */
  const textAt = (table: PlanTable, col: number, rows: string): string =>
    `INDEX(${asText(tableColumn(table, col))},${rows})`;
  /** A table's numbers by id; blank where the cell is blank or the node has no row there. */
  const numbersAt = (table: NodeTable, col: number, rows: string): string => {
    const column = tableColumn(table, col);
    return `IF(ISNUMBER(${rows}),INDEX(IF(ISBLANK(${column}),"",${column}),${rows}),"")`;
  };
  const hierarchyColumn = (header: (typeof HIERARCHY_HEADERS)[number]): number => HIERARCHY_HEADERS.indexOf(header);
  const statusColumn = STATUS_HEADERS.indexOf("Status");

  const title: LayoutCell[] = Array<LayoutCell>(width).fill(null);
  title[0] = settings.name;
  title[REPORT_CHECK_COLUMN] = { formula: checkFormula(n, tableRows, moreChecks) };
  const periodRow: LayoutCell[] = Array<LayoutCell>(width).fill(null);
  periodRow[0] = measures.map(measureTitle).join(" · ");
  const headerRow: LayoutCell[] = [...REPORT_HEADERS];
  periods.forEach((label, p) => {
    periodRow[reportColumn(p, 0)] = label;
    headerRow.push(...REPORT_MEASURES);
  });
  headerRow.push(...REPORT_LOOKUP_HEADERS);

  const level = own(LEVEL_COLUMN);
  const hierarchyRows = row.hierarchy;
  const spill: LayoutCell[] = [
    {
      formula: `=BU.TREE(${asText(tableColumn("hierarchy", hierarchyColumn("Id")))},${asText(tableColumn("hierarchy", hierarchyColumn("Parent")))})`,
    },
    {
      formula: `=IF(ISNUMBER(${hierarchyRows}),IFERROR(REPT("${INDENT}",${level}-1),"")&${textAt("hierarchy", hierarchyColumn("Name"), hierarchyRows)},"")`,
    },
    { formula: `=IF(ISNUMBER(${hierarchyRows}),${textAt("hierarchy", hierarchyColumn("Owner"), hierarchyRows)},"")` },
    {
      // A node without a status row, or with a blank status, is Not started, as the pane reads it.
      formula: `=IF(${ids}="","",IF(ISNUMBER(${row.status}),IF(${textAt("status", statusColumn, row.status)}="","Not started",${textAt("status", statusColumn, row.status)}),"Not started"))`,
    },
    { formula: `=BU.LEVEL(${asText(ids)},${asText(parents)})` },
  ];
  const measureFormats: string[] = [WHOLE];
  const rules: ToleranceRule[] = [];
  periods.forEach((_, p) => {
    const bottomUp = own(reportColumn(p, 0));
    const topDown = own(reportColumn(p, 1));
    const inputs = numbersAt("inputs", 1 + p, row.inputs);
    // The pane's guidance: weights are the bottom-up, blank ("") where nothing below was saved, which
    // gets an even share; and a typed 0 target is kept (exactBlanks: the targets' blanks are "").
    const weights = `IF(BU.ROLLUP(${asText(ids)},${asText(parents)},${inputs},,"count")=0,"",${bottomUp})`;
    spill.push(
      { formula: `=BU.ROLLUP(${asText(ids)},${asText(parents)},${inputs})` },
      {
        formula: `=BU.CASCADE(${asText(ids)},${asText(parents)},${numbersAt("targets", 1 + p, row.targets)},${weights},${decimalsOf(p)},TRUE(),${overAssignment})`,
      },
      { formula: `=BU.VARIANCE(${bottomUp},${topDown})` },
      {
        // Against a top-down of 0 there is no percentage: "—", as the pane shows it, never #DIV/0!.
        formula: `=IF(IF(ISNUMBER(${topDown}),${topDown}=0,FALSE()),"${NO_VARIANCE_PCT}",BU.VARIANCE(${bottomUp},${topDown},"pct"))`,
      },
    );
    const valueFormat = numberFormat(columns[p].decimals);
    measureFormats.push(valueFormat, valueFormat, valueFormat, PERCENT);
    const pctColumn = reportColumn(p, 3);
    const pct = cellAddress(first, pctColumn);
    const bu = cellAddress(first, reportColumn(p, 0));
    const td = cellAddress(first, reportColumn(p, 1));
    rules.push(
      toleranceRule(
        { sheet, row: first, col: pctColumn, rowCount: n, colCount: 1 },
        { bu, td, pct },
        settings.tolerance,
      ),
    );
  });
  spill.push(
    {
      formula: `=IF(ISNUMBER(${hierarchyRows}),${textAt("hierarchy", hierarchyColumn("Parent"), hierarchyRows)},"")`,
    },
    { formula: matchRow("hierarchy") },
    { formula: matchRow("inputs") },
    { formula: matchRow("targets") },
    { formula: matchRow("status") },
  );
  measureFormats.push(GENERAL, WHOLE, WHOLE, WHOLE, WHOLE);

  const blocks: CellBlock[] = [
    cellsBlock(sheet, 0, 0, [title, periodRow, headerRow], Array<string>(width).fill(GENERAL)),
    formatBlock(sheet, first, 0, n, [GENERAL, GENERAL, GENERAL, GENERAL]),
    formatBlock(sheet, first, LEVEL_COLUMN, n, measureFormats),
    // Last, once the cells they spill into are blank and formatted.
    cellsBlock(sheet, first, 0, [spill], null),
  ];
  return { blocks, rules };
}

/**
 * The warning cell: "" while each plan table's id column holds exactly the ids the report's
 * ranges cover (the hierarchy exactly the report's nodes), else a message saying what to do.
 * Whole-column COUNTA is cheap in Excel and counts what a sort or an insertion inside the ranges
 * leaves unchanged, so only rows the ranges miss raise it; so does an id with spaces around it,
 * which the report's MATCH would miss where the pane finds it. `moreChecks`: conditions of blocks
 * written beside the report (the capacity block's, reportCapacity.ts).
 */
function checkFormula(nodeCount: number, tableRows: NodeTableRows, moreChecks: readonly string[]): string {
  const counts: string[] = [];
  const idColumn = (table: PlanTable): string => {
    const letters = columnLetters(0);
    return `${quoteSheet(TABLE_SHEETS[table])}!$${letters}:$${letters}`;
  };
  const bodyIds = (table: PlanTable, rows: number): string =>
    sheetAddress({ sheet: TABLE_SHEETS[table], row: 1, col: 0, rowCount: Math.max(1, rows), colCount: 1 });
  // An id retyped with spaces around it: the pane finds it (ids ignore them), MATCH does not.
  const untrimmed = (range: string): string => `SUMPRODUCT(--(LEN(${range}&"")<>LEN(TRIM(${range}&""))))=0`;
  counts.push(`COUNTA(${idColumn("hierarchy")})=${nodeCount + 1}`, untrimmed(bodyIds("hierarchy", nodeCount)));
  for (const table of ["inputs", "targets", "status"] as const) {
    const covered = sheetAddress({
      sheet: TABLE_SHEETS[table],
      row: 0,
      col: 0,
      rowCount: Math.max(1, tableRows[table]) + 1,
      colCount: 1,
    });
    counts.push(`COUNTA(${idColumn(table)})=COUNTA(${covered})`, untrimmed(bodyIds(table, tableRows[table])));
  }
  counts.push(...moreChecks);
  return `=IF(AND(${counts.join(",")}),"","${REPORT_CHECK_MESSAGE}")`;
}
