/**
 * The plan as visible workbook content: which sheets and named tables hold it, what to write into
 * them, how to read them back, and the report sheet's formulas. Pure: both workbook
 * implementations (Excel and in-memory) turn these grids into cells the same way.
 *
 * Layout, every table anchored at A1 of its own sheet:
 * - "GU Settings" / GuSettings: Key | Value rows (schemaVersion, name, metric, unit, decimals,
 *   tolerance, deadline, allowNegative, then one "period" row per period, in order).
 * - "GU Hierarchy" / GuHierarchy: Id | Parent | Name | Owner | the user's extra columns, in tree
 *   order (depth-first, siblings in the order set up), so the report below is in tree order too.
 * - "GU Inputs" / GuInputs and "GU Targets" / GuTargets: Id | one column per period label.
 * - "GU Status" / GuStatus: Id | Status | Comment | Return reason | Updated at | Updated by.
 * - "GU Audit" / GuAudit: Time | User | Node | Field | Old | New | Note, append-only.
 * - "GU Report": formulas only (see `reportBlocks`).
 *
 * The per-node tables (inputs, targets, status) are written row-aligned with the hierarchy: row i
 * of each holds node i. That lets the report use one spilled formula per column over plain ranges.
 * Reading is always by id, never by position. Rows of ids that left the hierarchy but still hold
 * something (an input, a target, a comment, a status other than Not started) are kept below the
 * aligned rows ("orphans"), and come back into line if the node returns; so are columns of periods
 * that left the plan but hold values. Nothing a contributor entered is deleted by setting up again.
 *
 * Text: every string cell is written through `asTextCell`, which puts Excel's text prefix (') in
 * front of text Excel would otherwise turn into a formula, number, date or boolean. The number
 * format "@" is deliberately not used for text: combined with the prefix its behaviour is not
 * documented, and the prefix alone is what both Excel and HyperFormula document.
 */
import { cellAddress, localAddress, quoteSheet, sheetAddress, type CellRange } from "../a1";
import { asNumber, idKey, idText, isBlank } from "../cell";
import { Hierarchy } from "../hierarchy/hierarchy";
import { layoutMessages, messages } from "../messages";
import { asTextCell } from "./text";
import {
  STATUSES,
  type AuditEntry,
  type NodeEntry,
  type PeriodValues,
  type Plan,
  type PlanNode,
  type PlanSettings,
  type Status,
} from "./types";
import { emptyEntry } from "./workflow";

/** Bumped when the layout changes in a way older add-ins would misread. */
export const LAYOUT_VERSION = 1;

export const MAX_DECIMALS = 10;

export const SHEETS = {
  settings: "GU Settings",
  hierarchy: "GU Hierarchy",
  inputs: "GU Inputs",
  targets: "GU Targets",
  status: "GU Status",
  audit: "GU Audit",
  report: "GU Report",
} as const;

export type PlanTable = "settings" | "hierarchy" | "inputs" | "targets" | "status" | "audit";

/** Excel table names: unique in the workbook, so they carry the Gu prefix too. */
export const TABLES: Readonly<Record<PlanTable, string>> = {
  settings: "GuSettings",
  hierarchy: "GuHierarchy",
  inputs: "GuInputs",
  targets: "GuTargets",
  status: "GuStatus",
  audit: "GuAudit",
};

export const TABLE_SHEETS: Readonly<Record<PlanTable, string>> = {
  settings: SHEETS.settings,
  hierarchy: SHEETS.hierarchy,
  inputs: SHEETS.inputs,
  targets: SHEETS.targets,
  status: SHEETS.status,
  audit: SHEETS.audit,
};

/** The tables `readPlanGrids` needs; the audit log is read on its own. */
export const PLAN_TABLES: readonly PlanTable[] = [
  "settings",
  "hierarchy",
  "inputs",
  "targets",
  "status",
];
/** The tables that hold something per node and must survive a new setup. */
export const NODE_TABLES = ["inputs", "targets", "status"] as const;
type NodeTable = (typeof NODE_TABLES)[number];

export const ID_HEADER = "Id";
const SETTINGS_HEADERS = ["Key", "Value"] as const;
export const HIERARCHY_HEADERS = [ID_HEADER, "Parent", "Name", "Owner"] as const;
export const STATUS_HEADERS = [
  ID_HEADER,
  "Status",
  "Comment",
  "Return reason",
  "Updated at",
  "Updated by",
] as const;
export const AUDIT_HEADERS = ["Time", "User", "Node", "Field", "Old", "New", "Note"] as const;

const SETTING_KEYS = [
  "schemaVersion",
  "name",
  "metric",
  "unit",
  "decimals",
  "tolerance",
  "deadline",
  "allowNegative",
] as const;
type SettingKey = (typeof SETTING_KEYS)[number];
const PERIOD_KEY = "period";

export const GENERAL = "General";
export const PERCENT = "0.0%";
const WHOLE = "0";

/** "#,##0" or "#,##0.00" for 2 decimals. */
export function numberFormat(decimals: number): string {
  const places = Math.max(0, Math.min(MAX_DECIMALS, Math.trunc(decimals)));
  return places === 0 ? "#,##0" : `#,##0.${"0".repeat(places)}`;
}

// ---------------------------------------------------------------------------------------------
// Cells

/** A formula, written as is. Every other layout cell is a constant. */
export interface Formula {
  readonly formula: string;
}

/** A string is always text; null is a blank cell. */
export type LayoutCell = string | number | boolean | null | Formula;

export function isFormula(cell: unknown): cell is Formula {
  return typeof cell === "object" && cell !== null && typeof (cell as Formula).formula === "string";
}

/** What a cell input takes: Excel's `Range.values`/`formulas` and `MemoryWorkbook.write`. */
export type CellInput = string | number | boolean;

