/**
 * The workflow rules (SPEC §3 states, §6 approval chain).
 *
 * One node's states (`applyAction`):
 *
 * | from                          | action    | by                     | to          |
 * |-------------------------------|-----------|------------------------|-------------|
 * | Not started, Draft, Returned  | saveDraft | owner                  | Draft       |
 * | Not started … Submitted       | submit    | owner                  | Submitted   |
 * | Submitted                     | approve   | reviewer               | Approved    |
 * | Not started … Submitted       | approve   | owner of a top node    | Approved (sign-off: closes the plan) |
 * | Submitted, Approved           | return    | reviewer, with reason  | Returned    |
 * | Approved                      | reopen    | reviewer / top's owner | Draft       |
 *
 * Across levels (`chainAction`, `approvalChain`):
 * - Every node with an owner takes part. Its reviewer is the owner of the nearest node above
 *   with a *different* owner (a node owned by its parent's owner goes past them).
 * - A node without an owner is passed through: nobody submits or approves it, its owned
 *   descendants count directly towards the owned node above it, and it never blocks anything.
 * - A node with owned nodes below it can be submitted only once all of them are approved; its
 *   own values are an adjustment on top of its team (blank periods allowed) with its comment.
 * - A node with nobody above to review it is a top: its owner approves it (no submission) once
 *   everything below is approved; once every top is approved the plan is closed and every action
 *   is refused except the top owner's reopen.
 * - A return goes one step down: the reviewer may return (or reopen) a node only while the node
 *   above it has not gone up itself (is not Submitted or Approved).
 * - Nobody approves their own submission: a node's owner never reviews it, and an approval by
 *   the person who made the current submission (`updatedBy`, people.ts `submittedBy`) is refused.
 * - Roles (plan settings "approvers"): when the plan names approvers, only they approve, return or
 *   reopen, each still only where the chain makes them the reviewer (or the top's owner).
 */
import { emptyEntry } from "./entries";
import { submissionCheck } from "./guardrails";
import { idKey } from "../cell";
import { chainMessages, planMessages } from "../messages";
import { isOwnSubmission, mayApprove } from "./people";
import {
  WORKFLOW_ACTIONS,
  type AuditEntry,
  type IdentitySource,
  type NodeEntry,
  type PeriodValues,
  type Plan,
  type PlanNode,
  type Role,
  type Status,
  type WorkflowAction,
} from "./types";
import { valueColumns } from "./measures";

export type { Role, WorkflowAction } from "./types";

interface Transition {
  readonly role: Role;
  readonly from: readonly Status[];
  readonly to: Status;
}

/**
 * Every allowed move. A contributor may resubmit while Submitted (fix a typo before the manager
 * looks); a manager may return an Approved node with a reason, which reopens it with an
 * explanation. Nothing else moves an Approved node, so it stays locked for its contributor.
 */
const TRANSITIONS: Readonly<Record<WorkflowAction, Transition>> = {
  saveDraft: { role: "contributor", from: ["Not started", "Draft", "Returned"], to: "Draft" },
  submit: {
    role: "contributor",
    from: ["Not started", "Draft", "Returned", "Submitted"],
    to: "Submitted",
  },
  approve: { role: "manager", from: ["Submitted"], to: "Approved" },
  return: { role: "manager", from: ["Submitted", "Approved"], to: "Returned" },
  reopen: { role: "manager", from: ["Approved"], to: "Draft" },
};

/** The top node's owner signs it off from any status short of Approved. */
const SIGN_OFF_FROM: readonly Status[] = ["Not started", "Draft", "Returned", "Submitted"];

/** Button labels, and what the audit log's note says an action did. */
export const ACTION_LABELS: Readonly<Record<WorkflowAction, string>> = {
  saveDraft: "Save draft",
  submit: "Submit",
  approve: "Approve",
  return: "Return",
  reopen: "Reopen",
};

const AUDIT_NOTES: Readonly<Record<WorkflowAction, string>> = {
  saveDraft: "Saved as draft",
  submit: "Submitted",
  approve: "Approved",
  return: "Returned",
  reopen: "Reopened",
};

/** Verb and past participle for refusal messages: "Only a manager can approve targets". */
const VERBS: Readonly<Record<WorkflowAction, readonly [string, string]>> = {
  saveDraft: ["save", "saved"],
  submit: ["submit", "submitted"],
  approve: ["approve", "approved"],
  return: ["return", "returned"],
  reopen: ["reopen", "reopened"],
};

