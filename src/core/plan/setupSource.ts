/**
 * Setting up a plan from cells the user already has: a selection or a table whose first row may be
 * headers, holding the hierarchy as parent-child columns, an outline level column or indented names.
 */
import { MAX_CELL_TEXT, textTooLong } from "./text";
import { idKey, isBlank } from "../cell";
import { Hierarchy } from "../hierarchy/hierarchy";
import { parentsFromLevels, type OutlineLevel, type OutlineProblem } from "../hierarchy/outline";
import { messages, planMessages } from "../messages";
import type { PlanNode } from "./types";

export type SourceFormat = "parentChild" | "levels" | "indented";

export type SourceRows = readonly (readonly unknown[])[];

export interface AttributeColumn {
  readonly column: number;
  readonly header: string;
}

/** Which 0-based column holds what; null where the source has no such column. */
export interface ColumnMapping {
  readonly format: SourceFormat;
  /** The first row holds headers, not a node. */
  readonly hasHeader: boolean;
  /** Required for parentChild; for levels and indented, ids are made from names when null. */
  readonly id: number | null;
  /** parentChild only. */
  readonly parent: number | null;
  /** levels only. */
  readonly level: number | null;
  /** The indented column for indented; for the other formats, names default to ids when null. */
  readonly name: number | null;
  readonly owner: number | null;
  /** Other columns the user keeps, stored with the hierarchy under their header. */
  readonly attributes: readonly AttributeColumn[];
}

export interface SetupProblem {
  /**
   * The sheet row, as `SourceOptions.firstRow` places the rows (`firstRow + sourceIndex`): what the
   * problem list and the message show.
   */
  readonly row: number;
  /** Every row involved, counted the same way (a duplicate id names all its rows). */
  readonly rows: readonly number[];
  /** 0-based index into the rows given, header included: what "go to" selects. */
  readonly sourceIndex: number;
  readonly message: string;
}

export interface SourceOptions {
  /**
   * The sheet row of the first row given (the header, if there is one), so that problems name the
   * rows the user sees; 1 by default.
   */
  readonly firstRow?: number;
}

export interface SetupResult {
  /** The nodes read, in source order, also when there are problems (for a preview). */
  readonly nodes: PlanNode[];
  /** Problems with rows; the plan can be set up only when there are none. */
  readonly problems: SetupProblem[];
  /** A problem with the source or mapping as a whole (no rows, a required column not chosen). */
  readonly sourceProblem: string | null;
}

export interface Detection extends SetupResult {
  readonly format: SourceFormat;
  readonly mapping: ColumnMapping;
  /** One per column, for the column pickers: the header text, or "Column 1", "Column 2", ... */
  readonly headers: string[];
}

type Role = "id" | "parent" | "level" | "name" | "nameLike" | "owner";

/** Header words, normalised (lower case, punctuation as spaces), tried in this order. */
const HEADER_PATTERNS: readonly (readonly [Role, RegExp])[] = [
  [
    "parent",
    /^(parent|parent (id|code|key|node|name)|manager|manager (id|code)|reports to|reportsto|rolls up to|roll up to)$/,
  ],
  ["owner", /^(owner|owners|owned by|owner (email|name)|contributor|responsible|assignee|e ?mail)$/],
  ["level", /^(level|depth|outline|outline level|lvl|hierarchy level)$/],
  ["id", /^(id|code|key|node|identifier|(.+ )(id|code|key))$/],
  ["name", /^(name|node name|description|label|title|display name|(.+ )name)$/],
  // Words that usually head the column of names, where no column says "name".
  ["nameLike", /^(territory|region|area|entity|unit|team|department|organi[sz]ation|account|hierarchy|structure)$/],
];

const MAX_INFERRED_LEVEL = 32;
/** Share of a column's values that must agree before a guess is trusted. */
const AGREEMENT = 0.8;
/** Tabs count as this many spaces when a sheet mixes them and no row shows the space step. */
const DEFAULT_TAB_WIDTH = 4;

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function headerRole(header: string): Role | undefined {
  const normalised = normaliseHeader(header);
  return HEADER_PATTERNS.find(([, pattern]) => pattern.test(normalised))?.[0];
}

function widthOf(rows: SourceRows): number {
  return rows.reduce((widest, row) => Math.max(widest, row.length), 0);
}

