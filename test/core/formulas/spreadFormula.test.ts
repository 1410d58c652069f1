import { CellError, type FormulaResult } from "../../../src/core/cell";
import { spreadFormula } from "../../../src/core/formulas/spreadFormula";

const valueError = (message: string): CellError => new CellError("VALUE", message);

describe("SPREAD", () => {
  it.each<[string, unknown, unknown, unknown, FormulaResult]>([
    ["a number of periods: an even row", 1000, 12, null, [[84, 84, 84, 84, 83, 83, 83, 83, 83, 83, 83, 83]]],
    ["a number of periods in a 1x1 range, with cents", 100, [[3]], 2, [[33.34, 33.33, 33.33]]],
    ["quarterly shares in a column", 1000, [[0.2], [0.2], [0.2], [0.4]], null, [[200], [200], [200], [400]]],
    [
      "shares in a row keep the row, leftover units to the largest remainders",
      999,
      [[0.5, 0.25, 0.25]],
      0,
      [[499, 250, 250]],
    ],
    [
      "last year's values as weights, in the shape of the range",
      1200,
      [
        [100, 300],
        [200, 0],
      ],
      0,
      [
        [200, 600],
        [400, 0],
      ],
    ],
    ["whole-number percentages are weights: 20, 20, 20, 40", 1000, [[20, 20, 20, 40]], 0, [[200, 200, 200, 400]]],
    ["weights with a 1 among them are weights: 1, 1, 1", 100, [[1], [1], [1]], 0, [[34], [33], [33]]],
    ["all 0: evenly", 10, [[0], [0], [0]], 0, [[4], [3], [3]]],
    ['blank and text cells get "" and no share', 100, [[0.5], [null], ["n/a"], [0.5]], 0, [[50], [""], [""], [50]]],
    [
      "4-4-5 gives 12 months by weeks",
      5200,
      "4-4-5",
      0,
      [[400, 400, 500, 400, 400, 500, 400, 400, 500, 400, 400, 500]],
    ],
    [
      '"5-4-4/53": the 53rd week in the last month',
      5300,
      " 5-4-4 / 53 ",
      0,
      [[500, 400, 400, 500, 400, 400, 500, 400, 400, 500, 400, 500]],
    ],
    ['"4-5-4/52" is 4-5-4', 52, [["4-5-4/52"]], 0, [[4, 5, 4, 4, 5, 4, 4, 5, 4, 4, 5, 4]]],
    ["a negative total", -10, 3, 0, [[-4, -3, -3]]],
  ])("%s", (_case, total, profile, decimals, expected) => {
    expect(spreadFormula(total, profile, decimals)).toEqual(expected);
  });

  it.each<[string, unknown, unknown, unknown, FormulaResult]>([
    [
      "shares (all below 1) that total 90%",
      1000,
      [[0.2], [0.2], [0.2], [0.3]],
      0,
      valueError(
        "profile's numbers are all below 1, so they are shares, and they total 90%; make them total 100%, or give weights such as last year's values",
      ),
    ],
    [
      "a negative weight, naming its cell",
      100,
      [
        [1, 2],
        [3, -4],
      ],
      0,
      valueError("profile in row 2, column 2 is negative (-4); shares and weights must be 0 or more"),
    ],
    ["no numbers", 100, [["a"], [null]], 0, valueError("profile has no numbers to spread the total over")],
    [
      "a single cell that is not a whole number of periods",
      100,
      2.5,
      0,
      valueError(
        'profile as one cell must be a whole number of periods from 1 to 16384, or "4-4-5", "4-5-4" or "5-4-4" (add "/53" for a 53-week year) (it is 2.5)',
      ),
    ],
    [
      "an unknown pattern",
      100,
      "4-4-4",
      0,
      valueError(
        'profile as one cell must be a whole number of periods from 1 to 16384, or "4-4-5", "4-5-4" or "5-4-4" (add "/53" for a 53-week year) (it is "4-4-4")',
      ),
    ],
    [
      "too many periods for a row of the sheet",
      100,
      16385,
      0,
      valueError(
        'profile as one cell must be a whole number of periods from 1 to 16384, or "4-4-5", "4-5-4" or "5-4-4" (add "/53" for a 53-week year) (it is 16385)',
      ),
    ],
    ["a total that is text", "x", 12, 0, valueError('total must be a number (it is "x")')],
    ["bad decimals", 100, 12, 1.5, valueError("decimals must be a whole number from -10 to 10 (it is 1.5)")],
    ["an empty profile", 100, [], 0, valueError("profile is empty")],
  ])("refuses %s", (_case, total, profile, decimals, expected) => {
    expect(spreadFormula(total, profile, decimals)).toEqual(expected);
  });

  it("shows an error in the profile in every part, each being a share of the whole profile", () => {
    const na = new CellError("NA", "");
    expect(spreadFormula(100, [[1], [na], [3]], 0)).toEqual([[na], [na], [na]]);
    expect(spreadFormula(100, [[na]], 0)).toBe(na);
  });

  it("passes an error total through", () => {
    const div0 = new CellError("DIV0", "");
    expect(spreadFormula(div0, 12, 0)).toBe(div0);
  });
});
