import fc from "fast-check";
import { toUnits } from "../../src/core/allocation";
import { cascadeTargets } from "../../src/core/cascade";
import { CellError, type FormulaResult, type ResultCell } from "../../src/core/cell";
import { Hierarchy } from "../../src/core/hierarchy/hierarchy";

/** One row per node: id, parent, then targets for each period, then the weight(s). */
interface Row {
  id: unknown;
  parent: unknown;
  targets: unknown[];
  weights: unknown[];
}

function run(rows: readonly Row[], decimals?: number): FormulaResult {
  const built = Hierarchy.build(
    rows.map((row) => row.id),
    rows.map((row) => row.parent),
  );
  if (!built.ok) throw new Error(built.problems.map((problem) => problem.message).join("; "));
  return cascadeTargets(
    built.hierarchy,
    rows.map((row) => row.targets),
    rows.map((row) => row.weights),
    decimals,
  );
}

const row = (id: unknown, parent: unknown, target: unknown, weight: unknown = null): Row => ({
  id,
  parent,
  targets: [target],
  weights: [weight],
});

/** The first period of each row, for the single-period cases. */
function firstColumn(result: FormulaResult): ResultCell[] {
  if (result instanceof CellError) throw new Error(result.message);
  return result.map((cells) => cells[0]);
}