function isBlankRow(row: readonly unknown[]): boolean {
  return row.every(isBlank);
}

/** The first row is headers when it is all text and either names a known column or sits over numbers. */
function looksLikeHeader(rows: SourceRows, width: number): boolean {
  if (rows.length === 0) return false;
  const first = rows[0];
  if (isBlankRow(first) || !first.every((cell) => isBlank(cell) || typeof cell === "string")) return false;
  if (first.some((cell) => typeof cell === "string" && headerRole(cell) !== undefined)) return true;
  for (let c = 0; c < width; c++) {
    if (isBlank(first[c])) continue;
    const below = rows
      .slice(1)
      .map((row) => row[c])
      .filter((cell) => !isBlank(cell));
    if (below.length > 0 && below.every((cell) => typeof cell === "number")) return true;
  }
  return false;
}

interface Column {
  readonly index: number;
  /** Cells of the data rows that have any content. */
  readonly cells: readonly unknown[];
  /** The non-blank ones. */
  readonly filled: readonly unknown[];
  /** Their distinct id keys. */
  readonly keys: ReadonlySet<string>;
}

function columnsOf(data: SourceRows, width: number): Column[] {
  const rows = data.filter((row) => !isBlankRow(row));
  const columns: Column[] = [];
  for (let c = 0; c < width; c++) {
    const cells = rows.map((row) => row[c]);
    const filled = cells.filter((cell) => !isBlank(cell));
    columns.push({ index: c, cells, filled, keys: distinctKeys(filled) });
  }
  return columns;
}

function distinctKeys(cells: readonly unknown[]): Set<string> {
  const keys = new Set<string>();
  for (const cell of cells) {
    const key = idKey(cell);
    if (key !== undefined) keys.add(key);
  }
  return keys;
}

/** A parent column: at least one root (blank), and its values are (nearly all) ids of the other column. */
function inferParentChild(columns: readonly Column[], taken: ReadonlySet<number>): [number, number] | undefined {
  let best: { id: number; parent: number; score: number } | undefined;
  for (const ids of columns) {
    if (taken.has(ids.index) || ids.filled.length === 0) continue;
    const idKeys = ids.keys;
    if (idKeys.size < AGREEMENT * ids.filled.length) continue;
    for (const parents of columns) {
      if (parents === ids || taken.has(parents.index) || parents.filled.length === 0) continue;
      if (parents.filled.length === parents.cells.length) continue;
      const parentKeys = parents.keys;
      let found = 0;
      for (const key of parentKeys) if (idKeys.has(key)) found++;
      const score = found / parentKeys.size;
      if (found > 0 && score >= AGREEMENT && (best === undefined || score > best.score)) {
        best = { id: ids.index, parent: parents.index, score };
      }
    }
  }
  return best === undefined ? undefined : [best.id, best.parent];
}

/** A level as BU.PARENTS reads it: a whole number, or text of digits only. */
function levelValue(cell: unknown): number | undefined {
  if (typeof cell === "number") return Number.isInteger(cell) ? cell : undefined;
  return typeof cell === "string" && /^\s*\d+\s*$/.test(cell) ? Number(cell) : undefined;
}

/** A level column: small whole numbers in every row, starting at 1, repeating (unlike numeric ids). */
function inferLevel(columns: readonly Column[], taken: ReadonlySet<number>): number | undefined {
  return columns.find((column) => {
    if (taken.has(column.index) || column.filled.length === 0 || column.filled.length !== column.cells.length) {
      return false;
    }
    const levels = column.filled.map(levelValue);
    if (levels[0] !== 1) return false;
    if (!levels.every((level) => level !== undefined && level >= 1 && level <= MAX_INFERRED_LEVEL)) return false;
    return new Set(levels).size < levels.length || levels.length <= 2;
  })?.index;
}

function leadingWhitespace(cell: unknown): string {
  return typeof cell === "string" ? (/^\s*/.exec(cell) as RegExpExecArray)[0] : "";
}

function inferIndented(columns: readonly Column[], taken: ReadonlySet<number>): number | undefined {
  let best: { index: number; indented: number } | undefined;
  for (const column of columns) {
    if (taken.has(column.index)) continue;
    const indented = column.filled.filter((cell) => leadingWhitespace(cell) !== "").length;
    if (indented > 0 && (best === undefined || indented > best.indented)) best = { index: column.index, indented };
  }
  return best?.index;
}

