import { CellError, type FormulaResult } from "../../../src/core/cell";
import {
  children,
  descendants,
  level,
  MAX_TEXT_LENGTH,
  parentsFromLevels,
  path,
  rollup,
  tree,
} from "../../../src/core/formulas/hierarchyFormulas";

const value = (message: string): CellError => new CellError("VALUE", message);
const na = (message: string): CellError => new CellError("NA", message);
const DIV0 = new CellError("DIV0", "No numbers to average");

/** A column as Excel passes a range: one single-cell row per cell. */
const column = (...cells: unknown[]): unknown[][] => cells.map((cell) => [cell]);

// Row 4 has a blank id (its values must not count); 101 is a numeric id; Solo is a second root.
const ids = column("Company", "EMEA", "UK", null, "FR", "AMER", 101, "Solo");
const parents = column("", "Company", "EMEA", "", "EMEA", "Company", "amer", null);
const values = [
  [100, 10],
  [20, ""],
  [5, 1],
  [999, 999],
  ["x", 2],
  [null, 3],
  [7, true],
  ["", ""],
];
const levels = column(1, 2, 3, "", 3, 2, 3, 1);

describe("ROLLUP", () => {
  it("sums each node's own and descendants' values per period, aligned with ids", () => {
    expect(rollup(ids, parents, values)).toEqual([
      [132, 16],
      [25, 3],
      [5, 1],
      ["", ""],
      [0, 2],
      [7, 3],
      [7, 0],
      [0, 0],
    ]);
  });

  it.each<[unknown, unknown[][]]>([
    [
      "count",
      [
        [4, 4],
        [2, 2],
        [1, 1],
        ["", ""],
        [0, 1],
        [1, 1],
        [1, 0],
        [0, 0],
      ],
    ],
    [
      "AVG",
      [
        [33, 4],
        [12.5, 1.5],
        [5, 1],
        ["", ""],
        [DIV0, 2],
        [7, 3],
        [7, DIV0],
        [DIV0, DIV0],
      ],
    ],
    [
      " Min ",
      [
        [5, 1],
        [5, 1],
        [5, 1],
        ["", ""],
        [0, 2],
        [7, 3],
        [7, 0],
        [0, 0],
      ],
    ],
    [
      [["max"]],
      [
        [100, 10],
        [20, 2],
        [5, 1],
        ["", ""],
        [0, 2],
        [7, 3],
        [7, 0],
        [0, 0],
      ],
    ],
    [
      null,
      [
        [132, 16],
        [25, 3],
        [5, 1],
        ["", ""],
        [0, 2],
        [7, 3],
        [7, 0],
        [0, 0],
      ],
    ],
  ])("aggregates with method %p", (method, expected) => {
    expect(rollup(ids, parents, values, null, method)).toEqual(expected);
  });

  it("gives one row per requested node, an unknown node #N/A in its row only", () => {
    expect(rollup(ids, parents, values, column("uk", " 101 ", "Atlantis", null, 101))).toEqual([
      [5, 1],
      [7, 0],
      [na('No node "Atlantis"'), na('No node "Atlantis"')],
      ["", ""],
      [7, 0],
    ]);
    expect(rollup(ids, parents, values, "EMEA", "count")).toEqual([[2, 2]]);
  });

  it("accepts single cells, flat arrays and ids given as a row", () => {
    expect(rollup("A", null, 5)).toEqual([[5]]);
    expect(rollup(["A", "B"], ["", "A"], [1, 2])).toEqual([[3], [2]]);
    expect(rollup([["A", "B"]], [["", "A"]], [[1, 2]])).toEqual([[3], [2]]);
  });

  it.each<[string, unknown[], CellError]>([
    [
      "values of another height",
      [ids, parents, values.slice(1)],
      value("values has 7 rows but ids has 8; give ranges of the same height"),
    ],
    [
      "parents of another height",
      [ids, parents.slice(1), values],
      value("parents has 7 rows but ids has 8; give ranges of the same height"),
    ],
    [
      "ids of several columns",
      [values, parents, values],
      value("ids must be a single column or a single row (it is 8x2)"),
    ],
    [
      "parents of several columns",
      [ids, values, values],
      value("parents must be a single column or a single row (it is 8x2)"),
    ],
    ["no ids", [[], [], []], value("ids is empty")],
    ["values without columns", [column("A", "B"), column("", "A"), [[], []]], value("values is empty")],
    [
      "ragged values",
      [column("A", "B"), column("", "A"), [[1, 2], [3]]],
      value("values must be a range: rows of equal length"),
    ],
    [
      "an unknown method",
      [ids, parents, values, null, "median"],
      value('method must be "sum", "count", "avg", "min" or "max" (it is "median")'),
    ],
    [
      "a block of nodes",
      [ids, parents, values, values],
      value("nodes must be a single column or a single row (it is 8x2)"),
    ],
    ["an empty nodes range", [ids, parents, values, []], value("nodes is empty")],
  ])("rejects %s", (_case, args, expected) => {
    expect(rollup(...(args as [unknown, unknown, unknown, unknown?, unknown?]))).toEqual(expected);
  });

  it("names the hierarchy's problems, the first three and how many more", () => {
    const badIds = column("A", "B", "A", "C", "D", "E", "F");
    const badParents = column("", "X", "", "C", "Y", "Z", "F");
    expect(rollup(badIds, badParents, column(1, 2, 3, 4, 5, 6, 7))).toEqual(
      value(
        'Duplicate id "A" (rows 1 and 3); Parent "X" of "B" (row 2) is not in ids; ' +
          "Cycle: C > C (row 4); and 3 more problems",
      ),
    );
    expect(rollup(column("A", "B"), column("B", "A"), column(1, 2))).toEqual(value("Cycle: A > B > A (rows 1 and 2)"));
  });
});