describe("cascadeTargets", () => {
  it.each<[string, Row[], number | undefined, ResultCell[]]>([
    [
      "a child without a target gets a share, and its children share that",
      [
        row("Co", "", 1000),
        row("EMEA", "Co", null, 3),
        row("UK", "EMEA", null, 1),
        row("DE", "EMEA", null, 1),
        row("AM", "Co", null, 1),
      ],
      undefined,
      [1000, 750, 375, 375, 250],
    ],
    [
      "a negative weight (a node planning a loss) counts as 0",
      [row("Co", "", 100), row("A", "Co", null, 2), row("B", "Co", null, -5), row("C", "Co", null, 3)],
      undefined,
      [100, 40, 0, 60],
    ],
    [
      "held children are taken off before the others share",
      [row("Co", "", 1000), row("EMEA", "Co", 600, 100), row("AM", "Co", null, 1), row("APAC", "Co", null, 3)],
      undefined,
      [1000, 600, 100, 300],
    ],
    [
      "held children exceeding the parent leave a negative share",
      [row("Co", "", 100), row("A", "Co", 80), row("B", "Co", 50), row("C", "Co", null, 1), row("D", "Co", null, 1)],
      undefined,
      [100, 80, 50, -15, -15],
    ],
    [
      "a negative share is split by weight like any other",
      [row("Co", "", 100), row("A", "Co", 130), row("B", "Co", null, 1), row("C", "Co", null, 2)],
      0,
      [100, 130, -10, -20],
    ],
    [
      "blank, text and boolean weights count as 0",
      [
        row("Co", "", 90),
        row("A", "Co", null, ""),
        row("B", "Co", null, "x"),
        row("C", "Co", null, 3),
        row("D", "Co", null, true),
      ],
      undefined,
      [90, 0, 0, 90, 0],
    ],
    [
      "all weights 0: evenly",
      [row("Co", "", 90), row("A", "Co", null, 0), row("B", "Co", null, null), row("C", "Co", null, "x")],
      undefined,
      [90, 30, 30, 30],
    ],
    [
      "all weights 0, rounded: the leftover to the earlier children",
      [row("Co", "", 100), row("A", "Co", null, 0), row("B", "Co", null, 0), row("C", "Co", null, 0)],
      0,
      [100, 34, 33, 33],
    ],
    [
      "rounded per split: each family adds up to its parent",
      [
        row("Co", "", 100),
        row("A", "Co", null, 1),
        row("A1", "A", null, 1),
        row("A2", "A", null, 1),
        row("B", "Co", null, 1),
        row("C", "Co", null, 1),
      ],
      1,
      [100, 33.4, 16.7, 16.7, 33.3, 33.3],
    ],
    [
      "ties in remainder go to the larger weight",
      [row("Co", "", 2), row("A", "Co", null, 1), row("B", "Co", null, 3)],
      0,
      [2, 0, 2],
    ],
    [
      "a held target is kept as entered; what is left is rounded",
      [row("Co", "", 100.5), row("A", "Co", 10.25), row("B", "Co", null, 1), row("C", "Co", null, 1)],
      0,
      [100.5, 10.25, 45, 45],
    ],
    [
      "negative decimals split whole thousands",
      [row("Co", "", 10000), row("A", "Co", null, 1), row("B", "Co", null, 2)],
      -3,
      [10000, 3000, 7000],
    ],
    [
      "no decimals: exact shares",
      [row("Co", "", 100), row("A", "Co", null, 1), row("B", "Co", null, 2)],
      undefined,
      [100, 100 / 3, 200 / 3],
    ],
    [
      "a negative parent is split as its magnitude, signs turned",
      [row("Co", "", -100), row("A", "Co", null, 1), row("B", "Co", null, 1), row("C", "Co", null, 1)],
      0,
      [-100, -34, -33, -33],
    ],
    [
      "when every child is held there is nothing to share",
      [row("Co", "", 100), row("A", "Co", 10), row("B", "Co", 20)],
      0,
      [100, 10, 20],
    ],
    [
      "no valued ancestor and no target: blank",
      [
        row("Co", "", null),
        row("A", "Co", null, 1),
        row("B", "Co", 50),
        row("B1", "B", null, 1),
        row("B2", "B", null, 4),
      ],
      undefined,
      ["", "", 50, 10, 40],
    ],
    [
      "a held node below a blank one still passes its target down",
      [
        row("Co", "", "text"),
        row("A", "Co", null),
        row("A1", "A", 60),
        row("A1a", "A1", null, 1),
        row("A1b", "A1", null, 2),
      ],
      undefined,
      ["", "", 60, 20, 40],
    ],
    [
      "rows with a blank id give blank and are not part of the tree",
      [
        row("Co", "", 100),
        row("", "Co", 999, 5),
        row("A", "Co", null, 1),
        row(null, null, 5, -1),
        row("B", "Co", null, 1),
      ],
      undefined,
      [100, "", 50, "", 50],
    ],
    [
      "ids are matched like Excel's lookups",
      [row(1, "", 100), row(" a ", "1", null, 1), row("B", " 1 ", null, 3)],
      undefined,
      [100, 25, 75],
    ],
    [
      "a forest: each root on its own",
      [row("X", "", 10), row("X1", "X", null, 1), row("Y", "", null), row("Y1", "Y", null, 1)],
      undefined,
      [10, 10, "", ""],
    ],
    [
      "children listed above their parent",
      [row("A1", "A", null, 1), row("A2", "A", null, 3), row("A", "", 40)],
      undefined,
      [10, 30, 40],
    ],
  ])("%s", (_case, rows, decimals, expected) => {
    expect(firstColumn(run(rows, decimals))).toEqual(expected);
  });

  it("cascades each period on its own, with one weight column for all periods", () => {
    const rows: Row[] = [
      { id: "Co", parent: "", targets: [100, null, 30], weights: [null] },
      { id: "A", parent: "Co", targets: [null, 7, 10], weights: [1] },
      { id: "B", parent: "Co", targets: [null, null, null], weights: [3] },
    ];
    expect(run(rows)).toEqual([
      [100, "", 30],
      [25, 7, 10],
      [75, "", 20],
    ]);
  });

  it("uses a weight column per period when there is one per period", () => {
    const rows: Row[] = [
      { id: "Co", parent: "", targets: [100, 100], weights: [0, 0] },
      { id: "A", parent: "Co", targets: [null, null], weights: [1, 3] },
      { id: "B", parent: "Co", targets: [null, null], weights: [1, 1] },
    ];
    expect(run(rows)).toEqual([
      [100, 100],
      [50, 75],
      [50, 25],
    ]);
  });

  it.each<[string, Row[], number | undefined, string]>([
    [
      "weights that are neither one column nor one per period",
      [
        { id: "Co", parent: "", targets: [1, 2, 3], weights: [1, 1] },
        { id: "A", parent: "Co", targets: [1, 2, 3], weights: [1, 1] },
      ],
      undefined,
      "weights has 2 columns but targets has 3 columns; give one column of weights for all periods or one per period",
    ],
    [
      "decimals that are not whole",
      [row("Co", "", 1)],
      0.5,
      "decimals must be a whole number from -10 to 10 (it is 0.5)",
    ],
  ])("fails the call for %s", (_case, rows, decimals, message) => {
    expect(run(rows, decimals)).toEqual(new CellError("VALUE", message));
  });

  it("fails the call when targets or weights have another height than ids", () => {
    const built = Hierarchy.build(["A", "B", "C"], ["", "A", "A"]);
    if (!built.ok) throw new Error("bad fixture");
    expect(cascadeTargets(built.hierarchy, [[1], [2]], [[1], [1], [1]])).toEqual(
      new CellError("VALUE", "targets has 2 rows but ids has 3; give ranges of the same height"),
    );
    expect(cascadeTargets(built.hierarchy, [[1], [2], [3]], [[1]])).toEqual(
      new CellError("VALUE", "weights has 1 row but ids has 3; give ranges of the same height"),
    );
  });

  it("marks shares too large for a number #NUM! and carries that down, but keeps held targets", () => {
    const result = firstColumn(
      run([
        row("Co", "", 1e308),
        row("A", "Co", -1e308),
        row("B", "Co", null, 1),
        row("B1", "B", null, 1),
        row("B2", "B", 5),
        row("B2a", "B2", null, 1),
      ]),
    );
    expect(result.slice(0, 2)).toEqual([1e308, -1e308]);
    expect(result[2]).toEqual(new CellError("NUM", "The result is too large for a number"));
    expect(result[3]).toBe(result[2]);
    expect(result.slice(4)).toEqual([5, 5]);
  });

  it("marks a rounded split of a total beyond 15 digits #NUM!", () => {
    const result = firstColumn(run([row("Co", "", 1e300), row("A", "Co", null, 1)], 2));
    expect(result[1]).toEqual(new CellError("NUM", "1e+300 is too large to split into parts of 0.01"));
  });

  it("gives numbers that print cleanly when rounding", () => {
    const result = firstColumn(
      run([row("Co", "", 0.3), row("A", "Co", null, 1), row("B", "Co", null, 1), row("C", "Co", null, 1)], 1),
    );
    expect(result).toEqual([0.3, 0.1, 0.1, 0.1]);
  });

  it.each([undefined, 0])("goes down a 100,000-deep chain without overflowing the stack (decimals %p)", (decimals) => {
    const depth = 100_000;
    const ids = Array.from({ length: depth }, (_, i) => [`n${i}`]);
    const parents = Array.from({ length: depth }, (_, i) => [i === 0 ? "" : `n${i - 1}`]);
    const targets = Array.from({ length: depth }, (_, i) => [i === 0 ? 1000 : i === depth / 2 ? 10 : null]);
    const weights = Array.from({ length: depth }, () => [1]);
    const built = Hierarchy.build(
      ids.map((cells) => cells[0]),
      parents.map((cells) => cells[0]),
    );
    if (!built.ok) throw new Error("bad fixture");
    const result = cascadeTargets(built.hierarchy, targets, weights, decimals) as ResultCell[][];
    expect(result).toHaveLength(depth);
    expect(result[depth / 2 - 1][0]).toBe(1000);
    expect(result[depth / 2][0]).toBe(10);
    expect(result[depth - 1][0]).toBe(10);
  });
});

