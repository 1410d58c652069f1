/**
 * Splitting a total into parts: ALLOCATE, each split of CASCADE, and the task pane's "allocate the gap".
 *
 * Rounded parts are counted in whole units of 10^-decimals, so the sum that has to come out exact is
 * integer arithmetic, and each part becomes a number once, by one division by a power of ten, which
 * gives the double nearest the decimal (0.1, not 0.1000000000000001).
 */
import { allocationMessages, messages } from "./messages";

/** Like Excel's ROUND, negative decimals round to tens, hundreds, ...: -3 splits into whole thousands. */
export const MIN_DECIMALS = -10;
export const MAX_DECIMALS = 10;

// Read once: the loops below run per part, and looking a global up on every call is slow in sandboxed
// runtimes (some fifty times slower in Node's vm, where jest runs the tests).
const { abs, floor, max, round } = Math;
const { isFinite: isFiniteNumber, isInteger } = Number;

const POWERS_OF_TEN: readonly number[] = Array.from({ length: MAX_DECIMALS + 1 }, (_, power) => 10 ** power);

/**
 * Remainders are compared on this grid so that shares equal on paper but apart by floating-point noise
 * tie: weights 0.1 and 0.3 splitting 2 units have remainders 0.5000000000000001 and 0.4999999999999998,
 * and the unit must go to the larger weight.
 */
const REMAINDER_GRAIN = 1e9;

const NO_WEIGHTS: readonly number[] = [];

/**
 * The most units a total may have. Excel holds 15 significant digits; beyond them neighbouring units are
 * no longer distinct numbers, and a part could not be told from the next one.
 */
const MAX_UNITS = 1e15;

/** A misuse of `allocate`. The message is written for the user, so a caller may show it as it is. */
export class AllocationError extends Error {
  override readonly name = "AllocationError";
}

/** Why `decimals` cannot be used, or undefined if it can. */
export function decimalsProblem(decimals: number): string | undefined {
  return isInteger(decimals) && decimals >= MIN_DECIMALS && decimals <= MAX_DECIMALS
    ? undefined
    : messages.badDecimals(String(decimals), MIN_DECIMALS, MAX_DECIMALS);
}

/**
 * ROUND(value, decimals) counted in units of 10^-decimals: a whole number, NaN if `value` is not
 * finite. It can be too large to split for huge values; `allocationProblem` says so.
 */
export function toUnits(value: number, decimals: number): number {
  if (!isFiniteNumber(value)) return Number.NaN;
  const scaled = decimals >= 0 ? value * POWERS_OF_TEN[decimals] : value / POWERS_OF_TEN[-decimals];
  if (isInteger(scaled)) return scaled + 0;
  // Excel rounds the decimal it shows (15 significant digits), not the binary fraction behind it:
  // ROUND(2.675, 2) is 2.68 although 2.675 is stored as 2.67499999999999982...
  const [digits, exponent] = value.toPrecision(15).split("e");
  const shifted = Number(`${digits}e${Number(exponent ?? 0) + decimals}`);
  return (shifted < 0 ? -round(-shifted) : round(shifted)) + 0;
}

/** The number `units` units of 10^-decimals make. */
export function fromUnits(units: number, decimals: number): number {
  return (decimals >= 0 ? units / POWERS_OF_TEN[decimals] : units * POWERS_OF_TEN[-decimals]) + 0;
}

/** Excel's ROUND: half away from zero, on the decimal Excel shows, so ROUND(2.675, 2) = 2.68. */
export function excelRound(value: number, decimals: number): number {
  return fromUnits(toUnits(value, decimals), decimals);
}

/** The smallest part at `decimals`, as text for messages: "0.01", "1", "1000". */
export function unitText(decimals: number): string {
  return decimals > 0 ? fromUnits(1, decimals).toFixed(decimals) : String(fromUnits(1, decimals));
}

