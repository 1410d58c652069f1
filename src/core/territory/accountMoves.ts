/**
 * Writing balancing moves back into the user's accounts table: which row each moved account is on,
 * and whether it still holds the territory the suggestion was made from. Both adapters decide with
 * this; a row a co-author changed since the accounts were read is refused, never overwritten.
 */
import { findColumn } from "../plan/layout";
import { idKey, idText, isBlank } from "../cell";

/** One account to move, as the pane asks: its id and territory ids as written. */
export interface AccountMove {
  readonly account: string;
  readonly from: string;
  readonly to: string;
}

/** The accounts table and the headers of its id and territory columns. */
export interface AccountsTableRef {
  readonly table: string;
  readonly idColumn: string;
  readonly territoryColumn: string;
}

export interface RefusedMove {
  readonly account: string;
  /** The sheet row, null when the account is no longer in the table. */
  readonly row: number | null;
  readonly message: string;
}

export interface MoveAccountsResult {
  /** The accounts whose territory was written, in the order asked. */
  readonly moved: readonly string[];
  readonly refused: readonly RefusedMove[];
}

/** One territory cell to write: the body row (0-based) and the move (index into the moves). */
export interface AccountWrite {
  readonly bodyRow: number;
  readonly move: number;
}

export const accountMoveMessages = {
  noColumn: (table: string, header: string): string =>
    `Table "${table}" has no column "${header}"; choose the accounts table's columns again`,
  gone: (account: string, table: string): string =>
    `Account "${account}" is no longer in table "${table}"; it was not moved. Read the accounts again and suggest anew`,
  changed: (account: string, row: number, now: string, from: string): string =>
    `Account "${account}" (row ${row}) is now in territory "${now}", not "${from}": someone changed it since it was read, so it was not moved. Read the accounts again and suggest anew`,
} as const;

/** The columns of the id and territory headers; throws naming the one missing. */
export function accountColumns(ref: AccountsTableRef, headers: readonly unknown[]): { id: number; territory: number } {
  const id = findColumn(headers, ref.idColumn);
  if (id < 0) throw new Error(accountMoveMessages.noColumn(ref.table, ref.idColumn));
  const territory = findColumn(headers, ref.territoryColumn);
  if (territory < 0) throw new Error(accountMoveMessages.noColumn(ref.table, ref.territoryColumn));
  return { id, territory };
}

/**
 * The writes for `moves` over the table's body rows (`rows`, header apart; `firstBodyRow` the sheet
 * row of `rows[0]`): each account's first row, if its territory cell still holds the move's `from`.
 */
export function planAccountWrites(
  ref: AccountsTableRef,
  rows: readonly (readonly unknown[])[],
  columns: { readonly id: number; readonly territory: number },
  firstBodyRow: number,
  moves: readonly AccountMove[],
): { writes: AccountWrite[]; refused: RefusedMove[] } {
  const rowOf = new Map<string, number>();
  rows.forEach((cells, index) => {
    const key = idKey(cells[columns.id]);
    if (key !== undefined && !rowOf.has(key)) rowOf.set(key, index);
  });
  const writes: AccountWrite[] = [];
  const refused: RefusedMove[] = [];
  moves.forEach((move, m) => {
    const bodyRow = rowOf.get(idKey(move.account) ?? "");
    if (bodyRow === undefined) {
      refused.push({ account: move.account, row: null, message: accountMoveMessages.gone(move.account, ref.table) });
      return;
    }
    const now = rows[bodyRow][columns.territory];
    if (idKey(now) !== idKey(move.from)) {
      const row = firstBodyRow + bodyRow;
      const shown = isBlank(now) ? "" : idText(now);
      refused.push({
        account: move.account,
        row,
        message: accountMoveMessages.changed(move.account, row, shown, move.from),
      });
      return;
    }
    writes.push({ bodyRow, move: m });
  });
  return { writes, refused };
}
