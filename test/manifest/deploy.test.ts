// What a deploy ships besides the manifest: content-hashed scripts, functions.json and the help page
// at the production location, and the first-view budget. Runs the real plugins in small webpack builds.
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import webpack from "webpack";

const ROOT = path.resolve(__dirname, "../..");
// The first webpack run loads webpack itself: seconds on a busy machine.
jest.setTimeout(60_000);

interface WebpackConfigModule {
  chunkFileName(pathData: webpack.PathData): string;
  HelpPagePlugin: new (options: { prodUrl: string }) => webpack.WebpackPluginInstance;
}
// CommonJS build scripts, outside the TypeScript program.
const config = require("../../webpack.config.js") as WebpackConfigModule;
const { renderHelpPage, helpAnchor } = require("../../scripts/help-page.cjs") as {
  renderHelpPage(template: string, functionsJson: string): string;
  helpAnchor(fn: { id?: string; name: string; helpUrl?: string }): string;
};
const { BundleBudgetPlugin } = require("../../scripts/bundle-budget.cjs") as {
  BundleBudgetPlugin: new (options: { enforce: boolean }) => webpack.WebpackPluginInstance;
};

/** Runs webpack over `files` (name -> source) with `plugins`; resolves with the compilation. */
function build(files: Record<string, string>, entry: Record<string, string>, plugins: webpack.WebpackPluginInstance[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "groundup-deploy-"));
  for (const [name, source] of Object.entries(files)) writeFileSync(path.join(dir, name), source);
  return new Promise<{ compilation: webpack.Compilation; dir: string }>((resolve, reject) => {
    webpack(
      {
        mode: "production",
        context: dir,
        entry: Object.fromEntries(Object.entries(entry).map(([name, file]) => [name, `./${file}`])),
        output: {
          path: path.join(dir, "dist"),
          filename: config.chunkFileName,
          chunkFilename: "[name].[contenthash:10].js",
        },
        optimization: { minimize: false },
        performance: false,
        plugins,
      },
      (error, stats) => (error || !stats ? reject(error) : resolve({ compilation: stats.compilation, dir })),
    );
  });
}

describe("script file names", () => {
  test("functions.js keeps the name the manifest points at; every other script is named by its content", () => {
    expect(config.chunkFileName({ chunk: { name: "functions" } } as webpack.PathData)).toBe("[name].js");
    expect(config.chunkFileName({ chunk: { name: "taskpane" } } as webpack.PathData)).toMatch(/\[contenthash(:\d+)?\]/);
  });

  test("a changed task pane gets a new script URL, so a cached taskpane.html never mixes old and new", async () => {
    const names = async (source: string): Promise<string[]> => {
      const { compilation } = await build({ "pane.js": source }, { taskpane: "pane.js" }, []);
      return Object.keys(compilation.assets).filter((file) => file.endsWith(".js"));
    };
    const before = await names('console.log("one");');
    const after = await names('console.log("two");');

    expect(before).toHaveLength(1);
    expect(before[0]).toMatch(/^taskpane\.[0-9a-f]{10}\.js$/);
    expect(after[0]).not.toBe(before[0]);
  });
});

