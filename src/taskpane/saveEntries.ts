import { taskPaneMessages } from "../core/messages";
import type { AuditEntry, NodeEntry, Plan } from "../core/plan/types";
import type { Feedback } from "./components/FeedbackBar";
import type { WorkbookActions } from "./hooks/useWorkbook";

/**
 * Saves changed rows against the plan as it was read (so a co-author's change is detected, never
 * overwritten) and says how it went. Undefined when the call failed: the error bar already says so.
 */
export async function saveEntriesWithFeedback(
  actions: WorkbookActions,
  plan: Plan,
  entries: readonly NodeEntry[],
  audit: readonly AuditEntry[],
  done: string,
): Promise<Feedback | undefined> {
  const changes = entries.map((next) => ({ expected: plan.entries.get(next.id) ?? null, next }));
  const result = await actions.saveEntries(changes, audit);
  if (result === undefined) return undefined;
  if (result.ok) return { intent: "success", text: done };
  const ids = new Set(result.conflicts.map((conflict) => conflict.id));
  const names = plan.nodes.filter((node) => ids.has(node.id)).map((node) => node.name);
  return { intent: "warning", text: taskPaneMessages.conflict(names), conflict: true };
}