/**
 * The input that makes a cell hold `cell`. Blank is "" because null in Excel's `Range.values`
 * means "leave this cell as it is"; text goes through `asTextCell` so it stays text.
 */
export function toCellInput(cell: LayoutCell): CellInput {
  if (cell === null) return "";
  if (isFormula(cell)) return cell.formula;
  if (typeof cell === "string") return cell === "" ? "" : asTextCell(cell);
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : "";
  return cell;
}

/** A rectangle to write: constants and formulas, and/or one number format per column. */
export interface CellBlock {
  readonly sheet: string;
  /** 0-based */
  readonly row: number;
  /** 0-based */
  readonly col: number;
  readonly rowCount: number;
  readonly colCount: number;
  /** rowCount rows of colCount cells; null when the block only sets number formats. */
  readonly cells: readonly (readonly LayoutCell[])[] | null;
  /** One number format per column, for every row; null to leave formats as they are. */
  readonly formats: readonly string[] | null;
}

export function blockRange(block: CellBlock): CellRange {
  return {
    sheet: block.sheet,
    row: block.row,
    col: block.col,
    rowCount: block.rowCount,
    colCount: block.colCount,
  };
}

/** The cells of the block as inputs (see `toCellInput`). */
export function blockInputs(
  block: CellBlock,
  fromRow = 0,
  rowCount = block.rowCount
): CellInput[][] {
  return (block.cells ?? []).slice(fromRow, fromRow + rowCount).map((row) => row.map(toCellInput));
}

/** True when any cell of the block is a formula (the Excel adapter then writes `formulas`). */
export function blockHasFormulas(block: CellBlock): boolean {
  return block.cells !== null && block.cells.some((row) => row.some(isFormula));
}

function cellsBlock(
  sheet: string,
  row: number,
  col: number,
  cells: LayoutCell[][],
  formats: readonly string[] | null
): CellBlock {
  return {
    sheet,
    row,
    col,
    rowCount: cells.length,
    colCount: cells[0]?.length ?? 0,
    cells,
    formats,
  };
}

function formatBlock(
  sheet: string,
  row: number,
  col: number,
  rowCount: number,
  formats: readonly string[]
): CellBlock {
  return { sheet, row, col, rowCount, colCount: formats.length, cells: null, formats };
}

/** Text of a cell as read: what a name, comment or id looks like to the user. */
export function cellText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return "";
}

