/**
 * Everything the adapter does besides reading the plan: setup, saves, snapshots, the dashboard,
 * collect's file records. Loaded on demand (`loadWrites`), so the task pane's first view carries
 * only what it needs to read and show the plan.
 */
export { moveAccounts } from "./accounts";
export { addOptionalTable } from "./optionalTables";
export { saveBalancing } from "./balancing";
export { readAudit, readAuditRows } from "./audit";
export { commentError, mentionOnNode } from "./comments";
export { writeDashboard } from "./dashboard";
export { readMadeFiles, recordMadeFiles } from "./madeFiles";
export { saveEntries } from "./saveEntries";
export { listSnapshots, readSnapshot, saveSnapshot } from "./snapshots";
export { listTables, readSelection, readTable, selectSourceRow } from "./sources";
export { saveTopDown } from "./topDown";
export { SetupStoppedError, writePlan, type StoppedSetup } from "./writePlan";

/** The module, fetched once; the first call starts the download. */
export type Writes = typeof import("./writes");
