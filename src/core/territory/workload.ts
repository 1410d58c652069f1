/**
 * Accounts and workload: which territory (a node of the hierarchy) serves each account, how much
 * work each account takes, and how evenly that work is spread across sibling territories.
 *
 * Workload is a weighted sum of the account's drivers (visits, hours, ...), with one weight per
 * driver from the plan's settings, as territory tools weigh balance. A territory's workload is that of
 * the accounts assigned to it plus those of the territories below it (rolled up as BU.ROLLUP), and its
 * balance is that workload as a share of the average over its siblings (itself included; roots are
 * siblings of each other), flagged outside the band.
 */
import { asNumber, idKey, idText, isBlank } from "../cell";
import type { Hierarchy } from "../hierarchy/hierarchy";
import { listRows } from "../messages";
import { rollup } from "../rollup";
import { readAmount, type Report } from "./amounts";
import { isOutside } from "./band";
import { territoryMessages, type TerritoryProblem } from "./messages";

/** One row of the accounts table, as cells. Geography is optional. */
export interface AccountRow {
  readonly id: unknown;
  /** The id of the node that serves the account. */
  readonly territory: unknown;
  /** What the account could bring (revenue potential); blank = 0. */
  readonly potential: unknown;
  /** One per driver of the settings, index-aligned; blank = 0. */
  readonly drivers: readonly unknown[];
  readonly country?: unknown;
  /** State, region or province. */
  readonly region?: unknown;
  readonly postcode?: unknown;
  readonly latitude?: unknown;
  readonly longitude?: unknown;
}

export interface Account {
  /** As written. */
  readonly id: string;
  /** The sheet row it came from. */
  readonly row: number;
  /** The node that serves it. */
  readonly territory: number;
  readonly potential: number;
  /** Weighted sum of its drivers. */
  readonly workload: number;
  readonly country: string;
  readonly region: string;
  readonly postcode: string;
  /** Decimal degrees; both or neither. */
  readonly latitude: number | null;
  readonly longitude: number | null;
}

export interface WorkloadSettings {
  /** Driver names, e.g. ["Visits", "Hours"]: the accounts table's driver columns. */
  readonly drivers: readonly string[];
  /** One per driver, as cells from the settings; a blank weight is 1. */
  readonly weights: readonly unknown[];
}

export interface AccountsRead {
  /** The valid rows; a row with a problem is left out, and of a duplicated id only the first row is kept. */
  readonly accounts: readonly Account[];
  readonly problems: readonly TerritoryProblem[];
  /** What is wrong with the weights as a whole; no account is read while there is one. */
  readonly settingsProblem: string | null;
}

export interface ReadOptions {
  /** The sheet row of `rows[0]`, so problems name the rows the user sees; 1 by default. */
  readonly firstRow?: number;
}

/** The weights, or what is wrong with them. */
function readWeights(settings: WorkloadSettings): number[] | string {
  if (settings.weights.length !== settings.drivers.length) {
    return territoryMessages.weightCount(settings.weights.length, settings.drivers.length);
  }
  const weights: number[] = [];
  for (let d = 0; d < settings.drivers.length; d++) {
    const cell = settings.weights[d];
    if (isBlank(cell)) {
      weights.push(1);
      continue;
    }
    const weight = asNumber(cell);
    if (weight === undefined || weight < 0) return territoryMessages.badWeight(settings.drivers[d], cell);
    weights.push(weight);
  }
  return weights;
}

function text(cell: unknown): string {
  return isBlank(cell) ? "" : idText(cell).trim();
}

/** Latitude and longitude of a row, both or neither, within range. Undefined after reporting. */
function readCoordinates(
  cells: AccountRow,
  id: string,
  row: number,
  report: Report,
): readonly [number | null, number | null] | undefined {
  const hasLatitude = !isBlank(cells.latitude);
  const hasLongitude = !isBlank(cells.longitude);
  if (!hasLatitude && !hasLongitude) return [null, null];
  if (hasLatitude !== hasLongitude) {
    report(row, territoryMessages.halfCoordinates(id, row));
    return undefined;
  }
  const latitude = asNumber(cells.latitude);
  const longitude = asNumber(cells.longitude);
  let ok = true;
  if (latitude === undefined || Math.abs(latitude) > 90) {
    report(row, territoryMessages.badCoordinate("Latitude", id, row, "-90 to 90"));
    ok = false;
  }
  if (longitude === undefined || Math.abs(longitude) > 180) {
    report(row, territoryMessages.badCoordinate("Longitude", id, row, "-180 to 180"));
    ok = false;
  }
  return ok ? [latitude as number, longitude as number] : undefined;
}

/**
 * Reads and checks the accounts table against the hierarchy and the workload settings. Every
 * problem names its row and how to fix it: no account id, an id listed twice (all its rows), a
 * territory that is not a node, a negative or non-numeric potential or driver, half a coordinate.
 * Rows with nothing in them are skipped. Balancing should wait until there are no problems: a left-out
 * row's account would otherwise be missing from its territory's workload.
 */