function isTextColumn(column: Column): boolean {
  return column.filled.length > 0 && column.filled.every((cell) => typeof cell === "string");
}

/** A name column without a header saying so: text, (nearly) unique per row, unlike an attribute such as region. */
function inferName(columns: readonly Column[], taken: ReadonlySet<number>): number | undefined {
  return columns.find(
    (column) =>
      !taken.has(column.index) && isTextColumn(column) && column.keys.size >= AGREEMENT * column.filled.length,
  )?.index;
}

function inferOwner(columns: readonly Column[], taken: ReadonlySet<number>): number | undefined {
  return columns.find(
    (column) =>
      !taken.has(column.index) &&
      isTextColumn(column) &&
      column.filled.filter((cell) => /\S@\S/.test(cellText(cell))).length >= AGREEMENT * column.filled.length,
  )?.index;
}

/**
 * Detects the format and columns of a source, then reads it as `buildNodes` does. Headers decide
 * first (Id/Code/Key with Parent/Manager/Reports to; Level/Depth/Outline); without them the
 * contents do: a column whose values are ids of another column, then a column of small repeating
 * whole numbers from 1, then a column of indented text. A plain list is read as roots.
 */
export function detectHierarchy(rows: SourceRows, options: SourceOptions = {}): Detection {
  const width = widthOf(rows);
  const hasHeader = looksLikeHeader(rows, width);
  const headers: string[] = [];
  for (let c = 0; c < width; c++) {
    const text = hasHeader ? cellText(rows[0][c]).trim() : "";
    headers.push(text === "" ? `Column ${c + 1}` : text);
  }
  const columns = columnsOf(hasHeader ? rows.slice(1) : rows, width);

  const byHeader = new Map<Role, number>();
  if (hasHeader) {
    for (let c = 0; c < width; c++) {
      const role = headerRole(cellText(rows[0][c]));
      if (role !== undefined && !byHeader.has(role)) byHeader.set(role, c);
    }
  }
  const taken = new Set<number>();
  const take = (column: number | undefined): number | null => {
    if (column === undefined) return null;
    taken.add(column);
    return column;
  };
  const unlessTaken = (column: number | undefined): number | undefined =>
    column !== undefined && !taken.has(column) ? column : undefined;

  let format: SourceFormat;
  let id: number | null = null;
  let parent: number | null = null;
  let level: number | null = null;
  let name: number | null = null;
  const pair = byHeader.has("id") && byHeader.has("parent") ? undefined : inferParentChild(columns, taken);
  if (byHeader.has("id") && byHeader.has("parent")) {
    format = "parentChild";
    id = take(byHeader.get("id"));
    parent = take(byHeader.get("parent"));
  } else if (byHeader.has("level")) {
    format = "levels";
    level = take(byHeader.get("level"));
    id = take(byHeader.get("id"));
  } else if (pair !== undefined) {
    format = "parentChild";
    id = take(pair[0]);
    parent = take(pair[1]);
  } else {
    const levelColumn = inferLevel(columns, taken);
    if (levelColumn !== undefined) {
      format = "levels";
      level = take(levelColumn);
      id = take(byHeader.get("id"));
    } else {
      format = "indented";
      id = take(byHeader.get("id"));
      name = take(inferIndented(columns, taken));
    }
  }
  const owner = take(unlessTaken(byHeader.get("owner")) ?? inferOwner(columns, taken));
  if (name === null) {
    name = take(
      unlessTaken(byHeader.get("name")) ?? unlessTaken(byHeader.get("nameLike")) ?? inferName(columns, taken),
    );
  }
  if (name === null && (format === "indented" || (format === "levels" && id === null))) {
    name = take(columns.find((column) => !taken.has(column.index) && column.filled.length > 0)?.index);
  }

  const attributes = columns
    .filter(
      (column) =>
        !taken.has(column.index) && (column.filled.length > 0 || (hasHeader && !isBlank(rows[0][column.index]))),
    )
    .map((column) => ({ column: column.index, header: headers[column.index] }));
  const mapping: ColumnMapping = { format, hasHeader, id, parent, level, name, owner, attributes };
  return { format, mapping, headers, ...buildNodes(rows, mapping, options) };
}

