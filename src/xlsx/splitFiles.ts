/**
 * Splitting a plan into one contributor workbook per owner (layout:
 * src/core/sharing/contributorFile.ts): the .xlsx adapter that turns plain plan data into file
 * bytes, in Node and in the browser alike. The sheets' XML is written straight as text
 * (sheetWriter.ts) and deflated part by part as it is made (zipWriter.ts): a spreadsheet model
 * with an object per cell took 85 s for a 100,000-node plan's root file and froze the pane while
 * it packed. Each file comes with the plan's record of it (src/core/sharing/madeFiles.ts), which
 * the caller stores in the plan before offering the file: collect accepts a returned file only if
 * it matches such a record. Building yields to the event loop every `YIELD_CELLS` cells, so the task
 * pane stays responsive and shows progress.
 */
import { cellAddress, columnLetters, quoteSheet } from "../core/a1";
import { idKey } from "../core/cell";
import { nextTask } from "../core/nextTask";
import { layoutMessages, sharingMessages } from "../core/messages";
import { collectMessages } from "../core/sharing/collectMessages";
import { numberFormat, PERCENT } from "../core/plan/layout";
import { planViewOf, type NodeView, type PlanView } from "../core/plan/planView";
import type { NodeEntry, Plan, PlanNode, PlanSettings } from "../core/plan/types";
import { entryFor, isLockedForContributor, owners as planOwners } from "../core/plan/workflow";
import {
  FILE_FORMAT_VERSION,
  FILE_SHEETS,
  MARKER_KEYS,
  TARGETS_COLUMNS,
  TARGETS_HEADER_ROW,
  contributorFileName,
} from "../core/sharing/contributorFile";
import { newFileId, type MadeFile, type MadeFileRow } from "../core/sharing/madeFiles";
import {
  MAIN_NS,
  REL_NS,
  SharedStrings,
  XML_DECLARATION,
  escapeXml,
  formulaCell,
  numberCell,
  textCell,
} from "./sheetWriter";
import { ZipWriter } from "./zipWriter";
import { measureTitle, planMeasures, valueColumns } from "../core/plan/measures";

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

/**
 * Cells written between two yields to the event loop: 30-60 ms of building and deflating on the
 * benchmark's busy 2-core machine, well below the 200 ms a user notices as a frozen pane.
 */
const YIELD_CELLS = 8000;

/** Nodes of the plan looked at between two yields while picking an owner's rows. */
const YIELD_NODES = 20_000;

/** Rows of `width` cells built between two yields. */
function chunkRows(width: number): number {
  return Math.max(1, Math.floor(YIELD_CELLS / width));
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
  /** The plan's figures of the node (bottom-up, cascaded top-down), for the report. */
  readonly view: NodeView;
  readonly editable: boolean;
}

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
 * In tree order a subtree is its top and the deeper nodes right after it, so one pass finds them.
 */
async function rowsFor(plan: Plan, view: PlanView, owner: string): Promise<FileRow[]> {
  const key = ownerKey(owner);
  const picked: NodeView[] = [];
  const depth: number[] = [];
  const size: number[] = [];
  /** Rows whose subtree is still open, shallowest first. */
  const open: number[] = [];
  let top = 0;
  for (let k = 0; k < view.nodes.length; k++) {
    if (k % YIELD_NODES === 0 && k > 0) await nextTask();
    const nodeView = view.nodes[k];
    if (top > 0 && nodeView.depth <= top) top = 0;
    if (top === 0) {
      if (ownerKey(nodeView.node.owner) !== key) continue;
      top = nodeView.depth;
    }
    const at = picked.length;
    while (open.length > 0 && depth[open[open.length - 1]] >= nodeView.depth - top + 1) {
      const closed = open.pop() as number;
      size[closed] = at - closed;
    }
    picked.push(nodeView);
    depth.push(nodeView.depth - top + 1);
    size.push(1);
    open.push(at);
  }
  for (const closed of open) size[closed] = picked.length - closed;
  return picked.map((nodeView, i) => {
    const { node } = nodeView;
    const entry = entryFor(plan, node.id);
    return {
      node,
      entry,
      view: nodeView,
      depth: depth[i],
      size: size[i],
      editable: ownerKey(node.owner) === key && !isLockedForContributor(entry.status),
    };
  });
}

