/** The BU plugin's own behaviour in HyperFormula: names, arguments, sizes and errors. */
import { DetailedCellError, HyperFormula } from "hyperformula";
import {
  BU_FUNCTION_NAMES,
  BuPlugin,
  EXCEL_NAMES,
  RESULT_TOO_LARGE,
  buConfig,
  fitBuSpills,
  registerBuFunctions,
} from "../../src/hyperformula/buPlugin";

type Sheet = (string | number | boolean | null)[][];

/** A cell as the user sees it; an error with the message shown on hover, if it has one. */
function shown(value: unknown): unknown {
  if (!(value instanceof DetailedCellError)) return value;
  return value.message ? `${value.value} ${value.message}` : value.value;
}

function evaluate(
  sheet: Sheet,
  options: { namedExpressions?: { name: string; expression: string }[] } = {},
): unknown[][] {
  registerBuFunctions();
  const hf = HyperFormula.buildFromArray(sheet, { licenseKey: "gpl-v3" }, options.namedExpressions);
  try {
    return hf.getSheetValues(0).map((row) => row.map(shown));
  } finally {
    hf.destroy();
  }
}

it("registers the eleven BU functions once, however often it is asked", () => {
  registerBuFunctions();
  registerBuFunctions();
  expect(HyperFormula.getRegisteredFunctionNames("enGB")).toEqual(expect.arrayContaining([...BU_FUNCTION_NAMES]));
  expect(BU_FUNCTION_NAMES).toHaveLength(11);
  for (const name of BU_FUNCTION_NAMES) expect(HyperFormula.getFunctionPlugin(name)).toBe(BuPlugin);
});

it.each<[string, Sheet, unknown[][]]>([
  ["names in any case", [[5, 3, "=bu.Variance(A1, B1)"]], [[5, 3, 2]]],
  ["scalars where ranges are expected, in one cell", [['=BU.VARIANCE(6, 4, "ratio")']], [[1.5]]],
  ["a percentage typed in a cell as the number it is", [["10%", "=BU.VARIANCE(A1, 0.04)"]], [[0.1, 0.06]]],
  [
    "an array expression as an argument",
    [[1, "=BU.ALLOCATE(10, A1:A2*2)"], [4]],
    [
      [1, 2],
      [4, 8],
    ],
  ],
  ["an empty optional argument as omitted", [["A", null, 5, '=BU.ROLLUP(A1, B1, C1, , "sum")']], [["A", null, 5, 5]]],
  [
    "an error in a range passed through where Excel's arithmetic would",
    [["=NA()", "=BU.VARIANCE(A1:A1, 1)"]],
    [["#N/A", "#N/A"]],
  ],
  ["a wrong number of arguments as #N/A", [["=BU.TREE(A2:A3)"]], [["#N/A Wrong number of arguments."]]],
  [
    "BU.CASCADE's seventh argument, overAssignment, typed as a percentage",
    [
      ["Co", null, 1100, "=BU.CASCADE(A1:A3, B1:B3, C1:C3, , 0, , 110%)"],
      ["A", "Co", null],
      ["B", "Co", null],
    ],
    [
      ["Co", null, 1100, 1100],
      ["A", "Co", null, 500],
      ["B", "Co", null, 500],
    ],
  ],
])("reads %s", (_case, sheet, expected) => {
  expect(evaluate(sheet)).toEqual(expected);
});

describe("a result larger than the area HyperFormula reserved", () => {
  it("is #VALUE! across the area when a named expression hid the size of ids", () => {
    // HyperFormula cannot size a named expression, so one row is reserved for two.
    const sheet: Sheet = [
      ["A", null, 1, 10, "=BU.ROLLUP(Ids, Parents, C1:D2)"],
      ["B", "A", 2, 20],
    ];
    const namedExpressions = [
      { name: "Ids", expression: "=Sheet1!$A$1:$A$2" },
      { name: "Parents", expression: "=Sheet1!$B$1:$B$2" },
    ];
    expect(evaluate(sheet, { namedExpressions })[0].slice(4)).toEqual([
      `#VALUE! ${RESULT_TOO_LARGE}`,
      `#VALUE! ${RESULT_TOO_LARGE}`,
    ]);
  });

  it("is #VALUE! when whole columns outgrow the area, instead of an exception from the engine", () => {
    registerBuFunctions();
    const hf = HyperFormula.buildFromArray(
      [
        ["A", null, "=BU.TREE(A:A, B:B)"],
        ["B", "A"],
      ],
      { licenseKey: "gpl-v3" },
    );
    hf.setCellContents({ sheet: 0, col: 0, row: 2 }, [["C", "A"]]);
    // The area is the two rows the sheet had when the formula was entered.
    expect(
      hf
        .getSheetValues(0)
        .slice(0, 2)
        .map((row) => shown(row[2])),
    ).toEqual([`#VALUE! ${RESULT_TOO_LARGE}`, `#VALUE! ${RESULT_TOO_LARGE}`]);
    hf.destroy();
  });
});

