/**
 * The formula engine in the test's own thread, behind the same channel the page's Web Worker uses:
 * messages are copied (`structuredClone`, as `postMessage` does) and delivered in a later task, so
 * the engine's callers meet the same timing as in the browser.
 */
import { registerBuFunctions } from "../../../src/hyperformula/buPlugin";
import { EngineCore } from "../../../workbench/engineCore";
import type { EngineChannel, FromEngine, ToEngine } from "../../../workbench/engineProtocol";

export interface InProcessChannel extends EngineChannel {
  /** Every message the page sent, in order. */
  readonly sent: ToEngine[];
}

export function inProcessChannel(): InProcessChannel {
  registerBuFunctions();
  const core = new EngineCore();
  const sent: ToEngine[] = [];
  let listener: (message: FromEngine) => void = () => undefined;
  let closed = false;
  return {
    sent,
    post(message) {
      const copy = structuredClone(message);
      sent.push(copy);
      setTimeout(() => {
        if (closed) return;
        let answers: FromEngine[];
        try {
          answers = core.receive(copy);
        } catch (error) {
          answers = [{ kind: "failed", message: error instanceof Error ? error.message : String(error) }];
        }
        for (const answer of answers) if (!closed) listener(structuredClone(answer));
      }, 0);
    },
    onMessage(next) {
      listener = next;
    },
    close() {
      closed = true;
      core.destroy();
    },
  };
}
