/**
 * The BU.* functions inside HyperFormula, a spreadsheet engine that runs in node and the browser, so
 * tests, benchmarks and the workbench page can evaluate real `=BU.ROLLUP(...)` formulas with their
 * dependencies and recalculation. Development only: HyperFormula is GPL-3.0 (or commercial) and
 * never goes into the add-in bundle. Browser-safe: no node imports.
 *
 * Names: HyperFormula's formula grammar allows dots in function names (as in its own `COVARIANCE.P`),
 * so the plugin registers the ids `BU.ROLLUP` ... `BU.PARENTS` as they are, with an identity
 * translation in every registered language.
 *
 * Spilling: HyperFormula reserves a result's cells before evaluating it, from a size the plugin
 * gives when the formula is parsed. Most results are sized by their arguments' sizes. Where the
 * size depends on the data (TREE, CHILDREN, DESCENDANTS, and SPREAD over a number of periods), the
 * plugin computes the exact size from the arguments' values once the engine holds values; while
 * `buildFromSheets` parses (cells after the formula don't exist yet) it reserves the height of `ids`
 * (a row of 12 for SPREAD), and `fitBuSpills` re-enters such formulas with their exact size, also after data changes alter a result's size (see there). A
 * named expression as an argument has no size HyperFormula can predict, and whole columns (A:A)
 * that gain rows later outgrow their area; a result larger than its area is #VALUE!
 * RESULT_TOO_LARGE (give ranges; re-enter the formula after the sheet grows). Whole-call errors
 * fill the area (see spreadError).
 *
 * Hosts: `buConfig(mode)` makes empty cells reach the functions as Excel on the desktop (0) or the
 * web (null) passes them; `EXCEL_NAMES` defines TRUE and FALSE, which HyperFormula lacks as names.
 */
import {
  ArraySize,
  CellError as HfCellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
  type ExportedChange,
  type FunctionArgument,
  type FunctionMetadata,
  type ImplementedFunctions,
} from "hyperformula";
import { CellError, type ErrorCode, type FormulaResult, type ResultCell } from "../core/cell";
import { allocateFormula, cascade, variance } from "../core/formulas/allocationFormulas";
import {
  children,
  descendants,
  level,
  parentsFromLevels,
  path,
  rollup,
  tree,
} from "../core/formulas/hierarchyFormulas";
import { spreadFormula } from "../core/formulas/spreadFormula";
import { recalculateOnce } from "./recalculateOnce";

/** HyperFormula does not export its AST and interpreter state types; these are the shapes its plugin methods get. */
type Ast = Parameters<FunctionPlugin["arraySizeForAst"]>[0];
type State = Parameters<FunctionPlugin["arraySizeForAst"]>[1];
type HfValue = ReturnType<FunctionPlugin["evaluateAst"]>;
interface CallAst {
  readonly procedureName: string;
  readonly args: Ast[];
}

interface Size {
  readonly height: number;
  readonly width: number;
}

interface BuFunction {
  readonly required: number;
  readonly optional: number;
  readonly evaluate: (args: readonly unknown[]) => FormulaResult;
  /** The result's size, or an upper bound of it, from the argument sizes (undefined where omitted). */
  readonly size: (args: readonly (Size | undefined)[]) => Size;
}

const NAMESPACE = "BU.";

/** A column or row of ids holds width x height of them; anything wider fails in the core. */
const cellCount = (size: Size | undefined): number => (size === undefined ? 1 : size.width * size.height);
const column = (height: number): Size => ({ height, width: 1 });

