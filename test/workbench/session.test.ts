import { SHEETS } from "../../src/core/plan/layout";
import type { EngineChannel, ToEngine } from "../../workbench/engineProtocol";
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
  it("connects the engine while the plan loads, and starts it only when asked", async () => {
    const watch = watchedChannel();
    const session = await WorkbenchSession.open({ kind: "sample" }, watch.connect);
    expect(watch.opened).toBe(1);
    expect(watch.sent).toEqual([]);
    expect(session.engine.state).toEqual({ kind: "waiting" });
    await session.engine.start();
    expect(watch.opened).toBe(1);
    expect(session.engine.state).toEqual({ kind: "ready" });
    expect(session.workbook.value(SHEETS.report, 3, 0)).not.toBeNull();
    session.dispose();
    expect(watch.closed).toBe(1);
  });

  it("closes the engine it connected when disposed before the engine started", async () => {
    const watch = watchedChannel();
    const session = await WorkbenchSession.open({ kind: "empty" }, watch.connect);
    session.dispose();
    expect(watch.opened).toBe(1);
    expect(watch.closed).toBe(1);
    await session.engine.start();
    expect(watch.opened).toBe(1);
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
