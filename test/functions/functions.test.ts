/**
 * The BU.* custom functions as Excel calls them: 2-D arrays in, null for omitted arguments, a grid
 * out, errors as CustomFunctions.Error (in cells, or thrown for the whole call).
 */
import * as functions from "../../src/functions/functions";
import { TestCustomFunctionsError } from "../support/customFunctionsGlobal";

/**
 * The runtime calls each function with what the cells hold and null for an omitted argument, which
 * the signatures (written for the metadata generator, where `T | null` would lose the range type)
 * don't spell.
 */
type ExcelCall = (...args: unknown[]) => unknown[][];
const { ALLOCATE, CASCADE, CHILDREN, DESCENDANTS, LEVEL, PARENTS, PATH, ROLLUP, SPREAD, TREE, VARIANCE } =
  functions as unknown as Record<keyof typeof functions, ExcelCall>;

/** A cell as the user sees it: the value, or the error code with the message Excel shows on hover. */
function shown(cell: unknown): unknown {
  if (cell instanceof TestCustomFunctionsError) return cell.message ? `${cell.code} ${cell.message}` : cell.code;
  return cell;
}

function grid(result: unknown[][]): unknown[][] {
  return result.map((row) => row.map(shown));
}

/** What a whole-call failure shows: the thrown CustomFunctions.Error as the cell shows it. */
function failure(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    if (error instanceof TestCustomFunctionsError) return shown(error);
    throw error;
  }
  throw new Error("expected the call to throw a CustomFunctions.Error");
}

// Company > EMEA > UK, DE; Company > AMER > US, CA; a blank row between US and CA.
const ids = [["Company"], ["EMEA"], ["UK"], ["DE"], ["AMER"], ["US"], [null], ["CA"]];
const parents = [[null], ["Company"], ["EMEA"], [" emea "], ["Company"], ["AMER"], [null], ["AMER"]];
const values = [
  [null, null],
  [null, 5],
  [120, 130],
  [80, "n/a"],
  [null, null],
  [200, 210],
  [999, 999],
  [50, true],
];

describe("ROLLUP", () => {
  it.each<[string, unknown[][] | null, string | null, unknown[][]]>([
    [
      "sums every node's subtree per period, aligned with ids, when nodes and method are omitted",
      null,
      null,
      [
        [450, 345],
        [200, 135],
        [120, 130],
        [80, 0],
        [250, 210],
        [200, 210],
        ["", ""],
        [50, 0],
      ],
    ],
    [
      "averages the numbers in each subtree, #DIV/0! where there are none",
      null,
      "AVG",
      [
        [112.5, 115],
        [100, 67.5],
        [120, 130],
        [80, "#DIV/0!"],
        [125, 210],
        [200, 210],
        ["", ""],
        [50, "#DIV/0!"],
      ],
    ],
    [
      "reports the requested nodes, #N/A with the id for an unknown one",
      [["uk"], ["Nowhere"], [null]],
      null,
      [
        [120, 130],
        ['#N/A No node "Nowhere"', '#N/A No node "Nowhere"'],
        ["", ""],
      ],
    ],
    ["reports a single requested node", [["AMER"]], "max", [[200, 210]]],
  ])("%s", (_case, nodes, method, expected) => {
    expect(grid(ROLLUP(ids, parents, values, nodes, method))).toEqual(expected);
  });

  it("treats arguments Excel leaves out (undefined) as omitted, like null", () => {
    expect(ROLLUP(ids, parents, values)).toEqual(ROLLUP(ids, parents, values, null, null));
  });

  it.each<[string, unknown[][], unknown[][], unknown[][], string]>([
    [
      "a duplicate id",
      [["A"], ["B"], [" a"]],
      [[null], ["A"], [null]],
      [[1], [2], [3]],
      '#VALUE! Duplicate id "A" (rows 1 and 3)',
    ],
    ["a cycle", [["A"], ["B"]], [["B"], ["A"]], [[1], [2]], "#VALUE! Cycle: A > B > A (rows 1 and 2)"],
    [
      "an unknown parent",
      [["A"], ["B"]],
      [[null], ["X"]],
      [[1], [2]],
      '#VALUE! Parent "X" of "B" (row 2) is not in ids',
    ],
    [
      "ranges of different heights",
      [["A"], ["B"]],
      [[null]],
      [[1], [2]],
      "#VALUE! parents has 1 row but ids has 2; give ranges of the same height",
    ],
  ])("fails the whole call on %s", (_case, badIds, badParents, badValues, expected) => {
    expect(failure(() => ROLLUP(badIds, badParents, badValues, null, null))).toBe(expected);
  });
});

