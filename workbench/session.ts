/**
 * One workbook open in the workbench: the in-memory workbook, the plan interface the task pane uses
 * over it, and the formula engine, with one change signal for the page to re-render on.
 */
import { REPORT_FIRST_ROW, SHEETS } from "../src/core/plan/layout";
import { nextTask } from "../src/core/nextTask";
import { MemoryPlanWorkbook } from "../src/workbook/memory/MemoryPlanWorkbook";
import { MemoryWorkbook } from "../src/workbook/memory/MemoryWorkbook";
import { workerChannel } from "./engineChannel";
import { FormulaEngine } from "./engine";
import type { EngineChannel } from "./engineProtocol";
import { generatedPlan, samplePlan } from "./samplePlan";
import { loadSample } from "./seed";

/** What the workbench opens: the sample plan, a generated plan of `nodes` nodes, or an empty workbook. */
export type WorkbookSource =
  { readonly kind: "sample" } | { readonly kind: "generated"; readonly nodes: number } | { readonly kind: "empty" };

/** The largest generated plan: beyond this the page would take minutes to build. */
export const MAX_GENERATED_NODES = 100_000;

/** `?nodes=10000` opens a generated plan, `?start=empty` an empty workbook; anything else the sample. */
export function sourceFromQuery(search: string): WorkbookSource {
  const params = new URLSearchParams(search);
  const nodes = Number(params.get("nodes"));
  if (params.has("nodes") && Number.isInteger(nodes) && nodes >= 1)
    return { kind: "generated", nodes: Math.min(nodes, MAX_GENERATED_NODES) };
  if (params.get("start") === "empty") return { kind: "empty" };
  return { kind: "sample" };
}

export function describeSource(source: WorkbookSource): string {
  switch (source.kind) {
    case "sample":
      return "Sample plan";
    case "generated":
      return `Generated plan of ${source.nodes.toLocaleString("en-US")} nodes`;
    case "empty":
      return "Empty workbook";
  }
}

let opened = 0;

export class WorkbenchSession {
  /** Distinct for every session opened on the page. */
  readonly id = ++opened;
  readonly workbook: MemoryWorkbook;
  readonly engine: FormulaEngine;
  private version = 0;
  private contents = 0;
  private readonly listeners = new Set<() => void>();
  private readonly stop: (() => void)[];

  private constructor(
    readonly plan: MemoryPlanWorkbook,
    readonly source: WorkbookSource,
    connect: () => EngineChannel,
  ) {
    const workbook = plan.workbook;
    this.workbook = workbook;
    this.engine = new FormulaEngine(workbook, connect);
    const bump = (contentsChanged: boolean): void => {
      this.version++;
      if (contentsChanged) this.contents++;
      for (const listener of [...this.listeners]) listener();
    };
    this.stop = [
      workbook.onChange((event) => bump(event.type !== "selection")),
      this.engine.onUpdate(() => bump(true)),
    ];
  }

  /**
   * Opens `source`; the engine (by default in a Web Worker) is not started (see `FormulaEngine.start`).
   */
  static async open(source: WorkbookSource, connect: () => EngineChannel = workerChannel): Promise<WorkbenchSession> {
    const plan = new MemoryPlanWorkbook(new MemoryWorkbook("Sheet1", "desktop"));
    if (source.kind !== "empty") {
      const sample = source.kind === "sample" ? samplePlan() : generatedPlan(source.nodes);
      await nextTask();
      await loadSample(plan, sample);
      // Open on the report, where the plan's numbers are.
      plan.workbook.select({ sheet: SHEETS.report, row: REPORT_FIRST_ROW, col: 0, rowCount: 1, colCount: 1 });
    }
    return new WorkbenchSession(plan, source, connect);
  }

  /** For `useSyncExternalStore`: called after any change to the workbook or its computed values. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Changes with every change to the workbook (the selection included) or its computed values. */
  readonly snapshot = (): number => this.version;

  /** Changes when cells, sheets or computed values do; not when only the selection moves. */
  get contentVersion(): number {
    return this.contents;
  }

  dispose(): void {
    for (const stop of this.stop) stop();
    this.listeners.clear();
    this.engine.dispose();
  }
}
