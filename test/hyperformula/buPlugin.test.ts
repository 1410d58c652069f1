/** The BU plugin's own behaviour in HyperFormula: names, arguments, sizes and errors. */
import { DetailedCellError, HyperFormula } from "hyperformula";
import { BU_FUNCTION_NAMES, BuPlugin, RESULT_TOO_LARGE, registerBuFunctions } from "../../src/hyperformula/buPlugin";

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

it("registers the ten BU functions once, however often it is asked", () => {
  registerBuFunctions();
  registerBuFunctions();
  expect(HyperFormula.getRegisteredFunctionNames("enGB")).toEqual(expect.arrayContaining([...BU_FUNCTION_NAMES]));
  expect(BU_FUNCTION_NAMES).toHaveLength(10);
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
