import fc from "fast-check";
import { asNumber, CellError, idKey } from "../../../src/core/cell";
import {
  children,
  descendants,
  level,
  parentsFromLevels,
  path,
  rollup,
  tree,
} from "../../../src/core/formulas/hierarchyFormulas";
import type { RollupMethod } from "../../../src/core/rollup";

/**
 * A random sheet: a forest of `size` nodes listed in random sheet order, with rows of blank ids
 * mixed in, ids written as text or numbers, and parents written in another case or with spaces.
 */
interface Sheet {
  readonly ids: unknown[][];
  readonly parents: unknown[][];
  readonly values: unknown[][];
  /** row -> node, or -1 for a blank-id row */
  readonly nodeAt: number[];
  /** node -> parent node, or -1 */
  readonly parentOf: number[];
  /** node -> row */
  readonly rowOf: number[];
}

const PERIODS = 3;

const cell: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
  fc.constant(""),
  fc.constant(null),
  fc.string({ maxLength: 3 }),
  fc.boolean(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);

const blankId: fc.Arbitrary<unknown> = fc.constantFrom(null, undefined, "", "  ");

function writtenId(node: number, numeric: boolean): unknown {
  return numeric ? 1000 + node : `Node${node}`;
}

/** The same id as a parent would reference it: another case, spaces, or a number as text. */
function referenced(node: number, numeric: boolean, style: number): string | number {
  if (numeric) return style % 2 === 0 ? 1000 + node : ` ${1000 + node} `;
  return [`Node${node}`, `NODE${node}`, ` node${node} `][style % 3];
}

const sheet: fc.Arbitrary<Sheet> = fc.integer({ min: 1, max: 30 }).chain((size) =>
  fc
    .record({
      // Node k's parent is an earlier node or none, so the forest has no cycles.
      parentPicks: fc.array(fc.nat(), { minLength: size, maxLength: size }),
      sortKeys: fc.array(fc.double({ noNaN: true }), { minLength: size, maxLength: size }),
      numeric: fc.array(fc.boolean(), { minLength: size, maxLength: size }),
      styles: fc.array(fc.nat(), { minLength: size, maxLength: size }),
      blankRows: fc.array(fc.tuple(fc.nat({ max: size }), blankId, cell), { maxLength: 4 }),
      values: fc.array(fc.array(cell, { minLength: PERIODS, maxLength: PERIODS }), {
        minLength: size + 4,
        maxLength: size + 4,
      }),
    })
    .map(({ parentPicks, sortKeys, numeric, styles, blankRows, values }) => {
      const parentOf = parentPicks.map((pick, node) => (pick % (node + 1)) - 1);
      const sheetOrder = Array.from({ length: size }, (_, node) => node).sort((a, b) => sortKeys[a] - sortKeys[b]);
      const rows: { node: number; id: unknown; parent: unknown }[] = sheetOrder.map((node) => ({
        node,
        id: writtenId(node, numeric[node]),
        parent: parentOf[node] < 0 ? "" : referenced(parentOf[node], numeric[parentOf[node]], styles[node]),
      }));
      for (const [at, id, parent] of blankRows) rows.splice(at, 0, { node: -1, id, parent });
      const rowOf = new Array<number>(size);
      rows.forEach((row, index) => {
        if (row.node >= 0) rowOf[row.node] = index;
      });
      return {
        ids: rows.map((row) => [row.id]),
        parents: rows.map((row) => [row.parent]),
        values: values.slice(0, rows.length),
        nodeAt: rows.map((row) => row.node),
        parentOf,
        rowOf,
      };
    }),
);

function grid(result: unknown): unknown[][] {
  if (!Array.isArray(result)) throw new Error(`expected a grid, got ${JSON.stringify(result)}`);
  return result as unknown[][];
}

function rootOf(sheet: Sheet, node: number): number {
  let current = node;
  while (sheet.parentOf[current] >= 0) current = sheet.parentOf[current];
  return current;
}

/** Numbers of a node's subtree in one column, by plain recursion: the reference for ROLLUP. */
function subtreeNumbers(sheet: Sheet, node: number, column: number): number[] {
  const own = asNumber(sheet.values[sheet.rowOf[node]][column]);
  const below = sheet.parentOf.flatMap((parent, child) =>
    parent === node ? subtreeNumbers(sheet, child, column) : [],
  );
  return own === undefined ? below : [own, ...below];
}

function reference(numbers: readonly number[], method: RollupMethod): number | CellError {
  const sum = numbers.reduce((a, b) => a + b, 0);
  switch (method) {
    case "sum":
      return sum;
    case "count":
      return numbers.length;
    case "avg":
      return numbers.length === 0 ? new CellError("DIV0", "No numbers to average") : sum / numbers.length;
    case "min":
      return numbers.length === 0 ? 0 : Math.min(...numbers);
    case "max":
      return numbers.length === 0 ? 0 : Math.max(...numbers);
  }
}

