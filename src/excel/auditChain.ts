/**
 * Appending chained audit rows in Excel: where the audit table is, its header row and the Hash
 * of its last row, read in the first sync of a save, so each new row is chained to it
 * (src/core/audit/chain.ts). Tables made before the Identity and Hash columns get them first.
 */
import { AUDIT_COLUMNS, SHEETS, TABLES, lastChainHash, missingAuditColumns } from "../core/plan/layout";

/** Where the audit rows go and what they chain to. */
export interface AuditPlace {
  readonly tableMissing: boolean;
  readonly sheetMissing: boolean;
  /** The header row the rows are laid out by, chain columns included once added. */
  readonly headers: readonly unknown[];
  /** Columns to add to the table before appending (a table from before the chain). */
  readonly addColumns: readonly string[];
  /** The Hash of the table's last row ("" starts the chain). */
  readonly previous: string;
}

/** A queued read of the audit table, completed after the caller's first sync. */
export interface PendingAuditPlace {
  /**
   * After the first sync: queues the reads of the table's tail if they could not go in the first
   * sync (the table was not known to exist); true when it did, and the caller must sync (along
   * with its own next reads) before `result`.
   */
  queueTail(): boolean;
  /** Where to append, once the tail's reads are synced. */
  result(): AuditPlace;
}

/**
 * Reads the audit table's tail, remembering whether the table existed when last seen: while it
 * does, the tail's reads go in the caller's first sync (`getItem` fails a sync for a table that
 * is gone, so they are only queued when it is expected to exist; see `ExcelPlanWorkbook`, which
 * retries once without them should someone have deleted the table since).
 */
export class AuditTail {
  /** Whether this object last saw the audit table in the workbook. */
  known = false;
  /** Whether the last `queue`'s first sync went through (a failure before it is safe to retry). */
  synced = true;

  queue(context: Excel.RequestContext): PendingAuditPlace {
    const table = context.workbook.tables.getItemOrNullObject(TABLES.audit).load("name");
    const sheet = context.workbook.worksheets.getItemOrNullObject(SHEETS.audit).load("name");
    let tail = this.known ? queueTail(context) : null;
    this.synced = false;
    return {
      queueTail: (): boolean => {
        this.synced = true;
        this.known = !table.isNullObject;
        if (table.isNullObject || tail !== null) return false;
        tail = queueTail(context);
        return true;
      },
      result: (): AuditPlace => (tail === null ? newAuditTable(sheet.isNullObject) : placeAfter(tail)),
    };
  }
}

/** Where rows go in an audit table made in this batch (`sheetMissing`: with its sheet). */
export function newAuditTable(sheetMissing: boolean): AuditPlace {
  return { tableMissing: true, sheetMissing, headers: AUDIT_COLUMNS, addColumns: [], previous: "" };
}

/**
 * Queues the reads of an audit table known to exist; `result` once the caller has synced. For a
 * write that learnt the table names in an earlier sync (setup).
 */
export function queueAuditTail(context: Excel.RequestContext): { result: () => AuditPlace } {
  const tail = queueTail(context);
  return { result: () => placeAfter(tail) };
}

function placeAfter(tail: { headers: Excel.Range; last: Excel.Range }): AuditPlace {
  const headers = tail.headers.values[0];
  const addColumns = missingAuditColumns(headers);
  return {
    tableMissing: false,
    sheetMissing: false,
    headers: [...headers, ...addColumns],
    addColumns,
    previous: lastChainHash(headers, tail.last.values[0]),
  };
}

function queueTail(context: Excel.RequestContext): { headers: Excel.Range; last: Excel.Range } {
  const table = context.workbook.tables.getItem(TABLES.audit);
  return {
    headers: table.getHeaderRowRange().load("values"),
    last: table.getDataBodyRange().getLastRow().load("values"),
  };
}
