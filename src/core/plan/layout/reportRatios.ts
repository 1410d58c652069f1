/**
 * The report's ratio block (a plan's `ratios`, measures.ts), right of every other block: per ratio
 * and period, the bottom-up ratio, the top-down ratio and their difference, each the quotient of
 * the report's own columns of the two measures, so a ratio rolls up weighted by its denominator at
 * every level, as a margin % must (the mean of the children's margins would not). Blank where the
 * denominator is 0 or a figure is missing, never #DIV/0!.
 */
import { localAddress } from "../../a1";
import { PERCENT_UNIT, measureTitle, ratioColumns, type RatioMeasure } from "../measures";
import type { PlanSettings } from "../types";
import { GENERAL, cellsBlock, formatBlock, numberFormat, type CellBlock, type LayoutCell } from "./cells";
import { SHEETS } from "./names";
import { REPORT_FIRST_ROW, reportColumn } from "./report";

const HEADERS = ["Bottom-up", "Top-down", "Difference"] as const;

/** How wide the block is: three columns per ratio and period. */
function ratioReportWidth(settings: PlanSettings): number {
  return (settings.ratios ?? []).length * settings.periods.length * HEADERS.length;
}

/** A ratio's number format: a percentage in its decimals for unit "%", else a number in them. */
function ratioFormat(ratio: RatioMeasure): string {
  if (ratio.unit !== PERCENT_UNIT) return numberFormat(ratio.decimals);
  return ratio.decimals === 0 ? "0%" : `0.${"0".repeat(ratio.decimals)}%`;
}

/** The block's cells from report column `start`, over `nodeCount` report rows; none without ratios. */
export function ratioReportBlocks(settings: PlanSettings, nodeCount: number, start: number): CellBlock[] {
  const ratios = settings.ratios ?? [];
  if (ratios.length === 0) return [];
  const sheet = SHEETS.report;
  const first = REPORT_FIRST_ROW;
  const width = ratioReportWidth(settings);
  const own = (col: number): string =>
    localAddress({ row: first, col, rowCount: Math.max(1, nodeCount), colCount: 1 }, true);

  const title: LayoutCell[] = Array<LayoutCell>(width).fill(null);
  title[0] = `Ratios: ${ratios.map((ratio) => `${measureTitle(ratio)} = ${ratio.numerator} / ${ratio.denominator}`).join(" · ")}`;
  const periodRow: LayoutCell[] = Array<LayoutCell>(width).fill(null);
  const headerRow: LayoutCell[] = [];
  const spill: LayoutCell[] = [];
  const formats: string[] = [];
  let col = start;
  for (const ratio of ratios) {
    const { numerator, denominator } = ratioColumns(settings, ratio);
    settings.periods.forEach((period, p) => {
      periodRow[col - start] = `${ratio.name} ${period}`;
      headerRow.push(...HEADERS);
      // Both must be numbers: HyperFormula divides "" as 0 where Excel gives #VALUE!.
      const quotient = (measure: 0 | 1): string => {
        const n = own(reportColumn(numerator[p], measure));
        const d = own(reportColumn(denominator[p], measure));
        return `=IF(ISNUMBER(${n})*ISNUMBER(${d}),IFERROR(${n}/${d},""),"")`;
      };
      spill.push(
        { formula: quotient(0) },
        { formula: quotient(1) },
        // Not IFERROR(bu - td): HyperFormula takes "" - "" as 0 where Excel gives #VALUE!.
        { formula: `=IF(ISNUMBER(${own(col)})*ISNUMBER(${own(col + 1)}),${own(col)}-${own(col + 1)},"")` },
      );
      formats.push(ratioFormat(ratio), ratioFormat(ratio), ratioFormat(ratio));
      col += HEADERS.length;
    });
  }
  return [
    cellsBlock(sheet, 0, start, [title, periodRow, headerRow], Array<string>(width).fill(GENERAL)),
    formatBlock(sheet, first, start, nodeCount, formats),
    cellsBlock(sheet, first, start, [spill], null),
  ];
}
