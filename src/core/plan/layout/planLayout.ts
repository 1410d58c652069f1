/** Everything a setup writes: the tables' sizes and cells, and the report's rules. */
import { MAX_DECIMALS } from "../../allocation";
import { Hierarchy } from "../../hierarchy/hierarchy";
import { atOnce, inTasks, type Stages } from "../../stages";
import { layoutMessages } from "../../messages";
import type { PlanNode, PlanSettings } from "../types";
import { planMeasures, valueColumns } from "../measures";
import {
  GENERAL,
  PERCENT,
  WHOLE,
  cellsBlock,
  formatBlock,
  headerBlock,
  type CellBlock,
  type LayoutCell,
} from "./cells";
import { findColumn, type PlanGrids } from "./grids";
import {
  HIERARCHY_HEADERS,
  ID_HEADER,
  NODE_TABLES,
  SETTINGS_HEADERS,
  SHEETS,
  TABLES,
  TABLE_SHEETS,
  type PlanTable,
} from "./names";
import { nodeTableContent, orphanIds, storedTables } from "./nodeTables";
import { PlanLayoutError, type LayoutProblem } from "./problems";
import { reportBlocks, type ToleranceRule } from "./report";
import { capacityCheck, capacityReportBlocks, capacityReportColumn } from "./reportCapacity";
import { referenceCheck, referenceColumnsOf, referenceReportBlocks } from "./reportReference";
import { capacityColumnsOf } from "./capacityTable";
import { ratioReportBlocks } from "./reportRatios";
import { settingsRow, settingsRows } from "./settingsTable";

/** The range a plan table must cover: header row plus body, anchored at A1. */
export interface TableLayout {
  readonly table: PlanTable;
  readonly name: string;
  readonly sheet: string;
  readonly rowCount: number;
  readonly colCount: number;
}

export interface PlanLayout {
  /** Settings, hierarchy, inputs, targets and status, with the size each must have. */
  readonly tables: readonly TableLayout[];
  /** Everything to write, in order (the report's spilling formulas come last). */
  readonly blocks: readonly CellBlock[];
  readonly rules: readonly ToleranceRule[];
  /** Ids of the per-node tables' rows, in order: the nodes in tree order, then orphans. */
  readonly rowIds: readonly string[];
}

export interface PlanSetupInput {
  readonly settings: PlanSettings;
  readonly nodes: readonly PlanNode[];
}

/**
 * Everything to write for `setup`, keeping what the per-node tables in `existing` hold (by id);
 * with a capacity table in `existing`, the report gains its capacity and coverage block.
 * Throws `PlanLayoutError` when the setup is not a valid plan or an existing table can't be read
 * safely (its rows would be lost).
 */
export function buildPlanLayout(setup: PlanSetupInput, existing: PlanGrids): PlanLayout {
  return atOnce(planLayoutStages(setup, existing));
}

/**
 * `buildPlanLayout` with a task between its stages (the hierarchy, each per-node table, the
 * report): at 10,000 nodes with a second measure it was a task of 0.3 s in the pane.
 */
export function buildPlanLayoutInTasks(setup: PlanSetupInput, existing: PlanGrids): Promise<PlanLayout> {
  return inTasks(planLayoutStages(setup, existing));
}

function* planLayoutStages(setup: PlanSetupInput, existing: PlanGrids): Stages<PlanLayout> {
  const { settings } = setup;
  const problems = setupProblems(setup);
  const built = Hierarchy.build(
    setup.nodes.map((node) => node.id),
    setup.nodes.map((node) => node.parent),
  );
  if (!built.ok) {
    for (const problem of built.problems)
      problems.push({ sheet: "", row: problem.rows[0] ?? null, message: problem.message });
  }
  if (problems.length > 0 || !built.ok) throw new PlanLayoutError(problems);

  const nodes = Array.from(built.hierarchy.order, (index) => setup.nodes[index]);
  const stored = storedTables(existing);
  const nodeIds = nodes.map((node) => node.id);
  const rowIds = [...nodeIds, ...orphanIds(stored, nodeIds)];

  const tables: TableLayout[] = [];
  const blocks: CellBlock[] = [];
  const addTable = (
    table: PlanTable,
    headers: readonly string[],
    body: LayoutCell[][],
    formats: readonly string[],
  ): void => {
    const sheet = TABLE_SHEETS[table];
    tables.push({ table, name: TABLES[table], sheet, rowCount: body.length + 1, colCount: headers.length });
    blocks.push(headerBlock(sheet, headers));
    blocks.push(cellsBlock(sheet, 1, 0, body, formats));
  };

  addTable("settings", SETTINGS_HEADERS, settingsRows(settings), [GENERAL, GENERAL]);
  blocks.push(formatBlock(SHEETS.settings, settingsRow("decimals") - 1, 1, 1, [WHOLE]));
  blocks.push(formatBlock(SHEETS.settings, settingsRow("tolerance") - 1, 1, 1, [PERCENT]));
  blocks.push(formatBlock(SHEETS.settings, settingsRow("overAssignment") - 1, 1, 1, [PERCENT]));

  const attributes = attributeNames(setup.nodes);
  const hierarchyHeaders = [...HIERARCHY_HEADERS, ...attributes];
  const hierarchyCells = nodes.map((node): LayoutCell[] => [
    node.id,
    node.parent,
    node.name,
    node.owner,
    ...attributes.map((name) => node.attributes[name] ?? ""),
  ]);
  addTable(
    "hierarchy",
    hierarchyHeaders,
    hierarchyCells,
    hierarchyHeaders.map(() => GENERAL),
  );

  for (const table of NODE_TABLES) {
    yield;
    const content = nodeTableContent(table, stored[table], settings, rowIds);
    addTable(table, content.columns, content.body, content.formats);
  }
  yield;

  const tableRows = rowIds.length;
  // The capacity block only over a capacity table whose Node and Quota columns are there to read.
  const capacity = existing.capacity === undefined ? null : capacityColumnsOf(existing.capacity, settings.periods);
  const reference =
    existing.reference === undefined ? null : referenceColumnsOf(existing.reference, valueColumns(settings));
  const report = reportBlocks(settings, nodes.length, { inputs: tableRows, targets: tableRows, status: tableRows }, [
    ...(capacity === null ? [] : [capacityCheck(capacity)]),
    ...(reference === null ? [] : [referenceCheck(reference)]),
  ]);
  const coverage = capacity === null ? null : capacityReportBlocks(settings, nodes.length, capacity);
  // Right of the capacity block when there is one, a column apart, else where it would start; the
  // ratios right of the last-year block likewise.
  const referenceStart =
    capacityReportColumn(valueColumns(settings).length) + (capacity === null ? 0 : settings.periods.length * 3 + 1);
  const lastYear = reference === null ? [] : referenceReportBlocks(settings, nodes.length, reference, referenceStart);
  const ratioStart = referenceStart + (reference === null ? 0 : valueColumns(settings).length * 2 + 1);
  const ratios = ratioReportBlocks(settings, nodes.length, ratioStart);
  return {
    tables,
    blocks: [...blocks, ...report.blocks, ...(coverage?.blocks ?? []), ...lastYear, ...ratios],
    rules: [...report.rules, ...(coverage?.rules ?? [])],
    rowIds,
  };
}

