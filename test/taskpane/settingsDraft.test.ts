import { initialDraft, settingsFromDraft } from "../../src/taskpane/views/setup/settingsDraft";
import type { PlanSettings } from "../../src/core/plan/types";
import { SETTINGS } from "../support/plan";

test("setting the plan up again keeps kept balancing (not on the form) and the guardrails", () => {
  const existing: PlanSettings = {
    ...SETTINGS,
    name: "FY27",
    balancing: { accountsTable: "Accounts", weights: [{ driver: "Visits", weight: 2 }], band: 0.1 },
    guardrails: { minValue: 0, maxValue: null, minGrowth: -0.1, maxGrowth: 0.25, whenBroken: "comment", levels: null },
  };
  const result = settingsFromDraft(initialDraft(existing, "en-US", new Date("2027-01-05")), existing, "en-US");
  expect(result.ok && result.settings.balancing).toEqual(existing.balancing);
  expect(result.ok && result.settings.guardrails).toEqual(existing.guardrails);
});

test("the guardrails typed in Set up become the plan's, in the user's locale; all blank is none; a maximum below the minimum is named", () => {
  const draft = initialDraft(null, "de-DE", new Date("2027-01-05"));
  expect([draft.minValue, draft.maxGrowth, draft.whenBroken]).toEqual(["", "", "block"]);
  const named = { ...draft, name: "FY27", minValue: "0", maxValue: "1.000.000", minGrowth: "-10", maxGrowth: "25,5" };
  const result = settingsFromDraft({ ...named, whenBroken: "comment" }, null, "de-DE");
  expect(result.ok && result.settings.guardrails).toEqual({
    minValue: 0,
    maxValue: 1_000_000,
    minGrowth: -0.1,
    maxGrowth: 0.255,
    whenBroken: "comment",
    levels: null,
  });
  expect(settingsFromDraft({ ...draft, name: "FY27" }, null, "de-DE")).toMatchObject({ ok: true });
  expect(
    (settingsFromDraft({ ...draft, name: "FY27" }, null, "de-DE") as { settings: object }).settings,
  ).not.toHaveProperty("guardrails");
  expect(settingsFromDraft({ ...named, minGrowth: "30" }, null, "de-DE")).toEqual({
    ok: false,
    errors: { maxGrowth: "The maximum is below the minimum; make it at least as large, or leave one blank" },
  });
  // Shown again as typed: 25,5 % in German.
  const again = initialDraft(result.ok ? result.settings : null, "de-DE", new Date("2027-01-05"));
  expect([again.maxGrowth, again.maxValue]).toEqual(["25,5", "1.000.000"]);
});

test("more measures are typed one per line, shown again on a new setup, and a bad line or a name taken twice is named", () => {
  const draft = { ...initialDraft(null, "en-US", new Date("2027-01-05")), name: "FY27" };
  expect(draft.moreMeasures).toBe("");
  const typed = { ...draft, moreMeasures: "Units | units | 0\n\nMargin | EUR | 2" };
  const result = settingsFromDraft(typed, null, "en-US");
  expect(result.ok && result.settings.moreMeasures).toEqual([
    { name: "Units", unit: "units", decimals: 0 },
    { name: "Margin", unit: "EUR", decimals: 2 },
  ]);
  const again = initialDraft(result.ok ? result.settings : null, "en-US", new Date("2027-01-05"));
  expect(again.moreMeasures).toBe("Units | units | 0\nMargin | EUR | 2");
  expect(settingsFromDraft({ ...draft, moreMeasures: "Units | units | lots" }, null, "en-US")).toEqual({
    ok: false,
    errors: { moreMeasures: expect.stringMatching(/^Line 1: write each measure as "name \| unit \| decimals"/) },
  });
  expect(settingsFromDraft({ ...draft, moreMeasures: "Units\nrevenue | EUR" }, null, "en-US")).toEqual({
    ok: false,
    errors: { moreMeasures: 'Line 2: the plan already has a measure "revenue"; give each measure its own name' },
  });
});

