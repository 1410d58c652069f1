/**
 * The plan's capacity as the pane shows it: each node's capacity from the plan's capacity table
 * (capacity.ts), set against its top-down target as the plan view computes it (held or cascaded,
 * as the report's Top-down column), per period and over all periods.
 */
import { Hierarchy } from "../hierarchy/hierarchy";
import { planViewOf } from "../plan/planView";
import type { Plan } from "../plan/types";
import { capacityByNode, coverage, readCapacityRows, type Coverage } from "./capacity";
import type { TerritoryProblem } from "./messages";

export interface NodeCapacity {
  /** One per period. */
  readonly periods: readonly Coverage[];
  /**
   * Over all periods: the periods' capacities summed against the total target, which (as the plan
   * view's) is there only when every period has one.
   */
  readonly total: Coverage;
}

export interface PlanCapacity {
  /** Rows left out of capacity and why, each naming its sheet row; a missing column is row 1. */
  readonly problems: readonly TerritoryProblem[];
  /** By node id as written in the plan; empty when the hierarchy can't be built. */
  readonly byId: ReadonlyMap<string, NodeCapacity>;
}

const views = new WeakMap<Plan, PlanCapacity | null>();

/** `buildPlanCapacity(plan)`, once per plan object (a plan is never changed in place). */
export function planCapacityOf(plan: Plan): PlanCapacity | null {
  let view = views.get(plan);
  if (view === undefined) {
    view = buildPlanCapacity(plan);
    views.set(plan, view);
  }
  return view;
}

/** Null for a plan without a capacity table: the pane then shows no coverage at all. */
export function buildPlanCapacity(plan: Plan): PlanCapacity | null {
  const table = plan.capacity;
  if (table === undefined) return null;
  const tableProblems: TerritoryProblem[] = table.problems.map((message) => ({ row: 1, rows: [1], message }));
  const built = Hierarchy.build(
    plan.nodes.map((node) => node.id),
    plan.nodes.map((node) => node.parent),
  );
  if (!built.ok) return { problems: tableProblems, byId: new Map() };
  const { hierarchy } = built;
  const periods = plan.settings.periods;
  const tolerance = plan.settings.tolerance;
  const read = readCapacityRows(hierarchy, table.rows, periods, { firstRow: table.firstRow });
  const capacity = capacityByNode(hierarchy, read.groups, periods.length);
  const view = planViewOf(plan);
  const byId = new Map<string, NodeCapacity>();
  for (const node of hierarchy.order) {
    const id = plan.nodes[hierarchy.nodeRow[node]].id;
    const figures = view.byId.get(id);
    const held = (p: number): number => {
      const cell = capacity.cell(node, p);
      return typeof cell === "number" ? cell : Number.NaN;
    };
    const perPeriod = periods.map((_, p) => coverage(figures?.periods[p].topDown ?? null, held(p), tolerance));
    const totalCapacity = perPeriod.reduce((sum, period) => sum + period.capacity, 0);
    byId.set(id, {
      periods: perPeriod,
      total: coverage(figures?.total.topDown ?? null, totalCapacity, tolerance),
    });
  }
  return { problems: [...tableProblems, ...read.problems], byId };
}
