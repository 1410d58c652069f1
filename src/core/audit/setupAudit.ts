/**
 * The audit rows a setup writes, from the plan before and after: setting a plan up is a change of
 * the plan like any other, so renaming, moving, adding or removing a node, giving it to another
 * owner or changing a setting is logged with who did it and when.
 */
import { idKey } from "../cell";
import type { AuditEntry, IdentitySource, PlanNode, PlanSettings } from "../plan/types";

/** Who set the plan up, and when. */
export interface SetupStamp {
  readonly time: string;
  readonly user: string;
  readonly identity?: IdentitySource;
}

/** The stamp of a setup by `by` (absent: an unnamed user), at `by.time` or else `now`. */
export function setupStamp(
  by: { readonly user: string; readonly identity?: IdentitySource; readonly time?: string } | undefined,
  now: string,
): SetupStamp {
  return {
    time: by?.time ?? now,
    user: by?.user ?? "",
    ...(by?.identity === undefined ? {} : { identity: by.identity }),
  };
}

/** The part of a plan a setup writes. */
export interface PlanShape {
  readonly settings: PlanSettings;
  readonly nodes: readonly PlanNode[];
}

export const SETUP_NOTES = {
  changed: "Plan set up again",
  unreadable: "(a plan that could not be read)",
} as const;

/** What a node's setup rows name in Field. */
export const SETUP_FIELDS = {
  plan: "plan",
  added: "node added",
  removed: "node removed",
  name: "name",
  owner: "owner",
  parent: "parent",
} as const;

/**
 * The audit rows for setting up `after` over `before` (null: there was no plan, and nothing to
 * log); one per changed setting (Field "setting <key>"), per node renamed, given to
 * another owner, moved under another parent, added or removed, and per changed extra column
 * ("attribute <header>"). Nodes are matched by id, as everything else in the plan is. Nodes in
 * the order of `after`, removed ones in the order of `before`. "unreadable": there was a plan
 * whose tables could not be read (one row says so).
 */
export function setupAudit(before: PlanShape | "unreadable" | null, after: PlanShape, stamp: SetupStamp): AuditEntry[] {
  const row = (node: string, field: string, oldValue: string, newValue: string, note: string): AuditEntry => ({
    time: stamp.time,
    user: stamp.user,
    node,
    field,
    oldValue,
    newValue,
    note,
    ...(stamp.identity === undefined ? {} : { identity: stamp.identity }),
  });
  // The log starts with the plan: the first setup writes nothing, as the tables it makes say it all.
  if (before === null) return [];
  const shape = `${after.nodes.length} nodes, ${after.settings.periods.length} periods`;
  if (before === "unreadable") return [row("", SETUP_FIELDS.plan, SETUP_NOTES.unreadable, shape, SETUP_NOTES.changed)];
  const note = SETUP_NOTES.changed;
  const entries: AuditEntry[] = [];

  const keys = new Set([...Object.keys(before.settings), ...Object.keys(after.settings)]);
  for (const key of keys) {
    const oldValue = settingText((before.settings as unknown as Record<string, unknown>)[key]);
    const newValue = settingText((after.settings as unknown as Record<string, unknown>)[key]);
    if (oldValue !== newValue) entries.push(row("", `setting ${key}`, oldValue, newValue, note));
  }

  const old = new Map<string, PlanNode>();
  for (const node of before.nodes) {
    const key = idKey(node.id);
    if (key !== undefined && !old.has(key)) old.set(key, node);
  }
  const kept = new Set<string>();
  for (const node of after.nodes) {
    const key = idKey(node.id);
    if (key === undefined) continue;
    kept.add(key);
    const was = old.get(key);
    if (was === undefined) {
      entries.push(row(node.id, SETUP_FIELDS.added, "", node.name, note));
      continue;
    }
    if (was.name !== node.name) entries.push(row(node.id, SETUP_FIELDS.name, was.name, node.name, note));
    if (was.owner !== node.owner) entries.push(row(node.id, SETUP_FIELDS.owner, was.owner, node.owner, note));
    if (idKey(was.parent) !== idKey(node.parent))
      entries.push(row(node.id, SETUP_FIELDS.parent, was.parent, node.parent, note));
    const headers = new Set([...Object.keys(was.attributes), ...Object.keys(node.attributes)]);
    for (const header of headers) {
      const oldValue = was.attributes[header] ?? "";
      const newValue = node.attributes[header] ?? "";
      if (oldValue !== newValue) entries.push(row(node.id, `attribute ${header}`, oldValue, newValue, note));
    }
  }
  for (const [key, node] of old) {
    if (!kept.has(key)) entries.push(row(node.id, SETUP_FIELDS.removed, node.name, "", note));
  }
  return entries;
}

function settingText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(settingText).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
