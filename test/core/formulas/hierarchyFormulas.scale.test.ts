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

describe("ROLLUP speed", () => {
  const nodes = 100_000;
  const periods = 12;
  const ids = Array.from({ length: nodes }, (_, i) => [`Node${i}`]);
  // Ten children a node, listed in sheet order; a few blanks and texts among the numbers.
  const parents = ids.map((_, i) => [i === 0 ? "" : `NODE${Math.floor((i - 1) / 10)}`]);
  const values = ids.map((_, i) =>
    Array.from({ length: periods }, (_, p) => ((i + p) % 13 === 0 ? "" : (i + p) % 17 === 0 ? "n/a" : (i * p) % 1000)),
  );

  /**
   * Reads every input cell once and allocates an output grid of the same shape, touching no global
   * (`new Array` is a global lookup, slow in jest's VM context) so the bar is as low as it gets.
   */
  function singlePass(): unknown[][] {
    const out: unknown[][] = [];
    let seen = 0;
    for (let r = 0; r < nodes; r++) {
      if (typeof ids[r][0] === "string") seen++;
      if (typeof parents[r][0] === "string") seen++;
      const row = values[r];
      const cells: unknown[] = [];
      for (let p = 0; p < periods; p++) {
        const cell = row[p];
        cells[p] = typeof cell === "number" ? cell : seen;
      }
      out[r] = cells;
    }
    return out;
  }

  /**
   * CPU time of one run in ms. Unlike wall time it does not grow when other processes take the
   * machine (tests run in parallel), so the ratio below stays meaningful on a busy machine.
   */
  function cpuTime(run: () => unknown): number {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  }

  it("runs 100,000 nodes x 12 periods within 4x of one pass over the cells", () => {
    // Interleaved, so a slow spell of the machine hits both sides alike; medians, so one garbage
    // collection more or less on either side does not decide the outcome.
    const pass: number[] = [];
    const call: number[] = [];
    for (let round = 0; round < 11; round++) {
      pass.push(cpuTime(singlePass));
      call.push(cpuTime(() => rollup(ids, parents, values)));
    }
    expect(median(call) / median(pass)).toBeLessThan(4);
  });
});

function median(samples: readonly number[]): number {
  return [...samples].sort((a, b) => a - b)[samples.length >> 1];
}
