import { cellAddress } from "../core/a1";
import {
  DASHBOARD_CHARTS,
  type ChartSpec,
  type DashboardChartType,
  type DashboardLayout,
} from "../core/progress/dashboard";
import type { DashboardWrite } from "../workbook/PlanWorkbook";
import { SheetCache, addToleranceRules, writeBlocks } from "./sheetWrites";

/**
 * Inserts the dashboard sheet, or refreshes it: its cells, and the charts it inserted before (all of
 * them, so that a refresh without the filled map removes the one inserted with it).
 */
export async function writeDashboard(
  context: Excel.RequestContext,
  dashboard: DashboardLayout,
  writeBudget: number,
): Promise<DashboardWrite> {
  const found = context.workbook.worksheets.getItemOrNullObject(dashboard.sheet).load("name");
  await context.sync();
  const inserted = found.isNullObject;
  let replaced: Excel.Chart[] = [];
  if (!inserted) {
    const charts = found.charts.load("items/name");
    await context.sync();
    const ours = new Set(Object.values(DASHBOARD_CHARTS).map((name) => name.toLowerCase()));
    replaced = charts.items.filter((chart) => ours.has(chart.name.toLowerCase()));
  }

  const worksheets = new SheetCache(context);
  await writeBlocks(context, worksheets, dashboard.blocks, writeBudget, {
    first: () => {
      if (inserted) worksheets.add(dashboard.sheet);
      else worksheets.get(dashboard.sheet).getRange().clear("All");
      for (const chart of replaced) chart.delete();
    },
    last: () => {
      for (const chart of dashboard.charts) {
        if (chart.type !== "regionMap" || excelHasRegionMaps()) addChart(worksheets, chart);
      }
      addToleranceRules(worksheets, dashboard.rules);
      worksheets.get(dashboard.sheet).activate();
    },
  });
  return inserted ? "inserted" : "refreshed";
}

const EXCEL_CHART_TYPES: Readonly<Record<DashboardChartType, "ColumnClustered" | "BarClustered" | "RegionMap">> = {
  columnClustered: "ColumnClustered",
  barClustered: "BarClustered",
  regionMap: "RegionMap",
};

/**
 * Whether this Excel has the filled map chart's API (`ChartType` "RegionMap", `series.mapOptions`:
 * ExcelApi 1.9, "Excel.ChartMapOptions" on Microsoft Learn). The manifest asks for more, so this only
 * keeps a host that reports less (a sideload without the manifest's check) from failing the whole
 * dashboard; the region table is written either way. Whether the map draws is Bing's to decide.
 */
export const excelHasRegionMaps = (): boolean =>
  typeof Office !== "undefined" && Office.context.requirements.isSetSupported("ExcelApi", "1.9");

/** Queues a native chart: its series are the source's columns, named by the header row. */
function addChart(worksheets: SheetCache, spec: ChartSpec): void {
  const sheet = worksheets.get(spec.sheet);
  const { source, position } = spec;
  const chart = sheet.charts.add(
    EXCEL_CHART_TYPES[spec.type],
    sheet.getRangeByIndexes(source.row, source.col, source.rowCount, source.colCount),
    "Columns",
  );
  chart.name = spec.name;
  chart.title.text = spec.title;
  if (spec.mapLevel !== undefined) addMapOptions(chart, spec.mapLevel);
  chart.setPosition(
    cellAddress(position.row, position.col),
    cellAddress(position.row + position.rowCount - 1, position.col + position.colCount - 1),
  );
}

/** The region map's level (countries or US states), so Bing does not take Georgia for the country. */
function addMapOptions(chart: Excel.Chart, level: "Country" | "State"): void {
  if (!excelHasRegionMaps()) return;
  chart.series.getItemAt(0).mapOptions.level = level;
}
