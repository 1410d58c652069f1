import * as React from "react";
import { Badge, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import type { Move } from "../../../core/territory/balance";
import type { TerritoryBalance } from "../../../core/territory/workload";
import { useNumberTableStyles } from "../../components/numberTableStyles";
import { amount, percent } from "../reconcile/format";

export interface BalanceTableProps {
  /** Names the table for assistive tech. */
  label: string;
  balances: readonly TerritoryBalance[];
  /** The same territories before the moves: shows a Before column. */
  before?: readonly TerritoryBalance[];
  /** A territory's name from its id. */
  name(id: string): string;
  locale: string;
  /** "±5 %", for the flag's tooltip text. */
  band: string;
}

/** Workload is shown with one decimal: drivers are visits and hours, often fractional when weighted. */
const DECIMALS = 1;

function Flag({ balance, band }: { balance: TerritoryBalance; band: string }): React.JSX.Element | null {
  if (!balance.outOfBand) return null;
  const over = balance.balance > 1;
  return (
    <Badge appearance="tint" color={over ? "danger" : "warning"} title={`Outside ${band} of the average`}>
      {over ? "over" : "under"}
    </Badge>
  );
}

/** Each territory's workload and its balance as a % of the siblings' average, flagged outside the band. */
export function BalanceTable({ label, balances, before, name, locale, band }: BalanceTableProps): React.JSX.Element {
  const styles = useNumberTableStyles();
  const format = { locale, decimals: DECIMALS };
  return (
    <div className={styles.scroll}>
      <Table size="extra-small" className={styles.table} aria-label={label}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Territory</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Workload</TableHeaderCell>
            {before !== undefined ? <TableHeaderCell className={styles.number}>Before</TableHeaderCell> : null}
            <TableHeaderCell className={styles.number}>{before !== undefined ? "After" : "Balance"}</TableHeaderCell>
            <TableHeaderCell>Band</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {balances.map((balance, i) => (
            <TableRow key={balance.id}>
              <TableCell>{name(balance.id)}</TableCell>
              <TableCell className={styles.number}>{amount(balance.workload, format)}</TableCell>
              {before !== undefined ? (
                <TableCell className={styles.number}>{percent(before[i]?.balance ?? null, locale)}</TableCell>
              ) : null}
              <TableCell className={styles.number}>{percent(balance.balance, locale)}</TableCell>
              <TableCell>
                <Flag balance={balance} band={band} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

export interface MovesTableProps {
  moves: readonly Move[];
  name(id: string): string;
  locale: string;
}

/** The suggested moves: which account goes from which territory to which, and the workload it takes. */
export function MovesTable({ moves, name, locale }: MovesTableProps): React.JSX.Element {
  const styles = useNumberTableStyles();
  const format = { locale, decimals: DECIMALS };
  return (
    <div className={styles.scroll}>
      <Table size="extra-small" className={styles.table} aria-label="Suggested moves">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Account</TableHeaderCell>
            <TableHeaderCell>From</TableHeaderCell>
            <TableHeaderCell>To</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Workload</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {moves.map((move) => (
            <TableRow key={move.account}>
              <TableCell>{move.account}</TableCell>
              <TableCell>{name(move.from)}</TableCell>
              <TableCell>{name(move.to)}</TableCell>
              <TableCell className={styles.number}>{amount(move.workload, format)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