interface RowNode {
  /** 0-based data row. */
  readonly row: number;
  readonly name: string;
  readonly owner: string;
  readonly attributes: Readonly<Record<string, string>>;
}

function mappingProblem(mapping: ColumnMapping, width: number): string | null {
  const required: [keyof ColumnMapping, string][] =
    mapping.format === "parentChild"
      ? [
          ["id", "id"],
          ["parent", "parent"],
        ]
      : mapping.format === "levels"
        ? [["level", "level"]]
        : [["name", "name"]];
  for (const [key, what] of required) if (mapping[key] === null) return planMessages.chooseColumn(what);
  if (mapping.format === "levels" && mapping.id === null && mapping.name === null) {
    return planMessages.chooseColumn("name");
  }
  const used = [
    mapping.id,
    mapping.parent,
    mapping.level,
    mapping.name,
    mapping.owner,
    ...mapping.attributes.map((a) => a.column),
  ];
  const seen = new Set<number>();
  for (const column of used) {
    if (column === null) continue;
    if (!Number.isInteger(column) || column < 0 || column >= width) return planMessages.chooseColumn("every");
    if (seen.has(column)) return planMessages.columnTwice(`Column ${column + 1}`);
    seen.add(column);
  }
  return null;
}

/**
 * Reads the nodes with a given mapping (the detected one, or the user's correction) and validates
 * them with the same rules as the BU.* functions: duplicate ids, unknown parents and cycles from
 * `Hierarchy.build`, level jumps and bad levels for outlines. Rows with nothing in them are skipped;
 * a row with content but no id or name is a problem.
 *
 * Without an id column (levels, indented), a node's id is its name. Where names repeat, ids are the
 * shortest path of names from an ancestor that tells them apart ("EMEA > North"): stable when
 * nodes are added, reordered or moved elsewhere, which keeps their inputs attached, unlike row
 * numbers or generated keys.
 */
export function buildNodes(rows: SourceRows, mapping: ColumnMapping, options: SourceOptions = {}): SetupResult {
  const data = mapping.hasHeader ? rows.slice(1) : rows;
  if (data.every(isBlankRow)) return { nodes: [], problems: [], sourceProblem: planMessages.sourceEmpty };
  const problemText = mappingProblem(mapping, widthOf(rows));
  if (problemText !== null) return { nodes: [], problems: [], sourceProblem: problemText };

  const firstRow = options.firstRow ?? 1;
  const firstDataRow = firstRow + (mapping.hasHeader ? 1 : 0);
  const rowOf = (index: number): number => firstDataRow + index;
  const problems: SetupProblem[] = [];
  const report = (sheetRows: readonly number[], message: string): void => {
    problems.push({
      row: sheetRows[0],
      rows: sheetRows,
      sourceIndex: sheetRows[0] - firstRow,
      message,
    });
  };
  const text = (row: readonly unknown[], column: number | null): string =>
    column === null ? "" : cellText(row[column]).trim();

  // An error value or over-long text in a mapped cell is a problem of its row, never a name or owner.
  const mapped: [number | null, string][] = [
    [mapping.id, "id"],
    [mapping.parent, "parent"],
    [mapping.level, "level"],
    [mapping.name, "name"],
    [mapping.owner, "owner"],
    ...mapping.attributes.map(({ column, header }): [number, string] => [column, header]),
  ];
  data.forEach((row, index) => {
    if (isBlankRow(row)) return;
    for (const [column, what] of mapped) {
      if (column === null) continue;
      const error = errorValue(row[column]);
      if (error !== null) report([rowOf(index)], sourceMessages.errorCell(rowOf(index), what, error));
      else if (typeof row[column] === "string" && textTooLong(row[column] as string))
        report([rowOf(index)], sourceMessages.tooLong(rowOf(index), what));
    }
  });

  const rowNodes: (RowNode | undefined)[] = data.map((row, index) => {
    if (isBlankRow(row)) return undefined;
    const attributes: Record<string, string> = {};
    for (const { column, header } of mapping.attributes) attributes[header] = text(row, column);
    const name = text(row, mapping.name) || text(row, mapping.id);
    return { row: index, name, owner: text(row, mapping.owner), attributes };
  });

  let ids: string[];
  let parents: string[];
  if (mapping.format === "parentChild") {
    ids = data.map((row, index) => {
      const id = rowNodes[index] === undefined ? "" : text(row, mapping.id);
      if (rowNodes[index] !== undefined && id === "") report([rowOf(index)], planMessages.noId(rowOf(index)));
      return id;
    });
    parents = data.map((row, index) => (ids[index] === "" ? "" : text(row, mapping.parent)));
  } else {
    const levels = outlineLevels(data, rowNodes, mapping, rowOf, report);
    const outline = parentsFromLevels(levels);
    for (const problem of outline.problems) {
      const name = (rowNodes[problem.row - 1] as RowNode).name;
      const row = rowOf(problem.row - 1);
      report([row], outlineMessage(problem, name, row, mapping.format));
    }
    ids =
      mapping.id === null
        ? idsFromNames(rowNodes, outline.parents, levels)
        : data.map((row, index) => {
            const id = levels[index] === null ? "" : text(row, mapping.id);
            if (levels[index] !== null && id === "") report([rowOf(index)], planMessages.noId(rowOf(index)));
            return id;
          });
    parents = data.map((_, index) => {
      const up = outline.parents[index];
      return levels[index] === null || up < 0 ? "" : ids[up];
    });
  }

  const built = Hierarchy.build(ids, parents, { firstRow: firstDataRow });
  if (!built.ok) for (const problem of built.problems) report(problem.rows, problem.message);
  problems.sort((a, b) => a.row - b.row);

  const nodes: PlanNode[] = [];
  for (let index = 0; index < data.length; index++) {
    const node = rowNodes[index];
    if (node === undefined || ids[index] === "") continue;
    nodes.push({
      id: ids[index],
      parent: parents[index],
      name: node.name || ids[index],
      owner: node.owner,
      attributes: node.attributes,
    });
  }
  return { nodes, problems, sourceProblem: null };
}

