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

  // HyperFormula's column index (useColumnIndex) answers MATCH; the engine skips its removal of
  // empty old values (skipEmptyRemovals), so lookups must still see every write and overwrite.
  it("finds ids pasted into empty cells with MATCH, and no longer finds an id once it is overwritten or cleared", () => {
    const core = new EngineCore();
    core.receive({ kind: "contents", block: { sheet: "Sheet1", row: 0, col: 0, cells: [[null, null]] } });
    core.receive({ kind: "build", sheets: ["Sheet1"] });
    const ids = Array.from({ length: 2_000 }, (_, row) => [`'N${row}`]);
    core.receive({
      kind: "update",
      seq: 1,
      sheets: ["Sheet1"],
      writes: [{ sheet: "Sheet1", row: 0, col: 0, cells: ids }],
    });
    const match = (seq: number, id: string, writes: { row: number; cells: (string | null)[][] }[] = []) => {
      const answers = results(
        core.receive({
          kind: "update",
          seq,
          sheets: ["Sheet1"],
          writes: [
            ...writes.map((write) => ({ sheet: "Sheet1", row: write.row, col: 0, cells: write.cells })),
            { sheet: "Sheet1", row: 0, col: 2, cells: [[`=IFERROR(MATCH("${id}",A1:A2000,0),"none")`]] },
          ],
        }),
      );
      const values = answers.flatMap((answer) =>
        answer.cells.flatMap((part) => (part.shape === "block" && part.col === 2 ? part.values : [])),
      );
      return values[values.length - 1];
    };
    expect(match(2, "N1500")).toBe(1501);
    expect(match(3, "N1500", [{ row: 1500, cells: [["'M1500"]] }])).toBe("none");
    expect(match(4, "M1500")).toBe(1501);
    expect(match(5, "M1500", [{ row: 1500, cells: [[null]] }])).toBe("none");
    expect(match(6, "N1999")).toBe(2000);
    core.destroy();
  });

  it("rebuilds for a large update with the same results, and spilled cells stay spilled, not frozen into constants", () => {
    const core = new EngineCore();
    const start = Array.from({ length: 10 }, (_, row) => [row + 1, null, row === 0 ? "=A1:A10*2" : null]);
    core.receive({ kind: "contents", block: { sheet: "Sheet1", row: 0, col: 0, cells: start } });
    core.receive({ kind: "build", sheets: ["Sheet1"] });
    const pasted = Array.from({ length: 25_000 }, () => [1]);
    const value = (messages: FromEngine[], row: number, col: number): unknown => {
      let found: unknown;
      for (const answer of results(messages))
        for (const part of answer.cells) {
          if (part.shape === "scattered") {
            for (let i = 0; i < part.values.length; i++)
              if (part.at[2 * i] === row && part.at[2 * i + 1] === col) found = part.values[i];
          } else if (row >= part.row && col >= part.col && col < part.col + part.width) {
            const at = (row - part.row) * part.width + (col - part.col);
            if (at < part.values.length) found = part.values[at];
          }
        }
      return found;
    };
    const big = core.receive({
      kind: "update",
      seq: 1,
      sheets: ["Sheet1", "Paste"],
      writes: [
        { sheet: "Paste", row: 0, col: 0, cells: pasted },
        { sheet: "Sheet1", row: 0, col: 6, cells: [["=SUM(Paste!A1:A25000)+C10"]] },
      ],
    });
    expect(value(big, 0, 6)).toBe(25_000 + 20);
    const small = core.receive({
      kind: "update",
      seq: 2,
      sheets: ["Sheet1", "Paste"],
      writes: [{ sheet: "Sheet1", row: 9, col: 0, cells: [[100]] }],
    });
    expect(value(small, 9, 2)).toBe(200);
    expect(value(small, 0, 6)).toBe(25_000 + 200);
    core.destroy();
  });
});
