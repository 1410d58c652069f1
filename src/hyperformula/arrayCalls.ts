/**
 * HyperFormula's loop over the cells of a scalar function given arrays (`IF(ISBLANK(A2:A9),"",A2:A9)`,
 * which Excel 365 and HyperFormula's array arithmetic spill), without its garbage. HyperFormula 3.5's
 * `runFunction` makes, for every cell of the result, a key list and a row through `[...Array(w).keys()]`,
 * a copy of the argument list and a fresh two-entry list per argument to check whether it is an
 * array: the report's inputs and targets go through such calls, and at 10,000 nodes these loops were
 * about a third of the engine's build, most of it garbage collection.
 *
 * This does the same steps in the same order, with HyperFormula's own methods for each cell (its
 * argument checks and coercions, its function), over one argument list per call. `runFunction` is an
 * arrow function each plugin instance gets in FunctionPlugin's constructor, so it is answered from the
 * prototype instead: an accessor there takes the constructor's assignment and gives this loop. A call
 * with a wrong number of arguments goes to HyperFormula's own, for its error. Patched once per page
 * or process, for every HyperFormula built after it; workbench only.
 */
import { FunctionPlugin, SimpleRangeValue, type FunctionMetadata } from "hyperformula";

type Evaluated = [value: unknown, ignorable: boolean, empty: boolean];

/** The internals of FunctionPlugin this loop calls; the same ones HyperFormula's own calls. */
interface PluginInternals {
  evaluateArguments(args: unknown[], state: unknown, metadata: FunctionMetadata): Evaluated[];
  buildMetadataForEachArgumentValue(count: number, metadata: FunctionMetadata): unknown[];
  isNumberOfArgumentValuesValid(argumentMetadata: unknown[], count: number): boolean;
  calculateSizeOfVectorizedResultArray(values: unknown[], argumentMetadata: unknown[]): [number, number];
  isRangePassedAsAScalarArgument(value: unknown, argumentMetadata: unknown): boolean;
  vectorizeAndBroadcastArgumentsIfNecessary(
    vectorizing: boolean,
    values: unknown[],
    argumentMetadata: unknown[],
    row: number,
    col: number,
  ): unknown[];
  calculateSingleCellOfResultArray(
    state: unknown,
    values: unknown[],
    argumentMetadata: unknown[],
    ignorable: boolean[],
    empty: boolean[],
    implementation: (...args: unknown[]) => unknown,
    returnNumberType: unknown,
  ): unknown;
}

type RunFunction = (
  args: unknown[],
  state: { arraysFlag: boolean },
  metadata: FunctionMetadata,
  implementation: (...args: unknown[]) => unknown,
) => unknown;

/** An array argument broadcast over the result: its rows, and whether it has more than one row or column. */
interface Spread {
  readonly index: number;
  readonly data: unknown[][];
  readonly tall: boolean;
  readonly wide: boolean;
}

const own = new WeakMap<object, RunFunction>();
let installed = false;

/** Installs the loop for every HyperFormula built from now on in this page or process. */
export function runArrayCallsLean(): void {
  if (installed) return;
  installed = true;
  Object.defineProperty(FunctionPlugin.prototype, "runFunction", {
    configurable: true,
    get(this: object): RunFunction {
      return (args, state, metadata, implementation) => run(this, args, state, metadata, implementation);
    },
    set(this: object, original: RunFunction) {
      own.set(this, original);
    },
  });
}

function run(
  self: object,
  args: unknown[],
  state: { arraysFlag: boolean },
  metadata: FunctionMetadata,
  implementation: (...args: unknown[]) => unknown,
): unknown {
  const plugin = self as PluginInternals;
  const evaluated = plugin.evaluateArguments(args, state, metadata);
  const count = evaluated.length;
  const argumentMetadata = plugin.buildMetadataForEachArgumentValue(count, metadata);
  if (!plugin.isNumberOfArgumentValuesValid(argumentMetadata, count)) {
    return own.get(self)!(args, state, metadata, implementation);
  }
  const values = evaluated.map(([value]) => value);
  const ignorable = evaluated.map(([, flag]) => flag);
  const empty = evaluated.map(([, , flag]) => flag);
  const vectorizing = state.arraysFlag && !metadata.vectorizationForbidden;
  const [height, width] = vectorizing ? plugin.calculateSizeOfVectorizedResultArray(values, argumentMetadata) : [1, 1];
  const cell = (cellValues: unknown[]): unknown =>
    plugin.calculateSingleCellOfResultArray(
      state,
      cellValues,
      argumentMetadata,
      ignorable,
      empty,
      implementation,
      metadata.returnNumberType,
    );
  if (height === 1 && width === 1) {
    return cell(plugin.vectorizeAndBroadcastArgumentsIfNecessary(vectorizing, values, argumentMetadata, 0, 0));
  }
  const spreads = spreadArguments(plugin, values, argumentMetadata);
  const cellValues = values.slice();
  const rows = new Array<unknown[]>(height);
  for (let row = 0; row < height; row++) {
    const results = new Array<unknown>(width);
    for (let col = 0; col < width; col++) {
      for (const spread of spreads) {
        cellValues[spread.index] = spread.data[spread.tall ? row : 0]?.[spread.wide ? col : 0];
      }
      const result = cell(cellValues);
      if (result instanceof SimpleRangeValue) throw new Error("Function returning array cannot be vectorized.");
      results[col] = result;
    }
    rows[row] = results;
  }
  return SimpleRangeValue.onlyValues(rows as never);
}

function spreadArguments(plugin: PluginInternals, values: unknown[], argumentMetadata: unknown[]): Spread[] {
  const spreads: Spread[] = [];
  values.forEach((value, index) => {
    if (!plugin.isRangePassedAsAScalarArgument(value, argumentMetadata[index])) return;
    const range = value as SimpleRangeValue;
    spreads.push({ index, data: range.data as unknown[][], tall: range.height() !== 1, wide: range.width() !== 1 });
  });
  return spreads;
}
