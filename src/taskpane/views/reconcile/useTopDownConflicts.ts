import * as React from "react";
import { auditMessages } from "../../../core/audit/messages";
import { idKey } from "../../../core/cell";
import { sharingMessages } from "../../../core/messages";
import type { PeriodValues, Plan } from "../../../core/plan/types";
import type { Side } from "../../../core/sharing/conflicts";
import {
  mergedTargets,
  retryTopDown,
  type TopDownAttempt,
  type TopDownMerge,
} from "../../../core/sharing/topDownMerge";
import type { SaveTopDownResult } from "../../../workbook/PlanWorkbook";
import type { Feedback } from "../../components/FeedbackBar";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import type { TopDownConflictDialogProps } from "./TopDownConflictDialog";

/** A top-down save, should a co-author have changed some of its nodes since they were read. */
export interface TopDownSaveRequest {
  /** The plan as read, for the nodes' names. */
  readonly plan: Plan;
  readonly attempt: TopDownAttempt;
  /** What to say once saved. */
  readonly done: string;
}

interface Pending {
  readonly request: TopDownSaveRequest;
  readonly merges: readonly TopDownMerge[];
  readonly message: string | null;
  /** Settles the save the panel awaits, once the user decided. */
  readonly settle: (feedback: Feedback | null) => void;
}

function nameOf(plan: Plan, id: string): string {
  const key = idKey(id);
  return plan.nodes.find((node) => idKey(node.id) === key)?.name ?? id;
}

/**
 * Each conflicting node as the merge shows it: base is what the save expected, mine what it asked
 * for; nodes that conflicted in an earlier round keep their place, with the co-author's newest row.
 */
function mergesOf(
  attempt: TopDownAttempt,
  earlier: readonly TopDownMerge[],
  result: Extract<SaveTopDownResult, { ok: false }>,
): TopDownMerge[] {
  const byKey = new Map(earlier.map((merge) => [idKey(merge.id) as string, merge]));
  for (const conflict of result.conflicts) {
    const key = idKey(conflict.id) as string;
    const asked = attempt.changes.find((change) => idKey(change.id) === key);
    const base = byKey.get(key)?.base ?? asked?.expected ?? null;
    const mine = asked?.values ?? conflict.mine;
    byKey.set(key, { id: asked?.id ?? conflict.id, base, mine, theirs: conflict.theirs });
  }
  return [...byKey.values()];
}

/**
 * Saving top-down targets with a way out of conflicts: when a co-author changed some nodes' targets
 * since they were read, nothing is written and the dialog offers a merge per period or theirs. The
 * save the panel awaits settles only once the user decided, so its form stays as typed till then.
 */
export function useTopDownConflicts(
  actions: Pick<WorkbookActions, "saveTopDown" | "reload">,
  display: { readonly locale: string; readonly busy: boolean },
): {
  save(request: TopDownSaveRequest): Promise<Feedback | null>;
  readonly dialog: TopDownConflictDialogProps;
} {
  const [pending, setPending] = React.useState<Pending | null>(null);

  const save = React.useCallback(
    async (request: TopDownSaveRequest): Promise<Feedback | null> => {
      const result = await actions.saveTopDown(request.attempt.changes, request.attempt.audit);
      if (result === undefined) return null;
      if (result.ok) return { intent: "success", text: request.done };
      const merges = mergesOf(request.attempt, [], result);
      return new Promise<Feedback | null>((settle) => setPending({ request, merges, message: null, settle }));
    },
    [actions],
  );

  /** The whole save again with `decided` (by id key) for the conflicting nodes; true once written. */
  const retry = React.useCallback(
    async (current: Pending, decided: ReadonlyMap<string, PeriodValues>): Promise<boolean> => {
      const { attempt } = current.request;
      const retried = retryTopDown(attempt, current.merges, decided);
      if (retried.changes.length === 0) {
        await actions.reload();
        return true;
      }
      const result = await actions.saveTopDown(retried.changes, retried.audit);
      if (result === undefined) return false;
      if (result.ok) {
        // The save patches only what it wrote; a node whose targets were taken as theirs is read again.
        if (decided.size < current.merges.length) await actions.reload();
        return true;
      }
      setPending({
        ...current,
        merges: mergesOf(attempt, current.merges, result),
        message: sharingMessages.changedAgain,
      });
      return false;
    },
    [actions],
  );

  const merge = React.useCallback(
    async (choices: ReadonlyMap<string, readonly Side[]>): Promise<void> => {
      if (pending === null) return;
      const periodCount = pending.request.attempt.periods.length;
      const decided = new Map<string, PeriodValues>();
      for (const item of pending.merges) {
        const choice = choices.get(item.id);
        if (choice !== undefined) decided.set(idKey(item.id) as string, mergedTargets(item, choice, periodCount));
      }
      if (!(await retry(pending, decided))) return;
      setPending(null);
      pending.settle({ intent: "success", text: pending.request.done });
    },
    [pending, retry],
  );

  const takeTheirs = React.useCallback(async (): Promise<void> => {
    if (pending === null) return;
    if (!(await retry(pending, new Map()))) return;
    setPending(null);
    const names = pending.merges.map((item) => nameOf(pending.request.plan, item.id));
    pending.settle({ intent: "info", text: sharingMessages.tookTheirs(names) });
  }, [pending, retry]);

  const close = React.useCallback((): void => {
    if (pending === null) return;
    setPending(null);
    const names = pending.merges.map((item) => nameOf(pending.request.plan, item.id));
    pending.settle({ intent: "warning", text: auditMessages.topDownUndecided(names), conflict: true });
  }, [pending]);

  const items = React.useMemo(
    () =>
      pending === null
        ? []
        : pending.merges.map((item) => ({ merge: item, name: nameOf(pending.request.plan, item.id) })),
    [pending],
  );
  const dialog: TopDownConflictDialogProps = {
    items,
    periods: pending?.request.attempt.periods ?? [],
    locale: display.locale,
    decimals: pending?.request.plan.settings.decimals ?? 0,
    busy: display.busy,
    message: pending?.message ?? null,
    onMerge: (choices) => void merge(choices),
    onTakeTheirs: () => void takeTheirs(),
    onClose: close,
  };
  return { save, dialog };
}
