/**
 * The BU.* functions given cells as real Excel hands them over, which our other models are kinder
 * than:
 * - an empty cell arrives as 0 from Excel on the desktop and as null from Excel on the web
 *   (office-js #4702 "ifempty cells ... 0 in desktop and null in office web", #5262 "Empty Cells as 0
 *   ... any Range Parameters", #1951 repeating ranges);
 * - an error cell arrives (with `allowErrorForDataTypeAny`, Microsoft's "Handle and return errors from
 *   your custom function") as a `CustomFunctions.Error` with only its code, or, with data types on, as
 *   an error cell value `{ type: "Error", errorType, basicValue }` (Microsoft's "Use data types with
 *   custom functions" and the Excel API's ErrorCellValue);
 * - a cell holding a data type (Geography, Stocks, formatted numbers) arrives as its cell value object,
 *   because the metadata generator always sets `allowCustomDataForDataTypeAny`.
 */
import * as functions from "../../src/functions/functions";
import { CellError, fromHostCell } from "../../src/core/cell";
import { TestCustomFunctionsError } from "../support/customFunctionsGlobal";

type ExcelCall = (...args: unknown[]) => unknown[][];
const { ALLOCATE, CASCADE, CHILDREN, LEVEL, PATH, ROLLUP, SPREAD, TREE, VARIANCE } = functions as unknown as Record<
  keyof typeof functions,
  ExcelCall
>;

function shown(cell: unknown): unknown {
  if (cell instanceof TestCustomFunctionsError) return cell.message ? `${cell.code} ${cell.message}` : cell.code;
  return cell;
}

function call(run: () => unknown[][]): unknown {
  try {
    return run().map((row) => row.map(shown));
  } catch (error) {
    if (error instanceof TestCustomFunctionsError) return shown(error);
    throw error;
  }
}

/** #N/A as each shape Excel can send it. */
const NA_SHAPES: [string, () => unknown][] = [
  ["a CustomFunctions.Error", () => new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable)],
  ["an error cell value", () => ({ type: "Error", errorType: "NotAvailable", basicValue: "#N/A" })],
];

/** A Geography cell as Excel passes it: a linked entity whose cell shows "France". */
const france = {
  type: "LinkedEntity",
  text: "France",
  id: { entityId: "c0b1", domainId: "Geography", serviceId: 268, culture: "en-US" },
  basicType: "Error",
  basicValue: "#VALUE!",
  properties: { Population: { type: "Double", basicValue: 68e6 } },
};

describe("fromHostCell", () => {
  it.each<[string, unknown, unknown]>([
    [
      "a CustomFunctions.Error #N/A",
      new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable),
      new CellError("NA", ""),
    ],
    [
      "an error cell value #DIV/0!",
      { type: "Error", errorType: "Div0", basicValue: "#DIV/0!" },
      new CellError("DIV0", ""),
    ],
    [
      "an input-only #REF! (as #VALUE!, saying which it was)",
      { type: "Error", errorType: "Ref", basicValue: "#REF!" },
      new CellError("VALUE", "An input cell holds #REF!"),
    ],
    [
      "a CustomFunctions.Error #NAME?",
      new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidName),
      new CellError("VALUE", "An input cell holds #NAME?"),
    ],
    ["a formatted number", { type: "FormattedNumber", basicValue: 0.25, numberFormat: "0%" }, 0.25],
    ["a double", { type: "Double", basicValue: 12 }, 12],
    ["a string", { type: "String", basicValue: "UK" }, "UK"],
    ["a boolean", { type: "Boolean", basicValue: true }, true],
    ["an empty cell value", { type: "Empty", basicValue: "" }, null],
    ["a Geography linked entity (by the text it shows)", france, "France"],
    ["an entity", { type: "Entity", text: "EMEA", properties: {} }, "EMEA"],
    ["a plain number", 3, 3],
  ])("reads %s", (_case, cell, expected) => {
    expect(fromHostCell(cell)).toEqual(expected);
  });

  it("leaves a picture an object: neither a number nor an id", () => {
    const picture = { type: "WebImage", address: "https://example.com/a.png", basicValue: "#VALUE!" };
    expect(fromHostCell(picture)).toBe(picture);
  });

  it("shares one error value between cells holding the same error", () => {
    const first = fromHostCell(new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable));
    expect(fromHostCell({ type: "Error", errorType: "NotAvailable", basicValue: "#N/A" })).toBe(first);
  });
});

