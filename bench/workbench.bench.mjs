// The workbench at scale, in headless Chromium (issue 11's workbench rows, issue 10's defect 13):
// for generated plans of 10,000 and 50,000 nodes (and 100,000 with WORKBENCH_BENCH_100K=1), the
// time from navigation until every formula is calculated, the longest main-thread task and the time
// spent in long tasks (PerformanceObserver "longtask": the page cannot react during one), the heap;
// then a 50,000-node plan set up through the task pane from a pasted hierarchy. Prints each figure
// with its target. Run by `npm run bench`; builds the workbench first (to a temporary directory)
// unless GROUNDUP_WORKBENCH_BUILD names a built one. WORKBENCH_BENCH_SIZES=10000 measures only the
// sizes listed; WORKBENCH_BENCH_SETUP=0 leaves out the set-up.
import {
  longTasksSince,
  mainHeapBytes,
  milestones,
  pageNow,
  rendererResidentBytes,
  watchMainThread,
} from "../scripts/e2e/browser.mjs";
import { benchWorkbench } from "../scripts/e2e/benchRun.mjs";
import { WorkbenchPage } from "../scripts/e2e/workbench.mjs";

/* global document, performance, process, window */

const OPEN_TIMEOUT = 240_000;
const SETUP_NODES = 50_000;

