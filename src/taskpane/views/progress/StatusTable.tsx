import * as React from "react";
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import type { StatusCounts } from "../../../core/progress/progress";
import { STATUSES, type Status } from "../../../core/plan/types";
import { percent } from "../reconcile/format";
import { useNumberTableStyles } from "../../components/numberTableStyles";
import { useWindowedRows } from "../../hooks/useWindowedRows";

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
  /**
   * Draw only the rows in view, in a box of fixed height that scrolls: for a list as long as a
   * large plan's owners.
   */
  windowed?: boolean;
}

/** Fixed, so a row's position is its index times this: a name and two lines of counts and shares. */
const ROW_HEIGHT = 48;

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
  viewport: { maxHeight: "360px", overflowY: "auto" },
  row: { height: `${ROW_HEIGHT}px` },
  // A long name is cut rather than wrapped, so every row keeps its height; the full name is its title.
  name: { maxWidth: "10rem", overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
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
export function StatusTable({
  label,
  groupHeader,
  groups,
  locale,
  windowed = false,
}: StatusTableProps): React.JSX.Element {
  const styles = useStyles();
  const tableStyles = useNumberTableStyles();
  const inView = useWindowedRows({ count: groups.length, rowHeight: ROW_HEIGHT });
  const start = windowed ? inView.start : 0;
  const rows = windowed ? groups.slice(inView.start, inView.end) : groups;
  return (
    <div
      className={mergeClasses(tableStyles.scroll, windowed && styles.viewport)}
      ref={windowed ? inView.viewportRef : undefined}
      onScroll={windowed ? inView.onScroll : undefined}
    >
      <Table
        size="extra-small"
        className={tableStyles.table}
        aria-label={label}
        aria-rowcount={windowed ? groups.length + 1 : undefined}
      >
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
          {windowed && inView.padTop > 0 ? <tr aria-hidden="true" style={{ height: inView.padTop }} /> : null}
          {rows.map((group, i) => (
            <TableRow
              key={group.label}
              className={windowed ? styles.row : undefined}
              aria-rowindex={windowed ? start + i + 2 : undefined}
            >
              <TableCell>
                <div className={windowed ? styles.name : undefined} title={windowed ? group.label : undefined}>
                  {group.label}
                </div>
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
          {windowed && inView.padBottom > 0 ? <tr aria-hidden="true" style={{ height: inView.padBottom }} /> : null}
        </TableBody>
      </Table>
    </div>
  );
}
