/**
 * The dashboard sheet as pure data: cells (constants and formulas) and chart specs, which the Excel
 * adapter turns into a sheet with native charts and the workbench into its in-memory equivalent.
 *
 * Every number is a formula over the plan's tables and report (see src/core/plan/layout/), so the
 * table and its charts follow when inputs or targets change. Which children are listed is fixed
 * when the dashboard is built: after the hierarchy changes, build it again (refresh).
 *
 * Sheet layout (0-based rows; columns A-F):
 *   0  title: plan, node, period
 *   1  metric and unit
 *   3  Id | Name | Top-down | Bottom-up | Variance | Variance %
 *   4… one row per direct child, then one row for the node itself ("Total")
 *   then a blank row, "Status | Nodes" and one row per workflow status
 *   with a filled map: a blank row, "Region | Variance % | Top-down | Bottom-up" and one row per
 *   region, a blank row, then "Node | Region | Top-down | Bottom-up | Has target", one row per node
 *   placed on the map, which the region rows add up
 * Charts sit to the right of the tables, from column H.
 */
import { cellAddress, sheetAddress, type CellRange } from "../a1";
import { messages as coreMessages, reconcileMessages, progressMessages } from "../messages";
import {
  GENERAL,
  NO_VARIANCE_PCT,
  cellsBlock,
  toleranceRule,
  type ToleranceRule,
  numberFormat,
  PERCENT,
  REPORT_FIRST_ROW,
  reportColumn,
  SHEETS,
  STATUS_HEADERS,
  type CellBlock,
  type LayoutCell,
} from "../plan/layout";
import { geographyColumn, regionFigures } from "../map/regionFigures";
import type { MapKind } from "../map/regions";
import type { PlanView } from "../plan/planView";
import { STATUSES, type Plan } from "../plan/types";
import { childrenOf, findNode } from "../reconcile/targets";
import { measureTitle, planMeasures, valueColumnInfo, valueColumns } from "../plan/measures";

export const DASHBOARD_SHEET = "GU Dashboard";

/** Chart names, so a refresh finds and replaces the charts it inserted before. */
export const DASHBOARD_CHARTS = { targets: "GuTargetsChart", status: "GuStatusChart", map: "GuMapChart" } as const;

export const DASHBOARD_HEADERS = ["Id", "Name", "Top-down", "Bottom-up", "Variance", "Variance %"] as const;
export const STATUS_COUNT_HEADERS = ["Status", "Nodes"] as const;
export const REGION_HEADERS = ["Region", "Variance %", "Top-down", "Bottom-up"] as const;
export const REGION_NODE_HEADERS = ["Node", "Region", "Top-down", "Bottom-up", "Has target"] as const;

/**
 * The regions of Excel's filled map chart: each region's name as Excel's map chart (Bing) knows it
 * ("France", "Texas") and the nodes whose figures it adds up (as the pane's map: src/core/map).
 */
export interface DashboardMap {
  readonly kind: MapKind;
  readonly regions: readonly { readonly name: string; readonly nodes: readonly string[] }[];
}

/** One period (index into the plan's periods), or all periods added up. */
export type DashboardPeriod = number | "total";

export interface DashboardRequest {
  readonly nodeId: string;
  readonly period: DashboardPeriod;
  /** With regions: a table of them and Excel's filled map chart of their variance %. */
  readonly map?: DashboardMap;
}

/** The chart types Excel's `Excel.ChartType` and the in-memory workbook's `ChartInfo` share. */
export type DashboardChartType = "columnClustered" | "barClustered" | "regionMap";

export interface ChartSpec {
  /** Unique on the sheet; see `DASHBOARD_CHARTS`. */
  readonly name: string;
  readonly sheet: string;
  readonly type: DashboardChartType;
  readonly title: string;
  /**
   * Header row and data rows: the first column holds the categories, each further column is a series
   * named by its header (Excel: `charts.add(type, source, "Columns")`).
   */
  readonly source: CellRange;
  /** The cells the chart covers (Excel: `chart.setPosition(top-left cell, bottom-right cell)`). */
  readonly position: CellRange;
  /** A region map's level (Excel: `series.mapOptions.level`): the regions are countries or US states. */
  readonly mapLevel?: "Country" | "State";
}

