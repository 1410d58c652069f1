/**
 * Splitting a plan into one contributor workbook per owner (layout:
 * src/core/sharing/contributorFile.ts): the .xlsx adapter that turns plain plan data into file
 * bytes with exceljs, in Node and in the browser alike. Each file comes with the plan's record of
 * it (src/core/sharing/madeFiles.ts), which the caller stores in the plan before offering the file:
 * collect accepts a returned file only if it matches such a record. Building the sheets yields to
 * the event loop every `YIELD_ROWS` rows, so the task pane stays responsive and shows progress.
 */
import ExcelJS from "exceljs";
import { cellAddress, columnLetters, quoteSheet } from "../core/a1";
import { idKey } from "../core/cell";
import { Hierarchy } from "../core/hierarchy/hierarchy";
import { layoutMessages, sharingMessages } from "../core/messages";
import { numberFormat, PERCENT } from "../core/plan/layout";
import { buildPlanView, type PlanView } from "../core/plan/planView";
import type { NodeEntry, Plan, PlanNode } from "../core/plan/types";
import { entryFor, isLockedForContributor, owners as planOwners } from "../core/plan/workflow";
import {
  FILE_FORMAT_VERSION,
  FILE_SHEETS,
  MARKER_KEYS,
  TARGETS_COLUMNS,
  TARGETS_HEADER_ROW,
  contributorFileName,
} from "../core/sharing/contributorFile";
import { newFileId, type MadeFile } from "../core/sharing/madeFiles";

/** How far a split has got: rows of the current file built so far, and which file it is. */
export interface SplitProgress {
  readonly file: number;
  readonly files: number;
  readonly owner: string;
  readonly rowsDone: number;
  readonly rows: number;
}

export interface SplitOptions {
  /** ISO timestamp the files are stamped with. */
  readonly now: string;
  /** Who makes the files, kept in the record; may be "". */
  readonly madeBy?: string;
  readonly onProgress?: (progress: SplitProgress) => void;
  /** A new unguessable file id; `newFileId` unless a test needs fixed ones. */
  readonly fileId?: () => string;
}

/** Rows built between two yields to the event loop. */
const YIELD_ROWS = 2000;

function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export interface SplitFile {
  /** The owner as the plan writes them. */
  readonly owner: string;
  readonly fileName: string;
  /** The .xlsx file. */
  readonly data: Uint8Array;
  /** Rows in the file, and how many of them the owner may edit. */
  readonly rows: number;
  readonly editable: number;
  /** What the plan records of this file; store it (`PlanWorkbook.recordMadeFiles`) before handing the file out. */
  readonly record: MadeFile;
}

/** Thrown for a split that can't be made: an owner without nodes, a hierarchy someone broke. */
export class SplitError extends Error {
  override readonly name = "SplitError";
}

/** One node of an owner's file, in file order. */
interface FileRow {
  readonly node: PlanNode;
  readonly entry: NodeEntry;
  /** 1 for the top of each of the owner's subtrees. */
  readonly depth: number;
  /** Nodes in its subtree, itself included: its rows are this one and the next size - 1. */
  readonly size: number;
  readonly editable: boolean;
}

const INPUT_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
const BAD_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } };
const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FFBFBFBF" } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** What the contributor may still do on a protected sheet. */
const PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
};
/** 1-based column of the first period on the Targets sheet (E), after Id, Name, Owner and Status. */
const FIRST_PERIOD_COLUMN = 5;
const REPORT_MEASURES = ["Bottom-up", "Top-down", "Variance", "Variance %"] as const;
const REPORT_FIRST_ROW = 4;
const REPORT_FIXED = 2;

function ownerKey(owner: string): string | undefined {
  return idKey(owner);
}

/**
 * The rows of `owner`'s file: every node they own with its whole subtree, in tree order. Nodes
 * below the owner's that others own come along (read-only), so the report adds up as the plan does.
 */
