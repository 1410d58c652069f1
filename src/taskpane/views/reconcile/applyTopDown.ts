import { planMessages, reconcileMessages, reconcilePaneMessages, taskPaneMessages } from "../../../core/messages";
import { mayEnterTopDown } from "../../../core/plan/people";
import type { IdentitySource, Plan } from "../../../core/plan/types";
import { topDownWrite, type TopDownPreview } from "../../../core/reconcile/targets";
import type { Feedback } from "../../components/FeedbackBar";
import type { WorkbookActions } from "../../hooks/useWorkbook";

/**
 * Writes a preview's targets with their audit entries, as `user`, and says how it went. Null when the
 * call failed: the error bar already says so.
 */
export async function applyTopDownWithFeedback(
  actions: Pick<WorkbookActions, "saveTopDown">,
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
  const write = topDownWrite(plan, preview, { user, time: new Date().toISOString(), identity });
  return (await actions.saveTopDown(write.changes, write.audit)) ? { intent: "success", text: done } : null;
}
