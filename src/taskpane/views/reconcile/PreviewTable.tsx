import * as React from "react";
import {
  Badge,
  Caption1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ShowMoreButton } from "../../components/ShowMoreButton";
import { useShowMore } from "../../hooks/useShowMore";
import type { PreviewRow } from "../../../core/reconcile/targets";
import { amount, inColumn, signed, type NumberFormat } from "./format";
import { useNumberTableStyles } from "../../components/numberTableStyles";

export interface PreviewTableProps {
  /** Names the table for assistive tech, e.g. "Allocation preview". */
  label: string;
  periods: readonly string[];
  rows: readonly PreviewRow[];
  /** The node allocated from, shown first, marked as the target being shared. */
  parent?: PreviewRow | null;
  format: NumberFormat;
}

const useStyles = makeStyles({
  change: { display: "block", color: tokens.colorNeutralForeground3 },
  name: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  parent: { fontWeight: tokens.fontWeightSemibold },
});

/** New top-down targets per node and period before anything is written, each with its change. */
export function PreviewTable({ label, periods, rows, parent, format }: PreviewTableProps): React.JSX.Element {
  const styles = useStyles();
  const tableStyles = useNumberTableStyles();
  const pages = useShowMore(rows, label);
  return (
    <>
      <div className={tableStyles.scroll}>
        <Table size="extra-small" className={tableStyles.table} aria-label={label}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Node</TableHeaderCell>
              {periods.map((period) => (
                <TableHeaderCell key={period} className={tableStyles.number}>
                  {period}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {parent ? (
              <TableRow className={styles.parent}>
                <TableCell>{`${parent.name} (target)`}</TableCell>
                {parent.cells.map((cell, c) => (
                  <TableCell key={periods[c]} className={tableStyles.number}>
                    {amount(cell.after, inColumn(format, c))}
                  </TableCell>
                ))}
              </TableRow>
            ) : null}
            {pages.shown.map((row) => (
              <TableRow key={row.id}>
                <TableCell>
                  <span className={styles.name}>
                    {row.name}
                    {row.held ? (
                      <Badge size="small" appearance="outline">
                        held
                      </Badge>
                    ) : null}
                  </span>
                </TableCell>
                {row.cells.map((cell, c) => (
                  <TableCell key={periods[c]} className={tableStyles.number}>
                    {amount(cell.after, inColumn(format, c))}
                    {cell.change !== null && cell.change !== 0 ? (
                      <Caption1 className={styles.change}>{`(${signed(cell.change, inColumn(format, c))})`}</Caption1>
                    ) : null}
                    {cell.change === null && cell.before !== cell.after ? (
                      <Caption1
                        className={styles.change}
                      >{`(was ${amount(cell.before, inColumn(format, c))})`}</Caption1>
                    ) : null}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <ShowMoreButton list={pages} what="nodes" />
    </>
  );
}
