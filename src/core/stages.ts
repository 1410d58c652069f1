/**
 * Work written as a generator that yields between its stages (`function*`), run at once or with a
 * task between two stages: one body serves the callers that need the result now and those that
 * let the page draw and answer input meanwhile (reading a large plan, building its view).
 */
import { nextTask } from "./nextTask";

export type Stages<T> = Generator<void, T, void>;

/** Runs every stage now. */
export function atOnce<T>(stages: Stages<T>): T {
  for (;;) {
    const step = stages.next();
    if (step.done === true) return step.value;
  }
}

/** Runs the stages with a task between two of them. */
export async function inTasks<T>(stages: Stages<T>): Promise<T> {
  let step = stages.next();
  while (step.done !== true) {
    await nextTask();
    step = stages.next();
  }
  return step.value;
}
