/**
 * The map's workload balance: each region's territories against their siblings' average, from the
 * accounts table's workload (src/core/territory/workload.ts). A region holding several territories
 * (three US territories in "United States") is their summed workload against their summed averages,
 * so a busy and a quiet territory in one country even out as they would if merged.
 */
import type { TerritoryBalance } from "../territory/workload";
import { DEFAULT_BALANCE_BAND } from "../territory/balancingSettings";
import { isOutside } from "../territory/band";
import type { RegionMap } from "./regionFigures";

/** The band the map shows as balanced until the plan keeps one: the Balance view's default, ±5 %. */
export const BALANCE_BAND = DEFAULT_BALANCE_BAND;

/**
 * The map with each region's balance: workload over the siblings' average, less 1 (0 = on the
 * average, +0.3 = 30 % more work), from every node's balance among its siblings (by id). A region
 * none of whose nodes has a balance, or only among siblings without any workload, has none (null).
 */
export function withBalance(
  map: RegionMap,
  balances: readonly TerritoryBalance[],
  band: number = BALANCE_BAND,
): RegionMap {
  const byId = new Map(balances.map((balance) => [balance.id, balance]));
  return {
    ...map,
    regions: map.regions.map((region) => {
      let workload = 0;
      let average = 0;
      let counted = 0;
      for (const id of region.nodes) {
        const balance = byId.get(id);
        // Siblings with no work at all have no accounts to balance: nothing to colour.
        if (balance === undefined || balance.average === 0) continue;
        workload += balance.workload;
        average += balance.average;
        counted++;
      }
      const balance = counted === 0 ? null : workload / average - 1;
      const side = balance === null || !isOutside(balance + 1, band) ? null : balance > 0 ? "over" : "under";
      return { ...region, balance, balanceFlag: side };
    }),
  };
}
