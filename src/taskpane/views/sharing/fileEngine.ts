import type { previewCollect } from "../../../core/sharing/collect";
import type { readReturnedFile } from "../../../xlsx/returnedFile";
import type { splitPlan } from "../../../xlsx/splitFiles";

/** Making and reading .xlsx files (src/xlsx) and collecting them: loaded only when the Share view needs it. */
export interface FileEngine {
  readonly splitPlan: typeof splitPlan;
  readonly readReturnedFile: typeof readReturnedFile;
  readonly previewCollect: typeof previewCollect;
}

let loading: Promise<FileEngine> | undefined;

/** Loaded on first use (its own bundle chunk), so opening the pane never waits for it. */
export function loadFileEngine(): Promise<FileEngine> {
  loading ??= Promise.all([
    import("../../../xlsx/splitFiles"),
    import("../../../xlsx/returnedFile"),
    import("../../../core/sharing/collect"),
  ]).then(([split, read, collect]) => ({
    splitPlan: split.splitPlan,
    readReturnedFile: read.readReturnedFile,
    previewCollect: collect.previewCollect,
  }));
  const current = loading;
  // A chunk that failed to load (the network dropped) is tried again next time.
  current.catch(() => {
    if (loading === current) loading = undefined;
  });
  return current;
}
