import fc from "fast-check";
import { fromUnits, toUnits } from "../../../src/core/allocation";
import { allocateGap, type AllocationBasis, type AllocationMethod } from "../../../src/core/reconcile/allocateGap";
import type { PeriodValues } from "../../../src/core/plan/types";
import { planAndView, type NodeRow } from "./fixture";

const PERIODS = ["P1", "P2", "P3"];

interface Case {
  readonly decimals: number;
  readonly targets: number[];
  readonly children: {
    input: number[];
    ownTarget: (number | null)[];
    held: boolean;
    weight: number | undefined;
  }[];
  readonly basis: AllocationBasis;
  readonly methodKind: AllocationMethod["kind"];
  readonly weightPeriod: number;
}

const amount = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000 }),
  fc.double({ min: 0, max: 1e6, noNaN: true }).map((x) => Math.round(x * 1e4) / 1e4),
);

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    decimals: fc.integer({ min: 0, max: 3 }),
    targetUnits: fc.array(fc.integer({ min: -5_000_000, max: 5_000_000 }), {
      minLength: 3,
      maxLength: 3,
    }),
    children: fc.array(
      fc.record({
        input: fc.array(amount, { minLength: 3, maxLength: 3 }),
        ownTarget: fc.array(fc.option(fc.integer({ min: -1000, max: 100_000 }), { nil: null }), {
          minLength: 3,
          maxLength: 3,
        }),
        held: fc.boolean(),
        weight: fc.option(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1000, noNaN: true })), {
          nil: undefined,
        }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    basis: fc.constantFrom<AllocationBasis>("gap", "target"),
    methodKind: fc.constantFrom<AllocationMethod["kind"]>("even", "bottomUp", "period", "weights"),
    weightPeriod: fc.integer({ min: 0, max: 2 }),
  })
  .filter(({ children }) => children.some((child) => !child.held))
  .map(({ targetUnits, decimals, ...rest }) => ({
    ...rest,
    decimals,
    targets: targetUnits.map((units) => fromUnits(units, decimals)),
  }));

function method(c: Case): AllocationMethod {
  switch (c.methodKind) {
    case "period":
      return { kind: "period", period: c.weightPeriod };
    case "weights":
      return {
        kind: "weights",
        weights: new Map(
          c.children.flatMap((child, i) => (child.weight === undefined ? [] : [[`C${i}`, child.weight]])),
        ),
      };
    default:
      return { kind: c.methodKind };
  }
}

describe("allocateGap properties", () => {
  test("the children's new targets plus the held ones add up to the node's target exactly, at the plan's decimals", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const nodes: NodeRow[] = [
          ["P", "", "Parent", ""],
          ...c.children.map((_, i): NodeRow => [`C${i}`, "P", `Child ${i}`, ""]),
        ];
        const inputs: Record<string, PeriodValues> = {};
        const topDown: Record<string, PeriodValues> = { P: c.targets };
        c.children.forEach((child, i) => {
          inputs[`C${i}`] = child.input;
          topDown[`C${i}`] = child.ownTarget.map((units) => (units === null ? null : fromUnits(units, c.decimals)));
        });
        const { plan, view } = planAndView({
          nodes,
          inputs,
          topDown,
          settings: { periods: PERIODS, decimals: c.decimals, allowNegative: true },
        });
        const held = c.children.flatMap((child, i) => (child.held ? [`C${i}`] : []));
        const preview = allocateGap(plan, view, {
          nodeId: "P",
          basis: c.basis,
          method: method(c),
          hold: held,
        });

        expect(preview.problems.filter((problem) => problem.severity === "error")).toEqual([]);
        expect(preview.allocated.map((period) => period.period)).toEqual([0, 1, 2]);
        for (let p = 0; p < PERIODS.length; p++) {
          let units = 0;
          preview.rows.forEach((row, i) => {
            const after = row.cells[p].after as number;
            // A whole number of units: no binary noise such as 0.30000000000000004.
            expect(fromUnits(toUnits(after, c.decimals), c.decimals)).toBe(after);
            if (row.held)
              expect(after).toBe(
                fromUnits(toUnits(view.byId.get(`C${i}`)?.periods[p].topDown as number, c.decimals), c.decimals),
              );
            units += toUnits(after, c.decimals);
          });
          expect(units).toBe(toUnits(c.targets[p], c.decimals));
        }
        // What is written is what the preview shows.
        for (const change of preview.changes) {
          const row = preview.rows.find((r) => r.id === change.id);
          if (row !== undefined) expect(change.values).toEqual(row.cells.map((cell) => cell.after));
        }
      }),
      { numRuns: 300 },
    );
  });

  test("basis gap with even shares moves every free child by the same amount, within one unit", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const nodes: NodeRow[] = [
          ["P", "", "Parent", ""],
          ...c.children.map((_, i): NodeRow => [`C${i}`, "P", `Child ${i}`, ""]),
        ];
        const inputs = Object.fromEntries(
          c.children.map((child, i) => [
            `C${i}`,
            child.input.map((x) => fromUnits(toUnits(x, c.decimals), c.decimals)),
          ]),
        );
        const { plan, view } = planAndView({
          nodes,
          inputs,
          topDown: { P: c.targets },
          settings: { periods: PERIODS, decimals: c.decimals, allowNegative: true },
        });
        const preview = allocateGap(plan, view, {
          nodeId: "P",
          basis: "gap",
          method: { kind: "even" },
        });
        for (let p = 0; p < PERIODS.length; p++) {
          const moves = preview.rows.map(
            (row, i) =>
              toUnits(row.cells[p].after as number, c.decimals) - toUnits(inputs[`C${i}`][p] as number, c.decimals),
          );
          expect(Math.max(...moves) - Math.min(...moves)).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
  });
});
