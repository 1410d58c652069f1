/**
 * The map's coverage: each region's top-down targets against its reps' capacity (the plan's capacity
 * table, src/core/territory/planCapacity.ts), summed over the region's counted nodes, as the region's
 * other figures are. A region is coloured only when every counted node has a target, as its variance
 * is; a target with no capacity behind it is the far "over" end, as the pane flags it.
 */
import type { PlanCapacity } from "../territory/planCapacity";
import type { MapPeriod, RegionMap } from "./regionFigures";

/** Absorbs binary noise, as the plan's tolerance test. */
const SLACK = 1e-9;

/**
 * The map with each region's coverage less 1 (0 = the targets use exactly the capacity, +0.2 = they
 * ask 20 % more than the reps can carry); null where a node has no target, Infinity where the
 * targets are above 0 and there is no capacity.
 */
export function withCoverage(map: RegionMap, capacity: PlanCapacity, period: MapPeriod, tolerance: number): RegionMap {
  return {
    ...map,
    regions: map.regions.map((region) => {
      let target = 0;
      let capacitySum = 0;
      let everyTarget = region.nodes.length > 0;
      for (const id of region.nodes) {
        const node = capacity.byId.get(id);
        const figures = node === undefined ? undefined : period === "total" ? node.total : node.periods[period];
        if (figures === undefined || figures.target === null) {
          everyTarget = false;
          break;
        }
        target += figures.target;
        capacitySum += figures.capacity;
      }
      let coverage: number | null = null;
      if (everyTarget) {
        if (capacitySum !== 0) coverage = target / capacitySum - 1;
        else if (target > 0) coverage = Infinity;
      }
      const flag =
        coverage === null || Math.abs(coverage) <= tolerance + SLACK ? null : coverage > 0 ? "over" : "under";
      return { ...region, coverage, coverageFlag: flag };
    }),
  };
}
