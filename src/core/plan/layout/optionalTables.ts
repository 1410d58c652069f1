/** The plan's optional tables, which the pane adds on request: what they are called in messages. */
import type { BlankTableLayout } from "./blankTable";
import { capacityTableLayout } from "./capacityTable";
import { profilesTableLayout } from "./profilesTable";
import { referenceTableLayout } from "./referenceTable";
import type { PlanSettings } from "../types";

export type OptionalTable = "capacity" | "reference" | "profiles";

const WHAT: Readonly<Record<OptionalTable, string>> = {
  capacity: "the capacity table",
  reference: "last year's values table",
  profiles: "the seasonality profiles table",
};

/** What adding `kind` writes for a plan of these settings. */
export function optionalTableLayout(kind: OptionalTable, settings: PlanSettings): BlankTableLayout {
  if (kind === "capacity") return capacityTableLayout(settings);
  return kind === "reference" ? referenceTableLayout(settings) : profilesTableLayout(settings);
}

export const optionalTableMessages = {
  sheetTaken: (kind: OptionalTable, sheet: string): string =>
    `A sheet named "${sheet}" already exists without ${WHAT[kind]}; rename or delete it, then add ${WHAT[kind]} again`,
} as const;
