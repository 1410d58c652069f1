import { Hierarchy, type HierarchyProblem } from "../../../src/core/hierarchy/hierarchy";

function ok(ids: readonly unknown[], parents: readonly unknown[]): Hierarchy {
  const result = Hierarchy.build(ids, parents);
  if (!result.ok) throw new Error(`expected a valid hierarchy: ${result.problems.map((p) => p.message).join("; ")}`);
  return result.hierarchy;
}

function problems(ids: readonly unknown[], parents: readonly unknown[]): readonly HierarchyProblem[] {
  const result = Hierarchy.build(ids, parents);
  if (result.ok) throw new Error("expected problems");
  return result.problems;
}

/** Ids of nodes, as written. */
function names(hierarchy: Hierarchy, nodes: ArrayLike<number>): string[] {
  return Array.from(nodes, (node) => hierarchy.ids[node]);
}

describe("Hierarchy.build: matching ids", () => {
  it.each([
    ["a number and its text", [1, "2"], ["", "1"]],
    ["text with surrounding spaces", [" 1 ", "2"], ["", 1]],
    ["a parent with surrounding spaces", ["1", "2"], ["", "  1"]],
    ["different letter case", ["Emea", "UK"], ["", "EMEA"]],
    ["a decimal number and its text", [1.5, "x"], ["", "1.5"]],
    ["letters outside ASCII in different case", ["Ärzte", "x"], ["", "äRZTE"]],
    ["a sign that lowercases to an ASCII letter (Kelvin, U+212A)", ["\u212A9", "x"], ["", "k9"]],
    ["an ASCII id and the same id with spaces and another case", ["Team-7", "x"], ["", " tEAM-7 "]],
  ])("matches %s", (_case, ids, parents) => {
    const hierarchy = ok(ids, parents);
    expect(hierarchy.parent[1]).toBe(0);
  });

  it.each([1, "1", " 1 ", "  1"])("finds the node of id 1 by %p", (id) => {
    expect(ok([1, "B"], ["", 1]).find(id)).toBe(0);
  });

  it("finds ids regardless of case and reports unknown or blank ones as absent", () => {
    const hierarchy = ok(["Company", "EMEA"], ["", "Company"]);
    expect(hierarchy.find("emea")).toBe(1);
    expect(hierarchy.find("COMPANY")).toBe(0);
    expect(hierarchy.find("APAC")).toBeUndefined();
    expect(hierarchy.find("")).toBeUndefined();
    expect(hierarchy.find(null)).toBeUndefined();
  });

  it("keeps ids as written for results and messages", () => {
    const hierarchy = ok([" Company ", 7, true], ["", " company", "7"]);
    expect(hierarchy.ids).toEqual([" Company ", "7", "TRUE"]);
  });

  it("leaves rows with a blank id out of the hierarchy, whatever their parent", () => {
    const hierarchy = ok(["A", "", null, undefined, "   ", "B"], ["", "X", "A", "", "Y", "A"]);
    expect(hierarchy.rowCount).toBe(6);
    expect(hierarchy.nodeCount).toBe(2);
    expect(Array.from(hierarchy.nodeRow)).toEqual([0, 5]);
    expect(Array.from(hierarchy.rowNode)).toEqual([0, -1, -1, -1, -1, 1]);
    expect(hierarchy.parent[1]).toBe(0);
  });

  it("treats a blank parent (null, undefined, empty or spaces) as a root", () => {
    const hierarchy = ok(["A", "B", "C", "D"], [null, undefined, "", "  "]);
    expect(Array.from(hierarchy.parent)).toEqual([-1, -1, -1, -1]);
  });

  it("accepts an empty table", () => {
    const hierarchy = ok([], []);
    expect(hierarchy.nodeCount).toBe(0);
    expect(hierarchy.order).toHaveLength(0);
  });
});

