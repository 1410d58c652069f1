/**
 * Collecting contributor workbooks that come back: `previewCollect` compares the files (read by
 * the .xlsx adapter, src/xlsx/returnedFile.ts) with the plan and the plan's own record of each
 * file made (madeFiles.ts), and decides per node and period what is accepted and what is refused
 * and why; its `entries` and `audit` are what applying writes, in one `saveEntries` batch. Pure.
 *
 * Trust: a file is collected only if its file id matches a record the plan keeps. The owner, the
 * nodes the file may carry and the values each row held when it was made all come from that
 * record, never from the file: a forged owner, an added row, an edited or removed marker change
 * nothing. A file without a matching record is refused, or, if the manager insists and names the
 * owner, compared with the plan as it is now with a warning on every change.
 * Three-way comparison: a cell counts as changed only where the file differs from the record. If
 * the plan changed that cell meanwhile too, the change is refused rather than overwrite a newer value.
 * Rows are collected whole: a row with any refused cell is not collected at all; a row where only
 * the comment changed is saved as a draft (the preview says so), never submitted.
 */
import { idKey } from "../cell";
import { planMessages, sharingMessages } from "../messages";
import { guardrailMessages, submissionCheck } from "../plan/guardrails";
import { decimalPlaces, formatNumber, formatUnrounded } from "../plan/numbers";
import type { AuditEntry, NodeEntry, Plan, PlanNode, PlanSettings } from "../plan/types";
import {
  ACTION_LABELS,
  allowedActions,
  applyAction,
  entryFor,
  isLockedForContributor,
  nodesOwnedBy,
} from "../plan/workflow";
import { MAX_CELL_TEXT, textTooLong } from "../plan/text";
import { collectMessages } from "./collectMessages";
import { TARGETS_COLUMNS } from "./contributorFile";
import { MAX_CHANGES_PER_FILE } from "./limits";
import { fileIdKey, type MadeFile } from "./madeFiles";
import type { CollectedFile, FileCell, ReturnedRow, ReturnedWorkbook } from "./returnedFile";
import { columnDecimals, columnSettings, valueColumns } from "../plan/measures";

export type { CollectedFile, FileCell, FileRead, ReturnedRow, ReturnedWorkbook } from "./returnedFile";

export interface CollectOptions {
  /** ISO timestamp the accepted changes are stamped with. */
  readonly now: string;
  /** Who collects (named in the audit note); may be "". */
  readonly collectedBy: string;
  /** For the numbers in messages ("a whole number, like 12,500"). */
  readonly locale: string;
  /**
   * Files without a matching record the manager chose to compare anyway, by file name, with the
   * owner the manager vouches for: compared with the plan as it is now, every change warned.
   */
  readonly insist?: ReadonlyMap<string, string>;
}

/** One cell of a returned file that differs from the plan, and what collecting does with it. */
export interface CollectChange {
  readonly id: string;
  /** The node's name in the plan, or as the file writes it. */
  readonly name: string;
  /** A period label, "comment", or "status" for the status the accepted changes give the node. */
  readonly field: string;
  /** What the plan holds now. */
  readonly before: number | string | null;
  /** What the file holds: a number, text, or a formula as "=..."; null for blank. */
  readonly after: number | string | null;
  readonly accepted: boolean;
  /** Why it is rejected; null when accepted. */
  readonly reason: string | null;
  /** Something the manager must know about an accepted change (a file compared without its record); null if none. */
  readonly warning: string | null;
}

export interface FilePreview {
  readonly fileName: string;
  /** Whose file it is, per the plan's record (or the owner the manager named); null when refused before that. */
  readonly owner: string | null;
  /** When the matched file was made, per the plan's record. */
  readonly made: string | null;
  /** The plan's record the file matched; null when it matched none. */
  readonly matched: MadeFile | null;
  /** The file matched no record and was not compared: the manager may compare it anyway. */
  readonly unmatched: boolean;
  /** Why the whole file is refused (nothing in it is collected); null when it was read. */
  readonly error: string | null;
  /** Things about the file as a whole the manager should know (which record it matched, a repeated row). */
  readonly notes: readonly string[];
  readonly changes: readonly CollectChange[];
}