function yesNo(flag: boolean): string {
  return flag ? "Yes" : "No";
}

/** Number formats of the styles below: custom ids start at 164 (ECMA-376 Part 1, §18.8.30). */
const NUMBER_FORMAT_ID = 164;
const PERCENT_FORMAT_ID = 165;
/** Indices into the styles part's cellXfs, as `stylesXml` writes them. */
const STYLE = {
  title: 1,
  header: 2,
  figure: 3,
  input: 4,
  comment: 5,
  commentInput: 6,
  bold: 7,
  reportHeader: 8,
  reportFigure: 9,
  percent: 10,
  /** indent n (1-15) is style indent + n - 1. */
  indent: 11,
} as const;
const MAX_INDENT = 15;

/** A name's style: indented by its depth below the top of its subtree. */
function nameStyle(depth: number): number {
  const indent = Math.min(depth - 1, MAX_INDENT);
  return indent <= 0 ? 0 : STYLE.indent + indent - 1;
}

/**
 * xl/styles.xml. The input cells are the only unlocked ones (`protection locked="0"`): on a
 * protected sheet they are all a contributor can type in (ECMA-376 Part 1, §18.8.33).
 */
function stylesXml(decimals: number): string {
  const box =
    '<border><left style="thin"><color rgb="FFBFBFBF"/></left><right style="thin"><color rgb="FFBFBFBF"/></right><top style="thin"><color rgb="FFBFBFBF"/></top><bottom style="thin"><color rgb="FFBFBFBF"/></bottom><diagonal/></border>';
  const xf = (numFmt: number, font: number, fill: number, border: number, inner = ""): string => {
    const applies =
      (numFmt !== 0 ? ' applyNumberFormat="1"' : "") +
      (font !== 0 ? ' applyFont="1"' : "") +
      (fill !== 0 ? ' applyFill="1"' : "") +
      (border !== 0 ? ' applyBorder="1"' : "") +
      (inner.includes("<alignment") ? ' applyAlignment="1"' : "") +
      (inner.includes("<protection") ? ' applyProtection="1"' : "");
    const attrs = `numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"${applies}`;
    return inner === "" ? `<xf ${attrs}/>` : `<xf ${attrs}>${inner}</xf>`;
  };
  const unlocked = '<protection locked="0"/>';
  const wrap = '<alignment wrapText="1"/>';
  const xfs = [
    xf(0, 0, 0, 0),
    xf(0, 1, 0, 0),
    xf(0, 2, 2, 1),
    xf(NUMBER_FORMAT_ID, 0, 0, 1),
    xf(NUMBER_FORMAT_ID, 0, 3, 1, unlocked),
    xf(0, 0, 0, 1, wrap),
    xf(0, 0, 3, 1, wrap + unlocked),
    xf(0, 2, 0, 0),
    xf(0, 2, 2, 0),
    xf(NUMBER_FORMAT_ID, 0, 0, 0),
    xf(PERCENT_FORMAT_ID, 0, 0, 0),
    ...Array.from({ length: MAX_INDENT }, (_, i) => xf(0, 0, 0, 0, `<alignment indent="${i + 1}"/>`)),
  ];
  return (
    `${XML_DECLARATION}<styleSheet xmlns="${MAIN_NS}">` +
    `<numFmts count="2"><numFmt numFmtId="${NUMBER_FORMAT_ID}" formatCode="${escapeXml(numberFormat(decimals))}"/>` +
    `<numFmt numFmtId="${PERCENT_FORMAT_ID}" formatCode="${escapeXml(PERCENT)}"/></numFmts>` +
    '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
    '<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
    '<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/></patternFill></fill>' +
    '<fill><patternFill patternType="solid"><fgColor rgb="FFFFF2CC"/></patternFill></fill></fills>' +
    `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>${box}</borders>` +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font>' +
    '<fill><patternFill patternType="solid"><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>' +
    "</styleSheet>"
  );
}

interface SheetFrame {
  /** Last cell of the used range, e.g. "G9". */
  readonly dimension: string;
  /** Columns and rows frozen at the top left. */
  readonly frozen?: { readonly columns: number; readonly rows: number };
  readonly widths: readonly number[];
  readonly selected?: boolean;
}

