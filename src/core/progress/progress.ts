/**
 * Where the collection stands: how many nodes are in each workflow status, per level and per owner,
 * and who is late. Pure data for the Progress view and its "copy reminder" action.
 */
import { idKey } from "../cell";
import { progressMessages } from "../messages";
import type { PlanView } from "../plan/planView";
import { STATUSES, type Plan, type PlanNode, type Status } from "../plan/types";
import { ownerEmails } from "../plan/people";
import { compareOwners, entryFor, owedOn, type Owed } from "../plan/workflow";

export { ownerEmails } from "../plan/people";

/** How many nodes are in each status, and what share of the group that is. */
export interface StatusCounts {
  readonly total: number;
  readonly counts: Readonly<Record<Status, number>>;
  /** counts / total; all 0 for an empty group. */
  readonly fractions: Readonly<Record<Status, number>>;
}

export interface LevelProgress extends StatusCounts {
  /** Depth in the hierarchy, root = 1 (as BU.LEVEL). */
  readonly level: number;
}

export interface OwnerProgress extends StatusCounts {
  /** As first written in the hierarchy, trimmed. */
  readonly owner: string;
  /** The owner's node ids in tree order. */
  readonly nodeIds: readonly string[];
}

export interface Progress {
  readonly overall: StatusCounts;
  /** Level 1 first, every level that has nodes. */
  readonly levels: readonly LevelProgress[];
  /** Owners sorted as the owner picker sorts them. */
  readonly owners: readonly OwnerProgress[];
}

export interface LateNode {
  readonly id: string;
  readonly name: string;
  readonly status: Status;
  /** The manager's reason when the status is Returned, else "". */
  readonly returnReason: string;
  /** What the owner owes on it: their submission, their review of it, or the top's approval. */
  readonly owes: Owed["action"];
}

export interface LateOwner {
  readonly owner: string;
  /** In sheet order. */
  readonly nodes: readonly LateNode[];
}

class Tally {
  private readonly counts = new Map<Status, number>();
  total = 0;

  add(status: Status): void {
    this.counts.set(status, (this.counts.get(status) ?? 0) + 1);
    this.total++;
  }

  result(): StatusCounts {
    const counts = {} as Record<Status, number>;
    const fractions = {} as Record<Status, number>;
    for (const status of STATUSES) {
      const count = this.counts.get(status) ?? 0;
      counts[status] = count;
      fractions[status] = this.total === 0 ? 0 : count / this.total;
    }
    return { total: this.total, counts, fractions };
  }
}

/**
 * Groups by owner, matched as the owner picker matches them (ignoring surrounding spaces and case;
 * the first spelling names the group). Nodes nobody owns belong to no group.
 */
class OwnerGroups<T> {
  private readonly groups = new Map<string, { readonly owner: string; readonly value: T }>();

  constructor(private readonly create: () => T) {}

  of(node: PlanNode): T | undefined {
    const key = idKey(node.owner);
    if (key === undefined) return undefined;
    let group = this.groups.get(key);
    if (group === undefined) {
      group = { owner: node.owner.trim(), value: this.create() };
      this.groups.set(key, group);
    }
    return group.value;
  }

  /** Sorted as the owner picker (src/core/plan/workflow.ts `owners`) sorts them. */
  sorted(): { readonly owner: string; readonly value: T }[] {
    return [...this.groups.values()].sort((a, b) => compareOwners(a.owner, b.owner));
  }
}

interface OwnerTally {
  readonly tally: Tally;
  readonly nodeIds: string[];
}

const newOwnerTally = (): OwnerTally => ({ tally: new Tally(), nodeIds: [] });

/**
 * Status counts over every node someone owns, per level and per owner: a node nobody owns is
 * passed through in the approval chain (src/core/plan/workflow.ts), so nobody owes anything on
 * it and it is not counted. A node without a workflow row counts as Not started. `view` is
 * `buildPlanView(plan)`; when its hierarchy can't be read (the view lists problems), it has no
 * nodes and every count is 0.
 */
export function progress(view: PlanView): Progress {
  const overall = new Tally();
  const levels: Tally[] = [];
  const owners = new OwnerGroups(newOwnerTally);

  for (const { node, status, depth } of view.nodes) {
    const group = owners.of(node);
    if (group === undefined) continue;
    overall.add(status);
    while (levels.length < depth) levels.push(new Tally());
    levels[depth - 1].add(status);
    group.tally.add(status);
    group.nodeIds.push(node.id);
  }

  return {
    overall: overall.result(),
    levels: levels.flatMap((tally, i) => (tally.total === 0 ? [] : [{ level: i + 1, ...tally.result() }])),
    owners: owners.sorted().map(({ owner, value }) => ({
      owner,
      nodeIds: value.nodeIds,
      ...value.tally.result(),
    })),
  };
}

/** The yyyy-mm-dd at the start of an ISO date or timestamp, or undefined if it has none. */
function isoDay(text: string | null): string | undefined {
  const day = text?.trim().slice(0, 10);
  return day !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : undefined;
}

