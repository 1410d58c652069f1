import fc from "fast-check";
import {
  allocate,
  AllocationError,
  allocationProblem,
  excelRound,
  fromUnits,
  splitExactly,
  toUnits,
  unitText,
  UnitSplitter,
} from "../../src/core/allocation";

describe("excelRound", () => {
  it.each([
    // [value, decimals, expected]
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [0.5, 0, 1],
    [-0.5, 0, -1],
    [123.456, 0, 123],
    [123.456, 2, 123.46],
    // Stored as 2.67499999..., 1.00499999... and 1.44999...; Excel rounds the decimal it shows.
    [2.675, 2, 2.68],
    [1.005, 2, 1.01],
    [1.45, 1, 1.5],
    [0.1 + 0.2, 1, 0.3],
    [1234.5, -1, 1230],
    [125, -1, 130],
    [-125, -1, -130],
    [12345, -2, 12300],
    [1e-7, 10, 1e-7],
    [1.23456789012, 10, 1.2345678901],
    [1e20, 2, 1e20],
  ])("ROUND(%p, %p) = %p", (value, decimals, expected) => {
    expect(excelRound(value, decimals)).toBe(expected);
  });

  it("never gives negative zero", () => {
    expect(Object.is(excelRound(-0.4, 0), 0)).toBe(true);
    expect(Object.is(excelRound(-0, 2), 0)).toBe(true);
  });

  it("counts units of 10^-decimals, and is NaN for what is not finite", () => {
    expect(toUnits(1.23, 2)).toBe(123);
    expect(toUnits(1500, -3)).toBe(2);
    expect(toUnits(Number.NaN, 0)).toBeNaN();
    expect(toUnits(Number.POSITIVE_INFINITY, 0)).toBeNaN();
    expect(fromUnits(3, 1)).toBe(0.3);
    expect(fromUnits(2, -3)).toBe(2000);
  });

  it.each([
    [2, "0.01"],
    [10, "0.0000000001"],
    [0, "1"],
    [-3, "1000"],
  ])("names the unit of %p decimals %p", (decimals, text) => {
    expect(unitText(decimals)).toBe(text);
  });
});

