/**
 * Collecting contributor workbooks that come back (layout: contributorFile.ts). Two steps:
 * - `readReturnedFile` reads the bytes as values only: a file that is empty, encrypted, not an
 *   .xlsx or damaged is refused as a whole with a message; otherwise every input cell is taken as
 *   what it holds (a number, blank, text, a formula, ...). Formulas are never evaluated and their
 *   cached results never trusted; macros, links and hidden sheets are never looked at (the very
 *   hidden marker sheets are read for the marker, the values and the cells as made, nothing else).
 *   Every cell outside the input cells that differs from the file as made (the "Groundup cells"
 *   record) is an edit outside the allowed cells: reported, never collected.
 * - `previewCollect` compares the files with the plan and decides, per node and period, what is
 *   accepted and what is rejected and why; its `entries` and `audit` are what applying writes, in
 *   one `saveEntries` batch.
 *
 * Three-way comparison: a cell counts as changed only where the file differs from what the row
 *   held when the file was made (the marker keeps it). If the plan changed that cell meanwhile too,
 *   the change is rejected rather than overwrite someone's newer value. Files without a marker are
 *   compared with the plan as it is.
 * Status: a node with accepted changes is submitted by its owner ("via file"), or saved as a draft
 *   when periods are still blank; the audit note names the file and who collected it.
 */
import ExcelJS from "exceljs";
import { idKey, idText } from "../cell";
import { planMessages, sharingMessages } from "../messages";
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
import { cellAddress } from "../a1";
import {
  CELLS_CHUNK,
  CELLS_HEADER,
  FILE_SHEETS,
  MARKER_KEYS,
  RECORDED_SHEETS,
  TARGETS_COLUMNS,
} from "./contributorFile";

/** What an input cell of a returned file holds, read as a value. */
export type FileCell =
  | { readonly kind: "blank" }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "formula"; readonly formula: string }
  | { readonly kind: "date" }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "error"; readonly error: string };

export interface ReturnedRow {
  /** 1-based row on the Targets sheet. */
  readonly sheetRow: number;
  /** As written; "" when blank. */
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  /** Index-aligned with `ReturnedWorkbook.periods`. */
  readonly cells: readonly FileCell[];
  /** null when the file has no comment column. */
  readonly comment: FileCell | null;
}

/** A row's period values and comment when the file was made, from the marker. */
export interface BaseRow {
  /** By period label, lower case. */
  readonly values: ReadonlyMap<string, number | null>;
  readonly comment: string;
}

export interface ReturnedWorkbook {
  /** The marker's plan name, owner and time made; null where the file has no marker. */
  readonly plan: string | null;
  readonly owner: string | null;
  readonly made: string | null;
  /** The period columns of the Targets sheet, as headed. */
  readonly periods: readonly string[];
  readonly rows: readonly ReturnedRow[];
  /** By id key; null without a marker. */
  readonly base: ReadonlyMap<string, BaseRow> | null;
  /** Cells outside the input cells that differ from the file as made; [] without a record of it. */
  readonly outside: readonly OutsideEdit[];
}

/** A cell outside the owner's input cells that differs from what the file was made with. */
export interface OutsideEdit {
  /** The sheet as made ("Targets", "Report", "Settings"). */
  readonly sheet: string;
  /** "C5". */
  readonly address: string;
  /** The node id the row was made for (Targets and Report rows); null for other rows. */
  readonly id: string | null;
  readonly made: FileCell;
  readonly now: FileCell;
}

export type FileRead =
  { readonly ok: true; readonly workbook: ReturnedWorkbook } | { readonly ok: false; readonly message: string };

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_SIGNATURE = [0x50, 0x4b];
/** Every .xlsx package has this part; its name is stored uncompressed in the zip's directory. */
const WORKBOOK_PART = "xl/workbook.xml";
const HEADER_SEARCH_ROWS = 30;

function startsWith(data: Uint8Array, signature: readonly number[]): boolean {
  return data.length >= signature.length && signature.every((byte, i) => data[i] === byte);
}

function contains(data: Uint8Array, text: string): boolean {
  const bytes = Array.from(text, (char) => char.charCodeAt(0));
  outer: for (let i = 0; i + bytes.length <= data.length; i++) {
    for (let j = 0; j < bytes.length; j++) if (data[i + j] !== bytes[j]) continue outer;
    return true;
  }
  return false;
}

