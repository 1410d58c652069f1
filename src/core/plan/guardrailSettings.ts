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
  /** The hierarchy levels the bounds apply to (1 = the top); null: every level. */
  readonly levels: readonly number[] | null;
  /** The measure whose values the bounds apply to, by name (measures.ts); absent: the plan's first. */
  readonly measure?: string;
}

export type GuardrailRule = "minValue" | "maxValue" | "minGrowth" | "maxGrowth";

export function hasGuardrails(rails: Guardrails): boolean {
  return rails.minValue !== null || rails.maxValue !== null || rails.minGrowth !== null || rails.maxGrowth !== null;
}

/** Levels as GU Settings and the form write them: "4", "3, 4", "2-4"; null for blank. */
export function formatLevels(levels: readonly number[] | null): string {
  return levels === null ? "" : levels.join(", ");
}

/**
 * The levels typed ("4", "3, 4", "2-4", or a mix), sorted and each once; null for blank, and
 * undefined when a part is not a whole number from 1 up or a range of them.
 */
export function parseLevels(text: string): number[] | null | undefined {
  const parts = text.split(/[,;\s]+/).filter((part) => part !== "");
  if (parts.length === 0) return null;
  const levels = new Set<number>();
  for (const part of parts) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (range === null) return undefined;
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (from < 1 || to < from || to - from > 1000) return undefined;
    for (let level = from; level <= to; level++) levels.add(level);
  }
  return [...levels].sort((a, b) => a - b);
}
