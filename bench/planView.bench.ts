/**
 * The task pane's per-node numbers (buildPlanView) for 10,000 and 100,000 nodes x 12 periods: what
 * every tab of the pane recomputes after each write. Best CPU time of several runs after warming up.
 * Run by `npm run bench`.
 */
import { buildPlanView } from "../src/core/plan/planView";
import type { NodeEntry, Plan, PlanNode } from "../src/core/plan/types";
import { BENCH_SETTINGS, PERIODS, benchEntry } from "./benchPlan";

/** A four-level tree (1 root, fan-out ~10) with an entry on every node and a target on the root. */
function makePlan(size: number): Plan {
  const nodes: PlanNode[] = [];
  const entries = new Map<string, NodeEntry>();
  for (let i = 0; i < size; i++) {
    const id = `n${i}`;
    const parent = i === 0 ? "" : `n${Math.floor((i - 1) / 10)}`;
    nodes.push({ id, parent, name: id, owner: "", attributes: {} });
    entries.set(id, benchEntry(id, i, PERIODS));
  }
  return {
    settings: BENCH_SETTINGS,
    nodes,
    entries,
    topDown: new Map([["n0", PERIODS.map(() => 5_000_000)]]),
  };
}

function bestCpuMs(plan: Plan, runs: number): number {
  let best = Infinity;
  for (let run = 0; run < runs; run++) {
    const start = process.cpuUsage();
    const view = buildPlanView(plan);
    const used = process.cpuUsage(start);
    if (view.nodes.length !== plan.nodes.length) throw new Error("wrong view");
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

const small = makePlan(10_000);
const large = makePlan(100_000);
bestCpuMs(small, 10);
bestCpuMs(large, 1);
const smallMs = bestCpuMs(small, 10);
const largeMs = bestCpuMs(large, 3);
console.log("\nbuildPlanView (task pane numbers), 12 periods");
console.log(`  10,000 nodes   ${smallMs.toFixed(1)} ms  (target: well under 100 ms)`);
console.log(
  `  100,000 nodes  ${largeMs.toFixed(1)} ms  (${(largeMs / Math.max(smallMs, 0.001)).toFixed(1)}x for 10x the nodes)`,
);
