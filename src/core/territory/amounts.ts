/**
 * Reading the numbers of a capacity or accounts row: heads, quotas, percentages, drivers. A blank
 * takes the column's default; anything else that is not a finite number of 0 or more is a problem of
 * its row, never a silent 0, because a mistyped driver would quietly move accounts.
 */
import { asNumber, isBlank } from "../cell";
import { territoryMessages } from "./messages";

/** Adds a problem on one sheet row. */
export type Report = (row: number, message: string) => void;

/** A percentage's ceiling, as a fraction and as the message shows it. */
export interface PercentCeiling {
  readonly max: number;
  readonly shown: string;
}

/**
 * The amount in `cell`: `blank` where it is blank, otherwise a finite number of 0 or more (and at
 * most `ceiling.max` for percentages, which catches 90 typed for 90 %). Undefined after reporting
 * what is wrong, with `what` naming the cell ("Ramp P2 of "T1"").
 */
export function readAmount(
  cell: unknown,
  blank: number,
  what: string,
  row: number,
  report: Report,
  ceiling?: PercentCeiling,
): number | undefined {
  if (isBlank(cell)) return blank;
  const value = asNumber(cell);
  if (value === undefined) {
    report(row, territoryMessages.notANumber(what, cell, row));
    return undefined;
  }
  if (value < 0) {
    report(row, territoryMessages.negative(what, value, row));
    return undefined;
  }
  if (ceiling !== undefined && value > ceiling.max) {
    report(row, territoryMessages.percentTooLarge(what, value, row, ceiling.shown));
    return undefined;
  }
  return value;
}
