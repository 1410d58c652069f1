import { registerBuFunctions } from "../../src/hyperformula/buPlugin";
import { EngineCore, RESULT_SLICE } from "../../workbench/engineCore";
import type { FromEngine } from "../../workbench/engineProtocol";

const ROWS = 30_000;

function results(messages: readonly FromEngine[]): Extract<FromEngine, { kind: "results" }>[] {
  return messages.flatMap((message) => (message.kind === "results" ? [message] : []));
}

describe("EngineCore", () => {
  beforeAll(() => registerBuFunctions());

  it("answers a large build in slices the page can store one task each, the last marked done", () => {
    const core = new EngineCore();
    const cells = Array.from({ length: ROWS }, (_, row) => [row + 1, row === 0 ? `=A1:A${ROWS}*2` : null]);
    core.receive({ kind: "contents", block: { sheet: "Sheet1", row: 0, col: 0, cells } });
    const answers = results(core.receive({ kind: "build", sheets: ["Sheet1"] }));
    expect(answers.length).toBeGreaterThan(1);
    expect(answers.map((answer) => answer.done)).toEqual(answers.map((_, i) => i === answers.length - 1));
    for (const answer of answers)
      expect(answer.cells.reduce((sum, part) => sum + part.values.length, 0)).toBeLessThanOrEqual(RESULT_SLICE);
    const spilled = answers.flatMap((answer) => answer.cells.flatMap((part) => (part.shape === "block" ? [part] : [])));
    const last = spilled[spilled.length - 1];
    expect(last.values[last.values.length - 1]).toBe(ROWS * 2);
    core.destroy();
  });

  it("reports only what formulas computed: a sheet of constants sends nothing back", () => {
    const core = new EngineCore();
    core.receive({ kind: "contents", block: { sheet: "Data", row: 0, col: 0, cells: [[1, "'a"]] } });
    const [answer] = results(core.receive({ kind: "build", sheets: ["Data"] }));
    expect(answer).toEqual({ kind: "results", seq: 0, done: true, cells: [] });
    core.destroy();
  });

  it("applies an update as one batch and answers with its results, errors with their messages", () => {
    const core = new EngineCore();
    core.receive({ kind: "contents", block: { sheet: "Sheet1", row: 0, col: 0, cells: [["'A", null, 1]] } });
    core.receive({ kind: "build", sheets: ["Sheet1"] });
    const answers = results(
      core.receive({
        kind: "update",
        seq: 3,
        sheets: ["Sheet1"],
        writes: [
          { sheet: "Sheet1", row: 1, col: 0, cells: [["'B", "'X", 2]] },
          { sheet: "Sheet1", row: 0, col: 4, cells: [["=BU.ROLLUP(A1:A2,B1:B2,C1:C2)"]] },
        ],
      }),
    );
    expect(answers.map((answer) => [answer.seq, answer.done])).toEqual([[3, true]]);
    const values = answers[0].cells.flatMap((part) => part.values);
    expect(values).toContainEqual({ error: "#VALUE!", message: 'Parent "X" of "B" (row 2) is not in ids' });
    core.destroy();
  });
});
