import { compareNode } from "../../../src/core/reconcile/compare";
import { COMPANY, planAndView } from "./fixture";

describe("compareNode", () => {
  const { plan, view } = planAndView(COMPANY);

  test("the node's top-down, bottom-up, variance and variance % per period and in total, with the tolerance flag", () => {
    const comparison = compareNode(plan, view, " emea ");
    expect(comparison).toBeDefined();
    if (comparison === undefined) return;
    expect(comparison.id).toBe("EMEA");
    expect(comparison.name).toBe("Europe");
    expect(comparison.periodLabels).toEqual(["Q1 2027", "Q2 2027"]);
    expect(comparison.periods[0]).toEqual({
      bottomUp: 250,
      topDown: 300,
      variance: -50,
      variancePct: -50 / 300,
      outOfTolerance: true,
    });
    expect(comparison.periods[1]).toEqual({
      bottomUp: 285,
      topDown: 394,
      variance: -109,
      variancePct: -109 / 394,
      outOfTolerance: true,
    });
    expect(comparison.total).toMatchObject({ bottomUp: 535, topDown: 694, variance: -159 });
    // Q1 is EMEA's own target, Q2 cascaded from Company.
    expect(comparison.ownTarget).toEqual([true, false]);
  });

  test("every direct child's contribution to the gap, in sheet order", () => {
    const comparison = compareNode(plan, view, "EMEA");
    const rows = comparison?.children.map((child) => [
      child.id,
      child.name,
      child.owner,
      child.status,
      child.periods[0].bottomUp,
      child.periods[0].topDown,
      child.periods[0].variance,
      child.periods[0].shareOfGap,
      child.ownTarget,
    ]);
    expect(rows).toEqual([
      ["UK", "United Kingdom", "Ben", "Submitted", 120, 144, -24, 0.48, [false, false]],
      ["DE", "Germany", "Carla", "Draft", 80, 96, -16, 0.32, [false, false]],
      ["FR", "France", "ben ", "Returned", 50, 60, -10, 0.2, [false, false]],
    ]);
    expect(comparison?.children[0].total).toMatchObject({
      bottomUp: 250,
      topDown: 324,
      variance: -74,
      shareOfGap: 74 / 159,
    });
  });

  test("the node's own input is part of the gap, and the shares add up to 1", () => {
    const withOwn = planAndView({ ...COMPANY, inputs: { ...COMPANY.inputs, EMEA: [10, 0] } });
    const comparison = compareNode(withOwn.plan, withOwn.view, "EMEA");
    // Bottom-up 260 against 300: variance -40; the children -50 and EMEA's own +10.
    expect(comparison?.ownInput.periods[0]).toMatchObject({
      bottomUp: 10,
      topDown: null,
      variance: 10,
      shareOfGap: -0.25,
    });
    const shares = [
      ...(comparison?.children ?? []).map((child) => child.periods[0].shareOfGap as number),
      comparison?.ownInput.periods[0].shareOfGap as number,
    ];
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  test("no share without a gap or a target; a leaf has no children", () => {
    const noTargets = planAndView({ ...COMPANY, topDown: {} });
    const comparison = compareNode(noTargets.plan, noTargets.view, "EMEA");
    expect(comparison?.periods[0]).toMatchObject({
      topDown: null,
      variance: null,
      outOfTolerance: false,
    });
    expect(comparison?.children.map((child) => child.periods[0].shareOfGap)).toEqual([null, null, null]);
    expect(compareNode(plan, view, "UK")?.children).toEqual([]);
    expect(compareNode(plan, view, "Atlantis")).toBeUndefined();
  });
});
