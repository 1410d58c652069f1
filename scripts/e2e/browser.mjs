// What the end-to-end run and the workbench benchmark share: building the workbench, starting
// Debian's headless Chromium through playwright-core, and watching a page's main thread.
import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

/* global window, document, performance, PerformanceObserver, MutationObserver */

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
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

const require = createRequire(import.meta.url);

/** Builds the workbench for production into `outputPath` (webpack.workbench.config.js). */
export async function buildWorkbench(outputPath) {
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

/** Whether Chromium is where the scripts look for it; if not, says how to install it. */
export function chromiumFound(log) {
  if (existsSync(CHROMIUM)) return true;
  log(`Chromium is not at ${CHROMIUM}: install it with "apt-get install -y chromium" (or set CHROMIUM_PATH).`);
  return false;
}

/** Headless Chromium with a fresh profile in `profileDir`. */
export function launchChromium(profileDir, options = {}) {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreHTTPSErrors: true,
    args: CHROMIUM_ARGS,
    viewport: VIEWPORT,
    locale: "en-US",
    ...options,
  });
}

/**
 * Before the page's own scripts run: records every main-thread task over 50 ms (the Long Tasks
 * API), when the task pane's tree first shows a node, and when the formula engine reports ready.
 */
export async function watchMainThread(page) {
  await page.addInitScript(() => {
    const watch = { longTasks: [], treeOpenedAt: null, readyAt: null };
    window.__watch = watch;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) watch.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: "longtask", buffered: true });
    const observer = new MutationObserver(() => {
      if (watch.treeOpenedAt === null && document.querySelector('[role="treeitem"]') !== null)
        watch.treeOpenedAt = performance.now();
      const status = document.querySelector('[data-testid="engine-status"]');
      if (watch.readyAt === null && status?.getAttribute("data-state") === "ready") watch.readyAt = performance.now();
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-state"] });
  });
}

/** The page's clock now (ms since navigation). */
export function pageNow(page) {
  return page.evaluate(() => performance.now());
}

/** The long tasks recorded since `from` (page clock): the longest, and their total. */
export async function longTasksSince(page, from = 0) {
  const tasks = await page.evaluate((since) => window.__watch.longTasks.filter((task) => task.start >= since), from);
  return {
    count: tasks.length,
    longest: tasks.reduce((max, task) => Math.max(max, task.duration), 0),
    total: tasks.reduce((sum, task) => sum + task.duration, 0),
    over200: tasks.filter((task) => task.duration > 200).reduce((sum, task) => sum + task.duration, 0),
  };
}

/** Milestones recorded by `watchMainThread` (page clock, ms), null until reached. */
export function milestones(page) {
  return page.evaluate(() => ({ treeOpenedAt: window.__watch.treeOpenedAt, readyAt: window.__watch.readyAt }));
}

/** The main thread's JavaScript heap in use after a full collection (bytes), from the DevTools protocol. */
export async function mainHeapBytes(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("HeapProfiler.collectGarbage");
    await cdp.send("Performance.enable");
    const { metrics } = await cdp.send("Performance.getMetrics");
    return metrics.find((metric) => metric.name === "JSHeapUsedSize")?.value ?? null;
  } finally {
    await cdp.detach();
  }
}

/**
 * Resident memory of the largest Chromium renderer process started with `profileDir` (bytes): the
 * page's, the formula engine's worker included (a dedicated worker lives in its page's renderer).
 * Linux only (read from /proc); null elsewhere.
 */
export async function rendererResidentBytes(profileDir) {
  let largest = null;
  let pids;
  try {
    pids = (await readdir("/proc")).filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  for (const pid of pids) {
    try {
      // Chromium rewrites its command line into one string, so the flags are searched as text.
      const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8");
      if (!cmdline.includes("--type=renderer") || !cmdline.includes(profileDir)) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, "utf8"));
      if (rss !== null) largest = Math.max(largest ?? 0, Number(rss[1]) * 1024);
    } catch {
      // The process ended while it was read.
    }
  }
  return largest;
}
