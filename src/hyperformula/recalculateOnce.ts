import type { ExportedChange, HyperFormula } from "hyperformula";

/**
 * Runs `operations` (setCellContents and the like) with evaluation suspended, so dependent formulas
 * are recalculated once at the end, and returns the changes of that one recalculation.
 *
 * Not `hf.batch`: in HyperFormula 3.5 a batch collects its operations in one undo entry, and every
 * operation inside it clears the redo stack, which walks that growing entry whole
 * (`UndoRedo.clearRedoStack` → `collectReferencedOldDataVersions`): n operations cost n² steps, so
 * pasting 50,000 rows took minutes. Suspended evaluation recalculates just the same, and each
 * operation is its own undo entry, bounded by the `undoLimit` option (0 where undo is not used).
 */
export function recalculateOnce(hf: HyperFormula, operations: () => void): ExportedChange[] {
  hf.suspendEvaluation();
  try {
    operations();
  } catch (error) {
    hf.resumeEvaluation();
    throw error;
  }
  return hf.resumeEvaluation();
}
