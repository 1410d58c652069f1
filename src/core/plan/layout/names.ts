/** The names of the plan's sheets, tables and fixed columns. */

export const SHEETS = {
  settings: "GU Settings",
  hierarchy: "GU Hierarchy",
  inputs: "GU Inputs",
  targets: "GU Targets",
  status: "GU Status",
  audit: "GU Audit",
  report: "GU Report",
  capacity: "GU Capacity",
  reference: "GU Reference",
  profiles: "GU Profiles",
} as const;

/** "capacity", "reference" and "profiles" are optional: a plan without them is read as before (optionalTables.ts). */
export type PlanTable =
  "settings" | "hierarchy" | "inputs" | "targets" | "status" | "audit" | "capacity" | "reference" | "profiles";

/** Excel table names: unique in the workbook, so they carry the Gu prefix too. */
export const TABLES: Readonly<Record<PlanTable, string>> = {
  settings: "GuSettings",
  hierarchy: "GuHierarchy",
  inputs: "GuInputs",
  targets: "GuTargets",
  status: "GuStatus",
  audit: "GuAudit",
  capacity: "GuCapacity",
  reference: "GuReference",
  profiles: "GuProfiles",
};

export const TABLE_SHEETS: Readonly<Record<PlanTable, string>> = {
  settings: SHEETS.settings,
  hierarchy: SHEETS.hierarchy,
  inputs: SHEETS.inputs,
  targets: SHEETS.targets,
  status: SHEETS.status,
  audit: SHEETS.audit,
  capacity: SHEETS.capacity,
  reference: SHEETS.reference,
  profiles: SHEETS.profiles,
};

/** The tables `readPlanGrids` needs; the audit log is read on its own. */
export const PLAN_TABLES: readonly PlanTable[] = ["settings", "hierarchy", "inputs", "targets", "status"];
/** The plan's tables a read takes when present: the required ones, then the optional capacity table. */
export const READ_TABLES: readonly PlanTable[] = [...PLAN_TABLES, "capacity", "reference", "profiles"];
/** The tables that hold something per node and must survive a new setup. */
export const NODE_TABLES = ["inputs", "targets", "status"] as const;
export type NodeTable = (typeof NODE_TABLES)[number];

export const ID_HEADER = "Id";
export const SETTINGS_HEADERS = ["Key", "Value"] as const;
export const HIERARCHY_HEADERS = [ID_HEADER, "Parent", "Name", "Owner"] as const;
export const STATUS_HEADERS = [ID_HEADER, "Status", "Comment", "Return reason", "Updated at", "Updated by"] as const;
export const AUDIT_HEADERS = ["Time", "User", "Node", "Field", "Old", "New", "Note"] as const;
/** Columns the audit table gained later (audit.ts): tables made before them are extended on the next append. */
export const AUDIT_CHAIN_HEADERS = ["Identity", "Hash"] as const;

/** True for the names of the plan's own tables (listTables leaves them out). */
export function isPlanTable(name: string): boolean {
  const key = name.toLowerCase();
  // Snapshots (src/core/sharing/snapshots.ts) are plan tables too: GuSnapshots and GuSnapshot<n>.
  return Object.values(TABLES).some((table) => table.toLowerCase() === key) || /^gusnapshots?\d*$/.test(key);
}
