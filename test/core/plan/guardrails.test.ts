/**
 * Guardrails (issue 12): bounds in GU Settings that a submission must keep, checked the same way
 * wherever a submission is made. Drafts are never checked.
 */
import type { LayoutProblem } from "../../../src/core/plan/layout";
import { readSettingsGrid, settingsRows } from "../../../src/core/plan/layout/settingsTable";
import { checkGuardrails, growthOf } from "../../../src/core/plan/guardrails";
import { parseLevels, type Guardrails } from "../../../src/core/plan/guardrailSettings";
import type { Plan, PlanNode } from "../../../src/core/plan/types";
import { chainAction } from "../../../src/core/plan/workflow";
import { SETTINGS } from "../../support/plan";

const RAILS: Guardrails = {
  minValue: 0,
  maxValue: 1_000_000,
  minGrowth: -0.1,
  maxGrowth: 0.25,
  whenBroken: "block",
  levels: null,
};
const node = (id: string, parent: string, owner: string): PlanNode => ({ id, parent, name: id, owner, attributes: {} });
const CONTEXT = { periods: ["Q1", "Q2", "Q3", "Q4"], locale: "en-US", decimals: 0 };

describe("checkGuardrails", () => {
  test("values within every bound pass", () => {
    expect(checkGuardrails(RAILS, [110, 110, 110, 110], [100, 100, 100, 100], "", CONTEXT)).toEqual({
      breaks: [],
      refusal: null,
    });
  });

  test("a value above the maximum names the period, the value, the bound and where the rule lives", () => {
    const check = checkGuardrails(RAILS, [100_000_000_000_000_000_000, 1, null, 1], undefined, "", CONTEXT);
    expect(check.breaks.map((b) => [b.rule, b.period])).toEqual([["maxValue", 0]]);
    expect(check.refusal).toBe(
      "Not submitted: Q1: 100,000,000,000,000,000,000 is above the plan's maximum of 1,000,000 per period " +
        "(maxValue in GU Settings). Change the values to within the bounds, or ask the plan's owner about them",
    );
  });

  test("growth is over the periods entered against the same periods of last year", () => {
    // 130 against 100 over Q1-Q2; Q3 has no reference, Q4 nothing entered.
    expect(growthOf([60, 70, 500, null], [50, 50, null, 100])).toBeCloseTo(0.3);
    const check = checkGuardrails(RAILS, [60, 70, 500, null], [50, 50, null, 100], "", CONTEXT);
    expect(check.breaks.map((b) => b.message)).toEqual([
      "Growth against last year is +30 %; the plan allows at most +25 % (maxGrowth in GU Settings)",
    ]);
    expect(checkGuardrails(RAILS, [40, 40, null, null], [50, 50, 50, 50], "", CONTEXT).breaks[0].message).toBe(
      "Growth against last year is -20 %; the plan asks for at least -10 % (minGrowth in GU Settings)",
    );
  });

  test("without reference values, or against a reference of 0, growth is not checked", () => {
    expect(checkGuardrails(RAILS, [900, 900, 900, 900], undefined, "", CONTEXT).breaks).toEqual([]);
    expect(checkGuardrails(RAILS, [900, 900, 900, 900], [0, 0, 0, 0], "", CONTEXT).breaks).toEqual([]);
  });

  test("a comment rule lets the values through once a comment explains them", () => {
    const rails: Guardrails = { ...RAILS, whenBroken: "comment", levels: null };
    const without = checkGuardrails(rails, [200, 200, 200, 200], [100, 100, 100, 100], " ", CONTEXT);
    expect(without.refusal).toMatch(/^Not submitted: Growth against last year is \+100 %.*Explain why in the comment/);
    expect(
      checkGuardrails(rails, [200, 200, 200, 200], [100, 100, 100, 100], "New key account", CONTEXT).refusal,
    ).toBeNull();
  });
});

