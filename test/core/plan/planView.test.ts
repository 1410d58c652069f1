import {
  buildPlanView,
  planViewInParts,
  planViewOf,
  type Figures,
  type PlanView,
} from "../../../src/core/plan/planView";
import { withEntries } from "../../../src/core/plan/patch";
import type { NodeEntry, PeriodValues, Plan, PlanNode, PlanSettings, Status } from "../../../src/core/plan/types";

const settings: PlanSettings = {
  name: "FY27",
  metric: "Revenue",
  unit: "EUR",
  periods: ["Q1 2027", "Q2 2027"],
  decimals: 0,
  tolerance: 0.05,
  deadline: null,
  allowNegative: false,
};

const node = (id: string, parent: string): PlanNode => ({
  id,
  parent,
  name: id,
  owner: "",
  attributes: {},
});
const entry = (id: string, values: PeriodValues, status: Status): NodeEntry => ({
  id,
  values,
  status,
  comment: "",
  returnReason: "",
  updatedAt: "",
  updatedBy: "",
});

/** Sheet order differs from tree order on purpose; two extra roots make it a forest. */
const plan: Plan = {
  settings,
  nodes: [
    node("World", ""),
    node("EMEA", "World"),
    node("APAC", "World"),
    node("UK", "EMEA"),
    node("DE", "EMEA"),
    node("JP", "APAC"),
    node("LATAM", ""),
    node("Other", ""),
  ],
  entries: new Map([
    ["EMEA", entry("EMEA", [5, null], "Draft")],
    ["uk", entry("uk", [100, 50], "Submitted")],
    ["DE", entry("DE", [60, null], "Draft")],
    ["JP", entry("JP", [40, 30], "Approved")],
    ["LATAM", entry("LATAM", [5, 0], "Returned")],
    ["Other", entry("Other", [1, 2], "Draft")],
  ]),
  topDown: new Map<string, PeriodValues>([
    ["World", [300, 100]],
    ["EMEA", [200, null]],
    ["JP", [null, 31]],
    ["LATAM", [0, 0]],
    ["Other", [50, null]],
  ]),
};

function f(bottomUp: number, topDown: number | null, outOfTolerance: boolean): Figures {
  if (topDown === null) return { bottomUp, topDown, variance: null, variancePct: null, outOfTolerance };
  const variance = bottomUp - topDown;
  return {
    bottomUp,
    topDown,
    variance,
    variancePct: topDown === 0 ? null : variance / Math.abs(topDown),
    outOfTolerance,
  };
}

describe("buildPlanView on a small plan (hand-checked)", () => {
  const view = buildPlanView(plan);

  /*
   * Q1: World 300 held; EMEA holds 200, so APAC gets what is left, 100, and JP (its only child) 100.
   *     EMEA's 200 splits 100:60 between UK and DE: 125 and 75.
   * Q2: World 100 splits between EMEA and APAC by bottom-up 50:30 = 62.5 / 37.5, rounded to whole
   *     units with the tie going to the larger weight: 63 and 37. DE has saved nothing for Q2, so it
   *     weighs the mean of its siblings that have (UK's 50) and gets an even share of EMEA's 63: 32 and
   *     31 (tie to the earlier cell), not 0.
   *     JP holds 31 itself.
   */
  it.each<[string, number, Status, Figures, Figures, Figures]>([
    ["World", 1, "Not started", f(205, 300, true), f(80, 100, true), f(285, 400, true)],
    ["EMEA", 2, "Draft", f(165, 200, true), f(50, 63, true), f(215, 263, true)],
    ["UK", 3, "Submitted", f(100, 125, true), f(50, 32, true), f(150, 157, false)],
    ["DE", 3, "Draft", f(60, 75, true), f(0, 31, true), f(60, 106, true)],
    ["APAC", 2, "Not started", f(40, 100, true), f(30, 37, true), f(70, 137, true)],
    ["JP", 3, "Approved", f(40, 100, true), f(30, 31, false), f(70, 131, true)],
    ["LATAM", 1, "Returned", f(5, 0, true), f(0, 0, false), f(5, 0, true)],
    ["Other", 1, "Draft", f(1, 50, true), f(2, null, false), f(3, null, false)],
  ])("%s", (id, depth, status, q1, q2, total) => {
    const nodeView = view.byId.get(id);
    expect(nodeView).toBeDefined();
    expect(nodeView).toMatchObject({ id, depth, status, periods: [q1, q2], total });
  });

  it("lists nodes in tree order with depth and children", () => {
    expect(view.nodes.map((n) => [n.id, n.depth, n.childCount])).toEqual([
      ["World", 1, 2],
      ["EMEA", 2, 2],
      ["UK", 3, 0],
      ["DE", 3, 0],
      ["APAC", 2, 1],
      ["JP", 3, 0],
      ["LATAM", 1, 0],
      ["Other", 1, 0],
    ]);
    expect(view.maxDepth).toBe(3);
    expect(view.periods).toEqual(["Q1 2027", "Q2 2027"]);
    expect(view.problems).toEqual([]);
  });

  it("flags a node when any period or the total is out of tolerance", () => {
    expect(view.byId.get("Other")?.outOfTolerance).toBe(true);
  });
});