describe("LEVEL", () => {
  it("gives each row's depth, root = 1, blank ids blank", () => {
    expect(level(ids, parents)).toEqual(column(1, 2, 3, "", 3, 2, 3, 1));
  });

  it("gives the depth of requested nodes", () => {
    expect(level(ids, parents, column("UK", "101", "nowhere", ""))).toEqual(column(3, 3, na('No node "nowhere"'), ""));
    expect(level(ids, parents, "solo")).toEqual([[1]]);
  });

  it("reports hierarchy problems", () => {
    expect(level(column("A", "B"), column("", "Q"))).toEqual(value('Parent "Q" of "B" (row 2) is not in ids'));
  });
});

describe("PATH", () => {
  it("joins ids as written from the root down, aligned with ids", () => {
    expect(path(ids, parents)).toEqual(
      column(
        "Company",
        "Company > EMEA",
        "Company > EMEA > UK",
        "",
        "Company > EMEA > FR",
        "Company > AMER",
        "Company > AMER > 101",
        "Solo",
      ),
    );
  });

  it("gives the paths of requested nodes with a chosen separator", () => {
    expect(path(ids, parents, column("uk", "x"), "/")).toEqual(column("Company/EMEA/UK", na('No node "x"')));
    expect(path(ids, parents, "101", " ")).toEqual([["Company AMER 101"]]);
    expect(path(ids, parents, "UK", "")).toEqual([["Company > EMEA > UK"]]);
  });

  it("rejects a separator that is not text", () => {
    expect(path(ids, parents, null, true)).toEqual(value("separator must be text (it is TRUE)"));
  });

  it("gives #VALUE! for paths longer than a cell holds, and only for those", () => {
    // A chain of 1,000-character ids: the path to the node at index k has 1000 (k + 1) + 3k characters.
    const chainIds = Array.from({ length: 40 }, (_, i) => `${"x".repeat(998)}${String(i).padStart(2, "0")}`);
    const result = path(
      column(...chainIds),
      column(...chainIds.map((_, i) => (i === 0 ? "" : chainIds[i - 1]))),
    ) as unknown[][];
    const fits = chainIds.filter((_, k) => 1000 * (k + 1) + 3 * k <= MAX_TEXT_LENGTH).length;
    expect(fits).toBe(32);
    expect(result[fits - 1][0]).toBe(chainIds.slice(0, fits).join(" > "));
    expect(result[fits][0]).toEqual(
      // The message shows the first 100 characters of the id: no message grows with its input.
      value(`The path of "${chainIds[fits].slice(0, 100)}…" is longer than 32767 characters, the most a cell holds`),
    );
    expect(result.slice(fits).every(([cell]) => cell instanceof CellError)).toBe(true);
  });
});

describe("CHILDREN", () => {
  it.each<[unknown, unknown]>([
    ["Company", column("EMEA", "AMER")],
    ["emea", column("UK", "FR")],
    ["AMER", column(101)],
    [[["Company"]], column("EMEA", "AMER")],
    ["UK", na("UK has no children")],
    ["101", na("101 has no children")],
    ["Atlantis", na('No node "Atlantis"')],
    [null, na("node is blank; give the id of a node")],
    [column("UK", "FR"), value("node must be a single cell (it is 2x1)")],
  ])("of %p", (node, expected) => {
    expect(children(ids, parents, node)).toEqual(expected);
  });
});