describe("allocate", () => {
  it.each([
    // [case, total, weights, decimals, parts]
    ["proportional", 100, [1, 3], 0, [25, 75]],
    ["leftover to the largest remainder", 10, [1, 2, 3], 0, [2, 3, 5]],
    ["equal weights: leftover to the earlier parts", 100, [1, 1, 1], 0, [34, 33, 33]],
    ["tie in remainder: the larger weight first", 2, [1, 3], 0, [0, 2]],
    ["tie on paper with decimal weights", 2, [0.1, 0.3], 0, [0, 2]],
    ["tie in remainder and weight: the earlier part", 3, [1, 1, 1, 1], 0, [1, 1, 1, 0]],
    ["tie: larger weight beats earlier index", 4, [2, 1, 5], 0, [1, 0, 3]],
    ["tie between equal weights: the earlier", 2, [1, 3, 1], 0, [1, 1, 0]],
    ["all weights zero: even", 10, [0, 0, 0], 0, [4, 3, 3]],
    ["a zero weight among others gets nothing", 10, [0, 1, 1], 0, [0, 5, 5]],
    ["one weight takes everything", 7.5, [4], 0, [8]],
    ["total rounded first (half away from zero)", 10.5, [1, 1], 0, [6, 5]],
    ["negative total", -10, [1, 1, 1], 0, [-4, -3, -3]],
    ["negative total, proportional", -100, [1, 3], 0, [-25, -75]],
    ["negative total, tie to the larger weight", -2, [1, 3], 0, [0, -2]],
    ["negative total rounded away from zero", -10.5, [1, 1], 0, [-6, -5]],
    ["decimals", 1, [1, 1, 1], 2, [0.34, 0.33, 0.33]],
    ["parts print cleanly", 0.3, [1, 1, 1], 1, [0.1, 0.1, 0.1]],
    ["parts print cleanly", 0.7, [1, 2, 4], 1, [0.1, 0.2, 0.4]],
    ["total rounded to the decimals", 2.675, [1], 2, [2.68]],
    ["negative decimals split whole hundreds", 12345, [1, 1], -2, [6200, 6100]],
    ["zero total", 0, [1, 2], 0, [0, 0]],
    ["total that rounds to zero", -0.4, [1, 2], 0, [0, 0]],
    ["no weights and nothing to split", 0, [], 0, []],
    ["weights too large to add up", 100, [Number.MAX_VALUE, Number.MAX_VALUE, Number.MAX_VALUE], 0, [34, 33, 33]],
    ["tiny weights", 3, [Number.MIN_VALUE, 2 * Number.MIN_VALUE], 0, [1, 2]],
    ["tiny weights, tie to the larger", 1, [1e-200, 3e-200], 1, [0.2, 0.8]],
    ["large total", 1e15, [1, 1, 1], 0, [333333333333334, 333333333333333, 333333333333333]],
  ])("%s: %p over %p at %p decimals", (_case, total, weights, decimals, parts) => {
    const result = allocate(total, weights, decimals);
    expect(result).toEqual(parts);
    expect(result.some((part) => Object.is(part, -0))).toBe(false);
  });

  it.each([
    ["decimals not whole", 10, [1], 2.5, "decimals must be a whole number from -10 to 10 (it is 2.5)"],
    ["decimals too many", 10, [1], 11, "decimals must be a whole number from -10 to 10 (it is 11)"],
    ["decimals too few", 10, [1], -11, "decimals must be a whole number from -10 to 10 (it is -11)"],
    ["total not finite", Number.NaN, [1], 0, "total must be a number (it is NaN)"],
    ["total too large for the unit", 1e300, [1], 2, "1e+300 is too large to split into parts of 0.01"],
    ["negative weight", 10, [1, -1], 0, "Weight 2 is negative (-1)"],
    ["weight not finite", 10, [Number.POSITIVE_INFINITY], 0, "Weight 1 is not a number (Infinity)"],
    ["nothing to split across", 5, [], 0, "There are no weights to split 5 across"],
  ])("rejects %s", (_case, total, weights, decimals, message) => {
    expect(() => allocate(total, weights, decimals)).toThrow(new AllocationError(message));
    expect(() => allocate(total, weights, decimals)).toThrow(AllocationError);
  });

  it("says in advance whether a total can be split", () => {
    expect(allocationProblem(100, 2)).toBeUndefined();
    // Excel holds 15 significant digits: parts beyond them could not be told apart.
    expect(allocationProblem(1e15, 0)).toBeUndefined();
    expect(allocationProblem(2e15, 0)).toBe("2000000000000000 is too large to split into parts of 1");
    expect(allocationProblem(1e12, 4)).toBe("1000000000000 is too large to split into parts of 0.0001");
    expect(allocationProblem(2e15, -1)).toBeUndefined();
    expect(allocationProblem(Number.POSITIVE_INFINITY, 0)).toBe("total must be a number (it is Infinity)");
  });
});

