/**
 * The settings from the settings table's values, for the writes that check them first. Apart from
 * ./tableReads, which the pane's first view loads (to follow the selection), so that the settings
 * reader and everything it reads (guardrails, the fiscal calendar) load with the writes.
 */
import { readSettingsGrid, type LayoutProblem } from "../core/plan/layout";
import type { PlanSettings } from "../core/plan/types";

/** The settings from the settings table's values (header row first). */
export function settingsFrom(values: unknown[][], problems: LayoutProblem[]): PlanSettings | null {
  const [headers, ...rows] = values;
  return readSettingsGrid({ headers, rows }, problems);
}
