import fc from "fast-check";
import { CellError, type FormulaResult } from "../../../src/core/cell";
import { allocateFormula, cascade, variance } from "../../../src/core/formulas/allocationFormulas";
import { rollup } from "../../../src/core/formulas/hierarchyFormulas";

const valueError = (message: string): CellError => new CellError("VALUE", message);
const NA = new CellError("NA", 'No node "X"');

describe("ALLOCATE", () => {
  describe("happy path", () => {
    it.each<[string, unknown, unknown, unknown, FormulaResult]>([
      ["a column of weights", 100, [[1], [3]], 0, [[25], [75]]],
      [
        'blank and text weights get "" and no share',
        100,
        [[1], [null], ["x"], [""], [2], [true]],
        0,
        [[33], [""], [""], [""], [67], [""]],
      ],
      [
        "the shape of weights, ties to the earlier cell row by row",
        10,
        [
          [1, 1],
          [1, 1],
        ],
        0,
        [
          [3, 3],
          [2, 2],
        ],
      ],
      ["a row of weights", 7, [[1, 1, 1]], null, [[3, 2, 2]]],
      ["all numeric weights 0: evenly", 10, [[0], ["x"], [0], [0]], 0, [[4], [""], [3], [3]]],
      ["decimals", 1, [[1], [1], [1]], 2, [[0.34], [0.33], [0.33]]],
      ["negative decimals", 12345, [[1], [1]], -2, [[6200], [6100]]],
      ["a negative total", -10, [[1], [1], [1]], 0, [[-4], [-3], [-3]]],
      ["total rounded first", 10.5, [[1], [1]], undefined, [[6], [5]]],
    ])("%s", (_case, total, weights, decimals, expected) => {
      expect(allocateFormula(total, weights, decimals)).toEqual(expected);
    });
  });

  describe("conversion", () => {
    it.each<[string, unknown, unknown, unknown, FormulaResult]>([
      ["decimals omitted (undefined) is 0", 10, [[1], [2]], undefined, [[3], [7]]],
      ["decimals omitted (null) is 0", 10, [[1], [2]], null, [[3], [7]]],
      ["decimals blank is 0", 10, [[1], [2]], "", [[3], [7]]],
      ["decimals as a one-cell range", 1, [[1], [2]], [[1]], [[0.3], [0.7]]],
      ["a total from a one-cell range", [[10]], [[1], [2]], 0, [[3], [7]]],
      ["a single weight given as a value", 10, 5, 0, [[10]]],
      ["a flat list of weights, read as a column", 10, [1, 2], 0, [[3], [7]]],
    ])("%s", (_case, total, weights, decimals, expected) => {
      expect(allocateFormula(total, weights, decimals)).toEqual(expected);
    });
  });

  describe("wrong input", () => {
    it.each<[string, unknown, unknown, unknown, string]>([
      ["text total", "abc", [[1]], 0, 'total must be a number (it is "abc")'],
      ["blank total", null, [[1]], 0, "total must be a number (it is blank)"],
      ["boolean total", true, [[1]], 0, "total must be a number (it is TRUE)"],
      ["total not finite", Number.NaN, [[1]], 0, "total must be a number (it is NaN)"],
      ["total over several cells", [[1], [2]], [[1]], 0, "total must be a single cell (it is 2x1)"],
      [
        "a negative weight",
        10,
        [
          [1, 2],
          [3, -5],
        ],
        0,
        "Weight in row 2, column 2 is negative (-5)",
      ],
      ["no numeric weights", 10, [["a"], [null]], 0, "weights has no numbers to split the total across"],
      ["empty weights", 10, [], 0, "weights is empty"],
      ["weights with empty rows", 10, [[]], 0, "weights is empty"],
      ["ragged weights", 10, [[1, 2], [3]], 0, "weights must be a range: rows of equal length"],
      ["text decimals", 10, [[1]], "2", 'decimals must be a whole number from -10 to 10 (it is "2")'],
      ["fractional decimals", 10, [[1]], 1.5, "decimals must be a whole number from -10 to 10 (it is 1.5)"],
      ["too many decimals", 10, [[1]], 11, "decimals must be a whole number from -10 to 10 (it is 11)"],
      ["boolean decimals", 10, [[1]], false, "decimals must be a whole number from -10 to 10 (it is FALSE)"],
      ["decimals over several cells", 10, [[1]], [[1, 2]], "decimals must be a single cell (it is 1x2)"],
      ["a total too large for its decimals", 1e300, [[1]], 2, "1e+300 is too large to split into parts of 0.01"],
    ])("%s", (_case, total, weights, decimals, message) => {
      expect(allocateFormula(total, weights, decimals)).toEqual(valueError(message));
    });

    it("checks decimals first, then total, then weights", () => {
      expect(allocateFormula("abc", [[1, 2], [3]], 1.5)).toEqual(
        valueError("decimals must be a whole number from -10 to 10 (it is 1.5)"),
      );
      expect(allocateFormula("abc", [[1, 2], [3]], 0)).toEqual(valueError('total must be a number (it is "abc")'));
    });

    it("passes an error value given as the total through", () => {
      expect(allocateFormula(NA, [[1]])).toBe(NA);
      expect(allocateFormula([[NA]], [[1]])).toBe(NA);
    });
  });
});

