/**
 * Messages of capacity, workload and balancing (src/core/territory). Kept beside the code they
 * belong to while the territory tables have no pane or sheet of their own; they follow the wording
 * of `messages` in src/core/messages.ts: name the row and the id, then say how to fix it.
 */
import { CellError, ERROR_DISPLAY } from "../cell";
import { describeCell } from "../messages";

/** Characters of an id shown in a message, as in src/core/messages.ts. */
const ID_SHOWN = 100;

function shown(id: string): string {
  return id.length > ID_SHOWN ? `${id.slice(0, ID_SHOWN)}…` : id;
}

/** A cell as a message shows it: 12, "abc", blank, #N/A. */
function described(cell: unknown): string {
  return cell instanceof CellError ? ERROR_DISPLAY[cell.code] : describeCell(cell);
}

/** One thing wrong with a row of a capacity or accounts table. */
export interface TerritoryProblem {
  /** The sheet row to show and go to (rows are counted from the caller's `firstRow`). */
  readonly row: number;
  /** Every row involved: a duplicate account id names all of its rows. */
  readonly rows: readonly number[];
  readonly message: string;
}

export const territoryMessages = {
  noNode: (what: string, row: number): string =>
    `${what} (row ${row}) has no node; enter the id of a node of the hierarchy`,
  unknownNode: (what: string, id: string, row: number): string =>
    `${what} "${shown(id)}" (row ${row}) is not a node of the hierarchy; enter the id of a node, or add the node first`,
  notANumber: (what: string, got: unknown, row: number): string =>
    `${what} (row ${row}) must be a number, not ${described(got)}; enter a number or leave it blank`,
  negative: (what: string, got: number, row: number): string =>
    `${what} (row ${row}) is ${got}; it can't be negative, enter 0 or more`,
  percentTooLarge: (what: string, got: number, row: number, max: string): string =>
    `${what} (row ${row}) is ${got}, which is ${Math.round(got * 100)} %; enter a percentage up to ${max}, like 90 % (0.9)`,
  noQuota: (id: string, row: number): string =>
    `Quota per head of "${shown(id)}" (row ${row}) is blank; enter what one fully ramped rep carries per period`,
  noTerritory: (id: string, row: number): string =>
    `Account "${shown(id)}" (row ${row}) has no territory; enter the id of the node that serves it`,
  unknownTerritory: (territory: string, id: string, row: number): string =>
    `Territory "${shown(territory)}" of account "${shown(id)}" (row ${row}) is not a node of the hierarchy; enter the id of a node, or add the node first`,
  noAccountId: (row: number): string => `Row ${row} has no account id; enter one, or delete the row`,
  duplicateAccount: (id: string, rows: string): string =>
    `Account "${shown(id)}" is listed more than once (rows ${rows}); keep one row per account`,
  halfCoordinates: (id: string, row: number): string =>
    `Account "${shown(id)}" (row ${row}) has only one of latitude and longitude; enter both, or neither`,
  badCoordinate: (what: string, id: string, row: number, range: string): string =>
    `${what} of account "${shown(id)}" (row ${row}) must be a number from ${range} (decimal degrees)`,
  weightCount: (weights: number, drivers: number): string =>
    `There are ${drivers} workload driver${drivers === 1 ? "" : "s"} but ${weights} weight${weights === 1 ? "" : "s"}; give one weight per driver`,
  badWeight: (driver: string, got: unknown): string =>
    `The weight of "${shown(driver)}" must be a number of 0 or more (it is ${described(got)})`,
  badBand: (got: number): string => `The balance band must be a percentage from 0 % up, like 5 % (it is ${got})`,
  notAParent: (id: string): string => `"${shown(id)}" has no territories below it to balance`,
} as const;

