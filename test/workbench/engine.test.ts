import { SHEETS, TABLES } from "../../src/core/plan/layout";
import type { PlanNode } from "../../src/core/plan/types";
import { MemoryPlanWorkbook } from "../../src/workbook/memory/MemoryPlanWorkbook";
import { MemoryWorkbook } from "../../src/workbook/memory/MemoryWorkbook";
import { FormulaEngine, engineContent } from "../../workbench/engine";
import type { EngineChannel } from "../../workbench/engineProtocol";
import { SETTINGS } from "../support/plan";
import { inProcessChannel, type InProcessChannel } from "./support/inProcessEngine";

function node(id: string, parent: string): PlanNode {
  return { id, parent, name: id, owner: "", attributes: {} };
}

const NODES = [node("CO", ""), node("EMEA", "CO"), node("UK", "EMEA"), node("DE", "EMEA")];

/** Report rows (0-based) of the nodes, in tree order, and the columns of Q1's measures. */
const ROW = { CO: 3, EMEA: 4, UK: 5, DE: 6 } as const;
const Q1 = { bottomUp: 5, topDown: 6, variance: 7, pct: 8 } as const;
/** Body rows (0-based) of the per-node tables, and Q1's column in inputs and targets. */
const TABLE_ROW = { CO: 1, EMEA: 2, UK: 3, DE: 4 } as const;
const Q1_COLUMN = 1;