function rowsFor(plan: Plan, hierarchy: Hierarchy, owner: string): FileRow[] {
  const key = ownerKey(owner);
  const count = hierarchy.nodeCount;
  const included = new Uint8Array(count);
  const depth = new Int32Array(count);
  const picked: number[] = [];
  for (const n of hierarchy.order) {
    const node = plan.nodes[hierarchy.nodeRow[n]];
    const parent = hierarchy.parent[n];
    const below = parent >= 0 && included[parent] === 1;
    if (!below && ownerKey(node.owner) !== key) continue;
    included[n] = 1;
    depth[n] = below ? depth[parent] + 1 : 1;
    picked.push(n);
  }
  const size = new Int32Array(count).fill(1);
  for (let i = picked.length - 1; i >= 0; i--) {
    const parent = hierarchy.parent[picked[i]];
    if (parent >= 0 && included[parent] === 1) size[parent] += size[picked[i]];
  }
  return picked.map((n) => {
    const node = plan.nodes[hierarchy.nodeRow[n]];
    const entry = entryFor(plan, node.id);
    return {
      node,
      entry,
      depth: depth[n],
      size: size[n],
      editable: ownerKey(node.owner) === key && !isLockedForContributor(entry.status),
    };
  });
}

function yesNo(flag: boolean): string {
  return flag ? "Yes" : "No";
}

async function addTargetsSheet(
  workbook: ExcelJS.Workbook,
  plan: Plan,
  owner: string,
  rows: readonly FileRow[],
  progress: (done: number) => Promise<void>,
): Promise<ExcelJS.Worksheet> {
  const { settings } = plan;
  const periods = settings.periods;
  const sheet = workbook.addWorksheet(FILE_SHEETS.targets, {
    views: [{ state: "frozen", xSplit: 2, ySplit: TARGETS_HEADER_ROW + 1 }],
  });
  const commentColumn = FIRST_PERIOD_COLUMN + periods.length;
  sheet.columns = [
    { width: 14 },
    { width: 32 },
    { width: 16 },
    { width: 12 },
    ...periods.map(() => ({ width: 14 })),
    { width: 40 },
  ];
  sheet.getCell(1, 1).value = sharingMessages.fileTitle(settings.name, owner);
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(2, 1).value = sharingMessages.fileInstructions(settings.decimals, settings.allowNegative);
  const unit = settings.unit.trim() === "" ? settings.metric : `${settings.metric} (${settings.unit})`;
  sheet.getCell(3, 1).value = settings.deadline === null ? unit : `${unit} · due ${settings.deadline}`;

  const header = sheet.getRow(TARGETS_HEADER_ROW + 1);
  header.values = [
    TARGETS_COLUMNS.id,
    TARGETS_COLUMNS.name,
    TARGETS_COLUMNS.owner,
    TARGETS_COLUMNS.status,
    ...periods,
    TARGETS_COLUMNS.comment,
  ];
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BOX;
  });

  const format = numberFormat(settings.decimals);
  const validation: ExcelJS.DataValidation = {
    type: "decimal",
    operator: settings.allowNegative ? "between" : "greaterThanOrEqual",
    allowBlank: true,
    formulae: settings.allowNegative ? [-1e15, 1e15] : [0],
    showErrorMessage: true,
    errorTitle: "Not a target",
    error: sharingMessages.cellRule(settings.decimals, settings.allowNegative),
  };
  for (let i = 0; i < rows.length; i++) {
    if (i % YIELD_ROWS === 0) await progress(i);
    const row = rows[i];
    const cells = sheet.getRow(TARGETS_HEADER_ROW + 2 + i);
    cells.getCell(1).value = row.node.id;
    cells.getCell(2).value = row.node.name;
    cells.getCell(2).alignment = { indent: Math.min(row.depth - 1, 15) };
    cells.getCell(3).value = row.node.owner;
    cells.getCell(4).value = row.entry.status;
    periods.forEach((_, p) => {
      const cell = cells.getCell(FIRST_PERIOD_COLUMN + p);
      cell.value = row.entry.values[p] ?? null;
      cell.numFmt = format;
      cell.border = BOX;
      if (row.editable) {
        cell.protection = { locked: false };
        cell.fill = INPUT_FILL;
        cell.dataValidation = validation;
      }
    });
    const comment = cells.getCell(commentColumn);
    comment.value = row.entry.comment === "" ? null : row.entry.comment;
    comment.border = BOX;
    comment.alignment = { wrapText: true };
    if (row.editable) {
      comment.protection = { locked: false };
      comment.fill = INPUT_FILL;
    }
  }
  return sheet;
}