export interface ActionInput {
  readonly role: Role;
  /** Who acts, as chosen from the owners; recorded as `updatedBy` and in the audit log. */
  readonly user: string;
  /** ISO timestamp of the action. */
  readonly now: string;
  /** The contributor's values for saveDraft/submit; omitted keeps the current ones. */
  readonly values?: PeriodValues;
  /** The contributor's comment for saveDraft/submit; for a manager, a note kept in the audit log only. */
  readonly comment?: string;
  /** Why the manager returns the node; required for "return". */
  readonly reason?: string;
  /** The plan's period labels: audit fields and missing-value messages name periods by them. */
  readonly periods?: readonly string[];
  /** A roll-up node's own values are an adjustment on top of its team: blank periods may be submitted. */
  readonly allowBlank?: boolean;
  /** The top of the chain: its owner approves it from any open status, since nobody is above to submit to. */
  readonly signOff?: boolean;
  /** How `user` was established, for the audit log. */
  readonly identity?: IdentitySource;
  /** For the numbers in guardrail messages; "en-US" when omitted. */
  readonly locale?: string;
}

export type ActionResult =
  | { readonly ok: true; readonly entry: NodeEntry; readonly audit: AuditEntry[] }
  | { readonly ok: false; readonly message: string };

export interface BulkResult {
  /** The entries that changed, to save. */
  readonly entries: NodeEntry[];
  readonly audit: AuditEntry[];
  readonly refused: { readonly id: string; readonly message: string }[];
}

/** The actions a role may take on a node in this status, in the order buttons show them. */
export function allowedActions(status: Status, role: Role): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((action) => {
    const transition = TRANSITIONS[action];
    return transition.role === role && transition.from.includes(status);
  });
}

/** An approved node can't be edited by its contributor until the manager reopens or returns it. */
export function isLockedForContributor(status: Status): boolean {
  return allowedActions(status, "contributor").length === 0;
}

function periodLabel(periods: readonly string[] | undefined, index: number): string {
  return periods?.[index] ?? `Period ${index + 1}`;
}

function valueText(value: number | null | undefined): string {
  // Invariant, unformatted text: the log reads the same whatever the reader's locale.
  return value === null || value === undefined ? "" : String(value);
}

/** Whether two rows of period values hold the same values, period by period. */
export function sameValues(a: PeriodValues, b: PeriodValues): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/**
 * The node's row after `action`, with one audit entry per field that changed, or the reason the
 * action is refused. An action that changes nothing succeeds with the entry as it was and no
 * audit entries, so there is nothing to write.
 */
export function applyAction(entry: NodeEntry, action: WorkflowAction, input: ActionInput): ActionResult {
  const transition = TRANSITIONS[action];
  const [verb, done] = VERBS[action];
  if (input.role !== transition.role) {
    return {
      ok: false,
      message: transition.role === "manager" ? planMessages.managerOnly(verb) : planMessages.contributorOnly(verb),
    };
  }
  const from = action === "approve" && input.signOff === true ? SIGN_OFF_FROM : transition.from;
  if (!from.includes(entry.status)) {
    const locked = input.role === "contributor" && isLockedForContributor(entry.status);
    return {
      ok: false,
      message: locked ? planMessages.lockedApproved : planMessages.actionNotAllowed(done, entry.status),
    };
  }
  if (input.user.trim() === "") return { ok: false, message: planMessages.noUser };

  const byContributor = transition.role === "contributor";
  const values = input.values ?? entry.values;
  if (!byContributor && !sameValues(values, entry.values)) {
    return { ok: false, message: planMessages.valuesOnlyByContributor };
  }
  if (input.periods !== undefined && input.values !== undefined && values.length !== input.periods.length) {
    return { ok: false, message: planMessages.valueCount(input.periods.length, values.length) };
  }
  if (action === "submit" && input.allowBlank !== true) {
    const missing = values.flatMap((value, i) => (value === null ? [periodLabel(input.periods, i)] : []));
    if (missing.length > 0) return { ok: false, message: planMessages.missingValues(missing) };
  }
  const reason = (input.reason ?? "").trim();
  if (action === "return" && reason === "") return { ok: false, message: planMessages.reasonRequired };

  const next: NodeEntry = {
    ...entry,
    values: [...values],
    status: transition.to,
    comment: byContributor ? (input.comment ?? entry.comment) : entry.comment,
    returnReason: action === "return" ? reason : "",
  };

  const managerNote = byContributor ? "" : (input.comment ?? "").trim();
  const note = managerNote === "" ? AUDIT_NOTES[action] : `${AUDIT_NOTES[action]}: ${managerNote}`;
  const audit: AuditEntry[] = [];
  const record = (field: string, oldValue: string, newValue: string): void => {
    if (oldValue !== newValue) {
      audit.push({
        time: input.now,
        user: input.user,
        node: entry.id,
        field,
        oldValue,
        newValue,
        note,
        ...(input.identity === undefined ? {} : { identity: input.identity }),
      });
    }
  };
  const periodCount = Math.max(entry.values.length, next.values.length);
  for (let i = 0; i < periodCount; i++) {
    record(periodLabel(input.periods, i), valueText(entry.values[i]), valueText(next.values[i]));
  }
  record("status", entry.status, next.status);
  record("comment", entry.comment, next.comment);
  record("return reason", entry.returnReason, next.returnReason);

  if (audit.length === 0) return { ok: true, entry, audit };
  return { ok: true, entry: { ...next, updatedAt: input.now, updatedBy: input.user }, audit };
}

