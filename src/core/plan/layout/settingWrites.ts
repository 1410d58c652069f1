/**
 * Changing a few settings without setting the plan up again (balancing kept from the Balance view):
 * the Value cells of the rows that hold the keys, and new Key | Value rows below the table for keys
 * it has no row for yet. Both workbook implementations write what this plans.
 */
import type { BalancingSettings } from "../../territory/balancingSettings";
import type { AuditEntry, IdentitySource } from "../types";
import { cellText, toCellInput, type CellInput, type LayoutCell } from "./cells";
import { headerKey, requireColumns, type TableGrid } from "./grids";
import { SETTINGS_HEADERS } from "./names";
import type { LayoutProblem } from "./problems";
import { BALANCING_KEYS, balancingCells, readSettingsGrid, type SettingKey } from "./settingsTable";

export interface SettingWrites {
  /** Value cells to overwrite: the body row (0-based) and its Value column. */
  readonly updates: readonly { readonly bodyRow: number; readonly column: number; readonly value: CellInput }[];
  /** Whole rows to append below the table, as wide as it is. */
  readonly appends: readonly CellInput[][];
  /** The Key column, to check appended rows by. */
  readonly keyColumn: number;
}

/** Where each setting of `cells` goes in the settings table `grid`; null when it has no Key and Value columns. */
export function settingWrites(grid: TableGrid, cells: Partial<Record<SettingKey, LayoutCell>>): SettingWrites | null {
  const problems: LayoutProblem[] = [];
  const columns = requireColumns("settings", grid.headers, SETTINGS_HEADERS, problems);
  if (columns === null) return null;
  const [keyColumn, valueColumn] = columns;
  const updates: { bodyRow: number; column: number; value: CellInput }[] = [];
  const appends: CellInput[][] = [];
  for (const [key, cell] of Object.entries(cells) as [SettingKey, LayoutCell][]) {
    const value = toCellInput(cell);
    // The first row of a key is the one read (readSettingsGrid), so it is the one written.
    const bodyRow = grid.rows.findIndex((row) => headerKey(row[keyColumn]) === key.toLowerCase());
    if (bodyRow >= 0) {
      if (cellText(grid.rows[bodyRow][valueColumn]) !== cellText(cell))
        updates.push({ bodyRow, column: valueColumn, value });
      continue;
    }
    const row: CellInput[] = grid.headers.map(() => "");
    row[keyColumn] = key;
    row[valueColumn] = value;
    appends.push(row);
  }
  return { updates, appends, keyColumn };
}

/** The balancing the settings table holds now (undefined: none kept, or the table can't be read). */
export function balancingIn(grid: TableGrid): BalancingSettings | undefined {
  return readSettingsGrid(grid, [])?.balancing;
}

/** The writes that keep `balancing` in the settings table. */
export function balancingWrites(grid: TableGrid, balancing: BalancingSettings): SettingWrites | null {
  return settingWrites(grid, balancingCells(balancing));
}

/** One audit row per balancing setting that changes, as a setup logs its settings ("setting <key>"). */
export function balancingAudit(
  before: BalancingSettings | undefined,
  after: BalancingSettings,
  stamp: { readonly time: string; readonly user: string; readonly identity?: IdentitySource },
): AuditEntry[] {
  const old = balancingCells(before);
  const next = balancingCells(after);
  return BALANCING_KEYS.filter((key) => cellText(old[key]) !== cellText(next[key])).map((key) => ({
    time: stamp.time,
    user: stamp.user,
    node: "",
    field: `setting ${key}`,
    oldValue: cellText(old[key]),
    newValue: cellText(next[key]),
    note: "Balancing kept for the plan",
    ...(stamp.identity === undefined ? {} : { identity: stamp.identity }),
  }));
}
