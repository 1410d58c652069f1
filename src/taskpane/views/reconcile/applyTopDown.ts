import { planMessages, reconcileMessages, reconcilePaneMessages, taskPaneMessages } from "../../../core/messages";
import { mayEnterTopDown } from "../../../core/plan/people";
import type { IdentitySource, Plan } from "../../../core/plan/types";
import { topDownWrite, type TopDownPreview } from "../../../core/reconcile/targets";
import type { Feedback } from "../../components/FeedbackBar";
import type { TopDownSaveRequest } from "./useTopDownConflicts";
import { valueColumns } from "../../../core/plan/measures";

/**
 * Writes a preview's targets with their audit entries, as `user`, through `save` (which settles once
 * any conflict is decided), and says how it went. Null when the call failed: the error bar says so.
 */
export async function applyTopDownWithFeedback(
  save: (request: TopDownSaveRequest) => Promise<Feedback | null>,
  plan: Plan,
  user: string,
  preview: TopDownPreview,
  done: string,
  identity: IdentitySource = "chosen",
): Promise<Feedback | null> {
  if (user === "") return { intent: "error", text: planMessages.noUser };
  if (!mayEnterTopDown(plan, user))
    return { intent: "error", text: reconcilePaneMessages.notEditor(plan.settings.topDownEditors ?? []) };
  const blocking = preview.problems.find((problem) => problem.severity === "error");
  if (blocking !== undefined) return { intent: "error", text: blocking.message };
  if (preview.changes.length === 0) return { intent: "info", text: taskPaneMessages.nothingChanged };
  if (!preview.canApply) return { intent: "error", text: reconcileMessages.cannotApply };
  const actor = { user, time: new Date().toISOString(), identity };
  const write = topDownWrite(plan, preview, actor);
  const periods = valueColumns(plan.settings);
  return save({ plan, attempt: { ...write, periods, actor, note: preview.note }, done });
}
