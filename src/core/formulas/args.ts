/**
 * Turns custom-function arguments into plain data for the core, or into the error to return: the one
 * place where every BU.* function reads its arguments, so a shape is accepted (or refused with
 * the same message) whichever function it is given to.
 *
 * An argument is whatever the host hands over: Excel passes a range as a 2-D array, a single cell as
 * a scalar or a 1x1 array, and an omitted optional argument as null or nothing. An empty cell
 * arrives as 0 from Excel on the desktop and as null from Excel on the web (office-js #4702, #5262,
 * #1951), so in ids, parents and nodes the number 0 is blank (a real id 0 is written as text, "0");
 * elsewhere a 0 is a number (see README, "Blank cells in your own sheets"). Tests and other callers may pass a flat array, which is read as a column. Anything else
 * (NaN, objects, nested arrays in cells) is a cell that is neither a number nor an id, never a crash.
 * An error value in a cell read as a single value (an option, ALLOCATE's total) is returned as the
 * call's result, as Excel's own functions pass errors through.
 *
 * Functions check their arguments in one order, so the error a user sees is about the first thing to
 * fix: options (method, mode, decimals, ...), then the shapes of the ranges, then their row counts,
 * then the hierarchy's problems, and last the nodes looked up in it.
 */
import { decimalsProblem, MAX_DECIMALS, MIN_DECIMALS } from "../allocation";
import { asNumber, CellError, ERROR_DISPLAY, idKey, idText, isBlank, type ResultCell } from "../cell";
import { Hierarchy, type HierarchyProblem } from "../hierarchy/hierarchy";
import { describeCell, messages } from "../messages";
import { ROLLUP_METHODS, type RollupMethod } from "../rollup";
import { NO_OVER_ASSIGNMENT, readOverAssignment } from "../territory/overAssignment";
import { VARIANCE_MODES, type VarianceMode } from "../variance";

/** A range argument as rows of cells, all of the same length. */
export type Rows = readonly (readonly unknown[])[];

/**
 * One column of cells read from an argument given as a single column or a single row. The cells
 * are the vector's own, never an array of the caller's, so a hierarchy can keep them.
 */
export interface Vector {
  readonly cells: readonly unknown[];
  /** Given as a single row (of more than one cell); results are still one row per cell. */
  readonly across: boolean;
}

/**
 * What one result row is about: a node, `""` for a blank id (the row's result is blank), or the
 * error that fills the row (an unknown requested node).
 */
export type Target = number | "" | CellError;

/** Bound once: it runs per row, and a global lookup per call is slow in VM contexts such as jest's. */
const isArray = Array.isArray;

/** Problems listed in one error message before the rest are counted. */
const LISTED_PROBLEMS = 3;

export const DEFAULT_SEPARATOR = " > ";

export function isOmitted(arg: unknown): arg is null | undefined {
  return arg === null || arg === undefined;
}

/**
 * A range argument as rows: a 2-D array as is, a flat array as a column, anything else as one cell.
 * null/undefined is one blank cell, which is how a reference to an empty cell can arrive. An empty
 * array is no rows; callers decide whether that is an error.
 */
export function toRows(arg: unknown, name: string): Rows | CellError {
  if (!isArray(arg)) return [[arg]];
  if (arg.length === 0) return [];
  const nested = isArray(arg[0]);
  const width = nested ? (arg[0] as unknown[]).length : 1;
  for (let row = 0; row < arg.length; row++) {
    const cells: unknown = arg[row];
    if (isArray(cells) !== nested || (nested && (cells as unknown[]).length !== width)) {
      return new CellError("VALUE", messages.notRectangular(name));
    }
  }
  return nested ? (arg as unknown[][]) : arg.map((cell: unknown) => [cell]);
}

/** A range argument of any shape with at least one cell: VARIANCE's actual and target, ALLOCATE's weights. */
export function toRange(arg: unknown, name: string): Rows | CellError {
  const rows = toRows(arg, name);
  if (rows instanceof CellError) return rows;
  if (rows.length === 0 || rows[0].length === 0) return new CellError("VALUE", messages.emptyArgument(name));
  return rows;
}

/**
 * ids, parents, levels and nodes: a single column, or a single row read left to right (so array
 * constants like {"A","B"} work). Results stay one row per cell either way. An empty range is an
 * empty vector; callers decide whether that is an error.
 */
export function toVector(arg: unknown, name: string): Vector | CellError {
  const rows = toRows(arg, name);
  return rows instanceof CellError ? rows : vectorOf(rows, name);
}