function textOf(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object" && "richText" in value) return value.richText.map((run) => run.text).join("");
  if (typeof value === "object" && "text" in value && typeof value.text === "string") return value.text;
  return "";
}

/** What a cell holds, as a value; a formula is reported as one whatever its cached result. */
export function readCell(cell: ExcelJS.Cell): FileCell {
  if (cell.type === ExcelJS.ValueType.Formula) return { kind: "formula", formula: cell.formula ?? "" };
  const value = cell.value;
  if (value === null || value === undefined) return { kind: "blank" };
  if (typeof value === "number") return Number.isFinite(value) ? { kind: "number", value } : { kind: "blank" };
  if (typeof value === "boolean") return { kind: "boolean", value };
  if (value instanceof Date) return { kind: "date" };
  if (typeof value === "object" && "error" in value) return { kind: "error", error: String(value.error) };
  const text = textOf(value);
  return text.trim() === "" ? { kind: "blank" } : { kind: "text", text };
}

function sheetNamed(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  return workbook.worksheets.find((sheet) => sheet.name.trim().toLowerCase() === name.toLowerCase());
}

/** 1-based row whose column A says `Id` (the header row), searched from `from`. */
function headerRow(sheet: ExcelJS.Worksheet, from: number, to: number): number | null {
  for (let r = from; r <= Math.min(to, sheet.rowCount); r++) {
    if (textOf(sheet.getCell(r, 1).value).trim().toLowerCase() === TARGETS_COLUMNS.id.toLowerCase()) return r;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The record of the cells as made ("Groundup cells")

/** A cell as JSON: null (blank), a number, a string (text), or {f}, {b}, {e}, {d} for the rest. */
type CellJson = null | number | string | { f: string } | { b: boolean } | { e: string } | { d: 1 };

function toJson(cell: FileCell): CellJson {
  switch (cell.kind) {
    case "blank":
      return null;
    case "number":
      return cell.value;
    case "text":
      return cell.text;
    case "formula":
      return { f: cell.formula };
    case "boolean":
      return { b: cell.value };
    case "error":
      return { e: cell.error };
    case "date":
      return { d: 1 };
  }
}

function fromJson(json: unknown): FileCell {
  if (typeof json === "number" && Number.isFinite(json)) return { kind: "number", value: json };
  if (typeof json === "string") return json.trim() === "" ? { kind: "blank" } : { kind: "text", text: json };
  if (typeof json !== "object" || json === null) return { kind: "blank" };
  const record = json as Record<string, unknown>;
  if (typeof record.f === "string") return { kind: "formula", formula: record.f };
  if (typeof record.b === "boolean") return { kind: "boolean", value: record.b };
  if (typeof record.e === "string") return { kind: "error", error: record.e };
  if ("d" in record) return { kind: "date" };
  return { kind: "blank" };
}

/**
 * The rows of the "Groundup cells" sheet recording `sheets` as they are: Sheet | Row | first
 * Column | the cells from there as a JSON array, split so no JSON text outgrows a cell.
 */
export function recordCells(sheets: readonly ExcelJS.Worksheet[]): (string | number)[][] {
  const rows: (string | number)[][] = [[...CELLS_HEADER]];
  for (const sheet of sheets) {
    sheet.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: CellJson[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        while (cells.length < c - 1) cells.push(null);
        cells[c - 1] = toJson(readCell(cell));
      });
      let first = 0;
      let chunk: CellJson[] = [];
      let length = 2;
      const flush = (): void => {
        while (chunk.length > 0 && chunk[chunk.length - 1] === null) chunk.pop();
        if (chunk.length > 0) rows.push([sheet.name, r, first + 1, JSON.stringify(chunk)]);
      };
      cells.forEach((cell, c) => {
        const size = JSON.stringify(cell).length + 1;
        if (chunk.length > 0 && length + size > CELLS_CHUNK) {
          flush();
          chunk = [];
          length = 2;
        }
        if (chunk.length === 0) first = c;
        chunk.push(cell);
        length += size;
      });
      flush();
    });
  }
  return rows;
}