/** Why `total` cannot be split into parts at `decimals`, or undefined if it can. */
export function allocationProblem(total: number, decimals: number): string | undefined {
  const badDecimals = decimalsProblem(decimals);
  if (badDecimals !== undefined) return badDecimals;
  if (!isFiniteNumber(total)) return messages.notANumber("total", String(total));
  if (!(abs(toUnits(total, decimals)) <= MAX_UNITS)) {
    return allocationMessages.tooLargeToSplit(total, unitText(decimals));
  }
  return undefined;
}

/**
 * Splits `total` in proportion to `weights` by the largest-remainder method: every part is a multiple of
 * 10^-decimals, the parts add up exactly to ROUND(total, decimals), and each is within one unit of its
 * exact share (rounded down or up). Leftover units go to the largest remainders; ties go to the larger
 * weight, then the earlier index. All weights 0 splits evenly. A negative total is split as its
 * magnitude is, with the signs turned: -10 over three equal weights is -4, -3, -3.
 *
 * Throws `AllocationError` for decimals that are not whole numbers from -10 to 10, a total that is not
 * finite or too large to count in units, a weight that is negative or not finite, or a nonzero total and
 * no weights.
 */
export function allocate(total: number, weights: readonly number[], decimals: number): number[] {
  const problem = allocationProblem(total, decimals) ?? weightsProblem(weights);
  if (problem !== undefined) throw new AllocationError(problem);
  const units = toUnits(total, decimals);
  if (weights.length === 0 && units !== 0) {
    throw new AllocationError(allocationMessages.nothingToSplitAcross(total));
  }
  const parts = new Float64Array(weights.length);
  new UnitSplitter().split(units, weights, weights.length, parts);
  return Array.from(parts, (part) => fromUnits(part, decimals));
}

function weightsProblem(weights: readonly number[]): string | undefined {
  for (let i = 0; i < weights.length; i++) {
    const weight = weights[i];
    if (!isFiniteNumber(weight)) return allocationMessages.weightNotANumber(i + 1, String(weight));
    if (weight < 0) return allocationMessages.weightNegative(i + 1, weight);
  }
  return undefined;
}

/**
 * The largest-remainder split on whole units, keeping its work buffers between calls so that a caller
 * splitting many small groups (CASCADE splits once per parent and period) allocates nothing per group.
 * It trusts its input; `allocate` is the checked entry point.
 */
export class UnitSplitter {
  private order = new Uint32Array(0);
  private remainders = new Float64Array(0);
  private weights: ArrayLike<number> = NO_WEIGHTS;
  /** Largest remainder first, then the larger weight, then the earlier index; made once, not per split. */
  private readonly byPriority = (a: number, b: number): number =>
    this.remainders[b] - this.remainders[a] || this.weights[b] - this.weights[a] || a - b;

  /**
   * Writes to out[0..count) whole numbers that add up to `units` (whole, may be negative, at most 10^15), in
   * proportion to weights[0..count) (finite, >= 0; all 0 means evenly), as `allocate` describes.
   */
  split(units: number, weights: ArrayLike<number>, count: number, out: Float64Array): void {
    if (count === 0) return;
    const magnitude = abs(units);
    let weightSum = 0;
    let largest = 0;
    for (let i = 0; i < count; i++) {
      weightSum += weights[i];
      if (weights[i] > largest) largest = weights[i];
    }
    if (weightSum === 0) {
      splitEvenly(magnitude, count, out);
    } else {
      const divisor = weightScale(weightSum, largest);
      if (divisor !== 1) {
        weightSum = 0;
        for (let i = 0; i < count; i++) weightSum += weights[i] / divisor;
      }
      this.splitByRemainders(magnitude, weights, divisor, weightSum, count, out);
    }
    if (units < 0) for (let i = 0; i < count; i++) out[i] = 0 - out[i];
  }

