import { READ_TABLES, TABLES, planFromGridsInParts } from "../core/plan/layout";
import type { Plan } from "../core/plan/types";
import type { AuditTail } from "./auditChain";
import { hintsFromRead, type RowHints } from "./hints";
import { planGrids, readTables, tableNames, tablesPresent } from "./tableReads";

/**
 * The plan the workbook's tables hold, or null without a settings table; notes in `hints` where its
 * rows are. The optional capacity table is read with the others when it exists: same syncs.
 */
export async function readPlan(
  context: Excel.RequestContext,
  hints: RowHints,
  auditTail?: AuditTail,
): Promise<Plan | null> {
  const existing = await tableNames(context);
  if (auditTail !== undefined) auditTail.known = existing.has(TABLES.audit.toLowerCase());
  if (!existing.has(TABLES.settings.toLowerCase())) return null;
  const present = tablesPresent(READ_TABLES, existing);
  const tables = await readTables(
    context,
    present.map((table) => TABLES[table]),
  );
  // In parts, a task each: made at once, a 100,000-node plan is 0.6–0.9 s of work (Node) in one task.
  const plan = await planFromGridsInParts(planGrids(present, tables));
  hints.update(
    hintsFromRead(
      present,
      tables.map((table) => table.grid),
    ),
  );
  return plan;
}