describe("hierarchy functions on random forests", () => {
  it("ROLLUP of every root is the sum of all numbers in its tree", () => {
    fc.assert(
      fc.property(sheet, (s) => {
        const result = grid(rollup(s.ids, s.parents, s.values));
        const expected = new Map<number, number[]>();
        s.nodeAt.forEach((node, row) => {
          if (node < 0) return;
          const totals = expected.get(rootOf(s, node)) ?? new Array<number>(PERIODS).fill(0);
          s.values[row].forEach((value, column) => (totals[column] += asNumber(value) ?? 0));
          expected.set(rootOf(s, node), totals);
        });
        for (const [root, totals] of expected) expect(result[s.rowOf[root]]).toEqual(totals);
      }),
    );
  });

  it.each<RollupMethod>(["sum", "count", "avg", "min", "max"])(
    "ROLLUP by %s agrees with a recursive reference for every node",
    (method) => {
      fc.assert(
        fc.property(sheet, (s) => {
          const result = grid(rollup(s.ids, s.parents, s.values, null, method));
          s.nodeAt.forEach((node, row) => {
            const expected =
              node < 0
                ? new Array(PERIODS).fill("")
                : Array.from({ length: PERIODS }, (_, column) => reference(subtreeNumbers(s, node, column), method));
            expect(result[row]).toEqual(expected);
          });
        }),
      );
    },
  );

  it("ROLLUP of requested nodes gives the rows of those nodes", () => {
    fc.assert(
      fc.property(sheet, (s) => {
        const aligned = grid(rollup(s.ids, s.parents, s.values));
        const byTree = grid(rollup(s.ids, s.parents, s.values, tree(s.ids, s.parents)));
        expect(byTree).toEqual(grid(tree(s.ids, s.parents)).map(([id]) => aligned[rowOfId(s, id)]));
      }),
    );
  });

  it("TREE is a permutation of the non-blank ids with every parent before its children", () => {
    fc.assert(
      fc.property(sheet, (s) => {
        const listed = grid(tree(s.ids, s.parents)).map(([id]) => id);
        const written = s.ids.filter((_, row) => s.nodeAt[row] >= 0).map(([id]) => id);
        expect([...listed].sort(byText)).toEqual([...written].sort(byText));
        const position = new Map(listed.map((id, index) => [idKey(id), index]));
        s.parentOf.forEach((parent, node) => {
          if (parent < 0) return;
          const at = (n: number): number => position.get(idKey(s.ids[s.rowOf[n]][0])) as number;
          expect(at(parent)).toBeLessThan(at(node));
        });
      }),
    );
  });

  it("LEVEL is 1 at roots and one more than the parent's below", () => {
    fc.assert(
      fc.property(sheet, (s) => {
        const levels = grid(level(s.ids, s.parents)).map(([depth]) => depth);
        s.nodeAt.forEach((node, row) => {
          if (node < 0) expect(levels[row]).toBe("");
          else if (s.parentOf[node] < 0) expect(levels[row]).toBe(1);
          else expect(levels[row]).toBe((levels[s.rowOf[s.parentOf[node]]] as number) + 1);
        });
      }),
    );
  });

  it("PARENTS of the ids in TREE order with their LEVELs reproduces the parents", () => {
    fc.assert(
      fc.property(sheet, (s) => {
        const listed = grid(tree(s.ids, s.parents));
        const derived = grid(parentsFromLevels(listed, level(s.ids, s.parents, listed)));
        listed.forEach(([id], index) => {
          const parent = s.parentOf[s.nodeAt[rowOfId(s, id)]];
          expect(idKey(derived[index][0])).toBe(parent < 0 ? undefined : idKey(s.ids[s.rowOf[parent]][0]));
        });
      }),
    );
  });

  it("PATH ends with the node and begins with its root; CHILDREN and DESCENDANTS agree with the parents", () => {
    fc.assert(
      fc.property(sheet, (s) => {
        const paths = grid(path(s.ids, s.parents, null, "|"));
        s.parentOf.forEach((_, node) => {
          const id = s.ids[s.rowOf[node]][0];
          const parts = (paths[s.rowOf[node]][0] as string).split("|");
          expect(parts[parts.length - 1]).toBe(String(id));
          expect(parts[0]).toBe(String(s.ids[s.rowOf[rootOf(s, node)]][0]));

          const kids = s.parentOf.map((p, child) => (p === node ? child : -1)).filter((child) => child >= 0);
          const inSheetOrder = kids.sort((a, b) => s.rowOf[a] - s.rowOf[b]).map((child) => s.ids[s.rowOf[child]][0]);
          const listedKids = children(s.ids, s.parents, id);
          if (kids.length === 0) expect(listedKids).toBeInstanceOf(CellError);
          else expect(grid(listedKids).map(([kid]) => kid)).toEqual(inSheetOrder);

          const all = descendants(s.ids, s.parents, id);
          const leaves = descendants(s.ids, s.parents, id, true);
          if (kids.length === 0) {
            expect(all).toBeInstanceOf(CellError);
            expect(leaves).toBeInstanceOf(CellError);
          } else {
            const below = grid(all).map(([d]) => d);
            expect(below).toHaveLength(countBelow(s, node));
            const isLeaf = (d: unknown): boolean => !s.parentOf.some((p) => p === s.nodeAt[rowOfId(s, d)]);
            expect(grid(leaves).map(([d]) => d)).toEqual(below.filter(isLeaf));
          }
        });
      }),
    );
  });

  it("never throws, whatever the arguments", () => {
    const anything = fc.oneof(fc.anything(), fc.array(fc.array(fc.anything(), { maxLength: 3 }), { maxLength: 4 }));
    const functions = [rollup, level, path, children, descendants, tree, parentsFromLevels] as ((
      ...args: unknown[]
    ) => unknown)[];
    fc.assert(
      fc.property(fc.constantFrom(...functions), fc.array(anything, { maxLength: 5 }), (fn, args) => {
        const result = fn(...args);
        expect(result instanceof CellError || Array.isArray(result)).toBe(true);
      }),
    );
  });
});

function byText(a: unknown, b: unknown): number {
  return String(a).localeCompare(String(b));
}

function rowOfId(s: Sheet, id: unknown): number {
  return s.ids.findIndex(([written]) => written !== undefined && idKey(written) === idKey(id));
}

function countBelow(s: Sheet, node: number): number {
  return s.parentOf.reduce((count, parent, child) => (parent === node ? count + 1 + countBelow(s, child) : count), 0);
}
