/**
 * What a plan measures: one measure (the settings' metric, unit and decimals), or more when the
 * plan plans revenue and units, new and existing business, side by side.
 *
 * A node's values, the inputs and targets tables' columns and the report's blocks hold one column
 * per measure and period, measure by measure: the first measure's columns are the periods' own
 * labels ("Q1 2027"), so a one-measure plan and every workbook made before measures existed keep
 * their columns, and adding a measure keeps every input typed so far. Each further measure's columns
 * carry its name ("Units Q1 2027"). Code that treats every column alike (rollup, variance, cascade,
 * allocation, split and collect) works on `valueColumns`; code that is about the calendar (annual
 * spread, seasonality profiles, capacity in the first measure's terms) on `settings.periods`.
 *
 * A ratio (margin % = Margin / Revenue, price = Revenue / Units) is not entered: at every node and
 * level it is its two summed measures' ratio, so it weighs each node by its denominator as a
 * weighted average should, and it has no columns in the tables, only in the report and the pane.
 */
import type { PlanSettings } from "./types";

export interface Measure {
  /** e.g. "Units"; the first measure's is the settings' metric. */
  readonly name: string;
  /** e.g. "EUR", "units"; may be "". */
  readonly unit: string;
  readonly decimals: number;
}

/** A measure computed from two entered ones: `numerator` / `denominator`, both measure names. */
export interface RatioMeasure extends Measure {
  readonly numerator: string;
  readonly denominator: string;
}

/** The unit that makes a ratio a percentage: 0.325 shows as 32.5 %. */
export const PERCENT_UNIT = "%";

/** What a measure's header shows: "Revenue (EUR)", or the name alone without a unit. */
export function measureTitle(measure: Measure): string {
  return measure.unit.trim() === "" ? measure.name : `${measure.name} (${measure.unit})`;
}

/** The plan's measures: the settings' metric first, then `moreMeasures`. */
export function planMeasures(settings: PlanSettings): readonly Measure[] {
  const first: Measure = { name: settings.metric, unit: settings.unit, decimals: settings.decimals };
  return [first, ...(settings.moreMeasures ?? [])];
}

/** The header of measure `m`'s column for `period`: the period's label for the first measure. */
function columnLabel(measure: Measure, m: number, period: string): string {
  return m === 0 ? period : `${measure.name} ${period}`;
}

export interface ValueColumn {
  readonly label: string;
  /** Index into `planMeasures`. */
  readonly measure: number;
  /** Index into `settings.periods`. */
  readonly period: number;
  readonly decimals: number;
}

// Settings are immutable, so a plan's columns are worked out once: views ask on every render.
const layouts = new WeakMap<PlanSettings, { labels: readonly string[]; columns: readonly ValueColumn[] }>();

function layoutOf(settings: PlanSettings): { labels: readonly string[]; columns: readonly ValueColumn[] } {
  let layout = layouts.get(settings);
  if (layout === undefined) {
    const columns = planMeasures(settings).flatMap((measure, m) =>
      settings.periods.map((period, p): ValueColumn => ({
        label: columnLabel(measure, m, period),
        measure: m,
        period: p,
        decimals: measure.decimals,
      })),
    );
    layout = { labels: columns.map((column) => column.label), columns };
    layouts.set(settings, layout);
  }
  return layout;
}

/**
 * The headers of the value columns, measure by measure: what a node's `values` are index-aligned
 * with. The same array for the same settings, so views can compare it by identity.
 */
export function valueColumns(settings: PlanSettings): readonly string[] {
  return layoutOf(settings).labels;
}

/** Each value column's measure, period and decimals, index-aligned with `valueColumns`. */
export function valueColumnInfo(settings: PlanSettings): readonly ValueColumn[] {
  return layoutOf(settings).columns;
}

/** The decimals of value column `c`: its measure's. */
export function columnDecimals(settings: PlanSettings, c: number): number {
  return layoutOf(settings).columns[c]?.decimals ?? settings.decimals;
}

