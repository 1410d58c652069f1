/**
 * The user's accounts table as the Balance view reads it: which column holds what (guessed from
 * the headers, changeable), and its rows as the territory core's `AccountRow`s.
 */
import { asNumber, isBlank } from "../../../core/cell";
import { weightOf, type BalancingSettings, type DriverWeight } from "../../../core/territory/balancingSettings";
import type { AccountRow, WorkloadSettings } from "../../../core/territory/workload";
import type { SourceTable } from "../../../workbook/PlanWorkbook";
import { tableHeaders } from "../reconcile/weightColumn";

/** A column of the table, -1 for none. */
export type Column = number;

export interface Driver {
  readonly column: Column;
  /** As typed: blank = 1. */
  readonly weight: string;
}

export interface AccountsMapping {
  readonly id: Column;
  readonly territory: Column;
  readonly potential: Column;
  /** The workload drivers chosen, in column order. */
  readonly drivers: readonly Driver[];
  readonly country: Column;
  readonly region: Column;
  readonly postcode: Column;
  readonly latitude: Column;
  readonly longitude: Column;
}

export type Role = Exclude<keyof AccountsMapping, "drivers">;

/**
 * The table the Balance view and the map start with: the one the plan keeps (`kept`, when the
 * workbook still has it), else the one named like "Accounts", else the only one.
 */
export function accountsTableName(tables: readonly string[], kept = ""): string | undefined {
  const wanted = kept.trim().toLowerCase();
  const keptTable = wanted === "" ? undefined : tables.find((name) => name.toLowerCase() === wanted);
  return keptTable ?? tables.find((name) => /account/i.test(name)) ?? (tables.length === 1 ? tables[0] : undefined);
}

/**
 * The mapping `guessMapping` makes, with the drivers the plan keeps instead of the guessed ones:
 * each kept driver whose column the table has, with its weight. Without kept weights the guess stands.
 */
export function mappingFor(table: SourceTable, kept: BalancingSettings | undefined): AccountsMapping {
  const guessed = guessMapping(table);
  if (kept === undefined || kept.weights.length === 0) return guessed;
  const headers = tableHeaders(table);
  const drivers = headers
    .map((header, column) => ({ column, weight: weightOf(kept.weights, header) }))
    .filter((driver): driver is { column: number; weight: number } => driver.weight !== undefined)
    .map(({ column, weight }) => ({ column, weight: weight === 1 ? "" : String(weight) }));
  return { ...guessed, drivers };
}

/**
 * The balancing to keep for the plan: the table, each driver's header and weight (blank = 1), the
 * band; null while a weight is not a number of 0 or more (the view says which).
 */
export function balancingOf(
  tableName: string,
  table: SourceTable,
  mapping: AccountsMapping,
  band: number,
): BalancingSettings | null {
  const headers = tableHeaders(table);
  const weights: DriverWeight[] = [];
  for (const driver of mapping.drivers) {
    const cell = weightCell(driver.weight);
    const weight = cell === null ? 1 : asNumber(cell);
    if (weight === undefined || weight < 0) return null;
    weights.push({ driver: headers[driver.column] ?? `Column ${driver.column + 1}`, weight });
  }
  return { accountsTable: tableName, weights, band };
}

const GUESSES: Readonly<Record<Role, RegExp>> = {
  id: /^(account( id| name)?|id|customer( id)?)$/i,
  territory: /^(territory( id)?|node( id)?)$/i,
  potential: /potential/i,
  country: /^country$/i,
  region: /^(state|region|province)$/i,
  postcode: /^(post ?code|zip( code)?|postal code)$/i,
  latitude: /^lat(itude)?$/i,
  longitude: /^(lon|lng|long(itude)?)$/i,
};

/** The first header a pattern matches, else the first containing `fallback`, else -1. */
function find(headers: readonly string[], pattern: RegExp, fallback?: string): Column {
  const exact = headers.findIndex((header) => pattern.test(header.trim()));
  if (exact >= 0 || fallback === undefined) return exact;
  return headers.findIndex((header) => header.toLowerCase().includes(fallback));
}

