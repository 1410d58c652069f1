import * as React from "react";
import { HierarchyProblems } from "../../components/HierarchyProblems";
import { Button, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import { reconcilePaneMessages } from "../../../core/messages";
import { planViewOf } from "../../../core/plan/planView";
import type { Plan } from "../../../core/plan/types";
import { mayEnterTopDown } from "../../../core/plan/people";
import { owners } from "../../../core/plan/workflow";
import { compareNode } from "../../../core/reconcile/compare";
import { childrenOf, findNode, type TopDownPreview } from "../../../core/reconcile/targets";
import type { Feedback } from "../../components/FeedbackBar";
import { OwnerPicker } from "../../components/OwnerPicker";
import { CHOSEN, type Who } from "../../identity/useIdentity";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import { AcceptBottomUpPanel } from "./AcceptBottomUpPanel";
import { AllocatePanel } from "./AllocatePanel";
import { applyTopDownWithFeedback } from "./applyTopDown";
import { ComparePanel } from "./ComparePanel";
import { NodePicker } from "./NodePicker";
import { Section } from "./Section";
import { TargetsPanel } from "./TargetsPanel";
import { TopDownConflictDialog } from "./TopDownConflictDialog";
import { useTopDownConflicts } from "./useTopDownConflicts";
import { valueColumnInfo } from "../../../core/plan/measures";

export interface ReconcileViewProps {
  plan: Plan;
  busy: boolean;
  actions: WorkbookActions;
  locale: string;
  /** The node selected in the tree or the sheet: offered through "Use selected cell", never followed on its own. */
  selectedNode: string | null;
  /** Who writes the targets, for the audit log; shared with the other views. */
  me: string;
  onChooseMe(owner: string): void;
  /** How `me` was established (Office sign-in or chosen); absent: chosen. */
  who?: Who;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  pick: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalXS },
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
  who = CHOSEN,
}: ReconcileViewProps): React.JSX.Element {
  const styles = useStyles();
  const view = planViewOf(plan);
  const people = React.useMemo(() => owners(plan), [plan]);
  // Pinned to the node the user picks: "Save targets" must never write to a node that a stray click in
  // the sheet chose. The node selected in the sheet is taken only when the user asks for it.
  const [chosen, setChosen] = React.useState<string | null>(() => selectedNode);
  const node = (chosen === null ? undefined : findNode(view, chosen)) ?? view.nodes[0];
  const selected = selectedNode === null ? undefined : findNode(view, selectedNode);
  const comparison = React.useMemo(
    () => (node === undefined ? undefined : compareNode(plan, view, node.id)),
    [plan, view, node],
  );
  const below = React.useMemo(() => (node === undefined ? [] : childrenOf(view, node)), [view, node]);
  const format = {
    locale,
    decimals: plan.settings.decimals,
    columns: valueColumnInfo(plan.settings).map((column) => column.decimals),
  };

  const conflicts = useTopDownConflicts(actions, { locale, busy });
  const { save } = conflicts;
  const apply = React.useCallback(
    (preview: TopDownPreview, done: string): Promise<Feedback | null> =>
      applyTopDownWithFeedback(save, plan, me, preview, done, who.source),
    [save, plan, me, who.source],
  );
  const reload = React.useCallback(() => void actions.reload(), [actions]);

  if (view.problems.length > 0) {
    return <HierarchyProblems problems={view.problems} />;
  }
  if (node === undefined || comparison === undefined) return <Text>The plan has no nodes.</Text>;
  // The plan's settings name who enters top-down targets: others see the numbers, not the forms.
  const editor = mayEnterTopDown(plan, me);

  return (
    <div className={styles.root}>
      <TopDownConflictDialog {...conflicts.dialog} />
      <OwnerPicker owners={people} value={me} onChange={onChooseMe} signedInAs={who.signedInAs} note={who.note} />
      <Subtitle2 as="h2">{`Reconcile ${node.node.name}`}</Subtitle2>
      <div className={styles.pick}>
        <NodePicker
          label="Node"
          nodes={view.nodes}
          value={node.id}
          onChange={(id) => {
            setChosen(id);
            actions.selectNode(id);
          }}
        />
        <Button
          size="small"
          disabled={selected === undefined || selected.id === node.id}
          onClick={() => selected !== undefined && setChosen(selected.id)}
        >
          {selected === undefined || selected.id === node.id
            ? "Use selected cell"
            : `Use selected cell: ${selected.node.name}`}
        </Button>
      </div>
      <Section title={`Compare ${node.node.name}`}>
        <ComparePanel comparison={comparison} format={format} />
      </Section>
      {editor ? (
        <>
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
        </>
      ) : (
        <Text>{reconcilePaneMessages.notEditor(plan.settings.topDownEditors ?? [])}</Text>
      )}
    </div>
  );
}
