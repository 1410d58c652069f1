import fc from "fast-check";
import type { FormulaResult } from "../../../src/core/cell";
import { cascade } from "../../../src/core/formulas/allocationFormulas";
import { forgetLastHierarchy } from "../../../src/core/formulas/args";
import { level, path, rollup } from "../../../src/core/formulas/hierarchyFormulas";

/**
 * Calls on the same ids and parents reuse the last hierarchy (a report recalculating); a call whose
 * ids or parents differ in any cell must answer exactly as a first call would.
 */
type Call = (ids: unknown, parents: unknown) => FormulaResult;

const calls: Record<string, Call> = {
  ROLLUP: (ids, parents) => rollup(ids, parents, [[1], [2], [3], [4], [5]]),
  "ROLLUP count": (ids, parents) => rollup(ids, parents, [[1], [""], [3], [4], [null]], null, "count"),
  LEVEL: (ids, parents) => level(ids, parents),
  PATH: (ids, parents) => path(ids, parents),
  CASCADE: (ids, parents) =>
    cascade(ids, parents, [[100], [""], [""], [""], [""]], [[1], [2], [3], [""], [5]], 0, true),
};

const column = (cells: unknown[]): unknown[][] => cells.map((cell) => [cell]);

function fresh(call: Call, ids: unknown, parents: unknown): FormulaResult {
  forgetLastHierarchy();
  return call(ids, parents);
}

describe("reusing the last hierarchy", () => {
  afterEach(forgetLastHierarchy);

  it.each(Object.entries(calls))("%s answers as a first call when parents change between calls", (_, call) => {
    const ids = column(["A", "B", "C", "D", "E"]);
    const before = column(["", "A", "A", "B", "B"]);
    const after = column(["", "A", "B", "C", "A"]);
    call(ids, before);
    const reused = call(ids, after);
    expect(reused).toEqual(fresh(call, ids, after));
    expect(reused).not.toEqual(fresh(call, ids, before));
  });

  it("reads a 0 in ids or parents as blank, whether or not the hierarchy is reused", () => {
    const ids = column(["A", "B", 0, "D", "E"]);
    const parents = column([0, "A", "A", "B", "B"]);
    const first = rollup(ids, parents, [[1], [2], [3], [4], [5]]);
    expect(
      rollup(column(["A", "B", null, "D", "E"]), column([null, "A", "A", "B", "B"]), [[1], [2], [3], [4], [5]]),
    ).toEqual(first);
    expect(first).toEqual([[12], [11], [""], [4], [5]]);
  });

  it("answers as a first call for any sequence of changed ids and parents", () => {
    const idPool = ["A", "a", " B", "C", 0, null, 7, "7", "", true];
    const cells = fc.array(fc.constantFrom(...idPool), { minLength: 5, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(fc.tuple(cells, cells), { minLength: 1, maxLength: 6 }), (steps) => {
        forgetLastHierarchy();
        const reused = steps.map(([ids, parents]) =>
          Object.values(calls).map((call) => call(column(ids), column(parents))),
        );
        const first = steps.map(([ids, parents]) =>
          Object.values(calls).map((call) => fresh(call, column(ids), column(parents))),
        );
        expect(reused).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });
});
