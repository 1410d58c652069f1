import * as React from "react";
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { StatusCounts } from "../../../core/progress/progress";
import { STATUSES, type Status } from "../../../core/plan/types";
import { percent } from "../reconcile/format";
import { useNumberTableStyles } from "../../components/numberTableStyles";

export interface StatusGroup extends StatusCounts {
  readonly label: string;
}

export interface StatusTableProps {
  /** Names the table, e.g. "Status by level". */
  label: string;
  /** The first column's header, e.g. "Level". */
  groupHeader: string;
  groups: readonly StatusGroup[];
  locale: string;
}

const useStyles = makeStyles({
  share: { display: "block", color: tokens.colorNeutralForeground3 },
  bar: {
    display: "flex",
    height: "6px",
    marginTop: tokens.spacingVerticalXXS,
    borderRadius: tokens.borderRadiusSmall,
    overflow: "hidden",
    backgroundColor: tokens.colorNeutralBackground5,
    minWidth: "4rem",
  },
});

/** The same colours as the status badges, so a bar reads like the tree. */
const BAR_COLORS: Readonly<Record<Status, string>> = {
  "Not started": tokens.colorNeutralStroke1,
  Draft: tokens.colorPaletteMarigoldBorderActive,
  Submitted: tokens.colorBrandBackground,
  Approved: tokens.colorPaletteGreenBackground3,
  Returned: tokens.colorPaletteRedBackground3,
};

/** Counts and shares of nodes per status, one row per group, each with a bar of the shares. */
export function StatusTable({ label, groupHeader, groups, locale }: StatusTableProps): React.JSX.Element {
  const styles = useStyles();
  const tableStyles = useNumberTableStyles();
  return (
    <div className={tableStyles.scroll}>
      <Table size="extra-small" className={tableStyles.table} aria-label={label}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{groupHeader}</TableHeaderCell>
            <TableHeaderCell className={tableStyles.number}>Nodes</TableHeaderCell>
            {STATUSES.map((status) => (
              <TableHeaderCell key={status} className={tableStyles.number}>
                {status}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {groups.map((group) => (
            <TableRow key={group.label}>
              <TableCell>
                {group.label}
                {/* The numbers beside it say the same to assistive tech. */}
                <div className={styles.bar} aria-hidden>
                  {STATUSES.map((status) =>
                    group.counts[status] === 0 ? null : (
                      <span
                        key={status}
                        style={{ width: `${group.fractions[status] * 100}%`, backgroundColor: BAR_COLORS[status] }}
                      />
                    ),
                  )}
                </div>
              </TableCell>
              <TableCell className={tableStyles.number}>{group.total}</TableCell>
              {STATUSES.map((status) => (
                <TableCell key={status} className={tableStyles.number}>
                  {group.counts[status]}
                  <span className={styles.share}>{` (${percent(group.fractions[status], locale)})`}</span>
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