/** One action on many nodes ("approve selected"): what changed, and why the others were refused. */
export function applyActionToMany(
  entries: readonly NodeEntry[],
  action: WorkflowAction,
  input: ActionInput,
): BulkResult {
  const result: BulkResult = { entries: [], audit: [], refused: [] };
  for (const entry of entries) {
    const outcome = applyAction(entry, action, input);
    if (!outcome.ok) {
      result.refused.push({ id: entry.id, message: outcome.message });
    } else if (outcome.audit.length > 0) {
      result.entries.push(outcome.entry);
      result.audit.push(...outcome.audit);
    }
  }
  return result;
}

/** Owners are matched like ids: ignoring surrounding spaces and letter case. */
function ownerKey(owner: string): string | undefined {
  return idKey(owner);
}

/** The node's workflow row, or a fresh "Not started" one if it has none yet. */
export function entryFor(plan: Plan, id: string): NodeEntry {
  return plan.entries.get(id) ?? emptyEntry(id, valueColumns(plan.settings).length);
}

/** The nodes this person enters targets for, in sheet order. */
export function nodesOwnedBy(plan: Plan, owner: string): PlanNode[] {
  const key = ownerKey(owner);
  if (key === undefined) return [];
  return plan.nodes.filter((node) => ownerKey(node.owner) === key);
}

/**
 * Who acts on which node across levels. Rows are indexes into `plan.nodes`; -1 means none.
 * Built once per plan object (plans are immutable: every read or patch makes a new one).
 */
export interface ApprovalChain {
  /** Row of each node id as matched like ids. */
  readonly rowOf: ReadonlyMap<string, number>;
  /** Per row: the owner matched like ids, undefined for a node nobody owns. */
  readonly ownerKeys: readonly (string | undefined)[];
  /** Per row: the nearest ancestor that has an owner (unowned nodes are passed through), or -1. */
  readonly above: Int32Array;
  /** Per row: the node whose owner reviews this one (the nearest owned ancestor with another owner), or -1. */
  readonly reviewer: Int32Array;
  /** Per row: the owned nodes whose `above` it is, in sheet order: what must be approved before it moves. */
  readonly below: readonly (readonly number[])[];
  /** Per row: whether the node has children in the hierarchy (its own values are an adjustment). */
  readonly rollsUp: readonly boolean[];
  /** Owned rows with nobody above to review them: their approval closes the plan. */
  readonly tops: readonly number[];
}

// Keyed by the node list, not the plan: a save patches the plan's entries into a new plan object
// and keeps its nodes, so the chain is worked out once per hierarchy, not once per save.
const chains = new WeakMap<readonly PlanNode[], ApprovalChain>();

