/**
 * What the audit log says about each node's values: what was submitted, what changed between the
 * last two submissions, and whether the sheet still holds what Groundup last wrote. The log is the
 * one record of values as submitted and approved (every workflow write appends its period fields,
 * then its status; see `applyAction`), so edits typed straight into the inputs sheet show up as a
 * difference between the log and the row.
 */
import { idKey } from "../cell";
import type { AuditEntry, NodeEntry, PeriodValues, Plan } from "./types";
import { valueColumns } from "./measures";

export interface PeriodChange {
  readonly period: number;
  readonly before: number | null;
  readonly after: number | null;
}

export interface NodeHistory {
  /** The values as of each submission, oldest first (only the periods the log names; null elsewhere). */
  readonly submissions: readonly PeriodValues[];
  /** Per period, the value Groundup last wrote; undefined where the log never wrote that period. */
  readonly recorded: readonly (number | null | undefined)[];
}

function parseLogged(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** Replays the log per node (matched like ids) over the plan's period labels. Linear in the log. */
export function nodeHistories(plan: Plan, audit: readonly AuditEntry[]): Map<string, NodeHistory> {
  const replay = new HistoryReplay(valueColumns(plan.settings));
  replay.extend(audit);
  return replay.histories();
}

interface ReplayedNode {
  readonly recorded: (number | null | undefined)[];
  readonly submissions: PeriodValues[];
  lastTime: string;
}

/**
 * `nodeHistories` kept open: a log read again after a save is the log before with a few rows
 * appended (the same entry objects, as the workbook adapters keep them), so only those rows are
 * replayed instead of tens of thousands again.
 */
export class HistoryReplay {
  private readonly periodIndex: ReadonlyMap<string, number>;
  private readonly nodes = new Map<string, ReplayedNode>();
  private replayed = 0;
  private last: AuditEntry | undefined;

  constructor(readonly periods: readonly string[]) {
    this.periodIndex = new Map(periods.map((label, i) => [label, i]));
  }

  /** Whether `audit` is the log replayed so far with rows appended (its first rows the same entries). */
  continues(audit: readonly AuditEntry[]): boolean {
    return audit.length >= this.replayed && (this.replayed === 0 || audit[this.replayed - 1] === this.last);
  }

  /** Replays the rows of `audit` after those already replayed; `audit` must continue the log (`continues`). */
  extend(audit: readonly AuditEntry[]): void {
    for (let i = this.replayed; i < audit.length; i++) this.replay(audit[i]);
    this.replayed = audit.length;
    if (audit.length > 0) this.last = audit[audit.length - 1];
  }

  /** Each node's history as replayed so far (copies: later rows don't change them). */
  histories(): Map<string, NodeHistory> {
    const out = new Map<string, NodeHistory>();
    for (const [key, node] of this.nodes)
      out.set(key, { recorded: [...node.recorded], submissions: [...node.submissions] });
    return out;
  }

  private replay(row: AuditEntry): void {
    const key = idKey(row.node);
    if (key === undefined) return;
    let node = this.nodes.get(key);
    if (node === undefined) {
      node = {
        recorded: new Array<number | null | undefined>(this.periods.length).fill(undefined),
        submissions: [],
        lastTime: "",
      };
      this.nodes.set(key, node);
    }
    const period = this.periodIndex.get(row.field);
    if (period !== undefined) node.recorded[period] = parseLogged(row.newValue);
    if (row.note.startsWith("Submitted")) {
      const values = node.recorded.map((value) => value ?? null);
      // One action writes several rows with the same time: they make one submission.
      if (node.lastTime === row.time && node.submissions.length > 0)
        node.submissions[node.submissions.length - 1] = values;
      else node.submissions.push(values);
      node.lastTime = row.time;
    } else {
      node.lastTime = "";
    }
  }
}

/** Periods whose value differs between the last two submissions; empty for a first submission. */
export function changesSinceLastSubmission(history: NodeHistory | undefined): PeriodChange[] {
  if (history === undefined || history.submissions.length < 2) return [];
  const before = history.submissions[history.submissions.length - 2];
  const after = history.submissions[history.submissions.length - 1];
  const changes: PeriodChange[] = [];
  for (let p = 0; p < after.length; p++) {
    if ((before[p] ?? null) !== (after[p] ?? null))
      changes.push({ period: p, before: before[p] ?? null, after: after[p] ?? null });
  }
  return changes;
}

/**
 * Periods of a Submitted or Approved row whose value in the sheet differs from what Groundup last
 * wrote to it: someone typed over a submitted or approved value outside the pane. `before` is the
 * value in the log, `after` the one in the sheet. Periods the log never wrote can't be judged.
 */
export function changedOutside(entry: NodeEntry, history: NodeHistory | undefined): PeriodChange[] {
  if (history === undefined || (entry.status !== "Submitted" && entry.status !== "Approved")) return [];
  const changes: PeriodChange[] = [];
  history.recorded.forEach((logged, p) => {
    if (logged === undefined) return;
    const now = entry.values[p] ?? null;
    if (now !== logged) changes.push({ period: p, before: logged, after: now });
  });
  return changes;
}

/** The history of one node from `nodeHistories`. */
export function historyOf(histories: ReadonlyMap<string, NodeHistory>, id: string): NodeHistory | undefined {
  const key = idKey(id);
  return key === undefined ? undefined : histories.get(key);
}
