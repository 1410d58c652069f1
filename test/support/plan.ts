/** The small plan most adapter and view tests start from, and reading it back from any workbook. */
import type { NodeEntry, Plan, PlanSettings } from "../../src/core/plan/types";
import type { PlanWorkbook } from "../../src/workbook/PlanWorkbook";

export const SETTINGS: PlanSettings = {
  name: "FY27",
  metric: "Revenue",
  unit: "EUR",
  periods: ["Q1 2027", "Q2 2027"],
  decimals: 0,
  tolerance: 0.05,
  deadline: null,
  allowNegative: false,
};

/** The plan the workbook holds; fails the test when there is none. */
export async function readPlanOf(workbook: PlanWorkbook): Promise<Plan> {
  const plan = await workbook.readPlan();
  if (plan === null) throw new Error("no plan");
  return plan;
}

/** One node's workflow row as the workbook holds it now. */
export async function readEntryOf(workbook: PlanWorkbook, id: string): Promise<NodeEntry> {
  const entry = (await readPlanOf(workbook)).entries.get(id);
  if (entry === undefined) throw new Error(`no entry for ${id}`);
  return entry;
}