function log(message) {
  process.stdout.write(`${message}\n`);
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (bytes) => (bytes === null ? "n/a" : `${Math.round(bytes / 2 ** 20)} MB`);
const verdict = (ok) => (ok ? "met" : "NOT MET");

async function waitForReady(page, timeout) {
  await page.waitForFunction(() => window.__watch.readyAt !== null, null, { timeout, polling: 100 });
}

/** Opens a generated plan of `nodes` nodes and measures it until every formula is calculated. */
async function openPlan(context, url, profile, nodes) {
  const page = await context.newPage();
  await watchMainThread(page);
  await page.goto(`${url}?nodes=${nodes}`);
  await waitForReady(page, OPEN_TIMEOUT);
  const { treeOpenedAt, readyAt } = await milestones(page);
  const tasks = await longTasksSince(page, 0);
  const marks = await page.evaluate(() =>
    Object.fromEntries(performance.getEntriesByType("mark").map((entry) => [entry.name, entry.startTime])),
  );
  const worst = await page.evaluate(() =>
    [...window.__watch.longTasks].sort((a, b) => b.duration - a.duration).slice(0, 5),
  );
  const wb = new WorkbenchPage(page);
  await wb.goTo("GU Report", "F4");
  const topRollup = ((await wb.cell("F4").textContent()) ?? "").trim();
  if (topRollup === "") throw new Error(`The top rollup of the ${nodes}-node plan is blank once ready`);
  const heap = await mainHeapBytes(page);
  const resident = await rendererResidentBytes(profile);
  await page.close();
  return { nodes, treeOpenedAt, readyAt, tasks, heap, resident, topRollup, marks, worst };
}

/** Waits (longer than the e2e helpers do) until the engine has computed every change so far. */
function engineReady(page) {
  return page.waitForFunction(
    () => document.querySelector('[data-testid="engine-status"]')?.getAttribute("data-state") === "ready",
    null,
    { timeout: OPEN_TIMEOUT, polling: 100 },
  );
}

/** Rows of a hierarchy as a planner pastes it: a company, regions, territories, reps. */
function pastedHierarchy(count) {
  const rows = [["Id", "Parent", "Name", "Owner"]];
  rows.push(["CO", "", "Company", "Owner 0"]);
  let region = 0;
  while (rows.length - 1 < count) {
    region++;
    rows.push([`R${region}`, "CO", `Region ${region}`, `Owner R${region}`]);
    for (let t = 1; t <= 25 && rows.length - 1 < count; t++) {
      const territory = `R${region}-T${t}`;
      rows.push([territory, `R${region}`, `Territory ${territory}`, `Owner ${territory}`]);
      for (let r = 1; r <= 20 && rows.length - 1 < count; r++)
        rows.push([`${territory}-${r}`, territory, `Rep ${territory}-${r}`, `Owner ${territory}-${r}`]);
    }
  }
  return rows;
}

/**
 * An empty workbook, a pasted hierarchy of `nodes` rows, then Set up → From the selected cells →
 * Set up plan, timed from the click until the report's formulas are calculated.
 */
async function setUpPlan(context, url, nodes) {
  const page = await context.newPage();
  await watchMainThread(page);
  const wb = new WorkbenchPage(page);
  await wb.open(`${url}?start=empty`);
  await waitForReady(page, OPEN_TIMEOUT);
  const rows = pastedHierarchy(nodes);
  await wb.paste("Sheet1", "A1", rows);
  await engineReady(page);
  await wb.expectCells("Sheet1", { [`A${nodes + 1}`]: rows[nodes][0] });
  await wb.goTo("Sheet1", `A1:D${nodes + 1}`);
  await wb.openView("Set up");
  await wb.pane.getByRole("radio", { name: "From the selected cells" }).check();
  await wb.pane.getByRole("button", { name: "Read the selected cells" }).click();
  await wb.pane.getByText(/^Found [\d,]+ nodes/).waitFor({ timeout: OPEN_TIMEOUT });
  await wb.pane.getByLabel("Plan name").fill("Scale test");
  const started = await pageNow(page);
  // The click returns once the page handles it, which a frozen page does only when it thaws.
  await wb.pane.getByRole("button", { name: "Set up plan" }).click({ timeout: OPEN_TIMEOUT });
  await wb.pane.getByText(/is set up with/).waitFor({ timeout: OPEN_TIMEOUT });
  await engineReady(page);
  const ended = await pageNow(page);
  const tasks = await longTasksSince(page, started);
  await wb.expectCells("GU Report", { A4: "CO" });
  await page.close();
  return { nodes, ms: ended - started, tasks };
}

async function main() {
  const sizes = [10_000, 50_000, ...(process.env.WORKBENCH_BENCH_100K === "1" ? [100_000] : [])].filter(
    (size) =>
      process.env.WORKBENCH_BENCH_SIZES === undefined ||
      process.env.WORKBENCH_BENCH_SIZES.split(",").includes(String(size)),
  );
  return benchWorkbench("groundup-bench-", log, async (context, url, profile) => {
    // The first navigation pays for starting Chromium; it is not a figure.
    const warm = await context.newPage();
    await warm.goto(`${url}?start=empty`);
    await warm.close();

    log("Workbench, generated plan opened from its URL (page clock from navigation):");
    for (const nodes of sizes) {
      const r = await openPlan(context, url, profile, nodes);
      const readyTarget = nodes <= 10_000 ? 4_000 : 15_000;
      const taskTarget = nodes <= 10_000 ? 200 : 1_000;
      const label = nodes.toLocaleString("en-US").padStart(7);
      log(
        `  ${label} nodes: formulas ready ${seconds(r.readyAt)} (target ≤ ${seconds(readyTarget)}: ${verdict(r.readyAt <= readyTarget)}); ` +
          `tree shown ${seconds(r.treeOpenedAt ?? NaN)}`,
      );
      log(
        `  ${label} nodes: longest main-thread task ${Math.round(r.tasks.longest)} ms ` +
          `(target ≤ ${taskTarget} ms: ${verdict(r.tasks.longest <= taskTarget)}); ` +
          `${r.tasks.count} long tasks, ${seconds(r.tasks.total)} in them, ${seconds(r.tasks.over200)} in tasks over 200 ms`,
      );
      log(
        `  ${label} nodes: main-thread JS heap ${megabytes(r.heap)}, page's renderer process resident (engine worker included) ` +
          `${megabytes(r.resident)}; top rollup ${r.topRollup}`,
      );
      const at = (name) => (r.marks[name] === undefined ? "n/a" : seconds(r.marks[name]));
      log(
        `  ${label} nodes: engine started ${at("engine: start")}, workbook sent ${at("engine: contents sent")}, ` +
          `built ${at("engine: built")}; longest tasks ` +
          r.worst.map((task) => `${Math.round(task.duration)} ms at ${seconds(task.start)}`).join(", "),
      );
    }

    if (process.env.WORKBENCH_BENCH_SETUP === "0") return 0;
    log(
      `Workbench, a ${SETUP_NODES.toLocaleString("en-US")}-node plan set up in the task pane from a pasted hierarchy:`,
    );
    const setup = await setUpPlan(context, url, SETUP_NODES);
    log(
      `  Set up plan → formulas ready: ${seconds(setup.ms)} (target ≤ 30.00 s: ${verdict(setup.ms <= 30_000)}); ` +
        `longest main-thread task ${Math.round(setup.tasks.longest)} ms, ${seconds(setup.tasks.total)} in long tasks`,
    );
    return 0;
  });
}

process.exitCode = await main().catch((error) => {
  log(String(error.stack ?? error));
  return 1;
});
