/**
 * The plan's optional capacity table: "GU Capacity" / GuCapacity, anchored at A1, one row per group
 * of alike reps (src/core/territory/capacity.ts):
 *
 *   Node | Heads | Quota per head | Attainment | Ramp <period 1> | Ramp <period 2> | ...
 *
 * The pane adds it on request (never a setup: a plan without it works as before), and the user
 * fills it by typing or pasting. Columns are found by header, so the user may reorder them or
 * add their own; a missing ramp column (a period added by a later setup) counts as 100 %.
 */
import type { CapacityTable, PlanSettings } from "../types";
import { layoutMessages } from "../../messages";
import { blankTableLayout, type BlankTableLayout } from "./blankTable";
import { GENERAL, PERCENT, numberFormat } from "./cells";
import { findColumn, sheetRowOf, type TableGrid } from "./grids";
import { SHEETS, TABLES } from "./names";

export const CAPACITY_HEADERS = ["Node", "Heads", "Quota per head", "Attainment"] as const;
/** Without these the table can't be read; the others have defaults (blank heads = 1, blank % = 100 %). */
const REQUIRED: readonly (typeof CAPACITY_HEADERS)[number][] = ["Node", "Quota per head"];

export function rampHeader(period: string): string {
  return `Ramp ${period}`;
}

export function capacityHeaders(periods: readonly string[]): string[] {
  return [...CAPACITY_HEADERS, ...periods.map(rampHeader)];
}

/**
 * The new capacity table for the plan's periods. Attainment and ramps are formatted as percentages,
 * so that typing 90 there enters 90 % (Excel's automatic percent entry: "Format numbers as
 * percentages", support.microsoft.com); quota has the plan's decimals.
 */
export function capacityTableLayout(settings: PlanSettings): BlankTableLayout {
  const formats = [GENERAL, GENERAL, numberFormat(settings.decimals), PERCENT, ...settings.periods.map(() => PERCENT)];
  return blankTableLayout("capacity", capacityHeaders(settings.periods), formats);
}

/**
 * Where the capacity table's columns are (0-based; -1 for a missing optional one) and how many
 * body rows it has, for the report's formulas; null when Node or Quota per head is missing.
 */
export interface CapacityColumns {
  readonly node: number;
  readonly heads: number;
  readonly quota: number;
  readonly attainment: number;
  /** One per period. */
  readonly ramps: readonly number[];
  readonly rows: number;
}

export function capacityColumnsOf(grid: TableGrid, periods: readonly string[]): CapacityColumns | null {
  const [node, heads, quota, attainment] = CAPACITY_HEADERS.map((header) => findColumn(grid.headers, header));
  if (node < 0 || quota < 0) return null;
  const ramps = periods.map((period) => findColumn(grid.headers, rampHeader(period)));
  return { node, heads, quota, attainment, ramps, rows: grid.rows.length };
}

/** The table's rows by column meaning; a missing Node or Quota column is a problem and no rows. */
export function readCapacityGrid(grid: TableGrid, periods: readonly string[]): CapacityTable {
  const column = (header: string): number => findColumn(grid.headers, header);
  const missing = REQUIRED.filter((header) => column(header) < 0);
  const firstRow = sheetRowOf(0);
  if (missing.length > 0) {
    return {
      rows: [],
      firstRow,
      problems: missing.map((header) => layoutMessages.optionalColumn(TABLES.capacity, SHEETS.capacity, header)),
    };
  }
  const [node, heads, quota, attainment] = CAPACITY_HEADERS.map(column);
  const ramps = periods.map((period) => column(rampHeader(period)));
  const at = (cells: readonly unknown[], c: number): unknown => (c < 0 ? null : cells[c]);
  return {
    rows: grid.rows.map((cells) => ({
      node: at(cells, node),
      heads: at(cells, heads),
      quota: at(cells, quota),
      attainment: at(cells, attainment),
      ramp: ramps.map((c) => at(cells, c)),
    })),
    firstRow,
    problems: [],
  };
}