/** A stored cell kept through a new setup as it was: numbers, text and booleans; anything else is blank. */
function keptCell(value: unknown): LayoutCell {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value;
  if (typeof value === "string") return value === "" ? null : value;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Problems

/** Something wrong with the plan's tables, with the sheet row (1-based) to show the user. */
export interface LayoutProblem {
  readonly sheet: string;
  /** 1-based sheet row, or null when the problem is with a whole table or column. */
  readonly row: number | null;
  readonly message: string;
}

const SHOWN_PROBLEMS = 3;

/** The plan's tables can't be read or written as they are; `problems` says why, row by row. */
export class PlanLayoutError extends Error {
  override readonly name = "PlanLayoutError";
  constructor(readonly problems: readonly LayoutProblem[]) {
    const shown = problems.slice(0, SHOWN_PROBLEMS).map((problem) => problem.message);
    if (problems.length > SHOWN_PROBLEMS)
      shown.push(messages.moreProblems(problems.length - SHOWN_PROBLEMS));
    super(shown.join("; "));
  }
}

// ---------------------------------------------------------------------------------------------
// Grids as read

/** A table's cells as read: header row and body rows (blank rows included). */
export interface TableGrid {
  readonly headers: readonly unknown[];
  readonly rows: readonly (readonly unknown[])[];
}

export type PlanGrids = Partial<Record<PlanTable, TableGrid>>;

function headerKey(value: unknown): string {
  return cellText(value).trim().toLowerCase();
}

/** 0-based column of `header` (matched trimmed, ignoring case), or -1. */
export function findColumn(headers: readonly unknown[], header: string): number {
  const key = header.trim().toLowerCase();
  return headers.findIndex((value) => headerKey(value) === key);
}

/** Body row index (0-based) -> 1-based sheet row; every table starts at A1 with its header. */
export function sheetRowOf(bodyRow: number): number {
  return bodyRow + 2;
}

// ---------------------------------------------------------------------------------------------
// Writing a plan

/** The range a plan table must cover: header row plus body, anchored at A1. */
export interface TableLayout {
  readonly table: PlanTable;
  readonly name: string;
  readonly sheet: string;
  readonly rowCount: number;
  readonly colCount: number;
}

/** Conditional formatting of variance % outside the plan's tolerance. */
export interface ToleranceRule {
  readonly range: CellRange;
  /** Excel "custom" rule formula, relative to the range's top-left cell. */
  readonly formula: string;
  /** The tolerance when the report was built, for renderers without a formula engine. */
  readonly tolerance: number;
  readonly fill: string;
  readonly fontColor: string;
}

export interface PlanLayout {
  /** Settings, hierarchy, inputs, targets and status, with the size each must have. */
  readonly tables: readonly TableLayout[];
  /** Everything to write, in order (the report's spilling formulas come last). */
  readonly blocks: readonly CellBlock[];
  readonly rules: readonly ToleranceRule[];
  /** Ids of the per-node tables' rows, in order: the nodes in tree order, then orphans. */
  readonly rowIds: readonly string[];
}

/** The audit table when it doesn't exist yet: a header row and one blank row, as Excel makes it. */
export const AUDIT_TABLE: TableLayout = {
  table: "audit",
  name: TABLES.audit,
  sheet: SHEETS.audit,
  rowCount: 2,
  colCount: AUDIT_HEADERS.length,
};

export function auditHeaderBlock(): CellBlock {
  return cellsBlock(
    SHEETS.audit,
    0,
    0,
    [[...AUDIT_HEADERS]],
    AUDIT_HEADERS.map(() => GENERAL)
  );
}

export interface PlanSetupInput {
  readonly settings: PlanSettings;
  readonly nodes: readonly PlanNode[];
}

/**
 * Everything to write for `setup`, keeping what the per-node tables in `existing` hold (by id).
 * Throws `PlanLayoutError` when the setup is not a valid plan or an existing table can't be read
 * safely (its rows would be lost).
 */
export function buildPlanLayout(setup: PlanSetupInput, existing: PlanGrids): PlanLayout {
  const { settings } = setup;
  const problems = setupProblems(setup);
  const built = Hierarchy.build(
    setup.nodes.map((node) => node.id),
    setup.nodes.map((node) => node.parent)
  );
  if (!built.ok) {
    for (const problem of built.problems)
      problems.push({ sheet: "", row: problem.rows[0] ?? null, message: problem.message });
  }
  if (problems.length > 0 || !built.ok) throw new PlanLayoutError(problems);

  const nodes = Array.from(built.hierarchy.order, (index) => setup.nodes[index]);
  const stored = NODE_TABLES.map((table) => storedTable(table, existing[table]));
  const storedProblems = stored.flatMap((table) => table.problems);
  if (storedProblems.length > 0) throw new PlanLayoutError(storedProblems);
  const [inputs, targets, status] = stored;

  const nodeKeys = new Set(nodes.map((node) => idKey(node.id) as string));
  const orphans: string[] = [];
  const orphanKeys = new Set<string>();
  for (const table of [status, inputs, targets]) {
    for (const row of table.rows) {
      if (nodeKeys.has(row.key) || orphanKeys.has(row.key) || !row.hasData) continue;
      orphanKeys.add(row.key);
      orphans.push(row.id);
    }
  }
  const rowIds = [...nodes.map((node) => node.id), ...orphans];

  const attributes = attributeNames(setup.nodes);
  const hierarchyCells = nodes.map((node): LayoutCell[] => [
    node.id,
    node.parent,
    node.name,
    node.owner,
    ...attributes.map((name) => node.attributes[name] ?? ""),
  ]);
  const hierarchyHeaders = [...HIERARCHY_HEADERS, ...attributes];
  const valueFormat = numberFormat(settings.decimals);

  const nodeTables: {
    table: NodeTable;
    stored: StoredTable;
    columns: string[];
    fill: (column: string) => LayoutCell;
  }[] = [
    {
      table: "inputs",
      stored: inputs,
      columns: [ID_HEADER, ...settings.periods],
      fill: () => null,
    },
    {
      table: "targets",
      stored: targets,
      columns: [ID_HEADER, ...settings.periods],
      fill: () => null,
    },
    {
      table: "status",
      stored: status,
      columns: [...STATUS_HEADERS],
      fill: (column) => (column === "Status" ? "Not started" : null),
    },
  ];

  const tables: TableLayout[] = [];
  const blocks: CellBlock[] = [];
  const addTable = (
    table: PlanTable,
    headers: readonly string[],
    body: LayoutCell[][],
    formats: readonly string[]
  ): void => {
    const sheet = TABLE_SHEETS[table];
    tables.push({
      table,
      name: TABLES[table],
      sheet,
      rowCount: body.length + 1,
      colCount: headers.length,
    });
    blocks.push(
      cellsBlock(
        sheet,
        0,
        0,
        [[...headers]],
        headers.map(() => GENERAL)
      )
    );
    blocks.push(cellsBlock(sheet, 1, 0, body, formats));
  };

  const settingsBody = settingsRows(settings);
  addTable("settings", SETTINGS_HEADERS, settingsBody, [GENERAL, GENERAL]);
  blocks.push(formatBlock(SHEETS.settings, settingsRow("decimals") - 1, 1, 1, [WHOLE]));
  blocks.push(formatBlock(SHEETS.settings, settingsRow("tolerance") - 1, 1, 1, [PERCENT]));
  addTable(
    "hierarchy",
    hierarchyHeaders,
    hierarchyCells,
    hierarchyHeaders.map(() => GENERAL)
  );

  for (const spec of nodeTables) {
    const kept = spec.stored.columns.filter(
      (column) =>
        findColumn(spec.columns, column) < 0 &&
        spec.stored.rows.some((row) => row.data.has(headerKey(column)))
    );
    const columns = [...spec.columns, ...kept];
    const numeric = spec.table !== "status";
    const formats = columns.map((_, i) => (numeric && i > 0 ? valueFormat : GENERAL));
    const byKey = new Map(spec.stored.rows.map((row) => [row.key, row]));
    const body = rowIds.map((id): LayoutCell[] => {
      const row = byKey.get(idKey(id) as string);
      return columns.map((column, i) => {
        if (i === 0) return id;
        const value = row?.cells.get(headerKey(column));
        const cell = value === undefined ? null : keptCell(value);
        return cell === null ? spec.fill(column) : cell;
      });
    });
    addTable(spec.table, columns, body, formats);
  }

  const report = reportBlocks(settings, nodes.length);
  return { tables, blocks: [...blocks, ...report.blocks], rules: report.rules, rowIds };
}

function setupProblems(setup: PlanSetupInput): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  const add = (message: string): void => {
    problems.push({ sheet: "", row: null, message });
  };
  const { settings } = setup;
  if (setup.nodes.length === 0) add(layoutMessages.noNodes);
  if (settings.periods.length === 0) add(layoutMessages.noPeriods);
  const seen = new Set<string>();
  settings.periods.forEach((label, i) => {
    const key = label.trim().toLowerCase();
    if (key === "") add(layoutMessages.blankPeriod(i + 1));
    else if (key === ID_HEADER.toLowerCase()) add(layoutMessages.reservedPeriod(label));
    else if (seen.has(key)) add(layoutMessages.duplicatePeriod(label));
    seen.add(key);
  });
  if (
    !Number.isInteger(settings.decimals) ||
    settings.decimals < 0 ||
    settings.decimals > MAX_DECIMALS
  ) {
    add(layoutMessages.badDecimals(MAX_DECIMALS));
  }
  if (!Number.isFinite(settings.tolerance) || settings.tolerance < 0)
    add(layoutMessages.badTolerance);
  for (const name of attributeNames(setup.nodes)) {
    if (name.trim() === "") add(layoutMessages.blankAttribute);
    else if (findColumn(HIERARCHY_HEADERS, name) >= 0) add(layoutMessages.reservedAttribute(name));
  }
  return problems;
}

