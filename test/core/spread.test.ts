import fc from "fast-check";
import { allocate, allocationProblem, fromUnits, toUnits } from "../../src/core/allocation";
import {
  MAX_SPREAD_PERIODS,
  percentText,
  profileProblem,
  profileWeights,
  spread,
  SpreadError,
  spreadProblem,
  type SpreadProfile,
} from "../../src/core/spread";

describe("spread", () => {
  it.each<[string, number, SpreadProfile, number, number[]]>([
    [
      "an annual 1,000 evenly over 12 months",
      1000,
      { kind: "even", periods: 12 },
      0,
      [84, 84, 84, 84, 83, 83, 83, 83, 83, 83, 83, 83],
    ],
    ["100 over three periods, cents", 100, { kind: "even", periods: 3 }, 2, [33.34, 33.33, 33.33]],
    [
      "by quarterly shares 20/20/20/40",
      1000,
      { kind: "shares", shares: [0.2, 0.2, 0.2, 0.4] },
      0,
      [200, 200, 200, 400],
    ],
    ["shares that need rounding", 100, { kind: "shares", shares: [1 / 3, 1 / 3, 1 / 3] }, 0, [34, 33, 33]],
    ["in proportion to last year", 1200, { kind: "lastYear", values: [100, 300, 200, 0] }, 0, [200, 600, 400, 0]],
    ["last year all zero: evenly", 10, { kind: "lastYear", values: [0, 0, 0] }, 0, [4, 3, 3]],
    [
      "by the weeks of 4-4-5: a 5-week month gets 5/52",
      5200,
      { kind: "weeks", pattern: "4-4-5", yearWeeks: 52 },
      0,
      [400, 400, 500, 400, 400, 500, 400, 400, 500, 400, 400, 500],
    ],
    [
      "by the weeks of a 53-week 5-4-4 year: the last month has 5",
      5300,
      { kind: "weeks", pattern: "5-4-4", yearWeeks: 53 },
      0,
      [500, 400, 400, 500, 400, 400, 500, 400, 400, 500, 400, 500],
    ],
    ["a negative total, signs turned", -10, { kind: "even", periods: 3 }, 0, [-4, -3, -3]],
    ["in thousands", 12_345, { kind: "even", periods: 2 }, -3, [6000, 6000]],
  ])("%s", (_case, total, profile, decimals, parts) => {
    expect(spread(total, profile, decimals)).toEqual(parts);
  });

  it.each<[string, SpreadProfile, string]>([
    [
      "shares short of 100%",
      { kind: "shares", shares: [0.2, 0.2, 0.2, 0.3] },
      "The shares total 90%; they must total 100%",
    ],
    [
      "twelve shares of 8.33%",
      { kind: "shares", shares: new Array<number>(12).fill(0.0833) },
      "The shares total 99.96%; they must total 100%",
    ],
    ["a negative share", { kind: "shares", shares: [0.6, -0.1, 0.5] }, "Share 2 is negative (-10%)"],
    ["a share that is not a number", { kind: "shares", shares: [0.5, Number.NaN] }, "Share 2 is not a number (NaN)"],
    [
      "a negative value of last year",
      { kind: "lastYear", values: [5, 3, -2] },
      "Value 3 is negative (-2); last year's values must be 0 or more",
    ],
    ["no periods", { kind: "lastYear", values: [] }, "There are no periods to spread the total over"],
    [
      "0 periods",
      { kind: "even", periods: 0 },
      `The number of periods must be a whole number from 1 to ${MAX_SPREAD_PERIODS} (it is 0)`,
    ],
    [
      "an unknown week pattern",
      { kind: "weeks", pattern: "4-4-4" as "4-4-5", yearWeeks: 52 },
      'The week pattern must be "4-4-5", "4-5-4" or "5-4-4" (it is 4-4-4)',
    ],
  ])("refuses %s with a message saying what is wrong", (_case, profile, message) => {
    expect(profileProblem(profile)).toBe(message);
    expect(() => spread(100, profile, 0)).toThrow(new SpreadError(message));
  });

  it("accepts shares that miss 100% only by floating-point noise (ten cells of 10%)", () => {
    const shares = new Array<number>(10).fill(0.1);
    expect(shares.reduce((a, b) => a + b, 0)).not.toBe(1);
    expect(spread(1000, { kind: "shares", shares }, 0)).toEqual(new Array<number>(10).fill(100));
  });

  it("refuses what ALLOCATE refuses: bad decimals, a total too large to count", () => {
    expect(spreadProblem(100, { kind: "even", periods: 2 }, 11)).toBe(
      "decimals must be a whole number from -10 to 10 (it is 11)",
    );
    expect(spreadProblem(1e20, { kind: "even", periods: 2 }, 0)).toBe(
      "100000000000000000000 is too large to split into parts of 1",
    );
  });

  it("shows a total of shares as the percentage a user typed", () => {
    expect(percentText(0.9996)).toBe("99.96%");
    expect(percentText(1.1)).toBe("110%");
    expect(percentText(0.3 + 0.6)).toBe("90%");
  });
});