// Company > EMEA > UK, DE; Company > AMER > US.
const ids = [["Company"], ["EMEA"], ["UK"], ["DE"], ["AMER"], ["US"]];
const parents = [[""], ["Company"], ["EMEA"], ["EMEA"], ["Company"], ["AMER"]];

describe.each(NA_SHAPES)("an #N/A given as %s", (_shape, na) => {
  it("inside a values column shows only in that node's and its ancestors' rollup cells of that period", () => {
    const values = [
      [1, 1],
      [2, 2],
      [na(), 10],
      [20, 20],
      [30, 30],
      [40, 40],
    ];
    expect(call(() => ROLLUP(ids, parents, values, null, null))).toEqual([
      ["#N/A", 103],
      ["#N/A", 32],
      ["#N/A", 10],
      [20, 20],
      [70, 70],
      [40, 40],
    ]);
  });

  it.each(["avg", "min", "max"])("shows the same way for %s", (method) => {
    const values = [[1], [2], [na()], [20], [30], [40]];
    const result = call(() => ROLLUP(ids, parents, values, null, method)) as unknown[][];
    expect(result.map((row) => row[0] === "#N/A")).toEqual([true, true, true, false, false, false]);
  });

  it("is skipped by count, as COUNT skips errors", () => {
    const values = [[1], [2], [na()], [20], [30], [40]];
    expect(call(() => ROLLUP(ids, parents, values, null, "count"))).toEqual([[5], [2], [0], [1], [2], [1]]);
  });

  it("inside ids is #VALUE! naming its row", () => {
    const badIds = [["Company"], ["EMEA"], [na()], ["DE"], ["AMER"], ["US"]];
    expect(call(() => LEVEL(badIds, parents, null))).toBe(
      "#VALUE! ids row 3 holds #N/A; ids and parents must be text or numbers (leave a root's parent blank)",
    );
  });

  it("inside parents is #VALUE! naming its row", () => {
    const badParents = [[""], ["Company"], ["EMEA"], ["EMEA"], ["Company"], [na()]];
    expect(call(() => ROLLUP(ids, badParents, [[1], [1], [1], [1], [1], [1]], null, null))).toBe(
      "#VALUE! parents row 6 holds #N/A; ids and parents must be text or numbers (leave a root's parent blank)",
    );
  });

  it("inside nodes shows in that row only", () => {
    expect(call(() => LEVEL(ids, parents, [["UK"], [na()], ["US"]]))).toEqual([[3], ["#N/A"], [3]]);
  });

  it("inside CASCADE targets shows in that node, the siblings sharing after it and its unheld descendants", () => {
    // Company 100 shared by EMEA (#N/A) and AMER; EMEA's children UK and DE share EMEA's.
    const targets = [[100], [na()], [""], [""], [""], [""]];
    const weights = [[1], [1], [1], [1], [1], [1]];
    expect(call(() => CASCADE(ids, parents, targets, weights, null))).toEqual([
      [100],
      ["#N/A"],
      ["#N/A"],
      ["#N/A"],
      ["#N/A"],
      ["#N/A"],
    ]);
    // Held below it, a node keeps its own target; above it, the parent's is its own.
    const held = [[100], [na()], [7], [""], [60], [""]];
    expect(call(() => CASCADE(ids, parents, held, weights, null))).toEqual([
      [100],
      ["#N/A"],
      [7],
      ["#N/A"],
      [60],
      [60],
    ]);
  });

  it("inside CASCADE weights fails only the split it takes part in", () => {
    const targets = [[100], [""], [""], [""], [""], [""]];
    const weights = [[1], [1], [na()], [1], [1], [1]];
    expect(call(() => CASCADE(ids, parents, targets, weights, null))).toEqual([
      [100],
      [50],
      ["#N/A"],
      ["#N/A"],
      [50],
      [50],
    ]);
  });

  it("inside ALLOCATE weights shows in every part, each being a share of their sum", () => {
    expect(call(() => ALLOCATE(10, [[1], [na()], [3]], null))).toEqual([["#N/A"], ["#N/A"], ["#N/A"]]);
  });

  it("inside a SPREAD profile shows in every period, each being a share of the whole profile", () => {
    expect(call(() => SPREAD(10, [[1, na(), 3]], null))).toEqual([["#N/A", "#N/A", "#N/A"]]);
  });

  it("passes through VARIANCE in its own cell", () => {
    expect(call(() => VARIANCE([[10], [na()]], [[4], [4]], null))).toEqual([[6], ["#N/A"]]);
  });
});