const FUNCTIONS: Readonly<Record<string, BuFunction>> = {
  ROLLUP: {
    required: 3,
    optional: 2,
    evaluate: ([ids, parents, values, nodes, method]) => rollup(ids, parents, values, nodes, method),
    size: ([ids, , values, nodes]) => ({
      height: cellCount(nodes ?? ids),
      width: values?.width ?? 1,
    }),
  },
  VARIANCE: {
    required: 2,
    optional: 1,
    evaluate: ([actual, target, mode]) => variance(actual, target, mode),
    size: ([actual, target]) => ({
      height: Math.max(actual?.height ?? 1, target?.height ?? 1),
      width: Math.max(actual?.width ?? 1, target?.width ?? 1),
    }),
  },
  ALLOCATE: {
    required: 2,
    optional: 1,
    evaluate: ([total, weights, decimals]) => allocateFormula(total, weights, decimals),
    size: ([, weights]) => weights ?? column(1),
  },
  SPREAD: {
    required: 2,
    optional: 1,
    evaluate: ([total, profile, decimals]) => spreadFormula(total, profile, decimals),
    // One cell is a number of periods or a week pattern (12 months); its real width comes from its value.
    size: ([, profile]) => (profile === undefined || cellCount(profile) === 1 ? { height: 1, width: 12 } : profile),
  },
  CASCADE: {
    required: 4,
    optional: 3,
    evaluate: ([ids, parents, targets, weights, decimals, exactBlanks, overAssignment]) =>
      cascade(ids, parents, targets, weights, decimals, exactBlanks, overAssignment),
    size: ([ids, , targets]) => ({ height: cellCount(ids), width: targets?.width ?? 1 }),
  },
  LEVEL: {
    required: 2,
    optional: 1,
    evaluate: ([ids, parents, nodes]) => level(ids, parents, nodes),
    size: ([ids, , nodes]) => column(cellCount(nodes ?? ids)),
  },
  PATH: {
    required: 2,
    optional: 2,
    evaluate: ([ids, parents, nodes, separator]) => path(ids, parents, nodes, separator),
    size: ([ids, , nodes]) => column(cellCount(nodes ?? ids)),
  },
  CHILDREN: {
    required: 3,
    optional: 0,
    evaluate: ([ids, parents, node]) => children(ids, parents, node),
    size: ([ids]) => column(cellCount(ids)),
  },
  DESCENDANTS: {
    required: 3,
    optional: 1,
    evaluate: ([ids, parents, node, leavesOnly]) => descendants(ids, parents, node, leavesOnly),
    size: ([ids]) => column(cellCount(ids)),
  },
  TREE: {
    required: 2,
    optional: 0,
    evaluate: ([ids, parents]) => tree(ids, parents),
    size: ([ids]) => column(cellCount(ids)),
  },
  PARENTS: {
    required: 2,
    optional: 0,
    evaluate: ([ids, levels]) => parentsFromLevels(ids, levels),
    size: ([ids]) => column(cellCount(ids)),
  },
};

/** The formula names, `BU.ROLLUP` ... `BU.PARENTS`. */
export const BU_FUNCTION_NAMES: readonly string[] = Object.keys(FUNCTIONS).map((name) => NAMESPACE + name);

/** Shown when a result outgrows the cells HyperFormula reserved for it, instead of crashing the engine. */
export const RESULT_TOO_LARGE = "The result is larger than the space reserved for it";

function metadataFor(fn: BuFunction): FunctionMetadata {
  const parameters: FunctionArgument[] = [];
  for (let i = 0; i < fn.required + fn.optional; i++) {
    parameters.push({ argumentType: FunctionArgumentType.ANY, optionalArg: i >= fn.required });
  }
  return {
    method: "buFunction",
    sizeOfResultArrayMethod: "buFunctionSize",
    parameters,
    // Ranges go to the core whole, and arguments like C2:C9*2 are arrays, as in Excel's dynamic arrays.
    vectorizationForbidden: true,
    enableArrayArithmeticForArguments: true,
  };
}

/**
 * One method serves all eleven functions: HyperFormula calls it with the function's AST, whose
 * `procedureName` is the canonical id whatever case or language the formula was typed in.
 */