describe("VARIANCE", () => {
  const actual = [
    [10, 20],
    [null, 5],
  ];
  const target = [
    [8, 0],
    [1, "x"],
  ];

  it.each<[string, unknown[][], unknown[][], string | null, unknown[][]]>([
    [
      "subtracts target from actual when mode is omitted",
      actual,
      target,
      null,
      [
        [2, 20],
        ["", ""],
      ],
    ],
    [
      "gives the change relative to the target, #DIV/0! for a zero target",
      actual,
      target,
      "Pct",
      [
        [0.25, "#DIV/0!"],
        ["", ""],
      ],
    ],
    ["applies a single target cell to every actual", [[10], [20]], [[5]], "ratio", [[2], [4]]],
    [
      // Excel passes an input error by its code only (Microsoft's custom functions error page).
      "passes an error in the input through",
      [[new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable)]],
      [[5]],
      null,
      [["#N/A"]],
    ],
  ])("%s", (_case, actualArg, targetArg, mode, expected) => {
    expect(grid(VARIANCE(actualArg, targetArg, mode))).toEqual(expected);
  });

  it.each<[string, unknown[][], unknown[][], string | null, string]>([
    [
      "shapes that don't broadcast",
      [[10], [20]],
      [[5, 6]],
      null,
      "#VALUE! actual is 2x1 but target is 1x2; give ranges of the same shape or a single cell",
    ],
    ["an unknown mode", [[1]], [[5]], "delta", '#VALUE! mode must be "abs", "pct" or "ratio" (it is "delta")'],
  ])("fails the whole call on %s", (_case, actualArg, targetArg, mode, expected) => {
    expect(failure(() => VARIANCE(actualArg, targetArg, mode))).toBe(expected);
  });
});

describe("ALLOCATE", () => {
  it.each<[string, number, unknown[][], number | null, unknown[][]]>([
    ["splits into whole numbers that add up when decimals is omitted", 100, [[1], [1], [1]], null, [[34], [33], [33]]],
    [
      "keeps the shape of weights; text takes no share",
      10,
      [
        [1, "x"],
        [2, 0],
      ],
      1,
      [
        [3.3, ""],
        [6.7, 0],
      ],
    ],
    ["splits evenly when every weight is 0", 10, [[0], [0]], null, [[5], [5]]],
  ])("%s", (_case, total, weights, decimals, expected) => {
    expect(grid(ALLOCATE(total, weights, decimals))).toEqual(expected);
  });

  it("fails the whole call on a negative weight, naming its cell", () => {
    expect(failure(() => ALLOCATE(10, [[1], [-2]], null))).toBe("#VALUE! Weight in row 2, column 1 is negative (-2)");
  });
});

describe("SPREAD", () => {
  it.each<[string, number, unknown, number | null, unknown[][]]>([
    ["an annual target evenly over 4 quarters, as a row", 1001, 4, null, [[251, 250, 250, 250]]],
    ["shares in a column, which total 100%", 1000, [[0.1], [0.2], [0.3], [0.4]], null, [[100], [200], [300], [400]]],
    ["last year's values in proportion, to cents", 100, [[1, 2]], 2, [[33.33, 66.67]]],
    ["12 months by the weeks of 4-5-4", 520, "4-5-4", null, [[40, 50, 40, 40, 50, 40, 40, 50, 40, 40, 50, 40]]],
  ])("%s", (_case, total, profile, decimals, expected) => {
    expect(grid(SPREAD(total, profile, decimals))).toEqual(expected);
  });

  it("fails the whole call on shares that do not total 100%, saying their total", () => {
    expect(failure(() => SPREAD(1000, [[0.25], [0.25], [0.25]], null))).toBe(
      "#VALUE! profile's numbers are all below 1, so they are shares, and they total 75%; " +
        "make them total 100%, or give weights such as last year's values",
    );
  });
});