describe("host modes: empty cells reach the functions as each Excel host passes them", () => {
  // office-js #4702: an empty cell argument is 0 in Excel on the desktop and null on the web;
  // #5262: empty cells inside an `any` range are 0 on the desktop.
  const sheet: Sheet = [
    [5, null, "=BU.VARIANCE(A1, B1)", "=BU.VARIANCE(A1:A2, B1:B2)"],
    [7, 2],
  ];
  const build = (mode: "desktop" | "web"): HyperFormula =>
    HyperFormula.buildFromArray(sheet, { licenseKey: "gpl-v3", ...buConfig(mode) });

  it("passes an empty cell as 0 on the desktop, alone and inside a range", () => {
    registerBuFunctions();
    const hf = build("desktop");
    // 5 - 0: the desktop's blank is a number, which is why the report wraps its ranges.
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 2 })).toBe(5);
    expect(hf.getRangeValues({ start: { sheet: 0, row: 0, col: 3 }, end: { sheet: 0, row: 1, col: 3 } })).toEqual([
      [5],
      [5],
    ]);
    hf.destroy();
  });

  it("passes an empty cell as null on the web, so VARIANCE is blank there", () => {
    registerBuFunctions();
    const hf = build("web");
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 2 })).toBe("");
    hf.destroy();
  });

  it("passes an argument left out (,,) as omitted on the desktop too, not as 0", () => {
    registerBuFunctions();
    const hf = HyperFormula.buildFromArray([["=BU.ALLOCATE(10, {1;1},)"]], {
      licenseKey: "gpl-v3",
      ...buConfig("desktop"),
    });
    expect(hf.getRangeValues({ start: { sheet: 0, row: 0, col: 0 }, end: { sheet: 0, row: 1, col: 0 } })).toEqual([
      [5],
      [5],
    ]);
    hf.destroy();
  });
});

it("understands TRUE and FALSE typed without parentheses, as Excel does, with EXCEL_NAMES", () => {
  const hf = HyperFormula.buildFromArray(
    [[150, "=IF(A1>100,TRUE,FALSE)", "=IF(A1>200,TRUE,FALSE)", "=AND(TRUE,NOT(FALSE))"]],
    { licenseKey: "gpl-v3" },
    [...EXCEL_NAMES],
  );
  expect(hf.getSheetValues(0)).toEqual([[150, true, false, true]]);
  hf.destroy();
});

describe("spill sizes", () => {
  const ids: Sheet = [
    ["Company", null],
    ["EMEA", "Company"],
    ["UK", "EMEA"],
    ["AMER", "Company"],
  ];
  const cell = (hf: HyperFormula, row: number, col: number): unknown => shown(hf.getCellValue({ sheet: 0, row, col }));

  it("sizes a formula typed into a computed sheet exactly: a value just below its children does not block it", () => {
    registerBuFunctions();
    const hf = HyperFormula.buildFromArray([...ids.map((row) => [...row, null, "=BU.LEVEL(A1:A4,B1:B4)"])], {
      licenseKey: "gpl-v3",
    });
    hf.setCellContents({ sheet: 0, row: 2, col: 5 }, [["note"]]);
    hf.setCellContents({ sheet: 0, row: 0, col: 5 }, [['=BU.CHILDREN(A1:A4,B1:B4,"Company")']]);
    expect([0, 1, 2].map((row) => cell(hf, row, 5))).toEqual(["EMEA", "AMER", "note"]);
    hf.destroy();
  });

  it("reserves the height of ids while building, and fitBuSpills gives the exact size", () => {
    registerBuFunctions();
    const sheet = ids.map((row, r) => [...row, null, r === 0 ? '=BU.CHILDREN(A1:A4,B1:B4,"Company")' : null]);
    sheet[2][3] = "note";
    const hf = HyperFormula.buildFromArray(sheet, { licenseKey: "gpl-v3" });
    expect(cell(hf, 0, 3)).toMatch(/^#SPILL!/);
    expect(fitBuSpills(hf, true).length).toBeGreaterThan(0);
    expect([0, 1, 2].map((row) => cell(hf, row, 3))).toEqual(["EMEA", "AMER", "note"]);
    hf.destroy();
  });

  it("spills BU.SPREAD over a number of periods as wide as that number, also when it comes from a cell", () => {
    registerBuFunctions();
    const hf = HyperFormula.buildFromArray([[3, "=BU.SPREAD(100, A1)"], ["=BU.SPREAD(1000, 16)"]], {
      licenseKey: "gpl-v3",
    });
    fitBuSpills(hf, true);
    expect([1, 2, 3, 4].map((col) => cell(hf, 0, col))).toEqual([34, 33, 33, null]);
    expect(Array.from({ length: 17 }, (_, col) => cell(hf, 1, col))).toEqual([
      ...new Array<number>(8).fill(63),
      ...new Array<number>(8).fill(62),
      null,
    ]);
    hf.setCellContents({ sheet: 0, row: 0, col: 0 }, [[4]]);
    fitBuSpills(hf);
    expect([1, 2, 3, 4].map((col) => cell(hf, 0, col))).toEqual([25, 25, 25, 25]);
    hf.destroy();
  });

  it("grows and shrinks with the data once fitBuSpills runs after the change, as Excel re-spills", () => {
    registerBuFunctions();
    const hf = HyperFormula.buildFromArray(
      ids.map((row, r) => [...row, null, r === 0 ? '=BU.CHILDREN(A1:A4,B1:B4,"Company")' : null]),
      { licenseKey: "gpl-v3" },
    );
    fitBuSpills(hf, true);
    // UK moves under Company: three children now.
    hf.setCellContents({ sheet: 0, row: 2, col: 1 }, [["Company"]]);
    expect(cell(hf, 0, 3)).toBe(`#VALUE! ${RESULT_TOO_LARGE}`);
    fitBuSpills(hf);
    expect([0, 1, 2, 3].map((row) => cell(hf, row, 3))).toEqual(["EMEA", "UK", "AMER", null]);
    // And back: two children, and the third cell is free again.
    hf.setCellContents({ sheet: 0, row: 2, col: 1 }, [["EMEA"]]);
    fitBuSpills(hf);
    hf.setCellContents({ sheet: 0, row: 2, col: 3 }, [["note"]]);
    expect([0, 1, 2].map((row) => cell(hf, row, 3))).toEqual(["EMEA", "AMER", "note"]);
    hf.destroy();
  });
});
