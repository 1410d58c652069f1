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
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { ListSearch } from "../../components/ListSearch";
import { chainMessages, planMessages, taskPaneMessages } from "../../../core/messages";
import { formatNumber } from "../../../core/plan/numbers";
import { planViewOf, type NodeView } from "../../../core/plan/planView";
import { TABLES } from "../../../core/plan/layout/names";
import { planCapacityOf, type NodeCapacity } from "../../../core/territory/planCapacity";
import { CapacityProblems } from "../../components/CapacityProblems";
import { coverageText } from "../../components/coverageText";
import {
  changedOutside,
  changesSinceLastSubmission,
  historyOf,
  type NodeHistory,
  type PeriodChange,
} from "../../../core/plan/submissions";
import type { PeriodValues, Plan, PlanSettings, WorkflowAction } from "../../../core/plan/types";
import { mayApprove, ownerEmail } from "../../../core/plan/people";
import {
  ACTION_LABELS,
  allowedActions,
  chainAction,
  chainActionToMany,
  owners,
  planClosure,
  reviewQueue,
  rollsUp,
  waitingBelow,
  type ReviewItem,
} from "../../../core/plan/workflow";
import { useNumberTableStyles } from "../../components/numberTableStyles";
import { FeedbackBar, type Feedback } from "../../components/FeedbackBar";
import { OwnerPicker } from "../../components/OwnerPicker";
import { ShowMoreButton } from "../../components/ShowMoreButton";
import { useNameFilter } from "../../hooks/useNameFilter";
import { PAGE, useShowMore } from "../../hooks/useShowMore";
import { CHOSEN, type Who } from "../../identity/useIdentity";
import { StatusBadge } from "../../components/StatusBadge";
import { useAuditHistories } from "../../hooks/useAuditHistories";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import type { Mention } from "../../../workbook/PlanWorkbook";
import { ConflictDialog } from "../conflicts/ConflictDialog";
import { useConflictResolution } from "../conflicts/useConflictResolution";
import { columnDecimals, valueColumns } from "../../../core/plan/measures";

