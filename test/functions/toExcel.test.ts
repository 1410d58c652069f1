import { CellError, type ErrorCode, type FormulaResult } from "../../src/core/cell";
import { callFromExcel, fromExcel, toExcelCell, toExcelResult } from "../../src/functions/toExcel";
import { TestCustomFunctionsError } from "../support/customFunctionsGlobal";

describe("toExcelCell", () => {
  it.each<[ErrorCode, string, string]>([
    ["VALUE", "#VALUE!", "Bad input"],
    ["NA", "#N/A", "Bad input"],
    // Excel shows no custom message with these codes.
    ["DIV0", "#DIV/0!", ""],
    ["NUM", "#NUM!", ""],
  ])("maps %s to %s with message %j", (code, excelCode, message) => {
    const cell = toExcelCell(new CellError(code, "Bad input"));
    expect(cell).toBeInstanceOf(TestCustomFunctionsError);
    expect(cell).toMatchObject({ code: excelCode, message });
  });

  it.each([Infinity, -Infinity, NaN])("turns %p, which Excel cannot hold, into #NUM!", (value) => {
    expect(toExcelCell(value)).toMatchObject({ code: "#NUM!" });
  });

  it.each([0, -3.5, "", "UK"])("keeps %p as it is", (value) => {
    expect(toExcelCell(value)).toBe(value);
  });
});

describe("toExcelResult", () => {
  it("maps error cells in place, without copying rows (the core's result grids are new), sharing one Excel error per core error", () => {
    const clean = [1, "", "UK"];
    const shared = new CellError("NA", 'No node "X"');
    const withError = [2, shared, shared];
    const result = [clean, withError];
    const grid = toExcelResult(result);
    expect(grid[0]).toBe(clean);
    expect(grid[1]).toBe(withError);
    expect(grid[1]).toEqual([2, expect.objectContaining({ code: "#N/A", message: 'No node "X"' }), expect.anything()]);
    expect(grid[1][2]).toBe(grid[1][1]);
  });

  it("throws a whole-call error as a CustomFunctions.Error, which Excel shows in the cell", () => {
    expect(() => toExcelResult(new CellError("NA", 'No node "X"'))).toThrow(
      expect.objectContaining({ code: "#N/A", message: 'No node "X"' }),
    );
  });
});

describe("fromExcel", () => {
  it("returns a range without errors as it is, without copying it", () => {
    const range = [
      [1, "a", null],
      [true, "", 2],
    ];
    expect(fromExcel(range)).toBe(range);
  });

  // The two shapes Excel passes an error cell in: a CustomFunctions.Error with its code only
  // (Microsoft, "Handle and return errors from your custom function"), or with data types on an error
  // cell value (Microsoft, "Use data types with custom functions"; Excel API ErrorCellValue).
  it.each<[string, string, ErrorCode, string]>([
    ["#N/A", "NotAvailable", "NA", ""],
    ["#DIV/0!", "Div0", "DIV0", ""],
    ["#NUM!", "Num", "NUM", ""],
    ["#VALUE!", "Value", "VALUE", ""],
    ["#REF!", "Ref", "VALUE", "An input cell holds #REF!"],
  ])(
    "reads an input %s in either shape as the core's %s, leaving the other cells and the input alone",
    (excelCode, errorType, code, message) => {
      for (const error of [
        new CustomFunctions.Error(excelCode as CustomFunctions.ErrorCode),
        { type: "Error", errorType, basicValue: excelCode },
      ]) {
        const range = [
          [1, error],
          [2, 3],
        ];
        expect(fromExcel(range)).toEqual([
          [1, new CellError(code, message)],
          [2, 3],
        ]);
        expect(range[0][1]).toBe(error);
        expect(fromExcel(error)).toEqual(new CellError(code, message));
      }
    },
  );

  it("reads a data-type cell by its basic value", () => {
    const range = [
      [
        { type: "FormattedNumber", basicValue: 7, numberFormat: "0.0" },
        { type: "Entity", text: "EMEA" },
      ],
    ];
    expect(fromExcel(range)).toEqual([[7, "EMEA"]]);
  });

  // Columns are checked through a typed array first, where blanks, booleans and numeric text read
  // as numbers; every kind of column must still have its error and data-type cells read.
  it.each<[string, unknown[]]>([
    ["numbers", [1, 2.5, -3]],
    ["numbers with blanks as Excel on the web and the report pass them", [null, 2.5, "", " "]],
    ["booleans and numeric text", [true, "12", false]],
    ["ids", ["EMEA", "UK", "DE", "US", "CA", "MX", "BR", "AR", "CL", "PE", "JP"]],
    ["ids after blanks", ["", null, "Company", "EMEA", "UK", "DE", "US", "CA", "MX", "BR", "AR"]],
  ])("reads an error and a data-type cell after a column of %s", (_kind, cells) => {
    const range = [
      ...cells.map((cell) => [cell]),
      [new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable)],
      [{ type: "Double", basicValue: 4 }],
    ];
    const read = fromExcel(range) as unknown[][];
    expect(read.slice(0, cells.length)).toEqual(cells.map((cell) => [cell]));
    expect(read[cells.length][0]).toEqual(new CellError("NA", ""));
    expect(read[cells.length + 1]).toEqual([4]);
  });
});

describe("callFromExcel", () => {
  it("maps the arguments in and the result out", () => {
    const echo = (...args: unknown[]): FormulaResult => [
      args.map((arg) => (arg instanceof CellError ? arg : String(arg))),
    ];
    const result = callFromExcel(echo, 1, new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable));
    expect(result).toEqual([["1", expect.objectContaining({ code: "#N/A" })]]);
  });
});