describe("help page and functions.json", () => {
  const metadata = JSON.stringify({
    functions: [
      {
        id: "ROLLUP",
        name: "ROLLUP",
        description: "Rolls values up <a hierarchy>.",
        helpUrl: "https://localhost:3000/help.html#burollup",
        parameters: [{ name: "ids", description: "Ids.", type: "any", dimensionality: "matrix" }],
        result: { dimensionality: "matrix" },
      },
      {
        id: "LEVEL",
        name: "LEVEL",
        description: "Depth.",
        helpUrl: "https://localhost:3000/help.html#level-of-a-node",
        parameters: [],
      },
    ],
  });

  /** A build whose only asset besides the script is functions.json, as the metadata plugin emits it. */
  async function buildWithMetadata(prodUrl: string): Promise<{ json: string; help: string }> {
    const emitMetadata: webpack.WebpackPluginInstance = {
      apply(compiler) {
        compiler.hooks.thisCompilation.tap("metadata", (compilation) => {
          compilation.emitAsset("functions.json", new compiler.webpack.sources.RawSource(metadata));
        });
      },
    };
    const { dir } = await build({ "f.js": "export const x = 1;" }, { functions: "f.js" }, [
      emitMetadata,
      new config.HelpPagePlugin({ prodUrl }),
    ]);
    return {
      json: readFileSync(path.join(dir, "dist/functions.json"), "utf8"),
      help: readFileSync(path.join(dir, "dist/help.html"), "utf8"),
    };
  }

  test("a production build points every function's help link at the help page on the production host", async () => {
    const { json, help } = await buildWithMetadata("https://addin.example.com/gu/");
    const urls = (JSON.parse(json) as { functions: { helpUrl: string }[] }).functions.map((fn) => fn.helpUrl);

    expect(urls).toEqual([
      "https://addin.example.com/gu/help.html#burollup",
      "https://addin.example.com/gu/help.html#level-of-a-node",
    ]);
    expect(json).not.toMatch(/localhost/);
    expect(help).toContain('<section id="burollup">');
    expect(help).toContain('<section id="level-of-a-node">');
  });

  test("the help page shows text from functions.json as text", async () => {
    const { help } = await buildWithMetadata("https://localhost:3000/");

    expect(help).toContain("Rolls values up &lt;a hierarchy&gt;.");
    expect(help).toContain("=BU.ROLLUP(ids)");
    expect(help).not.toContain("<a hierarchy>");
  });

  test("every BU function that ships has a section its help link lands on", async () => {
    const { generateCustomFunctionsMetadata } = require("custom-functions-metadata") as {
      generateCustomFunctionsMetadata(
        input: string[],
        wantConsoleLog: boolean,
      ): Promise<{ metadataJson: string; errors: string[] }>;
    };
    const generated = await generateCustomFunctionsMetadata([path.join(ROOT, "src/functions/functions.ts")], false);
    const functions = (
      JSON.parse(generated.metadataJson) as { functions: { id: string; name: string; helpUrl?: string }[] }
    ).functions;
    const page = renderHelpPage(readFileSync(path.join(ROOT, "src/help/help.html"), "utf8"), generated.metadataJson);

    expect(functions.length).toBeGreaterThan(5);
    for (const fn of functions) {
      expect(page).toContain(`<section id="${helpAnchor(fn)}">`);
      expect(page).toContain(`<code>BU.${fn.name}</code>`);
    }
  }, 60_000);
});

describe("first-view budget", () => {
  // Random base64 hardly compresses: ~230 KiB gzip, over the 170 KiB budget.
  const heavy = `export const blob = ${JSON.stringify(
    require("crypto")
      .randomBytes(230 * 1024)
      .toString("base64"),
  )};`;

  async function errorsOf(pane: string, enforce: boolean): Promise<string[]> {
    const { compilation } = await build({ "pane.js": pane, "heavy.js": heavy }, { taskpane: "pane.js" }, [
      new BundleBudgetPlugin({ enforce }),
    ]);
    return compilation.errors.map((error) => error.message);
  }

  test("a production build fails when what the pane loads before its first paint exceeds 170 KiB gzip", async () => {
    const errors = await errorsOf('import { blob } from "./heavy.js"; console.log(blob.length);', true);

    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/first view is \d+\.\d KiB gzip, over its 170\.0 KiB budget/);
  });

  test("the same code in a view loaded on demand passes", async () => {
    const lazy = 'import(/* webpackChunkName: "view-setup" */ "./heavy.js").then((m) => console.log(m.blob.length));';

    expect(await errorsOf(lazy, true)).toEqual([]);
  });

  test("a development build only reports the size", async () => {
    expect(await errorsOf('import { blob } from "./heavy.js"; console.log(blob.length);', false)).toEqual([]);
  });
});