/** The extra hierarchy columns, in the order first seen. */
function attributeNames(nodes: readonly PlanNode[]): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const node of nodes) {
    for (const name of Object.keys(node.attributes)) {
      if (seen.has(name)) continue;
      seen.add(name);
      names.push(name);
    }
  }
  return names;
}

function settingsRows(settings: PlanSettings): LayoutCell[][] {
  const values: Record<SettingKey, LayoutCell> = {
    schemaVersion: LAYOUT_VERSION,
    name: settings.name,
    metric: settings.metric,
    unit: settings.unit,
    decimals: settings.decimals,
    tolerance: settings.tolerance,
    deadline: settings.deadline,
    allowNegative: settings.allowNegative,
  };
  return [
    ...SETTING_KEYS.map((key): LayoutCell[] => [key, values[key]]),
    ...settings.periods.map((label): LayoutCell[] => [PERIOD_KEY, label]),
  ];
}

/** 1-based sheet row of a setting: the report's formulas point at decimals and tolerance. */
function settingsRow(key: SettingKey): number {
  return sheetRowOf(SETTING_KEYS.indexOf(key));
}

interface StoredRow {
  readonly id: string;
  readonly key: string;
  /** header key -> cell */
  readonly cells: ReadonlyMap<string, unknown>;
  /** header keys of the cells that count as something entered */
  readonly data: ReadonlySet<string>;
  readonly hasData: boolean;
}

interface StoredTable {
  readonly columns: readonly string[];
  readonly rows: readonly StoredRow[];
  readonly problems: readonly LayoutProblem[];
}

/** A per-node table as it is, read leniently (any columns), to carry its rows into a new setup. */
function storedTable(table: NodeTable, grid: TableGrid | undefined): StoredTable {
  if (grid === undefined) return { columns: [], rows: [], problems: [] };
  const sheet = TABLE_SHEETS[table];
  const idColumn = findColumn(grid.headers, ID_HEADER);
  if (idColumn < 0) {
    return {
      columns: [],
      rows: [],
      problems: [
        { sheet, row: 1, message: layoutMessages.missingColumn(TABLES[table], sheet, ID_HEADER) },
      ],
    };
  }
  const columns = grid.headers.map(cellText);
  const rows: StoredRow[] = [];
  const rowsByKey = new Map<string, number[]>();
  grid.rows.forEach((cells, index) => {
    const key = idKey(cells[idColumn]);
    if (key === undefined) return;
    rowsByKey.set(key, [...(rowsByKey.get(key) ?? []), sheetRowOf(index)]);
    const values = new Map<string, unknown>();
    const data = new Set<string>();
    columns.forEach((column, c) => {
      if (c === idColumn) return;
      const value = cells[c];
      values.set(headerKey(column), value);
      const pristine =
        isBlank(value) ||
        (table === "status" &&
          headerKey(column) === "status" &&
          headerKey(value) === "not started");
      if (!pristine) data.add(headerKey(column));
    });
    rows.push({
      id: idText(cells[idColumn]).trim(),
      key,
      cells: values,
      data,
      hasData: data.size > 0,
    });
  });
  const problems = duplicateProblems(sheet, rowsByKey, rows);
  return { columns: columns.filter((_, c) => c !== idColumn), rows, problems };
}