export function readAccounts(
  hierarchy: Hierarchy,
  rows: readonly AccountRow[],
  settings: WorkloadSettings,
  options: ReadOptions = {},
): AccountsRead {
  const weights = readWeights(settings);
  if (typeof weights === "string") return { accounts: [], problems: [], settingsProblem: weights };
  const firstRow = options.firstRow ?? 1;
  const accounts: Account[] = [];
  const problems: TerritoryProblem[] = [];
  const rowsById = new Map<string, number[]>();
  let rowHasProblem = false;
  const report: Report = (row, message) => {
    problems.push({ row, rows: [row], message });
    rowHasProblem = true;
  };

  rows.forEach((cells, index) => {
    const row = firstRow + index;
    if (isEmpty(cells)) return;
    rowHasProblem = false;
    const key = idKey(cells.id);
    if (key === undefined) {
      report(row, territoryMessages.noAccountId(row));
      return;
    }
    const id = idText(cells.id).trim();
    const seen = rowsById.get(key);
    if (seen !== undefined) {
      // Reported once for all its rows below; only the first row is read.
      seen.push(row);
      return;
    }
    rowsById.set(key, [row]);

    let territory: number | undefined;
    if (isBlank(cells.territory)) report(row, territoryMessages.noTerritory(id, row));
    else {
      territory = hierarchy.find(cells.territory);
      if (territory === undefined) {
        report(row, territoryMessages.unknownTerritory(text(cells.territory), id, row));
      }
    }
    const potential = readAmount(cells.potential, 0, `Potential of account "${id}"`, row, report);
    let workload = 0;
    settings.drivers.forEach((driver, d) => {
      const value = readAmount(cells.drivers[d], 0, `${driver} of account "${id}"`, row, report);
      if (value !== undefined) workload += weights[d] * value;
    });
    const coordinates = readCoordinates(cells, id, row, report);
    if (rowHasProblem || territory === undefined || potential === undefined || coordinates === undefined) return;
    accounts.push({
      id,
      row,
      territory,
      potential,
      workload,
      country: text(cells.country),
      region: text(cells.region),
      postcode: text(cells.postcode),
      latitude: coordinates[0],
      longitude: coordinates[1],
    });
  });

  for (const [key, accountRows] of rowsById) {
    if (accountRows.length < 2) continue;
    const first = accountRows[0];
    const id = idText(rows[first - firstRow].id).trim();
    problems.push({
      row: first,
      rows: accountRows,
      message: territoryMessages.duplicateAccount(id || key, listRows(accountRows)),
    });
  }
  problems.sort((a, b) => a.row - b.row);
  return { accounts, problems, settingsProblem: null };
}

function isEmpty(cells: AccountRow): boolean {
  return (
    isBlank(cells.id) &&
    isBlank(cells.territory) &&
    isBlank(cells.potential) &&
    cells.drivers.every(isBlank) &&
    isBlank(cells.country) &&
    isBlank(cells.region) &&
    isBlank(cells.postcode) &&
    isBlank(cells.latitude) &&
    isBlank(cells.longitude)
  );
}

/**
 * Every node's workload: its own accounts' plus its descendants', per node (node-indexed). Summed
 * by the rollup BU.ROLLUP uses.
 */
export function workloadByNode(hierarchy: Hierarchy, accounts: readonly Account[]): Float64Array {
  const own: number[][] = Array.from({ length: hierarchy.rowCount }, () => [0]);
  for (const account of accounts) own[hierarchy.nodeRow[account.territory]][0] += account.workload;
  const rolled = rollup(hierarchy, own, 1, "sum");
  const totals = new Float64Array(hierarchy.nodeCount);
  for (let node = 0; node < hierarchy.nodeCount; node++) {
    const total = rolled.cell(node, 0);
    totals[node] = typeof total === "number" ? total : Number.NaN;
  }
  return totals;
}

export interface TerritoryBalance {
  readonly node: number;
  readonly id: string;
  readonly workload: number;
  /** The average workload of the territory and its siblings. */
  readonly average: number;
  /**
   * workload / average (1 = average, 1.3 = 30 % over). Where every sibling's workload is 0 they are
   * all at the average: 1.
   */
  readonly balance: number;
  /** Outside the band around the average. */
  readonly outOfBand: boolean;
}

/** The balance of each of these sibling territories, given their workloads (node-indexed). */
export function siblingBalance(
  hierarchy: Hierarchy,
  siblings: ArrayLike<number>,
  workload: ArrayLike<number>,
  tolerance: number,
): TerritoryBalance[] {
  let total = 0;
  for (let i = 0; i < siblings.length; i++) total += workload[siblings[i]];
  const average = siblings.length === 0 ? 0 : total / siblings.length;
  const result: TerritoryBalance[] = [];
  for (let i = 0; i < siblings.length; i++) {
    const node = siblings[i];
    const balance = average === 0 ? 1 : workload[node] / average;
    result.push({
      node,
      id: hierarchy.ids[node],
      workload: workload[node],
      average,
      balance,
      outOfBand: isOutside(balance, tolerance),
    });
  }
  return result;
}

/** Every node's balance among its siblings, in hierarchy order (as BU.TREE). */
export function balanceByNode(
  hierarchy: Hierarchy,
  workload: ArrayLike<number>,
  tolerance: number,
): TerritoryBalance[] {
  const byNode = new Array<TerritoryBalance>(hierarchy.nodeCount);
  const roots: number[] = [];
  for (let node = 0; node < hierarchy.nodeCount; node++) if (hierarchy.parent[node] < 0) roots.push(node);
  for (const balance of siblingBalance(hierarchy, roots, workload, tolerance)) byNode[balance.node] = balance;
  for (let node = 0; node < hierarchy.nodeCount; node++) {
    const children = hierarchy.children(node);
    if (children.length === 0) continue;
    for (const balance of siblingBalance(hierarchy, children, workload, tolerance)) byNode[balance.node] = balance;
  }
  return Array.from(hierarchy.order, (node) => byNode[node]);
}