async function addReportSheet(
  workbook: ExcelJS.Workbook,
  plan: Plan,
  rows: readonly FileRow[],
  view: PlanView,
  progress: (done: number) => Promise<void>,
): Promise<ExcelJS.Worksheet> {
  const { settings } = plan;
  const periods = settings.periods;
  const sheet = workbook.addWorksheet(FILE_SHEETS.report, {
    views: [{ state: "frozen", xSplit: REPORT_FIXED, ySplit: REPORT_FIRST_ROW }],
  });
  sheet.columns = [{ width: 14 }, { width: 32 }, ...periods.flatMap(() => REPORT_MEASURES.map(() => ({ width: 13 })))];
  sheet.getCell(1, 1).value = `${settings.name}: report`;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(2, 1).value = sharingMessages.reportNote;
  const headers: string[] = [TARGETS_COLUMNS.id, TARGETS_COLUMNS.name];
  periods.forEach((label, p) => {
    sheet.getCell(3, REPORT_FIXED + 1 + p * REPORT_MEASURES.length).value = label;
    sheet.getCell(3, REPORT_FIXED + 1 + p * REPORT_MEASURES.length).font = { bold: true };
    headers.push(...REPORT_MEASURES);
  });
  const header = sheet.getRow(REPORT_FIRST_ROW);
  header.values = headers;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
  });

  const targets = quoteSheet(FILE_SHEETS.targets);
  const format = numberFormat(settings.decimals);
  for (let i = 0; i < rows.length; i++) {
    if (i % YIELD_ROWS === 0) await progress(rows.length + i);
    const row = rows[i];
    const r = REPORT_FIRST_ROW + 1 + i;
    const cells = sheet.getRow(r);
    cells.getCell(1).value = row.node.id;
    cells.getCell(2).value = row.node.name;
    cells.getCell(2).alignment = { indent: Math.min(row.depth - 1, 15) };
    const figures = view.byId.get(row.node.id)?.periods;
    periods.forEach((_, p) => {
      const column = REPORT_FIXED + 1 + p * REPORT_MEASURES.length;
      const inputs = columnLetters(FIRST_PERIOD_COLUMN - 1 + p);
      const first = TARGETS_HEADER_ROW + 2 + i;
      const bu = cellAddress(r - 1, column - 1);
      const td = cellAddress(r - 1, column);
      const figure = figures?.[p];
      const topDown = figure?.topDown ?? null;
      cells.getCell(column).value = {
        formula: `SUM(${targets}!${inputs}${first}:${inputs}${first + row.size - 1})`,
        result: figure !== undefined && Number.isFinite(figure.bottomUp) ? figure.bottomUp : 0,
      };
      cells.getCell(column + 1).value = topDown;
      cells.getCell(column + 2).value = {
        formula: `IF(ISNUMBER(${td}),${bu}-${td},"")`,
        result: figure?.variance ?? "",
      };
      cells.getCell(column + 3).value = {
        formula: `IF(AND(ISNUMBER(${td}),${td}<>0),(${bu}-${td})/ABS(${td}),"")`,
        result: figure?.variancePct ?? "",
      };
      for (let m = 0; m < 3; m++) cells.getCell(column + m).numFmt = format;
      cells.getCell(column + 3).numFmt = PERCENT;
    });
  }
  if (rows.length > 0) {
    periods.forEach((_, p) => {
      const column = REPORT_FIXED + p * REPORT_MEASURES.length + 3;
      const top = cellAddress(REPORT_FIRST_ROW, column);
      sheet.addConditionalFormatting({
        ref: `${top}:${cellAddress(REPORT_FIRST_ROW + rows.length - 1, column)}`,
        rules: [
          {
            type: "expression",
            priority: 1,
            formulae: [`AND(ISNUMBER(${top}),ABS(${top})>${settings.tolerance})`],
            style: { fill: BAD_FILL, font: { color: { argb: "FF9C0006" } } },
          },
        ],
      });
    });
  }
  return sheet;
}

function addSettingsSheet(workbook: ExcelJS.Workbook, plan: Plan, owner: string, now: string): ExcelJS.Worksheet {
  const { settings } = plan;
  const sheet = workbook.addWorksheet(FILE_SHEETS.settings);
  sheet.columns = [{ width: 28 }, { width: 40 }];
  const rows: [string, string | number][] = [
    ["Plan", settings.name],
    ["Metric", settings.metric],
    ["Unit", settings.unit],
    ["Decimals", settings.decimals],
    ["Negative targets allowed", yesNo(settings.allowNegative)],
    ["Tolerance", settings.tolerance],
    ["Deadline", settings.deadline ?? ""],
    ["Owner", owner],
    ["Made", now],
    ...settings.periods.map((label, p): [string, string] => [`Period ${p + 1}`, label]),
  ];
  sheet.getRow(1).values = ["Setting", "Value"];
  sheet.getRow(1).font = { bold: true };
  rows.forEach(([key, value], i) => {
    sheet.getRow(i + 2).values = [key, value];
  });
  sheet.getCell(7, 2).numFmt = PERCENT;
  return sheet;
}