export interface CollectPreview {
  readonly files: readonly FilePreview[];
  /** What applying writes, as `PlanWorkbook.saveEntries` takes it: one row per node. */
  readonly entries: readonly { readonly expected: NodeEntry; readonly next: NodeEntry }[];
  readonly audit: readonly AuditEntry[];
  readonly accepted: number;
  readonly rejected: number;
}

const EXAMPLES = [12500, 12500.5, 12500.25];

function ownerKey(owner: string): string | undefined {
  return idKey(owner);
}

/** The plan's rule a number breaks, or null: negatives where not allowed, too many decimals. */
function ruleProblem(value: number, settings: PlanSettings, locale: string): string | null {
  if (value < 0 && !settings.allowNegative) return planMessages.negativeNotAllowed;
  const decimals = Math.max(0, Math.trunc(settings.decimals) || 0);
  if (decimalPlaces(value) > decimals)
    return planMessages.tooManyDecimals(decimals, formatNumber(EXAMPLES[Math.min(decimals, 2)], locale, decimals));
  return null;
}

/** A cell's value as the preview shows it, and the reason it can't be a target (null if it can). */
function asValue(cell: FileCell): { shown: number | string | null; value: number | null; problem: string | null } {
  switch (cell.kind) {
    case "blank":
      return { shown: null, value: null, problem: null };
    case "number":
      return { shown: cell.value, value: cell.value, problem: null };
    case "formula":
      return cell.array
        ? { shown: `={${cell.formula}}`, value: null, problem: collectMessages.arrayResult(cell.formula) }
        : { shown: `=${cell.formula}`, value: null, problem: sharingMessages.formulaInCell(cell.formula) };
    case "text":
      return { shown: cell.text, value: null, problem: sharingMessages.textInCell(cell.text) };
    case "date":
      return { shown: "date", value: null, problem: sharingMessages.dateInCell };
    case "boolean":
      return { shown: cell.value ? "TRUE" : "FALSE", value: null, problem: sharingMessages.booleanInCell };
    case "error":
      return { shown: cell.error, value: null, problem: sharingMessages.errorInCell(cell.error) };
    case "invalid":
      return { shown: cell.raw, value: null, problem: collectMessages.invalidNumber(cell.raw) };
  }
}

/** A comment cell as text, and the reason it can't be one. */
function asComment(cell: FileCell): { shown: string; problem: string | null } {
  switch (cell.kind) {
    case "blank":
      return { shown: "", problem: null };
    case "text":
      return { shown: cell.text, problem: textTooLong(cell.text) ? collectMessages.textTooLong(MAX_CELL_TEXT) : null };
    case "number":
      return { shown: String(cell.value), problem: null };
    default: {
      const { shown, problem } = asValue(cell);
      return { shown: String(shown ?? ""), problem };
    }
  }
}

/** A refused file: nothing in it is collected. */
function refusedFile(fileName: string, message: string, extra: Partial<FilePreview> = {}): FilePreview {
  return {
    fileName,
    owner: null,
    made: null,
    matched: null,
    unmatched: false,
    error: message,
    notes: [],
    changes: [],
    ...extra,
  };
}

/**
 * One cell's fate: undefined when it is no change, else the reason it is refused, or null when it
 * is accepted. A change is a difference from what the cell held when the file was made (`made`);
 * a cell the plan changed meanwhile (`now`) is only taken if the file agrees with the plan.
 */
function verdict<T>(
  value: T,
  problem: string | null,
  made: T,
  now: T,
  rowProblem: string | null,
  describeNow: () => string,
  rules: () => string | null,
): string | null | undefined {
  if (problem === null && value === made) return undefined;
  if (rowProblem !== null) return rowProblem;
  if (problem !== null) return problem;
  if (now !== made) return value === now ? undefined : sharingMessages.changedSince(describeNow());
  return rules();
}

/** A row's values and comment as the file was made, by period label (lower case). */
interface BaseRow {
  readonly values: ReadonlyMap<string, number | null>;
  readonly comment: string;
}

interface RowInput {
  readonly row: ReturnedRow;
  readonly id: string;
  readonly name: string;
  /** The node's row in the plan; null for an id the plan doesn't have. */
  readonly entry: NodeEntry | null;
  /** The row as the file was made; null to compare with the plan as it is. */
  readonly base: BaseRow | null;
  /** Why no cell of the row may change, if so. */
  readonly rowProblem: string | null;
  readonly warning: string | null;
}

