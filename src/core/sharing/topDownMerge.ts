/**
 * Resolving a top-down save a co-author overtook (see `PlanWorkbook.saveTopDown`), period by period,
 * as entries are merged (./conflicts.ts): what only the other leader changed keeps theirs, what only
 * I changed keeps mine, what both changed to different values must be chosen. The retried save
 * expects the co-author's row, so a third change made meanwhile is caught again, and its audit
 * entries describe the change from that row, which is what is really overwritten.
 */
import { idKey } from "../cell";
import type { AuditEntry, PeriodValues, TopDownChange } from "../plan/types";
import { topDownAudit, type Actor } from "../reconcile/targets";
import { threeWaySide, type Side } from "./conflicts";

/** A node's targets the user tried to save and a co-author changed since they were read. */
export interface TopDownMerge {
  readonly id: string;
  /** The targets as read before either change; null if the node had no row. */
  readonly base: PeriodValues | null;
  readonly mine: PeriodValues;
  /** As the co-author left them; null if the node has no row now. */
  readonly theirs: PeriodValues | null;
}

function at(values: PeriodValues | null, p: number): number | null {
  return values?.[p] ?? null;
}

/** Per period, the side a merge starts from (null: both changed it, the user must choose). */
export function defaultTopDownChoice(merge: TopDownMerge, periodCount: number): (Side | null)[] {
  return Array.from({ length: periodCount }, (_, p) =>
    threeWaySide(at(merge.base, p), at(merge.mine, p), at(merge.theirs, p)),
  );
}

/** Per period, whether mine and theirs differ. */
export function differingTargets(merge: TopDownMerge, periodCount: number): boolean[] {
  return Array.from({ length: periodCount }, (_, p) => at(merge.mine, p) !== at(merge.theirs, p));
}

/** The targets `choice` keeps, period by period. */
export function mergedTargets(merge: TopDownMerge, choice: readonly Side[], periodCount: number): (number | null)[] {
  return Array.from({ length: periodCount }, (_, p) =>
    choice[p] === "theirs" ? at(merge.theirs, p) : at(merge.mine, p),
  );
}

/** The first save, and who made it, to be retried once its conflicts are decided. */
export interface TopDownAttempt {
  readonly changes: readonly TopDownChange[];
  readonly audit: readonly AuditEntry[];
  readonly periods: readonly string[];
  readonly actor: Actor;
  /** The audit note of the edit (the preview's). */
  readonly note: string;
}

/**
 * The whole save again: nodes that did not conflict as first asked (with their audit entries), each
 * conflicting node with the targets decided for it (`decided` by id key: the merged values, or
 * undefined to take theirs), expecting the co-author's row, audited from theirs to what is written.
 */
export function retryTopDown(
  attempt: TopDownAttempt,
  conflicts: readonly TopDownMerge[],
  decided: ReadonlyMap<string, PeriodValues>,
): { readonly changes: TopDownChange[]; readonly audit: AuditEntry[] } {
  const byKey = new Map(conflicts.map((merge) => [idKey(merge.id) as string, merge]));
  const changes: TopDownChange[] = [];
  const audit: AuditEntry[] = [];
  const { actor, periods } = attempt;
  for (const change of attempt.changes) {
    const key = idKey(change.id) as string;
    const merge = byKey.get(key);
    if (merge === undefined) {
      changes.push(change);
      audit.push(...attempt.audit.filter((entry) => idKey(entry.node) === key));
      continue;
    }
    const values = decided.get(key);
    if (values === undefined) continue;
    const written = periods.map((_, p) => at(values, p));
    if (written.every((value, p) => value === at(merge.theirs, p))) continue;
    changes.push({ id: change.id, values: written, expected: merge.theirs });
    audit.push(
      ...topDownAudit(
        change.id,
        periods,
        (p) => at(merge.theirs, p),
        (p) => written[p],
        actor,
        attempt.note,
      ),
    );
  }
  return { changes, audit };
}
