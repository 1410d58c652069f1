/**
 * Guardrails: bounds a submission must keep, set in the plan's settings table (GU Settings), as
 * SAP's variance boundaries reject a growth target outside a range and Oracle blocks a submit until
 * its validations pass. Per period, a value must lie between `minValue` and `maxValue`; over the
 * periods entered, the growth against the reference values (last year's, when the plan holds them)
 * must lie between `minGrowth` and `maxGrowth`. A broken bound either blocks the submission
 * ("block") or asks for a comment that explains it ("comment"). The same check runs wherever a
 * submission is made: the pane (typed or pasted), collect, and bulk actions, through `chainAction`
 * and collect's own submit, so no path lets a value past a bound the others would stop.
 *
 * Drafts are never checked: a contributor may save anything while working.
 */
import { formatNumber } from "./numbers";
import { hasGuardrails, type GuardrailRule, type Guardrails } from "./guardrailSettings";
import { hierarchyOf } from "./planView";
import type { PeriodValues, Plan } from "./types";
import { measureColumns, planMeasures, valueColumns } from "./measures";

export interface GuardrailBreak {
  readonly rule: GuardrailRule;
  /** The period index for a value bound; null for growth, which is over the periods entered. */
  readonly period: number | null;
  readonly message: string;
}

export interface GuardrailCheck {
  readonly breaks: readonly GuardrailBreak[];
  /** What stops the submission, or null: a blocking bound broken, or a comment bound without a comment. */
  readonly refusal: string | null;
}

/**
 * Growth of the periods entered against the same periods of the reference, as a fraction; null
 * when nothing is entered or the reference over those periods is blank or 0 (no growth to speak of).
 */
export function growthOf(values: PeriodValues, reference: PeriodValues | undefined): number | null {
  if (reference === undefined) return null;
  let entered = 0;
  let before = 0;
  let any = false;
  for (let p = 0; p < values.length; p++) {
    const value = values[p];
    const was = reference[p];
    if (value === null || value === undefined || was === null || was === undefined) continue;
    entered += value;
    before += was;
    any = true;
  }
  return any && before !== 0 ? (entered - before) / Math.abs(before) : null;
}

/** A growth as the pane and messages show it: "+12.5 %", "-10 %". */
export function growthText(fraction: number, locale: string): string {
  const shown = formatNumber(Math.round(fraction * 1000) / 10, locale, 1).replace(/[.,]0$/, "");
  return `${fraction > 0 ? "+" : ""}${shown} %`;
}

/**
 * The bounds the values break, and what stops their submission. `reference` is the node's
 * reference values (last year's), index-aligned with `values`; without it, growth is not checked.
 */
export function checkGuardrails(
  rails: Guardrails,
  values: PeriodValues,
  reference: PeriodValues | undefined,
  comment: string,
  context: { readonly periods: readonly string[]; readonly locale: string; readonly decimals: number },
): GuardrailCheck {
  const { periods, locale, decimals } = context;
  const number = (value: number): string => formatNumber(value, locale, decimals);
  const breaks: GuardrailBreak[] = [];
  values.forEach((value, p) => {
    if (value === null || value === undefined) return;
    const period = periods[p] ?? `Period ${p + 1}`;
    if (rails.minValue !== null && value < rails.minValue)
      breaks.push({
        rule: "minValue",
        period: p,
        message: guardrailMessages.belowMin(period, number(value), number(rails.minValue)),
      });
    if (rails.maxValue !== null && value > rails.maxValue)
      breaks.push({
        rule: "maxValue",
        period: p,
        message: guardrailMessages.aboveMax(period, number(value), number(rails.maxValue)),
      });
  });
  const growth = growthOf(values, reference);
  if (growth !== null) {
    if (rails.minGrowth !== null && growth < rails.minGrowth - 1e-12)
      breaks.push({
        rule: "minGrowth",
        period: null,
        message: guardrailMessages.growthBelow(growthText(growth, locale), growthText(rails.minGrowth, locale)),
      });
    if (rails.maxGrowth !== null && growth > rails.maxGrowth + 1e-12)
      breaks.push({
        rule: "maxGrowth",
        period: null,
        message: guardrailMessages.growthAbove(growthText(growth, locale), growthText(rails.maxGrowth, locale)),
      });
  }
  let refusal: string | null = null;
  if (breaks.length > 0 && rails.whenBroken === "block") refusal = guardrailMessages.blocked(breaks);
  else if (breaks.length > 0 && comment.trim() === "") refusal = guardrailMessages.commentNeeded(breaks);
  return { breaks, refusal };
}

/**
 * The plan's guardrails applied to node `id` submitting `values` with `comment`: the one check
 * every path that submits makes (chainAction, collect). Without guardrails, nothing is broken.
 */
export function submissionCheck(
  plan: Plan,
  id: string,
  values: PeriodValues,
  comment: string,
  locale: string,
): GuardrailCheck {
  const rails = plan.settings.guardrails;
  if (rails === undefined || !hasGuardrails(rails) || !atGuardedLevel(plan, id, rails))
    return { breaks: [], refusal: null };
  // The bounds are in one measure's terms: only its columns are checked, growth over them alone.
  const { settings } = plan;
  const measures = planMeasures(settings);
  const m = Math.max(
    0,
    measures.findIndex((measure) => measure.name === rails.measure),
  );
  const columns = measureColumns(settings, m);
  const reference = plan.reference?.values.get(id);
  const check = checkGuardrails(
    rails,
    columns.map((c) => values[c] ?? null),
    reference === undefined ? undefined : columns.map((c) => reference[c] ?? null),
    comment,
    {
      periods: columns.map((c) => valueColumns(settings)[c]),
      locale,
      decimals: measures[m].decimals,
    },
  );
  const breaks = check.breaks.map((broken) => ({
    ...broken,
    period: broken.period === null ? null : columns[broken.period],
  }));
  return { ...check, breaks };
}

/** Whether node `id` sits at a level the bounds apply to. */
function atGuardedLevel(plan: Plan, id: string, rails: Guardrails): boolean {
  if (rails.levels === null) return true;
  const built = hierarchyOf(plan.nodes);
  if (!built.ok) return false;
  const node = built.hierarchy.find(id);
  return node !== undefined && rails.levels.includes(built.hierarchy.depth[node]);
}

export const guardrailMessages = {
  belowMin: (period: string, got: string, bound: string): string =>
    `${period}: ${got} is below the plan's minimum of ${bound} per period (minValue in GU Settings)`,
  aboveMax: (period: string, got: string, bound: string): string =>
    `${period}: ${got} is above the plan's maximum of ${bound} per period (maxValue in GU Settings)`,
  growthBelow: (got: string, bound: string): string =>
    `Growth against last year is ${got}; the plan asks for at least ${bound} (minGrowth in GU Settings)`,
  growthAbove: (got: string, bound: string): string =>
    `Growth against last year is ${got}; the plan allows at most ${bound} (maxGrowth in GU Settings)`,
  blocked: (breaks: readonly GuardrailBreak[]): string =>
    `Not submitted: ${breaks.map((b) => b.message).join("; ")}. Change the values to within the bounds, or ask the plan's owner about them`,
  commentNeeded: (breaks: readonly GuardrailBreak[]): string =>
    `Not submitted: ${breaks.map((b) => b.message).join("; ")}. Explain why in the comment, then submit again`,
  keptAsDraft: (name: string, breaks: readonly GuardrailBreak[]): string =>
    `${name}: saved as a draft, not submitted: ${breaks.map((b) => b.message).join("; ")}`,
} as const;
