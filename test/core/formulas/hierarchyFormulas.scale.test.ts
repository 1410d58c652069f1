import { CellError } from "../../../src/core/cell";
import {
  children,
  descendants,
  level,
  parentsFromLevels,
  path,
  rollup,
  tree,
} from "../../../src/core/formulas/hierarchyFormulas";

function grid(result: unknown): unknown[][] {
  if (!Array.isArray(result)) throw new Error(`expected a grid, got ${JSON.stringify(result)}`);
  return result as unknown[][];
}

describe("a 100,000-deep chain", () => {
  const n = 100_000;
  const ids = Array.from({ length: n }, (_, i) => [`N${i}`]);
  const parents = ids.map((_, i) => [i === 0 ? "" : `N${i - 1}`]);
  const last = `N${n - 1}`;

  it("rolls up to the top without overflowing the stack", () => {
    const result = grid(
      rollup(
        ids,
        parents,
        ids.map(() => [1, 2]),
      ),
    );
    expect(result).toHaveLength(n);
    expect(result[0]).toEqual([n, 2 * n]);
    expect(result[n - 1]).toEqual([1, 2]);
  });

  it("gives every level", () => {
    const result = grid(level(ids, parents));
    expect(result[0]).toEqual([1]);
    expect(result[n - 1]).toEqual([n]);
  });

  it("gives the path of a deep node, and #VALUE! for the deepest, longer than a cell holds", () => {
    const deep = 3000;
    expect(grid(path(ids, parents, `N${deep - 1}`))[0][0]).toBe(
      ids
        .slice(0, deep)
        .map(([id]) => id)
        .join(" > "),
    );
    expect(path(ids, parents, last)).toEqual([
      [new CellError("VALUE", `The path of "${last}" is longer than 32767 characters, the most a cell holds`)],
    ]);
  });

  it("lists the tree and the descendants in order", () => {
    const listed = grid(tree(ids, parents));
    expect(listed).toHaveLength(n);
    expect(listed[n - 1]).toEqual([last]);
    const below = grid(descendants(ids, parents, "N0"));
    expect(below).toHaveLength(n - 1);
    expect(below[0]).toEqual(["N1"]);
    expect(below[n - 2]).toEqual([last]);
    expect(grid(descendants(ids, parents, "N0", true))).toEqual([[last]]);
    expect(children(ids, parents, "N500")).toEqual([["N501"]]);
  });

  it("derives the parents from 100,000 levels", () => {
    const result = grid(
      parentsFromLevels(
        ids,
        ids.map((_, i) => [i + 1]),
      ),
    );
    expect(result[0]).toEqual([""]);
    expect(result[n - 1]).toEqual([`N${n - 2}`]);
  });
});

describe("ROLLUP at 100,000 nodes x 12 periods", () => {
  // Speed is measured by `npm run bench`, not asserted here; this checks the answer at that size.
  it("rolls every value up to the root, ignoring blanks and text as SUM does", () => {
    const nodes = 100_000;
    const periods = 12;
    const ids = Array.from({ length: nodes }, (_, i) => [`Node${i}`]);
    const parents = ids.map((_, i) => [i === 0 ? "" : `NODE${Math.floor((i - 1) / 10)}`]);
    const values = ids.map((_, i) =>
      Array.from({ length: periods }, (_, p) =>
        (i + p) % 13 === 0 ? "" : (i + p) % 17 === 0 ? "n/a" : (i * p) % 1000,
      ),
    );
    const result = grid(rollup(ids, parents, values));
    expect(result).toHaveLength(nodes);
    for (let p = 0; p < periods; p++) {
      let total = 0;
      for (const row of values) if (typeof row[p] === "number") total += row[p] as number;
      expect(result[0][p]).toBe(total);
    }
  });
});