describe("CASCADE", () => {
  const targets = [
    [1000, 100],
    [400, null],
    [null, null],
    [null, null],
    [null, null],
    [null, null],
    [null, null],
    [null, null],
  ];

  it("keeps held targets and shares the rest by weight, per period, rounded when decimals is given", () => {
    expect(grid(CASCADE(ids, parents, targets, values, 0))).toEqual([
      [1000, 100],
      [400, 100],
      [240, 100],
      [160, 0],
      [600, 0],
      [480, 0],
      ["", ""],
      [120, 0],
    ]);
  });

  it("gives exact shares when decimals is omitted, blank above the first target", () => {
    const oneTarget = [[null], [90], [null], [null], [null], [null], [null], [null]];
    const weights = [[0], [1], [1], [2], [3], [1], [1], [1]];
    expect(grid(CASCADE(ids, parents, oneTarget, weights, null))).toEqual([
      [""],
      [90],
      [30],
      [60],
      [""],
      [""],
      [""],
      [""],
    ]);
  });
});

describe("CASCADE with overAssignment", () => {
  const oneTarget = [[1210], [null], [null], [null], [null], [null], [null], [null]];
  const even = [[1], [1], [1], [1], [1], [1], [1], [1]];

  it.each([
    ["1.1", 1.1],
    ["110 % as Excel passes it", 1.1000000000000001],
  ])("at %s each parent passes its target / 1.1 down, at every level", (_, over) => {
    expect(grid(CASCADE(ids, parents, oneTarget, even, 0, null, over))).toEqual([
      [1210],
      [550],
      [250],
      [250],
      [550],
      [250],
      [""],
      [250],
    ]);
  });

  it.each([null, "", 0, 1])(
    "omitted, blank, 0 (an empty cell on the desktop) or 1 (%j) is no over-assignment",
    (over) => {
      expect(grid(CASCADE(ids, parents, oneTarget, even, 0, null, over))).toEqual(
        grid(CASCADE(ids, parents, oneTarget, even, 0, null)),
      );
    },
  );

  it.each<[unknown, string]>([
    [110, "110"],
    [0.9, "0.9"],
    [4, "4"],
    ["110%", '"110%"'],
    [true, "TRUE"],
  ])("refuses overAssignment %j, naming the argument and what to enter", (over, got) => {
    expect(failure(() => CASCADE(ids, parents, oneTarget, even, 0, null, over))).toBe(
      `#VALUE! overAssignment must be a percentage from 100 % to 300 %, like 110 % or 1.1 (it is ${got})`,
    );
  });

  it("refuses a range of several cells as overAssignment", () => {
    expect(failure(() => CASCADE(ids, parents, oneTarget, even, 0, null, [[1.1], [1.2]]))).toBe(
      "#VALUE! overAssignment must be a single cell (it is 2x1)",
    );
  });
});