/** Settings for entering and checking value column `c`: its measure's decimals in place of the plan's. */
export function columnSettings<T extends Pick<PlanSettings, "decimals">>(settings: T, decimals: number): T {
  return settings.decimals === decimals ? settings : { ...settings, decimals };
}

/** The value columns of measure `m`, as indexes into `valueColumns`. */
export function measureColumns(settings: PlanSettings, m: number): number[] {
  const count = settings.periods.length;
  return Array.from({ length: count }, (_, p) => m * count + p);
}

const MEASURE_SEPARATOR = "|";

/** A measure as its GU Settings row and the Set up form write it: "Units | units | 0". */
export function formatMeasure(measure: Measure): string {
  return [measure.name, measure.unit, String(measure.decimals)].join(` ${MEASURE_SEPARATOR} `);
}

/**
 * A measure from "name | unit | decimals" (unit and decimals may be left out: no unit, 0 decimals),
 * or why it is not one.
 */
export function parseMeasure(
  text: string,
  maxDecimals: number,
): { readonly ok: true; readonly measure: Measure } | { readonly ok: false; readonly expected: string } {
  const [name = "", unit = "", decimalsText = "", ...rest] = text.split(MEASURE_SEPARATOR).map((part) => part.trim());
  const expected = `"name | unit | decimals", like "Units | units | 0", with decimals from 0 to ${maxDecimals}`;
  if (name === "" || rest.length > 0) return { ok: false, expected };
  const decimals = decimalsText === "" ? 0 : Number(decimalsText);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > maxDecimals) return { ok: false, expected };
  return { ok: true, measure: { name, unit, decimals } };
}

/**
 * A ratio as its GU Settings row and the Set up form write it: "Margin % | % | 1 | Margin / Revenue".
 */
export function formatRatio(ratio: RatioMeasure): string {
  return `${formatMeasure(ratio)} ${MEASURE_SEPARATOR} ${ratio.numerator} / ${ratio.denominator}`;
}

/** Whether a line of measures is a ratio: it has a fourth part, the formula. */
export function isRatioLine(text: string): boolean {
  return text.split(MEASURE_SEPARATOR).length === 4;
}

/**
 * A ratio from "name | unit | decimals | numerator / denominator", the two named from
 * `measureNames` (the plan's entered measures, matched ignoring case and written as the plan
 * names them), or why it is not one.
 */
export function parseRatio(
  text: string,
  measureNames: readonly string[],
  maxDecimals: number,
): { readonly ok: true; readonly ratio: RatioMeasure } | { readonly ok: false; readonly expected: string } {
  const parts = text.split(MEASURE_SEPARATOR);
  const expected =
    `"name | unit | decimals | numerator / denominator" naming two of the measures ` +
    `(${measureNames.join(", ")}), like "Margin % | % | 1 | Margin / Revenue"`;
  if (parts.length !== 4) return { ok: false, expected };
  const head = parseMeasure(parts.slice(0, 3).join(MEASURE_SEPARATOR), maxDecimals);
  const formula = parts[3].split("/").map((name) => name.trim().toLowerCase());
  const named = (key: string | undefined): string | undefined =>
    measureNames.find((name) => name.trim().toLowerCase() === key);
  const numerator = named(formula[0]);
  const denominator = named(formula[1]);
  if (!head.ok || formula.length !== 2 || numerator === undefined || denominator === undefined)
    return { ok: false, expected };
  if (numerator === denominator) return { ok: false, expected };
  return { ok: true, ratio: { ...head.measure, numerator, denominator } };
}

/** The value columns of a ratio's numerator and denominator, period by period. */
export function ratioColumns(
  settings: PlanSettings,
  ratio: RatioMeasure,
): { readonly numerator: number[]; readonly denominator: number[] } {
  const index = (name: string): number =>
    planMeasures(settings).findIndex((measure) => measure.name.toLowerCase() === name.toLowerCase());
  return {
    numerator: measureColumns(settings, index(ratio.numerator)),
    denominator: measureColumns(settings, index(ratio.denominator)),
  };
}

/** numerator / denominator; null where either is missing or the denominator is 0 (no ratio to speak of). */
export function ratioOf(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return numerator / denominator;
}
