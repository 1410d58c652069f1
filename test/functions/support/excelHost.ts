/**
 * How Excel calls a custom function, as far as its metadata decides: an error cell inside a range
 * argument of type `any` reaches the function only when functions.json sets
 * `allowErrorForDataTypeAny`; otherwise Excel does not call the function and the whole call is
 * #VALUE! (Microsoft, "Handle and return errors from your custom function": Errors as custom
 * function inputs). The tests call the functions through it with the metadata the build ships.
 */
import { TestCustomFunctionsError } from "../../support/customFunctionsGlobal";

interface Metadata {
  readonly allowErrorForDataTypeAny?: boolean;
  readonly functions: readonly { readonly id: string; readonly parameters: readonly { readonly type?: string }[] }[];
}

function holdsError(arg: unknown): boolean {
  if (!Array.isArray(arg)) return false;
  return arg.some((row: unknown) =>
    Array.isArray(row)
      ? row.some((cell) => cell instanceof TestCustomFunctionsError || (cell as { type?: unknown })?.type === "Error")
      : false,
  );
}

/** Calls `fn` (the function with id `id`) as Excel would, given `metadata`. */
export function callAsExcel(
  metadata: Metadata,
  id: string,
  fn: (...args: unknown[]) => unknown,
  args: readonly unknown[],
): unknown {
  const described = metadata.functions.find((candidate) => candidate.id === id);
  if (described === undefined) throw new Error(`${id} is not in functions.json`);
  const blocked = described.parameters.some(
    (parameter, i) => parameter.type === "any" && !metadata.allowErrorForDataTypeAny && holdsError(args[i]),
  );
  return blocked ? "#VALUE!" : fn(...args);
}