export interface DashboardLayout {
  readonly sheet: string;
  /** Written in order, as the plan layout's blocks are (`toCellInput`, formats per column). */
  readonly blocks: readonly CellBlock[];
  readonly charts: readonly ChartSpec[];
  /** Variance % outside the plan's tolerance, flagged as in the report and the pane. */
  readonly rules: readonly ToleranceRule[];
  /** Every cell the blocks write, to clear before writing a refreshed dashboard. */
  readonly used: CellRange;
}

export type DashboardResult =
  { readonly ok: true; readonly dashboard: DashboardLayout } | { readonly ok: false; readonly message: string };

const FIRST_CHILD_ROW = 4;
const CHART_COLUMN = 7;
const CHART_WIDTH = 8;
const CHART_HEIGHT = 16;
const STATUS_COLUMN = STATUS_HEADERS.indexOf("Status");
/** The report's Name column. */
const NAME_COLUMN = 1;

/** The report's ranges the dashboard's formulas read, absolute and with their sheet. */
interface Sources {
  /** The report's id column: the nodes in tree order, as text. */
  readonly ids: string;
  /** The report's names column (indented by level). */
  readonly names: string;
  /** The report's column of a measure (0 bottom-up, 1 top-down) in a period. */
  readonly measure: (period: number, measure: number) => string;
  /** The status table's Status column (counted, so row order does not matter). */
  readonly statuses: string;
}

/**
 * Every number comes from the report, found by the node's id (MATCH against the report's id
 * column), never by row position: sorting or inserting rows in a plan table changes nothing here,
 * and the dashboard shows what the report shows.
 */
function sources(plan: Plan): Sources {
  const n = Math.max(1, plan.nodes.length);
  const column = (sheet: string, col: number, row: number): string =>
    sheetAddress({ sheet, row, col, rowCount: n, colCount: 1 });
  const statusRows = Math.max(1, plan.nodes.length);
  return {
    ids: column(SHEETS.report, 0, REPORT_FIRST_ROW),
    names: column(SHEETS.report, NAME_COLUMN, REPORT_FIRST_ROW),
    measure: (period, measure) => column(SHEETS.report, reportColumn(period, measure), REPORT_FIRST_ROW),
    statuses: sheetAddress({ sheet: SHEETS.status, row: 1, col: STATUS_COLUMN, rowCount: statusRows, colCount: 1 }),
  };
}

/**
 * Top-down and bottom-up formulas of the node whose id is in `idCell`, and one that is 1 where it has
 * a top-down, else 0: for the total, in every period, as the pane's total and its map count one.
 */
function measureFormulas(
  src: Sources,
  idCell: string,
  period: DashboardPeriod,
  periodCount: number,
): [string, string, string] {
  const match = `MATCH(TRIM(${idCell}&""),${src.ids},0)`;
  const cells = (measure: number): string[] =>
    period === "total"
      ? Array.from({ length: periodCount }, (_, p) => `INDEX(${src.measure(p, measure)},${match})`)
      : [`INDEX(${src.measure(period, measure)},${match})`];
  const at = (measure: number): string =>
    period === "total" ? `=SUM(${cells(measure).join(",")})` : `=${cells(measure)[0]}`;
  const has = cells(1).map((cell) => `ISNUMBER(${cell})`);
  return [at(1), at(0), `=IF(${has.length === 1 ? has[0] : `AND(${has.join(",")})`},1,0)`];
}

/**
 * The regions of the filled map as the pane's map finds them (the hierarchy column that names the
 * most countries or US states; each region the first node down each branch that names it), or
 * undefined when no column names a place.
 */
export function dashboardMapOf(view: PlanView): DashboardMap | undefined {
  const column = geographyColumn(view);
  if (column === undefined) return undefined;
  const map = regionFigures(view, column, 0, "total");
  const regions = map.regions.map((region) => ({ name: region.region.name, nodes: region.nodes }));
  return regions.length === 0 ? undefined : { kind: map.kind, regions };
}

/**
 * The dashboard for a node: its direct children's top-down against bottom-up (one period, or the
 * total over all periods, whose top-down adds up the periods that have one), the node's own line,
 * the plan's status counts, and two charts: a clustered column chart of the children's top-down and
 * bottom-up, and a bar chart of the status counts. Fails for an unknown node, a node without
 * children, or a period the plan doesn't have.
 */
