// Checks that the add-in's build (dist/, or the directory given) holds no HyperFormula code: the
// formula engine is GPL-3.0 (or commercial) and belongs to the workbench only, which builds to
// dist-workbench/. Run after `npm run build` (`npm run check:dist`); exits non-zero, naming each
// file and what was found, if any built file carries it. For CI.
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";

/**
 * Strings only HyperFormula's code, its licence key or a source map of it carry (our own comments
 * may name HyperFormula, so the name alone is no sign). Each one is in a workbench build.
 */
const MARKERS = ["node_modules/hyperformula", "licenseKeyValidityState", "DependencyGraph", "gpl-v3", "handsontable"];
const TEXT_FILES = /\.(js|mjs|cjs|map|html|json|txt|css|xml)$/i;

async function files(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await files(full)));
    else if (TEXT_FILES.test(entry.name)) found.push(full);
  }
  return found;
}

async function main() {
  const dir = path.resolve(process.argv[2] ?? "dist");
  const info = await stat(dir).catch(() => null);
  if (info === null || !info.isDirectory()) {
    process.stdout.write(`${dir} does not exist: run "npm run build" first.\n`);
    return 1;
  }
  const problems = [];
  const checked = await files(dir);
  for (const file of checked) {
    const text = await readFile(file, "utf8");
    for (const marker of MARKERS)
      if (text.includes(marker)) problems.push(`${path.relative(process.cwd(), file)}: contains "${marker}"`);
  }
  if (problems.length > 0) {
    process.stdout.write(
      `The add-in's build must not ship the GPL formula engine (HyperFormula belongs to the workbench only):\n` +
        problems.map((problem) => `  ${problem}`).join("\n") +
        "\n",
    );
    return 1;
  }
  process.stdout.write(
    `${checked.length} files in ${path.relative(process.cwd(), dir) || "."}: no HyperFormula code.\n`,
  );
  return 0;
}

process.exitCode = await main();
