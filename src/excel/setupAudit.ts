/** The audit rows a setup writes (src/core/audit/setupAudit.ts), chained below the log's last row. */
import { setupAudit, setupStamp } from "../core/audit/setupAudit";
import { TABLES, readPlanGrids, type CellInput, type PlanGrids } from "../core/plan/layout";
import type { PlanSetup } from "../workbook/PlanWorkbook";
import { chainedAuditRows } from "./audit";
import { newAuditTable, queueAuditTail, type AuditPlace } from "./auditChain";

/**
 * Queues the audit table's tail read (when it exists: `tables`, lower case) to ride in the caller's
 * next sync; `rows` then gives the rows for what `setup` changes over the plan in `grids` (as read
 * before the setup; `synced`: whether a sync ran since this was queued).
 */
export function setupAuditRows(
  context: Excel.RequestContext,
  tables: ReadonlySet<string>,
  setup: PlanSetup,
): { rows: (grids: PlanGrids, synced: boolean) => Promise<{ place: AuditPlace; rows: CellInput[][] }> } {
  const tail = tables.has(TABLES.audit.toLowerCase()) ? queueAuditTail(context) : null;
  return {
    rows: async (grids, synced) => {
      if (tail !== null && !synced) await context.sync();
      const read = grids.settings === undefined ? null : readPlanGrids(grids);
      const before = read === null ? null : read.ok ? read.plan : "unreadable";
      const entries = setupAudit(before, setup, setupStamp(setup.by, new Date().toISOString()));
      // A missing audit table is made by the setup itself, before the rows go in.
      const place = tail === null ? { ...newAuditTable(false), tableMissing: false } : tail.result();
      return { place, rows: chainedAuditRows(place, entries) };
    },
  };
}
