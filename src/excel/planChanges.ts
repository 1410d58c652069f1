/**
 * Telling the pane that the plan changed other than through this add-in's own writes: Excel's
 * `TableCollection.onChanged` (ExcelApi 1.7) fires for any data change on any table, whoever made
 * it: "User interaction via the Excel user interface", "Office Add-in (JavaScript) code" and, with
 * coauthoring, a coauthor, told apart by the event's `source`, "Local" or "Remote" ("Work with
 * Events using the Excel JavaScript API": Event triggers; Events and coauthoring).
 *
 * Events carry no hint of who wrote the cells, so this add-in's own writes are recognised by time:
 * a Local event that arrives while one of this object's writes runs, or within `OWN_WRITE_SETTLE_MS`
 * after it ended (events are delivered after the sync that caused them), is taken as its own.
 * Remote events are always reported. A user typing in the plan's sheets in the second after the
 * pane saved is the one case this misses; the next change, or the Refresh button, shows it.
 */
import { TABLES } from "../core/plan/layout";
import type { PlanChange } from "../workbook/PlanWorkbook";
import type { ExcelRun } from "./run";

export const OWN_WRITE_SETTLE_MS = 1500;

/** Which Local change events this object's own writes caused (see the module comment). */
export class OwnWrites {
  private running = 0;
  private quietUntil = Number.NEGATIVE_INFINITY;

  constructor(private readonly now: () => number = Date.now) {}

  async around<T>(write: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await write();
    } finally {
      this.running--;
      this.quietUntil = this.now() + OWN_WRITE_SETTLE_MS;
    }
  }

  isOwn(source: string): boolean {
    return source !== "Remote" && (this.running > 0 || this.now() < this.quietUntil);
  }
}

/** Whether this Excel has `TableCollection.onChanged` with `source` (ExcelApi 1.7). */
export const excelHasTableEvents = (): boolean =>
  typeof Office !== "undefined" && Office.context.requirements.isSetSupported("ExcelApi", "1.7");

const PLAN_TABLE_NAMES = new Set(Object.values(TABLES).map((name) => name.toLowerCase()));

/**
 * Calls `listener` for each change of the plan's tables not made by `own`'s writes; returns
 * unsubscribe. On a host without the event (`supported` false) it never calls it.
 */
export function onPlanChanged(
  run: ExcelRun,
  own: OwnWrites,
  supported: () => boolean,
  listener: (change: PlanChange) => void,
): () => void {
  return supported() ? watchPlanTables(run, own, listener).stop : () => undefined;
}

/** `onPlanChanged`'s subscription; `ready` settles once Excel has registered the handler. */
export function watchPlanTables(
  run: ExcelRun,
  own: OwnWrites,
  listener: (change: PlanChange) => void,
): { ready: Promise<unknown>; stop: () => void } {
  let active = true;
  // Table id -> whether it is one of the plan's tables; ids are stable while the table exists.
  const known = new Map<string, boolean>();
  const isPlanTable = async (tableId: string): Promise<boolean> => {
    const cached = known.get(tableId);
    if (cached !== undefined) return cached;
    const table = await run(async (context) => {
      const item = context.workbook.tables.getItemOrNullObject(tableId).load("name");
      await context.sync();
      return item.isNullObject ? null : item.name;
    });
    const plan = table !== null && PLAN_TABLE_NAMES.has(table.toLowerCase());
    if (table !== null) known.set(tableId, plan);
    return plan;
  };
  const registration = run(async (context) => {
    const handler = context.workbook.tables.onChanged.add(async (event) => {
      // Decided on arrival: whether a write of ours is running is a question about now.
      if (!active || own.isOwn(event.source)) return;
      const origin = event.source === "Remote" ? "remote" : "local";
      if ((await isPlanTable(event.tableId)) && active) listener({ origin });
    });
    await context.sync();
    return handler;
  });
  return {
    ready: registration,
    stop: () => {
      active = false;
      void registration.then((handler) =>
        run(async (context) => {
          handler.remove();
          await context.sync();
        }, handler.context),
      );
    },
  };
}
