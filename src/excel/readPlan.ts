import { READ_TABLES, TABLES, planFromGrids } from "../core/plan/layout";
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
  const plan = planFromGrids(planGrids(present, tables));
  hints.update(
    hintsFromRead(
      present,
      tables.map((table) => table.grid),
    ),
  );
  return plan;
}