/**
 * Excel's error values, as `Range.values` returns them (text such as "#N/A"; Microsoft's
 * Excel.ErrorCellValueType lists the kinds), or as an `{ error }` object from other sources.
 */
const ERROR_VALUES = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
  "#PYTHON!",
  "#ERROR!",
]);

/** The error a source cell holds, or null. */
function errorValue(value: unknown): string | null {
  if (typeof value === "string") return ERROR_VALUES.has(value.trim().toUpperCase()) ? value.trim() : null;
  if (typeof value === "object" && value !== null && "error" in value)
    return String((value as { error: unknown }).error);
  return null;
}

const sourceMessages = {
  errorCell: (row: number, what: string, error: string): string =>
    `Row ${row}: the ${what} cell holds the error ${error}, not a value; fix the formula in the source and set up again`,
  tooLong: (row: number, what: string): string =>
    `Row ${row}: the ${what} is longer than ${MAX_CELL_TEXT.toLocaleString("en-US")} characters, which an Excel cell can't hold; shorten it`,
};

/** Sheet row of a 0-based data row. */
type RowOf = (index: number) => number;
/** Adds a problem on these sheet rows. */
type Report = (rows: readonly number[], message: string) => void;

/** Levels per data row (null for rows that are not nodes), reporting rows that have none. */
function outlineLevels(
  data: SourceRows,
  rowNodes: readonly (RowNode | undefined)[],
  mapping: ColumnMapping,
  rowOf: RowOf,
  report: Report,
): OutlineLevel[] {
  const levels: OutlineLevel[] = rowNodes.map((node) => {
    if (node === undefined) return null;
    if (node.name === "") {
      report([rowOf(node.row)], planMessages.noName(rowOf(node.row)));
      return null;
    }
    return 0;
  });
  if (mapping.format === "levels") {
    const column = mapping.level as number;
    return levels.map((level, index) => {
      if (level === null) return null;
      const cell = data[index][column];
      const name = (rowNodes[index] as RowNode).name;
      if (isBlank(cell)) {
        report([rowOf(index)], messages.levelBlank(name, rowOf(index)));
        return null;
      }
      const value = levelValue(cell);
      if (value === undefined) {
        const shown = typeof cell === "number" ? String(cell) : `"${cellText(cell).trim()}"`;
        report([rowOf(index)], messages.levelNotWhole(shown, name, rowOf(index)));
        return null;
      }
      return value;
    });
  }
  return indentLevels(data, rowNodes, levels, mapping.name as number, rowOf, report);
}

