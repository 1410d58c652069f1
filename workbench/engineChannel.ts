/**
 * The page's end of the formula engine: a dedicated Web Worker running engineWorker.ts (webpack
 * bundles it, HyperFormula included, as a file of its own).
 */
import type { EngineChannel, FromEngine, ToEngine } from "./engineProtocol";

/* global Worker */

export function workerChannel(): EngineChannel {
  const worker = new Worker(new URL("./engineWorker.ts", import.meta.url), { name: "formula-engine" });
  let listener: (message: FromEngine) => void = () => undefined;
  worker.onmessage = (event: MessageEvent<FromEngine>) => listener(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    listener({ kind: "failed", message: event.message || "The formula engine's worker could not start" });
  };
  return {
    post: (message: ToEngine) => worker.postMessage(message),
    onMessage: (next) => {
      listener = next;
    },
    close: () => worker.terminate(),
  };
}