/** The recorded cells, by sheet (lower case) then row then column (1-based); null without a record. */
function readRecord(workbook: ExcelJS.Workbook): Map<string, Map<number, Map<number, FileCell>>> | null {
  const sheet = sheetNamed(workbook, FILE_SHEETS.cells);
  if (sheet === undefined) return null;
  const record = new Map<string, Map<number, Map<number, FileCell>>>();
  for (let r = 2; r <= sheet.rowCount; r++) {
    const name = textOf(sheet.getCell(r, 1).value).trim().toLowerCase();
    const row = sheet.getCell(r, 2).value;
    const first = sheet.getCell(r, 3).value;
    if (name === "" || typeof row !== "number" || typeof first !== "number") continue;
    let cells: unknown;
    try {
      cells = JSON.parse(textOf(sheet.getCell(r, 4).value));
    } catch {
      continue;
    }
    if (!Array.isArray(cells)) continue;
    const rows = record.get(name) ?? new Map<number, Map<number, FileCell>>();
    record.set(name, rows);
    const columns = rows.get(row) ?? new Map<number, FileCell>();
    rows.set(row, columns);
    cells.forEach((json, i) => {
      const cell = fromJson(json);
      if (cell.kind !== "blank") columns.set(first + i, cell);
    });
  }
  return record;
}