describe("VARIANCE", () => {
  describe("happy path", () => {
    it.each<[string, unknown, unknown, unknown, FormulaResult]>([
      ["abs by default", [[110], [90]], [[100], [100]], undefined, [[10], [-10]]],
      ["pct", [[110], [90]], [[100], [-100]], "pct", [[0.1], [1.9]]],
      ["ratio", [[50, 150]], [[100, 100]], "ratio", [[0.5, 1.5]]],
      ['blank and text give ""', [[null, "x", 3]], [[1, 1, ""]], "abs", [["", "", ""]]],
      ["a single target for every actual", [[1], [2], [3]], [[2]], "abs", [[-1], [0], [1]]],
      ["a single actual against every target", [[10]], [[5, 20]], "ratio", [[2, 0.5]]],
      ["two values", 7, 4, null, [[3]]],
    ])("%s", (_case, actual, target, mode, expected) => {
      expect(variance(actual, target, mode)).toEqual(expected);
    });

    it("gives #DIV/0! in the cells with a zero target, for pct and ratio", () => {
      expect(variance([[1], [2]], [[0], [4]], "pct")).toEqual([[new CellError("DIV0", "The target is 0")], [-0.5]]);
    });
  });

  describe("conversion of mode", () => {
    it.each<[unknown, number]>([
      [null, 5],
      [undefined, 5],
      ["", 5],
      ["ABS", 5],
      [" Pct ", 1],
      ["RATIO", 2],
      [[["ratio"]], 2],
    ])("%p", (mode, expected) => {
      expect(variance(10, 5, mode)).toEqual([[expected]]);
    });
  });

  describe("wrong input", () => {
    it.each<[string, unknown, unknown, unknown, string]>([
      [
        "shapes that don't broadcast",
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        [
          [1, 1],
          [1, 1],
        ],
        "abs",
        "actual is 3x2 but target is 2x2; give ranges of the same shape or a single cell",
      ],
      ["an unknown mode", 1, 1, "diff", 'mode must be "abs", "pct" or "ratio" (it is "diff")'],
      ["a number as mode", 1, 1, 2, 'mode must be "abs", "pct" or "ratio" (it is 2)'],
      ["mode over several cells", 1, 1, [["abs", "pct"]], "mode must be a single cell (it is 1x2)"],
      ["empty actual", [], 1, "abs", "actual is empty"],
      ["ragged target", 1, [[1], [2, 3]], "abs", "target must be a range: rows of equal length"],
      ["mode before the ranges", [], [[1], [2, 3]], "diff", 'mode must be "abs", "pct" or "ratio" (it is "diff")'],
    ])("%s", (_case, actual, target, mode, message) => {
      expect(variance(actual, target, mode)).toEqual(valueError(message));
    });
  });
});

