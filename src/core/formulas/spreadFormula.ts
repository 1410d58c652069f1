/**
 * SPREAD as a formula: arguments as Excel's custom functions runtime (or HyperFormula) passes them,
 * read by ./args as for every BU.* function, then `spread` does the maths. Whatever comes in, the
 * answer is a grid or a CellError; nothing throws.
 *
 * What `profile` is, by its shape and content:
 * - one cell holding a whole number n: an even spread over n periods, as a row;
 * - one cell holding "4-4-5", "4-5-4" or "5-4-4", optionally with "/52" or "/53": 12 months in
 *   proportion to their weeks, as a row ("/53" gives the last month the 53rd week);
 * - a range of two or more cells: one period per cell, in the range's shape. Its numbers are shares
 *   when every one is below 1 (20% is 0.2), and shares must total 100%; otherwise they are weights
 *   used in proportion (last year's values, or whole-number percentages such as 20, 20, 20, 40),
 *   whose total is not checked. All 0 spreads evenly. Blank and text cells get "" and no share, as
 *   in ALLOCATE.
 */
import { allocationProblem } from "../allocation";
import { asNumber, CellError, type FormulaResult, type ResultCell } from "../cell";
import { describeCell, spreadMessages } from "../messages";
import type { WeekPattern } from "../plan/fiscalCalendar";
import { MAX_SPREAD_PERIODS, percentText, spread, totalsOneHundredPercent, type SpreadProfile } from "../spread";
import { parseDecimals, parseNumber, toRange, type Rows } from "./args";

const WEEK_PATTERN = /^\s*(4-4-5|4-5-4|5-4-4)\s*(?:\/\s*(52|53)\s*)?$/;

/**
 * `total` spread by `profile` (see the header), each part rounded to `decimals` (default 0) by
 * largest remainder so the parts add up exactly to ROUND(total, decimals).
 */
export function spreadFormula(total: unknown, profile: unknown, decimals?: unknown): FormulaResult {
  const places = parseDecimals(decimals) ?? 0;
  if (places instanceof CellError) return places;
  const amount = parseNumber(total, "total");
  if (amount instanceof CellError) return amount;
  const grid = toRange(profile, "profile");
  if (grid instanceof CellError) return grid;
  const problem = allocationProblem(amount, places);
  if (problem !== undefined) return new CellError("VALUE", problem);
  if (grid.length === 1 && grid[0].length === 1) return spreadByCell(amount, grid[0][0], places);
  return spreadByRange(amount, grid, places);
}

function spreadByCell(total: number, cell: unknown, decimals: number): FormulaResult {
  if (cell instanceof CellError) return cell;
  const profile = cellProfile(cell);
  if (profile === undefined) {
    return new CellError("VALUE", spreadMessages.badProfileCell(describeCell(cell), MAX_SPREAD_PERIODS));
  }
  return [spread(total, profile, decimals)];
}

function cellProfile(cell: unknown): SpreadProfile | undefined {
  const periods = asNumber(cell);
  if (periods !== undefined) {
    return Number.isInteger(periods) && periods >= 1 && periods <= MAX_SPREAD_PERIODS
      ? { kind: "even", periods }
      : undefined;
  }
  const match = typeof cell === "string" ? WEEK_PATTERN.exec(cell) : null;
  if (match === null) return undefined;
  return { kind: "weeks", pattern: match[1] as WeekPattern, yearWeeks: match[2] === "53" ? 53 : 52 };
}

function spreadByRange(total: number, grid: Rows, decimals: number): FormulaResult {
  const numbers: number[] = [];
  let sum = 0;
  let belowOne = true;
  for (let r = 0; r < grid.length; r++) {
    for (let c = 0; c < grid[r].length; c++) {
      const cell = grid[r][c];
      // Every part is a share of the whole profile, so an error in it shows in every cell.
      if (cell instanceof CellError) return grid.map((row) => row.map(() => cell));
      const value = asNumber(cell);
      if (value === undefined) continue;
      if (value < 0) return new CellError("VALUE", spreadMessages.negativeProfile(r + 1, c + 1, value));
      numbers.push(value);
      sum += value;
      if (value >= 1) belowOne = false;
    }
  }
  if (numbers.length === 0) return new CellError("VALUE", spreadMessages.noProfileNumbers);
  const shares = belowOne && sum > 0;
  if (shares && !totalsOneHundredPercent(sum)) {
    return new CellError("VALUE", spreadMessages.profileSharesTotal(percentText(sum)));
  }
  const parts = spread(
    total,
    shares ? { kind: "shares", shares: numbers } : { kind: "lastYear", values: numbers },
    decimals,
  );
  let next = 0;
  return grid.map((row) => row.map((cell): ResultCell => (asNumber(cell) === undefined ? "" : parts[next++])));
}
