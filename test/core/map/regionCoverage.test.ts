/** The map's coverage (issue 13): each region's targets against its reps' capacity, summed over its territories. */
import { regionStep, scaleFor } from "../../../src/core/map/colourScale";
import { withCoverage } from "../../../src/core/map/regionCoverage";
import { regionFigures } from "../../../src/core/map/regionFigures";
import { buildPlanView } from "../../../src/core/plan/planView";
import type { Plan, PlanNode } from "../../../src/core/plan/types";
import { buildPlanCapacity } from "../../../src/core/territory/planCapacity";
import { SETTINGS } from "../../support/plan";

const node = (id: string, parent: string, place: string): PlanNode => ({
  id,
  parent,
  name: id,
  owner: "",
  attributes: { Country: place },
});
const rep = (id: string, quota: number) => ({ node: id, heads: 1, quota, attainment: null, ramp: [] });

/** EMEA > DE and CH (both Germany), FR (France, no capacity), AT (Austria, no target). */
const PLAN: Plan = {
  settings: SETTINGS,
  nodes: [
    node("EMEA", "", ""),
    node("DE", "EMEA", "Germany"),
    node("CH", "EMEA", "Germany"),
    node("FR", "EMEA", "France"),
    node("AT", "EMEA", "Austria"),
  ],
  entries: new Map(),
  topDown: new Map([
    ["DE", [60, 60]],
    ["CH", [60, 60]],
    ["FR", [10, 10]],
    ["AT", [null, null]],
  ]),
  capacity: { rows: [rep("DE", 50), rep("CH", 50), rep("AT", 10)], firstRow: 2, problems: [] },
};

test("a region's coverage sums its territories' targets and capacities; no capacity is the far end, no target none", () => {
  const capacity = buildPlanCapacity(PLAN);
  if (capacity === null) throw new Error("no capacity");
  const map = withCoverage(regionFigures(buildPlanView(PLAN), "Country", 0.05, "total"), capacity, "total", 0.05);
  const byName = new Map(map.regions.map((region) => [region.region.name, region]));
  // Germany: 240 of targets against 200 of capacity.
  expect(byName.get("Germany")).toMatchObject({ coverage: expect.closeTo(0.2, 9), coverageFlag: "over" });
  expect(byName.get("France")).toMatchObject({ coverage: Infinity, coverageFlag: "over" });
  expect(byName.get("Austria")).toMatchObject({ coverage: null, coverageFlag: null });
  const scale = scaleFor("coverage", map.regions, 0.05);
  expect(regionStep(scale, byName.get("France")!)).toBe(scale.steps[scale.steps.length - 1]);
  expect(regionStep(scale, byName.get("Austria")!)).toBeNull();

  const q1 = withCoverage(regionFigures(buildPlanView(PLAN), "Country", 0.05, 0), capacity, 0, 0.05);
  expect(q1.regions.find((region) => region.region.name === "Germany")?.coverage).toBeCloseTo(0.2, 9);
});
