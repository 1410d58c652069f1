import { initialDraft, settingsFromDraft } from "../../src/taskpane/views/setup/settingsDraft";
import type { PlanSettings } from "../../src/core/plan/types";
import { SETTINGS } from "../support/plan";

test("setting the plan up again keeps what the form does not show: kept balancing and typed guardrails", () => {
  const existing: PlanSettings = {
    ...SETTINGS,
    name: "FY27",
    balancing: { accountsTable: "Accounts", weights: [{ driver: "Visits", weight: 2 }], band: 0.1 },
    guardrails: { minValue: 0, maxValue: null, minGrowth: -0.1, maxGrowth: 0.25, whenBroken: "comment" },
  };
  const result = settingsFromDraft(initialDraft(existing, "en-US", new Date("2027-01-05")), existing, "en-US");
  expect(result.ok && result.settings.balancing).toEqual(existing.balancing);
  expect(result.ok && result.settings.guardrails).toEqual(existing.guardrails);
});
