import { messages } from "../../messages";

/** Something wrong with the plan's tables, with the sheet row (1-based) to show the user. */
export interface LayoutProblem {
  readonly sheet: string;
  /** 1-based sheet row, or null when the problem is with a whole table or column. */
  readonly row: number | null;
  readonly message: string;
}

const SHOWN_PROBLEMS = 3;

/** The plan's tables can't be read or written as they are; `problems` says why, row by row. */
export class PlanLayoutError extends Error {
  override readonly name = "PlanLayoutError";
  constructor(readonly problems: readonly LayoutProblem[]) {
    const shown = problems.slice(0, SHOWN_PROBLEMS).map((problem) => problem.message);
    if (problems.length > SHOWN_PROBLEMS) shown.push(messages.moreProblems(problems.length - SHOWN_PROBLEMS));
    super(shown.join("; "));
  }
}