export function dashboardLayout(plan: Plan, view: PlanView, request: DashboardRequest): DashboardResult {
  const { settings } = plan;
  const { period } = request;
  if (period !== "total" && (!Number.isInteger(period) || period < 0 || period >= valueColumns(settings).length)) {
    return { ok: false, message: reconcileMessages.badPeriod(period, valueColumns(settings).length) };
  }
  const node = findNode(view, request.nodeId);
  if (node === undefined) return { ok: false, message: coreMessages.noNode(request.nodeId) };
  const children = childrenOf(view, node);
  if (children.length === 0) return { ok: false, message: coreMessages.noChildren(node.id) };

  const sheet = DASHBOARD_SHEET;
  const src = sources(plan);
  const periodLabel = period === "total" ? progressMessages.allPeriods : valueColumns(settings)[period];
  const nodeName = node.node.name.trim() === "" ? node.id : node.node.name;
  const title = progressMessages.dashboardTitle(nodeName, periodLabel);
  // The total is the first measure's, as the pane's: units are never added to euros.
  const unit = measureTitle(planMeasures(settings)[period === "total" ? 0 : valueColumnInfo(settings)[period].measure]);

  const lineFor = (id: string, row: number): LayoutCell[] => {
    const idCell = cellAddress(row, 0);
    const [topDown, bottomUp] = measureFormulas(src, idCell, period, settings.periods.length);
    const tdCell = cellAddress(row, 2);
    const buCell = cellAddress(row, 3);
    return [
      id,
      { formula: `=TRIM(INDEX(${src.names},MATCH(TRIM(${idCell}&""),${src.ids},0)))` },
      { formula: topDown },
      { formula: bottomUp },
      { formula: `=BU.VARIANCE(${buCell},${tdCell})` },
      // Against a top-down of 0 there is no percentage: "—", as the pane and the report show it.
      {
        formula: `=IF(IF(ISNUMBER(${tdCell}),${tdCell}=0,FALSE()),"${NO_VARIANCE_PCT}",BU.VARIANCE(${buCell},${tdCell},"pct"))`,
      },
    ];
  };
  const lines = children.map((child, i) => lineFor(child.id, FIRST_CHILD_ROW + i));
  const totalRow = FIRST_CHILD_ROW + children.length;
  lines.push(lineFor(node.id, totalRow));

  const statusHeaderRow = totalRow + 2;
  const statuses = src.statuses;
  const statusLines = STATUSES.map((status): LayoutCell[] => [
    status,
    // A blank status cell is a node nobody has touched yet.
    {
      formula:
        status === "Not started"
          ? `=COUNTIF(${statuses},"${status}")+COUNTBLANK(${statuses})`
          : `=COUNTIF(${statuses},"${status}")`,
    },
  ]);
  const lastRow = statusHeaderRow + STATUSES.length;

  const valueFormat = numberFormat(settings.decimals);
  const blocks: CellBlock[] = [
    cellsBlock(sheet, 0, 0, [[`${settings.name}: ${title}`], [unit]], null),
    cellsBlock(
      sheet,
      FIRST_CHILD_ROW - 1,
      0,
      [[...DASHBOARD_HEADERS]],
      DASHBOARD_HEADERS.map(() => GENERAL),
    ),
    cellsBlock(sheet, FIRST_CHILD_ROW, 0, lines, [GENERAL, GENERAL, valueFormat, valueFormat, valueFormat, PERCENT]),
    cellsBlock(sheet, statusHeaderRow, 0, [[...STATUS_COUNT_HEADERS], ...statusLines], [GENERAL, "0"]),
  ];

  const charts: ChartSpec[] = [
    {
      name: DASHBOARD_CHARTS.targets,
      sheet,
      type: "columnClustered",
      title,
      // Name, Top-down and Bottom-up: categories and two series, without the node's own line.
      source: {
        sheet,
        row: FIRST_CHILD_ROW - 1,
        col: 1,
        rowCount: children.length + 1,
        colCount: 3,
      },
      position: { sheet, row: 0, col: CHART_COLUMN, rowCount: CHART_HEIGHT, colCount: CHART_WIDTH },
    },
    {
      name: DASHBOARD_CHARTS.status,
      sheet,
      type: "barClustered",
      title: progressMessages.statusChartTitle(settings.name),
      source: { sheet, row: statusHeaderRow, col: 0, rowCount: STATUSES.length + 1, colCount: 2 },
      position: {
        sheet,
        row: CHART_HEIGHT + 1,
        col: CHART_COLUMN,
        rowCount: CHART_HEIGHT,
        colCount: CHART_WIDTH,
      },
    },
  ];

  const mapped =
    request.map === undefined
      ? null
      : mapSection(request.map, src, period, settings.periods.length, lastRow + 2, valueFormat);
  if (mapped !== null) {
    blocks.push(...mapped.blocks);
    charts.push({
      name: DASHBOARD_CHARTS.map,
      sheet,
      type: "regionMap",
      title: progressMessages.mapChartTitle(periodLabel),
      source: mapped.source,
      position: {
        sheet,
        row: 2 * (CHART_HEIGHT + 1),
        col: CHART_COLUMN,
        rowCount: CHART_HEIGHT,
        colCount: CHART_WIDTH,
      },
      mapLevel: request.map?.kind === "us" ? "State" : "Country",
    });
  }

  const used: CellRange = {
    sheet,
    row: 0,
    col: 0,
    rowCount: (mapped?.lastRow ?? lastRow) + 1,
    colCount: DASHBOARD_HEADERS.length,
  };
  const rules = [
    toleranceRule(
      { sheet, row: FIRST_CHILD_ROW, col: 5, rowCount: lines.length, colCount: 1 },
      {
        bu: cellAddress(FIRST_CHILD_ROW, 3),
        td: cellAddress(FIRST_CHILD_ROW, 2),
        pct: cellAddress(FIRST_CHILD_ROW, 5),
      },
      settings.tolerance,
    ),
  ];
  return { ok: true, dashboard: { sheet, blocks, charts, rules, used } };
}