/** The plan's approval chain (see the state table at the top of this file). Linear in nodes. */
export function approvalChain(plan: Plan): ApprovalChain {
  const { nodes } = plan;
  const cached = chains.get(nodes);
  if (cached !== undefined) return cached;
  const count = nodes.length;
  const rowOf = new Map<string, number>();
  nodes.forEach((node, row) => {
    const key = idKey(node.id);
    if (key !== undefined && !rowOf.has(key)) rowOf.set(key, row);
  });
  const ownerKeys = nodes.map((node) => ownerKey(node.owner));
  const parentRow = new Int32Array(count).fill(-1);
  const rollsUp = new Array<boolean>(count).fill(false);
  nodes.forEach((node, row) => {
    const key = idKey(node.parent);
    const p = key === undefined ? undefined : rowOf.get(key);
    if (p !== undefined && p !== row) {
      parentRow[row] = p;
      rollsUp[p] = true;
    }
  });
  // Resolved rows memoise `above` and `reviewer`; a walk up stops at the first resolved ancestor,
  // so the whole pass is linear whatever the sheet order. A cycle (a broken sheet) ends the walk.
  const UNSET = -2;
  const above = new Int32Array(count).fill(UNSET);
  const reviewer = new Int32Array(count).fill(UNSET);
  const resolve = (start: number): void => {
    const stack: number[] = [];
    const onStack = new Set<number>();
    for (let row = start; row >= 0 && above[row] === UNSET && !onStack.has(row); row = parentRow[row]) {
      stack.push(row);
      onStack.add(row);
    }
    while (stack.length > 0) {
      const row = stack.pop() as number;
      const p = parentRow[row];
      if (p < 0 || onStack.has(p)) {
        above[row] = -1;
      } else {
        above[row] = ownerKeys[p] !== undefined ? p : above[p];
      }
      onStack.delete(row);
    }
  };
  for (let row = 0; row < count; row++) if (above[row] === UNSET) resolve(row);
  const reviewerOfRow = (start: number): number => {
    const path: number[] = [];
    let row = start;
    let found = -1;
    while (row >= 0) {
      if (reviewer[row] !== UNSET) {
        found = reviewer[row];
        break;
      }
      path.push(row);
      const a = above[row];
      if (a < 0) break;
      if (ownerKeys[a] !== ownerKeys[row]) {
        found = a;
        break;
      }
      row = a;
    }
    for (const visited of path) reviewer[visited] = found;
    return found;
  };
  const below: number[][] = Array.from({ length: count }, () => []);
  const tops: number[] = [];
  for (let row = 0; row < count; row++) {
    if (ownerKeys[row] === undefined) {
      reviewer[row] = -1;
      continue;
    }
    reviewerOfRow(row);
    if (above[row] >= 0) below[above[row]].push(row);
    if (reviewer[row] < 0) tops.push(row);
  }
  const chain: ApprovalChain = { rowOf, ownerKeys, above, reviewer, below, rollsUp, tops };
  chains.set(nodes, chain);
  return chain;
}

function rowOfId(plan: Plan, id: string): number | undefined {
  const key = idKey(id);
  return key === undefined ? undefined : approvalChain(plan).rowOf.get(key);
}

function entryAt(plan: Plan, row: number): NodeEntry {
  return entryFor(plan, plan.nodes[row].id);
}

/** The node whose owner reviews `id`; null for a top node, an unowned node or an unknown id. */
export function reviewerOf(plan: Plan, id: string): PlanNode | null {
  const row = rowOfId(plan, id);
  const reviewer = row === undefined ? -1 : approvalChain(plan).reviewer[row];
  return reviewer < 0 ? null : plan.nodes[reviewer];
}

/** The owned nodes below `id` (through unowned ones) that are not approved yet, in sheet order. */
export function waitingBelow(plan: Plan, id: string): PlanNode[] {
  const row = rowOfId(plan, id);
  if (row === undefined) return [];
  return approvalChain(plan)
    .below[row].filter((child) => entryAt(plan, child).status !== "Approved")
    .map((child) => plan.nodes[child]);
}

/** Whether `id` is an owned node with nobody above to review it: its approval closes (its part of) the plan. */
export function isTopOfChain(plan: Plan, id: string): boolean {
  const row = rowOfId(plan, id);
  return row !== undefined && approvalChain(plan).tops.includes(row);
}

/** Whether the node has nodes below it in the hierarchy: its own entry is an adjustment on top of the team. */
export function rollsUp(plan: Plan, id: string): boolean {
  const row = rowOfId(plan, id);
  return row !== undefined && approvalChain(plan).rollsUp[row];
}