interface RowOutcome {
  readonly rejected: CollectChange[];
  readonly accepted: CollectChange[];
  readonly values: (number | null)[];
  readonly comment: string;
  /** Whether an accepted change is a period value (not only the comment). */
  readonly valueChanged: boolean;
}

/** Every change in one row of a file, accepted or refused, and the row's values with the accepted ones. */
function compareRow(
  input: RowInput,
  columns: readonly (number | undefined)[],
  settings: PlanSettings,
  locale: string,
): RowOutcome {
  const { row, id, name, entry, base, rowProblem, warning } = input;
  const rejected: CollectChange[] = [];
  const accepted: CollectChange[] = [];
  const values = entry === null ? [] : [...entry.values];
  let valueChanged = false;
  const decide = (
    field: string,
    before: number | string | null,
    after: number | string | null,
    reason: string | null,
  ): void => {
    const change = {
      id,
      name,
      field,
      before,
      after,
      accepted: reason === null,
      reason,
      warning: reason === null ? warning : null,
    };
    (reason === null ? accepted : rejected).push(change);
  };

  row.cells.forEach((cell, c) => {
    const p = columns[c];
    if (p === undefined) return;
    const field = valueColumns(settings)[p];
    const now = entry?.values[p] ?? null;
    const key = field.trim().toLowerCase();
    const made = base === null || !base.values.has(key) ? now : (base.values.get(key) ?? null);
    const { shown, value, problem } = asValue(cell);
    const reason = verdict(
      value,
      problem,
      made,
      now,
      rowProblem,
      () => formatUnrounded(now, locale, columnDecimals(settings, p)),
      () => (value === null ? null : ruleProblem(value, columnSettings(settings, columnDecimals(settings, p)), locale)),
    );
    if (reason === undefined) return;
    if (reason === null) {
      values[p] = value;
      valueChanged = true;
    }
    decide(field, now, reason === null ? value : shown, reason);
  });

  let comment = entry?.comment ?? "";
  if (row.comment !== null) {
    const now = comment;
    const made = base === null ? now : base.comment;
    const { shown, problem } = asComment(row.comment);
    const reason = verdict(
      shown,
      problem,
      made,
      now,
      rowProblem,
      () => now,
      () => null,
    );
    if (reason !== undefined) {
      if (reason === null) comment = shown;
      decide(TARGETS_COLUMNS.comment.toLowerCase(), now, shown, reason);
    }
  }
  // A row is collected whole: one refused cell keeps every other change of the row out too.
  if (rejected.length > 0 && accepted.length > 0) {
    const refused = collectMessages.rowRefused(rejected.map((change) => change.field));
    for (const change of accepted) rejected.push({ ...change, accepted: false, reason: refused, warning: null });
    accepted.length = 0;
    valueChanged = false;
  }
  return { rejected, accepted, values, comment, valueChanged };
}

/** Whose file it is and what it held as made: the plan's record, or the owner the manager vouched for. */
type FileMatch =
  | { readonly owner: string; readonly record: MadeFile | null; readonly note: string }
  | { readonly error: string; readonly unmatched: boolean };

function matchFile(
  plan: Plan,
  fileName: string,
  file: ReturnedWorkbook,
  made: ReadonlyMap<string, MadeFile>,
  options: CollectOptions,
): FileMatch {
  const record = file.fileId === null ? undefined : made.get(fileIdKey(file.fileId));
  if (record !== undefined) {
    const owned = nodesOwnedBy(plan, record.owner);
    if (owned.length === 0) return { error: collectMessages.ownerLeft(record.owner), unmatched: false };
    const owner = owned[0].owner;
    return { owner, record, note: collectMessages.matched(owner, record.made, record.madeBy, record.fileId) };
  }
  const vouched = options.insist?.get(fileName);
  if (vouched === undefined) {
    const claim = file.claimedOwner === null ? "" : ` ${collectMessages.noRecordClaim(file.claimedOwner)}`;
    return { error: `${collectMessages.noRecord}.${claim}`, unmatched: true };
  }
  const owned = nodesOwnedBy(plan, vouched);
  if (owned.length === 0) return { error: sharingMessages.unknownOwner(vouched), unmatched: true };
  return { owner: owned[0].owner, record: null, note: collectMessages.insisted(owned[0].owner) };
}