describe("data-type cells", () => {
  it("match a Geography-style id by the text it shows", () => {
    const geoIds = [["Europe"], [france], [{ ...france, text: "Spain" }]];
    const geoParents = [[null], ["Europe"], ["europe"]];
    expect(call(() => ROLLUP(geoIds, geoParents, [[1], [2], [3]], [["FRANCE"], ["Europe"]], null))).toEqual([[2], [6]]);
    expect(call(() => CHILDREN(geoIds, geoParents, "Europe"))).toEqual([["France"], ["Spain"]]);
    expect(call(() => PATH([["Europe"], ["France"], ["Paris"]], [[null], ["Europe"], [france]], null, null))).toEqual([
      ["Europe"],
      ["Europe > France"],
      ["Europe > France > Paris"],
    ]);
  });

  it("read a formatted number in values as its number", () => {
    const values = [[{ type: "FormattedNumber", basicValue: 5, numberFormat: "$0" }], [7]];
    expect(call(() => ROLLUP([["A"], ["B"]], [[null], ["A"]], values, null, null))).toEqual([[12], [7]]);
  });

  it("refuse a picture as an id, naming its row", () => {
    const picture = { type: "WebImage", address: "https://example.com/a.png", basicValue: "#VALUE!" };
    expect(call(() => TREE([["A"], [picture]], [[null], ["A"]]))).toBe(
      "#VALUE! ids row 2 holds a value that is not text or a number (a picture?); ids must be text or numbers",
    );
  });
});

describe("numbers as ids, keyed by the text Excel shows for them", () => {
  it.each<[string, string, number]>([
    ["=0.1+0.2", "0.3", 0.1 + 0.2],
    ["=10^-7", "1E-07", 1e-7],
    ["1234567890123456", "1.23456789012346E+15", 1234567890123456],
    ["a whole number", "42", 42],
  ])("%s matches its text %s", (_case, text, number) => {
    expect(call(() => LEVEL([["root"], [number]], [[null], ["root"]], [[text]]))).toEqual([[2]]);
    expect(call(() => LEVEL([["root"], [text]], [[null], ["root"]], [[number]]))).toEqual([[2]]);
  });
});

/**
 * One sheet, with blank cells, passed as each host passes it. `kind` says what each column holds in
 * the sheet; `blank` is how a host passes an empty cell.
 */