describe("UnitSplitter", () => {
  it("gives the same parts when its buffers are reused between splits of different sizes", () => {
    const splitter = new UnitSplitter();
    const wide = new Float64Array(10);
    splitter.split(7, Array(10).fill(1), 10, wide);
    expect(Array.from(wide)).toEqual([1, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
    const narrow = new Float64Array(2);
    splitter.split(5, [2, 1], 2, narrow);
    expect(Array.from(narrow)).toEqual([3, 2]);
    const larger = new Float64Array(40);
    splitter.split(-41, Array(40).fill(1), 40, larger);
    expect(larger[0]).toBe(-2);
    expect(larger.reduce((a, b) => a + b, 0)).toBe(-41);
  });

  it("only reads the first `count` weights", () => {
    const out = new Float64Array(3);
    new UnitSplitter().split(10, [1, 1, 1000], 2, out);
    expect(Array.from(out)).toEqual([5, 5, 0]);
  });
});

describe("splitExactly", () => {
  it.each([
    [100, [1, 3], [25, 75]],
    [100, [0, 0, 0, 0], [25, 25, 25, 25]],
    [-90, [1, 2], [-30, -60]],
    [100, [Number.MAX_VALUE, Number.MAX_VALUE], [50, 50]],
    [0.1, [Number.MIN_VALUE, Number.MIN_VALUE], [0.05, 0.05]],
    [0, [1, 1], [0, 0]],
  ])("%p over %p", (total, weights, parts) => {
    const out = new Float64Array(weights.length);
    splitExactly(total, weights, weights.length, out);
    expect(Array.from(out)).toEqual(parts);
  });

  it("does not round", () => {
    const out = new Float64Array(2);
    splitExactly(100, [1, 2], 2, out);
    expect(Array.from(out)).toEqual([100 / 3, 200 / 3]);
  });
});

describe("allocate properties", () => {
  const decimalsArb = fc.integer({ min: -3, max: 6 });
  const totalArb = fc.oneof(
    fc.integer({ min: -1_000_000, max: 1_000_000 }),
    fc.double({ min: -1e9, max: 1e9, noNaN: true }),
  );
  const weightArb = fc.oneof(
    fc.constant(0),
    fc.integer({ min: 0, max: 100 }),
    fc.double({ min: 0, max: 1e6, noNaN: true }),
    fc.constantFrom(0.1, 0.2, 0.3, 0.25),
    fc.constantFrom(Number.MIN_VALUE, 1e-200, 1e200, Number.MAX_VALUE),
  );
  const caseArb = fc
    .record({
      total: totalArb,
      weights: fc.array(weightArb, { minLength: 1, maxLength: 30 }),
      decimals: decimalsArb,
    })
    .filter(({ total, decimals }) => allocationProblem(total, decimals) === undefined);

  const unitsOf = (part: number, decimals: number): number =>
    decimals >= 0 ? Math.round(part * 10 ** decimals) : Math.round(part / 10 ** -decimals);

  it("parts are clean multiples of the unit that add up exactly to ROUND(total, decimals)", () => {
    fc.assert(
      fc.property(caseArb, ({ total, weights, decimals }) => {
        const parts = allocate(total, weights, decimals);
        expect(parts).toHaveLength(weights.length);
        let sum = 0;
        for (const part of parts) {
          const units = unitsOf(part, decimals);
          expect(fromUnits(units, decimals)).toBe(part);
          sum += units;
        }
        expect(sum).toBe(toUnits(total, decimals));
      }),
      { numRuns: 500 },
    );
  });

  it("each part is within one unit of its exact share", () => {
    fc.assert(
      fc.property(caseArb, ({ total, weights, decimals }) => {
        const parts = allocate(total, weights, decimals);
        const units = toUnits(total, decimals);
        // Against the largest weight, so that weights near the largest double don't overflow the sum.
        const largest = Math.max(...weights);
        const scaled = weights.map((weight) => (largest === 0 ? 1 : weight / largest));
        const scaledSum = scaled.reduce((a, b) => a + b, 0);
        parts.forEach((part, i) => {
          const share = units * (scaled[i] / scaledSum);
          expect(Math.abs(unitsOf(part, decimals) - share)).toBeLessThan(1 + 1e-6);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("a larger weight never gets a smaller part", () => {
    fc.assert(
      fc.property(caseArb, ({ total, weights, decimals }) => {
        const parts = allocate(Math.abs(total), weights, decimals);
        for (let i = 0; i < weights.length; i++) {
          for (let j = 0; j < weights.length; j++) {
            if (weights[i] > weights[j]) expect(parts[i]).toBeGreaterThanOrEqual(parts[j]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a negative total is split as its magnitude, signs turned", () => {
    fc.assert(
      fc.property(caseArb, ({ total, weights, decimals }) => {
        expect(allocate(-total, weights, decimals)).toEqual(allocate(total, weights, decimals).map((part) => 0 - part));
      }),
      { numRuns: 300 },
    );
  });
});
