import { CellError } from "../../src/core/cell";
import { Hierarchy } from "../../src/core/hierarchy/hierarchy";
import { rollup, type RollupMethod } from "../../src/core/rollup";

function hierarchyOf(ids: readonly unknown[], parents: readonly unknown[]): Hierarchy {
  const result = Hierarchy.build(ids, parents);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("; "));
  return result.hierarchy;
}

const DIV0 = new CellError("DIV0", "No numbers to average");

// Two periods; the blank-id row's values must never count.
const ids = ["Company", "EMEA", "UK", "FR", "", "AMER", "US", "Other"];
const parents = ["", "Company", "EMEA", "EMEA", "Company", "Company", "AMER", ""];
const values: unknown[][] = [
  [1, -5],
  [10, ""],
  [100, 3],
  ["n/a", -7],
  [5000, 99],
  [null, 2],
  [1000, Number.NaN],
  [true, Number.POSITIVE_INFINITY],
];
const hierarchy = hierarchyOf(ids, parents);
const nodes = ["Company", "EMEA", "UK", "FR", "AMER", "US", "Other"];

describe("rollup", () => {
  it.each<[RollupMethod, (number | CellError)[][]]>([
    [
      "sum",
      [
        [1111, -7],
        [110, -4],
        [100, 3],
        [0, -7],
        [1000, 2],
        [1000, 0],
        [0, 0],
      ],
    ],
    [
      "count",
      [
        [4, 4],
        [2, 2],
        [1, 1],
        [0, 1],
        [1, 1],
        [1, 0],
        [0, 0],
      ],
    ],
    [
      "avg",
      [
        [277.75, -1.75],
        [55, -2],
        [100, 3],
        [DIV0, -7],
        [1000, 2],
        [1000, DIV0],
        [DIV0, DIV0],
      ],
    ],
    [
      "min",
      [
        [1, -7],
        [10, -7],
        [100, 3],
        [0, -7],
        [1000, 2],
        [1000, 0],
        [0, 0],
      ],
    ],
    [
      "max",
      [
        [1000, 3],
        [100, 3],
        [100, 3],
        [0, -7],
        [1000, 2],
        [1000, 0],
        [0, 0],
      ],
    ],
  ])("aggregates each node's own and descendants' numbers by %s", (method, expected) => {
    const result = rollup(hierarchy, values, 2, method);
    expect(nodes.map((id) => result.row(hierarchy.find(id) as number))).toEqual(expected);
    expect(nodes.map((id) => [0, 1].map((column) => result.cell(hierarchy.find(id) as number, column)))).toEqual(
      expected,
    );
  });

  it("gives #NUM! where a sum overflows, and only there", () => {
    const big = hierarchyOf(["A", "B", "C"], ["", "A", "A"]);
    const result = rollup(big, [[1], [Number.MAX_VALUE], [Number.MAX_VALUE]], 1, "sum");
    expect(result.cell(0, 0)).toEqual(new CellError("NUM", "The result is too large for a number"));
    expect(result.cell(1, 0)).toBe(Number.MAX_VALUE);
    expect(rollup(big, [[0], [Number.MAX_VALUE], [-Number.MAX_VALUE]], 1, "sum").cell(0, 0)).toBe(0);
  });

  it("reads a short row as blank past its end", () => {
    const pair = hierarchyOf(["A", "B"], ["", "A"]);
    expect(rollup(pair, [[1, 2], [3]], 2, "sum").row(0)).toEqual([4, 2]);
  });

  it("rolls up a 100,000-deep chain without overflowing the stack", () => {
    const n = 100_000;
    const chainIds = Array.from({ length: n }, (_, i) => `N${i}`);
    const chain = hierarchyOf(
      chainIds,
      chainIds.map((_, i) => (i === 0 ? "" : chainIds[i - 1])),
    );
    const result = rollup(
      chain,
      chainIds.map(() => [1, 2]),
      2,
      "sum",
    );
    expect(result.row(0)).toEqual([n, 2 * n]);
    expect(result.row(n - 1)).toEqual([1, 2]);
    expect(
      rollup(
        chain,
        chainIds.map((_, i) => [i]),
        1,
        "max",
      ).cell(0, 0),
    ).toBe(n - 1);
  });
});