describe("FormulaEngine", () => {
  let book: MemoryPlanWorkbook;
  let workbook: MemoryWorkbook;
  let engine: FormulaEngine;
  let channel: InProcessChannel;

  const report = (row: number, col: number): unknown => workbook.value(SHEETS.report, row, col);
  const type = async (sheet: string, row: number, col: number, text: string): Promise<void> => {
    workbook.enter(sheet, row, col, text);
    await engine.settled();
  };

  beforeEach(async () => {
    book = new MemoryPlanWorkbook();
    workbook = book.workbook;
    await book.writePlan({ settings: SETTINGS, nodes: NODES });
    workbook.enter(SHEETS.inputs, TABLE_ROW.UK, Q1_COLUMN, "120");
    workbook.enter(SHEETS.inputs, TABLE_ROW.DE, Q1_COLUMN, "80");
    workbook.enter(SHEETS.targets, TABLE_ROW.CO, Q1_COLUMN, "250");
    engine = new FormulaEngine(workbook, () => {
      channel = inProcessChannel();
      return channel;
    });
  });

  afterEach(() => engine.dispose());

  it("keeps the report's spilled rows when the plan is set up again over the same nodes", async () => {
    await engine.start();
    const plan = await book.readPlan();
    if (plan === null) throw new Error("no plan");
    // Setting up again clears the report sheet, spilled results too, and writes the same formulas:
    // HyperFormula sees nothing change, so the engine must send the cleared results back.
    await book.writePlan({ settings: plan.settings, nodes: plan.nodes });
    await engine.settled();
    expect([ROW.CO, ROW.EMEA, ROW.UK, ROW.DE].map((row) => report(row, 0))).toEqual(["CO", "EMEA", "UK", "DE"]);
    expect([ROW.CO, ROW.EMEA, ROW.UK, ROW.DE].map((row) => report(row, Q1.bottomUp))).toEqual([200, 200, 120, 80]);
  });

  it("computes nothing until started, then every formula of the report", async () => {
    expect(report(ROW.CO, Q1.bottomUp)).toBeNull();
    expect(engine.state).toEqual({ kind: "waiting" });
    await engine.start();
    expect(engine.state).toEqual({ kind: "ready" });
    expect(report(ROW.CO, 0)).toBe("CO");
    expect(report(ROW.UK, 1)).toBe("      UK");
    expect([ROW.CO, ROW.EMEA, ROW.UK, ROW.DE].map((row) => report(row, Q1.bottomUp))).toEqual([200, 200, 120, 80]);
    expect([ROW.CO, ROW.EMEA, ROW.UK, ROW.DE].map((row) => report(row, Q1.topDown))).toEqual([250, 250, 150, 100]);
    expect(report(ROW.CO, Q1.variance)).toBe(-50);
    expect(report(ROW.CO, Q1.pct)).toBeCloseTo(-0.2);
  });

  it("recalculates the rollup, cascade and variance when an input is edited", async () => {
    await engine.start();
    await type(SHEETS.inputs, TABLE_ROW.UK, Q1_COLUMN, "170");
    expect(report(ROW.CO, Q1.bottomUp)).toBe(250);
    expect(report(ROW.UK, Q1.bottomUp)).toBe(170);
    expect(report(ROW.CO, Q1.variance)).toBe(0);
    expect(report(ROW.UK, Q1.topDown)).toBe(170);
  });

  it("recalculates when the task pane saves through the plan workbook", async () => {
    await engine.start();
    const plan = await book.readPlan();
    const read = plan?.entries.get("DE");
    if (read === undefined) throw new Error("no entry for DE");
    await book.saveEntries([{ expected: read, next: { ...read, values: [30, null], status: "Submitted" } }], []);
    await engine.settled();
    expect(report(ROW.DE, 3)).toBe("Submitted");
    expect(report(ROW.EMEA, Q1.bottomUp)).toBe(150);
  });

  it("evaluates formulas typed into any sheet, with the error's message for a broken hierarchy", async () => {
    await engine.start();
    workbook.write({ sheet: "Sheet1", row: 0, col: 0, rowCount: 3, colCount: 3 }, [
      ["A", "", 1],
      ["B", "A", 2],
      ["C", "X", 3],
    ]);
    await type("Sheet1", 0, 4, "=BU.ROLLUP(A1:A3,B1:B3,C1:C3)");
    expect(workbook.value("Sheet1", 0, 4)).toBe("#VALUE!");
    expect(engine.errorMessage("Sheet1", 0, 4)).toBe('Parent "X" of "C" (row 3) is not in ids');
    await type("Sheet1", 2, 1, "A");
    expect([0, 1, 2].map((row) => workbook.value("Sheet1", row, 4))).toEqual([6, 2, 3]);
    expect(engine.errorMessage("Sheet1", 0, 4)).toBeUndefined();
  });

  it("spills again once a value in the way is deleted", async () => {
    await engine.start();
    workbook.write({ sheet: "Sheet1", row: 0, col: 0, rowCount: 2, colCount: 1 }, [["1"], ["2"]]);
    await type("Sheet1", 0, 2, "=A1:A2*10");
    await type("Sheet1", 1, 2, "5");
    expect(workbook.value("Sheet1", 0, 2)).toBe("#SPILL!");
    workbook.clear({ sheet: "Sheet1", row: 1, col: 2, rowCount: 1, colCount: 1 });
    await engine.settled();
    expect([workbook.value("Sheet1", 0, 2), workbook.value("Sheet1", 1, 2)]).toEqual([10, 20]);
  });

  it("keeps up when the plan is set up again over itself: the report is rebuilt with its results", async () => {
    await engine.start();
    await book.writePlan({ settings: SETTINGS, nodes: [...NODES, node("FR", "EMEA")] });
    await engine.settled();
    expect(report(ROW.DE + 1, 0)).toBe("FR");
    expect(report(ROW.CO, Q1.bottomUp)).toBe(200);
    // FR has nothing entered yet: it gets an even share of EMEA's target, as the pane's guidance.
    expect(report(ROW.DE + 1, Q1.topDown)).toBe(83);
    expect(workbook.table(TABLES.hierarchy)?.range.rowCount).toBe(6);
  });

  it("sends the changes of one task as one update, and changes made while the engine works as the next", async () => {
    // The engine holds each update until the test lets it go, as a busy worker would.
    let letGo: () => void = () => undefined;
    const gated = new FormulaEngine(workbook, () => {
      const inner = inProcessChannel();
      channel = inner;
      return {
        ...inner,
        post: (message) => {
          if (message.kind !== "update") inner.post(message);
          else void new Promise<void>((resolve) => (letGo = resolve)).then(() => inner.post(message));
        },
      };
    });
    await gated.start();
    const updates = (): number => channel.sent.filter((message) => message.kind === "update").length;
    const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
    workbook.enter(SHEETS.inputs, TABLE_ROW.UK, Q1_COLUMN, "10");
    workbook.enter(SHEETS.inputs, TABLE_ROW.DE, Q1_COLUMN, "20");
    workbook.enter(SHEETS.targets, TABLE_ROW.CO, Q1_COLUMN, "100");
    expect(gated.state).toEqual({ kind: "calculating" });
    await nextTask();
    workbook.enter(SHEETS.inputs, TABLE_ROW.UK, Q1_COLUMN, "11");
    await nextTask();
    workbook.enter(SHEETS.inputs, TABLE_ROW.DE, Q1_COLUMN, "21");
    await nextTask();
    workbook.enter(SHEETS.targets, TABLE_ROW.CO, Q1_COLUMN, "64");
    await nextTask();
    for (let round = 0; round < 10 && gated.state.kind !== "ready"; round++) {
      letGo();
      await nextTask();
      await nextTask();
    }
    await gated.settled();
    expect(updates()).toBe(2);
    expect(gated.state).toEqual({ kind: "ready" });
    expect(report(ROW.CO, Q1.bottomUp)).toBe(32);
    expect(report(ROW.CO, Q1.variance)).toBe(-32);
    gated.dispose();
  });

  it("gives the engine the workbook and large updates in slices, applied together", async () => {
    const sliced = new FormulaEngine(
      workbook,
      () => {
        channel = inProcessChannel();
        return channel;
      },
      { contentSlice: 40 },
    );
    await sliced.start();
    const cellsOf = (block: { cells: readonly (readonly unknown[])[] }): number =>
      block.cells.length * (block.cells[0]?.length ?? 0);
    const blocks = channel.sent.flatMap((message) => (message.kind === "contents" ? [message.block] : []));
    expect(blocks.length).toBeGreaterThan(3);
    for (const block of blocks) expect(cellsOf(block)).toBeLessThanOrEqual(40);
    expect(report(ROW.CO, Q1.bottomUp)).toBe(200);

    // Set up again, larger: the update goes in parts, applied together.
    await book.writePlan({ settings: SETTINGS, nodes: [...NODES, node("FR", "EMEA"), node("IT", "EMEA")] });
    workbook.enter(SHEETS.inputs, 6, Q1_COLUMN, "5");
    await sliced.settled();
    const parts = channel.sent.filter((message) => message.kind === "update" && message.more === true);
    expect(parts.length).toBeGreaterThan(1);
    expect(report(ROW.CO, Q1.bottomUp)).toBe(205);
    expect(report(ROW.DE + 2, 0)).toBe("IT");
    sliced.dispose();
  });

  it("builds without the sheets no formula names, then loads them before any later change", async () => {
    workbook.addSheet("Notes");
    workbook.write({ sheet: "Notes", row: 0, col: 0, rowCount: 2, colCount: 1 }, [["21"], ["'x"]]);
    await engine.start();
    const build = channel.sent.find((message) => message.kind === "build");
    expect(build?.kind === "build" ? build.sheets : []).toContain(SHEETS.report);
    expect(build?.kind === "build" ? build.sheets : []).not.toContain("Notes");
    expect(report(ROW.CO, Q1.bottomUp)).toBe(200);
    await type("Sheet1", 0, 0, "=Notes!A1*2");
    expect(workbook.value("Sheet1", 0, 0)).toBe(42);
    await type("Notes", 0, 0, "50");
    expect(workbook.value("Sheet1", 0, 0)).toBe(100);
  });

  it("gives a sheet no formula names the rows added to it while the engine builds with its load, not as updates", async () => {
    workbook.addSheet("Notes");
    workbook.write({ sheet: "Notes", row: 0, col: 0, rowCount: 2, colCount: 1 }, [["Note"], ["1"]]);
    workbook.addTable("NotesTable", { sheet: "Notes", row: 0, col: 0, rowCount: 2, colCount: 1 });
    const started = engine.start();
    workbook.appendTableRows("NotesTable", [["21"], ["'x"]]);
    await started;
    await engine.settled();
    expect(channel.sent.filter((message) => message.kind === "update")).toEqual([]);
    expect(engine.state).toEqual({ kind: "ready" });
    await type("Sheet1", 0, 0, "=Notes!A3*2");
    expect(workbook.value("Sheet1", 0, 0)).toBe(42);
  });

  it("says why when the engine fails, and stops sending it changes", async () => {
    const broken = new FormulaEngine(workbook, () => ({
      post: (message) => {
        if (message.kind === "build") setTimeout(() => listener({ kind: "failed", message: "out of memory" }), 0);
      },
      onMessage: (next) => (listener = next),
      close: () => undefined,
    }));
    let listener: Parameters<EngineChannel["onMessage"]>[0] = () => undefined;
    await broken.start();
    expect(broken.state).toEqual({ kind: "failed", message: "out of memory" });
    workbook.enter(SHEETS.inputs, TABLE_ROW.UK, Q1_COLUMN, "1");
    await broken.settled();
    expect(broken.state.kind).toBe("failed");
    broken.dispose();
  });

  it("draws a long answer once, when its last slice has arrived, with every slice's values in it", async () => {
    let listener: Parameters<EngineChannel["onMessage"]>[0] = () => undefined;
    const sliced = new FormulaEngine(workbook, () => ({
      post: (message) => {
        if (message.kind !== "build") return;
        const answer = (row: number, done: boolean): void =>
          listener({
            kind: "results",
            seq: 0,
            done,
            cells: [{ shape: "block", sheet: "Sheet1", row, col: 0, width: 1, values: [row + 1] }],
          });
        setTimeout(() => answer(0, false), 0);
        setTimeout(() => answer(1, false), 0);
        setTimeout(() => answer(2, true), 0);
      },
      onMessage: (next) => (listener = next),
      close: () => undefined,
    }));
    workbook.enter("Sheet1", 0, 0, "=1");
    workbook.enter("Sheet1", 1, 0, "=2");
    workbook.enter("Sheet1", 2, 0, "=3");
    const drawn: unknown[][] = [];
    sliced.onUpdate(() => drawn.push([0, 1, 2].map((row) => workbook.value("Sheet1", row, 0))));
    await sliced.start();
    expect(drawn).toEqual([[1, 2, 3]]);
    sliced.dispose();
  });

  it.each([
    ["a number", { value: 12 }, 12],
    ["text that looks like a number", { value: "1/2" }, "'1/2"],
    ["text", { value: "EMEA" }, "'EMEA"],
    ["a formula", { value: null, formula: "=1+1" }, "=1+1"],
    ["nothing", undefined, null],
  ])("hands the engine %s as typed content", (_label, cell, content) => {
    expect(engineContent(cell)).toBe(content);
  });
});