/**
 * Most of the column's filled body cells are numbers: a driver with a mistyped cell stays a driver,
 * so the cell is reported rather than the whole column silently left out of the workload.
 */
function isNumeric(table: SourceTable, column: Column): boolean {
  let numbers = 0;
  let others = 0;
  for (const row of table.rows.slice(1)) {
    const cell = row[column];
    if (isBlank(cell)) continue;
    if (asNumber(cell) === undefined) others++;
    else numbers++;
  }
  return numbers > others;
}

/**
 * Columns by their headers ("Account", "Territory", "Potential", "Country", "State", ...); every
 * other numeric column is a workload driver of weight 1.
 */
export function guessMapping(table: SourceTable): AccountsMapping {
  const headers = tableHeaders(table);
  const id = Math.max(0, find(headers, GUESSES.id, "account"));
  const territoryGuess = find(headers, GUESSES.territory, "territor");
  const territory =
    territoryGuess >= 0 && territoryGuess !== id ? territoryGuess : Math.min(id + 1, headers.length - 1);
  const roles = {
    potential: find(headers, GUESSES.potential),
    country: find(headers, GUESSES.country),
    region: find(headers, GUESSES.region),
    postcode: find(headers, GUESSES.postcode),
    latitude: find(headers, GUESSES.latitude),
    longitude: find(headers, GUESSES.longitude),
  };
  const taken = new Set<Column>([id, territory, ...Object.values(roles)]);
  const drivers = headers
    .map((_, column) => column)
    .filter((column) => !taken.has(column) && isNumeric(table, column))
    .map((column) => ({ column, weight: "" }));
  return { id, territory, ...roles, drivers };
}

function cell(row: readonly unknown[], column: Column): unknown {
  return column < 0 ? null : row[column];
}

/** The body rows as account rows (the sheet row of the first is `table.firstRow + 1`). */
export function accountRows(table: SourceTable, mapping: AccountsMapping): AccountRow[] {
  return table.rows.slice(1).map((row) => ({
    id: cell(row, mapping.id),
    territory: cell(row, mapping.territory),
    potential: cell(row, mapping.potential),
    drivers: mapping.drivers.map((driver) => cell(row, driver.column)),
    country: cell(row, mapping.country),
    region: cell(row, mapping.region),
    postcode: cell(row, mapping.postcode),
    latitude: cell(row, mapping.latitude),
    longitude: cell(row, mapping.longitude),
  }));
}

/** A typed weight as a cell: blank, a number (a decimal comma too), or the text, which the core reports. */
function weightCell(typed: string): unknown {
  const text = typed.trim();
  if (text === "") return null;
  const value = Number(text.replace(",", "."));
  return Number.isFinite(value) ? value : text;
}

/** The drivers' names and weights for `readAccounts`. */
export function workloadSettings(table: SourceTable, mapping: AccountsMapping): WorkloadSettings {
  const headers = tableHeaders(table);
  return {
    drivers: mapping.drivers.map((driver) => headers[driver.column] ?? `Column ${driver.column + 1}`),
    weights: mapping.drivers.map((driver) => weightCell(driver.weight)),
  };
}

/**
 * The parent whose territories hold most of the accounts (by node, counted from `territories`,
 * node-indexed parents); null without accounts.
 */
export function busiestParent(parents: ArrayLike<number>, territories: readonly number[]): number | null {
  const counts = new Map<number, number>();
  for (const node of territories) {
    const parent = parents[node];
    if (parent >= 0) counts.set(parent, (counts.get(parent) ?? 0) + 1);
  }
  let best: number | null = null;
  let most = 0;
  for (const [parent, count] of counts) {
    if (count > most) {
      best = parent;
      most = count;
    }
  }
  return best;
}
