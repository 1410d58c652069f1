// The task pane's bundle rows of issue 11: the production build (into a temporary folder, not dist/),
// measured by the same report the build's budget check uses (scripts/bundle-budget.cjs).
import { mkdtempSync, rmSync } from "fs";
import os from "os";
import path from "path";
import webpack from "webpack";

interface Report {
  budget: number;
  initial: { gzip: number; raw: number };
}
interface BudgetModule {
  bundleReport(compilation: webpack.Compilation): Report;
  formatReport(report: Report): string[];
}
type ConfigFactory = (env: Record<string, unknown>, argv: { mode: string }) => Promise<webpack.Configuration>;

const ROOT = path.resolve(__dirname, "..");
// CommonJS build scripts, outside the TypeScript program.
const budget = require(path.join(ROOT, "scripts/bundle-budget.cjs")) as BudgetModule;
const makeConfig = require(path.join(ROOT, "webpack.config.js")) as ConfigFactory;
/** Issue 11's measurement before code-splitting: one taskpane.js, 940 KiB minified. */
const BEFORE_GZIP_KIB = 271.8;

async function main(): Promise<void> {
  const out = mkdtempSync(path.join(os.tmpdir(), "groundup-bundle-"));
  const config = await makeConfig({}, { mode: "production" });
  let report: Report | undefined;
  const capture: webpack.WebpackPluginInstance = {
    apply(compiler) {
      compiler.hooks.thisCompilation.tap("bench", (compilation) => {
        compilation.hooks.processAssets.tap(
          { name: "bench", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
          () => {
            report = budget.bundleReport(compilation);
          },
        );
      });
    },
  };
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(
      {
        ...config,
        mode: "production",
        output: { ...config.output, path: out },
        plugins: [...(config.plugins ?? []), capture],
      },
      (error, result) => (error || !result ? reject(error) : resolve(result)),
    ),
  );
  rmSync(out, { recursive: true, force: true });
  if (report === undefined) throw new Error("the build produced no task pane");
  console.log("bundle (production build, gzip level 6)");
  for (const line of budget.formatReport(report)) console.log(line);
  console.log(`  before code-splitting: ${BEFORE_GZIP_KIB.toFixed(1)} KiB gzip (one taskpane.js)`);
  if (stats.hasErrors()) {
    console.log(stats.toString({ all: false, errors: true }));
    process.exitCode = 1;
  }
}

void main();
