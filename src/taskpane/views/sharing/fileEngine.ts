import type { previewCollect, readReturnedFile } from "../../../core/sharing/collect";
import type { splitPlan } from "../../../core/sharing/split";

/** Making and reading .xlsx files (src/core/sharing): exceljs, most of the pane's weight. */
export interface FileEngine {
  readonly splitPlan: typeof splitPlan;
  readonly readReturnedFile: typeof readReturnedFile;
  readonly previewCollect: typeof previewCollect;
}

let loading: Promise<FileEngine> | undefined;

/** Loaded on first use (its own bundle chunk), so opening the pane never waits for it. */
export function loadFileEngine(): Promise<FileEngine> {
  loading ??= Promise.all([import("../../../core/sharing/split"), import("../../../core/sharing/collect")]).then(
    ([split, collect]) => ({
      splitPlan: split.splitPlan,
      readReturnedFile: collect.readReturnedFile,
      previewCollect: collect.previewCollect,
    }),
  );
  const current = loading;
  // A chunk that failed to load (the network dropped) is tried again next time.
  current.catch(() => {
    if (loading === current) loading = undefined;
  });
  return current;
}