function vectorOf(rows: Rows, name: string): Vector | CellError {
  if (rows.length === 0 || rows[0].length === 0) return { cells: [], across: false };
  if (rows[0].length === 1) {
    const cells = new Array<unknown>(rows.length);
    for (let row = 0; row < rows.length; row++) cells[row] = rows[row][0];
    return { cells, across: false };
  }
  if (rows.length === 1) return { cells: rows[0].slice(), across: true };
  return new CellError("VALUE", messages.notVector(name, rows.length, rows[0].length));
}

/**
 * ids or parents: a vector whose number 0 cells are blank (null). An error cell, or a cell that is
 * neither text, a number nor a boolean (a picture), is `#VALUE!` naming its row: a hierarchy with a
 * node that cannot be named is not one.
 */
export function toIdVector(arg: unknown, name: string): Vector | CellError {
  const rows = toRows(arg, name);
  if (rows instanceof CellError) return rows;
  // A column, the usual shape, is copied and checked in one pass.
  if (rows.length > 0 && rows[0].length === 1) return idColumn(rows, name);
  const vector = vectorOf(rows, name);
  if (vector instanceof CellError) return vector;
  const cells = vector.cells as unknown[];
  for (let row = 0; row < cells.length; row++) {
    const cell = cells[row];
    if (cell === 0) cells[row] = null;
    else if (typeof cell === "object" && cell !== null) return new CellError("VALUE", notAnId(name, row + 1, cell));
  }
  return vector;
}

function idColumn(rows: Rows, name: string): Vector | CellError {
  const cells = new Array<unknown>(rows.length);
  for (let row = 0; row < rows.length; row++) {
    const cell = rows[row][0];
    if (cell === 0) cells[row] = null;
    else if (typeof cell === "object" && cell !== null) return new CellError("VALUE", notAnId(name, row + 1, cell));
    else cells[row] = cell;
  }
  return { cells, across: false };
}

function notAnId(name: string, row: number, cell: object): string {
  return cell instanceof CellError
    ? messages.errorInIds(name, row, ERROR_DISPLAY[cell.code])
    : messages.notAnIdCell(name, row);
}

/** The ids argument: a vector of at least one cell, read as `toIdVector` reads it. */
export function toIds(arg: unknown): Vector | CellError {
  const known = sameColumn(arg, last?.ids);
  if (known !== undefined) return known;
  const ids = toIdVector(arg, "ids");
  if (ids instanceof CellError || ids.cells.length > 0) return ids;
  return new CellError("VALUE", messages.emptyArgument("ids"));
}

/** The parents argument, read as `toIdVector` reads it. */
export function toParents(arg: unknown): Vector | CellError {
  return sameColumn(arg, last?.parents) ?? toIdVector(arg, "parents");
}

/**
 * The last hierarchy's own ids or parents when `arg` is a column holding the same cells, as
 * `toIdVector` would read it, or undefined. A report passes the same ids and parents to every one
 * of its formulas, each time as a new array; comparing them in place costs no copy, and handing
 * back the cells the hierarchy was built from lets `toHierarchy` reuse it without comparing again.
 */
function sameColumn(arg: unknown, cells: readonly unknown[] | undefined): Vector | undefined {
  if (cells === undefined || cells.length === 0 || !isArray(arg) || arg.length !== cells.length) return undefined;
  for (let row = 0; row < cells.length; row++) {
    const cellRow: unknown = arg[row];
    if (!isArray(cellRow) || cellRow.length !== 1) return undefined;
    const cell: unknown = cellRow[0];
    // toIdVector reads the number 0 as blank (null).
    if (cell !== cells[row] && !(cell === 0 && cells[row] === null)) return undefined;
  }
  return { cells, across: false };
}

/**
 * A range aligned with `ids` (ROLLUP's values, CASCADE's targets and weights) as rows, with at least
 * one column. For ids given as a single row it may be a single row of the same length: one value
 * per id, one period.
 */
export function toValueRows(arg: unknown, ids: Vector, name: string): Rows | CellError {
  const rows = toRows(arg, name);
  if (rows instanceof CellError) return rows;
  const count = ids.cells.length;
  if (rows.length !== count) {
    if (ids.across && rows.length === 1 && rows[0].length === count) return rows[0].map((cell) => [cell]);
    return new CellError("VALUE", messages.rowCountMismatch(name, rows.length, count));
  }
  if (rows.length === 0 || rows[0].length === 0) return new CellError("VALUE", messages.emptyArgument(name));
  return rows;
}

/**
 * A single-cell argument: the cell (a 1x1 range unwrapped), undefined when omitted or given as an
 * empty range, or the `#VALUE!` to return when it is several cells.
 */
