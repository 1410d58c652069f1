/**
 * A plan with a successful save patched in, as a fresh read would give it back: what the pane and
 * both workbook implementations keep after their own saves instead of reading every table again.
 */
import { idKey } from "../cell";
import type { BalancingSettings } from "../territory/balancingSettings";
import type { NodeEntry, PeriodValues, Plan, PlanNode } from "./types";
import { valueColumns } from "./measures";

/** Values as a read gives them back: one per period, a number or null. */
function stored(values: PeriodValues, periodCount: number): (number | null)[] {
  return Array.from({ length: periodCount }, (_, p) => {
    const value = values[p];
    return typeof value === "number" && Number.isFinite(value) ? value + 0 : null;
  });
}

/** The plan with `entries` saved; entries of nodes not in the plan are left out, as a read does. */
export function withEntries(plan: Plan, entries: readonly NodeEntry[]): Plan {
  const ids = nodeIds(plan);
  const next = new Map(plan.entries);
  const periodCount = valueColumns(plan.settings).length;
  for (const entry of entries) {
    const id = ids.get(idKey(entry.id) ?? "");
    if (id === undefined) continue;
    next.set(id, {
      ...entry,
      id,
      values: stored(entry.values, periodCount),
      updatedAt: entry.updatedAt.trim(),
      updatedBy: entry.updatedBy.trim(),
    });
  }
  return { ...plan, entries: next };
}

/** The plan with these nodes' top-down targets saved. */
export function withTopDown(plan: Plan, changes: readonly { id: string; values: PeriodValues }[]): Plan {
  const ids = nodeIds(plan);
  const next = new Map(plan.topDown);
  const periodCount = valueColumns(plan.settings).length;
  for (const change of changes) {
    const id = ids.get(idKey(change.id) ?? "");
    if (id !== undefined) next.set(id, stored(change.values, periodCount));
  }
  return { ...plan, topDown: next };
}

/** The plan with the Balance view's settings kept. */
export function withBalancing(plan: Plan, balancing: BalancingSettings): Plan {
  return { ...plan, settings: { ...plan.settings, balancing } };
}

const idMaps = new WeakMap<readonly PlanNode[], ReadonlyMap<string, string>>();

/** Each node's id by its key, made once per node list: every save patches a plan with the same nodes. */
function nodeIds(plan: Plan): ReadonlyMap<string, string> {
  let ids = idMaps.get(plan.nodes);
  if (ids === undefined) {
    const map = new Map<string, string>();
    for (const node of plan.nodes) map.set(idKey(node.id) as string, node.id);
    ids = map;
    idMaps.set(plan.nodes, ids);
  }
  return ids;
}
