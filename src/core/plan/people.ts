/**
 * Who the people of a plan are: their e-mail addresses (for reminders and for matching the signed-in
 * Office account), the roles the plan's settings give them, and the rule that nobody approves their
 * own submission.
 */
import { idKey } from "../cell";
import type { NodeEntry, Plan } from "./types";

/** Hierarchy columns that may hold an owner's e-mail address, matched ignoring case. */
const EMAIL_COLUMNS = ["email", "e-mail", "owner email", "owner e-mail", "mail"];
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export function isEmail(text: string): boolean {
  return EMAIL.test(text.trim());
}

const emailCache = new WeakMap<Plan, Map<string, string>>();

/**
 * Each owner's e-mail address, by owner matched like ids: the owner itself when it is an address,
 * else the first address in an e-mail column (Email, E-mail, Owner email, Mail) of a node they own.
 */
export function ownerEmails(plan: Plan): ReadonlyMap<string, string> {
  const cached = emailCache.get(plan);
  if (cached !== undefined) return cached;
  const emails = new Map<string, string>();
  for (const node of plan.nodes) {
    const key = idKey(node.owner);
    if (key === undefined || emails.has(key)) continue;
    const owner = node.owner.trim();
    if (isEmail(owner)) {
      emails.set(key, owner);
      continue;
    }
    for (const [column, value] of Object.entries(node.attributes)) {
      if (EMAIL_COLUMNS.includes(column.trim().toLowerCase()) && isEmail(value)) {
        emails.set(key, value.trim());
        break;
      }
    }
  }
  emailCache.set(plan, emails);
  return emails;
}

/** The owner's e-mail address (see `ownerEmails`); null when the hierarchy gives none. */
export function ownerEmail(plan: Plan, owner: string): string | null {
  const key = idKey(owner);
  return key === undefined ? null : (ownerEmails(plan).get(key) ?? null);
}

/**
 * The owner (as the hierarchy first spells them) whose e-mail address is `account`, matched ignoring
 * case and surrounding spaces; null when nobody's is. Several owners with the same address: the
 * first in sheet order, as the address then proves no more than that.
 */
export function ownerOfAccount(plan: Plan, account: string): string | null {
  const wanted = account.trim().toLowerCase();
  if (wanted === "") return null;
  const emails = ownerEmails(plan);
  for (const node of plan.nodes) {
    const key = idKey(node.owner);
    if (key !== undefined && emails.get(key)?.toLowerCase() === wanted) return node.owner.trim();
  }
  return null;
}

/** Whether `person` (an owner name) is on `list` of names or e-mail addresses; an empty list lets everyone. */
function onList(plan: Plan, list: readonly string[] | undefined, person: string): boolean {
  const names = (list ?? []).filter((name) => name.trim() !== "");
  if (names.length === 0) return true;
  const key = idKey(person);
  if (key === undefined) return false;
  const email = ownerEmails(plan).get(key)?.toLowerCase();
  return names.some((name) => idKey(name) === key || (email !== undefined && name.trim().toLowerCase() === email));
}

/** Whether `person` may enter top-down targets: the settings' "Top-down editors", or anyone when none are named. */
export function mayEnterTopDown(plan: Plan, person: string): boolean {
  return onList(plan, plan.settings.topDownEditors, person);
}

/** Whether `person` may approve and return, where the chain makes them the reviewer: the settings' "Approvers", or every reviewer. */
export function mayApprove(plan: Plan, person: string): boolean {
  return onList(plan, plan.settings.approvers, person);
}

/**
 * Who made the node's current submission: the status row's "Updated by", which every action
 * writes and an approval or return overwrites. "" when it is not Submitted.
 */
export function submittedBy(entry: NodeEntry): string {
  return entry.status === "Submitted" ? entry.updatedBy.trim() : "";
}

/** Nobody approves their own submission, whatever the chain says (ownership may have moved since). */
export function isOwnSubmission(entry: NodeEntry, person: string): boolean {
  const by = idKey(submittedBy(entry));
  return by !== undefined && by === idKey(person);
}
