/**
 * Whatever a workbook (or a caller that is not Excel) hands the BU.* functions, each call answers
 * with a grid Excel can spill or with a CustomFunctions.Error, never another exception.
 */
import fc from "fast-check";
import * as functions from "../../src/functions/functions";
import { TestCustomFunctionsError } from "../support/customFunctionsGlobal";

/** The codes Excel accepts from a custom function as a result (#REF!, #NAME? and #NULL! are input-only). */
const OUTPUT_CODES = ["#VALUE!", "#N/A", "#DIV/0!", "#NUM!"];
const ALL_CODES = [...OUTPUT_CODES, "#REF!", "#NAME?", "#NULL!"];

/** An error cell in both shapes Excel passes one: a CustomFunctions.Error by code, or an error cell value. */
const excelError = fc.oneof(
  fc.constantFrom(...ALL_CODES).map((code) => new CustomFunctions.Error(code as CustomFunctions.ErrorCode)),
  fc
    .tuple(
      fc.constantFrom(...ALL_CODES),
      fc.constantFrom("NotAvailable", "Div0", "Num", "Value", "Ref", "Spill", "Calc"),
    )
    .map(([basicValue, errorType]) => ({ type: "Error", errorType, basicValue })),
);

/** Data-type cells as Excel passes them (the generator sets allowCustomDataForDataTypeAny). */
const dataTypeCell = fc.oneof(
  fc
    .string({ maxLength: 4 })
    .map((text) => ({ type: "LinkedEntity", text, basicType: "Error", basicValue: "#VALUE!" })),
  fc.double().map((basicValue) => ({ type: "FormattedNumber", basicValue, numberFormat: "0.0" })),
  fc.constant({ type: "WebImage", address: "https://example.com/a.png", basicValue: "#VALUE!" }),
  fc.constant({ type: "Empty", basicValue: "" }),
);

/** Ids drawn from a few names so that parents find them, duplicates and cycles happen. */
const id = fc.constantFrom<unknown>("A", "b", " B ", "C", "d", 1, "1", 2.5, true, "", null);

const cell: fc.Arbitrary<unknown> = fc.oneof(
  id,
  fc.double(),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom<unknown>(
    1e308,
    -1e308,
    -0,
    NaN,
    Infinity,
    -Infinity,
    5e-324,
    undefined,
    false,
    "x",
    "sum",
    "pct",
    "2",
  ),
  fc.string({ maxLength: 8 }),
  fc.object({ maxDepth: 1 }),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  excelError,
  dataTypeCell,
);

/** A rectangle of cells, including 0x0, 0 columns and single cells. */
function rectangle(cells: fc.Arbitrary<unknown>, maxHeight = 7): fc.Arbitrary<unknown[][]> {
  return fc.tuple(fc.integer({ min: 0, max: maxHeight }), fc.integer({ min: 0, max: 3 })).chain(([height, width]) =>
    fc.array(fc.array(cells, { minLength: width, maxLength: width }), {
      minLength: height,
      maxLength: height,
    }),
  );
}

/** Anything an argument can be: ranges of any shape, ragged or flat arrays, scalars, omitted. */
const argument: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: rectangle(cell) },
  { weight: 3, arbitrary: rectangle(id) },
  { weight: 1, arbitrary: fc.array(fc.array(cell, { maxLength: 3 }), { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.array(cell, { maxLength: 5 }) },
  { weight: 2, arbitrary: cell },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, []) },
);

/**
 * ids, parents, values and levels of one height, so calls get past the shape checks. Parents mostly
 * point to an earlier row (a valid forest), sometimes to any row (cycles) or a blank (roots);
 * names repeat now and then (duplicates) and include numbers, booleans and spaced text.
 */
const sheet = fc.integer({ min: 1, max: 8 }).chain((height) =>
  fc
    .record({
      names: fc.array(fc.oneof(id, fc.string({ minLength: 1, maxLength: 3 })), {
        minLength: height,
        maxLength: height,
      }),
      parentPicks: fc.array(fc.option(fc.nat(), { nil: null, freq: 4 }), {
        minLength: height,
        maxLength: height,
      }),
      forward: fc.boolean(),
      values: fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), {
        minLength: height,
        maxLength: height,
      }),
      levels: fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 4 }), cell)), {
        minLength: height,
        maxLength: height,
      }),
    })
    .map(({ names, parentPicks, forward, values, levels }) => ({
      ids: names.map((name) => [name]),
      parents: parentPicks.map((pick, row) => {
        if (pick === null) return [null];
        const range = forward ? height : Math.max(row, 1);
        return [names[pick % range]];
      }),
      values,
      levels,
    })),
);

/** A result Excel can take: a non-empty rectangle of finite numbers, text and output errors. */
function expectSpillable(result: unknown): void {
  expect(Array.isArray(result)).toBe(true);
  const rows = result as unknown[];
  expect(rows.length).toBeGreaterThan(0);
  const width = (rows[0] as unknown[]).length;
  expect(width).toBeGreaterThan(0);
  for (const row of rows) {
    expect(Array.isArray(row) && row.length === width).toBe(true);
    for (const value of row as unknown[]) {
      if (value instanceof TestCustomFunctionsError) expect(OUTPUT_CODES).toContain(value.code);
      else if (typeof value === "number") expect(Number.isFinite(value)).toBe(true);
      else expect(typeof value).toBe("string");
    }
  }
}

function expectAnswer(call: () => unknown): void {
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    expect(error).toBeInstanceOf(TestCustomFunctionsError);
    expect(OUTPUT_CODES).toContain((error as TestCustomFunctionsError).code);
    return;
  }
  expectSpillable(result);
}

type Call = (...args: unknown[]) => unknown;
const ARITY: [name: keyof typeof functions, count: number][] = [
  ["ROLLUP", 5],
  ["VARIANCE", 3],
  ["ALLOCATE", 3],
  ["SPREAD", 3],
  ["CASCADE", 5],
  ["LEVEL", 3],
  ["PATH", 4],
  ["CHILDREN", 3],
  ["DESCENDANTS", 4],
  ["TREE", 2],
  ["PARENTS", 2],
];

const RUNS = { numRuns: 300 };

describe.each(ARITY)("%s", (name, count) => {
  const call = functions[name] as Call;

  it("answers any arguments with a spillable grid or a CustomFunctions.Error", () => {
    fc.assert(
      fc.property(fc.array(argument, { minLength: count, maxLength: count }), (args) =>
        expectAnswer(() => call(...args)),
      ),
      RUNS,
    );
  });

  it("answers a plausible sheet with odd optional arguments the same way", () => {
    fc.assert(
      fc.property(sheet, fc.array(argument, { minLength: count, maxLength: count }), (data, extra) => {
        const args = [data.ids, data.parents, data.values, ...extra].slice(0, count);
        if (name === "PARENTS") args[1] = data.levels;
        if (name === "CHILDREN" || name === "DESCENDANTS") args[2] = extra[2] ?? data.ids[0][0];
        expectAnswer(() => call(...args));
      }),
      RUNS,
    );
  });
});

it("answers the documented extremes: 0x0, 1x1, ragged, scalars for ranges", () => {
  const extremes: unknown[] = [[], [[]], [[1]], [[1, 2], [3]], 5, "A", null, undefined, NaN, [[1e308, -1e308]]];
  for (const [name, count] of ARITY) {
    const call = functions[name] as Call;
    for (const extreme of extremes) expectAnswer(() => call(...new Array<unknown>(count).fill(extreme)));
  }
});
