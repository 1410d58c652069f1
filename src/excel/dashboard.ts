import { cellAddress } from "../core/a1";
import type { ChartSpec, DashboardChartType, DashboardLayout } from "../core/progress/dashboard";
import type { DashboardWrite } from "../workbook/PlanWorkbook";
import { SheetCache, addToleranceRules, writeBlocks } from "./sheetWrites";

/** Inserts the dashboard sheet, or refreshes it: its cells, and the charts it inserted before. */
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
    const ours = new Set(dashboard.charts.map((chart) => chart.name.toLowerCase()));
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
      for (const chart of dashboard.charts) addChart(worksheets, chart);
      addToleranceRules(worksheets, dashboard.rules);
      worksheets.get(dashboard.sheet).activate();
    },
  });
  return inserted ? "inserted" : "refreshed";
}

const EXCEL_CHART_TYPES: Readonly<Record<DashboardChartType, "ColumnClustered" | "BarClustered">> = {
  columnClustered: "ColumnClustered",
  barClustered: "BarClustered",
};

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
  chart.setPosition(
    cellAddress(position.row, position.col),
    cellAddress(position.row + position.rowCount - 1, position.col + position.colCount - 1),
  );
}
