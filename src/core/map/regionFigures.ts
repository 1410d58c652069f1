/**
 * The plan's numbers per map region: the nodes whose geography cell names a region, summed. A node's
 * numbers already hold its whole branch, so the first node down each branch with a place is counted
 * and the nodes below it are not counted again (a territory "France" with reps tagged "France" is
 * counted once).
 */
import { figures, type Figures, type PlanView } from "../plan/planView";
import { mapMessages } from "./messages";
import { fitColumn, regionOf, type MapKind, type Region } from "./regions";

/** What colours the map. */
export type MapMeasure = "variance" | "share" | "coverage" | "balance";

/**
 * "coverage" needs the plan's capacity table (regionCoverage.ts), "balance" an accounts table
 * (regionBalance.ts).
 */
export const MAP_MEASURES: readonly MapMeasure[] = ["variance", "share", "coverage", "balance"];

/** Over all periods, or one period's index. */
export type MapPeriod = "total" | number;

export interface RegionFigures {
  readonly region: Region;
  /** The counted nodes in this region, in tree order. */
  readonly nodes: readonly string[];
  /** The nodes' sums: bottom-up, top-down (only when every node has one), variance % of the sums. */
  readonly figures: Figures;
  /** The region's bottom-up as a fraction of the company's (every root's); null if that is 0. */
  readonly share: number | null;
  /** Workload against the siblings' average, less 1, once accounts are read (regionBalance.ts); null: no accounts. */
  readonly balance?: number | null;
  /** Balance beyond the band: "over" (more work than the siblings' average) or "under". */
  readonly balanceFlag?: "over" | "under" | null;
  /** Targets against capacity, less 1, once the plan has a capacity table (regionCoverage.ts); null: no target. */
  readonly coverage?: number | null;
  /** Coverage beyond the plan's tolerance: "over" the reps' capacity, or "under" it (capacity unused). */
  readonly coverageFlag?: "over" | "under" | null;
}

export interface MapProblem {
  readonly node: string;
  readonly message: string;
}

export interface RegionMap {
  readonly column: string;
  readonly kind: MapKind;
  /** By name. */
  readonly regions: readonly RegionFigures[];
  readonly problems: readonly MapProblem[];
}

/** The hierarchy's attribute columns, in the order the plan first shows them. */
export function attributeColumns(view: PlanView): string[] {
  const columns = new Set<string>();
  for (const node of view.nodes) for (const column of Object.keys(node.node.attributes)) columns.add(column);
  return [...columns];
}

/** The column most of whose cells name a country or US state; undefined if none names any. */
export function geographyColumn(view: PlanView): string | undefined {
  let best: { column: string; matched: number } | undefined;
  for (const column of attributeColumns(view)) {
    const fit = fitColumn(column, cellsOf(view, column));
    if (fit.matched > 0 && (best === undefined || fit.matched > best.matched)) best = { column, matched: fit.matched };
  }
  return best?.column;
}

function cellsOf(view: PlanView, column: string): string[] {
  return view.nodes.map((node) => node.node.attributes[column] ?? "");
}

interface Sums {
  readonly region: Region;
  readonly nodes: string[];
  bottomUp: number;
  topDown: number;
  /** Every node so far had a top-down target. */
  everyTarget: boolean;
}

/** Sums the plan's nodes per region of `column`'s map, for one period or all. */
export function regionFigures(view: PlanView, column: string, tolerance: number, period: MapPeriod): RegionMap {
  const { kind } = fitColumn(column, cellsOf(view, column));
  const other: MapKind = kind === "us" ? "world" : "us";
  const sums = new Map<string, Sums>();
  const problems: MapProblem[] = [];
  let company = 0;
  // Depth of the counted node whose branch the walk is in (tree order: its branch follows it).
  let countedDepth = Infinity;
  for (const node of view.nodes) {
    const numbers = period === "total" ? node.total : node.periods[period];
    if (node.depth === 1) company += numbers.bottomUp;
    if (node.depth > countedDepth) continue;
    countedDepth = Infinity;
    const cell = (node.node.attributes[column] ?? "").trim();
    if (cell === "") continue;
    const region = regionOf(cell, kind);
    if (region === undefined) {
      const message =
        regionOf(cell, other) === undefined
          ? mapMessages.unknownPlace(node.id, node.node.name, cell, column)
          : mapMessages.otherMap(node.id, node.node.name, cell, column, kind);
      problems.push({ node: node.id, message });
      continue;
    }
    countedDepth = node.depth;
    const sum = sums.get(region.key) ?? { region, nodes: [], bottomUp: 0, topDown: 0, everyTarget: true };
    sum.nodes.push(node.id);
    sum.bottomUp += numbers.bottomUp;
    if (numbers.topDown === null) sum.everyTarget = false;
    else sum.topDown += numbers.topDown;
    sums.set(region.key, sum);
  }
  const regions = [...sums.values()]
    .map((sum) => ({
      region: sum.region,
      nodes: sum.nodes,
      figures: figures(sum.bottomUp, sum.everyTarget ? sum.topDown : null, tolerance),
      share: company === 0 ? null : sum.bottomUp / company,
    }))
    .sort((a, b) => a.region.name.localeCompare(b.region.name));
  return { column, kind, regions, problems };
}

/** The number a measure colours a region by: variance %, share of the company's bottom-up or balance, null if none. */
export function measureOf(region: RegionFigures, measure: MapMeasure): number | null {
  if (measure === "balance") return region.balance ?? null;
  if (measure === "coverage") return region.coverage ?? null;
  return measure === "variance" ? region.figures.variancePct : region.share;
}
