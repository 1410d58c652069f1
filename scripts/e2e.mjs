// npm run test:e2e: builds the workbench for production, serves it on a free loopback port, and
// drives it in headless Chromium (Debian's, through playwright-core) through the story in
// scripts/e2e/story.mjs. Every step saves screenshots under test-results/e2e/. Prints the time to
// open a 10,000-node plan, then "N passed, M failed"; exits non-zero when a step fails.
//
// GROUNDUP_E2E_BUILD=<dir> skips the build and serves a workbench already built there (handy while
// writing steps); CHROMIUM_PATH overrides /usr/bin/chromium.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serveDirectory } from "./e2e/server.mjs";
import { STORY } from "./e2e/story.mjs";
import { WorkbenchPage } from "./e2e/workbench.mjs";

/* global window, document, performance, MutationObserver */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RESULTS = path.join(ROOT, "test-results", "e2e");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const VIEWPORT = { width: 1600, height: 900 };
const STEP_TIMEOUT = 30_000;
const TIMING_NODES = 10_000;
/** A screen of rows plus the overscan above and below it. */
const MAX_DRAWN_ROWS = 120;

const require = createRequire(import.meta.url);

function log(message) {
  process.stdout.write(`${message}\n`);
}

async function buildWorkbench(outputPath) {
  const webpack = require("webpack");
  const config = require(path.join(ROOT, "webpack.workbench.config.js"))({ outputPath }, { mode: "production" });
  const compiler = webpack(config);
  const stats = await new Promise((resolve, reject) => {
    compiler.run((error, result) => {
      compiler.close(() => (error ? reject(error) : resolve(result)));
    });
  });
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
}

/** Times loading a generated plan until the tree shows its first node, measured in the page from navigation. */
async function measureLargePlan(context, url) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (document.querySelector('[role="treeitem"]') === null) return;
      window.__treeOpenedAt = performance.now();
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  const wb = new WorkbenchPage(page);
  await wb.open(`${url}?nodes=${TIMING_NODES}`);
  await wb.pane.getByRole("treeitem").first().waitFor({ timeout: 60_000 });
  const treeOpened = await page.evaluate(() => window.__treeOpenedAt);
  await wb.waitForFormulas();
  const formulasDone = await page.evaluate(() => performance.now());
  await wb.goTo("GU Report", "F4");
  const topRollup = (await wb.cell("F4").textContent())?.trim();
  // The grid draws only the rows in view, however long the sheet.
  await wb.goTo("GU Report", `A${TIMING_NODES + 3}`);
  const lastId = (await wb.cell(`A${TIMING_NODES + 3}`).textContent())?.trim();
  const drawnRows = await wb.grid.getByRole("row").count();
  if (lastId === "" || drawnRows > MAX_DRAWN_ROWS)
    throw new Error(`The last node's row shows "${lastId}" with ${drawnRows} rows drawn`);
  await page.screenshot({ path: path.join(RESULTS, `timing-${TIMING_NODES}-nodes.png`) });
  await page.close();
  return { treeOpened, formulasDone, topRollup, drawnRows };
}

async function main() {
  await rm(RESULTS, { recursive: true, force: true });
  await mkdir(RESULTS, { recursive: true });
  if (!existsSync(CHROMIUM)) {
    log(`Chromium is not at ${CHROMIUM}: install it with "apt-get install -y chromium" (or set CHROMIUM_PATH).`);
    return 1;
  }

  const temp = await mkdtemp(path.join(os.tmpdir(), "groundup-e2e-"));
  let built = process.env.GROUNDUP_E2E_BUILD;
  if (built === undefined || built === "") {
    built = path.join(temp, "dist-workbench");
    const started = Date.now();
    log("Building the workbench (production)…");
    await buildWorkbench(built);
    log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  const server = await serveDirectory(built);
  const context = await chromium.launchPersistentContext(path.join(temp, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    ignoreHTTPSErrors: true,
    args: CHROMIUM_ARGS,
    viewport: VIEWPORT,
    locale: "en-US",
    // The Share view's workbooks arrive as browser downloads.
    acceptDownloads: true,
  });
  context.setDefaultTimeout(STEP_TIMEOUT);

  const results = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    const wb = new WorkbenchPage(page);
    let failed = false;
    for (const [index, step] of STORY.entries()) {
      const label = `${String(index + 1).padStart(2, "0")} ${step.name}`;
      if (failed) {
        results.push({ label, outcome: "not run" });
        continue;
      }
      const prefix = path.join(RESULTS, `${String(index + 1).padStart(2, "0")}`);
      let shot = 0;
      const t = {
        page,
        wb,
        url: server.url,
        /** A scratch directory for files a step saves or edits; removed after the run. */
        temp,
        screenshot: (name) => page.screenshot({ path: `${prefix}-${String.fromCharCode(97 + shot++)}-${name}.png` }),
      };
      const started = Date.now();
      try {
        pageErrors.length = 0;
        await step.run(t);
        if (pageErrors.length > 0) throw new Error(`The page threw: ${pageErrors.join("; ")}`);
        results.push({ label, outcome: "passed", ms: Date.now() - started });
      } catch (error) {
        failed = true;
        await page.screenshot({ path: `${prefix}-failed.png` }).catch(() => undefined);
        results.push({ label, outcome: "failed", ms: Date.now() - started, error });
      }
      const last = results[results.length - 1];
      log(`${last.outcome === "passed" ? "PASS" : "FAIL"} ${label} (${(last.ms / 1000).toFixed(1)} s)`);
      if (last.error)
        log(
          `     ${String(last.error.stack ?? last.error)
            .split("\n")
            .slice(0, 6)
            .join("\n     ")}`,
        );
    }

    const label = `${String(STORY.length + 1).padStart(2, "0")} a ${TIMING_NODES.toLocaleString("en-US")}-node plan opens`;
    try {
      const timing = await measureLargePlan(context, server.url);
      results.push({ label, outcome: "passed" });
      log(`PASS ${label}`);
      log(
        `     ${TIMING_NODES.toLocaleString("en-US")} nodes: workbench loaded and tree open in ` +
          `${(timing.treeOpened / 1000).toFixed(2)} s; report formulas calculated by ` +
          `${(timing.formulasDone / 1000).toFixed(2)} s (top rollup ${timing.topRollup}; ` +
          `${timing.drawnRows} grid rows drawn of ${TIMING_NODES + 3})`,
      );
    } catch (error) {
      results.push({ label, outcome: "failed", error });
      log(
        `FAIL ${label}\n     ${String(error.stack ?? error)
          .split("\n")
          .slice(0, 6)
          .join("\n     ")}`,
      );
    }
  } finally {
    await context.close();
    await server.close();
    await rm(temp, { recursive: true, force: true });
  }

  for (const result of results.filter((candidate) => candidate.outcome === "not run"))
    log(`SKIP ${result.label} (an earlier step failed)`);
  log(`Screenshots: ${path.relative(ROOT, RESULTS)}/`);
  const passed = results.filter((result) => result.outcome === "passed").length;
  const failedCount = results.length - passed;
  log(`${passed} passed, ${failedCount} failed`);
  return failedCount === 0 ? 0 : 1;
}

process.exitCode = await main().catch((error) => {
  log(String(error.stack ?? error));
  log("0 passed, 1 failed");
  return 1;
});