export function toScalar(arg: unknown, name: string): unknown {
  if (!isArray(arg)) return isOmitted(arg) ? undefined : arg;
  const rows = toRows(arg, name);
  if (rows instanceof CellError) return rows;
  if (rows.length === 0 || rows[0].length === 0) return undefined;
  if (rows.length > 1 || rows[0].length > 1) {
    return new CellError("VALUE", messages.notSingleCell(name, rows.length, rows[0].length));
  }
  return rows[0][0];
}

/** A single cell holding a number, such as ALLOCATE's total; blank, text and booleans are not numbers. */
export function parseNumber(arg: unknown, name: string): number | CellError {
  const cell = toScalar(arg, name);
  if (cell instanceof CellError) return cell;
  return asNumber(cell) ?? new CellError("VALUE", messages.notANumber(name, describeCell(cell)));
}

/** One of `choices`, in any case and with spaces around it; `fallback` when omitted or blank. */
function parseChoice<T extends string>(arg: unknown, name: string, choices: readonly T[], fallback: T): T | CellError {
  const cell = toScalar(arg, name);
  if (cell instanceof CellError) return cell;
  if (isBlank(cell)) return fallback;
  const key = typeof cell === "string" ? cell.trim().toLowerCase() : undefined;
  const choice = choices.find((known) => known === key);
  return choice ?? new CellError("VALUE", messages.notAChoice(name, choices, describeCell(cell)));
}

/** `method` of ROLLUP: sum (default when omitted or blank), count, avg, min or max, in any case. */
export function parseMethod(arg: unknown): RollupMethod | CellError {
  return parseChoice(arg, "method", ROLLUP_METHODS, "sum");
}

/** `mode` of VARIANCE: abs (default when omitted or blank), pct or ratio, in any case. */
export function parseMode(arg: unknown): VarianceMode | CellError {
  return parseChoice(arg, "mode", VARIANCE_MODES, "abs");
}

/**
 * `decimals` of ALLOCATE and CASCADE: a whole number from MIN_DECIMALS to MAX_DECIMALS, or undefined
 * when omitted or blank (each function has its own default).
 */
export function parseDecimals(arg: unknown): number | undefined | CellError {
  const cell = toScalar(arg, "decimals");
  if (cell instanceof CellError) return cell;
  if (isBlank(cell)) return undefined;
  if (typeof cell !== "number") {
    return new CellError("VALUE", messages.badDecimals(describeCell(cell), MIN_DECIMALS, MAX_DECIMALS));
  }
  const problem = decimalsProblem(cell);
  return problem === undefined ? cell : new CellError("VALUE", problem);
}

/**
 * `overAssignment` of CASCADE: a fraction from 1 to 3 (110 % or 1.1); omitted, blank or 0 (how Excel
 * on the desktop passes an empty cell, office-js #4702) is 1, none. 110 typed for 110 %, or 90 %,
 * is an error that says what to enter.
 */
export function parseOverAssignment(arg: unknown): number | CellError {
  // An error value in the cell (a #REF! setting) shows as itself, as in SUM.
  const cell = toScalar(arg, "overAssignment");
  if (cell instanceof CellError) return cell;
  if (isBlank(cell) || cell === 0) return NO_OVER_ASSIGNMENT;
  const read = readOverAssignment(cell);
  return read.ok ? read.value : new CellError("VALUE", messages.badOverAssignment(describeCell(cell)));
}

/**
 * `separator` of PATH: text used as given (" " and "/" are both fine), a number as its text; omitted
 * or empty text is the default " > ".
 */
export function parseSeparator(arg: unknown): string | CellError {
  const cell = toScalar(arg, "separator");
  if (cell instanceof CellError) return cell;
  if (cell === undefined || cell === null || cell === "") return DEFAULT_SEPARATOR;
  if (typeof cell === "string") return cell;
  if (typeof cell === "number" && Number.isFinite(cell)) return String(cell);
  return new CellError("VALUE", messages.badSeparator(describeCell(cell)));
}

/**
 * A TRUE/FALSE argument, as Excel reads one: a boolean, a number (0 is FALSE) or the text
 * "TRUE"/"FALSE" in any case. Omitted or blank is FALSE.
 */
export function parseFlag(arg: unknown, name: string): boolean | CellError {
  const cell = toScalar(arg, name);
  if (cell instanceof CellError) return cell;
  if (isBlank(cell)) return false;
  if (typeof cell === "boolean") return cell;
  if (typeof cell === "number" && Number.isFinite(cell)) return cell !== 0;
  const key = idKey(cell);
  if (key === "true" || key === "false") return key === "true";
  return new CellError("VALUE", messages.badFlag(name, describeCell(cell)));
}