function duplicateProblems(
  sheet: string,
  rowsByKey: ReadonlyMap<string, number[]>,
  rows: readonly { key: string; id: string }[]
): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  for (const [key, sheetRows] of rowsByKey) {
    if (sheetRows.length < 2) continue;
    const id = rows.find((row) => row.key === key)?.id ?? key;
    problems.push({
      sheet,
      row: sheetRows[0],
      message: layoutMessages.duplicateRows(sheet, id, sheetRows),
    });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The report

/** 0-based row of the report's first node. */
export const REPORT_FIRST_ROW = 3;
const REPORT_HEADERS = ["Id", "Name", "Owner", "Status", "Level"] as const;
const REPORT_MEASURES = ["Bottom-up", "Top-down", "Variance", "Variance %"] as const;
const LEVEL_COLUMN = 4;
const INDENT = "   ";
const BAD_FILL = "#FFC7CE";
const BAD_FONT = "#9C0006";

/** 0-based report column of a period's measure (0 bottom-up, 1 top-down, 2 variance, 3 variance %). */
export function reportColumn(period: number, measure: number): number {
  return REPORT_HEADERS.length + period * REPORT_MEASURES.length + measure;
}

/**
 * The report sheet, rows aligned with the hierarchy table (which is in tree order):
 * row 1 the plan's name, row 2 metric and unit and each period's label over its four columns,
 * row 3 headers, then one row per node. Per row: Id, Owner and Status are references to the same
 * row of the hierarchy and status tables, Name is indented by Level. Level and every period's
 * four measures are one spilled formula each, over plain A1 ranges (HyperFormula, which the
 * browser workbench uses, has no structured references):
 *   Level      =BU.LEVEL(ids, parents)
 *   Bottom-up  =BU.ROLLUP(ids, parents, inputs of the period)
 *   Top-down   =BU.CASCADE(ids, parents, targets of the period, the bottom-up column, decimals)
 *   Variance   =BU.VARIANCE(bottom-up column, top-down column)
 *   Variance % =BU.VARIANCE(bottom-up column, top-down column, "pct")
 * CASCADE returns rows aligned with `ids` and has no `nodes` argument; keeping every column
 * aligned with the hierarchy table (rather than re-ordering with BU.TREE) keeps all columns in step.
 * Decimals and tolerance are read from the settings table, so editing them there updates the report.
 */
function reportBlocks(
  settings: PlanSettings,
  nodeCount: number
): { blocks: CellBlock[]; rules: ToleranceRule[] } {
  const sheet = SHEETS.report;
  const periods = settings.periods;
  const width = reportColumn(periods.length, 0);
  const n = nodeCount;
  const first = REPORT_FIRST_ROW;
  const tableColumn = (table: PlanTable, col: number): string =>
    sheetAddress({ sheet: TABLE_SHEETS[table], row: 1, col, rowCount: n, colCount: 1 });
  const ids = tableColumn("hierarchy", 0);
  const parents = tableColumn("hierarchy", 1);
  const decimals = `${quoteSheet(SHEETS.settings)}!${cellAddress(settingsRow("decimals") - 1, 1, true)}`;
  const tolerance = `${quoteSheet(SHEETS.settings)}!${cellAddress(settingsRow("tolerance") - 1, 1, true)}`;
  const own = (col: number): string =>
    localAddress({ row: first, col, rowCount: n, colCount: 1 }, true);

  const title: LayoutCell[] = Array<LayoutCell>(width).fill(null);
  title[0] = settings.name;
  const periodRow: LayoutCell[] = Array<LayoutCell>(width).fill(null);
  periodRow[0] =
    settings.unit.trim() === "" ? settings.metric : `${settings.metric} (${settings.unit})`;
  const headerRow: LayoutCell[] = [...REPORT_HEADERS];
  periods.forEach((label, p) => {
    periodRow[reportColumn(p, 0)] = label;
    headerRow.push(...REPORT_MEASURES);
  });

  const hierarchyRef = (col: number, i: number): string =>
    `${quoteSheet(SHEETS.hierarchy)}!${cellAddress(1 + i, col, true)}`;
  const perRow: LayoutCell[][] = [];
  for (let i = 0; i < n; i++) {
    const level = cellAddress(first + i, LEVEL_COLUMN, true);
    perRow.push([
      { formula: `=${hierarchyRef(0, i)}&""` },
      { formula: `=IFERROR(REPT("${INDENT}",${level}-1),"")&${hierarchyRef(2, i)}` },
      { formula: `=${hierarchyRef(3, i)}&""` },
      { formula: `=${quoteSheet(SHEETS.status)}!${cellAddress(1 + i, 1, true)}&""` },
    ]);
  }

  const valueFormat = numberFormat(settings.decimals);
  const spill: LayoutCell[] = [{ formula: `=BU.LEVEL(${ids},${parents})` }];
  const measureFormats: string[] = [WHOLE];
  const rules: ToleranceRule[] = [];
  periods.forEach((_, p) => {
    const bottomUp = own(reportColumn(p, 0));
    const topDown = own(reportColumn(p, 1));
    spill.push(
      { formula: `=BU.ROLLUP(${ids},${parents},${tableColumn("inputs", 1 + p)})` },
      {
        formula: `=BU.CASCADE(${ids},${parents},${tableColumn("targets", 1 + p)},${bottomUp},${decimals})`,
      },
      { formula: `=BU.VARIANCE(${bottomUp},${topDown})` },
      { formula: `=BU.VARIANCE(${bottomUp},${topDown},"pct")` }
    );
    measureFormats.push(valueFormat, valueFormat, valueFormat, PERCENT);
    const pctColumn = reportColumn(p, 3);
    const topLeft = cellAddress(first, pctColumn);
    rules.push({
      range: { sheet, row: first, col: pctColumn, rowCount: n, colCount: 1 },
      // IF, not AND: AND evaluates ABS of an error cell (a zero target) and errors itself.
      formula: `=IF(ISNUMBER(${topLeft}),ABS(${topLeft})>${tolerance},FALSE())`,
      tolerance: settings.tolerance,
      fill: BAD_FILL,
      fontColor: BAD_FONT,
    });
  });

  const blocks: CellBlock[] = [
    cellsBlock(sheet, 0, 0, [title, periodRow, headerRow], Array<string>(width).fill(GENERAL)),
    cellsBlock(sheet, first, 0, perRow, [GENERAL, GENERAL, GENERAL, GENERAL]),
    formatBlock(sheet, first, LEVEL_COLUMN, n, measureFormats),
    // Last, once the cells they spill into are blank and formatted.
    cellsBlock(sheet, first, LEVEL_COLUMN, [spill], null),
  ];
  return { blocks, rules };
}

// ---------------------------------------------------------------------------------------------
// Reading a plan

export type PlanRead =
  | { readonly ok: true; readonly plan: Plan }
  | { readonly ok: false; readonly problems: LayoutProblem[] };

/**
 * The plan the tables hold, or every problem that stops it being read. `grids` without a settings
 * table means there is no plan (the caller returns null); a missing other table is a problem.
 * Every node gets an entry and a top-down row (blank when it has none in the tables); rows of ids
 * not in the hierarchy (orphans) are not part of the plan but stay in the workbook.
 */
export function readPlanGrids(grids: PlanGrids): PlanRead {
  const problems: LayoutProblem[] = [];
  const missing = (table: PlanTable): void => {
    problems.push({
      sheet: TABLE_SHEETS[table],
      row: null,
      message: layoutMessages.missingTable(TABLES[table], TABLE_SHEETS[table]),
    });
  };
  for (const table of PLAN_TABLES) if (grids[table] === undefined) missing(table);
  if (problems.length > 0) return { ok: false, problems };

  const settings = readSettingsGrid(grids.settings as TableGrid, problems);
  const nodes = readHierarchy(grids.hierarchy as TableGrid, problems);
  if (settings === null || nodes === null) return { ok: false, problems };

  const inputs = readValueTable("inputs", grids.inputs as TableGrid, settings.periods, problems);
  const targets = readValueTable("targets", grids.targets as TableGrid, settings.periods, problems);
  const status = readStatusTable(grids.status as TableGrid, problems);
  if (problems.length > 0 || inputs === null || targets === null || status === null)
    return { ok: false, problems };

  const entries = new Map<string, NodeEntry>();
  const topDown = new Map<string, PeriodValues>();
  const blank = (): (number | null)[] => settings.periods.map(() => null);
  for (const node of nodes) {
    const key = idKey(node.id) as string;
    const row = status.get(key);
    const values = inputs.get(key) ?? blank();
    entries.set(
      node.id,
      row === undefined
        ? { ...emptyEntry(node.id, settings.periods.length), values }
        : { ...row, id: node.id, values }
    );
    topDown.set(node.id, targets.get(key) ?? blank());
  }
  return { ok: true, plan: { settings, nodes, entries, topDown } };
}

/** The settings the settings table holds; null (with problems) if they can't be read. */
export function readSettingsGrid(grid: TableGrid, problems: LayoutProblem[]): PlanSettings | null {
  const sheet = SHEETS.settings;
  const columns = requireColumns("settings", grid.headers, SETTINGS_HEADERS, problems);
  if (columns === null) return null;
  const [keyColumn, valueColumn] = columns;

  const found = new Map<string, { value: unknown; row: number }>();
  const periods: string[] = [];
  grid.rows.forEach((cells, index) => {
    const key = headerKey(cells[keyColumn]);
    const value = cells[valueColumn];
    if (key === PERIOD_KEY) {
      if (!isBlank(value)) periods.push(cellText(value).trim());
    } else if (key !== "" && !found.has(key)) {
      found.set(key, { value, row: sheetRowOf(index) });
    }
  });
  const count = problems.length;
  const get = (key: SettingKey): { value: unknown; row: number } | undefined =>
    found.get(key.toLowerCase());
  const require = (key: SettingKey): { value: unknown; row: number } | undefined => {
    const setting = get(key);
    if (setting === undefined)
      problems.push({ sheet, row: null, message: layoutMessages.missingSetting(sheet, key) });
    return setting;
  };
  const bad = (
    key: SettingKey,
    setting: { value: unknown; row: number },
    expected: string
  ): void => {
    problems.push({
      sheet,
      row: setting.row,
      message: layoutMessages.badSetting(
        sheet,
        setting.row,
        key,
        expected,
        describe(setting.value)
      ),
    });
  };

  const version = require("schemaVersion");
  if (version !== undefined) {
    const number = asNumber(version.value);
    if (number === undefined) bad("schemaVersion", version, "a number");
    else if (number > LAYOUT_VERSION)
      problems.push({ sheet, row: version.row, message: layoutMessages.newerLayout(number) });
  }
  const decimalsSetting = require("decimals");
  let decimals = 0;
  if (decimalsSetting !== undefined) {
    const number = asNumber(decimalsSetting.value);
    if (number === undefined || !Number.isInteger(number) || number < 0 || number > MAX_DECIMALS) {
      bad("decimals", decimalsSetting, `a whole number from 0 to ${MAX_DECIMALS}`);
    } else decimals = number;
  }
  const toleranceSetting = require("tolerance");
  let tolerance = 0;
  if (toleranceSetting !== undefined) {
    const number = asNumber(toleranceSetting.value);
    if (number === undefined || number < 0)
      bad("tolerance", toleranceSetting, "a number of 0 or more");
    else tolerance = number;
  }
  let deadline: string | null = null;
  const deadlineSetting = get("deadline");
  if (deadlineSetting !== undefined && !isBlank(deadlineSetting.value)) {
    deadline = readDate(deadlineSetting.value);
    if (deadline === null) bad("deadline", deadlineSetting, "a date like 2027-03-31");
  }
  let allowNegative = false;
  const negativeSetting = get("allowNegative");
  if (negativeSetting !== undefined && !isBlank(negativeSetting.value)) {
    const flag = readFlag(negativeSetting.value);
    if (flag === null) bad("allowNegative", negativeSetting, "TRUE or FALSE");
    else allowNegative = flag;
  }
  if (periods.length === 0)
    problems.push({ sheet, row: null, message: layoutMessages.missingSetting(sheet, PERIOD_KEY) });
  if (problems.length > count) return null;
  const text = (key: SettingKey): string => cellText(get(key)?.value).trim();
  return {
    name: text("name"),
    metric: text("metric"),
    unit: text("unit"),
    periods,
    decimals,
    tolerance,
    deadline,
    allowNegative,
  };
}

function describe(value: unknown): string {
  return isBlank(value) ? "blank" : `"${cellText(value)}"`;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;

/** yyyy-mm-dd from ISO text or from an Excel date serial (someone typed a date into the cell). */
function readDate(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value) && value > 0) {
    return new Date(EXCEL_EPOCH + Math.floor(value) * DAY).toISOString().slice(0, 10);
  }
  const text = cellText(value).trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text ? text : null;
}