/** Formulas as Excel, LibreOffice and exceljs write them back alike: no spaces, $ or quotes, upper case. */
function formulaKey(formula: string): string {
  return formula
    .replace(/^=/, "")
    .replace(/[\s$']/g, "")
    .toUpperCase();
}

function sameCell(a: FileCell, b: FileCell): boolean {
  switch (a.kind) {
    case "blank":
    case "date":
      return b.kind === a.kind;
    case "number":
      return (
        b.kind === "number" && Math.abs(a.value - b.value) <= 1e-9 * Math.max(1, Math.abs(a.value), Math.abs(b.value))
      );
    case "text":
      return b.kind === "text" && a.text.trim() === b.text.trim();
    case "formula":
      return b.kind === "formula" && formulaKey(a.formula) === formulaKey(b.formula);
    case "boolean":
      return b.kind === "boolean" && a.value === b.value;
    case "error":
      return b.kind === "error" && a.error === b.error;
  }
}

/** Where collect reads the Targets sheet's input cells and rows; these cells are not compared again. */
interface TargetsLayout {
  readonly sheet: ExcelJS.Worksheet;
  readonly header: number;
  readonly idCol: number;
  /** Period columns (the plan's or not) and the comment column. */
  readonly inputCols: ReadonlySet<number>;
  /** Rows read as rows of nodes. */
  readonly rows: ReadonlySet<number>;
}

/**
 * Every cell of the sheets the file was made with that differs from the record, except the cells
 * collect reads as inputs (period and comment columns, ids, and rows added below the table).
 */
function outsideEdits(
  workbook: ExcelJS.Workbook,
  record: Map<string, Map<number, Map<number, FileCell>>>,
  targets: TargetsLayout,
): OutsideEdit[] {
  const edits: OutsideEdit[] = [];
  for (const name of RECORDED_SHEETS) {
    const recorded = record.get(name.toLowerCase());
    if (recorded === undefined) continue;
    const isTargets = name === FILE_SHEETS.targets;
    const sheet = isTargets ? targets.sheet : sheetNamed(workbook, name);
    if (sheet === undefined) continue;
    const positions = new Map<number, Set<number>>();
    const add = (r: number, c: number): void => {
      const columns = positions.get(r) ?? new Set<number>();
      positions.set(r, columns);
      columns.add(c);
    };
    for (const [r, columns] of recorded) for (const c of columns.keys()) add(r, c);
    sheet.eachRow({ includeEmpty: false }, (row, r) => row.eachCell({ includeEmpty: false }, (_, c) => add(r, c)));
    // The row of ids as made: rows below it were made for the node whose id is in column A.
    let idHeader = Number.MAX_SAFE_INTEGER;
    for (const [r, columns] of recorded) {
      const first = columns.get(1);
      if (first?.kind === "text" && first.text.trim().toLowerCase() === TARGETS_COLUMNS.id.toLowerCase())
        idHeader = Math.min(idHeader, r);
    }
    const lastMade = Math.max(0, ...recorded.keys());
    const exempt = (r: number, c: number): boolean =>
      isTargets &&
      r >= targets.header &&
      (targets.inputCols.has(c) ||
        (r > targets.header && c === targets.idCol) ||
        (r > lastMade && targets.rows.has(r)));
    for (const r of [...positions.keys()].sort((a, b) => a - b)) {
      for (const c of [...(positions.get(r) as Set<number>)].sort((a, b) => a - b)) {
        if (exempt(r, c)) continue;
        const made = recorded.get(r)?.get(c) ?? { kind: "blank" };
        const now = readCell(sheet.getCell(r, c));
        if (sameCell(made, now)) continue;
        const idCell = r > idHeader ? recorded.get(r)?.get(1) : undefined;
        const id =
          idCell?.kind === "text" ? idCell.text.trim() : idCell?.kind === "number" ? String(idCell.value) : null;
        edits.push({ sheet: name, address: cellAddress(r - 1, c - 1), id, made, now });
      }
    }
  }
  return edits;
}

function readMarker(workbook: ExcelJS.Workbook): Pick<ReturnedWorkbook, "plan" | "owner" | "made" | "base"> {
  const none = { plan: null, owner: null, made: null, base: null };
  const sheet = sheetNamed(workbook, FILE_SHEETS.marker);
  if (sheet === undefined) return none;
  const keys = new Map<string, string>();
  for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, sheet.rowCount); r++) {
    const key = textOf(sheet.getCell(r, 1).value).trim().toLowerCase();
    if (key !== "" && !keys.has(key)) keys.set(key, textOf(sheet.getCell(r, 2).value).trim());
  }
  if (!keys.has(MARKER_KEYS.kind.toLowerCase())) return none;
  const base = new Map<string, BaseRow>();
  const header = headerRow(sheet, 1, HEADER_SEARCH_ROWS);
  if (header !== null) {
    const labels: { label: string; col: number }[] = [];
    let commentCol = -1;
    sheet.getRow(header).eachCell((cell, col) => {
      const label = textOf(cell.value).trim();
      if (col === 1 || label === "") return;
      if (label.toLowerCase() === TARGETS_COLUMNS.comment.toLowerCase()) commentCol = col;
      else labels.push({ label: label.toLowerCase(), col });
    });
    for (let r = header + 1; r <= sheet.rowCount; r++) {
      const key = idKey(sheet.getCell(r, 1).value);
      if (key === undefined || base.has(key)) continue;
      const values = new Map<string, number | null>();
      for (const { label, col } of labels) {
        const value = sheet.getCell(r, col).value;
        values.set(label, typeof value === "number" && Number.isFinite(value) ? value : null);
      }
      base.set(key, { values, comment: commentCol < 0 ? "" : textOf(sheet.getCell(r, commentCol).value) });
    }
  }
  const get = (key: string): string | null => {
    const value = keys.get(key.toLowerCase());
    return value === undefined || value === "" ? null : value;
  };
  return { plan: get(MARKER_KEYS.plan), owner: get(MARKER_KEYS.owner), made: get(MARKER_KEYS.made), base };
}

/**
 * Reads a returned contributor workbook as values. Never throws: a file that can't be read gives
 * `{ ok: false, message }` saying why, in words the manager can act on.
 */
