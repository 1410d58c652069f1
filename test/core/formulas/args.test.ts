import { CellError } from "../../../src/core/cell";
import {
  DEFAULT_SEPARATOR,
  idResult,
  parseDecimals,
  parseFlag,
  parseMethod,
  parseMode,
  parseNumber,
  parseSeparator,
  problemsError,
  toHierarchy,
  toIds,
  toNode,
  toRange,
  toRows,
  toScalar,
  toTargets,
  toValueRows,
  toVector,
  type Vector,
} from "../../../src/core/formulas/args";
import { Hierarchy, type HierarchyProblem } from "../../../src/core/hierarchy/hierarchy";

const value = (message: string): CellError => new CellError("VALUE", message);
const na = (message: string): CellError => new CellError("NA", message);

function hierarchyOf(ids: readonly unknown[], parents: readonly unknown[]): Hierarchy {
  const result = Hierarchy.build(ids, parents);
  if (!result.ok) throw new Error("invalid test hierarchy");
  return result.hierarchy;
}

describe("toRows", () => {
  it.each<[string, unknown, unknown]>([
    [
      "a 2-D array as is",
      [
        [1, 2],
        [3, 4],
      ],
      [
        [1, 2],
        [3, 4],
      ],
    ],
    ["a flat array as a column", [1, "a", null], [[1], ["a"], [null]]],
    ["a scalar as one cell", "x", [["x"]]],
    ["null as one blank cell", null, [[null]]],
    ["undefined as one blank cell", undefined, [[undefined]]],
    ["an empty array as no rows", [], []],
    ["rows of no cells as they are", [[], []], [[], []]],
  ])("reads %s", (_case, arg, expected) => {
    expect(toRows(arg, "values")).toEqual(expected);
  });

  it.each<[string, unknown]>([
    ["rows of different lengths", [[1, 2], [3]]],
    ["rows mixed with cells", [[1], 2]],
    ["cells mixed with rows", [1, [2]]],
  ])("rejects %s", (_case, arg) => {
    expect(toRows(arg, "values")).toEqual(value("values must be a range: rows of equal length"));
  });
});

describe("toRange", () => {
  it.each<[string, unknown, unknown]>([
    ["a block", [[1, 2]], [[1, 2]]],
    ["a scalar as one cell", 5, [[5]]],
    ["a flat array as a column", [1, 2], [[1], [2]]],
    ["an empty array", [], value("weights is empty")],
    ["rows of no cells", [[], []], value("weights is empty")],
    ["ragged rows", [[1, 2], [3]], value("weights must be a range: rows of equal length")],
  ])("reads %s", (_case, arg, expected) => {
    expect(toRange(arg, "weights")).toEqual(expected);
  });

  it("hands a large range on as it is, without copying a row", () => {
    const range = Array.from({ length: 100_000 }, (_, row) => [row, row + 1, "", null]);
    expect(toRange(range, "actual")).toBe(range);
  });
});

describe("toVector", () => {
  it.each<[string, unknown, Vector]>([
    ["a column", [["a"], ["b"]], { cells: ["a", "b"], across: false }],
    ["a row, left to right", [["a", "b", "c"]], { cells: ["a", "b", "c"], across: true }],
    ["a single cell", [["a"]], { cells: ["a"], across: false }],
    ["a scalar", 7, { cells: [7], across: false }],
    ["a flat array", ["a", "b"], { cells: ["a", "b"], across: false }],
    ["an empty array", [], { cells: [], across: false }],
    ["a row of no cells", [[]], { cells: [], across: false }],
  ])("reads %s", (_case, arg, expected) => {
    expect(toVector(arg, "ids")).toEqual(expected);
  });

  it("rejects a range of several rows and columns, naming the argument", () => {
    expect(
      toVector(
        [
          [1, 2],
          [3, 4],
        ],
        "parents",
      ),
    ).toEqual(value("parents must be a single column or a single row (it is 2x2)"));
  });

  it("requires at least one id", () => {
    expect(toIds([])).toEqual(value("ids is empty"));
    expect(toIds([[]])).toEqual(value("ids is empty"));
    expect(toIds([["a"]])).toEqual({ cells: ["a"], across: false });
  });
});

