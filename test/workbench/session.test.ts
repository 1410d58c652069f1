import { SHEETS, TABLES, reportColumn } from "../../src/core/plan/layout";
import type { EngineChannel, ToEngine } from "../../workbench/engineProtocol";
import { MemoryWorkbook } from "../../src/workbook/memory/MemoryWorkbook";
import { samplePlan } from "../../workbench/samplePlan";
import { WorkbenchSession } from "../../workbench/session";
import { inProcessChannel } from "./support/inProcessEngine";

// The page's Web Worker channel (import.meta.url) doesn't load under jest; every test passes its own.
jest.mock("../../workbench/engineChannel", () => ({ workerChannel: () => undefined }));

/** A channel that notes when it is opened and closed, and what it was sent. */
function watchedChannel(): { connect: () => EngineChannel; opened: number; closed: number; sent: ToEngine[] } {
  const watch = {
    opened: 0,
    closed: 0,
    sent: [] as ToEngine[],
    connect: (): EngineChannel => {
      watch.opened++;
      const channel = inProcessChannel();
      return {
        post: (message) => {
          watch.sent.push(message);
          channel.post(message);
        },
        onMessage: (listener) => channel.onMessage(listener),
        close: () => {
          watch.closed++;
          channel.close();
        },
      };
    },
  };
  return watch;
}

describe("WorkbenchSession", () => {
  it("starts the engine once the plan's tables are in, before the audit log is written", async () => {
    const watch = watchedChannel();
    const appends = jest.spyOn(MemoryWorkbook.prototype, "appendTableRows");
    const auditAppends = (): number => appends.mock.calls.filter(([table]) => table === TABLES.audit).length;
    let auditAppendsAtStart = -1;
    const connect = (): EngineChannel => {
      const channel = watch.connect();
      return {
        ...channel,
        post: (message) => {
          if (watch.sent.length === 0) auditAppendsAtStart = auditAppends();
          channel.post(message);
        },
      };
    };
    const session = await WorkbenchSession.open({ kind: "sample" }, connect);
    const auditAppendsAtEnd = auditAppends();
    appends.mockRestore();
    expect(watch.opened).toBe(1);
    const build = watch.sent.find((message) => message.kind === "build");
    expect(build?.kind === "build" ? build.sheets : []).not.toContain(SHEETS.audit);
    expect(auditAppendsAtStart).toBeGreaterThanOrEqual(0);
    expect(auditAppendsAtStart).toBeLessThan(auditAppendsAtEnd);
    await session.engine.settled();
    expect(session.engine.state).toEqual({ kind: "ready" });
    const entered = samplePlan().entries.reduce((sum, entry) => sum + (entry.values[0] ?? 0), 0);
    expect(session.workbook.value(SHEETS.report, 3, reportColumn(0, 0))).toBe(entered);
    session.dispose();
    expect(watch.closed).toBe(1);
  });

  it("closes the engine it connected when disposed", async () => {
    const watch = watchedChannel();
    const session = await WorkbenchSession.open({ kind: "empty" }, watch.connect);
    session.dispose();
    expect(watch.opened).toBe(1);
    expect(watch.closed).toBe(1);
  });

  it("shows an engine that failed before it started as failed", async () => {
    let fail: (message: string) => void = () => undefined;
    const session = await WorkbenchSession.open({ kind: "empty" }, () => ({
      post: () => undefined,
      onMessage: (listener) => (fail = (message) => listener({ kind: "failed", message })),
      close: () => undefined,
    }));
    fail("The formula engine's worker could not start");
    await session.engine.start();
    expect(session.engine.state).toEqual({ kind: "failed", message: "The formula engine's worker could not start" });
    session.dispose();
  });
});
