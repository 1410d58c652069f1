import { formatNumber } from "../../core/plan/numbers";
import type { Coverage } from "../../core/territory/capacity";

/** How a node's coverage reads in the pane: "95.0 %", "—" without a target or capacity, and its flag. */
export interface CoverageText {
  readonly value: string;
  /** ", over capacity" or ", under capacity" (for screen readers and titles); "" within tolerance. */
  readonly flag: string;
}

export function coverageText(coverage: Coverage, locale: string): CoverageText {
  const value = coverage.coverage === null ? "—" : `${formatNumber(coverage.coverage * 100, locale, 1)} %`;
  const flag = coverage.flag === "over" ? ", over capacity" : coverage.flag === "under" ? ", under capacity" : "";
  return { value, flag };
}
