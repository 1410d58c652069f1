import * as React from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { reconcilePaneMessages } from "../../../core/messages";
import type { NodeView, PlanView } from "../../../core/plan/planView";
import type { Plan } from "../../../core/plan/types";
import { acceptBottomUp } from "../../../core/reconcile/allocateGap";
import type { TopDownPreview } from "../../../core/reconcile/targets";
import { FeedbackBar, type Feedback } from "../../components/FeedbackBar";
import type { NumberFormat } from "./format";
import { PreviewTable } from "./PreviewTable";
import { ProblemMessages } from "./ProblemMessages";
import { valueColumns } from "../../../core/plan/measures";

export interface AcceptBottomUpPanelProps {
  plan: Plan;
  view: PlanView;
  node: NodeView;
  format: NumberFormat;
  busy: boolean;
  onApply(preview: TopDownPreview, done: string): Promise<Feedback | null>;
  onReload(): void;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/** "Accept bottom-up": the node's target becomes its rollup, shown first, then applied. */
export function AcceptBottomUpPanel({
  plan,
  view,
  node,
  format,
  busy,
  onApply,
  onReload,
}: AcceptBottomUpPanelProps): React.JSX.Element {
  const styles = useStyles();
  const [open, setOpen] = React.useState(false);
  const [feedback, setFeedback] = React.useState<Feedback | null>(null);
  const preview = React.useMemo(() => (open ? acceptBottomUp(plan, view, node.id) : null), [open, plan, view, node.id]);

  async function apply(ready: TopDownPreview): Promise<void> {
    const result = await onApply(ready, reconcilePaneMessages.bottomUpAccepted(node.node.name));
    setFeedback(result);
    if (result?.intent === "success") setOpen(false);
  }

  return (
    <div className={styles.root}>
      {preview === null ? (
        <div className={styles.buttons}>
          <Button onClick={() => setOpen(true)}>Accept bottom-up…</Button>
        </div>
      ) : (
        <>
          <ProblemMessages problems={preview.problems} />
          <PreviewTable
            label="Accept bottom-up preview"
            periods={valueColumns(plan.settings)}
            rows={preview.rows}
            format={format}
          />
          <div className={styles.buttons}>
            <Button appearance="primary" disabled={busy || !preview.canApply} onClick={() => void apply(preview)}>
              Set target to bottom-up
            </Button>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
          </div>
        </>
      )}
      <FeedbackBar feedback={feedback} onDismiss={() => setFeedback(null)} onReload={onReload} />
    </div>
  );
}