function readFlag(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  const text = headerKey(value);
  if (text === "true" || text === "yes") return true;
  if (text === "false" || text === "no") return false;
  return null;
}

function readHierarchy(grid: TableGrid, problems: LayoutProblem[]): PlanNode[] | null {
  const sheet = SHEETS.hierarchy;
  const columns = requireColumns("hierarchy", grid.headers, HIERARCHY_HEADERS, problems);
  if (columns === null) return null;
  const [idColumn, parentColumn, nameColumn, ownerColumn] = columns;
  const attributeColumns = grid.headers
    .map((header, c) => ({ name: cellText(header).trim(), c }))
    .filter(({ name, c }) => name !== "" && !columns.includes(c));

  // A blank first entry stands for the header row, so the rows in the hierarchy's messages are sheet rows.
  const built = Hierarchy.build(
    [null, ...grid.rows.map((row) => row[idColumn])],
    [null, ...grid.rows.map((row) => row[parentColumn])]
  );
  if (!built.ok) {
    for (const problem of built.problems) {
      problems.push({
        sheet,
        row: problem.rows[0] ?? null,
        message: layoutMessages.inSheet(sheet, problem.message),
      });
    }
    return null;
  }
  const nodes: PlanNode[] = [];
  for (const row of grid.rows) {
    if (idKey(row[idColumn]) === undefined) continue;
    const attributes: Record<string, string> = {};
    for (const { name, c } of attributeColumns) attributes[name] = cellText(row[c]);
    nodes.push({
      id: idText(row[idColumn]).trim(),
      parent: idText(row[parentColumn]).trim(),
      name: cellText(row[nameColumn]),
      owner: cellText(row[ownerColumn]).trim(),
      attributes,
    });
  }
  return nodes;
}

