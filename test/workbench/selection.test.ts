import { MAX_COLUMNS } from "../../src/core/a1";
import { parseClipboard, rangeBetween, toClipboard, wholeRows } from "../../workbench/selection";

describe("clipboard text", () => {
  it.each([
    [
      "rows on lines, cells on tabs",
      "Id\tParent\r\nUK\tEMEA\r\n",
      [
        ["Id", "Parent"],
        ["UK", "EMEA"],
      ],
    ],
    [
      "no line break at the end",
      "a\tb\nc\td",
      [
        ["a", "b"],
        ["c", "d"],
      ],
    ],
    ["blank cells kept", "a\t\tc\n", [["a", "", "c"]]],
    [
      "short rows padded",
      "a\tb\nc\n",
      [
        ["a", "b"],
        ["c", ""],
      ],
    ],
    [
      "quoted cells with tabs, breaks and quotes",
      '"x\ty"\t"say ""hi"""\n"two\nlines"\tz\n',
      [
        ["x\ty", 'say "hi"'],
        ["two\nlines", "z"],
      ],
    ],
    ["a quote inside a cell is just a character", 'He said "no"\tok\n', [['He said "no"', "ok"]]],
    ["nothing", "", []],
  ])("reads %s", (_case, text, rows) => {
    expect(parseClipboard(text)).toEqual(rows);
  });

  it("writes what it reads back", () => {
    const rows = [
      ["Id", "Note"],
      ["UK", 'a "b"\tc'],
      ["DE", "two\nlines"],
    ];
    expect(parseClipboard(toClipboard(rows))).toEqual(rows);
  });
});

describe("selection ranges", () => {
  it("spans from the anchor to the active cell in any direction", () => {
    expect(rangeBetween("S", { row: 5, col: 3 }, { row: 2, col: 1 })).toEqual({
      sheet: "S",
      row: 2,
      col: 1,
      rowCount: 4,
      colCount: 3,
    });
  });

  it("takes whole rows across every column", () => {
    expect(wholeRows("S", 7, 4)).toEqual({ sheet: "S", row: 4, col: 0, rowCount: 4, colCount: MAX_COLUMNS });
  });
});
