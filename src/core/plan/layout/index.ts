/**
 * The plan as visible workbook content: which sheets and named tables hold it, what to write into
 * them, how to read them back, and the report sheet's formulas. Pure: both workbook
 * implementations (Excel and in-memory) turn these grids into cells the same way. Code outside
 * this folder imports from here; the modules import each other directly.
 *
 * Layout, every table anchored at A1 of its own sheet:
 * - "GU Settings" / GuSettings: Key | Value rows (settingsTable.ts).
 * - "GU Hierarchy" / GuHierarchy: Id | Parent | Name | Owner | the user's extra columns, in tree
 *   order (depth-first, siblings in the order set up), so the report below is in tree order too.
 * - "GU Inputs" / GuInputs and "GU Targets" / GuTargets: Id | one column per period label.
 * - "GU Status" / GuStatus: Id | Status | Comment | Return reason | Updated at | Updated by.
 * - "GU Audit" / GuAudit: Time | User | Node | Field | Old | New | Note | Identity | Hash,
 *   append-only, each row hash-chained to the one above (audit.ts, src/core/audit/chain.ts).
 * - "GU Report": formulas only (report.ts).
 * - "GU Capacity" / GuCapacity, optional, added from the pane: Node | Heads | Quota per head |
 *   Attainment | Ramp <period>... (capacityTable.ts).
 *
 * The per-node tables (inputs, targets, status) are written row-aligned with the hierarchy, and
 * keep the rows and columns of nodes and periods that left the plan (nodeTables.ts). Reading is
 * always by id, never by position. Nothing a contributor entered is deleted by setting up again.
 *
 * Text: every string cell is written through `toCellInput` (cells.ts), which puts Excel's text
 * prefix (') in front of text Excel would otherwise turn into a formula, number, date or boolean.
 * The number format "@" is deliberately not used for text: combined with the prefix its behaviour
 * is not documented, and the prefix alone is what both Excel and HyperFormula document.
 *
 * Modules: names.ts (sheets, tables, headers), cells.ts (cells, blocks, formats), problems.ts,
 * grids.ts (tables as read), settingsTable.ts, nodeTables.ts, report.ts, planLayout.ts (what a
 * setup writes), readPlan.ts, nodeRows.ts (one node's row: read, write, compare), audit.ts,
 * selection.ts (which node a cell is about).
 */
export {
  AUDIT_CHAIN_HEADERS,
  AUDIT_HEADERS,
  HIERARCHY_HEADERS,
  ID_HEADER,
  NODE_TABLES,
  PLAN_TABLES,
  READ_TABLES,
  SHEETS,
  STATUS_HEADERS,
  TABLES,
  isPlanTable,
  type PlanTable,
} from "./names";
export {
  GENERAL,
  PERCENT,
  blockFormats,
  blockHasFormulas,
  blockInputs,
  blockRange,
  cellText,
  cellsBlock,
  headerBlock,
  isFormula,
  numberFormat,
  toCellInput,
  type CellBlock,
  type CellInput,
  type LayoutCell,
} from "./cells";
export { PlanLayoutError, type LayoutProblem } from "./problems";
export { findColumn, rowIndex, sheetRowOf, type PlanGrids, type TableGrid } from "./grids";
export { readSettingsGrid } from "./settingsTable";
export { balancingAudit, balancingIn, balancingWrites } from "./settingWrites";
export {
  NO_VARIANCE_PCT,
  REPORT_CHECK_COLUMN,
  REPORT_CHECK_MESSAGE,
  REPORT_FIRST_ROW,
  REPORT_LOOKUP_HEADERS,
  REPORT_NO_DYNAMIC_ARRAYS_MESSAGE,
  noDynamicArraysBlock,
  reportColumn,
  reportLookupColumn,
  reportWidth,
  toleranceRule,
  type ToleranceRule,
} from "./report";
export {
  buildPlanLayout,
  buildPlanLayoutInTasks,
  type PlanLayout,
  type PlanSetupInput,
  type TableLayout,
} from "./planLayout";
export { planFromGrids, planFromGridsInParts, readPlanGrids } from "./readPlan";
export { NO_COVERAGE, capacityColumn, capacityReportColumn } from "./reportCapacity";
export {
  CAPACITY_HEADERS,
  capacityColumnsOf,
  capacityHeaders,
  capacityTableLayout,
  rampHeader,
  readCapacityGrid,
  type CapacityColumns,
} from "./capacityTable";
export { readReferenceGrid, referenceMessages, referenceTableLayout } from "./referenceTable";
export {
  contiguousRuns,
  newRowInputs,
  periodColumns,
  readStatusRow,
  readValues,
  runInputs,
  sameStoredState,
  statusColumns,
  statusWrites,
  valueWrites,
  type ColumnWrite,
  type EntryColumns,
} from "./nodeRows";
export {
  AUDIT_COLUMNS,
  AUDIT_TABLE,
  auditCells,
  auditChainCells,
  auditHeaderBlock,
  auditRow,
  lastChainHash,
  missingAuditColumns,
  readAuditChain,
  readAuditGrid,
} from "./audit";
export { hierarchyRowOf, nodeCellFor, nodeColumnOf, nodeIdIn } from "./selection";
