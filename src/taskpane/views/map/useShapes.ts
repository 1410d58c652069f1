import * as React from "react";
import type { MapKind } from "../../../core/map/regions";
import type { ShapeSet } from "./drawShapes";
import { loadShapes } from "./loadShapes";

export type ShapesState =
  | { readonly state: "loading" }
  | { readonly state: "ready"; readonly shapes: ShapeSet }
  | { readonly state: "failed"; readonly message: string };

/** The `kind` map's shapes, fetched when first wanted; `retry` fetches again after a failure. */
export function useShapes(kind: MapKind): ShapesState & { retry(): void } {
  const [result, setResult] = React.useState<{ kind: MapKind; attempt: number; value: ShapesState } | null>(null);
  const [attempt, setAttempt] = React.useState(0);
  React.useEffect(() => {
    let current = true;
    loadShapes(kind).then(
      (shapes) => current && setResult({ kind, attempt, value: { state: "ready", shapes } }),
      (error: unknown) =>
        current &&
        setResult({
          kind,
          attempt,
          value: { state: "failed", message: error instanceof Error ? error.message : String(error) },
        }),
    );
    return () => {
      current = false;
    };
  }, [kind, attempt]);
  const retry = React.useCallback(() => setAttempt((count) => count + 1), []);
  const value: ShapesState =
    result !== null && result.kind === kind && result.attempt === attempt ? result.value : { state: "loading" };
  return { ...value, retry };
}