export interface ReviewViewProps {
  plan: Plan;
  busy: boolean;
  actions: WorkbookActions;
  locale: string;
  /** The manager: who I am, shared with My targets. */
  me: string;
  onChooseMe(owner: string): void;
  /** How `me` was established (Office sign-in or chosen); absent: chosen. */
  who?: Who;
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
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  reason: { color: tokens.colorPaletteRedForeground1 },
  outside: { color: tokens.colorPaletteRedForeground1 },
  card: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

/** What a submission is found by: its node's name and id. */
const itemLabel = (item: ReviewItem): string => `${item.node.name} ${item.node.id}`;

/**
 * The actions a manager may take on an item now: its status allows them and the chain does; none
 * when the settings name approvers and `me` is not one. The chain's own checks (an own submission)
 * refuse on the click, with the message naming the node.
 */
function possibleActions(plan: Plan, item: ReviewItem, me: string): WorkflowAction[] {
  if (!mayApprove(plan, me)) return [];
  if (item.signOff) {
    const ready = waitingBelow(plan, item.node.id).length === 0;
    return item.entry.status === "Approved" ? ["reopen"] : ready ? ["approve"] : [];
  }
  return allowedActions(item.entry.status, "manager");
}

/**
 * The manager's review: every node they review in the approval chain (src/core/plan/workflow.ts),
 * with the numbers they decide on: the node's team total, its top-down and the gap per period,
 * what changed since its last submission and whether someone typed over it outside Groundup;
 * approve or return one, many, or everything within tolerance; and, for the top node, the
 * approval that closes the plan.
 */
export function ReviewView({
  plan,
  busy,
  actions,
  locale,
  me,
  onChooseMe,
  who = CHOSEN,
}: ReviewViewProps): React.JSX.Element {
  const styles = useStyles();
  const people = React.useMemo(() => owners(plan), [plan]);
  const queue = React.useMemo(() => reviewQueue(plan, me), [plan, me]);
  const view = planViewOf(plan);
  const capacity = planCapacityOf(plan);
  const histories = useAuditHistories(plan, actions);
  const closure = planClosure(plan);
  const [checked, setChecked] = React.useState<ReadonlySet<string>>(new Set());
  const [returning, setReturning] = React.useState<ReviewItem | null>(null);
  const [feedback, setFeedback] = React.useState<Feedback | null>(null);
  const conflicts = useConflictResolution(actions, { locale, busy });

  // A manager may review hundreds of nodes: the cards come a page at a time; the buttons above act on all.
  const filter = useNameFilter(queue, itemLabel);
  const pages = useShowMore(filter.shown, filter.query);
  const approvable = queue.filter((item) => !item.signOff && possibleActions(plan, item, me).includes("approve"));
  const selected = approvable.filter((item) => checked.has(item.node.id));
  const withinTolerance = approvable.filter((item) => view.byId.get(item.node.id)?.outOfTolerance !== true);

  async function act(
    items: readonly ReviewItem[],
    action: WorkflowAction,
    reason?: string,
    mention?: Mention,
  ): Promise<void> {
    const outcome = chainActionToMany(
      plan,
      items.map((item) => item.node.id),
      action,
      {
        user: me,
        now: new Date().toISOString(),
        identity: who.source,
        reason,
        periods: valueColumns(plan.settings),
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
        chainAction({ ...plan, entries: new Map(plan.entries).set(theirs.id, theirs) }, theirs.id, action, {
          user: me,
          now: new Date().toISOString(),
          identity: who.source,
          reason,
          periods: valueColumns(plan.settings),
        }),
      onResolved: (resolved) => {
        setFeedback(resolved);
        setChecked(new Set());
      },
    });
    if (result !== undefined) setFeedback(result);
    if (result?.intent !== "success") return;
    setChecked(new Set());
    // The return is saved whatever happens to the comment: a failure only adds the error bar's message.
    if (mention !== undefined && reason !== undefined && items.length === 1) {
      const [item] = items;
      if (await actions.mentionOnNode(item.node.id, mention, reason))
        setFeedback({
          intent: "success",
          text: `${result.text}. ${taskPaneMessages.mentionAdded(mention.name, item.node.name)}`,
        });
    }
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
      <OwnerPicker owners={people} value={me} onChange={onChooseMe} signedInAs={who.signedInAs} note={who.note} />
      <FeedbackBar
        feedback={feedback}
        onDismiss={() => setFeedback(null)}
        onReload={() => void actions.reload().then(() => setFeedback(null))}
      />
      {capacity !== null ? (
        <CapacityProblems
          problems={capacity.problems}
          onGoTo={(row) => actions.selectSourceRow({ kind: "table", name: TABLES.capacity }, row)}
        />
      ) : null}
      {me === "" ? (
        <Text>Choose who you are to see the targets submitted to you.</Text>
      ) : queue.length === 0 ? (
        <Text>{chainMessages.nobodySubmits}</Text>
      ) : (
        <>
          {closure.closed ? <Text>{chainMessages.planClosed(closure.by)}</Text> : null}
          {mayApprove(plan, me) ? null : <Text>{chainMessages.notApproverView(plan.settings.approvers ?? [])}</Text>}
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
            <Button
              disabled={busy || withinTolerance.length === 0}
              onClick={() => void act(withinTolerance, "approve")}
            >
              {`Approve all within tolerance (${withinTolerance.length})`}
            </Button>
          </div>
          {queue.length > PAGE ? (
            <ListSearch
              filter={filter}
              label="Find a submission"
              placeholder="Find a node by name or id"
              noMatch={taskPaneMessages.noNodeMatches}
            />
          ) : null}
          <ul className={styles.list} aria-label="Submissions to review">
            {pages.shown.map((item) => (
              <li key={item.node.id}>
                <ReviewCard
                  item={item}
                  plan={plan}
                  view={view.byId.get(item.node.id)}
                  capacity={capacity === null ? null : capacity.byId.get(item.node.id)}
                  history={histories === undefined ? undefined : historyOf(histories, item.node.id)}
                  possible={possibleActions(plan, item, me)}
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
          <ShowMoreButton list={pages} what="submissions" />
        </>
      )}
      <ReturnDialog
        item={returning}
        mention={returning === null ? null : mentionFor(plan, returning.node.owner)}
        busy={busy}
        onCancel={() => setReturning(null)}
        onConfirm={(reason, mention) => {
          const item = returning;
          setReturning(null);
          if (item !== null) void act([item], "return", reason, mention ?? undefined);
        }}
      />
      <ConflictDialog {...conflicts.dialog} />
    </div>
  );
}

interface ReviewCardProps {
  item: ReviewItem;
  plan: Plan;
  /** The node's numbers in the plan as saved; undefined while the hierarchy can't be read. */
  view: NodeView | undefined;
  /** Its target against its capacity; null when the plan has no capacity table (no column then). */
  capacity: NodeCapacity | null | undefined;
  /** What the audit log says about it; undefined while the log is being read. */
  history: NodeHistory | undefined;
  possible: readonly WorkflowAction[];
  locale: string;
  busy: boolean;
  checked: boolean;
  onCheck(on: boolean): void;
  onAct(action: WorkflowAction): void;
}

function ReviewCard(props: ReviewCardProps): React.JSX.Element {
  const { item, plan, view, capacity, history, possible, locale, busy, checked, onCheck, onAct } = props;
  const styles = useStyles();
  const { node, parent, entry } = item;
  const periods = valueColumns(plan.settings);
  const number = (value: number | null | undefined, c: number): string => columnFigure(value, plan.settings, c, locale);
  const adjustment = rollsUp(plan, node.id);
  const since = changesSinceLastSubmission(history);
  const outside = changedOutside(entry, history);
  const changeText = (changes: readonly PeriodChange[]): string =>
    changes
      .map(
        (change) =>
          `${periods[change.period]} ${number(change.before, change.period)} → ${number(change.after, change.period)}`,
      )
      .join(", ");
  const waiting = item.signOff ? waitingBelow(plan, node.id) : [];
  return (
    <Card aria-label={node.name} className={styles.card}>
      <div className={styles.header}>
        <Checkbox
          label={<Body1Strong>{node.name}</Body1Strong>}
          checked={checked}
          disabled={item.signOff || !possible.includes("approve")}
          onChange={(_event, data) => onCheck(data.checked === true)}
        />
        <StatusBadge status={entry.status} />
      </div>
      <Caption1>
        {item.signOff
          ? "Your top node: approving it closes the plan"
          : `${node.owner === "" ? "No owner" : node.owner} · to ${parent.name}`}
      </Caption1>
      {outside.length > 0 ? (
        <Text className={styles.outside}>{`Changed outside Groundup: ${changeText(outside)}`}</Text>
      ) : null}
      {view !== undefined ? (
        <TeamFigures
          name={node.name}
          view={view}
          settings={plan.settings}
          ownTargets={plan.topDown.get(node.id)}
          capacity={capacity}
          locale={locale}
        />
      ) : null}
      <Text>
        {`${adjustment ? "Own adjustment" : "Entered"}: ${periods
          .map((period, p) => `${period} ${number(entry.values[p] ?? null, p)}`)
          .join(" · ")}`}
      </Text>
      {since.length > 0 ? <Text>{`Changed since the last submission: ${changeText(since)}`}</Text> : null}
      {entry.comment !== "" ? <Text>{`Comment: ${entry.comment}`}</Text> : null}
      {entry.returnReason !== "" ? <Text className={styles.reason}>{`Returned: ${entry.returnReason}`}</Text> : null}
      {waiting.length > 0 ? (
        <Text>
          {chainMessages.waitingFor(
            node.name,
            waiting.map((waitingNode) => waitingNode.name),
          )}
        </Text>
      ) : null}
      {possible.length > 0 ? (
        <div className={styles.buttons}>
          {possible.map((action) => (
            <Button
              key={action}
              disabled={busy}
              appearance={action === "approve" ? "primary" : "secondary"}
              aria-label={`${item.signOff && action === "approve" ? "Approve and close the plan:" : ACTION_LABELS[action]} ${node.name}`}
              onClick={() => onAct(action)}
            >
              {action === "return"
                ? `${ACTION_LABELS[action]}…`
                : item.signOff && action === "approve"
                  ? "Approve and close the plan"
                  : ACTION_LABELS[action]}
            </Button>
          ))}
        </div>
      ) : null}
    </Card>
  );
}

/** A value of column `c`, in its measure's decimals; "—" where there is none. */
function columnFigure(value: number | null | undefined, settings: PlanSettings, c: number, locale: string): string {
  return value === null || value === undefined ? "—" : formatNumber(value, locale, columnDecimals(settings, c)) || "—";
}

interface TeamFiguresProps {
  name: string;
  view: NodeView;
  settings: PlanSettings;
  /** The node's own top-down targets, null per period where it holds none. */
  ownTargets: PeriodValues | undefined;
  capacity: NodeCapacity | null | undefined;
  locale: string;
}

/**
 * A card's team total against its top-down, per period. Its own component so that a save that
 * leaves a node's figures as they were (an approval) does not draw every card's table again.
 */
const TeamFigures = React.memo(function TeamFigures(props: TeamFiguresProps): React.JSX.Element {
  const { name, view, settings, ownTargets, capacity, locale } = props;
  const styles = useStyles();
  const tables = useNumberTableStyles();
  const number = (value: number, c: number): string => columnFigure(value, settings, c, locale);
  const signed = (value: number, c: number): string => `${value > 0 ? "+" : ""}${number(value, c)}`;
  return (
    <div className={tables.scroll}>
      <Table size="extra-small" className={tables.table} aria-label={`${name}: team total against top-down`}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Period</TableHeaderCell>
            <TableHeaderCell>Team</TableHeaderCell>
            <TableHeaderCell>Top-down</TableHeaderCell>
            <TableHeaderCell>Gap</TableHeaderCell>
            {capacity === null ? null : <TableHeaderCell>Coverage</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {valueColumns(settings).map((period, p) => {
            const figures = view.periods[p];
            const allocated = (ownTargets?.[p] ?? null) !== null;
            return (
              <TableRow key={period}>
                <TableCell>{period}</TableCell>
                <TableCell className={tables.number}>{number(figures.bottomUp, p)}</TableCell>
                <TableCell className={tables.number}>
                  {figures.topDown === null
                    ? "—"
                    : `${number(figures.topDown, p)} ${allocated ? "allocated" : "suggested"}`}
                </TableCell>
                <TableCell className={mergeClasses(tables.number, figures.outOfTolerance && styles.outside)}>
                  {figures.variance === null
                    ? "—"
                    : `${signed(figures.variance, p)}${figures.outOfTolerance ? " outside tolerance" : ""}`}
                </TableCell>
                {capacity === null ? null : <CoverageCell coverage={capacity?.periods[p]} locale={locale} />}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
});

/** The node owner as someone to @mention: null when the hierarchy has no e-mail address for them. */
/** Target against capacity in one period: "115.7 % over capacity", flagged as the gap is. */
function CoverageCell({
  coverage,
  locale,
}: {
  coverage: NodeCapacity["periods"][number] | undefined;
  locale: string;
}): React.JSX.Element {
  const styles = useStyles();
  const tables = useNumberTableStyles();
  if (coverage === undefined) return <TableCell className={tables.number}>—</TableCell>;
  const text = coverageText(coverage, locale);
  return (
    <TableCell className={mergeClasses(tables.number, text.flag !== "" && styles.outside)}>
      {`${text.value}${text.flag.replace(",", "")}`}
    </TableCell>
  );
}

function mentionFor(plan: Plan, owner: string): Mention | null {
  const email = ownerEmail(plan, owner);
  return email === null ? null : { name: owner.trim(), email };
}

interface ReturnDialogProps {
  /** The node being returned; null while the dialog is closed. */
  item: ReviewItem | null;
  /** The node's owner, when the hierarchy has their e-mail address: offered an @mention comment. */
  mention: Mention | null;
  busy: boolean;
  onCancel(): void;
  /** `mention`: whom to @mention in a comment on the node's row; null: no comment. */
  onConfirm(reason: string, mention: Mention | null): void;
}

/**
 * Returning needs a reason: the contributor reads it beside their targets. Where the owner has an
 * e-mail address, the reason can also go into an @mention comment, which Microsoft 365 e-mails.
 */
function ReturnDialog({ item, mention, busy, onCancel, onConfirm }: ReturnDialogProps): React.JSX.Element {
  const [reason, setReason] = React.useState("");
  const [touched, setTouched] = React.useState(false);
  const [mentioning, setMentioning] = React.useState(true);
  const blank = reason.trim() === "";
  React.useEffect(() => {
    setReason("");
    setTouched(false);
    setMentioning(true);
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
            {mention !== null ? (
              <Checkbox
                label={taskPaneMessages.mentionOption(mention.name)}
                checked={mentioning}
                onChange={(_event, data) => setMentioning(data.checked === true)}
              />
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onCancel}>
              Cancel
            </Button>
            <Button
              appearance="primary"
              disabled={busy || blank}
              onClick={() => onConfirm(reason.trim(), mentioning ? mention : null)}
            >
              Return
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