/**
 * The filled map's tables from `firstRow` on: one row per region (its name, variance %, top-down,
 * bottom-up) over one row per node placed on the map (its figures looked up in the report as the
 * dashboard's lines are). A region's top-down is the sum of its nodes' only when every one has a
 * target, as on the pane's map. Null without a region that has nodes.
 */
function mapSection(
  map: DashboardMap,
  src: Sources,
  period: DashboardPeriod,
  periodCount: number,
  firstRow: number,
  valueFormat: string,
): { blocks: CellBlock[]; source: CellRange; lastRow: number } | null {
  const regions = map.regions.filter((region) => region.nodes.length > 0);
  if (regions.length === 0) return null;
  const sheet = DASHBOARD_SHEET;
  const firstRegion = firstRow + 1;
  const nodeHeaderRow = firstRegion + regions.length + 1;
  const firstNode = nodeHeaderRow + 1;
  const placed = regions.flatMap((region) => region.nodes.map((id) => ({ id, region: region.name })));
  const lastNode = firstNode + placed.length - 1;
  const nodeColumn = (col: number): string =>
    `${cellAddress(firstNode, col, true)}:${cellAddress(lastNode, col, true)}`;
  const [regionOf, topDownOf, bottomUpOf, hasTarget] = [1, 2, 3, 4].map(nodeColumn);

  const nodeLines = placed.map(({ id, region }, i): LayoutCell[] => {
    const row = firstNode + i;
    const [topDown, bottomUp, has] = measureFormulas(src, cellAddress(row, 0), period, periodCount);
    return [id, region, { formula: topDown }, { formula: bottomUp }, { formula: has }];
  });
  const regionLines = regions.map((region, i): LayoutCell[] => {
    const row = firstRegion + i;
    const name = cellAddress(row, 0);
    const td = cellAddress(row, 2);
    const bu = cellAddress(row, 3);
    return [
      region.name,
      // #N/A, not "—" or "", without a target: a chart plots no value for #N/A, where text would be
      // read as a category of its own.
      { formula: `=IF(ISNUMBER(${td}),IF(${td}=0,NA(),BU.VARIANCE(${bu},${td},"pct")),NA())` },
      {
        formula: `=IF(SUMIF(${regionOf},${name},${hasTarget})=COUNTIF(${regionOf},${name}),SUMIF(${regionOf},${name},${topDownOf}),"")`,
      },
      { formula: `=SUMIF(${regionOf},${name},${bottomUpOf})` },
    ];
  });
  const blocks = [
    cellsBlock(sheet, firstRow, 0, [[...REGION_HEADERS], ...regionLines], [GENERAL, PERCENT, valueFormat, valueFormat]),
    cellsBlock(
      sheet,
      nodeHeaderRow,
      0,
      [[...REGION_NODE_HEADERS], ...nodeLines],
      [GENERAL, GENERAL, valueFormat, valueFormat, "0"],
    ),
  ];
  const source: CellRange = { sheet, row: firstRow, col: 0, rowCount: regions.length + 1, colCount: 2 };
  return { blocks, source, lastRow: lastNode };
}