test("guardrails can be set on a measure other than the metric; an unknown one is named", () => {
  const draft = {
    ...initialDraft(null, "en-US", new Date("2027-01-05")),
    name: "FY27",
    moreMeasures: "Units | units | 0",
    maxValue: "50",
  };
  const result = settingsFromDraft({ ...draft, guardrailMeasure: "units" }, null, "en-US");
  expect(result.ok && result.settings.guardrails?.measure).toBe("Units");
  const onMetric = settingsFromDraft({ ...draft, guardrailMeasure: "Revenue" }, null, "en-US");
  expect(onMetric.ok && onMetric.settings.guardrails).not.toHaveProperty("measure");
  // A ratio is computed, not entered: nothing to bound.
  const withRatio = { ...draft, moreMeasures: "Units | units | 0\nPrice | EUR | 2 | Revenue / Units" };
  expect(settingsFromDraft({ ...withRatio, guardrailMeasure: "Price" }, null, "en-US")).toEqual({
    ok: false,
    errors: {
      guardrailMeasure: 'The plan has no measure "Price"; type one of its measures, or leave it blank for the first',
    },
  });
  expect(settingsFromDraft({ ...draft, guardrailMeasure: "Margin" }, null, "en-US")).toEqual({
    ok: false,
    errors: {
      guardrailMeasure: 'The plan has no measure "Margin"; type one of its measures, or leave it blank for the first',
    },
  });
});

test("a line with a formula is a ratio of two measures typed on any line; one naming no measure is named", () => {
  const draft = { ...initialDraft(null, "en-US", new Date("2027-01-05")), name: "FY27" };
  const typed = { ...draft, moreMeasures: "Margin % | % | 1 | Margin / Revenue\nMargin | EUR | 0" };
  const result = settingsFromDraft(typed, null, "en-US");
  expect(result.ok && result.settings.ratios).toEqual([
    { name: "Margin %", unit: "%", decimals: 1, numerator: "Margin", denominator: "Revenue" },
  ]);
  expect(result.ok && result.settings.moreMeasures).toEqual([{ name: "Margin", unit: "EUR", decimals: 0 }]);
  expect(initialDraft(result.ok ? result.settings : null, "en-US", new Date()).moreMeasures).toBe(
    "Margin | EUR | 0\nMargin % | % | 1 | Margin / Revenue",
  );
  expect(settingsFromDraft({ ...draft, moreMeasures: "Margin % | % | 1 | Margin / Revenue" }, null, "en-US")).toEqual({
    ok: false,
    errors: {
      moreMeasures: expect.stringMatching(/^Line 1: write each measure as "name \| unit \| decimals \| numerator/),
    },
  });
});

test("a plan from before fiscal calendars is set up again with calendar periods and a value per period, as it was", () => {
  const draft = initialDraft(SETTINGS, "en-US", new Date("2027-01-05"));
  expect([draft.calendar, draft.entryMode]).toEqual(["calendar", "periods"]);
  const result = settingsFromDraft(draft, SETTINGS, "en-US");
  expect(result).toEqual({ ok: true, settings: SETTINGS });
});

test("new calendar periods over a fiscal plan drop its calendar; kept periods keep it", () => {
  const fiscal: PlanSettings = {
    ...SETTINGS,
    periods: ["FY2027"],
    calendar: { calendar: { kind: "months", startMonth: 7, namedBy: "end" }, firstYear: 2027, grain: "year" },
  };
  const draft = initialDraft(fiscal, "en-US", new Date("2027-01-05"));
  expect(settingsFromDraft(draft, fiscal, "en-US")).toMatchObject({
    ok: true,
    settings: { calendar: fiscal.calendar },
  });
  const calendar = settingsFromDraft({ ...draft, keepPeriods: false, calendar: "calendar" }, fiscal, "en-US");
  expect(calendar.ok && calendar.settings.periods).toEqual(["2028"]);
  expect(calendar.ok && "calendar" in calendar.settings).toBe(false);
});
