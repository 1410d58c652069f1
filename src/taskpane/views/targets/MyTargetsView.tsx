import * as React from "react";
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { ListSearch } from "../../components/ListSearch";
import { taskPaneMessages } from "../../../core/messages";
import { annualTargetProblemOfMeasures } from "../../../core/plan/annualEntry";
import { validateEntryValues } from "../../../core/plan/entryRules";
import { submissionCheck } from "../../../core/plan/guardrails";
import { formatNumber } from "../../../core/plan/numbers";
import { buildPlanView, guidanceFigures, planViewOf } from "../../../core/plan/planView";
import type { NodeEntry, Plan, PlanNode, PlanSettings, WorkflowAction } from "../../../core/plan/types";
import { chainAction, entryFor, nodesOwnedBy, owners, rollsUp, sameValues } from "../../../core/plan/workflow";
import type { Feedback } from "../../components/FeedbackBar";
import { OwnerPicker } from "../../components/OwnerPicker";
import { ShowMoreButton } from "../../components/ShowMoreButton";
import { useNameFilter } from "../../hooks/useNameFilter";
import { PAGE, useShowMore } from "../../hooks/useShowMore";
import { CHOSEN, type Who } from "../../identity/useIdentity";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import { ConflictDialog } from "../conflicts/ConflictDialog";
import { useConflictResolution } from "../conflicts/useConflictResolution";
import { EntryCard, type EntryDraft } from "./EntryCard";
import { valueColumnInfo, valueColumns } from "../../../core/plan/measures";

export interface MyTargetsViewProps {
  plan: Plan;
  busy: boolean;
  actions: WorkbookActions;
  locale: string;
  /** Who I am, shared with Review. */
  me: string;
  onChooseMe(owner: string): void;
  /** How `me` was established (Office sign-in or chosen); absent: chosen. */
  who?: Who;
}

/** What a node is found by: its name and its id. */
const nodeLabel = (node: PlanNode): string => `${node.name} ${node.id}`;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  list: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    listStyleType: "none",
    margin: 0,
    padding: 0,
  },
});

function savedDraft(entry: NodeEntry, settings: PlanSettings, locale: string): EntryDraft {
  const texts = valueColumnInfo(settings).map((column, i) =>
    formatNumber(entry.values[i] ?? null, locale, column.decimals),
  );
  return { texts, comment: entry.comment };
}