export interface PlanClosure {
  /** Every top of the chain is approved: nothing can be entered or approved until its owner reopens it. */
  readonly closed: boolean;
  /** Who approved the (last) top node, "" when open. */
  readonly by: string;
}

/** The plan is closed once every top of the chain is approved. */
export function planClosure(plan: Plan): PlanClosure {
  const { tops } = approvalChain(plan);
  if (tops.length === 0) return { closed: false, by: "" };
  const entries = tops.map((row) => entryAt(plan, row));
  const closed = entries.every((entry) => entry.status === "Approved");
  return { closed, by: closed ? entries[entries.length - 1].updatedBy : "" };
}

/** What someone owes on a node right now, and who. */
export type Owed =
  { readonly action: "submit" | "signOff"; readonly by: string } | { readonly action: "review"; readonly by: string };

/**
 * The action the node waits for, or null when it waits for nobody (approved, not owned, or
 * waiting for the nodes below it). A node waits for its owner to submit once everything below is
 * approved; a submitted node waits for its reviewer; a top node waits for its owner's approval.
 */
export function owedOn(plan: Plan, id: string): Owed | null {
  const row = rowOfId(plan, id);
  if (row === undefined) return null;
  const chain = approvalChain(plan);
  const node = plan.nodes[row];
  if (chain.ownerKeys[row] === undefined) return null;
  const { status } = entryAt(plan, row);
  if (status === "Approved") return null;
  const reviewer = chain.reviewer[row];
  if (status === "Submitted") {
    return reviewer < 0
      ? { action: "signOff", by: node.owner.trim() }
      : { action: "review", by: plan.nodes[reviewer].owner.trim() };
  }
  if (chain.below[row].some((child) => entryAt(plan, child).status !== "Approved")) return null;
  return { action: reviewer < 0 ? "signOff" : "submit", by: node.owner.trim() };
}

/**
 * An action on one node by `input.user`, checked against the approval chain, then the node's own
 * state machine (`applyAction`). `input.role` is derived from the action; the caller's is ignored.
 */
export function chainAction(
  plan: Plan,
  id: string,
  action: WorkflowAction,
  input: Omit<ActionInput, "role" | "allowBlank" | "signOff">,
): ActionResult {
  const row = rowOfId(plan, id);
  if (row === undefined) return { ok: false, message: chainMessages.unknownNode(id) };
  const chain = approvalChain(plan);
  const node = plan.nodes[row];
  const entry = entryAt(plan, row);
  const user = ownerKey(input.user);
  if (user === undefined) return { ok: false, message: planMessages.noUser };
  if (chain.ownerKeys[row] === undefined) return { ok: false, message: chainMessages.unowned(node.name) };
  const top = chain.reviewer[row] < 0;
  const closure = planClosure(plan);
  if (closure.closed && !(top && action === "reopen" && chain.ownerKeys[row] === user)) {
    return { ok: false, message: chainMessages.planClosed(closure.by) };
  }
  const role = TRANSITIONS[action].role;
  const waiting = (): ActionResult | undefined => {
    const pending = waitingBelow(plan, node.id);
    return pending.length === 0
      ? undefined
      : {
          ok: false,
          message: chainMessages.waitingFor(
            node.name,
            pending.map((p) => p.name),
          ),
        };
  };
  if (role === "contributor") {
    if (chain.ownerKeys[row] !== user) return { ok: false, message: chainMessages.notYourNode(node.name) };
    if (action === "submit") {
      if (top) return { ok: false, message: chainMessages.topNoSubmit(node.name) };
      const refused = waiting();
      if (refused !== undefined) return refused;
      const values = input.values ?? entry.values;
      const { refusal } = submissionCheck(
        plan,
        node.id,
        values,
        input.comment ?? entry.comment,
        input.locale ?? "en-US",
      );
      if (refusal !== null) return { ok: false, message: refusal };
    }
    return applyAction(entry, action, { ...input, role, allowBlank: chain.rollsUp[row] });
  }
  if (top) {
    // The top's owner signs it off: the one approval that is not of somebody else's submission.
    if (chain.ownerKeys[row] !== user) return { ok: false, message: chainMessages.notYourNode(node.name) };
    if (!mayApprove(plan, input.user)) return { ok: false, message: chainMessages.notApprover(node.name) };
    if (action === "return") return { ok: false, message: chainMessages.topNoSubmit(node.name) };
    if (action === "approve") {
      const refused = waiting();
      if (refused !== undefined) return refused;
    }
    return applyAction(entry, action, { ...input, role, signOff: true });
  }
  const reviewer = plan.nodes[chain.reviewer[row]];
  if (chain.ownerKeys[chain.reviewer[row]] !== user) {
    return {
      ok: false,
      message:
        chain.ownerKeys[row] === user && action === "approve"
          ? chainMessages.ownSubmission(node.name)
          : chainMessages.notYourReview(node.name, reviewer.owner.trim()),
    };
  }
  if (action === "approve" && isOwnSubmission(entry, input.user)) {
    return { ok: false, message: chainMessages.ownSubmission(node.name) };
  }
  if (!mayApprove(plan, input.user)) return { ok: false, message: chainMessages.notApprover(node.name) };
  const up = chain.above[row];
  if (action !== "approve" && up >= 0) {
    const aboveStatus = entryAt(plan, up).status;
    if (aboveStatus === "Submitted" || aboveStatus === "Approved") {
      return { ok: false, message: chainMessages.aboveMoved(node.name, plan.nodes[up].name) };
    }
  }
  return applyAction(entry, action, { ...input, role });
}