describe("cascadeTargets properties", () => {
  /**
   * A random forest in random sheet order: node k's parent is an earlier node (or none), so there are
   * no cycles, and the rows are then shuffled so parents are not always above their children.
   */
  const forestArb = fc
    .record({
      size: fc.integer({ min: 1, max: 40 }),
      periods: fc.integer({ min: 1, max: 3 }),
      decimals: fc.option(fc.integer({ min: -1, max: 3 }), { nil: undefined }),
      weightPerPeriod: fc.boolean(),
    })
    .chain(({ size, periods, decimals, weightPerPeriod }) =>
      fc.record({
        decimals: fc.constant(decimals),
        parents: fc.tuple(...Array.from({ length: size }, (_, k) => fc.integer({ min: -1, max: k - 1 }))),
        sheetOrder: fc.shuffledSubarray(
          Array.from({ length: size }, (_, k) => k),
          { minLength: size, maxLength: size },
        ),
        targets: fc.array(
          fc.array(
            fc.oneof(
              { weight: 3, arbitrary: fc.constant(null) },
              { weight: 2, arbitrary: fc.integer({ min: -1000, max: 100_000 }) },
              { weight: 1, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
              { weight: 1, arbitrary: fc.constantFrom<unknown>("", "n/a", true) },
            ),
            { minLength: periods, maxLength: periods },
          ),
          { minLength: size, maxLength: size },
        ),
        weights: fc.array(
          fc.array(
            fc.oneof(
              fc.constant(null),
              fc.constant(0),
              fc.integer({ min: 0, max: 50 }),
              fc.double({ min: 0, max: 1e4, noNaN: true }),
              fc.constantFrom(Number.MIN_VALUE, 1e-200, 1e200, Number.MAX_VALUE),
              fc.constant("x"),
            ),
            { minLength: weightPerPeriod ? periods : 1, maxLength: weightPerPeriod ? periods : 1 },
          ),
          { minLength: size, maxLength: size },
        ),
      }),
    );

  type Forest = typeof forestArb extends fc.Arbitrary<infer T> ? T : never;

  /**
   * Below every node with a value, its children (held and shared) add up to its value /
   * overAssignment, exactly in units when rounding; a node without a target of its own has a value
   * exactly when its parent has.
   */
  function checkSplits({ decimals, parents, sheetOrder, targets, weights }: Forest, overAssignment: number): void {
    // sheetOrder[row] is the node written in that row.
    const ids = sheetOrder.map((k) => `n${k}`);
    const parentIds = sheetOrder.map((k) => (parents[k] < 0 ? "" : `n${parents[k]}`));
    const built = Hierarchy.build(ids, parentIds);
    if (!built.ok) throw new Error("bad fixture");
    const hierarchy = built.hierarchy;
    const result = cascadeTargets(hierarchy, targets, weights, decimals, false, overAssignment) as ResultCell[][];
    const periods = targets[0].length;

    for (let row = 0; row < ids.length; row++) {
      const children = hierarchy.children(hierarchy.rowNode[row]);
      for (let c = 0; c < periods; c++) {
        const own = targets[row][c];
        const value = result[row][c];
        if (typeof own === "number") expect(value).toBe(own);
        const parentRow = hierarchy.parent[hierarchy.rowNode[row]];
        const parentValue = parentRow < 0 ? "" : result[hierarchy.nodeRow[parentRow]][c];
        if (typeof own !== "number") expect(value === "").toBe(parentValue === "");

        if (typeof value !== "number" || children.length === 0) continue;
        const childRows = Array.from(children, (child) => hierarchy.nodeRow[child]);
        const held = childRows.filter((childRow) => typeof targets[childRow][c] === "number");
        if (held.length === childRows.length) continue;
        const heldSum = held.reduce((sum, childRow) => sum + (targets[childRow][c] as number), 0);
        const shares = childRows
          .filter((childRow) => !held.includes(childRow))
          .map((childRow) => result[childRow][c] as number);
        const share = value / overAssignment;
        if (decimals === undefined) {
          const sum = heldSum + shares.reduce((a, b) => a + b, 0);
          expect(Math.abs(sum - share)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(share), Math.abs(heldSum)));
        } else {
          const units = shares.reduce((sum, part) => sum + toUnits(part, decimals), 0);
          expect(units).toBe(toUnits(share - heldSum, decimals));
        }
      }
    }
  }

  it("below every node with a value, its children add up to it (exactly when rounding)", () => {
    fc.assert(
      fc.property(forestArb, (forest) => checkSplits(forest, 1)),
      { numRuns: 300 },
    );
  });

  it("under over-assignment, below every node with a value its children add up to value / over-assignment", () => {
    fc.assert(fc.property(forestArb, fc.double({ min: 1, max: 3, noNaN: true }), checkSplits), { numRuns: 200 });
  });
});