describe("the same sheet on the desktop (blanks as 0) and on the web (blanks as null)", () => {
  const BLANK = Symbol("blank");
  type Cell = string | number | typeof BLANK;
  // Company (no parent) > EMEA > UK, DE (no input in Q1) ; Company > AMER (target held) > US; a blank row.
  const sheet = {
    ids: ["Company", "EMEA", "UK", "DE", BLANK, "AMER", "US"] as Cell[],
    parents: [BLANK, "Company", "EMEA", "EMEA", BLANK, "Company", "AMER"] as Cell[],
    inputs: [
      [BLANK, BLANK],
      [BLANK, 5],
      [120, 130],
      [BLANK, 0],
      [999, BLANK],
      [BLANK, BLANK],
      [200, 210],
    ] as Cell[][],
    targets: [
      [1000, 900],
      [BLANK, BLANK],
      [BLANK, 300],
      [BLANK, BLANK],
      [BLANK, BLANK],
      [400, BLANK],
      [BLANK, BLANK],
    ] as Cell[][],
  };

  /** A range as the host passes it. */
  const raw = (cells: Cell[][], blank: 0 | null): unknown[][] =>
    cells.map((row) => row.map((cell) => (cell === BLANK ? blank : cell)));
  const column = (cells: Cell[]): Cell[][] => cells.map((cell) => [cell]);
  /** `r&""`: Excel computes it, so a blank is "" on every host. */
  const asText = (cells: Cell[][]): unknown[][] =>
    cells.map((row) => row.map((cell) => (cell === BLANK ? "" : String(cell))));
  /** `IF(ISBLANK(r),"",r)`: "" on every host. */
  const wrapped = (cells: Cell[][]): unknown[][] => cells.map((row) => row.map((cell) => (cell === BLANK ? "" : cell)));

  function report(blank: 0 | null): unknown {
    const idsRaw = raw(column(sheet.ids), blank);
    const parentsRaw = raw(column(sheet.parents), blank);
    const idsText = asText(column(sheet.ids));
    const parentsText = asText(column(sheet.parents));
    const q1 = (cells: Cell[][]): Cell[][] => cells.map((row) => [row[0]]);
    const bottomUp = call(() => ROLLUP(idsText, parentsText, wrapped(sheet.inputs), null, null)) as unknown[][];
    return {
      // The report's own forms: ids and parents as text, inputs and targets wrapped.
      level: call(() => LEVEL(idsText, parentsText, null)),
      bottomUp,
      topDown: call(() => CASCADE(idsText, parentsText, wrapped(sheet.targets), bottomUp, null)),
      variance: call(() =>
        VARIANCE(
          bottomUp,
          call(() => CASCADE(idsText, parentsText, wrapped(sheet.targets), bottomUp, null)),
          null,
        ),
      ),
      average: call(() => ROLLUP(idsText, parentsText, wrapped(sheet.inputs), null, "avg")),
      // An analyst's sheet passing the ranges as they are, where the policy makes blanks agree.
      rawSum: call(() => ROLLUP(idsRaw, parentsRaw, raw(sheet.inputs, blank), null, null)),
      rawCascade: call(() =>
        CASCADE(idsRaw, parentsRaw, raw(sheet.targets, blank), raw(q1(sheet.inputs), blank), null),
      ),
      rawLevel: call(() => LEVEL(idsRaw, parentsRaw, null)),
      rawPath: call(() => PATH(idsRaw, parentsRaw, null, null)),
      rawTree: call(() => TREE(idsRaw, parentsRaw)),
      rawNodes: call(() => LEVEL(idsRaw, parentsRaw, [["UK"], [blank]])),
      allocate: call(() => ALLOCATE(100, wrapped(q1(sheet.inputs)), null)),
      spread: call(() => SPREAD(100, wrapped(q1(sheet.inputs)), null)),
    };
  }

  it("gives identical results for the report's forms and for the ranges as they are", () => {
    const desktop = report(0);
    expect(report(null)).toEqual(desktop);
    // And they are the plan's numbers, not errors: the blank parent is a root, the blank row is blank.
    expect((desktop as { rawLevel: unknown }).rawLevel).toEqual([[1], [2], [3], [3], [""], [2], [3]]);
    expect((desktop as { rawSum: unknown }).rawSum).toEqual([
      [320, 345],
      [120, 135],
      [120, 130],
      [0, 0],
      ["", ""],
      [200, 210],
      [200, 210],
    ]);
  });

  it("reads a blank CASCADE target as 0 on the desktop, which is no target, not a held 0", () => {
    const result = call(() =>
      CASCADE(
        raw(column(sheet.ids), 0),
        raw(column(sheet.parents), 0),
        [[100], [0], [0], [0], [0], [0], [0]],
        null,
        null,
      ),
    );
    expect(result).toEqual([[100], [50], [25], [25], [""], [50], [50]]);
  });
});