function addMarkerSheet(workbook: ExcelJS.Workbook, record: MadeFile): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(FILE_SHEETS.marker, { state: "veryHidden" });
  sheet.getRow(1).values = [MARKER_KEYS.kind, FILE_FORMAT_VERSION];
  sheet.getRow(2).values = [MARKER_KEYS.plan, record.plan];
  sheet.getRow(3).values = [MARKER_KEYS.owner, record.owner];
  sheet.getRow(4).values = [MARKER_KEYS.made, record.made];
  sheet.getRow(5).values = [MARKER_KEYS.file, record.fileId];
  return sheet;
}

/** One owner's workbook as .xlsx bytes, with the record of it. */
async function ownerFile(
  plan: Plan,
  hierarchy: Hierarchy,
  view: PlanView,
  owner: string,
  options: SplitOptions,
  progress: (rowsDone: number, rows: number) => Promise<void>,
): Promise<SplitFile> {
  const { now } = options;
  const rows = rowsFor(plan, hierarchy, owner);
  if (rows.length === 0) throw new SplitError(sharingMessages.noNodesFor(owner));
  const record: MadeFile = {
    fileId: (options.fileId ?? newFileId)(),
    owner,
    plan: plan.settings.name,
    made: now,
    madeBy: options.madeBy ?? "",
    periods: plan.settings.periods,
    rows: rows.map((row) => ({
      id: row.node.id,
      values: plan.settings.periods.map((_, p) => row.entry.values[p] ?? null),
      comment: row.entry.comment,
    })),
  };
  // Progress counts each row twice (Targets, then Report), then the packing of the file.
  const total = rows.length * 2 + Math.ceil(rows.length / 2);
  const step = (done: number): Promise<void> => progress(done, total);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Groundup";
  workbook.title = sharingMessages.fileTitle(plan.settings.name, owner);
  workbook.created = new Date(now);
  workbook.calcProperties.fullCalcOnLoad = true;
  const sheets = [
    await addTargetsSheet(workbook, plan, owner, rows, step),
    await addReportSheet(workbook, plan, rows, view, step),
    addSettingsSheet(workbook, plan, owner, now),
    addMarkerSheet(workbook, record),
  ];
  for (const sheet of sheets) await sheet.protect("", PROTECTION);
  await step(rows.length * 2);
  // The fastest deflate level: the file is a few percent larger, packing several times quicker.
  const buffer = await workbook.xlsx.writeBuffer({ zip: { compression: "DEFLATE", compressionOptions: { level: 1 } } });
  await step(total);
  return {
    owner,
    fileName: contributorFileName(plan.settings.name, owner),
    data: new Uint8Array(buffer as ArrayBuffer),
    rows: rows.length,
    editable: rows.filter((row) => row.editable).length,
    record,
  };
}

/**
 * One workbook per owner (or per owner in the plan, for "all"), in the order given: the nodes
 * each owns with their subtrees, the plan's settings, the targets cascaded to them and a report
 * that works without the add-in, each with the plan's record of it. Throws `SplitError` for an
 * owner who owns no node.
 */
export async function splitPlan(
  plan: Plan,
  owners: readonly string[] | "all",
  options: SplitOptions,
): Promise<SplitFile[]> {
  const built = Hierarchy.build(
    plan.nodes.map((node) => node.id),
    plan.nodes.map((node) => node.parent),
  );
  if (!built.ok) throw new SplitError(built.problems.map((problem) => problem.message).join("; "));
  if (plan.nodes.length === 0) throw new SplitError(layoutMessages.noNodes);
  const chosen = owners === "all" ? planOwners(plan) : owners;
  const view = buildPlanView(plan);
  const files: SplitFile[] = [];
  for (let file = 0; file < chosen.length; file++) {
    const owner = chosen[file].trim();
    const progress = async (rowsDone: number, rows: number): Promise<void> => {
      options.onProgress?.({ file, files: chosen.length, owner, rowsDone, rows });
      await pause();
    };
    files.push(await ownerFile(plan, built.hierarchy, view, owner, options, progress));
  }
  return files;
}