  private splitByRemainders(
    magnitude: number,
    weights: ArrayLike<number>,
    divisor: number,
    weightSum: number,
    count: number,
    out: Float64Array,
  ): void {
    if (this.remainders.length < count) {
      this.remainders = new Float64Array(max(count, 2 * this.remainders.length));
      this.order = new Uint32Array(this.remainders.length);
    }
    const remainders = this.remainders;
    let assigned = 0;
    for (let i = 0; i < count; i++) {
      const weight = weights[i] / divisor;
      const product = magnitude * weight;
      const share = isFiniteNumber(product) ? product / weightSum : magnitude * (weight / weightSum);
      const whole = floor(share);
      out[i] = whole;
      assigned += whole;
      remainders[i] = round((share - whole) * REMAINDER_GRAIN);
    }
    let leftover = magnitude - assigned;
    if (leftover === 0) return;

    const order = this.order;
    for (let i = 0; i < count; i++) order[i] = i;
    this.weights = weights;
    // The order is total (ties end on the index), so either sort gives the same one. CASCADE splits
    // once per family and period, mostly small ones, where a view and the builtin's copy for its
    // comparator would be most of the garbage a 100,000-node call makes.
    if (count <= INSERTION_SORT_MAX) insertionSort(order, count, this.byPriority);
    else order.subarray(0, count).sort(this.byPriority);
    this.weights = NO_WEIGHTS;
    // The sum of the exact remainders is the leftover, so this hands out at most one unit per part;
    // the wrap-around and the give-back only matter when rounding noise moved a share across a whole.
    for (let k = 0; leftover > 0; k = (k + 1) % count, leftover--) out[order[k]] += 1;
    for (let k = count - 1; leftover < 0; k = k === 0 ? count - 1 : k - 1) {
      if (out[order[k]] > 0) {
        out[order[k]] -= 1;
        leftover++;
      }
    }
  }
}

/** Groups up to this size are sorted in place, without allocating. */
const INSERTION_SORT_MAX = 32;

function insertionSort(order: Uint32Array, count: number, compare: (a: number, b: number) => number): void {
  for (let i = 1; i < count; i++) {
    const item = order[i];
    let j = i - 1;
    while (j >= 0 && compare(order[j], item) > 0) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = item;
  }
}

/**
 * What to divide weights by before use: 1 for ordinary weights, which keeps shares of whole-number
 * weights exact; the largest weight when their sum would overflow (weights near the largest double) or
 * their products underflow (weights near the smallest), which then lie between 0 and 1.
 */
function weightScale(sum: number, largest: number): number {
  return sum > 1e-100 && sum < 1e100 ? 1 : largest;
}

/** Equal shares; the units left over go to the earliest parts, as ties between equal weights do. */
function splitEvenly(magnitude: number, count: number, out: Float64Array): void {
  let each = floor(magnitude / count);
  let extra = magnitude - each * count;
  // The quotient of two large integers can round across a whole number.
  if (extra < 0) {
    each--;
    extra += count;
  } else if (extra >= count) {
    each++;
    extra -= count;
  }
  for (let i = 0; i < count; i++) out[i] = i < extra ? each + 1 : each;
}

/**
 * Exact proportional shares of `total`, no rounding: out[0..count) in proportion to weights[0..count)
 * (finite, >= 0; all 0 means evenly). They add up to `total` within floating-point error.
 */
export function splitExactly(total: number, weights: ArrayLike<number>, count: number, out: Float64Array): void {
  let weightSum = 0;
  let largest = 0;
  for (let i = 0; i < count; i++) {
    weightSum += weights[i];
    if (weights[i] > largest) largest = weights[i];
  }
  if (weightSum === 0) {
    for (let i = 0; i < count; i++) out[i] = total / count + 0;
    return;
  }
  const divisor = weightScale(weightSum, largest);
  if (divisor !== 1) {
    weightSum = 0;
    for (let i = 0; i < count; i++) weightSum += weights[i] / divisor;
  }
  for (let i = 0; i < count; i++) {
    const weight = weights[i] / divisor;
    const product = total * weight;
    out[i] = (isFiniteNumber(product) ? product / weightSum : total * (weight / weightSum)) + 0;
  }
}
