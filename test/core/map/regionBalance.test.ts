import { balanceScale, regionStep, scaleFor, stepOf } from "../../../src/core/map/colourScale";
import { withBalance } from "../../../src/core/map/regionBalance";
import { measureOf, regionFigures } from "../../../src/core/map/regionFigures";
import { Hierarchy } from "../../../src/core/hierarchy/hierarchy";
import { buildPlanView } from "../../../src/core/plan/planView";
import type { Plan, PlanNode } from "../../../src/core/plan/types";
import { balanceByNode, readAccounts, workloadByNode } from "../../../src/core/territory/workload";
import { SETTINGS } from "../../support/plan";

const node = (id: string, parent: string, place: string): PlanNode => ({
  id,
  parent,
  name: `${id} name`,
  owner: "",
  attributes: { Country: place },
});

/** EMEA > FR (France), DE (Germany), AT (Austria), CH (Germany too); NA (no place) > US (USA). */
const PLAN: Plan = {
  settings: SETTINGS,
  nodes: [
    node("EMEA", "", ""),
    node("FR", "EMEA", "France"),
    node("DE", "EMEA", "Germany"),
    node("AT", "EMEA", "Austria"),
    node("CH", "EMEA", "Germany"),
    node("NA", "", ""),
    node("US", "NA", "USA"),
  ],
  entries: new Map(),
  topDown: new Map(),
};

/** The map of PLAN by country with the balances of these visits per territory. */
function mapWith(visits: Readonly<Record<string, number>>): Map<string, number | null> {
  const built = Hierarchy.build(
    PLAN.nodes.map((n) => n.id),
    PLAN.nodes.map((n) => n.parent),
  );
  if (!built.ok) throw new Error("bad hierarchy");
  const rows = Object.entries(visits).map(([territory, count], i) => ({
    id: `A${i}`,
    territory,
    potential: null,
    drivers: [count],
  }));
  const read = readAccounts(built.hierarchy, rows, { drivers: ["Visits"], weights: [null] });
  expect(read.problems).toEqual([]);
  const balances = balanceByNode(built.hierarchy, workloadByNode(built.hierarchy, read.accounts), 0.05);
  const map = withBalance(regionFigures(buildPlanView(PLAN), "Country", 0.05, "total"), balances);
  return new Map(map.regions.map((region) => [region.region.name, measureOf(region, "balance")]));
}

describe("workload balance per map region", () => {
  test("a territory's value is its workload against its siblings' average, less 1", () => {
    // EMEA's four average 30: France 45 (+50 %), Austria 15 (-50 %); Germany's two 30 + 30 = on average.
    const values = mapWith({ FR: 45, DE: 40, AT: 15, CH: 20, US: 10 });
    expect(values.get("France")).toBeCloseTo(0.5);
    expect(values.get("Austria")).toBeCloseTo(-0.5);
    expect(values.get("Germany")).toBeCloseTo(0);
    // The only territory under NA is its own average.
    expect(values.get("United States")).toBeCloseTo(0);
  });

  test("territories whose siblings have no accounts at all have no balance, rather than a neutral one", () => {
    const values = mapWith({ FR: 45, DE: 40, AT: 15, CH: 20 });
    expect(values.get("United States")).toBeNull();
    expect(values.get("France")).toBeCloseTo(0.5);
  });

  test("the band is ±5 %: 4 % over is neutral, 6 % over and under are coloured each side", () => {
    const scale = scaleFor("balance", [], 0.2);
    expect(scale).toEqual(balanceScale());
    expect(stepOf(scale, 0.04).tone).toBe("within");
    expect(stepOf(scale, 0.05).tone).toBe("within");
    expect(stepOf(scale, 0.06).tone).toBe("over");
    expect(stepOf(scale, -0.06).tone).toBe("under");
  });

  test("regions take their step; without accounts read a region has no balance to colour", () => {
    const map = regionFigures(buildPlanView(PLAN), "Country", 0.05, "total");
    const scale = balanceScale();
    expect(map.regions.map((region) => regionStep(scale, region))).toEqual(map.regions.map(() => null));
    const moved = withBalance(map, [
      { node: 1, id: "FR", workload: 60, average: 30, balance: 2, outOfBand: true },
      { node: 3, id: "AT", workload: 0, average: 30, balance: 0, outOfBand: true },
    ]);
    const steps = new Map(moved.regions.map((region) => [region.region.name, regionStep(scale, region)?.tone ?? null]));
    expect(steps.get("France")).toBe("over");
    expect(steps.get("Austria")).toBe("under");
    expect(steps.get("Germany")).toBeNull();
  });
});