export async function readReturnedFile(data: Uint8Array): Promise<FileRead> {
  if (data.length === 0) return { ok: false, message: sharingMessages.emptyFile };
  if (startsWith(data, CFB_SIGNATURE)) return { ok: false, message: sharingMessages.encryptedFile };
  if (!startsWith(data, ZIP_SIGNATURE) || !contains(data, WORKBOOK_PART))
    return { ok: false, message: sharingMessages.notAWorkbook };
  const workbook = new ExcelJS.Workbook();
  try {
    const copy = data.slice().buffer;
    await workbook.xlsx.load(copy);
  } catch {
    return { ok: false, message: sharingMessages.corruptFile };
  }
  // Hidden sheets are never read for data: a "Targets" sheet someone hid is not the one we made.
  const targets = workbook.worksheets.find(
    (sheet) => sheet.state === "visible" && sheet.name.trim().toLowerCase() === FILE_SHEETS.targets.toLowerCase(),
  );
  const header = targets === undefined ? null : headerRow(targets, 1, HEADER_SEARCH_ROWS);
  if (targets === undefined || header === null) return { ok: false, message: sharingMessages.notContributorFile };

  const fixed = new Map<string, number>();
  const periods: { label: string; col: number }[] = [];
  const known = new Set<string>(Object.values(TARGETS_COLUMNS).map((label) => label.toLowerCase()));
  targets.getRow(header).eachCell((cell, col) => {
    const label = textOf(cell.value).trim();
    if (label === "") return;
    const key = label.toLowerCase();
    if (known.has(key)) {
      if (!fixed.has(key)) fixed.set(key, col);
    } else periods.push({ label, col });
  });
  const column = (name: string): number | undefined => fixed.get(name.toLowerCase());
  const inputCols = new Set(periods.map(({ col }) => col));
  const idCol = column(TARGETS_COLUMNS.id) as number;
  const nameCol = column(TARGETS_COLUMNS.name);
  const ownerCol = column(TARGETS_COLUMNS.owner);
  const commentCol = column(TARGETS_COLUMNS.comment);
  if (commentCol !== undefined) inputCols.add(commentCol);

  const rows: ReturnedRow[] = [];
  for (let r = header + 1; r <= targets.rowCount; r++) {
    const cell = (col: number): ExcelJS.Cell => targets.getCell(r, col);
    const cells = periods.map(({ col }) => readCell(cell(col)));
    const comment = commentCol === undefined ? null : readCell(cell(commentCol));
    const idValue = cell(idCol).value;
    const id = (typeof idValue === "object" ? textOf(idValue) : idText(idValue)).trim();
    if (id === "" && cells.every((read) => read.kind === "blank") && (comment === null || comment.kind === "blank"))
      continue;
    rows.push({
      sheetRow: r,
      id,
      name: nameCol === undefined ? "" : textOf(cell(nameCol).value).trim(),
      owner: ownerCol === undefined ? "" : textOf(cell(ownerCol).value).trim(),
      cells,
      comment,
    });
  }
  const record = readRecord(workbook);
  const outside =
    record === null
      ? []
      : outsideEdits(workbook, record, {
          sheet: targets,
          header,
          idCol,
          inputCols,
          rows: new Set(rows.map((row) => row.sheetRow)),
        });
  return {
    ok: true,
    workbook: { ...readMarker(workbook), periods: periods.map(({ label }) => label), rows, outside },
  };
}

// ---------------------------------------------------------------------------------------------
// Comparing with the plan

export interface CollectOptions {
  /** ISO timestamp the accepted changes are stamped with. */
  readonly now: string;
  /** Who collects (named in the audit note); may be "". */
  readonly collectedBy: string;
  /** For the numbers in messages ("a whole number, like 12,500"). */
  readonly locale: string;
}

/** One cell of a returned file that differs from the plan, and what collecting does with it. */
export interface CollectChange {
  readonly id: string;
  /** The node's name in the plan, or as the file writes it. */
  readonly name: string;
  /** A period label, "comment", or "status" for the status the accepted changes give the node. */
  readonly field: string;
  /** What the plan holds now (for a cell outside the inputs, what the file was made with). */
  readonly before: number | string | null;
  /** What the file holds: a number, text, or a formula as "=..."; null for blank. */
  readonly after: number | string | null;
  readonly accepted: boolean;
  /** Why it is rejected; null when accepted. */
  readonly reason: string | null;
}

export interface FilePreview {
  readonly fileName: string;
  /** Whose file it is; null when the file was refused before that was known. */
  readonly owner: string | null;
  /** When the file was made, per its marker. */
  readonly made: string | null;
  /** Why the whole file is refused (nothing in it is collected); null when it was read. */
  readonly error: string | null;
  /** Things about the file as a whole the manager should know (an unknown column, a repeated row). */
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

export interface CollectedFile {
  readonly fileName: string;
  readonly read: FileRead;
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
      return { shown: `=${cell.formula}`, value: null, problem: sharingMessages.formulaInCell(cell.formula) };
    case "text":
      return { shown: cell.text, value: null, problem: sharingMessages.textInCell(cell.text) };
    case "date":
      return { shown: "date", value: null, problem: sharingMessages.dateInCell };
    case "boolean":
      return { shown: cell.value ? "TRUE" : "FALSE", value: null, problem: sharingMessages.booleanInCell };
    case "error":
      return { shown: cell.error, value: null, problem: sharingMessages.errorInCell(cell.error) };
  }
}

