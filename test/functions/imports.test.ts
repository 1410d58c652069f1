/**
 * The custom functions runtime loads its own small bundle: everything src/functions/functions.ts
 * reaches must stay free of packages (React, Fluent UI, HyperFormula) and of Office.js host calls.
 */
import fs from "fs";
import path from "path";

const SRC = path.join(__dirname, "../../src");
const ENTRY = path.join(SRC, "functions/functions.ts");

function resolve(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  const candidate = [`${base}.ts`, path.join(base, "index.ts")].find((file) => fs.existsSync(file));
  if (candidate === undefined) throw new Error(`cannot resolve ${specifier} from ${from}`);
  return candidate;
}

/** Every file the entry reaches through relative imports, and the packages any of them import. */
function reach(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    const source = fs.readFileSync(file, "utf8");
    for (const match of source.matchAll(/^(?:import|export)\s[^;]*?from\s+"([^"]+)"|^import\s+"([^"]+)"/gms)) {
      const specifier = match[1] ?? match[2];
      if (specifier.startsWith(".")) pending.push(resolve(file, specifier));
      else packages.add(specifier);
    }
  }
  return { files: [...files], packages: [...packages] };
}

it("reaches only our own pure modules: no packages, no Excel.run", () => {
  const { files, packages } = reach(ENTRY);
  expect(files).toContain(path.join(SRC, "core/cell.ts"));
  expect(packages).toEqual([]);
  for (const file of files) {
    expect(path.relative(SRC, file)).toMatch(/^(functions|core)\//);
    expect(fs.readFileSync(file, "utf8")).not.toMatch(/Excel\.run|Office\./);
  }
});