/*
 * Properties over many random spreads, drawn from a fixed seed so a failure can be replayed: the
 * parts add up exactly to ROUND(total, decimals), each is within one unit of its exact share, and the
 * spread is BU.ALLOCATE's split by the profile's weights.
 */
describe("spread properties", () => {
  const RUNS = { numRuns: 1000, seed: 20_261_204 };

  const decimalsArb = fc.integer({ min: -3, max: 6 });
  const totalArb = fc.oneof(
    fc.integer({ min: -10_000_000, max: 10_000_000 }),
    fc.double({ min: -1e9, max: 1e9, noNaN: true }),
  );
  /** Shares that total exactly 100 %: whole basis points cut at random places, as typed percentages are. */
  const sharesArb = fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 0, maxLength: 23 }).map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), 10_000];
    return points.slice(1).map((point, i) => (point - points[i]) / 10_000);
  });
  const profileArb: fc.Arbitrary<SpreadProfile> = fc.oneof(
    fc.integer({ min: 1, max: 60 }).map((periods): SpreadProfile => ({ kind: "even", periods })),
    sharesArb.map((shares): SpreadProfile => ({ kind: "shares", shares })),
    fc
      .array(
        fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000_000 }), fc.double({ min: 0, max: 1e7, noNaN: true })),
        {
          minLength: 1,
          maxLength: 30,
        },
      )
      .map((values): SpreadProfile => ({ kind: "lastYear", values })),
    fc
      .record({
        pattern: fc.constantFrom("4-4-5" as const, "4-5-4" as const, "5-4-4" as const),
        yearWeeks: fc.constantFrom(52 as const, 53 as const),
      })
      .map(({ pattern, yearWeeks }): SpreadProfile => ({ kind: "weeks", pattern, yearWeeks })),
  );
  const caseArb = fc
    .record({ total: totalArb, profile: profileArb, decimals: decimalsArb })
    .filter(({ total, decimals }) => allocationProblem(total, decimals) === undefined);

  const unitsOf = (part: number, decimals: number): number =>
    decimals >= 0 ? Math.round(part * 10 ** decimals) : Math.round(part / 10 ** -decimals);

  it("every valid profile is accepted", () => {
    fc.assert(
      fc.property(caseArb, ({ total, profile, decimals }) => {
        expect(spreadProblem(total, profile, decimals)).toBeUndefined();
      }),
      RUNS,
    );
  });

  it("the parts are multiples of the unit and add up exactly to ROUND(total, decimals)", () => {
    fc.assert(
      fc.property(caseArb, ({ total, profile, decimals }) => {
        const parts = spread(total, profile, decimals);
        expect(parts).toHaveLength(profileWeights(profile).length);
        let units = 0;
        for (const part of parts) {
          expect(fromUnits(unitsOf(part, decimals), decimals)).toBe(part);
          units += unitsOf(part, decimals);
        }
        expect(units).toBe(toUnits(total, decimals));
      }),
      RUNS,
    );
  });

  it("each part is within one unit of its exact share of ROUND(total, decimals)", () => {
    fc.assert(
      fc.property(caseArb, ({ total, profile, decimals }) => {
        const parts = spread(total, profile, decimals);
        const weights = profileWeights(profile);
        const sum = weights.reduce((a, b) => a + b, 0);
        const units = toUnits(total, decimals);
        parts.forEach((part, i) => {
          const exact = sum === 0 ? units / weights.length : (units * weights[i]) / sum;
          expect(Math.abs(unitsOf(part, decimals) - exact)).toBeLessThan(1 + 1e-6);
        });
      }),
      RUNS,
    );
  });

  it("is BU.ALLOCATE's split of the total by the profile's weights", () => {
    fc.assert(
      fc.property(caseArb, ({ total, profile, decimals }) => {
        expect(spread(total, profile, decimals)).toEqual(allocate(total, [...profileWeights(profile)], decimals));
      }),
      { ...RUNS, numRuns: 200 },
    );
  });

  it("shares off 100% by a basis point or more are always refused, naming their total", () => {
    fc.assert(
      fc.property(sharesArb, fc.integer({ min: 1, max: 5000 }), fc.boolean(), (shares, points, more) => {
        const off = [...shares, (more ? points : 0) / 10_000];
        if (!more) off[0] = Math.max(0, off[0] - points / 10_000);
        const total = off.reduce((a, b) => a + b, 0);
        fc.pre(Math.abs(total - 1) >= 0.0001 - 1e-12);
        expect(profileProblem({ kind: "shares", shares: off })).toBe(
          `The shares total ${percentText(total)}; they must total 100%`,
        );
      }),
      RUNS,
    );
  });
});
