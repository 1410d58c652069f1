/**
 * Where the collection stands: how many nodes are in each workflow status, per level and per owner,
 * and who is late. Pure data for the Progress view and its "copy reminder" action.
 */
import { idKey } from "../cell";
import { progressMessages } from "../messages";
import type { PlanView } from "../plan/planView";
import { STATUSES, type Plan, type PlanNode, type Status } from "../plan/types";
import { entryFor } from "../plan/workflow";

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
  /** As first written in the hierarchy, trimmed; "" groups the nodes nobody owns. */
  readonly owner: string;
  /** The owner's node ids in tree order. */
  readonly nodeIds: readonly string[];
}

export interface Progress {
  readonly overall: StatusCounts;
  /** Level 1 first, every level that has nodes. */
  readonly levels: readonly LevelProgress[];
  /** Owners sorted as the owner picker sorts them; the nodes nobody owns last, as owner "". */
  readonly owners: readonly OwnerProgress[];
}

/** The statuses that mean an owner still has to act: a deadline passed with any of these is late. */
export const OPEN_STATUSES: readonly Status[] = ["Not started", "Draft", "Returned"];

export interface LateNode {
  readonly id: string;
  readonly name: string;
  readonly status: Status;
  /** The manager's reason when the status is Returned, else "". */
  readonly returnReason: string;
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
    return [...this.groups.values()].sort((a, b) => a.owner.localeCompare(b.owner, undefined, { sensitivity: "base" }));
  }
}

interface OwnerTally {
  readonly tally: Tally;
  readonly nodeIds: string[];
}

const newOwnerTally = (): OwnerTally => ({ tally: new Tally(), nodeIds: [] });

/**
 * Status counts over every node of the plan, per level and per owner. A node without a workflow row
 * counts as Not started. `view` is `buildPlanView(plan)`; when its hierarchy can't be read (the view
 * lists problems), it has no nodes and every count is 0.
 */
export function progress(view: PlanView): Progress {
  const overall = new Tally();
  const levels: Tally[] = [];
  const owners = new OwnerGroups(newOwnerTally);
  const unowned = newOwnerTally();

  for (const { node, status, depth } of view.nodes) {
    overall.add(status);
    while (levels.length < depth) levels.push(new Tally());
    levels[depth - 1].add(status);
    const group = owners.of(node) ?? unowned;
    group.tally.add(status);
    group.nodeIds.push(node.id);
  }

  const groups = owners.sorted();
  if (unowned.tally.total > 0) groups.push({ owner: "", value: unowned });
  return {
    overall: overall.result(),
    levels: levels.map((tally, i) => ({ level: i + 1, ...tally.result() })),
    owners: groups.map(({ owner, value }) => ({
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
 * The owners with at least one node still Not started, Draft or Returned once the plan's deadline has
 * passed (`today` is after it; on the deadline day itself nobody is late yet), with those nodes in
 * sheet order. Nobody is late without a deadline (or with one that is not an ISO date). Nodes nobody
 * owns are left out: there is no one to remind. Owners sorted as the owner picker sorts them.
 */
export function lateOwners(plan: Plan, today: string): LateOwner[] {
  const deadline = isoDay(plan.settings.deadline);
  const day = isoDay(today);
  if (deadline === undefined || day === undefined || day <= deadline) return [];

  const owners = new OwnerGroups<LateNode[]>(() => []);
  for (const node of plan.nodes) {
    // Every node names its owner's group, late or not, so the owner is spelled as the picker spells them.
    const late = owners.of(node);
    const entry = entryFor(plan, node.id);
    if (late === undefined || !OPEN_STATUSES.includes(entry.status)) continue;
    late.push({
      id: node.id,
      name: node.name,
      status: entry.status,
      returnReason: entry.status === "Returned" ? entry.returnReason : "",
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
      lines.push(`- ${label}, ${node.status.toLowerCase()}${reason}`);
    }
    lines.push("");
  }
  lines.push(progressMessages.reminderClosing);
  return lines.join("\n");
}
