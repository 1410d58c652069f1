/**
 * The plan's guardrails as settings (GU Settings rows minValue, maxValue, minGrowth, maxGrowth,
 * guardrailAction): apart from the checks in guardrails.ts so that reading the plan's settings, in
 * the task pane's first view, loads no more than these.
 */

export type GuardrailAction = "block" | "comment";

export const GUARDRAIL_ACTIONS: readonly GuardrailAction[] = ["block", "comment"];

export interface Guardrails {
  /** Each period's value at least this; null: no bound. */
  readonly minValue: number | null;
  readonly maxValue: number | null;
  /** Growth against the reference, as a fraction (-0.1 = -10 %); null: no bound. */
  readonly minGrowth: number | null;
  readonly maxGrowth: number | null;
  readonly whenBroken: GuardrailAction;
}

export type GuardrailRule = "minValue" | "maxValue" | "minGrowth" | "maxGrowth";

export function hasGuardrails(rails: Guardrails): boolean {
  return rails.minValue !== null || rails.maxValue !== null || rails.minGrowth !== null || rails.maxGrowth !== null;
}