export class BuPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = Object.fromEntries(
    Object.entries(FUNCTIONS).map(([name, fn]) => [NAMESPACE + name, metadataFor(fn)]),
  );

  /** Whether this engine has evaluated a BU call: its cells hold values, so sizes can be exact. */
  private live = false;

  buFunction(ast: CallAst, state: State): HfValue {
    this.live = true;
    const fn = lookup(ast.procedureName);
    const area = this.spillArea(ast, state);
    const blank = hostModeOf(this.config.context) === "desktop" ? 0 : null;
    // An argument left out (`,,`) is omitted on every host; only an empty *cell* is the host's blank.
    const omitted = ast.args.map((arg) => arg.type === "EMPTY");
    let real: Size | undefined;
    const value = this.runFunction(ast.args, state, this.metadata(ast.procedureName), (...args: unknown[]) => {
      const result = fn.evaluate(args.map((arg, i) => (omitted[i] ? null : fromHf(arg, blank))));
      real = sizeOf(result);
      return toHf(result, area);
    });
    if (area !== undefined && real !== undefined && DATA_SIZED.has(ast.procedureName)) {
      noteFit(this.dependencyGraph, state.formulaAddress, real, area);
    }
    return value instanceof HfCellError && area !== undefined ? spreadError(value, area) : value;
  }

  buFunctionSize(ast: CallAst, state: State): ArraySize {
    const fn = lookup(ast.procedureName);
    if (ast.args.length < fn.required || ast.args.length > fn.required + fn.optional) return ArraySize.error();
    const argumentState: State = { ...state, arraysFlag: true };
    if ((fitting || this.live) && DATA_SIZED.has(ast.procedureName)) {
      const exact = this.exactSize(ast, argumentState, fn);
      if (exact !== undefined) return exact;
    }
    const sizes = ast.args.map((arg): Size | undefined => {
      if (arg.type === "EMPTY") return undefined;
      const size = this.arraySizeForAst(arg, argumentState);
      return { height: size.height, width: size.width };
    });
    const { width, height } = fn.size(sizes);
    // A fresh ArraySize: one copied from a range argument is marked as a reference, which HyperFormula would not spill.
    return new ArraySize(width, height);
  }

  /**
   * The result's real size, from the arguments' current values; undefined where one can't be read
   * (a cell not computed yet). Asked for once the engine has computed values: never while
   * `buildFromSheets` parses, when cells after the formula don't exist yet and would read as empty.
   */
  private exactSize(ast: CallAst, state: State, fn: BuFunction): ArraySize | undefined {
    try {
      const blank = hostModeOf(this.config.context) === "desktop" ? 0 : null;
      const args = ast.args.map((arg) => (arg.type === "EMPTY" ? null : fromHf(this.evaluateAst(arg, state), blank)));
      const { width, height } = sizeOf(fn.evaluate(args));
      return new ArraySize(width, height);
    } catch {
      return undefined;
    }
  }

  /**
   * The cells HyperFormula reserved for this result, when the call is the whole formula and spills.
   * They were sized when the formula was entered and do not grow with the data: a whole-column range
   * (A:A) gains rows as the sheet grows, but its formula's area stays as it was. A call nested in
   * another formula hands its result to that formula and has no area of its own.
   */
  private spillArea(ast: CallAst, state: State): Size | undefined {
    const vertex = state.formulaVertex;
    // Only array formulas have an area; a single-cell formula reports a larger result as #VALUE! itself.
    if (vertex === undefined || !("array" in vertex)) return undefined;
    if (vertex.getFormula(this.dependencyGraph.lazilyTransformingAstService) !== ast) return undefined;
    return { height: vertex.height, width: vertex.width };
  }
}