describe("DESCENDANTS", () => {
  it.each<[unknown, unknown, unknown]>([
    ["Company", null, column("EMEA", "UK", "FR", "AMER", 101)],
    ["Company", true, column("UK", "FR", 101)],
    ["Company", "TRUE", column("UK", "FR", 101)],
    ["Company", 0, column("EMEA", "UK", "FR", "AMER", 101)],
    ["EMEA", false, column("UK", "FR")],
    ["Solo", null, na("Solo has no descendants")],
    ["Solo", true, na("Solo has no descendants")],
    ["Atlantis", null, na('No node "Atlantis"')],
    ["Company", "leaves", value('leavesOnly must be TRUE or FALSE (it is "leaves")')],
  ])("of %p with leavesOnly %p", (node, leavesOnly, expected) => {
    expect(descendants(ids, parents, node, leavesOnly)).toEqual(expected);
  });
});

describe("TREE", () => {
  it("lists ids as written in hierarchy order: depth-first, siblings in sheet order", () => {
    expect(tree(ids, parents)).toEqual(column("Company", "EMEA", "UK", "FR", "AMER", 101, "Solo"));
    expect(tree(column("UK", "Co", "DE"), column("Co", "", "Co"))).toEqual(column("Co", "UK", "DE"));
  });

  it("gives #N/A when every id is blank", () => {
    expect(tree(column(null, ""), column("", ""))).toEqual(na("Every id is blank"));
  });

  it("reports hierarchy problems", () => {
    expect(tree(column("A", "a"), column("", ""))).toEqual(value('Duplicate id "A" (rows 1 and 2)'));
  });
});

describe("PARENTS", () => {
  it("derives the parent column from outline levels, as written in ids", () => {
    expect(parentsFromLevels(ids, levels)).toEqual(column("", "Company", "EMEA", "", "EMEA", "Company", "AMER", ""));
  });

  it("goes back up to the nearest id a level less, skipping blank-id rows", () => {
    expect(
      parentsFromLevels(column("", "A", "B", "C", null, "D", "E", 7, "F"), column(9, 1, 2, 3, "x", 2, 3, 1, "2")),
    ).toEqual(column("", "", "A", "B", "", "A", "D", "", 7));
  });

  it("feeds ROLLUP for sheets without a parent column", () => {
    const outline = parentsFromLevels(ids, levels);
    expect(rollup(ids, outline, values)).toEqual(rollup(ids, parents, values));
  });

  it.each<[string, unknown[][], unknown[][], CellError]>([
    [
      "a first id not at level 1",
      column("A", "B"),
      column(2, 3),
      value('"A" (row 1) is the first id, so its level must be 1, not 2'),
    ],
    [
      "a jump of more than one level",
      column("A", "B", "C"),
      column(1, 2, 4),
      value('Level 4 of "C" (row 3) has no level 3 above it (the id above is at level 2)'),
    ],
    ["a level below 1", column("A", "B"), column(1, 0), value('Level of "B" (row 2) is blank or 0; levels start at 1')],
    [
      "a fractional level",
      column("A", "B"),
      column(1, 1.5),
      value('Level 1.5 of "B" (row 2) is not a whole number from 1 up'),
    ],
    [
      "a text level",
      column("A", "B"),
      column(1, "two"),
      value('Level "two" of "B" (row 2) is not a whole number from 1 up'),
    ],
    [
      "a blank level",
      column("A", "B"),
      column(1, null),
      value('Level of "B" (row 2) is blank or 0; levels start at 1'),
    ],
    [
      "levels of another height",
      column("A", "B"),
      column(1),
      value("levels has 1 row but ids has 2; give ranges of the same height"),
    ],
    [
      "levels of several columns",
      column("A", "B"),
      [
        [1, 1],
        [2, 2],
      ],
      value("levels must be a single column or a single row (it is 2x2)"),
    ],
  ])("rejects %s", (_case, someIds, someLevels, expected) => {
    expect(parentsFromLevels(someIds, someLevels)).toEqual(expected);
  });
});

describe("any input", () => {
  const junk: unknown[] = [
    undefined,
    null,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    {},
    [],
    [[]],
    [[[1]]],
    [[{ a: 1 }]],
    [1, [2]],
    Symbol("s"),
    () => 1,
    BigInt(3),
    new Date(0),
  ];
  const functions: [string, (...args: unknown[]) => FormulaResult][] = [
    ["rollup", rollup],
    ["level", level],
    ["path", path],
    ["children", children],
    ["descendants", descendants],
    ["tree", tree],
    ["parentsFromLevels", parentsFromLevels],
  ];

  it.each(functions)("%s gives a grid or an error, never throws", (_name, fn) => {
    for (const a of junk) {
      for (const b of junk) {
        for (const args of [
          [a, b],
          [a, b, a],
          [ids, parents, a, b],
          [ids, b, values, a, a],
          [a, parents, values],
        ]) {
          const result = fn(...args);
          expect(result instanceof CellError || Array.isArray(result)).toBe(true);
        }
      }
    }
  });
});
