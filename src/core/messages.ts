import type { WorkflowAction } from "./plan/types";

/** Every message a user can read in an error, in one place so wording stays consistent. */

/** "3", "3 and 9", "3, 9 and 12" */
export function listRows(rows: readonly number[]): string {
  if (rows.length <= 1) return rows.join("");
  return `${rows.slice(0, -1).join(", ")} and ${rows[rows.length - 1]}`;
}

/** `"abs", "pct" or "ratio"` */
function listChoices(choices: readonly string[]): string {
  const quoted = choices.map((choice) => `"${choice}"`);
  return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

/** A cell as a message shows what was given: 12, "abc", TRUE, blank. */
export function describeCell(cell: unknown): string {
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "string") return cell.trim() === "" ? "blank" : `"${shownId(cell)}"`;
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  if (cell === null || cell === undefined) return "blank";
  return "not a cell value";
}

const CYCLE_SHOWN = 10;
/** Rows listed in a message before the rest are counted, as in the cycle message. */
const ROWS_SHOWN = 10;
/** Characters of an id shown in a message: an id may be a whole cell of 32,767 characters. */
const ID_SHOWN = 100;

/** An id for a message, cut short past ID_SHOWN characters, so no message grows with its input. */
function shownId(id: string): string {
  return id.length > ID_SHOWN ? `${id.slice(0, ID_SHOWN)}…` : id;
}

/** "3 and 9", or "3, 9, 12, … (200000 rows)" past ROWS_SHOWN rows. */
function shownRows(rows: readonly number[]): string {
  return rows.length > ROWS_SHOWN ? `${rows.slice(0, ROWS_SHOWN).join(", ")}, … (${rows.length} rows)` : listRows(rows);
}

export const messages = {
  rowCountMismatch: (what: string, rows: number, expected: number): string =>
    `${what} has ${rows} row${rows === 1 ? "" : "s"} but ids has ${expected}; give ranges of the same height`,
  // Messages naming ids and rows stay short whatever the input: ids are cut at ID_SHOWN characters
  // and row lists at ROWS_SHOWN (a duplicate id over 200,000 rows would otherwise be megabytes).
  duplicateId: (id: string, rows: readonly number[]): string =>
    `Duplicate id "${shownId(id)}" (rows ${shownRows(rows)})`,
  unknownParent: (parent: string, id: string, row: number): string =>
    `Parent "${shownId(parent)}" of "${shownId(id)}" (row ${row}) is not in ids`,
  cycle: (path: readonly string[], rows: readonly number[]): string => {
    // A cycle through a whole sheet would otherwise make a message of megabytes.
    const shown = path.length > CYCLE_SHOWN + 1 ? [...path.slice(0, CYCLE_SHOWN), "…", path[path.length - 1]] : path;
    const rowText =
      rows.length > CYCLE_SHOWN ? `${rows.slice(0, CYCLE_SHOWN).join(", ")}, … (${rows.length} rows)` : listRows(rows);
    return `Cycle: ${shown.map(shownId).join(" > ")} (row${rows.length === 1 ? "" : "s"} ${rowText})`;
  },
  errorInIds: (what: string, row: number, error: string): string =>
    `${what} row ${row} holds ${error}; ids and parents must be text or numbers (leave a root's parent blank)`,
  notAnIdCell: (what: string, row: number): string =>
    `${what} row ${row} holds a value that is not text or a number (a picture?); ids must be text or numbers`,
  noNode: (id: string): string => `No node "${shownId(id)}"`,
  noChildren: (id: string): string => `${shownId(id)} has no children`,
  noDescendants: (id: string): string => `${shownId(id)} has no descendants`,
  moreProblems: (count: number): string => `and ${count} more problem${count === 1 ? "" : "s"}`,
  // Arguments of the BU.* functions (src/core/formulas/args.ts); `got` is what was given (describeCell).
  emptyArgument: (what: string): string => `${what} is empty`,
  notVector: (what: string, rows: number, columns: number): string =>
    `${what} must be a single column or a single row (it is ${rows}x${columns})`,
  notRectangular: (what: string): string => `${what} must be a range: rows of equal length`,
  notSingleCell: (what: string, rows: number, columns: number): string =>
    `${what} must be a single cell (it is ${rows}x${columns})`,
  notANumber: (what: string, got: string): string => `${what} must be a number (it is ${got})`,
  notAChoice: (what: string, choices: readonly string[], got: string): string =>
    `${what} must be ${listChoices(choices)} (it is ${got})`,
  badDecimals: (got: string, min: number, max: number): string =>
    `decimals must be a whole number from ${min} to ${max} (it is ${got})`,
  badSeparator: (got: string): string => `separator must be text (it is ${got})`,
  badFlag: (what: string, got: string): string => `${what} must be TRUE or FALSE (it is ${got})`,
  badOverAssignment: (got: string): string =>
    `overAssignment must be a percentage from 100 % to 300 %, like 110 % or 1.1 (it is ${got})`,
  noNodeGiven: "node is blank; give the id of a node",
  noIds: "Every id is blank",
  nothingToAverage: "No numbers to average",
  tooLarge: "The result is too large for a number",
  pathTooLong: (id: string, max: number): string =>
    `The path of "${shownId(id)}" is longer than ${max} characters, the most a cell holds`,
  levelBlank: (id: string, row: number): string => `Level of "${shownId(id)}" (row ${row}) is blank`,
  /** One message for both: Excel on the desktop passes an empty cell as 0, on the web as blank. */
  levelBlankOrZero: (id: string, row: number): string =>
    `Level of "${shownId(id)}" (row ${row}) is blank or 0; levels start at 1`,
  levelNotWhole: (level: string, id: string, row: number): string =>
    `Level ${level.slice(0, ID_SHOWN)} of "${shownId(id)}" (row ${row}) is not a whole number from 1 up`,
  firstLevel: (level: number, id: string, row: number): string =>
    `"${shownId(id)}" (row ${row}) is the first id, so its level must be 1, not ${level}`,
  levelJump: (level: number, id: string, row: number, above: number): string =>
    `Level ${level} of "${shownId(id)}" (row ${row}) has no level ${level - 1} above it (the id above is at level ${above})`,
} as const;

