import * as React from "react";
import {
  Body1Strong,
  Button,
  Caption1,
  Card,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { planMessages, taskPaneMessages } from "../../../core/messages";
import { formatNumber } from "../../../core/plan/numbers";
import type { Plan, WorkflowAction } from "../../../core/plan/types";
import {
  ACTION_LABELS,
  allowedActions,
  applyAction,
  applyActionToMany,
  owners,
  reviewQueue,
  type ReviewItem,
} from "../../../core/plan/workflow";
import { FeedbackBar, type Feedback } from "../../components/FeedbackBar";
import { OwnerPicker } from "../../components/OwnerPicker";
import { StatusBadge } from "../../components/StatusBadge";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import { ConflictDialog } from "../conflicts/ConflictDialog";
import { useConflictResolution } from "../conflicts/useConflictResolution";

export interface ReviewViewProps {
  plan: Plan;
  busy: boolean;
  actions: WorkbookActions;
  locale: string;
  /** The manager: who I am, shared with My targets. */
  me: string;
  onChooseMe(owner: string): void;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  toolbar: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
  list: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    listStyleType: "none",
    margin: 0,
    padding: 0,
  },
  header: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
  },
  values: {
    display: "grid",
    gridTemplateColumns: "auto auto",
    justifyContent: "start",
    columnGap: tokens.spacingHorizontalL,
    margin: 0,
  },
  value: { margin: 0, textAlign: "end", fontVariantNumeric: "tabular-nums" },
  buttons: { display: "flex", gap: tokens.spacingHorizontalS },
  reason: { color: tokens.colorPaletteRedForeground1 },
});