describe("tolerance", () => {
  it.each<[number, number, number, boolean]>([
    [105, 100, 0.05, false],
    [95, 100, 0.05, false],
    [105.01, 100, 0.05, true],
    [1.1, 1, 0.1, false],
    [-10, -100, 0.5, true],
  ])("bottom-up %p against %p at %p -> out: %s", (bottomUp, topDown, tolerance, out) => {
    const view = buildPlanView({
      settings: { ...settings, periods: ["2027"], decimals: 2, tolerance, allowNegative: true },
      nodes: [node("A", "")],
      entries: new Map([["A", entry("A", [bottomUp], "Draft")]]),
      topDown: new Map([["A", [topDown]]]),
    });
    expect(view.nodes[0].periods[0].outOfTolerance).toBe(out);
  });
});

describe("buildPlanView on a hierarchy edited into problems", () => {
  it("shows the problems and no nodes", () => {
    const view = buildPlanView({ ...plan, nodes: [node("A", "B"), node("B", "A")] });
    expect(view.nodes).toEqual([]);
    expect(view.problems.map((p) => p.message)).toEqual(["Cycle: A > B > A (rows 1 and 2)"]);
  });
});

describe("planViewOf a plan a save away from the last one viewed", () => {
  /** What a test compares: every node's entry and figures, in tree order. */
  const shown = (view: PlanView): unknown =>
    view.nodes.map((n) => ({ id: n.id, depth: n.depth, entry: n.entry, total: n.total, periods: n.periods }));
  /** The plan above with its own node list and an entry under every node's id, as a read gives it. */
  const base = (): Plan => ({
    ...plan,
    nodes: [...plan.nodes],
    entries: new Map(
      plan.nodes.map((n) => [
        n.id,
        plan.entries.get(n.id === "UK" ? "uk" : n.id) ?? entry(n.id, [null, null], "Not started"),
      ]),
    ),
  });

  it("keeps the figures and the views of unchanged nodes after an approval", () => {
    const before = base();
    const first = planViewOf(before);
    const approved = withEntries(before, [{ ...entry("DE", [60, null], "Approved"), updatedBy: "bob" }]);
    const after = planViewOf(approved);
    expect(shown(after)).toEqual(shown(buildPlanView(approved)));
    expect(after.byId.get("DE")?.status).toBe("Approved");
    expect(after.byId.get("JP")).toBe(first.byId.get("JP"));
    expect(after.byId.get("DE")).not.toBe(first.byId.get("DE"));
  });

  it.each<[string, (plan: Plan) => Plan]>([
    ["a value saved", (p) => withEntries(p, [entry("DE", [61, null], "Submitted")])],
    ["a target saved", (p) => ({ ...p, topDown: new Map(p.topDown).set("DE", [10, 10]) })],
    ["the tolerance changed", (p) => ({ ...p, settings: { ...p.settings, tolerance: 0.5 } })],
    [
      "an approval in a plan whose entries are under other spellings of the ids",
      (p) => withEntries({ ...p, entries: plan.entries }, [entry("DE", [60, null], "Approved")]),
    ],
  ])("builds it again after %s", (_what, change) => {
    const before = base();
    planViewOf(before);
    const after = change(before);
    expect(shown(planViewOf(after))).toEqual(shown(buildPlanView(after)));
  });
});

describe("planViewInParts", () => {
  const shown = (view: PlanView): unknown =>
    view.nodes.map((n) => ({ id: n.id, depth: n.depth, entry: n.entry, total: n.total, periods: n.periods }));
  /** 3,000 nodes: a company, 30 regions, 2,969 reps with values, targets on the company and some regions. */
  const large = (): Plan => {
    const nodes = [node("Co", "")];
    for (let r = 0; r < 30; r++) nodes.push(node(`R${r}`, "Co"));
    for (let k = 0; nodes.length < 3_000; k++) nodes.push(node(`Rep${k}`, `R${k % 30}`));
    const entries = new Map(
      nodes.slice(31).map((n, k) => [n.id, entry(n.id, [k % 7 === 0 ? null : 100 + (k % 13), 50], "Draft")]),
    );
    const topDown = new Map<string, PeriodValues>([
      ["Co", [400_000, 200_000]],
      ["R3", [9_000, null]],
    ]);
    return { settings, nodes, entries, topDown };
  };

  it("builds in several tasks the view buildPlanView builds at once, and keeps it as the plan's", async () => {
    const big = large();
    let tasks = 0;
    const counting = setInterval(() => tasks++, 0);
    const view = await planViewInParts(big);
    clearInterval(counting);
    expect(tasks).toBeGreaterThanOrEqual(2);
    expect(shown(view)).toEqual(shown(buildPlanView(big)));
    expect(view.byId.get("Rep0")?.periods[0].topDown).not.toBeNull();
    expect(planViewOf(big)).toBe(view);
  });

  it("gives the view a render made meanwhile, so what is shown keeps its identity", async () => {
    const big = large();
    const parts = planViewInParts(big);
    const meanwhile = planViewOf(big);
    expect(await parts).toBe(meanwhile);
  });

  it("builds a small plan's view at once", async () => {
    const small = { ...plan, nodes: [...plan.nodes] };
    const view = await planViewInParts(small);
    expect(shown(view)).toEqual(shown(buildPlanView(small)));
  });
});