describe("hierarchy functions", () => {
  it.each<[string, () => unknown[][], unknown[][]]>([
    ["LEVEL gives depths aligned with ids", () => LEVEL(ids, parents, null), [[1], [2], [3], [3], [2], [3], [""], [3]]],
    ["LEVEL of requested nodes", () => LEVEL(ids, parents, [["ca"], ["company"]]), [[3], [1]]],
    [
      "PATH of a requested node with the default separator",
      () => PATH(ids, parents, [["CA"]], null),
      [["Company > AMER > CA"]],
    ],
    [
      "PATH of every row with a separator",
      () => PATH(ids, parents, null, "/"),
      [
        ["Company"],
        ["Company/EMEA"],
        ["Company/EMEA/UK"],
        ["Company/EMEA/DE"],
        ["Company/AMER"],
        ["Company/AMER/US"],
        [""],
        ["Company/AMER/CA"],
      ],
    ],
    [
      "CHILDREN in sheet order, matching the node as Excel's lookups do",
      () => CHILDREN(ids, parents, " amer"),
      [["US"], ["CA"]],
    ],
    [
      "DESCENDANTS depth-first when leavesOnly is omitted",
      () => DESCENDANTS(ids, parents, "Company", null),
      [["EMEA"], ["UK"], ["DE"], ["AMER"], ["US"], ["CA"]],
    ],
    ["DESCENDANTS leaves only", () => DESCENDANTS(ids, parents, "Company", true), [["UK"], ["DE"], ["US"], ["CA"]]],
    [
      "TREE in hierarchy order, skipping blank ids",
      () => TREE([["UK"], ["Company"], ["EMEA"], [7]], [["EMEA"], [null], ["Company"], ["Company"]]),
      [["Company"], ["EMEA"], ["UK"], [7]],
    ],
    [
      "PARENTS from outline levels",
      () => PARENTS([["Co"], ["E"], ["UK"], ["A"], ["US"]], [[1], [2], [3], [2], [3]]),
      [[""], ["Co"], ["E"], ["Co"], ["A"]],
    ],
  ])("%s", (_case, call, expected) => {
    expect(grid(call())).toEqual(expected);
  });

  it.each<[string, () => unknown, string]>([
    ["CHILDREN of a leaf", () => CHILDREN(ids, parents, "UK"), "#N/A UK has no children"],
    ["CHILDREN of an unknown node", () => CHILDREN(ids, parents, "ZZ"), '#N/A No node "ZZ"'],
    ["DESCENDANTS of a leaf", () => DESCENDANTS(ids, parents, "CA", null), "#N/A CA has no descendants"],
    [
      "PARENTS with a jump of two levels",
      () => PARENTS([["Co"], ["E"]], [[1], [3]]),
      '#VALUE! Level 3 of "E" (row 2) has no level 2 above it (the id above is at level 1)',
    ],
    [
      "TREE of a bad hierarchy",
      () => TREE([["A"], ["A"]], [[null], [null]]),
      '#VALUE! Duplicate id "A" (rows 1 and 2)',
    ],
  ])("%s fails the whole call", (_case, call, expected) => {
    expect(failure(call)).toBe(expected);
  });
});

/**
 * Results a formula knows to hold only numbers and text skip the adapter's per-cell check; a cell
 * Excel must show as an error, after rows of plain numbers, must still reach Excel as one.
 */
describe("an error cell below rows of numbers", () => {
  const chain = [["A"], ["B"], ["C"]];
  const chainParents = [[null], ["A"], ["B"]];

  it.each<[string, () => unknown[][], unknown[][]]>([
    [
      "ROLLUP sum past the largest number is #NUM! in that cell only",
      () => ROLLUP([["C"], ["B"], ["A"]], [["B"], ["A"], [null]], [[1], [1e308], [1e308]], null, null),
      [[1], [1e308], ["#NUM!"]],
    ],
    [
      "ROLLUP avg of nothing is #DIV/0!",
      () => ROLLUP(chain, chainParents, [[1], [2], [null]], null, "avg"),
      [[1.5], [2], ["#DIV/0!"]],
    ],
    [
      "ROLLUP of an unknown requested node is #N/A in its row",
      () => ROLLUP(chain, chainParents, [[1], [2], [3]], [["A"], ["Z"]], null),
      [[6], ['#N/A No node "Z"']],
    ],
    [
      "LEVEL of an unknown requested node is #N/A in its row",
      () => LEVEL(chain, chainParents, [["C"], ["Z"]]),
      [[3], ['#N/A No node "Z"']],
    ],
    [
      "VARIANCE pct against a zero target",
      () => VARIANCE([[1], [2], [3]], [[1], [1], [0]], "pct"),
      [[0], [1], ["#DIV/0!"]],
    ],
    ["VARIANCE past the largest number", () => VARIANCE([[1], [1.5e308]], [[1], [-1.5e308]], null), [[0], ["#NUM!"]]],
    [
      "CASCADE below an error target",
      () =>
        CASCADE(
          [["A"], ["B"], ["C"], ["D"]],
          [[null], ["A"], [null], ["C"]],
          [[10], [null], [new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable)], [null]],
          null,
        ),
      [[10], [10], ["#N/A"], ["#N/A"]],
    ],
  ])("%s", (_case, call, expected) => {
    expect(grid(call())).toEqual(expected);
  });
});
