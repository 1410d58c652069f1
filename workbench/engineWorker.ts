/**
 * The formula engine's Web Worker: HyperFormula with the shipped BU.* functions, answering the
 * page's messages (engineProtocol.ts). Whatever HyperFormula throws stops the engine with its
 * message, which the page shows.
 */
import { registerBuFunctions } from "../src/hyperformula/buPlugin";
import { EngineCore } from "./engineCore";
import type { FromEngine, ToEngine } from "./engineProtocol";

/* global self */

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToEngine>) => void) | null;
  postMessage(message: FromEngine): void;
}

const scope = self as unknown as WorkerScope;
registerBuFunctions();
const core = new EngineCore();
let stopped = false;

scope.onmessage = (event) => {
  if (stopped) return;
  try {
    for (const message of core.receive(event.data)) scope.postMessage(message);
  } catch (error) {
    stopped = true;
    core.destroy();
    scope.postMessage({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
  }
};
