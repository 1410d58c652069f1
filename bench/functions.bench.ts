/**
 * How fast the BU.* functions are when Excel calls them, on a 100,000-node forest x 12 periods.
 *
 * Each function is called as Excel calls it: the export of src/functions/functions.ts, 2-D arrays in,
 * a 2-D array out. Its median time is set against a floor: one pass that reads every input cell and
 * builds an output grid of the result's shape, the least any function of those arguments could do.
 * The floor fills its grid with the cells of the input that has the result's shape, so like a real
 * result it holds numbers mixed with blanks (a grid of one repeated number would be stored unboxed
 * by V8 and be a floor no real result can reach). The heap is collected before every timed call, so
 * a call pays for its own garbage and not for the previous one's, and calls alternate with floor
 * runs, so both see the same load on the machine.
 *
 * Then the way planners roll up today, SUMIFS over an ancestor-path column, runs in HyperFormula at
 * growing sizes until it takes more than a few seconds, next to BU.ROLLUP on the same data.
 *
 * Run with `npm run bench`. It prints PASS or over-target and never fails the process.
 */
import { HyperFormula } from "hyperformula";
import v8 from "v8";
import vm from "vm";
import { installCustomFunctionsGlobal } from "../test/support/customFunctionsGlobal";

const NODES = 100_000;
const PERIODS = 12;
const RUNS = 7;
const TARGETS = { ROLLUP: 4, VARIANCE: 2 } as const;
/** SUMIFS sizes grow until one build takes longer than this. */
const SUMIFS_LIMIT_MS = 3_000;

type Grid = unknown[][];
type ExcelFunction = (...args: unknown[]) => unknown[][];

// `npm run bench` starts node without --expose-gc; the flag can still be turned on from inside.
v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;

/** A seeded generator, so every run measures the same sheet. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Forest {
  readonly ids: Grid;
  readonly parents: Grid;
  /** node -> parent node, -1 for a root */
  readonly parentOf: Int32Array;
}

/**
 * A forest of `count` nodes: 20 roots, each other node under a recent earlier node, which gives
 * families of a few to a few hundred children and depths of several hundred levels.
 */
function forest(count: number, next: () => number): Forest {
  const ids: Grid = [];
  const parents: Grid = [];
  const parentOf = new Int32Array(count);
  for (let node = 0; node < count; node++) {
    const parent = node < 20 ? -1 : node - 1 - Math.floor(next() * Math.min(node, 500));
    parentOf[node] = parent;
    ids.push([`N${node}`]);
    parents.push([parent < 0 ? null : `N${parent}`]);
  }
  return { ids, parents, parentOf };
}

/** `columns` numbers per row, with a blank in about one cell in `blankEvery`. */
function numbers(rows: number, columns: number, next: () => number, blankEvery = 20): Grid {
  const grid: Grid = [];
  for (let row = 0; row < rows; row++) {
    const cells: unknown[] = [];
    for (let column = 0; column < columns; column++) {
      cells.push(next() * blankEvery < 1 ? null : Math.round(next() * 100_000) / 100);
    }
    grid.push(cells);
  }
  return grid;
}

/** Top-down targets on the roots and on about one node in a hundred; blank elsewhere. */
function targets(count: number, next: () => number): Grid {
  const grid: Grid = [];
  for (let row = 0; row < count; row++) {
    const held = row < 20 || next() < 0.01;
    grid.push(Array.from({ length: PERIODS }, () => (held ? Math.round(next() * 1e7) : null)));
  }
  return grid;
}

/**
 * Reads every input cell once and builds an output grid of the result's shape from the cells of
 * `shaped`, the input that has that shape.
 */
function floor(inputs: readonly Grid[], shaped: Grid): unknown[] {
  let sink = 0;
  for (const input of inputs) {
    for (const row of input) {
      for (const cell of row) if (typeof cell === "number") sink += cell;
    }
  }
  const output: unknown[][] = new Array(shaped.length);
  for (let row = 0; row < shaped.length; row++) {
    const source = shaped[row];
    const cells: unknown[] = new Array(source.length);
    for (let column = 0; column < source.length; column++) cells[column] = source[column];
    output[row] = cells;
  }
  return [output, sink];
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Milliseconds of one call on a freshly collected heap. */
function timeOnce(call: () => unknown): number {
  collectGarbage();
  const start = performance.now();
  call();
  return performance.now() - start;
}

/** Median milliseconds of `runs` calls after one warm-up call. */
function time(call: () => unknown, runs = RUNS): number {
  call();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) times.push(timeOnce(call));
  return median(times);
}

