import * as React from "react";
import { idKey } from "../../../core/cell";
import { sharingMessages, taskPaneMessages } from "../../../core/messages";
import type { AuditEntry, NodeEntry, Plan } from "../../../core/plan/types";
import {
  choiceOf,
  resolveConflict,
  type Conflict,
  type MergeChoice,
  type Redo,
  type ResolvedChange,
} from "../../../core/sharing/conflicts";
import type { Feedback } from "../../components/FeedbackBar";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import type { ConflictDialogProps, ConflictItem } from "./ConflictDialog";
import { valueColumns } from "../../../core/plan/measures";

/** A save of changed rows, and what the user did to get them, should a co-author have overtaken it. */
export interface SaveRequest {
  /** The plan as read: its rows are the ones the save expects to find. */
  readonly plan: Plan;
  readonly entries: readonly NodeEntry[];
  readonly audit: readonly AuditEntry[];
  /** What to say once saved. */
  readonly done: string;
  /** The user's action again, over a co-author's row (see `resolveConflict`). */
  readonly redo: Redo;
  /** Whether values may be chosen per period: a contributor's save, not a manager's approval. */
  readonly canMerge: boolean;
  /** Called once the user resolved a conflict in the dialog: saved their version, or took the other. */
  onResolved(feedback: Feedback): void;
}

export interface ConflictResolution {
  /**
   * Saves; on a conflict nothing is written, the dialog opens and the returned feedback says so.
   * Undefined when the call failed (the error bar says why).
   */
  save(request: SaveRequest): Promise<Feedback | undefined>;
  /** Props for the `ConflictDialog` the view renders. */
  readonly dialog: ConflictDialogProps;
}

interface Pending {
  readonly request: SaveRequest;
  /** Every row that conflicted so far, with the co-author's newest version. */
  readonly conflicts: readonly Conflict[];
  readonly message: string | null;
}

function nameOf(plan: Plan, id: string): string {
  const key = idKey(id);
  return plan.nodes.find((node) => idKey(node.id) === key)?.name ?? id;
}

/** Conflicts so far with the newest ones laid over them, keeping the user's own version of each row. */
function mergeConflicts(earlier: readonly Conflict[], latest: readonly Conflict[], request: SaveRequest): Conflict[] {
  const byKey = new Map<string, Conflict>();
  for (const conflict of [...earlier, ...latest]) {
    const key = idKey(conflict.id) as string;
    const mine = request.entries.find((entry) => idKey(entry.id) === key) ?? conflict.mine;
    byKey.set(key, { id: conflict.id, mine, theirs: conflict.theirs });
  }
  return [...byKey.values()];
}

/**
 * Saving with a way out of conflicts: when a co-author changed the rows since they were read,
 * nothing is written and the dialog offers to keep mine, take theirs or merge per period. The
 * view's unsaved entries are never touched here: it clears them in `onResolved` only.
 */
export function useConflictResolution(
  actions: WorkbookActions,
  display: { readonly locale: string; readonly busy: boolean },
): ConflictResolution {
  const [pending, setPending] = React.useState<Pending | null>(null);

  const save = React.useCallback(
    async (request: SaveRequest): Promise<Feedback | undefined> => {
      const changes = request.entries.map((next) => ({
        expected: request.plan.entries.get(next.id) ?? null,
        next,
      }));
      const result = await actions.saveEntries(changes, request.audit);
      if (result === undefined) return undefined;
      if (result.ok) return { intent: "success", text: request.done };
      setPending({ request, conflicts: result.conflicts, message: null });
      const names = result.conflicts.map((conflict) => nameOf(request.plan, conflict.id));
      return { intent: "warning", text: taskPaneMessages.conflict(names), conflict: true };
    },
    [actions],
  );

  /** Writes the rows that did not conflict as first asked, and the conflicting ones as resolved. */
  const write = React.useCallback(
    async (
      current: Pending,
      resolved: ReadonlyMap<string, { change: ResolvedChange | null; audit: readonly AuditEntry[] }>,
    ) => {
      const { request } = current;
      const conflicting = new Set(current.conflicts.map((conflict) => idKey(conflict.id) as string));
      const changes: ResolvedChange[] = [];
      const audit: AuditEntry[] = [];
      for (const next of request.entries) {
        const key = idKey(next.id) as string;
        if (!conflicting.has(key)) {
          changes.push({ expected: request.plan.entries.get(next.id) ?? null, next });
          audit.push(...request.audit.filter((entry) => idKey(entry.node) === key));
        } else {
          const resolution = resolved.get(key);
          if (resolution?.change) changes.push(resolution.change);
          audit.push(...(resolution?.audit ?? []));
        }
      }
      if (changes.length === 0) {
        await actions.reload();
        return { ok: true } as const;
      }
      const result = await actions.saveEntries(changes, audit);
      if (result === undefined) return undefined;
      if (!result.ok)
        setPending({
          request,
          conflicts: mergeConflicts(current.conflicts, result.conflicts, request),
          message: sharingMessages.changedAgain,
        });
      return result;
    },
    [actions],
  );

  const items = React.useMemo<ConflictItem[]>(() => {
    if (pending === null) return [];
    const { request } = pending;
    const periods = valueColumns(request.plan.settings).length;
    return pending.conflicts.map((conflict) => {
      const name = nameOf(request.plan, conflict.id);
      const keep = resolveConflict(conflict, choiceOf("mine", periods), request.redo, name);
      const base = request.plan.entries.get(conflict.id) ?? null;
      return { conflict, name, base, refusal: keep.ok ? null : keep.message };
    });
  }, [pending]);

  const resolve = React.useCallback(
    async (choices: (conflict: Conflict) => MergeChoice): Promise<void> => {
      if (pending === null) return;
      const { request } = pending;
      const resolved = new Map<string, { change: ResolvedChange | null; audit: readonly AuditEntry[] }>();
      for (const conflict of pending.conflicts) {
        const resolution = resolveConflict(
          conflict,
          choices(conflict),
          request.redo,
          nameOf(request.plan, conflict.id),
        );
        if (!resolution.ok) {
          setPending({ ...pending, message: resolution.message });
          return;
        }
        resolved.set(idKey(conflict.id) as string, resolution);
      }
      const result = await write(pending, resolved);
      if (!result?.ok) return;
      setPending(null);
      request.onResolved({ intent: "success", text: request.done });
    },
    [pending, write],
  );

  const takeTheirs = React.useCallback(async (): Promise<void> => {
    if (pending === null) return;
    const { request } = pending;
    const result = await write(pending, new Map());
    if (!result?.ok) return;
    setPending(null);
    const names = pending.conflicts.map((conflict) => nameOf(request.plan, conflict.id));
    request.onResolved({ intent: "info", text: sharingMessages.tookTheirs(names) });
  }, [pending, write]);

  const settings = pending?.request.plan.settings;
  const columns = settings === undefined ? [] : valueColumns(settings);
  const periodCount = columns.length;
  const dialog: ConflictDialogProps = {
    items,
    periods: columns,
    locale: display.locale,
    decimals: settings?.decimals ?? 0,
    canMerge: pending?.request.canMerge ?? false,
    busy: display.busy,
    message: pending?.message ?? null,
    onKeepMine: () => void resolve(() => choiceOf("mine", periodCount)),
    onTakeTheirs: () => void takeTheirs(),
    onMerge: (choices) => void resolve((conflict) => choices.get(conflict.id) ?? choiceOf("mine", periodCount)),
    onClose: () => setPending(null),
  };
  return { save, dialog };
}
