/**
 * functions.json as the build generates it from the JSDoc in src/functions/functions.ts: what Excel
 * shows in formula autocomplete and how it passes arguments.
 */
import fs from "fs";
import path from "path";
import { generateCustomFunctionsMetadata, type IFunction } from "custom-functions-metadata";

const SOURCE = path.join(__dirname, "../../src/functions/functions.ts");
const README = path.join(__dirname, "../../README.md");

/** Per function: each parameter's name and whether it is a range (matrix) and optional. */
const EXPECTED: Record<string, [name: string, range: boolean, optional: boolean][]> = {
  ROLLUP: [
    ["ids", true, false],
    ["parents", true, false],
    ["values", true, false],
    ["nodes", true, true],
    ["method", false, true],
  ],
  VARIANCE: [
    ["actual", true, false],
    ["target", true, false],
    ["mode", false, true],
  ],
  ALLOCATE: [
    ["total", false, false],
    ["weights", true, false],
    ["decimals", false, true],
  ],
  SPREAD: [
    ["total", false, false],
    ["profile", true, false],
    ["decimals", false, true],
  ],
  CASCADE: [
    ["ids", true, false],
    ["parents", true, false],
    ["targets", true, false],
    ["weights", true, false],
    ["decimals", false, true],
    ["exactBlanks", false, true],
    ["overAssignment", false, true],
  ],
  LEVEL: [
    ["ids", true, false],
    ["parents", true, false],
    ["nodes", true, true],
  ],
  PATH: [
    ["ids", true, false],
    ["parents", true, false],
    ["nodes", true, true],
    ["separator", false, true],
  ],
  CHILDREN: [
    ["ids", true, false],
    ["parents", true, false],
    ["node", false, false],
  ],
  DESCENDANTS: [
    ["ids", true, false],
    ["parents", true, false],
    ["node", false, false],
    ["leavesOnly", false, true],
  ],
  TREE: [
    ["ids", true, false],
    ["parents", true, false],
  ],
  PARENTS: [
    ["ids", true, false],
    ["levels", true, false],
  ],
};

describe("functions.json", () => {
  let functions: IFunction[];
  let associated: string[];

  beforeAll(async () => {
    const generated = await generateCustomFunctionsMetadata(SOURCE);
    expect(generated.errors).toEqual([]);
    functions = JSON.parse(generated.metadataJson).functions;
    associated = generated.associate.map((entry) => entry.functionName);
  });

  it("declares exactly the eleven functions, named relative to the BU namespace", () => {
    expect(functions.map((fn) => fn.name).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(functions.map((fn) => fn.id).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("associates each with the export of the same name", () => {
    expect(associated.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.each(Object.keys(EXPECTED))("%s", (name) => {
    const fn = (): IFunction => functions.find((candidate) => candidate.name === name) as IFunction;

    it("has a one-line description for autocomplete and a help link to its section of the help page", () => {
      expect(fn().description).toMatch(/^[A-Z].{20,120}\.$/);
      // The help page served with the add-in (the build rewrites the host for production, like the manifest).
      expect(fn().helpUrl).toBe(`https://localhost:3000/help.html#bu${name.toLowerCase()}`);
    });

    it("links to a heading of README.md that exists, by GitHub's anchor for it", () => {
      const headings = fs.readFileSync(README, "utf8").split(/\r?\n/);
      expect(headings).toContain(`### BU.${name}`);
      // GitHub's anchor for "### BU.NAME": lower case, the dot dropped.
      expect(fn().helpUrl).toMatch(new RegExp(`#bu${name.toLowerCase()}$`));
    });

    it("describes every parameter, with ranges as matrices and the right ones optional", () => {
      expect(
        fn().parameters.map((parameter) => [
          parameter.name,
          parameter.dimensionality === "matrix",
          parameter.optional === true,
        ]),
      ).toEqual(EXPECTED[name]);
      for (const parameter of fn().parameters) expect(parameter.description).toMatch(/^\S.{10,}/);
    });

    it("spills a matrix and is neither volatile nor streaming", () => {
      expect(fn().result).toEqual({ dimensionality: "matrix" });
      expect(fn().options ?? {}).toEqual({});
    });
  });
});