describe("CASCADE", () => {
  const ids = [["Co"], ["EMEA"], ["UK"], ["DE"], ["AM"]];
  const parents = [[null], ["Co"], ["EMEA"], ["EMEA"], ["Co"]];

  describe("happy path", () => {
    it("pushes a held total down by weight, taking held children off first", () => {
      const targets = [[1000], [null], [null], [100], [300]];
      const weights = [[0], [5], [2], [1], [3]];
      expect(cascade(ids, parents, targets, weights, 0)).toEqual([[1000], [700], [600], [100], [300]]);
    });

    it("works per period, with a weight column per period", () => {
      const targets = [
        [100, 10],
        ["", ""],
        ["", ""],
        ["", ""],
        ["", ""],
      ];
      const weights = [
        [0, 0],
        [1, 1],
        [1, 3],
        [1, 1],
        [1, 4],
      ];
      expect(cascade(ids, parents, targets, weights)).toEqual([
        [100, 10],
        [50, 2],
        [25, 1.5],
        [25, 0.5],
        [50, 8],
      ]);
    });

    it("gives blank rows for blank ids, across every period", () => {
      expect(
        cascade(
          [["A"], [""], ["B"]],
          [[""], [""], ["A"]],
          [
            [10, 20],
            [5, 5],
            [null, null],
          ],
          [[1], [1], [1]],
        ),
      ).toEqual([
        [10, 20],
        ["", ""],
        [10, 20],
      ]);
    });
  });

  describe("exactBlanks: blanks come as empty text, as the report writes them", () => {
    // Co 1000 over EMEA (UK 60, DE with nothing saved yet) and AM 300.
    const targets = [[1000], [""], [""], [""], [""]];
    const weights = [[""], [60], [60], [""], [300]];

    it("by default a blank weight is 0 and a 0 target is no target (desktop Excel passes empty cells as 0)", () => {
      expect(cascade(ids, parents, targets, weights)).toEqual([
        [1000],
        [166.66666666666666],
        [166.66666666666666],
        [0],
        [833.3333333333334],
      ]);
      expect(cascade(ids, parents, [[1000], [0], [""], [""], [""]], weights, 0)).toEqual(
        cascade(ids, parents, targets, weights, 0),
      );
    });

    it("gives a node with a blank weight the mean of its siblings' weights: an even share, as the pane's guidance", () => {
      expect(cascade(ids, parents, targets, weights, 0, true)).toEqual([[1000], [167], [84], [83], [833]]);
    });

    it("keeps a typed 0 target as a held 0", () => {
      expect(cascade(ids, parents, [[1000], [0], [""], [""], [""]], weights, 0, true)).toEqual([
        [1000],
        [0],
        [0],
        [0],
        [1000],
      ]);
    });

    it("refuses an exactBlanks that is not a flag, naming it", () => {
      const result = cascade(ids, parents, targets, weights, 0, "sometimes");
      expect(result).toBeInstanceOf(CellError);
      expect((result as CellError).message).toMatch(/exactBlanks/);
    });
  });

  describe("conversion", () => {
    it("takes a single id as a value", () => {
      expect(cascade("A", null, 100, 1)).toEqual([[100]]);
    });

    describe("ids and parents as a row, as ROLLUP takes them", () => {
      const idRow = [["Co", "EMEA", "UK", "DE", "AM"]];
      const parentRow = [[null, "Co", "EMEA", "EMEA", "Co"]];
      const byColumn = [[1000], [700], [600], [100], [300]];

      it("takes targets and weights as rows too, one value per id, and answers one row per id", () => {
        expect(cascade(idRow, parentRow, [[1000, null, null, 100, 300]], [[0, 5, 2, 1, 3]], 0)).toEqual(byColumn);
      });

      it("takes targets and weights as columns, one column per period", () => {
        const targets = [
          [1000, 10],
          [null, null],
          [null, null],
          [100, 1],
          [300, 3],
        ];
        const weights = [[0], [5], [2], [1], [3]];
        expect(cascade(idRow, parentRow, targets, weights, 0)).toEqual([
          [1000, 10],
          [700, 7],
          [600, 6],
          [100, 1],
          [300, 3],
        ]);
      });

      it("gives what the same ids as a column give, weights omitted or not", () => {
        const targetRow = [[90, null, null, null, null]];
        const targetColumn = [[90], [null], [null], [null], [null]];
        for (const weights of [null, [[0, 5, 2, 1, 3]]]) {
          const columnWeights = weights === null ? null : [[0], [5], [2], [1], [3]];
          expect(cascade(idRow, parentRow, targetRow, weights, 1)).toEqual(
            cascade(ids, parents, targetColumn, columnWeights, 1),
          );
        }
      });

      it("takes a flat list as a column, as ROLLUP does", () => {
        expect(
          cascade(
            ["Co", "EMEA", "UK", "DE", "AM"],
            [null, "Co", "EMEA", "EMEA", "Co"],
            [1000, null, null, 100, 300],
            [0, 5, 2, 1, 3],
            0,
          ),
        ).toEqual(byColumn);
      });

      it("names the hierarchy's problems with the ids' positions as rows", () => {
        expect(cascade([["A", "B", "A"]], [["", "A", ""]], [[1, null, 2]], null)).toEqual(
          valueError('Duplicate id "A" (rows 1 and 3)'),
        );
      });
    });

    it("splits evenly when weights are omitted", () => {
      expect(cascade([["A"], ["B"], ["C"]], [[""], ["A"], ["A"]], [[9], [null], [null]], null, 0)).toEqual([
        [9],
        [5],
        [4],
      ]);
      expect(cascade([["A"], ["B"], ["C"]], [[""], ["A"], ["A"]], [[9], [null], [null]], undefined)).toEqual([
        [9],
        [4.5],
        [4.5],
      ]);
    });

    it("gives exact shares when decimals are omitted or blank", () => {
      for (const decimals of [undefined, null, "", [[null]]]) {
        expect(
          cascade([["A"], ["B"], ["C"]], [[""], ["A"], ["A"]], [[10], [null], [null]], [[1], [1], [2]], decimals),
        ).toEqual([[10], [10 / 3], [20 / 3]]);
      }
    });
  });

  describe("wrong input", () => {
    it.each<[string, unknown, unknown, unknown, unknown, unknown, string]>([
      [
        "ids over two rows and two columns",
        [
          ["A", "B"],
          ["C", "D"],
        ],
        [[""]],
        [[1]],
        [[1]],
        null,
        "ids must be a single column or a single row (it is 2x2)",
      ],
      [
        "parents over two rows and two columns",
        [["A"], ["B"]],
        [
          ["", ""],
          ["A", "A"],
        ],
        [[1], [1]],
        [[1], [1]],
        null,
        "parents must be a single column or a single row (it is 2x2)",
      ],
      [
        "parents as a row of another length than ids",
        [["A", "B"]],
        [["", "A", "A"]],
        [[1, 1]],
        [[1, 1]],
        null,
        "parents has 3 rows but ids has 2; give ranges of the same height",
      ],
      [
        "targets as a row for ids given as a column",
        [["A"], ["B"]],
        [[""], ["A"]],
        [[1, 2]],
        [[1], [1]],
        null,
        "targets has 1 row but ids has 2; give ranges of the same height",
      ],
      [
        "ragged targets",
        [["A"], ["B"]],
        [[""], ["A"]],
        [[1, 2], [3]],
        null,
        null,
        "targets must be a range: rows of equal length",
      ],
      ["targets without columns", [["A"], ["B"]], [[""], ["A"]], [[], []], null, null, "targets is empty"],
      ["empty ids", [], [], [[1]], [[1]], null, "ids is empty"],
      [
        "parents of another height",
        [["A"], ["B"]],
        [[""]],
        [[1], [2]],
        [[1], [1]],
        null,
        "parents has 1 row but ids has 2; give ranges of the same height",
      ],
      [
        "targets of another height",
        [["A"], ["B"]],
        [[""], ["A"]],
        [[1]],
        [[1], [1]],
        null,
        "targets has 1 row but ids has 2; give ranges of the same height",
      ],
      [
        "weights of another height",
        [["A"], ["B"]],
        [[""], ["A"]],
        [[1], [2]],
        [[1], [1], [1]],
        null,
        "weights has 3 rows but ids has 2; give ranges of the same height",
      ],
      [
        "weights neither one column nor one per period",
        [["A"]],
        [[""]],
        [[1, 2, 3]],
        [[1, 1]],
        null,
        "weights has 2 columns but targets has 3 columns; give one column of weights for all periods or one per period",
      ],
      ["bad decimals", [["A"]], [[""]], [[1]], [[1]], 20, "decimals must be a whole number from -10 to 10 (it is 20)"],
      [
        "text decimals",
        [["A"]],
        [[""]],
        [[1]],
        [[1]],
        "two",
        'decimals must be a whole number from -10 to 10 (it is "two")',
      ],
      [
        "a duplicate id",
        [["A"], ["B"], ["a"]],
        [[""], ["A"], [""]],
        [[1], [1], [1]],
        [[1], [1], [1]],
        null,
        'Duplicate id "A" (rows 1 and 3)',
      ],
      [
        "an unknown parent",
        [["A"], ["B"]],
        [[""], ["X"]],
        [[1], [1]],
        [[1], [1]],
        null,
        'Parent "X" of "B" (row 2) is not in ids',
      ],
      ["a cycle", [["A"], ["B"]], [["B"], ["A"]], [[1], [1]], [[1], [1]], null, "Cycle: A > B > A (rows 1 and 2)"],
    ])("%s", (_case, ids, parents, targets, weights, decimals, message) => {
      expect(cascade(ids, parents, targets, weights, decimals)).toEqual(valueError(message));
    });

    it.each<[string, unknown[], string]>([
      [
        "decimals before the shapes",
        [
          [
            ["A", "x"],
            ["B", "y"],
          ],
          [[""]],
          [[1]],
          [[1]],
          20,
        ],
        "decimals must be a whole number from -10 to 10 (it is 20)",
      ],
      [
        "decimals before the hierarchy",
        [[["A"], ["A"]], [[""], [""]], [[1], [1]], [[1], [1]], "x"],
        'decimals must be a whole number from -10 to 10 (it is "x")',
      ],
      [
        "the height of targets before the hierarchy",
        [[["A"], ["A"]], [[""], [""]], [[1]], [[1], [1]], 0],
        "targets has 1 row but ids has 2; give ranges of the same height",
      ],
      [
        "the columns of weights before the hierarchy",
        [
          [["A"], ["A"]],
          [[""], [""]],
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
          [
            [1, 1],
            [1, 1],
          ],
          0,
        ],
        "weights has 2 columns but targets has 3 columns; give one column of weights for all periods or one per period",
      ],
    ])("checks options, shapes and heights before the hierarchy, as ROLLUP does: %s", (_case, args, message) => {
      expect(cascade(...(args as [unknown, unknown, unknown, unknown, unknown]))).toEqual(valueError(message));
    });

    it.each<[string, unknown, unknown]>([
      [
        "ids over two columns",
        [
          ["A", "B"],
          ["C", "D"],
        ],
        [[""], [""]],
      ],
      ["no ids", [], []],
      ["ragged ids", [["A"], ["B", "C"]], [[""], [""]]],
      ["ids without columns", [[], []], [[""], [""]]],
      [
        "parents over two columns",
        [["A"], ["B"]],
        [
          ["", ""],
          ["", ""],
        ],
      ],
      ["parents of another height", [["A"], ["B"]], [[""]]],
      ["a duplicate id", [["A"], ["a"]], [[""], [""]]],
    ])("says what ROLLUP says about %s", (_case, someIds, someParents) => {
      const fromRollup = rollup(someIds, someParents, [[1], [1]]);
      expect(fromRollup).toBeInstanceOf(CellError);
      expect(cascade(someIds, someParents, [[1], [1]], [[1], [1]])).toEqual(fromRollup);
    });

    it("lists the first three hierarchy problems and counts the rest", () => {
      const badIds = [["A"], ["A"], ["B"], ["B"], ["C"], ["D"], ["E"]];
      const badParents = [[""], [""], [""], [""], ["X"], ["Y"], ["Z"]];
      const column = badIds.map(() => [1]);
      expect(cascade(badIds, badParents, column, column)).toEqual(
        valueError(
          'Duplicate id "A" (rows 1 and 2); Duplicate id "B" (rows 3 and 4); Parent "X" of "C" (row 5) is not in ids; ' +
            "and 2 more problems",
        ),
      );
    });
  });
});