/**
 * A call against its floor, timed in alternation so that both see the same load on the machine; the
 * ratio is the median of the per-pair ratios.
 */
function against(call: () => unknown, least: () => unknown): { took: number; floor: number; ratio: number } {
  call();
  least();
  const took: number[] = [];
  const floors: number[] = [];
  const ratios: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    floors.push(timeOnce(least));
    took.push(timeOnce(call));
    ratios.push(took[run] / floors[run]);
  }
  return { took: median(took), floor: median(floors), ratio: median(ratios) };
}

function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 0)} ms`.padStart(10);
}

function expectShape(result: unknown[][], rows: number, columns: number, name: string): void {
  if (result.length !== rows || result[0].length !== columns) {
    throw new Error(`${name} returned ${result.length}x${result[0].length}, expected ${rows}x${columns}`);
  }
}

function benchFunctions(functions: Record<string, ExcelFunction>): void {
  const next = random(42);
  const tree = forest(NODES, next);
  const values = numbers(NODES, PERIODS, next);
  const goals = targets(NODES, next);
  const planned = numbers(NODES, PERIODS, next);

  const cases: [name: string, inputs: Grid[], shaped: Grid, call: () => unknown[][]][] = [
    ["ROLLUP", [tree.ids, tree.parents, values], values, () => functions.ROLLUP(tree.ids, tree.parents, values)],
    [
      "CASCADE",
      [tree.ids, tree.parents, goals, values],
      goals,
      () => functions.CASCADE(tree.ids, tree.parents, goals, values, 0),
    ],
    ["VARIANCE", [values, planned], values, () => functions.VARIANCE(values, planned)],
  ];

  console.log(
    `BU functions as Excel calls them: ${NODES.toLocaleString("en")} nodes x ${PERIODS} periods, median of ${RUNS} runs`,
  );
  console.log(`${"function".padEnd(10)}${"time".padStart(10)}${"floor".padStart(10)}   ratio   target`);
  for (const [name, inputs, shaped, call] of cases) {
    expectShape(call(), NODES, PERIODS, name);
    const { took, floor: least, ratio } = against(call, () => floor(inputs, shaped));
    const target = TARGETS[name as keyof typeof TARGETS];
    const verdict = target === undefined ? "(none)" : `${ratio <= target ? "PASS" : "over-target"} (<= ${target}x)`;
    console.log(`${name.padEnd(10)}${ms(took)}${ms(least)}  ${ratio.toFixed(2).padStart(5)}x  ${verdict}`);
  }
}

interface SumifsSheet {
  readonly rows: (string | number | null)[][];
  readonly count: number;
}

/**
 * Ids, parents, one period of values, the ancestor-path column and one more column for formulas.
 * Paths read "/N0/N7/N42/", not "|N0|N7|N42|": HyperFormula 3.5.0 turns SUMIFS wildcard criteria into
 * regular expressions without escaping "|", so "*|N7|*" would match every path.
 */
function pathSheet(count: number): SumifsSheet {
  const next = random(7);
  const tree = forest(count, next);
  const paths: string[] = new Array(count);
  const rows: (string | number | null)[][] = [["Id", "Parent", "Value", "Path", "Rollup"]];
  for (let node = 0; node < count; node++) {
    const parent = tree.parentOf[node];
    // Parents come before children, so each path extends its parent's.
    paths[node] = `${parent < 0 ? "/" : paths[parent]}N${node}/`;
    rows.push([`N${node}`, parent < 0 ? null : `N${parent}`, Math.round(next() * 100_000) / 100, paths[node], null]);
  }
  return { rows, count };
}

function withSumifs(sheet: SumifsSheet): (string | number | null)[][] {
  const last = sheet.count + 1;
  return sheet.rows.map((row, index) =>
    index === 0 ? row : [...row.slice(0, 4), `=SUMIFS($C$2:$C$${last}, $D$2:$D$${last}, "*/"&A${index + 1}&"/*")`],
  );
}

function withRollup(sheet: SumifsSheet): (string | number | null)[][] {
  const last = sheet.count + 1;
  return sheet.rows.map((row, index) =>
    index === 1 ? [...row.slice(0, 4), `=BU.ROLLUP(A2:A${last}, B2:B${last}, C2:C${last})`] : row,
  );
}

/** Milliseconds to build and evaluate the sheet, then to recalculate after one value changes. */
function timeEngine(rows: (string | number | null)[][]): {
  build: number;
  edit: number;
  total: number;
} {
  let start = performance.now();
  const hf = HyperFormula.buildFromArray(rows, { licenseKey: "gpl-v3" });
  const build = performance.now() - start;
  const total = hf.getCellValue({ sheet: 0, col: 4, row: 1 });
  start = performance.now();
  hf.setCellContents({ sheet: 0, col: 2, row: rows.length - 1 }, [[1]]);
  hf.getCellValue({ sheet: 0, col: 4, row: 1 });
  const edit = performance.now() - start;
  hf.destroy();
  return { build, edit, total: typeof total === "number" ? total : Number.NaN };
}

async function benchSumifs(functions: Record<string, ExcelFunction>): Promise<void> {
  const { registerBuFunctions } = await import("../src/hyperformula/buPlugin");
  registerBuFunctions();
  console.log("");
  console.log(
    'Today\'s way: =SUMIFS(value, path, "*/"&id&"/*") per node, in HyperFormula, against BU.ROLLUP on the same sheet (1 period)',
  );
  console.log(
    `${"nodes".padStart(7)}${"SUMIFS".padStart(11)}${"BU in HF".padStart(11)}${"ratio".padStart(9)}${"BU fn".padStart(11)}${"ratio".padStart(9)}   one edit: SUMIFS vs BU in HF`,
  );
  let largest: string | undefined;
  for (let count = 500; ; count *= 2) {
    const sheet = pathSheet(count);
    const sumifs = timeEngine(withSumifs(sheet));
    const rollup = timeEngine(withRollup(sheet));
    if (Math.abs(sumifs.total - rollup.total) > 1e-6 * Math.abs(rollup.total)) {
      throw new Error(`SUMIFS gave ${sumifs.total} but BU.ROLLUP ${rollup.total} at ${count} nodes`);
    }
    const ids = sheet.rows.slice(1).map((row) => [row[0]]);
    const parents = sheet.rows.slice(1).map((row) => [row[1]]);
    const values = sheet.rows.slice(1).map((row) => [row[2]]);
    const direct = time(() => functions.ROLLUP(ids, parents, values), 5);
    const line =
      `${count.toLocaleString("en").padStart(7)}${ms(sumifs.build).padStart(11)}${ms(rollup.build).padStart(11)}` +
      `${(sumifs.build / rollup.build).toFixed(0).padStart(8)}x${ms(direct).padStart(11)}${(sumifs.build / direct).toFixed(0).padStart(8)}x` +
      `   ${ms(sumifs.edit)} vs ${ms(rollup.edit)}`;
    console.log(line);
    if (sumifs.build > SUMIFS_LIMIT_MS) break;
    largest = `${count.toLocaleString("en")} nodes: SUMIFS ${(sumifs.build / rollup.build).toFixed(0)}x slower than BU.ROLLUP in the same engine, ${(sumifs.build / direct).toFixed(0)}x slower than the BU.ROLLUP function call`;
  }
  console.log(
    largest === undefined
      ? "SUMIFS took over the limit at the smallest size."
      : `Largest size SUMIFS finishes within ${SUMIFS_LIMIT_MS / 1000} s: ${largest}.`,
  );
}

async function main(): Promise<void> {
  // Excel provides CustomFunctions in its runtime; outside it, the tests' stand-in.
  installCustomFunctionsGlobal();
  const functions = (await import("../src/functions/functions")) as unknown as Record<string, ExcelFunction>;
  const started = performance.now();
  benchFunctions(functions);
  await benchSumifs(functions);
  console.log(`\nBench finished in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

void main();