describe("guardrails in the settings table", () => {
  function read(rows: unknown[][]): { problems: LayoutProblem[]; rails: Guardrails | undefined } {
    const problems: LayoutProblem[] = [];
    const settings = readSettingsGrid({ headers: ["Key", "Value"], rows }, problems);
    return { problems, rails: settings?.guardrails };
  }

  test("a plan without them writes no rows, and reads back what it writes", () => {
    expect(settingsRows(SETTINGS).map((row) => row[0])).not.toContain("maxGrowth");
    const rails: Guardrails = { ...RAILS, minValue: null, whenBroken: "comment", levels: null };
    expect(read(settingsRows({ ...SETTINGS, guardrails: rails })).rails).toEqual(rails);
  });

  test("a mistyped bound or action names its row and the fix; a maximum below the minimum too", () => {
    const rows = settingsRows({ ...SETTINGS, guardrails: RAILS }).map((row) => {
      if (row[0] === "maxGrowth") return [row[0], "lots"];
      if (row[0] === "guardrailAction") return [row[0], "warn"];
      if (row[0] === "maxValue") return [row[0], -5];
      return row;
    });
    const row = (key: string): number => rows.findIndex((cells) => cells[0] === key) + 2;
    expect(read(rows).problems.map((problem) => [problem.row, problem.message])).toEqual([
      [row("maxGrowth"), expect.stringMatching(/maxGrowth.*a percentage like 25%.*"lots"/)],
      [row("guardrailAction"), expect.stringMatching(/guardrailAction.*"block" or "comment".*"warn"/)],
      [row("maxValue"), expect.stringMatching(/maxValue.*at least minValue \(0\)/)],
    ]);
  });
});

describe("a submission under guardrails", () => {
  const plan: Plan = {
    settings: { ...SETTINGS, guardrails: { ...RAILS, maxValue: null } },
    nodes: [node("Co", "", "Vera"), node("North", "Co", "Ann")],
    entries: new Map(),
    topDown: new Map(),
    reference: { values: new Map([["North", SETTINGS.periods.map(() => 100)]]), problems: [] },
  };
  const act = (action: "submit" | "saveDraft", values: number[], comment = "") =>
    chainAction(plan, "North", action, {
      user: "Ann",
      now: "2027-01-05T10:00:00.000Z",
      values,
      comment,
      periods: SETTINGS.periods,
    });
  const over = SETTINGS.periods.map(() => 200);

  test("is refused outside a blocking bound, naming the rule, while a draft of the same values is saved", () => {
    const refused = act("submit", over);
    expect(refused).toEqual({ ok: false, message: expect.stringContaining("(maxGrowth in GU Settings)") });
    expect(act("saveDraft", over).ok).toBe(true);
    expect(
      act(
        "submit",
        SETTINGS.periods.map(() => 120),
      ).ok,
    ).toBe(true);
  });
});

describe("guardrails at some levels only", () => {
  const plan: Plan = {
    settings: { ...SETTINGS, guardrails: { ...RAILS, maxValue: 100, levels: [3] } },
    // North is a rep at level 2; Oslo a rep at level 3, under South.
    nodes: [
      node("Co", "", "Vera"),
      node("North", "Co", "Nina"),
      node("South", "Co", "Sam"),
      node("Oslo", "South", "Ann"),
    ],
    entries: new Map(),
    topDown: new Map(),
  };
  const submit = (id: string, owner: string) =>
    chainAction(plan, id, "submit", {
      user: owner,
      now: "2027-01-05T10:00:00.000Z",
      values: SETTINGS.periods.map(() => 500),
      periods: SETTINGS.periods,
    });

  test("bound the nodes at those levels and leave the others free", () => {
    expect(submit("Oslo", "Ann")).toEqual({ ok: false, message: expect.stringContaining("(maxValue in GU Settings)") });
    expect(submit("North", "Nina").ok).toBe(true);
  });

  test("are read from the levels typed: one, several, ranges; blank is every level; anything else is refused", () => {
    expect(parseLevels("4")).toEqual([4]);
    expect(parseLevels(" 3, 1 ;2-3 ")).toEqual([1, 2, 3]);
    expect(parseLevels("")).toBeNull();
    for (const bad of ["0", "4-2", "top", "2.5"]) expect(parseLevels(bad)).toBeUndefined();
    const rows = settingsRows({ ...SETTINGS, guardrails: { ...RAILS, levels: [3, 4] } });
    expect(rows.find((row) => row[0] === "guardrailLevels")).toEqual(["guardrailLevels", "3, 4"]);
    const problems: LayoutProblem[] = [];
    expect(readSettingsGrid({ headers: ["Key", "Value"], rows }, problems)?.guardrails?.levels).toEqual([3, 4]);
  });
});