/**
 * Levels from leading whitespace. The step is the smallest indentation beyond the least indented
 * row, so lists indented by 2, 3 or 4 spaces, or all shifted right, read the same; a tab is one
 * step when the list uses only tabs, otherwise as wide as the space step.
 */
function indentLevels(
  data: SourceRows,
  rowNodes: readonly (RowNode | undefined)[],
  present: readonly OutlineLevel[],
  column: number,
  rowOf: RowOf,
  report: Report,
): OutlineLevel[] {
  const counts = data.map((row, index) => {
    if (present[index] === null) return undefined;
    const prefix = leadingWhitespace(row[column]);
    const tabs = prefix.split("\t").length - 1;
    return { tabs, spaces: prefix.length - tabs };
  });
  let tabWidth = 1;
  if (counts.some((c) => c !== undefined && c.spaces > 0)) {
    const spaceOnly: number[] = [];
    for (const c of counts) if (c !== undefined && c.tabs === 0) spaceOnly.push(c.spaces);
    tabWidth = smallestStep(spaceOnly) ?? DEFAULT_TAB_WIDTH;
  }
  const amounts = counts.map((c) => (c === undefined ? undefined : c.tabs * tabWidth + c.spaces));
  const defined = amounts.filter((a): a is number => a !== undefined);
  const base = minimum(defined);
  const step = smallestStep(defined);
  return amounts.map((amount, index) => {
    if (amount === undefined) return null;
    if (step === undefined) return 1;
    const relative = amount - base;
    if (relative % step !== 0) {
      report(
        [rowOf(index)],
        planMessages.unevenIndent((rowNodes[index] as RowNode).name, rowOf(index), relative, step),
      );
    }
    return Math.round(relative / step) + 1;
  });
}

/** Without spreading: a sheet can hold more rows than a call can take arguments. */
function minimum(values: readonly number[]): number {
  let least = Infinity;
  for (const value of values) if (value < least) least = value;
  return least;
}

/** The smallest indentation beyond the least indented value, if any value is beyond it. */
function smallestStep(values: readonly number[]): number | undefined {
  const base = minimum(values);
  let step = Infinity;
  for (const value of values) if (value > base && value - base < step) step = value - base;
  return step === Infinity ? undefined : step;
}

/** The message for an outline problem, naming the sheet row `row` (not its row within the outline). */
function outlineMessage(problem: OutlineProblem, name: string, row: number, format: SourceFormat): string {
  if (format === "indented") {
    return problem.kind === "firstLevel" ? planMessages.indentFirst(name, row) : planMessages.indentJump(name, row);
  }
  switch (problem.kind) {
    case "notWhole":
      return messages.levelNotWhole(String(problem.level), name, row);
    case "firstLevel":
      return messages.firstLevel(problem.level, name, row);
    case "jump":
      return messages.levelJump(problem.level, name, row, problem.above);
  }
}

/**
 * Ids from names: the name itself, or for names that repeat, the shortest run of ancestor names
 * ending at the node that tells the group apart. Names that still collide (the same path twice) are
 * left equal so `Hierarchy.build` reports them as duplicates with their rows.
 */
function idsFromNames(
  rowNodes: readonly (RowNode | undefined)[],
  parents: Int32Array,
  levels: readonly OutlineLevel[],
): string[] {
  const ids = rowNodes.map((node, index) => (node === undefined || levels[index] === null ? "" : node.name));
  const groups = new Map<string, number[]>();
  ids.forEach((id, index) => {
    const key = idKey(id);
    if (key === undefined) return;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [index]);
    else group.push(index);
  });
  const suffix = (index: number, length: number): string => {
    const names: string[] = [];
    for (let at = index; at >= 0 && names.length < length; at = parents[at]) names.push(ids[at]);
    return names.reverse().join(" > ");
  };
  const pathLength = (index: number): number => {
    let length = 0;
    for (let at = index; at >= 0; at = parents[at]) length++;
    return length;
  };
  const result = [...ids];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const longest = group.reduce((most, index) => Math.max(most, pathLength(index)), 0);
    let length = 2;
    for (; length < longest; length++) {
      if (distinctKeys(group.map((index) => suffix(index, length))).size === group.length) break;
    }
    for (const index of group) result[index] = suffix(index, length);
  }
  return result;
}
