import type { Plan, PlanNode } from "../../../src/core/plan/types";
import { readCapacityGrid } from "../../../src/core/plan/layout";
import { buildPlanCapacity, planCapacityOf } from "../../../src/core/territory/planCapacity";

const node = (id: string, parent: string): PlanNode => ({ id, parent, name: id, owner: "", attributes: {} });

/** Company > (T1, T2), two quarters, a 5 % tolerance; the company's own target only. */
function plan(
  capacity: Plan["capacity"],
  topDown: (number | null)[] = [200, 200],
  nodes = [node("CO", ""), node("T1", "CO"), node("T2", "CO")],
): Plan {
  return {
    settings: {
      name: "",
      metric: "",
      unit: "",
      periods: ["Q1", "Q2"],
      decimals: 0,
      tolerance: 0.05,
      deadline: null,
      allowNegative: false,
    },
    nodes,
    entries: new Map(),
    topDown: new Map([["CO", topDown]]),
    ...(capacity === undefined ? {} : { capacity }),
  };
}

const grid = (rows: unknown[][]) =>
  readCapacityGrid({ headers: ["Node", "Heads", "Quota per head", "Attainment", "Ramp Q1", "Ramp Q2"], rows }, [
    "Q1",
    "Q2",
  ]);

describe("planCapacity", () => {
  test("is null without a capacity table, and built once per plan", () => {
    expect(planCapacityOf(plan(undefined))).toBeNull();
    const withTable = plan(grid([["T1", 1, 100, null, null, null]]));
    expect(planCapacityOf(withTable)).toBe(planCapacityOf(withTable));
  });

  test("sets each node's cascaded target against its team's capacity, a new hire ramping", () => {
    const capacity = buildPlanCapacity(
      plan(
        grid([
          ["T1", 1, 100, null, null, null],
          ["T2", 1, 100, null, 0.5, 1],
        ]),
      ),
    );
    // The company's 200 split evenly (nothing entered): 100 each; T2 carries 50 then 100.
    expect(capacity?.byId.get("CO")?.periods.map((p) => [p.capacity, p.coverage, p.flag])).toEqual([
      [150, 200 / 150, "over"],
      [200, 1, null],
    ]);
    expect(capacity?.byId.get("T2")?.periods[0]).toEqual({ target: 100, capacity: 50, coverage: 2, flag: "over" });
    expect(capacity?.byId.get("CO")?.total).toEqual({ target: 400, capacity: 350, coverage: 400 / 350, flag: "over" });
  });

  test("has no total target unless every period has one, as the plan view", () => {
    const capacity = buildPlanCapacity(plan(grid([["T1", 1, 100, null, null, null]]), [200, null]));
    expect(capacity?.byId.get("CO")?.total).toEqual({ target: null, capacity: 200, coverage: null, flag: null });
  });

  test("reports a table without its Node column at row 1, and a broken hierarchy as no nodes", () => {
    const missing = readCapacityGrid({ headers: ["Id", "Quota per head"], rows: [["T1", 100]] }, ["Q1", "Q2"]);
    expect(buildPlanCapacity(plan(missing))?.problems).toEqual([
      {
        row: 1,
        rows: [1],
        message: `Table GuCapacity (sheet "GU Capacity") has no column "Node"; type it back into the header row, then refresh`,
      },
    ]);
    const cycle = plan(grid([]), [200, 200], [node("A", "B"), node("B", "A")]);
    expect(buildPlanCapacity(cycle)?.byId.size).toBe(0);
  });
});