/** The columns of one node's status and values, by header; see `entryColumns`. */
export interface EntryColumns {
  readonly id: number;
  readonly status: number;
  readonly comment: number;
  readonly returnReason: number;
  readonly updatedAt: number;
  readonly updatedBy: number;
}

/** 0-based columns of `wanted` headers in `table`; null (and a problem per missing one) if any is missing. */
function requireColumns(
  table: PlanTable,
  headers: readonly unknown[],
  wanted: readonly string[],
  problems: LayoutProblem[]
): number[] | null {
  const sheet = TABLE_SHEETS[table];
  const found = wanted.map((header) => findColumn(headers, header));
  found.forEach((column, i) => {
    if (column < 0)
      problems.push({
        sheet,
        row: 1,
        message: layoutMessages.missingColumn(TABLES[table], sheet, wanted[i]),
      });
  });
  return found.some((column) => column < 0) ? null : found;
}

/** Where each status field is in the status table; null (with problems) if a column is missing. */
export function statusColumns(
  headers: readonly unknown[],
  problems: LayoutProblem[]
): EntryColumns | null {
  const found = requireColumns("status", headers, STATUS_HEADERS, problems);
  if (found === null) return null;
  const [id, status, comment, returnReason, updatedAt, updatedBy] = found;
  return { id, status, comment, returnReason, updatedAt, updatedBy };
}

/** The Id column then each period's column in the inputs or targets table; null (with problems) if one is missing. */
export function periodColumns(
  table: "inputs" | "targets",
  headers: readonly unknown[],
  periods: readonly string[],
  problems: LayoutProblem[]
): number[] | null {
  return requireColumns(table, headers, [ID_HEADER, ...periods], problems);
}

/** Id key -> row index (0-based body row), with a problem for each id on more than one row. */
export function rowIndex(
  table: PlanTable,
  rows: readonly (readonly unknown[])[],
  idColumn: number,
  problems: LayoutProblem[]
): Map<string, number> {
  const sheet = TABLE_SHEETS[table];
  const index = new Map<string, number>();
  const all = new Map<string, number[]>();
  const named: { key: string; id: string }[] = [];
  rows.forEach((cells, i) => {
    const key = idKey(cells[idColumn]);
    if (key === undefined) return;
    if (!index.has(key)) {
      index.set(key, i);
      named.push({ key, id: idText(cells[idColumn]).trim() });
    }
    all.set(key, [...(all.get(key) ?? []), sheetRowOf(i)]);
  });
  problems.push(...duplicateProblems(sheet, all, named));
  return index;
}

/** A period value as stored: numbers count, anything else (blank, text) is "not entered", as SUM does. */
export function readValues(
  row: readonly unknown[] | undefined,
  columns: readonly number[]
): (number | null)[] {
  return columns.slice(1).map((c) => asNumber(row?.[c]) ?? null);
}

function readValueTable(
  table: "inputs" | "targets",
  grid: TableGrid,
  periods: readonly string[],
  problems: LayoutProblem[]
): Map<string, (number | null)[]> | null {
  const columns = periodColumns(table, grid.headers, periods, problems);
  if (columns === null) return null;
  const index = rowIndex(table, grid.rows, columns[0], problems);
  const values = new Map<string, (number | null)[]>();
  for (const [key, i] of index) values.set(key, readValues(grid.rows[i], columns));
  return values;
}

/** The workflow part of a status row (values come from the inputs table); problems for an unknown status. */
export function readStatusRow(
  row: readonly unknown[],
  columns: EntryColumns,
  sheetRow: number,
  problems: LayoutProblem[]
): Omit<NodeEntry, "values"> {
  const text = cellText(row[columns.status]).trim();
  let status: Status = "Not started";
  if (text !== "") {
    const match = STATUSES.find((candidate) => candidate.toLowerCase() === text.toLowerCase());
    if (match === undefined) {
      problems.push({
        sheet: SHEETS.status,
        row: sheetRow,
        message: layoutMessages.unknownStatus(SHEETS.status, sheetRow, text, STATUSES),
      });
    } else status = match;
  }
  return {
    id: idText(row[columns.id]).trim(),
    status,
    comment: cellText(row[columns.comment]),
    returnReason: cellText(row[columns.returnReason]),
    updatedAt: cellText(row[columns.updatedAt]).trim(),
    updatedBy: cellText(row[columns.updatedBy]).trim(),
  };
}

function readStatusTable(
  grid: TableGrid,
  problems: LayoutProblem[]
): Map<string, NodeEntry> | null {
  const columns = statusColumns(grid.headers, problems);
  if (columns === null) return null;
  const index = rowIndex("status", grid.rows, columns.id, problems);
  const entries = new Map<string, NodeEntry>();
  for (const [key, i] of index)
    entries.set(key, {
      ...readStatusRow(grid.rows[i], columns, sheetRowOf(i), problems),
      values: [],
    });
  return entries;
}