describe("Hierarchy.build: order and traversals", () => {
  // Sheet order deliberately differs from hierarchy order: children listed before their parents.
  const ids = ["UK", "Company", "EMEA", "FR", "US", "AMER", "Other", "DE"];
  const parents = ["EMEA", "", "Company", "EMEA", "AMER", "Company", "", "EMEA"];
  const hierarchy = ok(ids, parents);
  const node = (id: string): number => hierarchy.find(id) as number;

  it("orders depth-first, roots and siblings in sheet order", () => {
    expect(names(hierarchy, hierarchy.order)).toEqual(["Company", "EMEA", "UK", "FR", "DE", "AMER", "US", "Other"]);
  });

  it("gives each node its depth, roots at 1", () => {
    expect(ids.map((id) => hierarchy.depth[node(id)])).toEqual([3, 1, 2, 3, 3, 2, 1, 3]);
  });

  it("lists children in sheet order", () => {
    expect(names(hierarchy, hierarchy.children(node("EMEA")))).toEqual(["UK", "FR", "DE"]);
    expect(names(hierarchy, hierarchy.children(node("Company")))).toEqual(["EMEA", "AMER"]);
    expect(hierarchy.children(node("UK"))).toHaveLength(0);
  });

  it("tells leaves from parents", () => {
    expect(ids.filter((id) => hierarchy.isLeaf(node(id)))).toEqual(["UK", "FR", "US", "Other", "DE"]);
  });

  it("lists descendants depth-first in sheet order, without the node itself", () => {
    expect(names(hierarchy, hierarchy.descendants(node("Company")))).toEqual(["EMEA", "UK", "FR", "DE", "AMER", "US"]);
    expect(hierarchy.descendants(node("Other"))).toEqual([]);
  });

  it("gives the path from the root down to the node", () => {
    expect(names(hierarchy, hierarchy.pathTo(node("DE")))).toEqual(["Company", "EMEA", "DE"]);
    expect(names(hierarchy, hierarchy.pathTo(node("Other")))).toEqual(["Other"]);
  });
});

describe("Hierarchy.build: problems", () => {
  it("names a duplicate id and both rows", () => {
    const ids = ["Company", "AMER", "EMEA", "US", "UK", "FR", "DE", "IT", "EMEA"];
    const parents = ["", "Company", "Company", "AMER", "EMEA", "EMEA", "EMEA", "EMEA", "Company"];
    expect(problems(ids, parents)).toEqual([
      { kind: "duplicateId", rows: [3, 9], ids: ["EMEA"], message: 'Duplicate id "EMEA" (rows 3 and 9)' },
    ]);
  });

  it("names every row of an id written three times, matched like lookups", () => {
    const [problem] = problems(["A", "b", "x", "B", "y", " B "], ["", "", "", "", "", ""]);
    expect(problem.message).toBe('Duplicate id "b" (rows 2, 4 and 6)');
    expect(problem.rows).toEqual([2, 4, 6]);
  });

  it("finds duplicates matched like lookups, whatever the letters", () => {
    expect(problems(["K9", "\u212A9"], ["", ""])[0].rows).toEqual([1, 2]);
    expect(problems(["Ärzte", " äRZTE"], ["", ""])[0].rows).toEqual([1, 2]);
    expect(problems(["ab", "AB"], ["", ""])[0].rows).toEqual([1, 2]);
    expect(ok(["ab", "AC", "a@", "a`"], ["", "", "", ""]).nodeCount).toBe(4);
  });

  it("treats a number and its text as the same id when looking for duplicates", () => {
    expect(problems([1, "1"], ["", ""])[0].message).toBe('Duplicate id "1" (rows 1 and 2)');
  });

  it("names a parent that is not among the ids, its child and the row", () => {
    expect(problems(["A", "C", "D", "B"], ["", "A", "A", "X"])).toEqual([
      { kind: "unknownParent", rows: [4], ids: ["B", "X"], message: 'Parent "X" of "B" (row 4) is not in ids' },
    ]);
  });

  it.each([
    ["a node that is its own parent", ["A", "B"], ["A", ""], "Cycle: A > A (row 1)", [1]],
    ["two nodes", ["A", "B"], ["B", "A"], "Cycle: A > B > A (rows 1 and 2)", [1, 2]],
    [
      "three nodes, named from the first in sheet order and following parents",
      ["Root", "B", "C", "A"],
      ["", "C", "A", "B"],
      "Cycle: B > C > A > B (rows 2, 3 and 4)",
      [2, 3, 4],
    ],
    [
      "a cycle reached through a node outside it",
      ["Tail", "A", "B"],
      ["A", "B", "A"],
      "Cycle: A > B > A (rows 2 and 3)",
      [2, 3],
    ],
  ])("reports a cycle of %s", (_case, ids, parents, message, rows) => {
    expect(problems(ids, parents)).toEqual([expect.objectContaining({ kind: "cycle", rows, message })]);
  });

  it("reports each of several cycles once", () => {
    const messages = problems(["A", "B", "C", "D", "E"], ["B", "A", "D", "C", "E"]).map((p) => p.message);
    expect(messages).toEqual([
      "Cycle: A > B > A (rows 1 and 2)",
      "Cycle: C > D > C (rows 3 and 4)",
      "Cycle: E > E (row 5)",
    ]);
  });

  it("reports a row-count mismatch between ids and parents", () => {
    expect(problems(["A", "B", "C", "D"], ["", "A", "A"])).toEqual([
      {
        kind: "rowCount",
        rows: [],
        ids: [],
        message: "parents has 3 rows but ids has 4; give ranges of the same height",
      },
    ]);
    expect(problems(["A", "B"], [""])[0].message).toBe(
      "parents has 1 row but ids has 2; give ranges of the same height",
    );
  });

  it("reports problems of every kind together, in row order", () => {
    const ids = ["A", "B", "C", "A", "D", "E"];
    const parents = ["", "Z", "C", "", "E", "D"];
    expect(problems(ids, parents).map((p) => p.message)).toEqual([
      'Duplicate id "A" (rows 1 and 4)',
      'Parent "Z" of "B" (row 2) is not in ids',
      "Cycle: C > C (row 3)",
      "Cycle: D > E > D (rows 5 and 6)",
    ]);
  });

  it("counts rows from firstRow, for ids that start further down a sheet", () => {
    const result = Hierarchy.build(["A", "B", "C", "A", "D", "E"], ["", "Z", "C", "", "E", "D"], { firstRow: 7 });
    if (result.ok) throw new Error("expected problems");
    expect(result.problems.map((p) => [p.rows, p.message])).toEqual([
      [[7, 10], 'Duplicate id "A" (rows 7 and 10)'],
      [[8], 'Parent "Z" of "B" (row 8) is not in ids'],
      [[9], "Cycle: C > C (row 9)"],
      [[11, 12], "Cycle: D > E > D (rows 11 and 12)"],
    ]);
  });
});

