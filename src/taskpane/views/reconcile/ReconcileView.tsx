import * as React from "react";
import { MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from "@fluentui/react-components";
import { reconcilePaneMessages } from "../../../core/messages";
import { buildPlanView } from "../../../core/plan/planView";
import type { Plan } from "../../../core/plan/types";
import { owners } from "../../../core/plan/workflow";
import { compareNode } from "../../../core/reconcile/compare";
import { childrenOf, findNode, type TopDownPreview } from "../../../core/reconcile/targets";
import type { Feedback } from "../../components/FeedbackBar";
import { OwnerPicker } from "../../components/OwnerPicker";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import { AcceptBottomUpPanel } from "./AcceptBottomUpPanel";
import { AllocatePanel } from "./AllocatePanel";
import { applyTopDownWithFeedback } from "./applyTopDown";
import { ComparePanel } from "./ComparePanel";
import { NodePicker } from "./NodePicker";
import { Section } from "./Section";
import { TargetsPanel } from "./TargetsPanel";

export interface ReconcileViewProps {
  plan: Plan;
  busy: boolean;
  actions: WorkbookActions;
  locale: string;
  /** The node selected in the tree or the sheet: the view follows it. */
  selectedNode: string | null;
  /** Who writes the targets, for the audit log; shared with the other views. */
  me: string;
  onChooseMe(owner: string): void;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
});

/** Leadership's page: top-down targets at any level, set against bottom-up, and the gap closed. */
export function ReconcileView({
  plan,
  busy,
  actions,
  locale,
  selectedNode,
  me,
  onChooseMe,
}: ReconcileViewProps): React.JSX.Element {
  const styles = useStyles();
  const view = React.useMemo(() => buildPlanView(plan), [plan]);
  const people = React.useMemo(() => owners(plan), [plan]);
  const [chosen, setChosen] = React.useState<string | null>(null);
  // A selection in the tree or the sheet is followed; one elsewhere (no node) keeps the node shown.
  React.useEffect(() => {
    const selected = selectedNode === null ? undefined : findNode(view, selectedNode);
    if (selected !== undefined) setChosen(selected.id);
  }, [selectedNode, view]);
  const node = (chosen === null ? undefined : findNode(view, chosen)) ?? view.nodes[0];
  const comparison = React.useMemo(
    () => (node === undefined ? undefined : compareNode(plan, view, node.id)),
    [plan, view, node],
  );
  const below = React.useMemo(() => (node === undefined ? [] : childrenOf(view, node)), [view, node]);
  const format = { locale, decimals: plan.settings.decimals };

  const apply = React.useCallback(
    (preview: TopDownPreview, done: string): Promise<Feedback | null> =>
      applyTopDownWithFeedback(actions, plan, me, preview, done),
    [actions, plan, me],
  );
  const reload = React.useCallback(() => void actions.reload(), [actions]);

  if (view.problems.length > 0) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>
          <MessageBarTitle>The hierarchy in the workbook has problems</MessageBarTitle>
          {view.problems.map((problem) => problem.message).join(". ")}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (node === undefined || comparison === undefined) return <Text>The plan has no nodes.</Text>;

  return (
    <div className={styles.root}>
      <OwnerPicker owners={people} value={me} onChange={onChooseMe} />
      <NodePicker
        label="Node"
        nodes={view.nodes}
        value={node.id}
        onChange={(id) => {
          setChosen(id);
          actions.selectNode(id);
        }}
      />
      <Section title={`Compare ${node.node.name}`}>
        <ComparePanel comparison={comparison} format={format} />
      </Section>
      <Section title="Top-down targets">
        <TargetsPanel
          key={node.id}
          plan={plan}
          view={view}
          node={node}
          format={format}
          busy={busy}
          onApply={apply}
          onReload={reload}
        />
      </Section>
      <Section title={`Allocate below ${node.node.name}`}>
        {below.length === 0 ? (
          <Text>{reconcilePaneMessages.noChildren(node.node.name)}</Text>
        ) : (
          <AllocatePanel
            key={node.id}
            plan={plan}
            view={view}
            node={node}
            nodes={below}
            format={format}
            busy={busy}
            actions={actions}
            onApply={apply}
          />
        )}
      </Section>
      <Section title="Accept bottom-up">
        <AcceptBottomUpPanel
          key={node.id}
          plan={plan}
          view={view}
          node={node}
          format={format}
          busy={busy}
          onApply={apply}
          onReload={reload}
        />
      </Section>
    </div>
  );
}