// ---------------------------------------------------------------------------------------------
// Saving entries, targets and audit rows

/** One cell to write in a table row, by 0-based column of the table. */
export interface ColumnWrite {
  readonly col: number;
  readonly cell: LayoutCell;
}

export function statusWrites(entry: NodeEntry, columns: EntryColumns): ColumnWrite[] {
  return [
    { col: columns.status, cell: entry.status },
    { col: columns.comment, cell: entry.comment },
    { col: columns.returnReason, cell: entry.returnReason },
    { col: columns.updatedAt, cell: entry.updatedAt },
    { col: columns.updatedBy, cell: entry.updatedBy },
  ];
}

/** Writes of period values into the columns found by `periodColumns` (the Id column is left alone). */
export function valueWrites(values: PeriodValues, columns: readonly number[]): ColumnWrite[] {
  return columns.slice(1).map((col, p) => ({ col, cell: values[p] ?? null }));
}

/** Writes grouped into runs of adjacent columns, so each run is one range write. */
export function contiguousRuns(
  writes: readonly ColumnWrite[]
): { col: number; cells: LayoutCell[] }[] {
  const sorted = [...writes].sort((a, b) => a.col - b.col);
  const runs: { col: number; cells: LayoutCell[] }[] = [];
  for (const write of sorted) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.col + last.cells.length === write.col)
      last.cells.push(write.cell);
    else runs.push({ col: write.col, cells: [write.cell] });
  }
  return runs;
}

/** A whole new row for a table `width` columns wide: the id, the writes, blank elsewhere. */
export function newRow(
  width: number,
  idColumn: number,
  id: string,
  writes: readonly ColumnWrite[]
): LayoutCell[] {
  const row = Array<LayoutCell>(width).fill(null);
  row[idColumn] = id;
  for (const write of writes) row[write.col] = write.cell;
  return row;
}

export function auditCells(entry: AuditEntry): LayoutCell[] {
  return [
    entry.time,
    entry.user,
    entry.node,
    entry.field,
    entry.oldValue,
    entry.newValue,
    entry.note,
  ];
}

/**
 * The audit log, oldest first; blank rows (Excel's empty first row of a new table) are skipped.
 * Throws `PlanLayoutError` if a column is missing.
 */
export function readAuditGrid(grid: TableGrid): AuditEntry[] {
  const problems: LayoutProblem[] = [];
  const columns = requireColumns("audit", grid.headers, AUDIT_HEADERS, problems);
  if (columns === null) throw new PlanLayoutError(problems);
  const [time, user, node, field, oldValue, newValue, note] = columns;
  return grid.rows
    .filter((row) => columns.some((c) => !isBlank(row[c])))
    .map((row) => ({
      time: cellText(row[time]),
      user: cellText(row[user]),
      node: cellText(row[node]),
      field: cellText(row[field]),
      oldValue: cellText(row[oldValue]),
      newValue: cellText(row[newValue]),
      note: cellText(row[note]),
    }));
}

/**
 * Whether a stored row still holds what was read: the values, the status and the last-updated
 * stamp. A node without a row counts as a pristine one (not started, nothing entered).
 */
export function sameStoredState(
  expected: NodeEntry | null,
  current: NodeEntry | null,
  periodCount: number
): boolean {
  const a = expected ?? emptyEntry("", periodCount);
  const b = current ?? emptyEntry("", periodCount);
  if (a.status !== b.status || a.updatedAt !== b.updatedAt) return false;
  for (let p = 0; p < periodCount; p++)
    if ((a.values[p] ?? null) !== (b.values[p] ?? null)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Selection

/**
 * Where a plan sheet shows the node id of a row: the column, and the first row (0-based) that is
 * a node's. The report's id column holds formulas, so this needs a workbook that computes them
 * (Excel); without one, use `nodeCellFor`.
 */
export function nodeColumnOf(
  sheet: string
): { readonly col: number; readonly firstRow: number } | null {
  const name = sheet.toLowerCase();
  if (name === SHEETS.report.toLowerCase()) return { col: 0, firstRow: REPORT_FIRST_ROW };
  const cell = nodeCellFor(sheet, 1);
  return cell === null ? null : { col: cell.col, firstRow: 1 };
}

/**
 * The cell holding the id of the node on `row` (0-based) of `sheet`, or null when the row is not a
 * node's (a header, another sheet). A report row points at its hierarchy row, which it mirrors.
 */
export function nodeCellFor(
  sheet: string,
  row: number
): { readonly sheet: string; readonly row: number; readonly col: number } | null {
  const name = sheet.toLowerCase();
  if (name === SHEETS.report.toLowerCase()) {
    return row < REPORT_FIRST_ROW
      ? null
      : { sheet: SHEETS.hierarchy, row: row - REPORT_FIRST_ROW + 1, col: 0 };
  }
  if (row < 1) return null;
  if (name === SHEETS.audit.toLowerCase())
    return { sheet: SHEETS.audit, row, col: AUDIT_HEADERS.indexOf("Node") };
  const perNode = [SHEETS.hierarchy, SHEETS.inputs, SHEETS.targets, SHEETS.status].find(
    (candidate) => candidate.toLowerCase() === name
  );
  return perNode === undefined ? null : { sheet: perNode, row, col: 0 };
}

/** True for the names of the plan's own tables (listTables leaves them out). */
export function isPlanTable(name: string): boolean {
  const key = name.toLowerCase();
  // Snapshots (src/core/sharing/snapshots.ts) are plan tables too: GuSnapshots and GuSnapshot<n>.
  return Object.values(TABLES).some((table) => table.toLowerCase() === key) || /^gusnapshots?\d*$/.test(key);
}
