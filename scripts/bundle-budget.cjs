// What opening the task pane downloads, measured on the built assets and gzipped as a web server
// sends them. The first view is what taskpane.html loads before the pane can paint (its tabs and
// "Reading the plan…"): a production build fails when it exceeds the budget. The chunk of the view
// shown next (Navigate when the workbook holds a plan, Set up when not) is fetched in parallel with
// reading the plan; the report adds it as "first screen".
const zlib = require("zlib");

const FIRST_VIEW_BUDGET = 170 * 1024;
const FIRST_VIEWS = ["view-navigate", "view-setup"];
const VIEW_PREFIX = "view-";
const PLUGIN = "GroundupBundleBudget";

function gzipSize(buffer) {
  // Level 6 is zlib's and most web servers' default.
  return zlib.gzipSync(buffer, { level: 6 }).length;
}

/**
 * Sizes from a finished compilation: `initial` (the entry: the first view), one row per view chunk
 * group (only what it adds to the entry), `firstScreen` (entry + the larger of Navigate and Set up)
 * and `other` (everything else loaded on demand, exceljs above all).
 */
function bundleReport(compilation, entryName = "taskpane") {
  const js = (file) => file.endsWith(".js");
  const sizes = new Map();
  const sizeOf = (file) => {
    if (!sizes.has(file)) {
      const buffer = compilation.getAsset(file).source.buffer();
      sizes.set(file, { raw: buffer.length, gzip: gzipSize(buffer) });
    }
    return sizes.get(file);
  };
  const total = (files) =>
    files.reduce(
      (sum, file) => {
        const size = sizeOf(file);
        return { raw: sum.raw + size.raw, gzip: sum.gzip + size.gzip };
      },
      { raw: 0, gzip: 0 },
    );

  const entry = compilation.entrypoints.get(entryName);
  if (entry === undefined) throw new Error(`${PLUGIN}: no entry named ${entryName}`);
  const initialFiles = entry.getFiles().filter(js);
  const initialSet = new Set(initialFiles);
  const views = [];
  const inViews = new Set();
  for (const [name, group] of compilation.namedChunkGroups) {
    if (!name.startsWith(VIEW_PREFIX)) continue;
    const files = group.getFiles().filter((file) => js(file) && !initialSet.has(file));
    files.forEach((file) => inViews.add(file));
    views.push({ name, files, ...total(files) });
  }
  views.sort((a, b) => a.name.localeCompare(b.name));
  const initial = { files: initialFiles, ...total(initialFiles) };
  const first = views.filter((view) => FIRST_VIEWS.includes(view.name));
  const largestFirst = first.reduce((best, view) => (best === null || view.gzip > best.gzip ? view : best), null);
  const firstScreen = {
    view: largestFirst?.name ?? null,
    raw: initial.raw + (largestFirst?.raw ?? 0),
    gzip: initial.gzip + (largestFirst?.gzip ?? 0),
  };
  const entryChunkFiles = new Set(
    [...compilation.entrypoints.values()].flatMap((point) => point.getFiles()).filter(js),
  );
  const otherFiles = [...compilation.chunks]
    .flatMap((chunk) => [...chunk.files])
    .filter((file) => js(file) && !entryChunkFiles.has(file) && !inViews.has(file));
  const other = { files: [...new Set(otherFiles)], ...total([...new Set(otherFiles)]) };
  return { budget: FIRST_VIEW_BUDGET, initial, views, firstScreen, other };
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

/** The report as the lines the build and `npm run bench` print. */
function formatReport(report) {
  const ratio = report.initial.gzip / report.budget;
  return [
    `task pane first view (${report.initial.files.join(", ")}): ${kib(report.initial.gzip)} gzip ` +
      `(${kib(report.initial.raw)} minified); target <= ${kib(report.budget)} gzip; ratio ${ratio.toFixed(2)}`,
    `  first screen (first view + ${report.firstScreen.view ?? "no view"}): ${kib(report.firstScreen.gzip)} gzip`,
    ...report.views.map((view) => `  ${view.name}: +${kib(view.gzip)} gzip (${view.files.length} chunk(s) on demand)`),
    `  other on-demand chunks (exceljs, file engine): ${kib(report.other.gzip)} gzip`,
  ];
}

/** Prints the report after every build; in production, fails the build when the budget is exceeded. */
class BundleBudgetPlugin {
  constructor({ enforce }) {
    this.enforce = enforce;
  }

  apply(compiler) {
    const { Compilation, WebpackError } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(PLUGIN, (compilation) => {
      compilation.hooks.processAssets.tap({ name: PLUGIN, stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        if (!compilation.entrypoints.has("taskpane")) return;
        const report = bundleReport(compilation);
        compilation.getLogger(PLUGIN).info(formatReport(report).join("\n"));
        if (this.enforce && report.initial.gzip > report.budget) {
          compilation.errors.push(
            new WebpackError(
              `The task pane's first view is ${kib(report.initial.gzip)} gzip, over its ${kib(report.budget)} budget ` +
                "(scripts/bundle-budget.cjs). Load the new code on demand (a lazy view, a dynamic import) or cut it.",
            ),
          );
        }
      });
    });
  }
}

module.exports = { BundleBudgetPlugin, bundleReport, formatReport, FIRST_VIEW_BUDGET };
