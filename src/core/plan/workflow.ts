import { idKey } from "../cell";
import { planMessages } from "../messages";
import {
  WORKFLOW_ACTIONS,
  type AuditEntry,
  type NodeEntry,
  type PeriodValues,
  type Plan,
  type PlanNode,
  type Role,
  type Status,
  type WorkflowAction,
} from "./types";

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

export function emptyEntry(id: string, periodCount: number): NodeEntry {
  return {
    id,
    values: new Array<number | null>(periodCount).fill(null),
    status: "Not started",
    comment: "",
    returnReason: "",
    updatedAt: "",
    updatedBy: "",
  };
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

function sameValues(a: PeriodValues, b: PeriodValues): boolean {
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
  if (!transition.from.includes(entry.status)) {
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
  if (action === "submit") {
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
  return plan.entries.get(id) ?? emptyEntry(id, plan.settings.periods.length);
}

/** The nodes this person enters targets for, in sheet order. */
export function nodesOwnedBy(plan: Plan, owner: string): PlanNode[] {
  const key = ownerKey(owner);
  if (key === undefined) return [];
  return plan.nodes.filter((node) => ownerKey(node.owner) === key);
}

export interface ReviewItem {
  readonly node: PlanNode;
  /** The node above it, owned by the manager. */
  readonly parent: PlanNode;
  readonly entry: NodeEntry;
}

/**
 * What a manager reviews: the nodes directly below the ones they own, in sheet order. Nodes the
 * manager owns themselves are left out (nobody approves their own targets); nodes without an
 * owner stay in, so the manager sees that nobody will submit them.
 */
export function reviewQueue(plan: Plan, manager: string): ReviewItem[] {
  const key = ownerKey(manager);
  if (key === undefined) return [];
  const managed = new Map<string, PlanNode>();
  for (const node of plan.nodes) {
    const id = idKey(node.id);
    if (id !== undefined && ownerKey(node.owner) === key) managed.set(id, node);
  }
  const queue: ReviewItem[] = [];
  for (const node of plan.nodes) {
    const parentKey = idKey(node.parent);
    const parent = parentKey === undefined ? undefined : managed.get(parentKey);
    if (parent === undefined || ownerKey(node.owner) === key) continue;
    queue.push({ node, parent, entry: entryFor(plan, node.id) });
  }
  return queue;
}

/** Everyone who owns a node, once each (first spelling wins), sorted for a picker. */
export function owners(plan: Plan): string[] {
  const byKey = new Map<string, string>();
  for (const node of plan.nodes) {
    const key = ownerKey(node.owner);
    if (key !== undefined && !byKey.has(key)) byKey.set(key, node.owner.trim());
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: "base" }));
}
