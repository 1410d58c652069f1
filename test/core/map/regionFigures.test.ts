import { regionStep, scaleFor, shareScale, stepOf, varianceScale } from "../../../src/core/map/colourScale";
import { attributeColumns, geographyColumn, regionFigures } from "../../../src/core/map/regionFigures";
import { buildPlanView } from "../../../src/core/plan/planView";
import type { NodeEntry, Plan, PlanNode } from "../../../src/core/plan/types";
import { SETTINGS } from "../../support/plan";

const node = (id: string, parent: string, place: string, segment = ""): PlanNode => ({
  id,
  parent,
  name: `${id} name`,
  owner: "",
  attributes: { Segment: segment, Country: place },
});
const entry = (id: string, values: (number | null)[]): NodeEntry => ({
  id,
  values,
  status: "Submitted",
  comment: "",
  returnReason: "",
  updatedAt: "",
  updatedBy: "",
});

/**
 * World > EMEA > FR-team (France) > FR-rep (France: not counted again), DE (Germany), DE2 (DEU);
 * World > Atl (Atlantis); World > TX (Texas, a US state in a column of countries); World > US (USA).
 */
function plan(topDown: [string, (number | null)[]][] = []): Plan {
  return {
    settings: SETTINGS,
    nodes: [
      node("W", "", ""),
      node("EMEA", "W", ""),
      node("FR-team", "EMEA", "France"),
      node("FR-rep", "FR-team", "France"),
      node("DE", "EMEA", "Germany", "Enterprise"),
      node("DE2", "EMEA", "DEU"),
      node("Atl", "W", "Atlantis"),
      node("TX", "W", "Texas"),
      node("US", "W", "USA"),
    ],
    entries: new Map(
      (
        [
          ["FR-rep", [30, 20]],
          ["DE", [40, 40]],
          ["DE2", [10, 10]],
          ["Atl", [5, 5]],
          ["TX", [5, 5]],
          ["US", [100, 100]],
        ] as [string, number[]][]
      ).map(([id, values]) => [id, entry(id, values)]),
    ),
    topDown: new Map(topDown),
  };
}

describe("regionFigures", () => {
  test("sums each region's nodes, counting a branch once, and lists cells that are no country", () => {
    const view = buildPlanView(
      plan([
        ["FR-team", [40, 40]],
        ["DE", [40, 40]],
        ["DE2", [20, 20]],
        ["US", [200, 200]],
      ]),
    );
    const map = regionFigures(view, "Country", 0.05, "total");

    expect(map.kind).toBe("world");
    expect(
      map.regions.map((r) => [r.region.name, r.nodes, r.figures.bottomUp, r.figures.topDown, r.figures.variancePct]),
    ).toEqual([
      ["France", ["FR-team"], 50, 80, -0.375],
      ["Germany", ["DE", "DE2"], 100, 120, -1 / 6],
      ["United States", ["US"], 200, 400, -0.5],
    ]);
    // Company bottom-up: 50 + 100 + 20 (Atlantis, Texas) + 200 = 370.
    expect(map.regions.map((r) => r.share)).toEqual([50 / 370, 100 / 370, 200 / 370]);
    expect(map.problems).toEqual([
      {
        node: "Atl",
        message: expect.stringMatching(
          /^Node Atl \(Atl name\): "Atlantis" in column Country is not a country or US state; /,
        ),
      },
      {
        node: "TX",
        message: expect.stringMatching(/"Texas" in column Country is a US state, but the column holds countries/),
      },
    ]);
  });

  test("a region has a target only when every node in it has one", () => {
    const view = buildPlanView(plan([["DE", [40, 40]]]));
    const germany = regionFigures(view, "Country", 0.05, "total").regions.find((r) => r.region.key === "DEU");
    expect(germany?.figures).toMatchObject({ bottomUp: 100, topDown: null, variancePct: null, outOfTolerance: false });
  });

  test("one period's numbers", () => {
    const view = buildPlanView(plan([["US", [100, 300]]]));
    const us = regionFigures(view, "Country", 0.05, 1).regions.find((r) => r.region.key === "USA");
    expect(us?.figures).toMatchObject({ bottomUp: 100, topDown: 300, variancePct: -2 / 3, outOfTolerance: true });
  });

  test("finds the column that holds places", () => {
    const view = buildPlanView(plan());
    expect(attributeColumns(view)).toEqual(["Segment", "Country"]);
    expect(geographyColumn(view)).toBe("Country");
    expect(regionFigures(view, "Segment", 0.05, "total").problems.map((p) => p.node)).toEqual(["DE"]);
  });
});

describe("colour scale", () => {
  const scale = varianceScale(0.05);

  test.each<[number, string]>([
    [0, "within"],
    [0.05, "within"],
    [-0.05, "within"],
    [0.0500001, "over"],
    [0.5, "over"],
    [-0.06, "under"],
    [-1, "under"],
  ])("variance %d is %s", (value, tone) => {
    expect(stepOf(scale, value).tone).toBe(tone);
  });

  test("further from the target is darker on each side, and the steps are symmetric", () => {
    const colours = [-0.06, -0.12, -0.5].map((v) => stepOf(scale, v).colour);
    expect(new Set(colours).size).toBe(3);
    const over = [0.06, 0.12, 0.5].map((v) => stepOf(scale, v));
    expect(new Set(over.map((s) => s.colour)).size).toBe(3);
    expect(scale.steps.map((s) => s.to ?? Infinity)).toEqual(
      [...scale.steps].reverse().map((s) => (s.from === null ? Infinity : -s.from)),
    );
  });

  test("a target of 0 missed takes the outermost step; no target has no step", () => {
    const region = (bottomUp: number, topDown: number | null) =>
      ({
        region: { kind: "world", key: "FRA", name: "France", shapeId: "250" },
        nodes: ["F"],
        figures: {
          bottomUp,
          topDown,
          variance: topDown === null ? null : bottomUp - topDown,
          variancePct: null,
          outOfTolerance: topDown === 0 && bottomUp !== 0,
        },
        share: 0.5,
      }) as const;
    expect(regionStep(scale, region(10, 0))).toBe(scale.steps[scale.steps.length - 1]);
    expect(regionStep(scale, region(0, 0))?.tone).toBe("within");
    expect(regionStep(scale, region(10, null))).toBeNull();
    expect(regionStep(scaleFor("share", [region(10, null)], 0.05), region(10, null))?.colour).toBe(
      shareScale(0.5).steps[4].colour,
    );
  });

  test("shares run in five steps up to the largest", () => {
    const shares = shareScale(0.5);
    expect([0.05, 0.15, 0.25, 0.35, 0.5].map((v) => shares.steps.indexOf(stepOf(shares, v)))).toEqual([0, 1, 2, 3, 4]);
  });
});