describe("toValueRows", () => {
  const column: Vector = { cells: ["a", "b"], across: false };
  const row: Vector = { cells: ["a", "b"], across: true };

  it("keeps rows aligned with ids, one column per period", () => {
    expect(
      toValueRows(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        column,
        "values",
      ),
    ).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it("takes a single row of values for ids given as a single row", () => {
    expect(toValueRows([[1, 2]], row, "values")).toEqual([[1], [2]]);
  });

  it.each<[string, unknown, Vector, CellError]>([
    [
      "a different row count",
      [[1], [2], [3]],
      column,
      value("values has 3 rows but ids has 2; give ranges of the same height"),
    ],
    [
      "a single row for ids given as a column",
      [[1, 2]],
      column,
      value("values has 1 row but ids has 2; give ranges of the same height"),
    ],
    ["rows without cells", [[], []], column, value("values is empty")],
    ["ragged rows", [[1, 2], [3]], column, value("values must be a range: rows of equal length")],
  ])("rejects %s", (_case, arg, ids, expected) => {
    expect(toValueRows(arg, ids, "values")).toEqual(expected);
  });
});

describe("toScalar", () => {
  it.each<[string, unknown, unknown]>([
    ["a scalar", "avg", "avg"],
    ["a 1x1 array", [["avg"]], "avg"],
    ["null as omitted", null, undefined],
    ["undefined as omitted", undefined, undefined],
    ["an empty array as omitted", [], undefined],
    ["a range of several cells as an error", [["a", "b"]], value("method must be a single cell (it is 1x2)")],
    ["a column of cells as an error", [["a"], ["b"]], value("method must be a single cell (it is 2x1)")],
  ])("reads %s", (_case, arg, expected) => {
    expect(toScalar(arg, "method")).toEqual(expected);
  });
});

describe("parseMethod", () => {
  it.each<[unknown, unknown]>([
    [undefined, "sum"],
    [null, "sum"],
    ["", "sum"],
    ["  ", "sum"],
    ["sum", "sum"],
    ["COUNT", "count"],
    [" Avg ", "avg"],
    [[["min"]], "min"],
    ["MAX", "max"],
    ["average", value('method must be "sum", "count", "avg", "min" or "max" (it is "average")')],
    [3, value('method must be "sum", "count", "avg", "min" or "max" (it is 3)')],
    [true, value('method must be "sum", "count", "avg", "min" or "max" (it is TRUE)')],
    [{}, value('method must be "sum", "count", "avg", "min" or "max" (it is not a cell value)')],
    [[["sum", "avg"]], value("method must be a single cell (it is 1x2)")],
  ])("reads %p", (arg, expected) => {
    expect(parseMethod(arg)).toEqual(expected);
  });
});

describe("parseMode", () => {
  it.each<[unknown, unknown]>([
    [undefined, "abs"],
    [null, "abs"],
    [" ", "abs"],
    ["PCT", "pct"],
    [[[" Ratio "]], "ratio"],
    ["diff", value('mode must be "abs", "pct" or "ratio" (it is "diff")')],
    [2, value('mode must be "abs", "pct" or "ratio" (it is 2)')],
    [[["abs"], ["pct"]], value("mode must be a single cell (it is 2x1)")],
  ])("reads %p", (arg, expected) => {
    expect(parseMode(arg)).toEqual(expected);
  });
});

describe("parseDecimals", () => {
  it.each<[unknown, unknown]>([
    [undefined, undefined],
    [null, undefined],
    ["", undefined],
    [[[null]], undefined],
    [2, 2],
    [-3, -3],
    [[[10]], 10],
    [1.5, value("decimals must be a whole number from -10 to 10 (it is 1.5)")],
    [11, value("decimals must be a whole number from -10 to 10 (it is 11)")],
    ["2", value('decimals must be a whole number from -10 to 10 (it is "2")')],
    [false, value("decimals must be a whole number from -10 to 10 (it is FALSE)")],
    [[[1, 2]], value("decimals must be a single cell (it is 1x2)")],
  ])("reads %p", (arg, expected) => {
    expect(parseDecimals(arg)).toEqual(expected);
  });
});

describe("parseNumber", () => {
  const error = na("Not submitted");

  it.each<[unknown, unknown]>([
    [10, 10],
    [[[-2.5]], -2.5],
    [null, value("total must be a number (it is blank)")],
    [" ", value("total must be a number (it is blank)")],
    ["12", value('total must be a number (it is "12")')],
    [true, value("total must be a number (it is TRUE)")],
    [Number.NaN, value("total must be a number (it is NaN)")],
    [{}, value("total must be a number (it is not a cell value)")],
    [[[1], [2]], value("total must be a single cell (it is 2x1)")],
    [error, error],
  ])("reads %p", (arg, expected) => {
    expect(parseNumber(arg, "total")).toEqual(expected);
  });
});

describe("parseSeparator", () => {
  it.each<[unknown, unknown]>([
    [undefined, DEFAULT_SEPARATOR],
    [null, " > "],
    ["", " > "],
    [[[""]], " > "],
    [" ", " "],
    ["/", "/"],
    [" | ", " | "],
    [2, "2"],
    [true, value("separator must be text (it is TRUE)")],
    [Number.NaN, value("separator must be text (it is NaN)")],
    [[["/", "-"]], value("separator must be a single cell (it is 1x2)")],
  ])("reads %p", (arg, expected) => {
    expect(parseSeparator(arg)).toEqual(expected);
  });
});

describe("parseFlag", () => {
  it.each<[unknown, unknown]>([
    [undefined, false],
    [null, false],
    ["", false],
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    [-2, true],
    ["TRUE", true],
    [" false ", false],
    ["True", true],
    [[[true]], true],
    ["yes", value('leavesOnly must be TRUE or FALSE (it is "yes")')],
    [Number.POSITIVE_INFINITY, value("leavesOnly must be TRUE or FALSE (it is Infinity)")],
    [{}, value("leavesOnly must be TRUE or FALSE (it is not a cell value)")],
  ])("reads %p", (arg, expected) => {
    expect(parseFlag(arg, "leavesOnly")).toEqual(expected);
  });
});

describe("toHierarchy and problemsError", () => {
  const vector = (cells: unknown[]): Vector => ({ cells, across: false });
  const problem = (message: string): HierarchyProblem => ({ kind: "cycle", rows: [1], ids: ["A"], message });

  it("returns the hierarchy when it is valid", () => {
    const hierarchy = toHierarchy(vector(["A", "B"]), vector(["", "A"]));
    expect(hierarchy).toBeInstanceOf(Hierarchy);
  });

  it("returns #VALUE! with the problem when there is one", () => {
    expect(toHierarchy(vector(["A", "A"]), vector(["", ""]))).toEqual(value('Duplicate id "A" (rows 1 and 2)'));
  });

  it.each<[number, string]>([
    [1, "p1"],
    [3, "p1; p2; p3"],
    [4, "p1; p2; p3; and 1 more problem"],
    [10, "p1; p2; p3; and 7 more problems"],
  ])("lists the first three of %i problems and counts the rest", (count, message) => {
    const problems = Array.from({ length: count }, (_, i) => problem(`p${i + 1}`));
    expect(problemsError(problems)).toEqual(value(message));
  });
});

describe("toTargets and toNode", () => {
  const hierarchy = hierarchyOf(["A", "", 12, "b"], ["", "", "a", "A"]);

  it("aligns with the input rows when nodes is omitted, blank ids giving blank rows", () => {
    expect(toTargets(null, hierarchy)).toEqual([0, "", 1, 2]);
    expect(toTargets(undefined, hierarchy)).toEqual([0, "", 1, 2]);
  });

  it("gives one target per requested node, matched like lookups", () => {
    expect(toTargets([["B"], [" 12 "], [12], [""], [null], ["Z"], [Number.NaN]], hierarchy)).toEqual([
      2,
      1,
      1,
      "",
      "",
      na('No node "Z"'),
      "",
    ]);
  });

  it("takes one id, or a row of ids", () => {
    expect(toTargets("a", hierarchy)).toEqual([0]);
    expect(toTargets([["a", "b"]], hierarchy)).toEqual([0, 2]);
  });

  it("rejects a block of nodes or no nodes at all", () => {
    expect(
      toTargets(
        [
          ["a", "b"],
          ["a", "b"],
        ],
        hierarchy,
      ),
    ).toEqual(value("nodes must be a single column or a single row (it is 2x2)"));
    expect(toTargets([], hierarchy)).toEqual(value("nodes is empty"));
  });

  it.each<[unknown, unknown]>([
    ["b", 2],
    [[[12]], 1],
    ["12", 1],
    ["Z", na('No node "Z"')],
    [3.5, na('No node "3.5"')],
    [null, na("node is blank; give the id of a node")],
    ["  ", na("node is blank; give the id of a node")],
    [[["a"], ["b"]], value("node must be a single cell (it is 2x1)")],
  ])("finds the node %p", (arg, expected) => {
    expect(toNode(arg, hierarchy)).toEqual(expected);
  });
});

describe("idResult", () => {
  it.each<[unknown, unknown]>([
    [12, 12],
    [" UK ", " UK "],
    [true, "TRUE"],
    [null, ""],
  ])("returns %p as %p", (cell, expected) => {
    expect(idResult(cell)).toEqual(expected);
  });
});