/** What the pane tells users about the plan's capacity table (GU Capacity). */
export const capacityPaneMessages = {
  added: (sheet: string): string =>
    `Added sheet "${sheet}": one row per group of alike reps (Node, Heads, Quota per head, Attainment, a ramp % per period). Coverage shows here as you fill it in; set the plan up again to add capacity and coverage to the report.`,
  exists: (sheet: string): string => `The capacity table is already on sheet "${sheet}"`,
  more: (count: number): string => `and ${count} more`,
  offer: "Reps, quotas and ramps per node, to see how far each target is covered",
  problems: (count: number): string =>
    `${count} row${count === 1 ? "" : "s"} of the capacity table ${count === 1 ? "has a problem and is" : "have problems and are"} left out of coverage; fix ${count === 1 ? "it" : "them"} in the sheet:`,
} as const;

/** What the pane says about last year's values (GU Reference, src/core/plan/layout/referenceTable.ts). */
export const referencePaneMessages = {
  added: (sheet: string): string =>
    `Added sheet "${sheet}": paste last year's values there, one row per node with its Id first. They show beside each field in My targets with the growth, and the plan's growth guardrails measure against them.`,
  exists: (sheet: string): string => `Last year's values are already on sheet "${sheet}"`,
  offer: "Last year's values per node, to show beside each target with the growth",
  problems: (count: number): string =>
    `${count} row${count === 1 ? "" : "s"} of last year's values ${count === 1 ? "has a problem and is" : "have problems and are"} left out; fix ${count === 1 ? "it" : "them"} in the sheet:`,
} as const;

/** What the pane says about seasonality profiles (GU Profiles, src/core/plan/layout/profilesTable.ts). */
export const profilesPaneMessages = {
  added: (sheet: string): string =>
    `Added sheet "${sheet}": one profile a row, its name and each period's share of the year (they must total 100%). Contributors can then spread an annual number by it in My targets.`,
  exists: (sheet: string): string => `The seasonality profiles are already on sheet "${sheet}"`,
  offer: "Named seasonality profiles (shares per period) to spread annual numbers by",
  problems: (count: number): string =>
    `${count} seasonality profile${count === 1 ? "" : "s"} ${count === 1 ? "has a problem and is" : "have problems and are"} not offered; fix ${count === 1 ? "it" : "them"} in the sheet:`,
} as const;

/** What the pane's Balance view tells users: error bar titles and the outcome of their actions. */
export const balancePaneMessages = {
  noTables: "This workbook has no tables; put the accounts in an Excel table (Insert > Table), then refresh",
  chooseTable: "Choose the table that lists the accounts",
  fixRowsFirst: (count: number): string =>
    `${count} row${count === 1 ? "" : "s"} of the accounts table ${count === 1 ? "has a problem" : "have problems"} (listed below); fix ${count === 1 ? "it" : "them"} in the sheet and read the table again before balancing`,
  alreadyBalanced: (band: string): string =>
    `Every territory is already within ${band} of the average: no moves needed`,
  suggested: (moves: number, band: string, within: boolean): string =>
    within
      ? `${moves} move${moves === 1 ? "" : "s"} bring${moves === 1 ? "s" : ""} every territory within ${band} of the average`
      : `${moves} move${moves === 1 ? "" : "s"} narrow${moves === 1 ? "s" : ""} the gap, but not every territory can be brought within ${band}: an account larger than the band stays where it is`,
  moved: (count: number): string =>
    `Moved ${count} account${count === 1 ? "" : "s"}; the accounts table and GU Audit are updated`,
  refused: (count: number): string =>
    `${count} move${count === 1 ? " was" : "s were"} not made because the accounts table changed since it was read:`,
  kept: "Kept for the plan: everyone's Balance view and map now use this table, these weights and this band (GU Settings)",
  keptByOthers:
    "Someone else kept other balancing settings since the plan was read; they are shown now. Change them again and keep them if yours should win",
  unsaved: "Not kept for the plan yet: others and the map still use the kept settings",
  missingTable: (name: string): string =>
    `The plan keeps the accounts table "${name}", which this workbook no longer has; choose the table that lists the accounts`,
} as const;
