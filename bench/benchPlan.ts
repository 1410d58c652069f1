/** The plan the benchmarks time: 12 periods, and a tree of `size` nodes ten children wide. */
import type { NodeEntry, PlanNode, PlanSettings } from "../src/core/plan/types";

export const PERIODS = Array.from({ length: 12 }, (_, i) => `P${i + 1}`);

export const BENCH_SETTINGS: PlanSettings = {
  name: "Bench",
  metric: "Revenue",
  unit: "EUR",
  periods: PERIODS,
  decimals: 0,
  tolerance: 0.05,
  deadline: null,
  allowNegative: false,
};

/** Node i's parent is node (i - 1) / 10: five levels at 10,000 nodes; 250 owners. */
export function benchNodes(size: number): PlanNode[] {
  return Array.from({ length: size }, (_, i) => ({
    id: `n${i}`,
    parent: i === 0 ? "" : `n${Math.floor((i - 1) / 10)}`,
    name: `Territory ${i}`,
    owner: `owner${i % 250}`,
    attributes: {},
  }));
}

/** Node `i`'s draft entry, a value in every one of `periods` (spread over 0-999). */
export function benchEntry(id: string, i: number, periods: readonly string[]): NodeEntry {
  return {
    id,
    values: periods.map((_, p) => (i * 7 + p) % 1000),
    status: "Draft",
    comment: "",
    returnReason: "",
    updatedAt: "",
    updatedBy: "",
  };
}