function setupProblems(setup: PlanSetupInput): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  const add = (message: string): void => {
    problems.push({ sheet: "", row: null, message });
  };
  const { settings } = setup;
  if (setup.nodes.length === 0) add(layoutMessages.noNodes);
  if (settings.periods.length === 0) add(layoutMessages.noPeriods);
  const seen = new Set<string>();
  settings.periods.forEach((label, i) => {
    const key = label.trim().toLowerCase();
    if (key === "") add(layoutMessages.blankPeriod(i + 1));
    else if (key === ID_HEADER.toLowerCase()) add(layoutMessages.reservedPeriod(label));
    else if (seen.has(key)) add(layoutMessages.duplicatePeriod(label));
    seen.add(key);
  });
  if (!Number.isInteger(settings.decimals) || settings.decimals < 0 || settings.decimals > MAX_DECIMALS) {
    add(layoutMessages.badDecimals(MAX_DECIMALS));
  }
  for (const message of measureProblems(settings)) add(message);
  if (!Number.isFinite(settings.tolerance) || settings.tolerance < 0) add(layoutMessages.badTolerance);
  for (const name of attributeNames(setup.nodes)) {
    if (name.trim() === "") add(layoutMessages.blankAttribute);
    else if (findColumn(HIERARCHY_HEADERS, name) >= 0) add(layoutMessages.reservedAttribute(name));
  }
  return problems;
}

/**
 * Each measure needs a name of its own, and every value column a header of its own: "Units" with
 * a period "Q1" and a measure "Units Q1" would write two columns of one name.
 */
function measureProblems(settings: PlanSettings): string[] {
  if ((settings.moreMeasures ?? []).length === 0 && (settings.ratios ?? []).length === 0) return [];
  const problems: string[] = [];
  const names = new Set<string>();
  const entered = new Set(planMeasures(settings).map((measure) => measure.name.trim().toLowerCase()));
  for (const ratio of settings.ratios ?? []) {
    for (const part of [ratio.numerator, ratio.denominator])
      if (!entered.has(part.trim().toLowerCase())) problems.push(layoutMessages.unknownRatioPart(ratio.name, part));
  }
  [...planMeasures(settings), ...(settings.ratios ?? [])].forEach((measure, m) => {
    const key = measure.name.trim().toLowerCase();
    if (key === "") problems.push(layoutMessages.blankMeasure(m + 1));
    else if (names.has(key)) problems.push(layoutMessages.duplicateMeasure(measure.name));
    names.add(key);
    if (!Number.isInteger(measure.decimals) || measure.decimals < 0 || measure.decimals > MAX_DECIMALS)
      problems.push(layoutMessages.badMeasureDecimals(measure.name, MAX_DECIMALS));
  });
  if (problems.length > 0) return problems;
  const labels = new Set<string>();
  for (const label of valueColumns(settings)) {
    const key = label.trim().toLowerCase();
    if (key === ID_HEADER.toLowerCase()) problems.push(layoutMessages.reservedPeriod(label));
    else if (labels.has(key)) problems.push(layoutMessages.duplicateColumn(label));
    labels.add(key);
  }
  return problems;
}

/** The extra hierarchy columns, in the order first seen. */
function attributeNames(nodes: readonly PlanNode[]): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const node of nodes) {
    for (const name of Object.keys(node.attributes)) {
      if (seen.has(name)) continue;
      seen.add(name);
      names.push(name);
    }
  }
  return names;
}