/** Messages of the plan's rules (src/core/plan): setup, entry validation and workflow. */
export const planMessages = {
  overAssignment: (got: unknown): string =>
    `Over-assignment must be a percentage from 100 % to 300 %, like 110 % (it is ${describeCell(got)})`,
  periodStart: "Enter the first period as year and month, like 2027-01",
  periodGrain: "Choose month, quarter or year",
  periodCount: (max: number): string => `Enter a whole number of periods from 1 to ${max}`,
  notANumber: (example: string): string => `Enter a number like ${example}`,
  numberTooLarge: "This number is too large",
  negativeNotAllowed: "Negative targets are not allowed in this plan",
  tooManyDecimals: (decimals: number, example: string): string =>
    decimals === 0
      ? `Enter a whole number, like ${example}`
      : `Use at most ${decimals} decimal${decimals === 1 ? "" : "s"}, like ${example}`,
  adjustmentHint:
    "Your team's numbers already count in this node's total: enter only your own adjustment on top of them (blank = none)",
  lockedApproved: "These targets are approved and locked; ask your manager to reopen them",
  guardrailsBlock: "Outside the plan's bounds, so these values can't be submitted (a draft is fine):",
  guardrailsComment: "Outside the plan's bounds: explain why in the comment to submit these values.",
  managerOnly: (action: string): string => `Only a manager can ${action} targets`,
  contributorOnly: (action: string): string => `Only the node's contributor can ${action} its targets`,
  actionNotAllowed: (action: string, status: string): string =>
    `Targets that are ${status.toLowerCase()} can't be ${action}`,
  reasonRequired: "Give a reason for returning these targets",
  noUser: "Choose who you are before saving",
  missingValues: (periods: readonly string[]): string =>
    `Enter a value for every period before submitting (missing: ${periods.join(", ")})`,
  valueCount: (expected: number, actual: number): string =>
    `Expected ${expected} period value${expected === 1 ? "" : "s"}, got ${actual}`,
  valuesOnlyByContributor: "Values change only when the contributor saves or submits",
  noId: (row: number): string => `Row ${row} has no id`,
  noName: (row: number): string => `Row ${row} has no name`,
  unevenIndent: (name: string, row: number, spaces: number, width: number): string =>
    `"${name}" (row ${row}) is indented by ${spaces} spaces, not a multiple of ${width}`,
  indentJump: (name: string, row: number): string =>
    `"${name}" (row ${row}) is indented more than one step below the row above it`,
  indentFirst: (name: string, row: number): string =>
    `"${name}" (row ${row}) is indented but has no row above it to belong to`,
  sourceEmpty: "There are no rows to set up from; select the hierarchy with its headers",
  chooseColumn: (what: string): string => `Choose the ${what} column`,
  columnTwice: (header: string): string => `Column "${header}" is used for two things; choose different columns`,
  fiscalYear: (got: string, min: number, max: number): string =>
    `The fiscal year must be a whole number from ${min} to ${max} (it is ${got})`,
  fiscalMonth: (got: string): string => `The fiscal year's month must be a whole number from 1 to 12 (it is ${got})`,
  fiscalWeekday: (got: string): string =>
    `The weekday the fiscal year ends on must be 0 (Sunday) to 6 (Saturday) (it is ${got})`,
  fiscalYearEnd: (got: string): string => `The fiscal year ends on the "last" or the "nearest" weekday (it is ${got})`,
  weekPattern: (got: string, patterns: readonly string[]): string =>
    `The week pattern must be ${listChoices(patterns)} (it is ${got})`,
  annualNotSum: (id: string, annual: string, sum: string): string =>
    `The periods of ${shownId(id)} add up to ${sum}, not to its annual number ${annual}`,
  annualUnreadable: (id: string, message: string): string =>
    `The annual number of ${shownId(id)} is not a number (${message})`,
  annualRefused: (problem: string): string =>
    // Each problem starts "The ...": lower-cased after the colon.
    `Not submitted: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}. Spread the annual number again, or change the periods or the annual number until they agree`,
  annualMustAddUp:
    "The plan asks the periods to add up to the annual number, so these values can't be submitted (a draft is fine):",
} as const;

