/**
 * What balancing keeps in the plan's settings table: the accounts table, the weight of each
 * workload driver and the band. Kept in the plan, not in one pane, so every user and every view
 * (Balance, the map) weighs workload alike, and a planner sees and can change the weights in the
 * visible GU Settings sheet, as territory tools keep their weighted-balance settings with the plan.
 */
import { asNumber } from "../cell";

export interface DriverWeight {
  /** The accounts table's header of the driver, as written. */
  readonly driver: string;
  readonly weight: number;
}

export interface BalancingSettings {
  /** The accounts table's name; "" when none was chosen. */
  readonly accountsTable: string;
  /** The drivers counted, in the table's order; a driver column not listed is not a driver. */
  readonly weights: readonly DriverWeight[];
  /** The band around the siblings' average, as a fraction: 0.05 = ±5 %. */
  readonly band: number;
}

/** The band the Balance view and the map use until the plan keeps one. */
export const DEFAULT_BALANCE_BAND = 0.05;

const SEPARATOR = ";";

/** `Visits = 2; Hours = 0.5`: one driver a part, its header, `=` and the weight. */
export function formatWeights(weights: readonly DriverWeight[]): string {
  return weights.map(({ driver, weight }) => `${driver} = ${weight}`).join(`${SEPARATOR} `);
}

/**
 * The weights as `formatWeights` writes them, or null when a part is not `header = weight` with a
 * weight of 0 or more. A decimal comma is read too (`Hours = 0,5`): parts are split at ";", so a
 * planner typing in a comma-decimal locale is understood. Blank text is no drivers.
 */
export function parseWeights(text: string): DriverWeight[] | null {
  const weights: DriverWeight[] = [];
  for (const part of text.split(SEPARATOR)) {
    if (part.trim() === "") continue;
    // The last "=": a header may hold one ("Visits = per month"), a number never does.
    const at = part.lastIndexOf("=");
    if (at < 0) return null;
    const driver = part.slice(0, at).trim();
    const typed = part
      .slice(at + 1)
      .trim()
      .replace(",", ".");
    const weight = typed === "" ? undefined : asNumber(Number(typed));
    if (driver === "" || weight === undefined || weight < 0) return null;
    weights.push({ driver, weight });
  }
  return weights;
}

/** The weight the plan keeps for a driver column, by header ignoring case and spaces around it. */
export function weightOf(weights: readonly DriverWeight[], header: string): number | undefined {
  const key = header.trim().toLowerCase();
  return weights.find((kept) => kept.driver.trim().toLowerCase() === key)?.weight;
}

export function sameBalancing(a: BalancingSettings | undefined, b: BalancingSettings | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.accountsTable === b.accountsTable &&
    a.band === b.band &&
    a.weights.length === b.weights.length &&
    a.weights.every((kept, i) => kept.driver === b.weights[i].driver && kept.weight === b.weights[i].weight)
  );
}