/** The manager's review: the nodes directly below mine, approve or return them, one or many at once. */
export function ReviewView({ plan, busy, actions, locale, me, onChooseMe }: ReviewViewProps): React.JSX.Element {
  const styles = useStyles();
  const people = React.useMemo(() => owners(plan), [plan]);
  const queue = React.useMemo(() => reviewQueue(plan, me), [plan, me]);
  const [checked, setChecked] = React.useState<ReadonlySet<string>>(new Set());
  const [returning, setReturning] = React.useState<ReviewItem | null>(null);
  const [feedback, setFeedback] = React.useState<Feedback | null>(null);
  const conflicts = useConflictResolution(actions, { locale, busy });

  const approvable = queue.filter((item) => allowedActions(item.entry.status, "manager").includes("approve"));
  const selected = approvable.filter((item) => checked.has(item.node.id));

  async function act(items: readonly ReviewItem[], action: WorkflowAction, reason?: string): Promise<void> {
    const outcome = applyActionToMany(
      items.map((item) => item.entry),
      action,
      {
        role: "manager",
        user: me,
        now: new Date().toISOString(),
        reason,
        periods: plan.settings.periods,
      },
    );
    if (outcome.refused.length > 0) {
      setFeedback({
        intent: "error",
        text: outcome.refused.map((refusal) => refusal.message).join(". "),
      });
      return;
    }
    if (outcome.entries.length === 0) return;
    const done = taskPaneMessages.actionDone(
      action,
      items.map((item) => item.node.name),
    );
    const result = await conflicts.save({
      plan,
      entries: outcome.entries,
      audit: outcome.audit,
      done,
      canMerge: false,
      redo: (theirs) =>
        applyAction(theirs, action, {
          role: "manager",
          user: me,
          now: new Date().toISOString(),
          reason,
          periods: plan.settings.periods,
        }),
      onResolved: (resolved) => {
        setFeedback(resolved);
        setChecked(new Set());
      },
    });
    if (result !== undefined) setFeedback(result);
    if (result?.intent === "success") setChecked(new Set());
  }

  function toggle(id: string, on: boolean): void {
    setChecked((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  const allChecked = approvable.length > 0 && selected.length === approvable.length;
  return (
    <div className={styles.root}>
      <OwnerPicker owners={people} value={me} onChange={onChooseMe} />
      <FeedbackBar
        feedback={feedback}
        onDismiss={() => setFeedback(null)}
        onReload={() => void actions.reload().then(() => setFeedback(null))}
      />
      {me === "" ? (
        <Text>Choose who you are to see the targets submitted to you.</Text>
      ) : queue.length === 0 ? (
        <Text>No nodes report to the nodes you own.</Text>
      ) : (
        <>
          <div className={styles.toolbar}>
            <Checkbox
              label="Select all submitted"
              checked={allChecked ? true : selected.length > 0 ? "mixed" : false}
              disabled={approvable.length === 0}
              onChange={(_event, data) =>
                setChecked(data.checked === true ? new Set(approvable.map((item) => item.node.id)) : new Set())
              }
            />
            <Button
              appearance="primary"
              disabled={busy || selected.length === 0}
              onClick={() => void act(selected, "approve")}
            >
              {`Approve selected (${selected.length})`}
            </Button>
          </div>
          <ul className={styles.list} aria-label="Submissions to review">
            {queue.map((item) => (
              <li key={item.node.id}>
                <ReviewCard
                  item={item}
                  plan={plan}
                  locale={locale}
                  busy={busy}
                  checked={checked.has(item.node.id)}
                  onCheck={(on) => toggle(item.node.id, on)}
                  onAct={(action) => {
                    if (action === "return") setReturning(item);
                    else void act([item], action);
                  }}
                />
              </li>
            ))}
          </ul>
        </>
      )}
      <ReturnDialog
        item={returning}
        busy={busy}
        onCancel={() => setReturning(null)}
        onConfirm={(reason) => {
          const item = returning;
          setReturning(null);
          if (item !== null) void act([item], "return", reason);
        }}
      />
      <ConflictDialog {...conflicts.dialog} />
    </div>
  );
}

interface ReviewCardProps {
  item: ReviewItem;
  plan: Plan;
  locale: string;
  busy: boolean;
  checked: boolean;
  onCheck(on: boolean): void;
  onAct(action: WorkflowAction): void;
}

function ReviewCard({ item, plan, locale, busy, checked, onCheck, onAct }: ReviewCardProps): React.JSX.Element {
  const styles = useStyles();
  const { node, parent, entry } = item;
  const { periods, decimals } = plan.settings;
  const possible = allowedActions(entry.status, "manager");
  return (
    <Card aria-label={node.name}>
      <div className={styles.header}>
        <Checkbox
          label={<Body1Strong>{node.name}</Body1Strong>}
          checked={checked}
          disabled={!possible.includes("approve")}
          onChange={(_event, data) => onCheck(data.checked === true)}
        />
        <StatusBadge status={entry.status} />
      </div>
      <Caption1>{`${node.owner === "" ? "No owner" : node.owner} · under ${parent.name}`}</Caption1>
      <dl className={styles.values}>
        {periods.map((period, index) => (
          <React.Fragment key={period}>
            <dt>{period}</dt>
            <dd className={styles.value}>{formatNumber(entry.values[index] ?? null, locale, decimals) || "—"}</dd>
          </React.Fragment>
        ))}
      </dl>
      {entry.comment !== "" ? <Text>{`Comment: ${entry.comment}`}</Text> : null}
      {entry.returnReason !== "" ? <Text className={styles.reason}>{`Returned: ${entry.returnReason}`}</Text> : null}
      {possible.length > 0 ? (
        <div className={styles.buttons}>
          {possible.map((action) => (
            <Button
              key={action}
              disabled={busy}
              appearance={action === "approve" ? "primary" : "secondary"}
              aria-label={`${ACTION_LABELS[action]} ${node.name}`}
              onClick={() => onAct(action)}
            >
              {action === "return" ? `${ACTION_LABELS[action]}…` : ACTION_LABELS[action]}
            </Button>
          ))}
        </div>
      ) : null}
    </Card>
  );
}

interface ReturnDialogProps {
  /** The node being returned; null while the dialog is closed. */
  item: ReviewItem | null;
  busy: boolean;
  onCancel(): void;
  onConfirm(reason: string): void;
}

/** Returning needs a reason: the contributor reads it beside their targets. */
function ReturnDialog({ item, busy, onCancel, onConfirm }: ReturnDialogProps): React.JSX.Element {
  const [reason, setReason] = React.useState("");
  const [touched, setTouched] = React.useState(false);
  const blank = reason.trim() === "";
  React.useEffect(() => {
    setReason("");
    setTouched(false);
  }, [item]);
  return (
    <Dialog open={item !== null} onOpenChange={(_event, data) => (data.open ? undefined : onCancel())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{`Return ${item?.node.name ?? ""}`}</DialogTitle>
          <DialogContent>
            <Field
              label="Reason"
              required
              validationMessage={touched && blank ? planMessages.reasonRequired : undefined}
            >
              <Textarea
                value={reason}
                onChange={(_event, data) => setReason(data.value)}
                onBlur={() => setTouched(true)}
              />
            </Field>
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onCancel}>
              Cancel
            </Button>
            <Button appearance="primary" disabled={busy || blank} onClick={() => onConfirm(reason.trim())}>
              Return
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