describe("cascadeTargets with over-assignment (capacity.ts, childrenShare)", () => {
  function runOver(rows: readonly Row[], overAssignment: number, decimals?: number): ResultCell[] {
    const built = Hierarchy.build(
      rows.map((r) => r.id),
      rows.map((r) => r.parent),
    );
    if (!built.ok) throw new Error("bad fixture");
    return firstColumn(
      cascadeTargets(
        built.hierarchy,
        rows.map((r) => r.targets),
        rows.map((r) => r.weights),
        decimals,
        false,
        overAssignment,
      ),
    );
  }
  const tree = [
    row("Co", "", 1210),
    row("EMEA", "Co", null, 1),
    row("UK", "EMEA", null, 1),
    row("DE", "EMEA", null, 1),
    row("AM", "Co", null, 1),
  ];

  it("divides at every split: at 110 % Co's 1,210 passes 1,100 down, EMEA's 550 passes 500", () => {
    expect(runOver(tree, 1.1)).toEqual([1210, 550, 250, 250, 550].map((n) => expect.closeTo(n, 9)));
  });

  it("over three levels the leaves add up to T / 1.1³", () => {
    const chain = [row("A", "", 1331), row("B", "A", null, 1), row("C", "B", null, 1), row("D", "C", null, 1)];
    expect(runOver(chain, 1.1)).toEqual([1331, 1210, 1100, 1000].map((n) => expect.closeTo(n, 9)));
  });

  it("takes the held children's targets off the children's share, not off the target", () => {
    const rows = [row("Co", "", 1100), row("A", "Co", 400), row("B", "Co", null, 1), row("C", "Co", null, 3)];
    // 1,100 / 1.1 = 1,000; less A's 400 leaves 600, split 1:3.
    expect(runOver(rows, 1.1)).toEqual([1100, 400, 150, 450].map((n) => expect.closeTo(n, 9)));
  });

  it("a held child keeps its own target, and its own team shares that target / over-assignment", () => {
    const rows = [row("Co", "", 2000), row("EMEA", "Co", 1100), row("UK", "EMEA", null, 1), row("AM", "Co", null, 1)];
    expect(runOver(rows, 1.1)).toEqual([2000, 1100, expect.closeTo(1000, 9), expect.closeTo(2000 / 1.1 - 1100, 9)]);
  });

  it("with decimals, rounds each split so the shares add up exactly to ROUND(T / 1.1 − held, decimals)", () => {
    const rows = [row("Co", "", 1000), row("A", "Co", null, 1), row("B", "Co", null, 1), row("C", "Co", null, 1)];
    const result = runOver(rows, 1.1, 0) as number[];
    // 1,000 / 1.1 = 909.09..., so 909 in whole numbers, 303 each.
    expect(result).toEqual([1000, 303, 303, 303]);
  });

  it("at 100 % changes nothing", () => {
    expect(runOver(tree, 1)).toEqual(runOver(tree, 1, undefined));
    expect(runOver(tree, 1)).toEqual(firstColumn(run(tree)));
  });
});
