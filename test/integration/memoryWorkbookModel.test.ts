/**
 * The in-memory workbook's sort, table-row insert and sheet rename, as Excel does them: a sort
 * moves rows and leaves references alone (Table.sort.apply); inserting table rows shifts the table's
 * cells and adjusts references the way inserting cells does (TableRowCollection.add with an index,
 * Range.insert(down)); a rename keeps tables and rewrites every formula naming the sheet
 * (Worksheet.name).
 */
import { MemoryWorkbook, rewriteReferences } from "../../src/workbook/memory/MemoryWorkbook";

function tableBook(): MemoryWorkbook {
  const book = new MemoryWorkbook("Data");
  book.write({ sheet: "Data", row: 0, col: 0, rowCount: 6, colCount: 2 }, [
    ["Id", "Value"],
    ["b", 2],
    ["A", ""],
    ["c", 10],
    ["1", "x"],
    ["a2", 2],
  ]);
  book.addTable("T", { sheet: "Data", row: 0, col: 0, rowCount: 6, colCount: 2 });
  book.addSheet("Other Sheet");
  book.enter("Other Sheet", 0, 0, "=SUM(Data!$B$2:$B$6)+Data!B3");
  return book;
}

const body = (book: MemoryWorkbook, rows = 5): unknown[][] =>
  book.values({ sheet: "Data", row: 1, col: 0, rowCount: rows, colCount: 2 });

describe("sortTable", () => {
  it("orders numbers before text, text ignoring case, blanks last, ties in their order", () => {
    const book = tableBook();
    book.sortTable("T", [{ column: 1 }]);
    expect(body(book)).toEqual([
      ["b", 2],
      ["a2", 2],
      ["c", 10],
      [1, "x"],
      ["A", ""],
    ]);
  });

  it("keeps blanks last when descending, and by text ignoring case on another column", () => {
    const book = tableBook();
    book.sortTable("T", [{ column: 1, ascending: false }]);
    expect(body(book).map((row) => row[0])).toEqual([1, "c", "b", "a2", "A"]);
    book.sortTable("T", [{ column: 0 }]);
    expect(body(book).map((row) => row[0])).toEqual([1, "A", "a2", "b", "c"]);
  });

  it("leaves formulas that read the table as they were: they now read the sorted cells", () => {
    const book = tableBook();
    book.sortTable("T", [{ column: 1, ascending: false }]);
    expect(book.cell("Other Sheet", 0, 0)?.formula).toBe("=SUM(Data!$B$2:$B$6)+Data!B3");
  });
});

describe("insertTableRows", () => {
  it("shifts the table's cells down, grows the table and the ranges spanning the insertion", () => {
    const book = tableBook();
    book.insertTableRows("T", 2);
    expect(book.table("T")?.range.rowCount).toBe(7);
    expect(body(book, 6).map((row) => row[0])).toEqual(["b", "A", "", "c", 1, "a2"]);
    // The range grows; B3 (above the insertion) stays.
    expect(book.cell("Other Sheet", 0, 0)?.formula).toBe("=SUM(Data!$B$2:$B$7)+Data!B3");
  });

  it("moves a range that starts at the insertion, as Excel does for rows inserted above its first row", () => {
    const book = tableBook();
    book.insertTableRows("T", 0, 2);
    expect(book.cell("Other Sheet", 0, 0)?.formula).toBe("=SUM(Data!$B$4:$B$8)+Data!B5");
  });

  it("leaves references reaching outside the table's columns, and refuses a row past the end", () => {
    const book = tableBook();
    book.enter("Other Sheet", 1, 0, "=SUM(Data!A2:C6)");
    book.insertTableRows("T", 1);
    expect(book.cell("Other Sheet", 1, 0)?.formula).toBe("=SUM(Data!A2:C6)");
    expect(() => book.insertTableRows("T", 9)).toThrow('Can\'t insert 1 rows at row 9 of table "T"');
  });
});

describe("renameSheet", () => {
  it("keeps the table on the renamed sheet and rewrites every formula naming it", () => {
    const book = tableBook();
    book.enter("Data", 8, 0, "=B2+Data!B3");
    book.renameSheet("data", "Plan 'FY27'");
    expect(book.table("T")?.range.sheet).toBe("Plan 'FY27'");
    expect(book.cell("Other Sheet", 0, 0)?.formula).toBe("=SUM('Plan ''FY27'''!$B$2:$B$6)+'Plan ''FY27'''!B3");
    // A reference written without a sheet stays so.
    expect(book.cell("Plan 'FY27'", 8, 0)?.formula).toBe("=B2+'Plan ''FY27'''!B3");
    expect(book.hasSheet("Data")).toBe(false);
    expect(() => book.renameSheet("Other Sheet", "plan 'fy27'")).toThrow();
  });
});

describe("rewriteReferences", () => {
  const rename = (formula: string): string =>
    rewriteReferences(formula, "Report", (ref) => (ref.sheet === "GU Inputs" ? { ...ref, sheet: "Inputs FY27" } : ref));

  it("never touches text in quotes, function names, or cell-like words inside quoted sheet names", () => {
    expect(rename(`=IF(A1="'GU Inputs'!A1",LOG10('GU Inputs'!$A$1),'Plan FY27'!B2)`)).toBe(
      `=IF(A1="'GU Inputs'!A1",LOG10('Inputs FY27'!$A$1),'Plan FY27'!B2)`,
    );
    expect(rename("=COUNTA('GU Inputs'!$A:$A)")).toBe("=COUNTA('Inputs FY27'!$A:$A)");
  });
});

describe("sheetFormulas", () => {
  it("lists the formulas of a sheet's cells, not its constants, whatever the case of its name", () => {
    const book = tableBook();
    book.enter("Data", 8, 0, "=B2*2");
    expect(book.sheetFormulas("data")).toEqual(["=B2*2"]);
    expect(book.sheetFormulas("Other Sheet")).toEqual(["=SUM(Data!$B$2:$B$6)+Data!B3"]);
  });
});
