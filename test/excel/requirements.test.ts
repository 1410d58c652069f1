/**
 * The manifest declares every Excel requirement set the code uses without a guard.
 *
 * The sets come from the code itself: every Office.js member the add-in's source touches is looked
 * up in `@types/office-js`, whose JSDoc names its set (`[Api set: ExcelApi 1.13]`). A member of a
 * set newer than the manifest's ExcelApi must sit in a function that checks
 * `Office.context.requirements.isSetSupported("ExcelApi", "<that version or later>")` (or, for
 * ExcelApiOnline / ExcelApiDesktop, which a manifest cannot require, the named set). So adding a
 * call to a newer API without declaring or guarding it fails this test. Microsoft's "Specify Office
 * applications and API requirements" page: a manifest's `<Requirements>` keeps the add-in from
 * hosts that lack a set; code checks anything newer with `isSetSupported`.
 */
import { readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");
// node_modules may be a symlink: the compiler reports real paths.
const OFFICE_TYPES = realpathSync(path.join(ROOT, "node_modules/@types/office-js/index.d.ts"));

interface Use {
  readonly where: string;
  readonly member: string;
  readonly set: string;
  readonly version: string;
  readonly guarded: boolean;
}

function versionAtLeast(version: string, minimum: string): boolean {
  const [a, b] = version.split(".").map(Number);
  const [c, d] = minimum.split(".").map(Number);
  return a > c || (a === c && b >= d);
}

/** The `isSetSupported(name, version)` checks in the functions around `node`. */
function guardsAround(node: ts.Node): { set: string; version: string }[] {
  const guards: { set: string; version: string }[] = [];
  for (let scope: ts.Node | undefined = node.parent; scope !== undefined; scope = scope.parent) {
    if (!ts.isFunctionLike(scope)) continue;
    const visit = (inner: ts.Node): void => {
      if (
        ts.isCallExpression(inner) &&
        ts.isPropertyAccessExpression(inner.expression) &&
        inner.expression.name.text === "isSetSupported" &&
        inner.arguments.length >= 1 &&
        ts.isStringLiteral(inner.arguments[0])
      ) {
        const version = inner.arguments[1];
        guards.push({
          set: inner.arguments[0].text,
          version: version !== undefined && ts.isStringLiteral(version) ? version.text : "1.1",
        });
      }
      ts.forEachChild(inner, visit);
    };
    visit(scope);
  }
  return guards;
}

/** Every use of a member of Office.js's Excel API in the add-in's source, with its requirement set. */
function excelApiUses(): Use[] {
  const config = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const sources = parsed.fileNames.filter((file) => file.includes(`${path.sep}src${path.sep}`));
  const program = ts.createProgram(sources, { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const officeText = readFileSync(OFFICE_TYPES, "utf8");
  const uses: Use[] = [];
  for (const file of program.getSourceFiles()) {
    if (!sources.includes(path.resolve(file.fileName))) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        for (const declaration of symbol?.declarations ?? []) {
          if (realpathSync(declaration.getSourceFile().fileName) !== OFFICE_TYPES) continue;
          const comment = officeText.slice(declaration.getFullStart(), declaration.getStart());
          const found = /\[Api set: (Excel\w*) ([\d.]+)/.exec(comment);
          if (found === null) continue;
          const [, set, version] = found;
          const guarded = guardsAround(node).some(
            (guard) => guard.set === set && versionAtLeast(guard.version, version),
          );
          const { line } = file.getLineAndCharacterOfPosition(node.getStart());
          uses.push({
            where: `${path.relative(ROOT, file.fileName)}:${line + 1}`,
            member: node.getText(file).replace(/\s+/g, ""),
            set,
            version,
            guarded,
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return uses;
}

function declaredSets(): Map<string, string> {
  const manifest = readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
  const requirements = /<Requirements>([\s\S]*?)<\/Requirements>/.exec(manifest)?.[1] ?? "";
  const sets = new Map<string, string>();
  for (const [, name, version] of requirements.matchAll(/<Set Name="(\w+)" MinVersion="([\d.]+)"\/>/g))
    sets.set(name, version);
  return sets;
}

describe("requirement sets", () => {
  const uses = excelApiUses();
  const declared = declaredSets();

  it("finds the Excel API calls the add-in makes, with their sets from @types/office-js", () => {
    const find = (member: RegExp): Use | undefined => uses.find((use) => member.test(use.member));
    expect(find(/\.resize$/)).toMatchObject({ set: "ExcelApi", version: "1.13" });
    expect(find(/onSelectionChanged$/)).toMatchObject({ set: "ExcelApi", version: "1.9" });
    expect(find(/suspendApiCalculationUntilNextSync$/)).toMatchObject({ set: "ExcelApi", version: "1.6" });
    expect(find(/getRowsBelow$/)).toMatchObject({ set: "ExcelApi", version: "1.2" });
  }, 120_000);

  it("the manifest declares ExcelApi at least as new as every unguarded call needs", () => {
    const excelApi = declared.get("ExcelApi") ?? "1.1";
    const missing = uses.filter(
      (use) => !use.guarded && (use.set !== "ExcelApi" || !versionAtLeast(excelApi, use.version)),
    );
    expect(missing.map((use) => `${use.where} ${use.member} needs ${use.set} ${use.version}`)).toEqual([]);
  });

  it("declares the ExcelApi version the code needs, not more: the newest unguarded call sets it", () => {
    const needed = uses
      .filter((use) => !use.guarded && use.set === "ExcelApi")
      .map((use) => use.version)
      .reduce((max, version) => (versionAtLeast(version, max) ? version : max), "1.1");
    expect(declared.get("ExcelApi")).toBe(needed);
    expect(declared.get("CustomFunctionsRuntime")).toBe("1.3");
  });
});