/**
 * Compares each returned file with the plan and the plan's records of the files it made (files in
 * order; a node changed by an earlier file is not changed again by a later one) and decides what
 * applying would write. Pure.
 */
export function previewCollect(
  plan: Plan,
  files: readonly CollectedFile[],
  made: ReadonlyMap<string, MadeFile>,
  options: CollectOptions,
): CollectPreview {
  const { settings } = plan;
  const nodesByKey = new Map<string, PlanNode>();
  for (const node of plan.nodes) {
    const key = idKey(node.id);
    if (key !== undefined && !nodesByKey.has(key)) nodesByKey.set(key, node);
  }
  const periodIndex = new Map(valueColumns(settings).map((label, p) => [label.trim().toLowerCase(), p]));
  const claimedBy = new Map<string, string>();
  const previews: FilePreview[] = [];
  const entries: { expected: NodeEntry; next: NodeEntry }[] = [];
  const audit: AuditEntry[] = [];
  let acceptedCount = 0;
  let rejectedCount = 0;

  for (const { fileName, read } of files) {
    if (!read.ok) {
      previews.push(refusedFile(fileName, read.message));
      continue;
    }
    const file = read.workbook;
    const match = matchFile(plan, fileName, file, made, options);
    if ("error" in match) {
      previews.push(refusedFile(fileName, match.error, { unmatched: match.unmatched }));
      continue;
    }
    const { owner, record } = match;
    const warning = record === null ? collectMessages.unmatchedWarning : null;
    const baseRows = new Map<string, BaseRow>();
    if (record !== null) {
      const labels = record.periods.map((label) => label.trim().toLowerCase());
      for (const row of record.rows) {
        const key = idKey(row.id);
        if (key === undefined || baseRows.has(key)) continue;
        baseRows.set(key, {
          values: new Map(labels.map((label, p) => [label, row.values[p] ?? null])),
          comment: row.comment,
        });
      }
    }

    const notes: string[] = [match.note];
    const changes: CollectChange[] = [];
    const fileEntries: { expected: NodeEntry; next: NodeEntry }[] = [];
    const fileAudit: AuditEntry[] = [];
    let fileAccepted = 0;
    let fileRejected = 0;
    const columns = file.periods.map((label) => periodIndex.get(label.trim().toLowerCase()));
    file.periods.forEach((label, c) => {
      if (columns[c] === undefined) notes.push(sharingMessages.unknownPeriod(label));
    });
    const firstRow = new Map<string, number>();
    const claimed: string[] = [];
    let tooMany = false;

    for (const row of file.rows) {
      if (changes.length > MAX_CHANGES_PER_FILE) {
        tooMany = true;
        break;
      }
      const key = idKey(row.id);
      if (key === undefined) {
        notes.push(sharingMessages.rowWithoutId(row.sheetRow));
        continue;
      }
      const first = firstRow.get(key);
      if (first !== undefined) {
        notes.push(sharingMessages.repeatedRow(row.id, row.sheetRow, first));
        continue;
      }
      firstRow.set(key, row.sheetRow);
      const node = nodesByKey.get(key);
      const entry = node === undefined ? null : entryFor(plan, node.id);
      const earlier = claimedBy.get(key);
      const base = record === null ? null : (baseRows.get(key) ?? null);
      // Cells of a row that may not change are still compared, so every change is listed with why.
      const rowProblem =
        record !== null && base === null
          ? collectMessages.notInMadeFile(row.id)
          : node === undefined || entry === null
            ? sharingMessages.unknownNode(row.id)
            : ownerKey(node.owner) !== ownerKey(owner)
              ? sharingMessages.notYours(node.name, node.owner, owner)
              : isLockedForContributor(entry.status)
                ? planMessages.lockedApproved
                : earlier !== undefined
                  ? sharingMessages.alsoInFile(earlier)
                  : null;
      const outcome = compareRow(
        {
          row,
          id: node?.id ?? row.id,
          name: node?.name ?? (row.name === "" ? row.id : row.name),
          entry,
          base: base ?? (record === null ? null : { values: new Map(), comment: "" }),
          rowProblem,
          warning,
        },
        columns,
        settings,
        options.locale,
      );
      for (const change of outcome.rejected) changes.push(change);
      fileRejected += outcome.rejected.length;
      if (outcome.accepted.length === 0 || node === undefined || entry === null) continue;

      // The node's accepted changes are one workflow action by its owner: a submission, or a
      // draft while periods are blank or when only the comment changed.
      const complete = outcome.values.every((value) => value !== null);
      const canDraft = allowedActions(entry.status, "contributor").includes("saveDraft");
      if (!outcome.valueChanged && !canDraft) {
        const reason = collectMessages.commentOnlyRefused(node.name, entry.status);
        for (const change of outcome.accepted) changes.push({ ...change, accepted: false, reason, warning: null });
        fileRejected += outcome.accepted.length;
        continue;
      }
      let action: "submit" | "saveDraft" = outcome.valueChanged && (complete || !canDraft) ? "submit" : "saveDraft";
      if (!outcome.valueChanged) notes.push(collectMessages.commentOnly(node.name));
      // The plan's guardrails stop a returned file's submission as they stop the pane's: kept as a draft where it can be.
      const guard =
        action === "submit" ? submissionCheck(plan, node.id, outcome.values, outcome.comment, options.locale) : null;
      if (guard !== null && guard.refusal !== null) {
        if (!canDraft) {
          for (const change of outcome.accepted)
            changes.push({ ...change, accepted: false, reason: guard.refusal, warning: null });
          fileRejected += outcome.accepted.length;
          continue;
        }
        action = "saveDraft";
        notes.push(guardrailMessages.keptAsDraft(node.name, guard.breaks));
      }
      const result = applyAction(entry, action, {
        role: "contributor",
        user: owner,
        now: options.now,
        values: outcome.values,
        comment: outcome.comment,
        periods: valueColumns(settings),
      });
      if (!result.ok) {
        for (const change of outcome.accepted)
          changes.push({ ...change, accepted: false, reason: result.message, warning: null });
        fileRejected += outcome.accepted.length;
        continue;
      }
      for (const change of outcome.accepted) changes.push(change);
      fileAccepted += outcome.accepted.length;
      if (result.entry.status !== entry.status)
        changes.push({
          id: node.id,
          name: node.name,
          field: "status",
          before: entry.status,
          after: result.entry.status,
          accepted: true,
          reason: null,
          warning,
        });
      claimed.push(key);
      fileEntries.push({ expected: entry, next: result.entry });
      const note = sharingMessages.collectedNote(fileName, options.collectedBy, ACTION_LABELS[action]);
      for (const item of result.audit) fileAudit.push({ ...item, note });
    }
    if (tooMany) {
      previews.push(refusedFile(fileName, collectMessages.tooManyChanges(MAX_CHANGES_PER_FILE), { owner }));
      continue;
    }
    for (const key of claimed) claimedBy.set(key, fileName);
    for (const item of fileEntries) entries.push(item);
    for (const item of fileAudit) audit.push(item);
    acceptedCount += fileAccepted;
    rejectedCount += fileRejected;
    previews.push({
      fileName,
      owner,
      made: record?.made ?? null,
      matched: record,
      unmatched: false,
      error: null,
      notes,
      changes: ordered(changes, plan),
    });
  }
  return { files: previews, entries, audit, accepted: acceptedCount, rejected: rejectedCount };
}

/** Changes in the plan's node order, then fields in period order; unknown nodes last. */
function ordered(changes: readonly CollectChange[], plan: Plan): CollectChange[] {
  const nodeOrder = new Map(plan.nodes.map((node, i) => [idKey(node.id) as string, i]));
  const fieldOrder = new Map<string, number>([
    ...valueColumns(plan.settings).map((label, p): [string, number] => [label, p]),
    [TARGETS_COLUMNS.comment.toLowerCase(), valueColumns(plan.settings).length],
    ["status", valueColumns(plan.settings).length + 1],
  ]);
  const rank = (change: CollectChange): [number, number] => [
    nodeOrder.get(idKey(change.id) ?? "") ?? Number.MAX_SAFE_INTEGER,
    fieldOrder.get(change.field) ?? Number.MAX_SAFE_INTEGER,
  ];
  return changes
    .map((change, i) => ({ change, i, rank: rank(change) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.i - b.i)
    .map(({ change }) => change);
}
