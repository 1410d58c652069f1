/**
 * Times buildPlanView in a plain node process. Jest runs tests in a vm context where every read of
 * a global (Math, Number, Map...) goes through an interceptor, which makes hot loops some hundred
 * times slower than in the task pane; only a process of its own measures what users get.
 *
 * Prints {"10000": ms, "100000": ms}: the best CPU time of several runs after warming up.
 */
import { buildPlanView } from "../../../../src/core/plan/planView";
import type { NodeEntry, Plan, PlanNode } from "../../../../src/core/plan/types";

const PERIODS = Array.from({ length: 12 }, (_, i) => `P${i + 1}`);

/** A four-level tree (1 root, fan-out ~10) with an entry on every node and a target on the root. */
function makePlan(size: number): Plan {
  const nodes: PlanNode[] = [];
  const entries = new Map<string, NodeEntry>();
  for (let i = 0; i < size; i++) {
    const id = `n${i}`;
    const parent = i === 0 ? "" : `n${Math.floor((i - 1) / 10)}`;
    nodes.push({ id, parent, name: id, owner: "", attributes: {} });
    entries.set(id, {
      id,
      values: PERIODS.map((_, p) => (i * 7 + p) % 1000),
      status: "Draft",
      comment: "",
      returnReason: "",
      updatedAt: "",
      updatedBy: "",
    });
  }
  return {
    settings: {
      name: "Timing",
      metric: "Revenue",
      unit: "EUR",
      periods: PERIODS,
      decimals: 0,
      tolerance: 0.05,
      deadline: null,
      allowNegative: false,
    },
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
process.stdout.write(JSON.stringify({ 10000: bestCpuMs(small, 10), 100000: bestCpuMs(large, 3) }));