describe("Hierarchy.build: size", () => {
  const n = 100_000;
  const ids = Array.from({ length: n }, (_, i) => `N${i}`);

  it("handles a 100,000-deep chain without overflowing the stack", () => {
    const hierarchy = ok(
      ids,
      ids.map((_, i) => (i === 0 ? "" : ids[i - 1])),
    );
    const last = n - 1;
    expect(hierarchy.order[0]).toBe(0);
    expect(hierarchy.order[last]).toBe(last);
    expect(hierarchy.depth[last]).toBe(n);
    const below = hierarchy.descendants(0);
    expect(below).toHaveLength(n - 1);
    expect(below[n - 2]).toBe(last);
    const path = hierarchy.pathTo(last);
    expect(path).toHaveLength(n);
    expect(path[0]).toBe(0);
  });

  it("handles a 100,000-deep chain listed leaf first", () => {
    const hierarchy = ok(
      ids,
      ids.map((_, i) => (i === n - 1 ? "" : ids[i + 1])),
    );
    expect(hierarchy.order[0]).toBe(n - 1);
    expect(hierarchy.depth[0]).toBe(n);
    expect(hierarchy.pathTo(0)).toHaveLength(n);
  });

  it("reports a 100,000-node cycle", () => {
    const found = problems(
      ids,
      ids.map((_, i) => ids[(i + 1) % n]),
    );
    expect(found).toHaveLength(1);
    expect(found[0].rows).toHaveLength(n);
    expect(found[0].message.startsWith("Cycle: N0 > N1 > N2")).toBe(true);
  });

  it("reports 300,000 nodes that are each their own parent", () => {
    // More problems than a function call takes arguments: they must not be spread into one.
    const many = Array.from({ length: 300_000 }, (_, i) => `N${i}`);
    const found = problems(many, many);
    expect(found).toHaveLength(many.length);
    expect(found[many.length - 1].message).toBe("Cycle: N299999 > N299999 (row 300000)");
  });
});

describe("a cycle through a whole sheet", () => {
  it("is named by its first ids and row count, so the message stays readable", () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `N${i}`);
    const parents = ids.map((_, i) => `N${(i + 1) % ids.length}`);
    const [cycle] = problems(ids, parents);
    expect(cycle.message).toBe(
      "Cycle: N0 > N1 > N2 > N3 > N4 > N5 > N6 > N7 > N8 > N9 > … > N0 (rows 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, … (100000 rows))",
    );
  });
});
