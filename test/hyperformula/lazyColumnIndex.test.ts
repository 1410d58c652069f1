import { HyperFormula, type RawCellContent } from "hyperformula";
import { indexColumnsOnSearch } from "../../src/hyperformula/lazyColumnIndex";

const CONFIG = { licenseKey: "gpl-v3", useColumnIndex: true, useArrayArithmetic: true } as const;

describe("indexColumnsOnSearch", () => {
  let hf: HyperFormula;

  beforeAll(() => indexColumnsOnSearch());
  afterEach(() => hf.destroy());

  const value = (sheet: number, row: number, col: number): unknown => hf.getCellValue({ sheet, row, col });
  const set = (sheet: number, row: number, col: number, content: RawCellContent): void => {
    hf.setCellContents({ sheet, row, col }, [[content]]);
  };

  it("finds constants, then follows the changes to a column once it was searched", () => {
    hf = HyperFormula.buildFromArray(
      [
        ["a", '=MATCH("C",A1:A4,0)'],
        ["B", "=MATCH(7,C1:C4,0)"],
        ["c", null, 5],
        ["d", null, 7],
      ],
      CONFIG,
    );
    expect([value(0, 0, 1), value(0, 1, 1)]).toEqual([3, 4]);
    set(0, 2, 0, "x");
    set(0, 1, 0, "C");
    expect(value(0, 0, 1)).toBe(2);
    set(0, 3, 2, 1);
    set(0, 0, 2, 7);
    expect(value(0, 1, 1)).toBe(1);
  });

  it("finds values a spilled array holds, searched for the first time after they changed", () => {
    hf = HyperFormula.buildFromSheets(
      {
        Data: [[1], [2], [3], [4]],
        Report: [["=Data!A1:A4*10", "=MATCH(30,A1:A4,0)"]],
      },
      CONFIG,
    );
    const report = hf.getSheetId("Report") as number;
    const data = hf.getSheetId("Data") as number;
    expect(value(report, 0, 1)).toBe(3);
    set(data, 3, 0, 3);
    set(report, 1, 1, "=MATCH(30,A1:A4,0)");
    expect(value(report, 1, 1)).toBe(3);
    set(data, 2, 0, 9);
    expect([value(report, 0, 1), value(report, 1, 1)]).toEqual([4, 4]);
    set(report, 2, 1, "=MATCH(90,A1:A4,0)");
    expect(value(report, 2, 1)).toBe(3);
  });

  it("keeps finding values after columns are inserted and deleted", () => {
    hf = HyperFormula.buildFromArray(
      [
        ["p", "x", '=MATCH("q",A1:A3,0)', '=MATCH("z",B1:B3,0)'],
        ["q", "y"],
        ["r", "z"],
      ],
      CONFIG,
    );
    expect([value(0, 0, 2), value(0, 0, 3)]).toEqual([2, 3]);
    hf.addColumns(0, [1, 1]);
    set(0, 1, 0, "s");
    set(0, 0, 0, "q");
    set(0, 0, 2, "z");
    expect([value(0, 0, 3), value(0, 0, 4)]).toEqual([1, 1]);
    hf.removeColumns(0, [1, 1]);
    set(0, 0, 1, "w");
    set(0, 1, 1, "z");
    expect([value(0, 0, 2), value(0, 0, 3)]).toEqual([1, 2]);
  });

  it("forgets a removed sheet's columns: a sheet added in its place is searched anew", () => {
    hf = HyperFormula.buildFromSheets({ Old: [["a"], ["b"]], Main: [['=MATCH("b",Old!A1:A2,0)']] }, CONFIG);
    const main = hf.getSheetId("Main") as number;
    expect(value(main, 0, 0)).toBe(2);
    hf.removeSheet(hf.getSheetId("Old") as number);
    const added = hf.getSheetId(hf.addSheet("Old")) as number;
    hf.setSheetContent(added, [["b"], ["c"]]);
    set(main, 0, 0, '=MATCH("b",Old!A1:A2,0)');
    expect(value(main, 0, 0)).toBe(1);
  });
});