/**
 * Messages of ALLOCATE, VARIANCE and CASCADE (src/core/allocation.ts, variance.ts, cascade.ts); their
 * arguments' messages, and "too large for a number", are in `messages`.
 */
export const allocationMessages = {
  tooLargeToSplit: (total: number, unit: string): string => `${total} is too large to split into parts of ${unit}`,
  weightNotANumber: (position: number, got: string): string => `Weight ${position} is not a number (${got})`,
  weightNegative: (position: number, weight: number): string => `Weight ${position} is negative (${weight})`,
  negativeWeight: (row: number, column: number, weight: number): string =>
    `Weight in row ${row}, column ${column} is negative (${weight})`,
  noWeights: "weights has no numbers to split the total across",
  nothingToSplitAcross: (total: number): string => `There are no weights to split ${total} across`,
  shapeMismatch: (first: string, firstShape: string, second: string, secondShape: string): string =>
    `${first} is ${firstShape} but ${second} is ${secondShape}; give ranges of the same shape or a single cell`,
  weightColumns: (weightColumns: number, periods: number): string =>
    `weights has ${weightColumns} columns but targets has ${periods} column${periods === 1 ? "" : "s"}; ` +
    "give one column of weights for all periods or one per period",
  zeroTarget: "The target is 0",
} as const;

/** Messages of spreading a total over periods (src/core/spread.ts) and of BU.SPREAD. */
export const spreadMessages = {
  periodCount: (got: string, max: number): string =>
    `The number of periods must be a whole number from 1 to ${max} (it is ${got})`,
  weekPattern: (got: string): string => `The week pattern must be "4-4-5", "4-5-4" or "5-4-4" (it is ${got})`,
  yearWeeks: (got: string): string => `A year of weeks has 52 or 53 weeks (it is ${got})`,
  noPeriods: "There are no periods to spread the total over",
  shareNotANumber: (position: number, got: string): string => `Share ${position} is not a number (${got})`,
  shareNegative: (position: number, share: string): string => `Share ${position} is negative (${share})`,
  sharesTotal: (total: string): string => `The shares total ${total}; they must total 100%`,
  valueNotANumber: (position: number, got: string): string => `Value ${position} is not a number (${got})`,
  valueNegative: (position: number, value: number): string =>
    `Value ${position} is negative (${value}); last year's values must be 0 or more`,
  // BU.SPREAD's profile argument.
  negativeProfile: (row: number, column: number, value: number): string =>
    `profile in row ${row}, column ${column} is negative (${value}); shares and weights must be 0 or more`,
  profileSharesTotal: (total: string): string =>
    `profile's numbers are all below 1, so they are shares, and they total ${total}; ` +
    "make them total 100%, or give weights such as last year's values",
  noProfileNumbers: "profile has no numbers to spread the total over",
  badProfileCell: (got: string, max: number): string =>
    `profile as one cell must be a whole number of periods from 1 to ${max}, or "4-4-5", "4-5-4" or "5-4-4" ` +
    `(add "/53" for a 53-week year) (it is ${got})`,
} as const;

/** Past tense of each workflow action, for "Approved North and South". */
const ACTIONS_DONE: Readonly<Record<WorkflowAction, string>> = {
  saveDraft: "Saved as draft",
  submit: "Submitted",
  approve: "Approved",
  return: "Returned",
  reopen: "Reopened",
};

