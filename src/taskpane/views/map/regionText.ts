/** How the map, its legend and its table put a region's measure into words. */
import { formatNumber } from "../../../core/plan/numbers";
import type { ScaleStep } from "../../../core/map/colourScale";
import { measureOf, type MapMeasure, type RegionFigures } from "../../../core/map/regionFigures";

export const MEASURE_LABELS: Readonly<Record<MapMeasure, string>> = {
  variance: "Variance %",
  share: "Share of bottom-up",
  coverage: "Coverage (targets against capacity)",
  balance: "Balance (accounts)",
};

/** "targets 12.0 % above capacity, over tolerance", "no capacity behind the targets". */
function coverageText(region: RegionFigures, locale: string, short: boolean): string {
  const value = region.coverage ?? null;
  if (value === null) return "no target";
  if (value === Infinity) return short ? "no capacity" : "targets with no capacity behind them, over";
  const side = region.coverageFlag ?? null;
  if (short) return side === null ? percent(value, locale, true) : `${percent(value, locale, true)} ${side}`;
  const shown = `targets ${percent(Math.abs(value), locale, false)} ${value >= 0 ? "above" : "below"} capacity`;
  return side === null ? `${shown}, within tolerance` : `${shown}, ${side} tolerance`;
}

/** Where a region's balance sits against the band: "over the band", "under the band", "within the band". */
function balanceSide(region: RegionFigures): string {
  const side = region.balanceFlag ?? null;
  return side === null ? "within the band" : `${side} the band`;
}

export function percent(value: number, locale: string, signed: boolean): string {
  const text = `${formatNumber(value * 100, locale, 1)} %`;
  return signed && value > 0 ? `+${text}` : text;
}

/** "+12.0 %, over tolerance", "no target", "8.5 % of the company's bottom-up". */
export function measureText(region: RegionFigures, measure: MapMeasure, locale: string): string {
  const value = measureOf(region, measure);
  if (measure === "coverage") return coverageText(region, locale, false);
  if (measure === "share")
    return value === null ? "no bottom-up" : `${percent(value, locale, false)} of the company's bottom-up`;
  if (measure === "balance")
    return value === null
      ? "no accounts"
      : `workload ${percent(value, locale, true)} against its siblings, ${balanceSide(region)}`;
  const { figures } = region;
  if (figures.topDown === null) return "no target";
  const side = figures.variance !== null && figures.variance > 0 ? "over" : "under";
  const shown = value === null ? "target of 0" : `variance ${percent(value, locale, true)}`;
  return figures.outOfTolerance ? `${shown}, ${side} tolerance` : `${shown}, within tolerance`;
}

/** The table's short form: "+12.0 % over", "-1.0 %" (within tolerance), "no target", "8.5 %". */
export function shortMeasureText(region: RegionFigures, measure: MapMeasure, locale: string): string {
  const value = measureOf(region, measure);
  if (measure === "coverage") return coverageText(region, locale, true);
  if (measure === "share") return value === null ? "—" : percent(value, locale, false);
  if (measure === "balance") {
    if (value === null) return "no accounts";
    const side = balanceSide(region);
    return side === "within the band"
      ? percent(value, locale, true)
      : `${percent(value, locale, true)} ${side.split(" ")[0]}`;
  }
  const { figures } = region;
  if (figures.topDown === null) return "no target";
  if (value === null) return "target of 0";
  const side = figures.variance !== null && figures.variance > 0 ? "over" : "under";
  return figures.outOfTolerance ? `${percent(value, locale, true)} ${side}` : percent(value, locale, true);
}

/** A legend entry: "-5.0 % to +5.0 %", "above +15.0 %", "up to 4.2 %". */
export function stepText(step: ScaleStep, locale: string, signed: boolean): string {
  if (step.from === null && step.to !== null) return `${percent(step.to, locale, signed)} or less`;
  if (step.to === null && step.from !== null) return `above ${percent(step.from, locale, signed)}`;
  if (step.from !== null && step.to !== null)
    return `${percent(step.from, locale, signed)} to ${percent(step.to, locale, signed)}`;
  return "any";
}
