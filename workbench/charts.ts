/**
 * What the workbench draws for a chart the plan inserted (`MemoryWorkbook.addChart`, as the Excel
 * adapter adds a native chart): its series read from the source range's current values, laid out
 * the way Excel reads a source by columns (first row series names, first column categories).
 */
import { localAddress } from "../src/core/a1";
import type { ChartInfo, MemoryWorkbook } from "../src/workbook/memory/MemoryWorkbook";
import { formatNumberAs } from "./format";

export interface ChartSeries {
  readonly name: string;
  /** One per category; a blank, text or error cell plots as 0, as in Excel. */
  readonly values: readonly number[];
  /** The values as their cells show them. */
  readonly labels: readonly string[];
}

export interface ChartData {
  readonly categories: readonly string[];
  readonly series: readonly ChartSeries[];
}

const TYPE_NAMES: Readonly<Record<ChartInfo["type"], string>> = {
  columnClustered: "Clustered column",
  barClustered: "Clustered bar",
  line: "Line",
  regionMap: "Filled map (drawn by Excel with Bing; here its values as columns)",
};

export function chartTypeName(type: ChartInfo["type"]): string {
  return TYPE_NAMES[type];
}

/** "Clustered column of B4:D6": what the workbench lists under a chart's title. */
export function describeChart(chart: ChartInfo): string {
  return `${chartTypeName(chart.type)} of ${localAddress(chart.source)}`;
}

/** The charts on `sheet`, in the order they were added (sheet names ignore case, as Excel's do). */
export function chartsOn(workbook: MemoryWorkbook, sheet: string): ChartInfo[] {
  const name = sheet.toLowerCase();
  return workbook.charts().filter((chart) => chart.sheet.toLowerCase() === name);
}

export function chartData(workbook: MemoryWorkbook, chart: ChartInfo): ChartData {
  const { source } = chart;
  const [headers = [], ...rows] = workbook.values(source);
  const series = headers.slice(1).map((header, s): ChartSeries => {
    const col = source.col + 1 + s;
    const values = rows.map((cells) => {
      const value = cells[1 + s];
      return typeof value === "number" ? value : 0;
    });
    return {
      name: String(header),
      values,
      labels: values.map((value, r) =>
        formatNumberAs(value, workbook.numberFormat(source.sheet, source.row + 1 + r, col)),
      ),
    };
  });
  return { categories: rows.map((cells) => String(cells[0] ?? "")), series };
}