/** The functions whose result size depends on the data, not only on the arguments' sizes. */
const DATA_SIZED = new Set(["TREE", "CHILDREN", "DESCENDANTS", "SPREAD"].map((name) => NAMESPACE + name));
const DATA_SIZED_FORMULA = /^=\s*BU\.(TREE|CHILDREN|DESCENDANTS|SPREAD)\s*\(/i;

/** Set while `fitBuSpills` re-enters formulas: sizes are then computed from current values. */
let fitting = false;

type Address = { readonly sheet: number; readonly row: number; readonly col: number };

/** Per engine (its dependency graph): data-sized formulas whose last result did not fill their area exactly. */
const misfits = new WeakMap<object, Map<string, Address>>();

function noteFit(graph: object, address: Address, real: Size, area: Size): void {
  let engine = misfits.get(graph);
  const key = `${address.sheet}:${address.row}:${address.col}`;
  if (real.height === area.height && real.width === area.width) {
    engine?.delete(key);
    return;
  }
  if (engine === undefined) {
    engine = new Map();
    misfits.set(graph, engine);
  }
  engine.set(key, { sheet: address.sheet, row: address.row, col: address.col });
}

function sizeOf(result: FormulaResult): Size {
  if (result instanceof CellError) return { height: 1, width: 1 };
  return { height: Math.max(1, result.length), width: Math.max(1, ...result.map((row) => row.length)) };
}

/**
 * Gives BU.TREE, BU.CHILDREN, BU.DESCENDANTS and BU.SPREAD formulas their exact spill size, as Excel
 * spills: those whose last result did not fill their area (the data changed), or with `everything` every
 * formula that is such a call (after `buildFromSheets`). Returns HyperFormula's changes.
 *
 * Why a separate step: HyperFormula 3.5 sizes an array formula once, when the formula is parsed
 * (`sizeOfResultArrayMethod` gets the formula's AST and no values), and cuts or pads every later
 * result to that size (ArrayFormulaVertex.setCellValue); its own SEQUENCE accepts only literal
 * sizes for that reason. The plugin sizes a new formula from its arguments' current values once
 * the engine holds values, but `buildFromSheets` parses each formula before the cells after it
 * exist (they would read as empty), so there it reserves the height of `ids` (an upper bound); and
 * no parse happens when the data later changes the result's size. Re-entering the formula parses
 * it again, now with values.
 */
export function fitBuSpills(hf: HyperFormula, everything = false): ExportedChange[] {
  const cells: Address[] = [];
  if (everything) {
    for (const name of hf.getSheetNames()) {
      const sheet = hf.getSheetId(name) as number;
      hf.getSheetFormulas(sheet).forEach((row, r) =>
        row.forEach((formula, c) => {
          if (formula !== undefined && DATA_SIZED_FORMULA.test(formula)) cells.push({ sheet, row: r, col: c });
        }),
      );
    }
  } else cells.push(...(misfits.get(hf.dependencyGraph)?.values() ?? []));
  misfits.delete(hf.dependencyGraph);
  if (cells.length === 0) return [];
  fitting = true;
  try {
    return recalculateOnce(hf, () => {
      for (const address of cells) {
        const formula = hf.getCellFormula(address);
        if (formula !== undefined) hf.setCellContents(address, [[formula]]);
      }
    });
  } finally {
    fitting = false;
  }
}

function lookup(procedureName: string): BuFunction {
  return FUNCTIONS[procedureName.slice(NAMESPACE.length)];
}

/**
 * How the host hands an empty cell to a custom function: Excel on Windows and Mac passes 0, in a
 * single cell and inside an `any` range alike (office-js #4702, #5262); Excel on the web passes
 * null (#4702). The same workbook must give the same answer on both (SPEC §6), so tests run both.
 */
export type HostMode = "desktop" | "web";

interface BuContext {
  readonly buHostMode: HostMode;
}

function hostModeOf(context: unknown): HostMode {
  return typeof context === "object" && context !== null && (context as BuContext).buHostMode === "desktop"
    ? "desktop"
    : "web";
}

/**
 * The HyperFormula config that makes the BU functions see cells as `mode` passes them (through
 * HyperFormula's `context` option, which plugins read as `this.config.context`). Without it,
 * the plugin behaves as Excel on the web (empty cells as null).
 */
export function buConfig(mode: HostMode): { context: BuContext } {
  return { context: { buHostMode: mode } };
}

/**
 * Names Excel knows and HyperFormula 3.5 does not: TRUE and FALSE typed without parentheses
 * (`=IF(C4>100,TRUE,FALSE)`) are #NAME? there unless defined. Pass as the third argument of
 * `HyperFormula.buildFromSheets`.
 */
export const EXCEL_NAMES: readonly { name: string; expression: string }[] = [
  { name: "TRUE", expression: "=TRUE()" },
  { name: "FALSE", expression: "=FALSE()" },
];

/** Registers the plugin once per page or process; later calls do nothing. */
export function registerBuFunctions(): void {
  if (HyperFormula.getFunctionPlugin(BU_FUNCTION_NAMES[0]) === BuPlugin) return;
  const names = Object.fromEntries(BU_FUNCTION_NAMES.map((name) => [name, name]));
  const translations = Object.fromEntries(HyperFormula.getRegisteredLanguagesCodes().map((code) => [code, names]));
  HyperFormula.registerFunctionPlugin(BuPlugin, translations);
}

const TO_CORE: Partial<Record<ErrorType, ErrorCode>> = {
  [ErrorType.DIV_BY_ZERO]: "DIV0",
  [ErrorType.NA]: "NA",
  [ErrorType.NUM]: "NUM",
};

const TO_HF: Readonly<Record<ErrorCode, ErrorType>> = {
  VALUE: ErrorType.VALUE,
  NA: ErrorType.NA,
  DIV0: ErrorType.DIV_BY_ZERO,
  NUM: ErrorType.NUM,
};

/**
 * An argument as Excel hands it to a custom function: ranges as 2-D arrays, omitted arguments as
 * null, and an empty cell as the host's `blank` (0 on the desktop, null on the web).
 */
function fromHf(value: unknown, blank: 0 | null): unknown {
  if (value instanceof SimpleRangeValue) return value.data.map((row) => row.map((cell) => fromHfCell(cell, blank)));
  return value === undefined ? null : fromHfCell(value, blank);
}

function fromHfCell(value: unknown, blank: 0 | null): unknown {
  if (value === EmptyValue) return blank;
  if (value instanceof HfCellError) return new CellError(TO_CORE[value.type] ?? "VALUE", value.message ?? "");
  // Dates, currencies and percentages come wrapped in a number object HyperFormula does not export.
  if (typeof value === "object" && value !== null && typeof (value as { val?: unknown }).val === "number") {
    return (value as { val: number }).val;
  }
  return value;
}

function toHf(result: FormulaResult, area: Size | undefined): HfValue {
  if (result instanceof CellError) return toHfError(result);
  const width = result.reduce((widest, row) => Math.max(widest, row.length), 0);
  if (area !== undefined && (result.length > area.height || width > area.width)) {
    return new HfCellError(ErrorType.VALUE, RESULT_TOO_LARGE);
  }
  return SimpleRangeValue.onlyValues(
    result.map((row) => {
      const cells: (number | string | HfCellError | typeof EmptyValue)[] = row.map(toHfCell);
      while (cells.length < width) cells.push(EmptyValue);
      return cells;
    }),
  );
}

/**
 * A whole-call error over every cell of the formula's area. Returned as a plain error, it would
 * leave an errored spill area, and HyperFormula 3.5.0 throws "Unknown array" (an exception out of
 * the engine, not a cell error) when a function such as TRANSPOSE or BU.VARIANCE evaluates a range
 * that is exactly that area. Filled, the area reads as the error in every cell, so formulas over it
 * get the error, as they would over Excel's spill reference (H2#); Excel itself shows it in the
 * formula's cell only.
 */
function spreadError(error: HfCellError, area: Size): HfValue {
  return SimpleRangeValue.onlyValues(
    Array.from({ length: area.height }, () => new Array<HfCellError>(area.width).fill(error)),
  );
}

function toHfCell(cell: ResultCell): number | string | HfCellError {
  if (cell instanceof CellError) return toHfError(cell);
  if (typeof cell === "number" && !Number.isFinite(cell)) return new HfCellError(ErrorType.NUM);
  return cell;
}

function toHfError(error: CellError): HfCellError {
  return new HfCellError(TO_HF[error.code], error.message);
}