function listNames(names: readonly string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** "Row 9: EMEA is already on row 3", of pasted and of collected rows alike. */
function alreadyOnRow(row: number, id: string, first: number): string {
  return `Row ${row}: ${id} is already on row ${first}`;
}

/** What the task pane (src/taskpane) tells users: error bar titles and the outcome of their actions. */
export const taskPaneMessages = {
  noOwnerMatches: (query: string): string => `No owner's name contains "${query}"`,
  noNodeMatches: (query: string): string => `No node's name or id contains "${query}"`,
  // Here, not in collectMessages: the pane's first view reports them, and collect loads on demand.
  recordFailed:
    "Could not record the workbooks in the plan (GU Files), so they were not offered: collect would refuse them",
  readRecordsFailed: "Could not read the plan's records of the workbooks it made (GU Files)",

  addTableFailed: (kind: "capacity" | "reference" | "profiles"): string =>
    ({
      capacity: "Couldn't add the capacity table",
      reference: "Couldn't add the table for last year's values",
      profiles: "Couldn't add the table for seasonality profiles",
    })[kind],
  keepBalancingFailed: "Could not keep the balancing settings in the plan",
  unknownError: "Something went wrong; try again",
  readPlanFailed: "Could not read the plan from the workbook",
  writePlanFailed: "Could not set up the plan",
  saveFailed: "Could not save",
  readSelectionFailed: "Could not read the selected cells",
  listTablesFailed: "Could not list the workbook's tables",
  readTableFailed: (name: string): string => `Could not read table "${name}"`,
  selectFailed: "Could not select the node's row in the sheet",
  goToRowFailed: "Could not select that row in the sheet",
  mentionFailed: "Could not add the @mention comment",
  mentionAdded: (owner: string, node: string): string =>
    `Added a comment on ${node} in GU Hierarchy that @mentions ${owner}; Microsoft 365 e-mails them`,
  mentionOption: (owner: string): string => `Also @mention ${owner} in a comment on the node`,
  conflict: (names: readonly string[]): string =>
    `Someone else changed ${names.length === 0 ? "these targets" : listNames(names)} since you opened the plan. ` +
    "Nothing was saved: reload to see their version, then make your change again.",
  actionDone: (action: WorkflowAction, names: readonly string[]): string =>
    names.length === 0 ? ACTIONS_DONE[action] : `${ACTIONS_DONE[action]} ${listNames(names)}`,
  nothingChanged: "Nothing has changed since the last save",
  nodeRemovedUnsaved:
    "This node was removed from the plan. Your unsaved entries are kept here until you decide; they can't be saved while the node doesn't exist",
  fixValuesFirst: "Correct the values marked above first",
  nameRequired: "Give the plan a name",
  toleranceRange: "Enter a tolerance from 0 to 100 %",
  maxBelowMin: "The maximum is below the minimum; make it at least as large, or leave one blank",
  badLevels: 'Enter levels like "4" or "3-4" (1 is the top), or leave it blank for every level',
  badMeasureLine: (line: number, expected: string): string => `Line ${line}: write each measure as ${expected}`,
  duplicateMeasureLine: (line: number, name: string): string =>
    `Line ${line}: the plan already has a measure "${name}"; give each measure its own name`,
  unknownMeasure: (name: string): string =>
    `The plan has no measure "${name}"; type one of its measures, or leave it blank for the first`,
  overAssignmentRange: "Enter an over-assignment from 100 to 300 %, like 110 (100: none)",
  topNodeRequired: "Name the top node",
  firstYearRequired: "Enter the first fiscal year as a year, like 2027",
  readSelectionFirst: "Select the hierarchy's cells in the sheet, then read them",
  readTableFirst: "Choose a table and read it",
  fixProblemsFirst: "Fix the problems listed above in the sheet, then read the cells again",
  noTables: "This workbook has no tables to set up from",
  detected: (format: string, nodes: number): string =>
    `Found ${nodes} node${nodes === 1 ? "" : "s"} as ${format.toLowerCase()}.`,
  existingPlan: (name: string, nodes: number): string =>
    `This workbook has the plan "${name}" with ${nodes} node${nodes === 1 ? "" : "s"}. Setting up again updates it.`,
  updateKeepsInputs:
    "Its settings and hierarchy are replaced by these. Every input, top-down target, status and comment is kept " +
    "for the nodes that are still in the hierarchy (matched by id); nothing is deleted.",
  planWritten: (name: string, nodes: number): string =>
    `The plan "${name}" is set up with ${nodes} node${nodes === 1 ? "" : "s"}.`,
  reportNeedsDynamicArrays:
    "The GU Report sheet needs Excel with dynamic arrays (Microsoft 365, Excel 2021 or later, or Excel on the web): " +
    "this Excel shows only the first row of each report column. This task pane and the plan's tables work as usual; " +
    "open the workbook in one of those to read the report.",
} as const;

/** Reconcile (src/core/reconcile): top-down input, allocation previews and their audit notes. */
export const reconcileMessages = {
  cannotApply: "This preview has problems or nothing to write, so it can't be applied",
  holdNotChild: (id: string, parent: string): string =>
    `"${id}" is not a direct child of ${parent}, so it can't be held`,
  allHeld: (id: string): string => `Every child of ${id} is held, so there is nobody to allocate to`,
  noTarget: (id: string): string => `${id} has no top-down target to allocate; enter one first`,
  noTargetInPeriod: (id: string, period: string): string =>
    `${id} has no top-down target in ${period}; that period is left as it is`,
  badPeriod: (period: number, count: number): string =>
    `Period ${period + 1} does not exist; the plan has ${count} period${count === 1 ? "" : "s"}`,
  negativeResult: (id: string, value: number, period: string): string =>
    `${id} would get ${value} in ${period}, but this plan does not allow negative targets`,
  negativeWeight: (what: string, weight: number): string =>
    `${what} is ${weight}; a weight can't be negative, so choose another method or weights`,
  weightOf: (id: string): string => `The weight of ${id}`,
  bottomUpOf: (id: string, period: string): string => `The bottom-up of ${id} in ${period}`,
  missingWeight: (id: string): string => `${id} has no weight, so it gets no share (as if its weight were 0)`,
  ownInput: (id: string, periods: readonly string[]): string =>
    `${id} has an input of its own in ${listNames(periods)}; it is part of ${id}'s bottom-up but of no child's target`,
  targetsBelow: (id: string, below: readonly string[]): string =>
    `Below ${id}, ${listNames(below)} ${below.length === 1 ? "has a target" : "have targets"} of ${below.length === 1 ? "its" : "their"} own, which ${below.length === 1 ? "is" : "are"} not re-allocated`,
  cascadedTarget: (id: string, periods: readonly string[]): string =>
    `${id}'s target in ${listNames(periods)} is a share of its parent's; applying makes it ${id}'s own, so the new targets below keep adding up to it`,
  bottomUpTooLarge: (id: string, period: string): string =>
    `The bottom-up of ${id} in ${period} is too large for a number`,
  methodEven: "evenly",
  methodBottomUp: "proportional to bottom-up",
  methodPeriod: (period: string): string => `proportional to bottom-up in ${period}`,
  methodWeights: (label: string): string =>
    label.trim() === "" ? "proportional to weights" : `proportional to ${label.trim()}`,
  allocationNote: (
    basis: "gap" | "target",
    id: string,
    method: string,
    held: readonly string[],
    overAssignment = 1,
  ): string =>
    `allocated ${basis === "gap" ? "gap" : "target"} of ${id} ${method}${held.length === 0 ? "" : `, held: ${held.join(", ")}`}` +
    (overAssignment === 1 ? "" : `, ${Math.round(overAssignment * 1e4) / 100} % over-assignment`),
  acceptedBottomUp: "accepted bottom-up as top-down target",
  enteredNote: "top-down target entered",
  pastedNote: "top-down targets pasted",
  inRow: (row: number | undefined, id: string): string => (row === undefined ? id : `Row ${row} (${id})`),
  unknownId: (where: string, id: string): string => `${where}: there is no node "${id}"; the row is left out`,
  noId: (row: number): string => `${planMessages.noId(row)}; the row is left out`,
  badValue: (where: string, period: string, message: string): string =>
    `${where}, ${period}: ${message}; the row is left out`,
  tooManyValues: (where: string, count: number, periods: number): string =>
    `${where} has ${count} values but the plan has ${periods} period${periods === 1 ? "" : "s"}; the row is left out`,
  duplicateRow: (row: number, id: string, first: number): string =>
    `${alreadyOnRow(row, id, first)}; the row is left out`,
  noValues: "There are no targets in the pasted text: copy rows of an id followed by one value per period",
} as const;

/** Progress (src/core/progress): the reminder to late owners and the dashboard sheet. */
export const progressMessages = {
  reminderIntro: (plan: string, metric: string, deadline: string): string =>
    `Reminder: the ${metric.trim() === "" ? "targets" : `${metric.trim()} targets`} for ${plan} were due on ${deadline}. These still wait for you:`,
  reminderClosing: "Please act on them in the Groundup add-in as soon as you can. Thank you!",
  reminderReview: "submitted to you: approve or return it",
  reminderSubject: (plan: string): string => `Reminder: ${plan} targets`,
  reminderSignOff: "everything below is approved: approve it to close the plan",
  allPeriods: "all periods",
  dashboardTitle: (node: string, period: string): string => `Top-down vs bottom-up below ${node}, ${period}`,
  statusChartTitle: (plan: string): string =>
    plan.trim() === "" ? "Submission status" : `Submission status of ${plan.trim()}`,
  mapChartTitle: (period: string): string => `Variance % by region, ${period}`,
} as const;
/** Messages of the plan's workbook layout (src/core/plan/layout/) and the workbook adapters. */
export const layoutMessages = {
  missingTable: (table: string, sheet: string): string =>
    `The plan's table ${table} (sheet "${sheet}") is missing; set the plan up again to recreate it`,
  missingColumn: (table: string, sheet: string, column: string): string =>
    `Table ${table} (sheet "${sheet}") has no column "${column}"`,
  /** An optional table (capacity, last year's values) with a needed column deleted: fixable in place. */
  settingsUnreadable: (table: string): string =>
    `Table ${table} has no Key and Value columns, so Groundup can't keep settings in it. Set the plan up ` +
    `again (Set up > Set up plan) to rebuild it; nothing was saved.`,
  optionalColumn: (table: string, sheet: string, column: string): string =>
    `Table ${table} (sheet "${sheet}") has no column "${column}"; type it back into the header row, then refresh`,
  missingSetting: (sheet: string, key: string): string => `Sheet "${sheet}" has no "${key}" row`,
  badSetting: (sheet: string, row: number, key: string, expected: string, got: string): string =>
    `Sheet "${sheet}" row ${row}: ${key} must be ${expected} (it is ${got})`,
  newerLayout: (version: number): string =>
    `This plan was saved by a newer version of Groundup (layout ${version}); update the add-in to open it`,
  duplicateRows: (sheet: string, id: string, rows: readonly number[]): string =>
    `Sheet "${sheet}": id "${id}" has more than one row (rows ${listRows(rows)})`,
  unknownStatus: (sheet: string, row: number, got: string, statuses: readonly string[]): string =>
    `Sheet "${sheet}" row ${row}: "${got}" is not a status; use ${statuses.join(", ")}`,
  inSheet: (sheet: string, message: string): string => `Sheet "${sheet}": ${message}`,
  noNodes: "A plan needs at least one node",
  noPeriods: "A plan needs at least one period",
  blankPeriod: (position: number): string => `Period ${position} has no label`,
  duplicatePeriod: (label: string): string => `Period "${label}" appears twice; give each period its own label`,
  reservedPeriod: (label: string): string => `A period can't be called "${label}"; that column holds the node's id`,
  blankMeasure: (position: number): string => `Measure ${position} has no name; give it one`,
  duplicateMeasure: (name: string): string => `Measure "${name}" appears twice; give each measure its own name`,
  unknownRatioPart: (ratio: string, part: string): string =>
    `Ratio "${ratio}" divides by or into "${part}", which is not a measure of the plan; name one of its measures`,
  badMeasureDecimals: (name: string, max: number): string =>
    `Measure "${name}": decimals must be a whole number from 0 to ${max}`,
  duplicateColumn: (label: string): string =>
    `Two value columns would both be called "${label}": rename a measure or a period so each column has its own header`,
  reservedAttribute: (name: string): string =>
    `Column "${name}" has the name of a column the plan keeps itself; rename it`,
  blankAttribute: "An extra column has no header; give it one",
  badDecimals: (max: number): string => `Decimals must be a whole number from 0 to ${max}`,
  badTolerance: "The tolerance must be a number of 0 or more",
  noSuchNode: (id: string): string => `Node "${id}" is not in the plan's hierarchy`,
  noSuchTable: (name: string): string => `There is no table "${name}" in this workbook`,
  noSuchSheet: (name: string): string => `There is no sheet "${name}" in this workbook`,
  rowOutsideSource: (row: number, rows: number): string =>
    `Row ${row} is outside the source, which has ${rows} row${rows === 1 ? "" : "s"}`,
  noPlan: "This workbook has no plan yet; set one up first",
} as const;

/** Sharing (src/core/sharing): conflicts, contributor workbooks out and back in, snapshots. */
export const sharingMessages = {
  conflictTitle: "Someone else changed these targets",
  conflictIntro:
    "Nothing was saved. Compare your version with theirs, then keep yours, take theirs or choose per period. " +
    "Your entries stay in the form until you decide.",
  nodeDeleted: (name: string): string =>
    `${name} was removed from the plan since you opened it, so your version can't be kept`,
  changedAgain: "They changed it again while you were choosing; this is their newest version",
  tookTheirs: (names: readonly string[]): string =>
    `Kept the other version of ${names.length === 0 ? "these targets" : listNames(names)}; yours was discarded`,
  noNodesFor: (owner: string): string => `${owner} owns no node in this plan, so there is no workbook to make`,
  noOwnersChosen: "Choose at least one owner",
  fileTitle: (plan: string, owner: string): string => `${plan}: targets of ${owner}`,
  fileInstructions: (decimals: number, allowNegative: boolean): string =>
    `Enter your targets in the yellow cells: one number per period (${
      decimals === 0 ? "whole numbers" : `up to ${decimals} decimal${decimals === 1 ? "" : "s"}`
    }${allowNegative ? "" : ", no negatives"}). Type numbers, not formulas. ` +
    "Only the yellow cells are read when the file comes back; everything else is there to guide you.",
  cellRule: (decimals: number, allowNegative: boolean): string =>
    `Type a number${decimals === 0 ? ", a whole one" : ` with at most ${decimals} decimal${decimals === 1 ? "" : "s"}`}${
      allowNegative ? "" : ", 0 or more"
    }.`,
  reportNote:
    "This report uses plain SUM formulas over the Targets sheet, so it works in any spreadsheet without the add-in.",
  // Reading a returned file: the whole file is refused.
  emptyFile: "The file is empty",
  encryptedFile:
    "The file is password-protected (or an old .xls file); remove the password, save it as .xlsx and try again",
  notAWorkbook: "This is not an Excel workbook (.xlsx)",
  corruptFile: "The file is damaged and can't be read as a workbook",
  notContributorFile: `This workbook was not made by Groundup's "Share"; it has no "Targets" sheet with an Id column`,
  otherPlan: (filePlan: string, plan: string): string => `This file belongs to the plan "${filePlan}", not "${plan}"`,
  noOwner: "The file does not say whose it is, and its rows name no owner",
  unknownOwner: (owner: string): string => `${owner} owns no node in this plan`,
  // Reading a returned file: one change is refused.
  formulaInCell: (formula: string): string => `A formula (=${formula}) can't be collected; type the number itself`,
  textInCell: (text: string): string => `"${text}" is text, not a number`,
  dateInCell: "A date is not a target; type a number",
  booleanInCell: "TRUE or FALSE is not a target; type a number",
  errorInCell: (error: string): string => `The cell holds the error ${error}; type a number`,
  notAnInputCell: (value: string): string => `"${value}" is not a number or text`,
  notYours: (node: string, owner: string, fileOwner: string): string =>
    owner === ""
      ? `${node} has no owner; ${fileOwner} can't change it`
      : `${node} belongs to ${owner}; ${fileOwner} can't change it`,
  unknownNode: (id: string): string => `There is no node "${id}" in the plan`,
  outsideInputs: (sheet: string, address: string): string =>
    `${sheet}!${address}: only the input cells of your own nodes can be changed; this edit is ignored`,
  rowWithoutId: (row: number): string => `Row ${row} has values but no id`,
  repeatedRow: (id: string, row: number, first: number): string =>
    `${alreadyOnRow(row, id, first)}; this row is ignored`,
  changedSince: (now: string): string =>
    `Changed in the plan since this file was made (it is now ${now === "" ? "blank" : now}); collect a newer file`,
  alsoInFile: (file: string): string => `Also changed by the file "${file}"; collect that file on its own first`,
  unknownPeriod: (label: string): string => `Column "${label}" is not a period of the plan; its values are ignored`,
  collectedNote: (file: string, collectedBy: string, action: string): string =>
    `${action} from file "${file}"${collectedBy.trim() === "" ? "" : `, collected by ${collectedBy.trim()}`}`,
  nothingToApply: "There are no accepted changes to apply",
  applied: (changes: number, nodes: number): string =>
    `Applied ${changes} change${changes === 1 ? "" : "s"} to ${nodes} node${nodes === 1 ? "" : "s"}`,
  planChangedSincePreview:
    "The plan changed since the preview was made; nothing was applied. Choose the files again to see a new preview",
  // Snapshots
  snapshotNameRequired: "Give the snapshot a name",
  snapshotExists: (name: string): string => `There is already a snapshot called "${name}"`,
  noSuchSnapshot: (name: string): string => `There is no snapshot called "${name}"`,
  badSnapshot: (table: string): string => `The snapshot table ${table} has no Id column; it can't be compared`,
  snapshotSaveFailed: "Could not save the snapshot",
  snapshotListFailed: "Could not list the snapshots",
  snapshotReadFailed: (name: string): string => `Could not read the snapshot "${name}"`,
  auditReadFailed: "Could not read the audit log",
  // Here, not with the Balance view's messages: the pane's actions are in its first view.
  moveAccountsFailed: "Could not move the accounts",
  snapshotSaved: (name: string): string => `Saved the snapshot "${name}"`,
  noChangesSince: (name: string): string => `Nothing has changed since "${name}"`,
  splitFailed: "Could not make the workbooks",
  readFilesFailed: "Could not read the chosen files",
  ownersChosen: (chosen: number, owners: number): string => `${chosen} of ${owners} owners chosen`,
  splitIntro:
    "One workbook per owner with their part of the plan: their nodes and everything below them, the top-down " +
    "guidance and a report that works without the add-in. Only their own targets can be typed in; send each " +
    "workbook to its owner and collect it below when it comes back.",
  collectHint: "Choose the workbooks contributors sent back. Nothing is written until you apply the preview.",
  previewSummary: (accepted: number, rejected: number): string =>
    `${accepted} change${accepted === 1 ? "" : "s"} accepted, ${rejected} rejected`,
  fileFrom: (owner: string, made: string | null): string =>
    made === null ? `From ${owner}` : `From ${owner}, made ${made.slice(0, 10)}`,
  noChangesInFile: "No changes in this file",
  noSnapshots: "No snapshots yet. Save one to compare the plan with it later.",
  workbooksReadyToOpen: (count: number): string =>
    `${count} workbook${count === 1 ? " is" : "s are"} ready. Excel on Mac can't download files from this pane: ` +
    `open each one in Excel, save it (File > Save As) and send it to its owner.`,
  openInExcelFailed: (fileName: string, reason: string): string =>
    `Could not open ${fileName} in Excel${reason === "" ? "" : `: ${reason}`}. Try again, or make the workbooks ` +
    "in Excel on the web, where they download.",
  workbooksReady: (count: number): string =>
    `${count} workbook${count === 1 ? " is" : "s are"} ready. If a download did not start, use the link${count === 1 ? "" : "s"} below.`,
} as const;

/** The Reconcile view (src/taskpane/views/reconcile). */
export const reconcilePaneMessages = {
  notEditor: (editors: readonly string[]): string =>
    `Only the plan's top-down editors (${listNames(editors)}) enter top-down targets; you can compare the numbers here`,
  targetsSaved: (name: string): string => `Saved the top-down targets of ${name}`,
  pastedApplied: (nodes: number): string => `Applied the pasted targets of ${nodes} node${nodes === 1 ? "" : "s"}`,
  allocationApplied: (name: string): string => `Applied the new targets below ${name}`,
  bottomUpAccepted: (name: string): string => `The top-down target of ${name} is now its bottom-up`,
  pasteFirst: "Paste rows copied from Excel: an id, then one value per period",
  cascaded: (value: string): string => `No target of its own; ${value} reaches it from above`,
  chooseWeights: "Choose a table and the column that holds the weights",
  noTables: "This workbook has no tables to take weights from; add one with an id column and a weights column",
  noChildren: (name: string): string => `${name} has no nodes below it to allocate to`,
  moreProblems: (count: number): string => `and ${count} more`,
} as const;

/** The Progress view (src/taskpane/views/progress). */
export const progressPaneMessages = {
  withFilledMap: (places: string): string =>
    `With Excel's filled map of the ${places} (Excel draws it with Bing, online; the table is added either way)`,
  noDeadline: "The plan has no deadline, so nobody is late",
  notLateYet: (deadline: string): string => `The deadline is ${deadline}; nobody is late yet`,
  nobodyLate: (deadline: string): string => `The deadline was ${deadline}; every owner has submitted`,
  lateIntro: (deadline: string, owners: number): string =>
    `The deadline was ${deadline}; ${owners} owner${owners === 1 ? " has" : "s have"} not submitted everything`,
  reminderCopied: (owners: number): string =>
    `Copied a reminder to ${owners} owner${owners === 1 ? "" : "s"}; paste it into a mail or chat`,
  clipboardRefused: (what: "reminder" | "addresses"): string =>
    `The clipboard can't be used here; select the ${what === "reminder" ? "reminder" : "addresses"} below and copy ${what === "reminder" ? "it" : "them"}`,
  mailWithoutReminder:
    "The reminder is too long for an e-mail link (mail programs cut it): the mail opens without it, so copy the reminder and paste it in",
  tooManyForMailLink: (count: number): string =>
    `${count} addresses are too many for an e-mail link (mail programs cut it and drop recipients): copy their addresses and the reminder into a new mail`,
  addressesCopied: (count: number): string =>
    `Copied ${count} address${count === 1 ? "" : "es"}; paste them into a new mail's To or Bcc`,
  writeDashboardFailed: "Could not insert the dashboard",
  dashboardInserted: (sheet: string): string => `Inserted the dashboard on sheet "${sheet}"`,
  dashboardRefreshed: (sheet: string): string => `Refreshed the dashboard on sheet "${sheet}"`,
  noBranches: "No node has nodes below it, so there is nothing to chart",
  askForInput: (plan: string, deadline: string): string =>
    deadline === "" ? `Please enter your targets for ${plan}` : `Please enter your targets for ${plan} by ${deadline}`,
} as const;

/** The approval chain across levels (src/core/plan/workflow.ts `chainAction`). */
export const chainMessages = {
  nobodySubmits: "Nobody submits to you: no node owned by someone else has you as its nearest owner above.",
  unknownNode: (id: string): string => `There is no node "${id}" in the plan`,
  notYourNode: (name: string): string => `${name} is not yours: only its owner can enter and submit its targets`,
  notYourReview: (name: string, reviewer: string): string =>
    reviewer === "" ? `Nobody above reviews ${name}` : `${name} is reviewed by ${reviewer}, not by you`,
  ownSubmission: (name: string): string =>
    `You submitted ${name} yourself: someone else must approve it (nobody approves their own submission)`,
  notApproverView: (approvers: readonly string[]): string =>
    `Only the plan's approvers (${listNames(approvers)}) approve or return; you can see what is submitted to you here`,
  notApprover: (name: string): string =>
    `You can't approve or return ${name}: the plan's settings name who approves (Approvers), and you are not one of them`,
  waitingFor: (name: string, waiting: readonly string[]): string =>
    `${name} can't move on until everything below it is approved; still waiting for ${listNames(waiting)}`,
  topNoSubmit: (name: string): string =>
    `${name} is the top of the approval chain: nobody is above it to submit to; approve it in Review to close the plan`,
  aboveMoved: (name: string, above: string): string =>
    `${above} has already gone up with ${name} in it; ask for ${above} to be returned first`,
  planClosed: (by: string): string =>
    `The plan is closed: its top node was approved${by === "" ? "" : ` by ${by}`}. Its owner can reopen it`,
  unowned: (name: string): string =>
    `${name} has no owner, so nobody submits or approves it; its team goes straight to the owner above`,
} as const;

/** Who the pane acts as (src/taskpane/identity). */
export const identityMessages = {
  signingIn: "Signing in with your Office account…",
  signedInAs: (account: string): string => `Signed in as ${account}`,
  noOwner: (account: string): string =>
    `Signed in as ${account}, but no owner in this plan has that e-mail address: choose who you are`,
  unavailable: (reason: string): string => `Office sign-in unavailable: ${reason}. Choose who you are`,
} as const;
