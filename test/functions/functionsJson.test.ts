/**
 * The functions.json the build ships: the generator's metadata plus `allowErrorForDataTypeAny`, which
 * the generator cannot emit and without which Excel never passes an error cell inside a range to a
 * function (Microsoft, "Handle and return errors from your custom function": Errors as custom
 * function inputs; "Manually create JSON metadata for custom functions": a top-level property).
 */
import fs from "fs";
import os from "os";
import path from "path";
import webpack from "webpack";
import * as functions from "../../src/functions/functions";
import { installCustomFunctionsGlobal, TestCustomFunctionsError } from "../support/customFunctionsGlobal";
import { callAsExcel } from "./support/excelHost";

// The build's own plugins, as webpack.config.js uses them (CommonJS, like the config).

const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const FunctionsJsonPlugin = require("../../scripts/functionsJsonPlugin");

const ROOT = path.join(__dirname, "../..");

const { ROLLUP } = functions as unknown as Record<keyof typeof functions, (...args: unknown[]) => unknown>;

/** Builds functions.js and functions.json as the add-in's build does, into a temporary folder. */
async function build(): Promise<{ json: Record<string, unknown>; errors: string[] }> {
  const output = fs.mkdtempSync(path.join(os.tmpdir(), "groundup-functions-"));
  const compiler = webpack({
    mode: "development",
    context: ROOT,
    devtool: false,
    entry: { functions: "./src/functions/functions.ts" },
    output: { path: output, filename: "[name].js" },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        { test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true } } },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        input: path.join(ROOT, "src/functions/functions.ts"),
        output: "functions.json",
      }),
      new FunctionsJsonPlugin({ output: "functions.json" }),
    ],
  });
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    compiler.run((error, result) => (error || !result ? reject(error) : resolve(result))),
  );
  await new Promise((resolve) => compiler.close(resolve));
  const errors = stats.compilation.errors.map((error) => error.message);
  const json = JSON.parse(fs.readFileSync(path.join(output, "functions.json"), "utf8"));
  fs.rmSync(output, { recursive: true, force: true });
  return { json, errors };
}

describe("functions.json as built", () => {
  let built: { json: Record<string, unknown>; errors: string[] };

  beforeAll(async () => {
    built = await build();
  }, 120_000);

  it("builds without errors", () => {
    expect(built.errors).toEqual([]);
  });

  it("lets error cells inside ranges reach the functions", () => {
    expect(built.json.allowErrorForDataTypeAny).toBe(true);
  });

  it("so one #N/A in a values column errors only the cells it rolls into; without the flag Excel errors the whole call", () => {
    installCustomFunctionsGlobal();
    const ids = [["Co"], ["A"], ["B"]];
    const parents = [[""], ["Co"], ["Co"]];
    const values = [
      [1, 1],
      [new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable), 2],
      [3, 3],
    ];
    const rollup = (...args: unknown[]): unknown =>
      (ROLLUP(...args) as unknown[][]).map((row) =>
        row.map((cell) => (cell instanceof TestCustomFunctionsError ? cell.code : cell)),
      );
    const metadata = built.json as unknown as Parameters<typeof callAsExcel>[0];
    expect(callAsExcel(metadata, "ROLLUP", rollup, [ids, parents, values])).toEqual([
      ["#N/A", 6],
      ["#N/A", 2],
      [3, 3],
    ]);
    expect(
      callAsExcel({ ...metadata, allowErrorForDataTypeAny: false }, "ROLLUP", rollup, [ids, parents, values]),
    ).toBe("#VALUE!");
  });

  it("keeps what the generator wrote: data types allowed, all eleven functions with their parameters", () => {
    expect(built.json.allowCustomDataForDataTypeAny).toBe(true);
    const fns = built.json.functions as { id: string; parameters: { type: string; dimensionality?: string }[] }[];
    expect(fns.map((fn) => fn.id).sort()).toEqual(
      [
        "ALLOCATE",
        "CASCADE",
        "CHILDREN",
        "DESCENDANTS",
        "LEVEL",
        "PARENTS",
        "PATH",
        "ROLLUP",
        "SPREAD",
        "TREE",
        "VARIANCE",
      ].sort(),
    );
    // allowErrorForDataTypeAny applies to parameters of type any: every range the functions read.
    for (const fn of fns) {
      for (const parameter of fn.parameters) {
        if (parameter.dimensionality === "matrix") expect(parameter.type).toBe("any");
      }
    }
  });
});

describe("allowErrorInputs", () => {
  it("refuses metadata without functions rather than shipping it", () => {
    expect(() => FunctionsJsonPlugin.allowErrorInputs("{}")).toThrow("functions.json has no functions array");
  });
});
