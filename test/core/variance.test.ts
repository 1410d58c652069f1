import fc from "fast-check";
import { CellError, type ResultCell } from "../../src/core/cell";
import { varianceGrid, varianceOf, type VarianceMode } from "../../src/core/variance";

const NA = new CellError("NA", 'No node "X"');
const REF = new CellError("VALUE", "something upstream");
const DIV0 = expect.objectContaining({ code: "DIV0" });
const NUM = expect.objectContaining({ code: "NUM" });

describe("varianceOf", () => {
  it.each<[string, unknown, unknown, VarianceMode, unknown]>([
    ["abs: actual above target", 5, 3, "abs", 2],
    ["abs: actual below target", 3, 5, "abs", -2],
    ["abs: zero target is fine", 5, 0, "abs", 5],
    ["pct: 10% over", 110, 100, "pct", 0.1],
    ["pct: 10% under", 90, 100, "pct", -0.1],
    ["pct: over a negative target uses ABS(target)", 90, -100, "pct", 1.9],
    ["pct: under a negative target", -150, -100, "pct", -0.5],
    ["ratio", 50, 100, "ratio", 0.5],
    ["ratio: negative target", 50, -100, "ratio", -0.5],
    ["pct: zero target", 5, 0, "pct", DIV0],
    ["pct: zero over zero", 0, 0, "pct", DIV0],
    ["ratio: zero target", 5, 0, "ratio", DIV0],
    ["blank actual (null)", null, 5, "abs", ""],
    ["blank actual (undefined)", undefined, 5, "pct", ""],
    ["blank actual (empty text)", "", 5, "ratio", ""],
    ["blank target", 5, null, "abs", ""],
    ["blank target, pct", 5, "", "pct", ""],
    ["text actual", "n/a", 5, "abs", ""],
    ["number as text is text", "5", 5, "abs", ""],
    ["boolean actual", true, 1, "abs", ""],
    ["boolean target", 1, false, "ratio", ""],
    ["blank target beats a zero division", 0, null, "ratio", ""],
    ["text actual with zero target", "x", 0, "pct", ""],
    ["NaN is not a number", Number.NaN, 1, "abs", ""],
    ["infinity is not a number", Number.POSITIVE_INFINITY, 1, "abs", ""],
    ["infinite target", 1, Number.NEGATIVE_INFINITY, "ratio", ""],
    ["an object is not a number", { value: 1 }, 1, "abs", ""],
    ["overflow", 1e308, -1e308, "abs", NUM],
    ["ratio overflow", 1e308, 1e-308, "ratio", NUM],
    ["error in actual comes through", NA, 5, "abs", NA],
    ["error in target comes through", 5, NA, "pct", NA],
    ["error in actual first", REF, NA, "ratio", REF],
    ["error beats a blank", "", NA, "abs", NA],
  ])("%s", (_case, actual, target, mode, expected) => {
    expect(varianceOf(actual, target, mode)).toEqual(expected);
  });

  it.each<[unknown, unknown, VarianceMode]>([
    [0, 0, "abs"],
    [-0, 0, "abs"],
    [0, -5, "ratio"],
    [-5, -5, "pct"],
  ])("gives 0, not -0, for %p against %p (%s)", (actual, target, mode) => {
    expect(Object.is(varianceOf(actual, target, mode), 0)).toBe(true);
  });
});

describe("varianceGrid", () => {
  it("works cell by cell on ranges of the same shape", () => {
    expect(
      varianceGrid(
        [
          [110, 90],
          [null, "x"],
        ],
        [
          [100, 100],
          [100, 100],
        ],
        "pct",
      ),
    ).toEqual([
      [0.1, -0.1],
      ["", ""],
    ]);
  });

  it("uses a single target for every actual", () => {
    expect(
      varianceGrid(
        [
          [1, 2],
          [3, ""],
        ],
        [[2]],
        "abs",
      ),
    ).toEqual([
      [-1, 0],
      [1, ""],
    ]);
  });

  it("uses a single actual against every target", () => {
    expect(varianceGrid([[10]], [[5], [0], ["x"]], "ratio")).toEqual([[2], [DIV0], [""]]);
  });

  it("gives one cell for two single cells", () => {
    expect(varianceGrid([[7]], [[4]], "abs")).toEqual([[3]]);
  });

  it.each([
    [
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      [
        [1, 1],
        [1, 1],
      ],
      "actual is 3x2 but target is 2x2; give ranges of the same shape or a single cell",
    ],
    [[[1, 2, 3]], [[1], [2], [3]], "actual is 1x3 but target is 3x1; give ranges of the same shape or a single cell"],
    [[[1], [2]], [[1, 2]], "actual is 2x1 but target is 1x2; give ranges of the same shape or a single cell"],
  ])("fails the call when %p and %p don't broadcast", (actual, target, message) => {
    expect(varianceGrid(actual, target, "abs")).toEqual(new CellError("VALUE", message));
  });

  const cellArb = fc.oneof(
    { weight: 4, arbitrary: fc.double({ min: -1e12, max: 1e12, noNaN: true }) },
    { weight: 2, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(null, undefined, "", " ", "text", true, false, 0),
    },
  );
  const gridsArb = fc
    .record({ rows: fc.integer({ min: 1, max: 6 }), columns: fc.integer({ min: 1, max: 6 }) })
    .chain(({ rows, columns }) => {
      const grid = fc.array(fc.array(cellArb, { minLength: columns, maxLength: columns }), {
        minLength: rows,
        maxLength: rows,
      });
      return fc.tuple(grid, grid);
    });

  it('abs is actual − target cell by cell, and "" where either is not a number', () => {
    fc.assert(
      fc.property(gridsArb, ([actual, target]) => {
        const result = varianceGrid(actual, target, "abs") as ResultCell[][];
        actual.forEach((row, r) =>
          row.forEach((a, c) => {
            const t = target[r][c];
            const expected = typeof a === "number" && typeof t === "number" ? a - t + 0 : "";
            expect(result[r][c]).toBe(expected);
          }),
        );
      }),
    );
  });

  it("a single cell on either side is the same as a range full of it", () => {
    fc.assert(
      fc.property(gridsArb, cellArb, fc.constantFrom<VarianceMode>("abs", "pct", "ratio"), ([grid], single, mode) => {
        const filled = grid.map((row) => row.map(() => single));
        expect(varianceGrid(grid, [[single]], mode)).toEqual(varianceGrid(grid, filled, mode));
        expect(varianceGrid([[single]], grid, mode)).toEqual(varianceGrid(filled, grid, mode));
      }),
    );
  });

  it("handles 100,000 x 12 cell by cell (speed is measured by npm run bench)", () => {
    const rows = 100_000;
    const columns = 12;
    const actual = Array.from({ length: rows }, (_, r) =>
      Array.from({ length: columns }, (_, c) => (r % 17 === c ? "" : r * 1.37 + c * 0.11)),
    );
    const target = Array.from({ length: rows }, (_, r) =>
      Array.from({ length: columns }, (_, c) => (c === 3 ? 0 : r + c + 1)),
    );
    const result = varianceGrid(actual, target, "abs") as unknown[][];
    expect(result).toHaveLength(rows);
    expect(result[rows - 1][0]).toBeCloseTo((rows - 1) * 1.37 - rows, 9);
    expect(result[17][0]).toBe("");
  });
});
