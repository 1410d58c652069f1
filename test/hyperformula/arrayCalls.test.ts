import { HyperFormula, type RawCellContent } from "hyperformula";
import { runArrayCallsLean } from "../../src/hyperformula/arrayCalls";
import { registerBuFunctions } from "../../src/hyperformula/buPlugin";

/** Data in A1:C6 (numbers, blanks, text, an error, a boolean); each formula in a sheet of its own. */
const DATA: RawCellContent[][] = [
  [1, "a", 10],
  [null, "", 20],
  [3, "c", "=1/0"],
  [0, null, true],
  ["x", "e", 50],
  [6, " f ", -1],
];

/** Scalar functions given arrays (one, two, broadcast), nested, with errors, and the calls around them. */
const FORMULAS = [
  '=IF(ISBLANK(Data!A1:A6),"",Data!A1:A6)',
  '=IF(ISNUMBER(Data!A1:A6),INDEX(IF(ISBLANK(Data!C1:C6),"",Data!C1:C6),Data!A1:A6),"")',
  "=IF(Data!A1:A6>2,Data!C1:C6,Data!A1:A6)",
  "=IF(Data!A1:A6>2,Data!C1:C6)",
  '=IF(Data!A1:A3>1,Data!A1:C1,"no")',
  "=Data!A1:A6*Data!C1:C6",
  "=Data!A1:C1+Data!A1:A3",
  '=Data!B1:B6&""',
  '=LEN(Data!B1:B6&"")<>LEN(TRIM(Data!B1:B6&""))',
  '=SUMPRODUCT(--(LEN(Data!B1:B6&"")<>LEN(TRIM(Data!B1:B6&""))))',
  '=IFNA(MATCH(Data!B1:B6,Data!B1:B6,0),"-")',
  "=IFERROR(1/Data!A1:A6,-1)",
  "=ROUND(Data!C1:C6/3,1)",
  "=IF(Data!A1:A6)",
  "=IF(Data!A1,1,2)",
  "=IF(TRUE(),Data!A1:A6,0)",
  "=ISFORMULA(Data!C1:C6)",
  "=AND(Data!A1:A6>0)",
  '=BU.LEVEL(Data!B1:B3&"",{"";"a";""})',
];

const MODES = [
  { name: "array arithmetic", useArrayArithmetic: true },
  { name: "array formulas only", useArrayArithmetic: false },
] as const;

function results(useArrayArithmetic: boolean): unknown[] {
  const sheets: Record<string, RawCellContent[][]> = { Data: DATA };
  FORMULAS.forEach((formula, i) => (sheets[`F${i}`] = [[formula]]));
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: "gpl-v3", useArrayArithmetic });
  const out = FORMULAS.map((_, i) => hf.getSheetValues(hf.getSheetId(`F${i}`) as number));
  hf.destroy();
  return out;
}

describe("runArrayCallsLean", () => {
  beforeAll(() => registerBuFunctions());

  it("gives what HyperFormula's own loop gives, cell for cell, errors included, in both array modes", () => {
    const before = MODES.map((mode) => results(mode.useArrayArithmetic));
    runArrayCallsLean();
    const after = MODES.map((mode) => results(mode.useArrayArithmetic));
    expect(after).toEqual(before);
    // The report's blank-safe inputs: blank as "", the rest as it is, the error where it was.
    const sheets = after[0] as unknown[][][];
    expect(sheets[0].map(([value]) => value)).toEqual([1, "", 3, 0, "x", 6]);
    expect(sheets[FORMULAS.indexOf("=IF(Data!A1:A6)")][0][0]).toMatchObject({ type: "NA" });
  });

  it("keeps spilling after edits, in a formula that reads the spill", () => {
    runArrayCallsLean();
    const hf = HyperFormula.buildFromArray(
      [
        [1, '=IF(ISBLANK(A1:A3),"",A1:A3*2)', "=SUM(B1:B3)"],
        [null, null, null],
        [3, null, null],
      ],
      { licenseKey: "gpl-v3", useArrayArithmetic: true },
    );
    expect(hf.getSheetValues(0).map((row) => row.slice(1, 3))).toEqual([
      [2, 8],
      ["", undefined],
      [6, undefined],
    ]);
    hf.setCellContents({ sheet: 0, row: 1, col: 0 }, [[5]]);
    expect(hf.getSheetValues(0).map((row) => row[1])).toEqual([2, 10, 6]);
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 2 })).toBe(18);
    hf.destroy();
  });
});