/**
 * Once the plan's deadline has passed (`today` is after it; on the deadline day itself nobody is
 * late yet), everyone who owes an action, with those nodes in sheet order: an owner whose node is
 * ready to submit (everything below it approved), a reviewer with a submission waiting, the top's
 * owner once everything is approved. Someone whose team has not finished owes nothing yet, and
 * nodes nobody owns are left out. Nobody is late without a deadline (or with one that is not an
 * ISO date). Owners sorted as the owner picker sorts them.
 */
export function lateOwners(plan: Plan, today: string): LateOwner[] {
  const deadline = isoDay(plan.settings.deadline);
  const day = isoDay(today);
  if (deadline === undefined || day === undefined || day <= deadline) return [];

  const owners = new OwnerGroups<LateNode[]>(() => []);
  const byOwner = new Map<string, PlanNode>(plan.nodes.map((node) => [idKey(node.owner) ?? "", node]));
  for (const node of plan.nodes) {
    // Every owner's group is named by their first node, so they are spelled as the picker spells them.
    owners.of(node);
  }
  for (const node of plan.nodes) {
    const owed = owedOn(plan, node.id);
    if (owed === null) continue;
    const who = byOwner.get(idKey(owed.by) ?? "");
    const late = who === undefined ? undefined : owners.of(who);
    if (late === undefined) continue;
    const entry = entryFor(plan, node.id);
    late.push({
      id: node.id,
      name: node.name,
      status: entry.status,
      returnReason: entry.status === "Returned" ? entry.returnReason : "",
      owes: owed.action,
    });
  }
  return owners
    .sorted()
    .filter(({ value }) => value.length > 0)
    .map(({ owner, value }) => ({ owner, nodes: value }));
}

/**
 * A plain-text message, ready to paste into mail or chat, that names each late owner's nodes (name and
 * id, with the status and any return reason) and the deadline. "" when nobody is late.
 */
export function reminderText(late: readonly LateOwner[], plan: Plan): string {
  if (late.length === 0) return "";
  const { name, metric, deadline } = plan.settings;
  const lines = [progressMessages.reminderIntro(name, metric, isoDay(deadline) ?? deadline ?? ""), ""];
  for (const owner of late) {
    lines.push(`${owner.owner}:`);
    for (const node of owner.nodes) {
      const label = node.name.trim() === "" || node.name === node.id ? node.id : `${node.name} (${node.id})`;
      const reason = node.returnReason.trim() === "" ? "" : `: ${node.returnReason.trim()}`;
      const what =
        node.owes === "review"
          ? progressMessages.reminderReview
          : node.owes === "signOff"
            ? progressMessages.reminderSignOff
            : `${node.status.toLowerCase()}${reason}`;
      lines.push(`- ${label}, ${what}`);
    }
    lines.push("");
  }
  lines.push(progressMessages.reminderClosing);
  return lines.join("\n");
}

/**
 * Mail programs cut a `mailto:` link longer than about 2,000 characters without a word, dropping
 * recipients or the end of the message: Internet Explorer's URL limit, which Windows' mail
 * handlers share, is 2,083 (Microsoft KB 208427), and Firefox opens about 2,000.
 */
export const MAILTO_LIMIT = 2000;

/** How to reach the late owners whose addresses are known. */
export type ReminderMail =
  /** A link that opens a draft to them; without the reminder when the reminder made it too long. */
  | { readonly kind: "link"; readonly href: string; readonly withReminder: boolean }
  /** Too many for a link: their addresses, "; "-separated, to paste into a mail. */
  | { readonly kind: "addresses"; readonly addresses: string; readonly count: number };

/**
 * A `mailto:` link that opens a draft of the reminder to the late owners whose addresses are known,
 * or null when none is. The subject and body are percent-encoded (RFC 6068). A link over
 * `MAILTO_LIMIT` goes without the reminder, and when even that is too long the addresses are
 * given to copy instead.
 */
export function reminderMail(late: readonly LateOwner[], plan: Plan): ReminderMail | null {
  const emails = ownerEmails(plan);
  const to = late.flatMap((owner) => {
    const email = emails.get(idKey(owner.owner) ?? "");
    return email === undefined ? [] : [email];
  });
  if (to.length === 0) return null;
  const draft = `mailto:${to.map(encodeURIComponent).join(",")}?subject=${encodeURIComponent(
    progressMessages.reminderSubject(plan.settings.name),
  )}`;
  const body = encodeURIComponent(reminderText(late, plan).replace(/\n/g, "\r\n"));
  const href = `${draft}&body=${body}`;
  if (href.length <= MAILTO_LIMIT) return { kind: "link", href, withReminder: true };
  if (draft.length <= MAILTO_LIMIT) return { kind: "link", href: draft, withReminder: false };
  return { kind: "addresses", addresses: to.join("; "), count: to.length };
}