/** A worksheet's XML up to its first row. */
function sheetStart(frame: SheetFrame): string {
  let views = "";
  if (frame.frozen !== undefined) {
    const { columns, rows } = frame.frozen;
    const topLeft = cellAddress(rows, columns);
    views =
      `<sheetViews><sheetView${frame.selected === true ? ' tabSelected="1"' : ""} workbookViewId="0">` +
      `<pane xSplit="${columns}" ySplit="${rows}" topLeftCell="${topLeft}" activePane="bottomRight" state="frozen"/>` +
      `<selection pane="bottomRight" activeCell="${topLeft}" sqref="${topLeft}"/></sheetView></sheetViews>`;
  }
  const cols =
    frame.widths.length === 0
      ? ""
      : `<cols>${frame.widths
          .map((width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`)
          .join("")}</cols>`;
  return (
    `${XML_DECLARATION}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<dimension ref="A1:${frame.dimension}"/>${views}<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>`
  );
}

/**
 * A worksheet's XML after its last row: protected without a password, formatting columns and rows
 * still allowed (in `sheetProtection`, an attribute set to 0 is an action the protection allows).
 */
function sheetEnd(after = ""): string {
  return (
    '</sheetData><sheetProtection sheet="1" formatColumns="0" formatRows="0"/>' +
    `${after}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`
  );
}

/** One `<row>` of cells already written ("" for cells left out entirely). */
function row(r: number, cells: string): string {
  return cells === "" ? "" : `<row r="${r}">${cells}</row>`;
}

/** Sheet XML rows from a list of plain values (text, numbers), from column A. */
function valueRow(r: number, values: readonly (string | number)[], strings: SharedStrings, style = 0): string {
  return row(
    r,
    values
      .map((value, c) => {
        const ref = cellAddress(r - 1, c);
        return typeof value === "number" ? numberCell(ref, style, value) : textCell(ref, style, value, strings);
      })
      .join(""),
  );
}

type Progress = (done: number) => Promise<void>;

async function* targetsSheet(
  plan: Plan,
  owner: string,
  rows: readonly FileRow[],
  made: MadeFileRow[],
  strings: SharedStrings,
  progress: Progress,
): AsyncGenerator<string> {
  const { settings } = plan;
  const periods = valueColumns(settings);
  const commentColumn = FIRST_PERIOD_COLUMN + periods.length;
  const letters = Array.from({ length: commentColumn }, (_, c) => columnLetters(c));
  const firstRow = TARGETS_HEADER_ROW + 2;
  yield sheetStart({
    dimension: cellAddress(TARGETS_HEADER_ROW + rows.length, commentColumn - 1),
    frozen: { columns: 2, rows: TARGETS_HEADER_ROW + 1 },
    widths: [14, 32, 16, 12, ...periods.map(() => 14), 40],
    selected: true,
  });
  const unit = planMeasures(settings).map(measureTitle).join(" · ");
  yield (
    row(1, textCell("A1", STYLE.title, sharingMessages.fileTitle(settings.name, owner), strings)) +
    valueRow(2, [sharingMessages.fileInstructions(fileDecimals(settings), settings.allowNegative)], strings) +
    valueRow(3, [settings.deadline === null ? unit : `${unit} · due ${settings.deadline}`], strings) +
    valueRow(
      TARGETS_HEADER_ROW + 1,
      [
        TARGETS_COLUMNS.id,
        TARGETS_COLUMNS.name,
        TARGETS_COLUMNS.owner,
        TARGETS_COLUMNS.status,
        ...periods,
        TARGETS_COLUMNS.comment,
      ],
      strings,
      STYLE.header,
    )
  );

  // Editable rows come in runs (an owner's subtree): one validation per run, as a range.
  const runs: [number, number][] = [];
  const perChunk = chunkRows(5 + periods.length);
  let chunk: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (i % perChunk === 0 && i > 0) {
      yield chunk.join("");
      chunk = [];
      await progress(i);
    }
    const { node, entry, depth, editable } = rows[i];
    const r = firstRow + i;
    const values = periods.map((_, p) => entry.values[p] ?? null);
    made.push({ id: node.id, values, comment: entry.comment });
    let cells =
      textCell(`A${r}`, 0, node.id, strings) +
      textCell(`B${r}`, nameStyle(depth), node.name, strings) +
      textCell(`C${r}`, 0, node.owner, strings) +
      textCell(`D${r}`, 0, entry.status, strings);
    const style = editable ? STYLE.input : STYLE.figure;
    for (let p = 0; p < periods.length; p++)
      cells += numberCell(`${letters[FIRST_PERIOD_COLUMN - 1 + p]}${r}`, style, values[p]);
    cells += textCell(
      `${letters[commentColumn - 1]}${r}`,
      editable ? STYLE.commentInput : STYLE.comment,
      entry.comment,
      strings,
    );
    chunk.push(row(r, cells));
    if (editable) {
      const last = runs[runs.length - 1];
      if (last !== undefined && last[1] === r - 1) last[1] = r;
      else runs.push([r, r]);
    }
  }
  yield chunk.join("");

  let validations = "";
  if (runs.length > 0 && periods.length > 0) {
    const from = letters[FIRST_PERIOD_COLUMN - 1];
    const to = letters[FIRST_PERIOD_COLUMN - 2 + periods.length];
    const formulae = settings.allowNegative
      ? `<formula1>${-1e15}</formula1><formula2>${1e15}</formula2>`
      : "<formula1>0</formula1>";
    const rule =
      `type="decimal" operator="${settings.allowNegative ? "between" : "greaterThanOrEqual"}" allowBlank="1" ` +
      `showErrorMessage="1" errorTitle="Not a target" ` +
      `error="${escapeXml(sharingMessages.cellRule(fileDecimals(settings), settings.allowNegative))}"`;
    validations =
      `<dataValidations count="${runs.length}">` +
      runs
        .map(([a, b]) => `<dataValidation ${rule} sqref="${from}${a}:${to}${b}">${formulae}</dataValidation>`)
        .join("") +
      "</dataValidations>";
  }
  yield sheetEnd(validations);
}

/**
 * The decimals the file's numbers show and its instructions name: the most any measure allows, so a
 * value of a measure with decimals is never shown rounded (collect checks each measure's own).
 */
function fileDecimals(settings: PlanSettings): number {
  return Math.max(...planMeasures(settings).map((measure) => measure.decimals));
}

async function* reportSheet(
  plan: Plan,
  rows: readonly FileRow[],
  strings: SharedStrings,
  progress: Progress,
): AsyncGenerator<string> {
  const { settings } = plan;
  const periods = valueColumns(settings);
  const width = REPORT_FIXED + periods.length * REPORT_MEASURES.length;
  const letters = Array.from({ length: width }, (_, c) => columnLetters(c));
  yield sheetStart({
    dimension: cellAddress(REPORT_FIRST_ROW - 1 + rows.length, width - 1),
    frozen: { columns: REPORT_FIXED, rows: REPORT_FIRST_ROW },
    widths: [14, 32, ...periods.flatMap(() => REPORT_MEASURES.map(() => 13))],
  });
  const labels = periods
    .map((label, p) => textCell(`${letters[REPORT_FIXED + p * REPORT_MEASURES.length]}3`, STYLE.bold, label, strings))
    .join("");
  yield (
    row(1, textCell("A1", STYLE.title, `${settings.name}: report`, strings)) +
    valueRow(2, [sharingMessages.reportNote], strings) +
    row(3, labels) +
    valueRow(
      REPORT_FIRST_ROW,
      [TARGETS_COLUMNS.id, TARGETS_COLUMNS.name, ...periods.flatMap(() => REPORT_MEASURES)],
      strings,
      STYLE.reportHeader,
    )
  );

  const targets = escapeXml(quoteSheet(FILE_SHEETS.targets));
  const perChunk = chunkRows(width);
  let chunk: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (i % perChunk === 0 && i > 0) {
      yield chunk.join("");
      chunk = [];
      await progress(rows.length + i);
    }
    const { node, depth, size } = rows[i];
    const r = REPORT_FIRST_ROW + 1 + i;
    const first = TARGETS_HEADER_ROW + 2 + i;
    // Built on first read (planView.ts), so only for the rows of this chunk.
    const figures = rows[i].view.periods;
    let cells = textCell(`A${r}`, 0, node.id, strings) + textCell(`B${r}`, nameStyle(depth), node.name, strings);
    for (let p = 0; p < periods.length; p++) {
      const column = REPORT_FIXED + p * REPORT_MEASURES.length;
      const inputs = letters[FIRST_PERIOD_COLUMN - 1 + p];
      const bu = `${letters[column]}${r}`;
      const td = `${letters[column + 1]}${r}`;
      const figure = figures?.[p];
      cells +=
        formulaCell(
          bu,
          STYLE.reportFigure,
          `SUM(${targets}!${inputs}${first}:${inputs}${first + size - 1})`,
          figure !== undefined && Number.isFinite(figure.bottomUp) ? figure.bottomUp : 0,
        ) +
        numberCell(td, STYLE.reportFigure, figure?.topDown ?? null) +
        formulaCell(
          `${letters[column + 2]}${r}`,
          STYLE.reportFigure,
          `IF(ISNUMBER(${td}),${bu}-${td},&quot;&quot;)`,
          figure?.variance ?? "",
        ) +
        formulaCell(
          `${letters[column + 3]}${r}`,
          STYLE.percent,
          `IF(AND(ISNUMBER(${td}),${td}&lt;&gt;0),(${bu}-${td})/ABS(${td}),&quot;&quot;)`,
          figure?.variancePct ?? "",
        );
    }
    chunk.push(row(r, cells));
  }
  yield chunk.join("");

  let formats = "";
  if (rows.length > 0) {
    formats = periods
      .map((_, p) => {
        const column = REPORT_FIXED + p * REPORT_MEASURES.length + 3;
        const top = cellAddress(REPORT_FIRST_ROW, column);
        const area = `${top}:${cellAddress(REPORT_FIRST_ROW + rows.length - 1, column)}`;
        const rule = escapeXml(`AND(ISNUMBER(${top}),ABS(${top})>${settings.tolerance})`);
        return `<conditionalFormatting sqref="${area}"><cfRule type="expression" dxfId="0" priority="${p + 1}"><formula>${rule}</formula></cfRule></conditionalFormatting>`;
      })
      .join("");
  }
  yield sheetEnd(formats);
}

function settingsSheet(plan: Plan, owner: string, now: string, strings: SharedStrings): string {
  const { settings } = plan;
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
    ...valueColumns(settings).map((label, p): [string, string] => [`Period ${p + 1}`, label]),
  ];
  const body = rows
    .map(([key, value], i) => {
      const r = i + 2;
      // The tolerance is a share: shown as a percentage.
      const valueCell =
        typeof value === "number"
          ? numberCell(`B${r}`, key === "Tolerance" ? STYLE.percent : 0, value)
          : textCell(`B${r}`, 0, value, strings);
      return row(r, textCell(`A${r}`, 0, key, strings) + valueCell);
    })
    .join("");
  return (
    sheetStart({ dimension: `B${rows.length + 1}`, widths: [28, 40] }) +
    valueRow(1, ["Setting", "Value"], strings, STYLE.bold) +
    body +
    sheetEnd()
  );
}

function markerSheet(record: MadeFile, strings: SharedStrings): string {
  const rows: [string, string | number][] = [
    [MARKER_KEYS.kind, FILE_FORMAT_VERSION],
    [MARKER_KEYS.plan, record.plan],
    [MARKER_KEYS.owner, record.owner],
    [MARKER_KEYS.made, record.made],
    [MARKER_KEYS.file, record.fileId],
  ];
  return (
    sheetStart({ dimension: `B${rows.length}`, widths: [] }) +
    rows.map((values, i) => valueRow(i + 1, values, strings)).join("") +
    sheetEnd()
  );
}

const SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const SHEET_REL = `${REL_NS}/worksheet`;

/** The package's other parts: content types, relationships, workbook, document properties. */
function packageParts(plan: Plan, owner: string, now: string): Record<string, string> {
  const sheets = [FILE_SHEETS.targets, FILE_SHEETS.report, FILE_SHEETS.settings, FILE_SHEETS.marker];
  const sheetList = sheets
    .map((name, i) => {
      // Very hidden: Excel's Unhide doesn't list it (ECMA-376 Part 1, §18.18.68 ST_SheetState).
      const state = name === FILE_SHEETS.marker ? ' state="veryHidden"' : "";
      return `<sheet name="${escapeXml(name)}" sheetId="${i + 1}"${state} r:id="rId${i + 1}"/>`;
    })
    .join("");
  const sheetRels = sheets
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${SHEET_REL}" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join("");
  const created = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.exec(now)?.[0];
  return {
    "[Content_Types].xml":
      `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      sheets
        .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${SHEET_TYPE}"/>`)
        .join("") +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      "</Types>",
    "_rels/.rels":
      `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      "</Relationships>",
    "docProps/core.xml":
      `${XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:creator>Groundup</dc:creator><dc:title>${escapeXml(sharingMessages.fileTitle(plan.settings.name, owner))}</dc:title>` +
      (created === undefined ? "" : `<dcterms:created xsi:type="dcterms:W3CDTF">${created}Z</dcterms:created>`) +
      "</cp:coreProperties>",
    "xl/workbook.xml":
      `${XML_DECLARATION}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
      `<bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheetList}</sheets>` +
      // The report's cached results are as made; Excel recalculates them on opening.
      '<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>',
    "xl/_rels/workbook.xml.rels":
      `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      sheetRels +
      `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${sheets.length + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` +
      "</Relationships>",
  };
}

/** `texts`, stepping progress from `from` by `each` after every chunk (and so yielding between them). */
async function* paced(texts: Iterable<string>, step: Progress, from: number, each: number): AsyncGenerator<string> {
  let done = from;
  for (const text of texts) {
    yield text;
    done += each;
    await step(Math.round(done));
  }
}

/** One owner's workbook as .xlsx bytes, with the record of it. */
async function ownerFile(
  plan: Plan,
  view: PlanView,
  owner: string,
  options: SplitOptions,
  progress: (rowsDone: number, rows: number) => Promise<void>,
): Promise<SplitFile> {
  const { now } = options;
  const rows = await rowsFor(plan, view, owner);
  if (rows.length === 0) throw new SplitError(sharingMessages.noNodesFor(owner));
  const made: MadeFileRow[] = [];
  const record: MadeFile = {
    fileId: (options.fileId ?? newFileId)(),
    owner,
    plan: plan.settings.name,
    made: now,
    madeBy: options.madeBy ?? "",
    periods: valueColumns(plan.settings),
    // Filled as the Targets sheet is written: the record is the rows as the file holds them.
    rows: made,
  };
  // Progress counts each row twice (Targets, then Report), then the shared strings and the packing.
  const packing = Math.ceil(rows.length / 10);
  const total = rows.length * 2 + packing;
  const step = (done: number): Promise<void> => progress(done, total);
  await step(0);
  const strings = new SharedStrings();
  const zip = new ZipWriter();
  for (const [name, xml] of Object.entries(packageParts(plan, owner, now))) await zip.addPart(name, [xml]);
  await zip.addPart("xl/styles.xml", [stylesXml(fileDecimals(plan.settings))]);
  await zip.addPart("xl/worksheets/sheet1.xml", targetsSheet(plan, owner, rows, made, strings, step));
  await zip.addPart("xl/worksheets/sheet2.xml", reportSheet(plan, rows, strings, step));
  await zip.addPart("xl/worksheets/sheet3.xml", [settingsSheet(plan, owner, now, strings)]);
  await zip.addPart("xl/worksheets/sheet4.xml", [markerSheet(record, strings)]);
  await step(rows.length * 2);
  await zip.addPart("xl/sharedStrings.xml", paced(strings.xml(), step, rows.length * 2, packing / strings.chunks));
  const data = zip.finish();
  await step(total);
  return {
    owner,
    fileName: contributorFileName(plan.settings.name, owner),
    data,
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
  if (plan.nodes.length === 0) throw new SplitError(layoutMessages.noNodes);
  if (typeof CompressionStream === "undefined") throw new SplitError(collectMessages.cannotPack);
  const chosen = owners === "all" ? planOwners(plan) : owners;
  // One long step at 100,000 nodes (the rollup and the cascade), unless a pane view already built
  // it for this plan: the pane gets to paint around it.
  await nextTask();
  const view = planViewOf(plan);
  if (view.problems.length > 0) throw new SplitError(view.problems.map((problem) => problem.message).join("; "));
  await nextTask();
  const files: SplitFile[] = [];
  for (let file = 0; file < chosen.length; file++) {
    const owner = chosen[file].trim();
    const progress = async (rowsDone: number, rows: number): Promise<void> => {
      options.onProgress?.({ file, files: chosen.length, owner, rowsDone, rows });
      await nextTask();
    };
    files.push(await ownerFile(plan, view, owner, options, progress));
  }
  return files;
}