/** The contributor's page: only the nodes I own, a value per period, save as draft or submit. */
export function MyTargetsView({
  plan,
  busy,
  actions,
  locale,
  me,
  onChooseMe,
  who = CHOSEN,
}: MyTargetsViewProps): React.JSX.Element {
  const styles = useStyles();
  const { settings } = plan;
  const people = React.useMemo(() => owners(plan), [plan]);
  const owned = React.useMemo(() => nodesOwnedBy(plan, me), [plan, me]);
  // Nodes as last seen, so a card with unsaved entries stays when a co-author removes its node.
  const seen = React.useRef(new Map<string, PlanNode>());
  for (const node of owned) seen.current.set(node.id, node);
  // Only nodes being edited have a draft; the others show what is saved.
  const [drafts, setDrafts] = React.useState<ReadonlyMap<string, EntryDraft>>(new Map());
  const mine = React.useMemo(() => {
    const ids = new Set(owned.map((node) => node.id));
    const removed = [...drafts.keys()]
      .filter((id) => !ids.has(id) && !plan.nodes.some((node) => node.id === id))
      .map((id) => seen.current.get(id))
      .filter((node): node is PlanNode => node !== undefined);
    return [...owned, ...removed];
  }, [owned, drafts, plan]);
  const removedIds = new Set(mine.filter((node) => !owned.includes(node)).map((node) => node.id));
  const [feedback, setFeedback] = React.useState<ReadonlyMap<string, Feedback>>(new Map());
  const conflicts = useConflictResolution(actions, { locale, busy });

  const draftOf = (entry: NodeEntry): EntryDraft => drafts.get(entry.id) ?? savedDraft(entry, settings, locale);
  // A planner may own hundreds of nodes: their cards come a page at a time, found by name or id.
  const filter = useNameFilter(mine, nodeLabel);
  const pages = useShowMore(filter.shown, filter.query);
  const checks = new Map(
    pages.shown.map((node) => [node.id, validateEntryValues(draftOf(entryFor(plan, node.id)).texts, settings, locale)]),
  );

  // Guidance comes from the plan as saved; only the bottom-up moves with what I type.
  const saved = planViewOf(plan);
  // The plan as it would be with what I typed (refused fields count as blank): its numbers are the live gap.
  const typed = React.useDeferredValue(drafts);
  const live = React.useMemo(() => {
    if (mine.length === 0) return undefined;
    const entries = new Map(plan.entries);
    let typedSomething = false;
    for (const [id, draft] of typed) {
      const values = validateEntryValues(draft.texts, settings, locale).values;
      const entry = entryFor(plan, id);
      if (sameValues(values, entry.values)) continue;
      entries.set(id, { ...entry, values });
      typedSomething = true;
    }
    // Nothing typed beyond what is saved (as right after a save): the live figures are the saved ones.
    return typedSomething ? buildPlanView({ ...plan, entries }) : saved;
  }, [plan, saved, settings, locale, typed, mine]);

  function setFor<T>(map: ReadonlyMap<string, T>, id: string, value: T | undefined): Map<string, T> {
    const next = new Map(map);
    if (value === undefined) next.delete(id);
    else next.set(id, value);
    return next;
  }

  async function act(id: string, action: WorkflowAction): Promise<void> {
    const entry = entryFor(plan, id);
    const draft = draftOf(entry);
    const check = validateEntryValues(draft.texts, settings, locale);
    if (!check.ok) {
      setFeedback((current) => setFor(current, id, { intent: "error", text: taskPaneMessages.fixValuesFirst }));
      return;
    }
    // The plan keeps no annual number, so the pane, where it is typed, holds a submission to it.
    const annualProblem =
      action === "submit" ? annualTargetProblemOfMeasures(settings, id, draft.annual, check.values, locale) : null;
    if (annualProblem !== null) {
      setFeedback((current) => setFor(current, id, { intent: "error", text: annualProblem }));
      return;
    }
    const outcome = chainAction(plan, id, action, {
      user: me,
      now: new Date().toISOString(),
      identity: who.source,
      values: check.values,
      comment: draft.comment,
      periods: valueColumns(settings),
      locale,
    });
    if (!outcome.ok) {
      setFeedback((current) => setFor(current, id, { intent: "error", text: outcome.message }));
      return;
    }
    if (outcome.audit.length === 0) {
      setFeedback((current) => setFor(current, id, { intent: "info", text: taskPaneMessages.nothingChanged }));
      return;
    }
    const result = await conflicts.save({
      plan,
      entries: [outcome.entry],
      audit: outcome.audit,
      done: taskPaneMessages.actionDone(action, []),
      canMerge: true,
      redo: (theirs, values, comment) =>
        chainAction({ ...plan, entries: new Map(plan.entries).set(theirs.id, theirs) }, theirs.id, action, {
          user: me,
          now: new Date().toISOString(),
          identity: who.source,
          values,
          comment,
          periods: valueColumns(settings),
          locale,
        }),
      onResolved: (resolved) => {
        setFeedback((current) => setFor(current, id, resolved));
        setDrafts((current) => setFor(current, id, undefined));
      },
    });
    if (result === undefined) return;
    setFeedback((current) => setFor(current, id, result));
    if (result.intent === "success") setDrafts((current) => setFor(current, id, undefined));
  }

  async function reload(id: string): Promise<void> {
    await actions.reload();
    setDrafts((current) => setFor(current, id, undefined));
    setFeedback((current) => setFor(current, id, undefined));
  }

  return (
    <div className={styles.root}>
      <OwnerPicker owners={people} value={me} onChange={onChooseMe} signedInAs={who.signedInAs} note={who.note} />
      {me === "" ? (
        <Text>Choose who you are to enter your targets.</Text>
      ) : mine.length === 0 ? (
        <Text>{`${me} owns no node in this plan.`}</Text>
      ) : (
        <>
          {mine.length > PAGE ? (
            <ListSearch
              filter={filter}
              label="Find one of my nodes"
              placeholder="Find a node by name or id"
              noMatch={taskPaneMessages.noNodeMatches}
            />
          ) : null}
          <ul className={styles.list} aria-label="My nodes">
            {pages.shown.map((node) => {
              const entry = entryFor(plan, node.id);
              const view = live === undefined ? undefined : guidanceFigures(saved, live, node.id, settings);
              const ownTargets = plan.topDown.get(node.id);
              return (
                <li key={node.id}>
                  <EntryCard
                    node={node}
                    entry={entry}
                    settings={settings}
                    locale={locale}
                    draft={draftOf(entry)}
                    errors={checks.get(node.id)?.errors ?? []}
                    live={view}
                    allocated={valueColumns(settings).map((_, p) => (ownTargets?.[p] ?? null) !== null)}
                    adjustment={rollsUp(plan, node.id)}
                    typed={checks.get(node.id)?.values ?? []}
                    reference={plan.reference?.values.get(node.id)}
                    forecast={plan.reference?.forecast?.get(node.id)}
                    profiles={plan.profiles?.profiles}
                    guardrails={submissionCheck(
                      plan,
                      node.id,
                      checks.get(node.id)?.values ?? [],
                      draftOf(entry).comment,
                      locale,
                    )}
                    feedback={
                      removedIds.has(node.id)
                        ? { intent: "warning", text: taskPaneMessages.nodeRemovedUnsaved }
                        : (feedback.get(node.id) ?? null)
                    }
                    busy={busy}
                    onChange={(draft) => setDrafts((current) => setFor(current, node.id, draft))}
                    onAct={(action) => void act(node.id, action)}
                    onDismissFeedback={() => setFeedback((current) => setFor(current, node.id, undefined))}
                    onReload={() => void reload(node.id)}
                  />
                </li>
              );
            })}
          </ul>
          <ShowMoreButton list={pages} what="nodes" />
        </>
      )}
      <ConflictDialog {...conflicts.dialog} />
    </div>
  );
}