/**
 * The validated hierarchy of ids and parents, or `#VALUE!` listing its first few problems (a
 * row-count mismatch of parents among them).
 */
export function toHierarchy(ids: Vector, parents: Vector): Hierarchy | CellError {
  if (last !== undefined && sameCells(ids.cells, last.ids) && sameCells(parents.cells, last.parents)) {
    return last.hierarchy;
  }
  const built = Hierarchy.build(ids.cells, parents.cells);
  if (!built.ok) return problemsError(built.problems);
  // Not copied: a vector's cells are its own (see `Vector`), so no caller can change them.
  last = { ids: ids.cells, parents: parents.cells, hierarchy: built.hierarchy };
  return built.hierarchy;
}

/**
 * The last hierarchy built, with the cells it was built from. A report recalculates many formulas on
 * the same ids and parents (ROLLUP, CASCADE and LEVEL per column); checking that the cells are the
 * same is one linear pass of comparisons, several times cheaper than building the hierarchy again.
 */
let last:
  { readonly ids: readonly unknown[]; readonly parents: readonly unknown[]; readonly hierarchy: Hierarchy } | undefined;

/** Forgets the last hierarchy, so the next call builds its own: for benchmarks timing a first call. */
export function forgetLastHierarchy(): void {
  last = undefined;
}

function sameCells(cells: readonly unknown[], before: readonly unknown[]): boolean {
  if (cells === before) return true;
  if (cells.length !== before.length) return false;
  for (let i = 0; i < cells.length; i++) if (cells[i] !== before[i]) return false;
  return true;
}

/** `#VALUE!` with the first few problems' messages and how many more there are. */
export function problemsError(problems: readonly HierarchyProblem[]): CellError {
  const listed = problems.slice(0, LISTED_PROBLEMS).map((problem) => problem.message);
  if (problems.length > LISTED_PROBLEMS) listed.push(messages.moreProblems(problems.length - LISTED_PROBLEMS));
  return new CellError("VALUE", listed.join("; "));
}

/** Per hierarchy, one target per input row: the same for every call that reuses the hierarchy. */
const rowTargets = new WeakMap<Hierarchy, readonly Target[]>();

/**
 * Whom each result row is about. `nodes` omitted: one row per input row, aligned with ids (blank ids
 * give blank rows). `nodes` given (one id, or a column or row of ids): one row per requested node,
 * where a blank (or 0) gives a blank row, an unknown id `#N/A` "No node "X"" and an error cell that
 * error, each in its row only.
 */
export function toTargets(nodes: unknown, hierarchy: Hierarchy): readonly Target[] | CellError {
  if (isOmitted(nodes)) {
    const known = rowTargets.get(hierarchy);
    if (known !== undefined) return known;
    const targets = new Array<Target>(hierarchy.rowCount);
    for (let row = 0; row < hierarchy.rowCount; row++) {
      const node = hierarchy.rowNode[row];
      targets[row] = node < 0 ? "" : node;
    }
    rowTargets.set(hierarchy, targets);
    return targets;
  }
  const requested = toVector(nodes, "nodes");
  if (requested instanceof CellError) return requested;
  if (requested.cells.length === 0) return new CellError("VALUE", messages.emptyArgument("nodes"));
  return requested.cells.map((cell, row) => {
    if (cell instanceof CellError) return cell;
    if (typeof cell === "object" && cell !== null)
      return new CellError("VALUE", messages.notAnIdCell("nodes", row + 1));
    if (cell === 0 || idKey(cell) === undefined) return "";
    return hierarchy.find(cell) ?? new CellError("NA", messages.noNode(idText(cell)));
  });
}

/** The one node CHILDREN and DESCENDANTS are about, or `#N/A` when it is blank or unknown. */
export function toNode(arg: unknown, hierarchy: Hierarchy): number | CellError {
  const cell = toScalar(arg, "node");
  if (cell instanceof CellError) return cell;
  if (cell === 0 || idKey(cell) === undefined) return new CellError("NA", messages.noNodeGiven);
  return hierarchy.find(cell) ?? new CellError("NA", messages.noNode(idText(cell)));
}

/**
 * An id for a result cell, as written in ids: a number stays a number, so lookups against the ids
 * column (XLOOKUP, MATCH) still match it.
 */
export function idResult(cell: unknown): ResultCell {
  return asNumber(cell) ?? idText(cell);
}
