/**
 * A plan of 10,000 nodes x 12 periods with one measure, then with three (issue 12): what a setup
 * sends to Excel (syncs and bytes through the recording double, which fails a sync over Excel on the
 * web's 5 MB), the CPU time of the setup's layout, of reading the plan and of the pane's plan view,
 * and the full report recalculated by a real formula engine (HyperFormula with the BU plugin, as
 * the workbench and the report tests use it). Prints each figure with the ratio three measures take
 * over one; the target is that the work grows with the value columns (about 3x), no faster.
 * Run by `npm run bench`; BENCH_NODES overrides the 10,000.
 */
import { performance } from "node:perf_hooks";
import { ExcelPlanWorkbook } from "../src/excel/ExcelPlanWorkbook";
import { SHEETS, buildPlanLayout } from "../src/core/plan/layout";
import { buildPlanView } from "../src/core/plan/planView";
import type { Plan, PlanSettings } from "../src/core/plan/types";
import { MemoryPlanWorkbook } from "../src/workbook/memory/MemoryPlanWorkbook";
import { MemoryWorkbook } from "../src/workbook/memory/MemoryWorkbook";
import { RecordingExcel } from "../test/excel/support/RecordingExcel";
import { evaluateWorkbook } from "../test/integration/support/evaluate";
import { BENCH_SETTINGS, benchNodes } from "./benchPlan";

const NODES = Number(process.env.BENCH_NODES ?? 10_000);
const ONE = BENCH_SETTINGS;
const THREE: PlanSettings = {
  ...ONE,
  moreMeasures: [
    { name: "Units", unit: "units", decimals: 0 },
    { name: "Margin", unit: "EUR", decimals: 2 },
  ],
};

/** Median milliseconds of `runs` calls, after one untimed. */
function median(runs: number, work: () => unknown): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

interface Figures {
  layoutMs: number;
  setupSyncs: number;
  setupSentMB: number;
  setupLargestMB: number;
  readMs: number;
  viewMs: number;
  reportMs: number;
}

/** The plan with a value typed for every leaf in every column, so the report has something to roll up. */
function withEntries(plan: Plan): Plan {
  const columns = plan.entries.values().next().value?.values.length ?? 0;
  const entries = new Map(plan.entries);
  for (const node of plan.nodes.slice(Math.floor(plan.nodes.length / 10))) {
    const entry = entries.get(node.id);
    if (entry !== undefined)
      entries.set(node.id, { ...entry, values: Array.from({ length: columns }, (_, c) => c + 1) });
  }
  return { ...plan, entries, topDown: new Map([["n0", Array.from({ length: columns }, () => 1_000_000)]]) };
}

async function measure(settings: PlanSettings, size = NODES): Promise<Figures> {
  const setup = { settings, nodes: benchNodes(size) };
  const layoutMs = median(3, () => buildPlanLayout(setup, {}));

  const excel = new RecordingExcel();
  const workbook = new ExcelPlanWorkbook(excel.run);
  excel.reset();
  await workbook.writePlan(setup);
  const sent = excel.payloads.reduce((a, b) => a + b, 0);
  const largest = Math.max(0, ...excel.payloads);
  const setupSyncs = excel.syncs;
  const readStart = performance.now();
  const plan = await workbook.readPlan();
  const readMs = performance.now() - readStart;
  if (plan === null) throw new Error("no plan after setup");
  const entered = withEntries(plan);
  const viewMs = median(5, () => buildPlanView(entered));

  const memory = new MemoryPlanWorkbook(new MemoryWorkbook("Sheet1", "desktop"));
  await memory.writePlan(setup);
  // Every node's inputs typed, so the report rolls up numbers, not blanks.
  const columns = entered.entries.get("n0")?.values.length ?? 0;
  memory.workbook.write(
    { sheet: SHEETS.inputs, row: 1, col: 1, rowCount: size, colCount: columns },
    Array.from({ length: size }, (_, r) => Array.from({ length: columns }, (_, c) => (r % 7) + c)),
  );
  const start = performance.now();
  evaluateWorkbook(memory.workbook);
  const reportMs = performance.now() - start;
  return {
    layoutMs,
    setupSyncs,
    setupSentMB: sent / 1e6,
    setupLargestMB: largest / 1e6,
    readMs,
    viewMs,
    reportMs,
  };
}

/** Each figure's lowest over `runs`. */
function best(runs: readonly Figures[]): Figures {
  const keys = Object.keys(runs[0]) as (keyof Figures)[];
  return Object.fromEntries(keys.map((key) => [key, Math.min(...runs.map((run) => run[key]))])) as unknown as Figures;
}

async function main(): Promise<void> {
  const size = NODES.toLocaleString("en-US");
  console.log(`\nMeasures: ${size} nodes x 12 periods, 1 measure against 3 (ratio = 3 measures / 1; about 3 expected)`);
  // Warm the engine and the code first, so the first figures are not the JIT's.
  await measure(THREE, Math.max(10, Math.floor(NODES / 10)));
  // Interleaved, twice, keeping the better of each: a shared machine's noise hits both alike.
  const runs: Figures[][] = [[], []];
  for (let round = 0; round < 2; round++) {
    runs[0].push(await measure(ONE));
    runs[1].push(await measure(THREE));
  }
  const [one, three] = runs.map(best);
  const line = (what: string, a: number, b: number, unit: string, digits = 0): void => {
    console.log(
      `  ${what.padEnd(48)} ${a.toFixed(digits).padStart(9)} ${unit.padEnd(3)} ${b.toFixed(digits).padStart(9)} ${unit.padEnd(3)} ratio ${(b / a).toFixed(2)}`,
    );
  };
  console.log(`  ${"".padEnd(48)} ${"1 measure".padStart(13)} ${"3 measures".padStart(13)}`);
  line("setup layout (CPU)", one.layoutMs, three.layoutMs, "ms");
  line("setup syncs to Excel", one.setupSyncs, three.setupSyncs, "");
  line("setup sent to Excel", one.setupSentMB, three.setupSentMB, "MB", 1);
  line("largest sync (limit 5 MB on the web)", one.setupLargestMB, three.setupLargestMB, "MB", 2);
  line("read the plan (CPU, recording double)", one.readMs, three.readMs, "ms");
  line("pane's plan view (rollup + cascade, CPU)", one.viewMs, three.viewMs, "ms");
  line("report recalculated (HyperFormula, whole workbook)", one.reportMs, three.reportMs, "ms");
}

void main();