/** A comment cell as text, and the reason it can't be one. */
function asComment(cell: FileCell): { shown: string; problem: string | null } {
  switch (cell.kind) {
    case "blank":
      return { shown: "", problem: null };
    case "text":
      return { shown: cell.text, problem: null };
    case "number":
      return { shown: String(cell.value), problem: null };
    default: {
      const { shown, problem } = asValue(cell);
      return { shown: String(shown ?? ""), problem };
    }
  }
}

/** A refused file: nothing in it is collected. */
function refusedFile(fileName: string, message: string, owner: string | null = null): FilePreview {
  return { fileName, owner, made: null, error: message, notes: [], changes: [] };
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

interface RowInput {
  readonly row: ReturnedRow;
  readonly id: string;
  readonly name: string;
  /** The node's row in the plan; null for an id the plan doesn't have. */
  readonly entry: NodeEntry | null;
  /** The row as the file was made; null when the file has no marker (compare with the plan). */
  readonly base: BaseRow | null;
  /** Why no cell of the row may change, if so. */
  readonly rowProblem: string | null;
}

interface RowOutcome {
  readonly rejected: CollectChange[];
  readonly accepted: CollectChange[];
  readonly values: (number | null)[];
  readonly comment: string;
}

/** Every change in one row of a file, accepted or refused, and the row's values with the accepted ones. */
function compareRow(
  input: RowInput,
  columns: readonly (number | undefined)[],
  settings: PlanSettings,
  locale: string,
): RowOutcome {
  const { row, id, name, entry, base, rowProblem } = input;
  const rejected: CollectChange[] = [];
  const accepted: CollectChange[] = [];
  const values = entry === null ? [] : [...entry.values];
  const decide = (
    field: string,
    before: number | string | null,
    after: number | string | null,
    reason: string | null,
  ): void => {
    const change = { id, name, field, before, after, accepted: reason === null, reason };
    (reason === null ? accepted : rejected).push(change);
  };

  row.cells.forEach((cell, c) => {
    const p = columns[c];
    if (p === undefined) return;
    const field = settings.periods[p];
    const now = entry?.values[p] ?? null;
    const made = base === null ? now : (base.values.get(field.trim().toLowerCase()) ?? null);
    const { shown, value, problem } = asValue(cell);
    const reason = verdict(
      value,
      problem,
      made,
      now,
      rowProblem,
      () => formatUnrounded(now, locale, settings.decimals),
      () => (value === null ? null : ruleProblem(value, settings, locale)),
    );
    if (reason === undefined) return;
    if (reason === null) values[p] = value;
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
  return { rejected, accepted, values, comment };
}

/** The owner a file is for: its marker's, else the first owner its rows name; or why it can't be matched. */
function fileOwner(plan: Plan, file: ReturnedWorkbook): { owner: string } | { error: string; owner: string | null } {
  const named = file.owner ?? file.rows.find((row) => row.owner !== "")?.owner ?? null;
  if (named === null) return { error: sharingMessages.noOwner, owner: null };
  const owned = nodesOwnedBy(plan, named);
  if (owned.length === 0) return { error: sharingMessages.unknownOwner(named), owner: named };
  // The plan's spelling, as the owner's own saves record it.
  return { owner: owned[0].owner };
}

/**
 * Compares each returned file with the plan (files in order; a node changed by an earlier file is
 * not changed again by a later one) and decides what applying would write. Pure.
 */
export function previewCollect(plan: Plan, files: readonly CollectedFile[], options: CollectOptions): CollectPreview {
  const { settings } = plan;
  const nodesByKey = new Map<string, PlanNode>();
  for (const node of plan.nodes) {
    const key = idKey(node.id);
    if (key !== undefined && !nodesByKey.has(key)) nodesByKey.set(key, node);
  }
  const periodIndex = new Map(settings.periods.map((label, p) => [label.trim().toLowerCase(), p]));
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
    if (file.plan !== null && file.plan.trim().toLowerCase() !== settings.name.trim().toLowerCase()) {
      previews.push(refusedFile(fileName, sharingMessages.otherPlan(file.plan, settings.name), file.owner));
      continue;
    }
    const matched = fileOwner(plan, file);
    if ("error" in matched) {
      previews.push(refusedFile(fileName, matched.error, matched.owner));
      continue;
    }
    const { owner } = matched;

    const notes: string[] = [];
    const changes: CollectChange[] = [];
    const columns = file.periods.map((label) => periodIndex.get(label.trim().toLowerCase()));
    file.periods.forEach((label, c) => {
      if (columns[c] === undefined) notes.push(sharingMessages.unknownPeriod(label));
    });
    const firstRow = new Map<string, number>();
    const claimed: string[] = [];

    for (const row of file.rows) {
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
      // Cells of a row that may not change are still compared, so every change is listed with why.
      const rowProblem =
        node === undefined || entry === null
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
          base: file.base === null ? null : (file.base.get(key) ?? { values: new Map(), comment: "" }),
          rowProblem,
        },
        columns,
        settings,
        options.locale,
      );
      changes.push(...outcome.rejected);
      rejectedCount += outcome.rejected.length;
      if (outcome.accepted.length === 0 || node === undefined || entry === null) continue;

      // The node's accepted changes are one workflow action by its owner: a submission, or a draft while periods are blank.
      const complete = outcome.values.every((value) => value !== null);
      const action =
        complete || !allowedActions(entry.status, "contributor").includes("saveDraft") ? "submit" : "saveDraft";
      const result = applyAction(entry, action, {
        role: "contributor",
        user: owner,
        now: options.now,
        values: outcome.values,
        comment: outcome.comment,
        periods: settings.periods,
      });
      if (!result.ok) {
        changes.push(...outcome.accepted.map((change) => ({ ...change, accepted: false, reason: result.message })));
        rejectedCount += outcome.accepted.length;
        continue;
      }
      changes.push(...outcome.accepted);
      acceptedCount += outcome.accepted.length;
      if (result.entry.status !== entry.status)
        changes.push({
          id: node.id,
          name: node.name,
          field: "status",
          before: entry.status,
          after: result.entry.status,
          accepted: true,
          reason: null,
        });
      claimed.push(key);
      entries.push({ expected: entry, next: result.entry });
      const note = sharingMessages.collectedNote(fileName, options.collectedBy, ACTION_LABELS[action]);
      audit.push(...result.audit.map((item) => ({ ...item, note })));
    }
    // Edits outside the input cells: reported with why, never applied.
    for (const edit of file.outside) {
      const key = edit.id === null ? undefined : idKey(edit.id);
      const node = key === undefined ? undefined : nodesByKey.get(key);
      changes.push({
        id: node?.id ?? edit.id ?? "",
        name: node?.name ?? edit.sheet,
        field: `${edit.sheet}!${edit.address}`,
        before: asValue(edit.made).shown,
        after: asValue(edit.now).shown,
        accepted: false,
        reason: sharingMessages.outsideInputs(edit.sheet, edit.address),
      });
      rejectedCount += 1;
    }
    for (const key of claimed) claimedBy.set(key, fileName);
    previews.push({ fileName, owner, made: file.made, error: null, notes, changes: ordered(changes, plan) });
  }
  return { files: previews, entries, audit, accepted: acceptedCount, rejected: rejectedCount };
}

/** Changes in the plan's node order, then fields in period order; unknown nodes last. */
function ordered(changes: readonly CollectChange[], plan: Plan): CollectChange[] {
  const nodeOrder = new Map(plan.nodes.map((node, i) => [idKey(node.id) as string, i]));
  const fieldOrder = new Map<string, number>([
    ...plan.settings.periods.map((label, p): [string, number] => [label, p]),
    [TARGETS_COLUMNS.comment.toLowerCase(), plan.settings.periods.length],
    ["status", plan.settings.periods.length + 1],
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