/** `chainAction` on many nodes ("approve selected"): what changed, and why the others were refused. */
export function chainActionToMany(
  plan: Plan,
  ids: readonly string[],
  action: WorkflowAction,
  input: Omit<ActionInput, "role" | "allowBlank" | "signOff">,
): BulkResult {
  const result: BulkResult = { entries: [], audit: [], refused: [] };
  for (const id of ids) {
    const outcome = chainAction(plan, id, action, input);
    if (!outcome.ok) result.refused.push({ id, message: outcome.message });
    else if (outcome.audit.length > 0) {
      result.entries.push(outcome.entry);
      result.audit.push(...outcome.audit);
    }
  }
  return result;
}

export interface ReviewItem {
  readonly node: PlanNode;
  /** The manager's node above it (the one they review it for); the node itself for a top node's sign-off. */
  readonly parent: PlanNode;
  readonly entry: NodeEntry;
  /** The manager's own top node, approved by them to close the plan once everything below is approved. */
  readonly signOff: boolean;
}

/**
 * What a manager reviews, in sheet order: every owned node whose reviewer they are (the nearest
 * other owner above; unowned nodes in between are passed through), then their own top nodes to
 * sign off. Nodes the manager owns are never in their queue for approval.
 */
export function reviewQueue(plan: Plan, manager: string): ReviewItem[] {
  const key = ownerKey(manager);
  if (key === undefined) return [];
  const chain = approvalChain(plan);
  const queue: ReviewItem[] = [];
  const tops: ReviewItem[] = [];
  plan.nodes.forEach((node, row) => {
    const reviewer = chain.reviewer[row];
    if (reviewer >= 0 && chain.ownerKeys[reviewer] === key) {
      queue.push({ node, parent: plan.nodes[reviewer], entry: entryAt(plan, row), signOff: false });
    } else if (reviewer < 0 && chain.ownerKeys[row] === key) {
      tops.push({ node, parent: node, entry: entryAt(plan, row), signOff: true });
    }
  });
  return [...queue, ...tops];
}

// By node list, as `chains` is: owners change only with the hierarchy.
const ownerLists = new WeakMap<readonly PlanNode[], readonly string[]>();
// One collator for every comparison: `localeCompare` with options builds one per call (issue 11).
const ownerOrder = new Intl.Collator(undefined, { sensitivity: "base" });

/** Sorts owner names as the owner picker shows them. */
export function compareOwners(a: string, b: string): number {
  return ownerOrder.compare(a, b);
}

/** Everyone who owns a node, once each (first spelling wins), sorted for a picker; computed once per hierarchy. */
export function owners(plan: Plan): readonly string[] {
  const cached = ownerLists.get(plan.nodes);
  if (cached !== undefined) return cached;
  const byKey = new Map<string, string>();
  for (const node of plan.nodes) {
    const key = ownerKey(node.owner);
    if (key !== undefined && !byKey.has(key)) byKey.set(key, node.owner.trim());
  }
  const sorted = [...byKey.values()].sort(compareOwners);
  ownerLists.set(plan.nodes, sorted);
  return sorted;
}
