/**
 * Resolves in a later task (a zero-delay timer): long work awaited in parts lets the page handle
 * input and paint between two of them. Reads of large tables, file splits and the workbench's
 * loading take their parts this way.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