describe("any input gives a value or an error, never an exception", () => {
  const cell = fc.oneof(
    fc.anything(),
    fc.constantFrom<unknown>(
      null,
      undefined,
      "",
      " ",
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -0,
      1e308,
      -1e308,
      5e-324,
      NA,
    ),
    fc.double(),
    fc.integer(),
    fc.string(),
  );
  const grid = fc.oneof(
    cell,
    fc.array(cell),
    fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 5 }),
    fc.integer({ min: 1, max: 4 }).chain((width) =>
      fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
        minLength: 1,
        maxLength: 6,
      }),
    ),
  );
  const idColumn = fc.array(fc.tuple(fc.oneof(fc.constantFrom<unknown>("A", "B", "C", "D", "", null, 1, "1"), cell)), {
    minLength: 1,
    maxLength: 6,
  });

  function expectWellFormed(result: FormulaResult): void {
    if (result instanceof CellError) {
      expect(typeof result.message).toBe("string");
      return;
    }
    expect(Array.isArray(result)).toBe(true);
    for (const row of result) {
      for (const value of row) {
        const ok =
          value instanceof CellError ||
          typeof value === "string" ||
          (typeof value === "number" && Number.isFinite(value));
        expect(ok).toBe(true);
      }
    }
  }

  it("ALLOCATE", () => {
    fc.assert(
      fc.property(grid, grid, fc.oneof(grid, fc.integer({ min: -12, max: 12 })), (total, weights, decimals) => {
        expectWellFormed(allocateFormula(total, weights, decimals));
      }),
    );
  });

  it("VARIANCE", () => {
    fc.assert(
      fc.property(grid, grid, fc.oneof(grid, fc.constantFrom("abs", "pct", "ratio")), (actual, target, mode) => {
        expectWellFormed(variance(actual, target, mode));
      }),
    );
  });

  it("CASCADE", () => {
    fc.assert(
      fc.property(
        idColumn.chain((ids) =>
          fc.tuple(
            fc.constant(ids),
            fc.oneof(
              fc.array(fc.tuple(fc.constantFrom<unknown>("A", "B", "C", "", null)), {
                minLength: ids.length,
                maxLength: ids.length,
              }),
              grid,
            ),
            fc.oneof(
              fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), {
                minLength: ids.length,
                maxLength: ids.length,
              }),
              grid,
            ),
            fc.oneof(fc.array(fc.tuple(cell), { minLength: ids.length, maxLength: ids.length }), grid),
            fc.oneof(grid, fc.integer({ min: -12, max: 12 })),
          ),
        ),
        ([ids, parents, targets, weights, decimals]) => {
          expectWellFormed(cascade(ids, parents, targets, weights, decimals));
        },
      ),
      { numRuns: 300 },
    );
  });
});
