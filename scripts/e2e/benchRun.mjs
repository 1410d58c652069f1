// What every browser benchmark of the workbench does around its measuring: Chromium checked, the
// workbench built (or GROUNDUP_WORKBENCH_BUILD served as it is), a fresh profile, and all of it
// closed and removed afterwards.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildWorkbench, chromiumFound, launchChromium } from "./browser.mjs";
import { serveDirectory } from "./server.mjs";

/** The workbench to serve: `given`, a directory already built, or a production build made in `temp`. */
async function builtWorkbench(given, temp, log) {
  if (given !== undefined && given !== "") return given;
  const built = path.join(temp, "workbench");
  log("Building the workbench (production)…");
  await buildWorkbench(built);
  return built;
}

/**
 * Runs `measure(context, url, profileDir)` against the served workbench; resolves to the process's
 * exit code: 1 without Chromium, else what `measure` returns (0 when nothing).
 */
export async function benchWorkbench(tempPrefix, log, measure) {
  if (!chromiumFound(log)) return 1;
  const temp = await mkdtemp(path.join(os.tmpdir(), tempPrefix));
  const server = await serveDirectory(await builtWorkbench(process.env.GROUNDUP_WORKBENCH_BUILD, temp, log));
  const profile = path.join(temp, "profile");
  const context = await launchChromium(profile);
  try {
    return (await measure(context, server.url, profile)) ?? 0;
  } finally {
    await context.close();
    await server.close();
    await rm(temp, { recursive: true, force: true });
  }
}
