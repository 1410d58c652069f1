import * as React from "react";
import {
  Caption1,
  Field,
  Select,
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
import { ShowMoreButton } from "../../components/ShowMoreButton";
import { useShowMore } from "../../hooks/useShowMore";
import { WarningFilled } from "@fluentui/react-icons";
import type { Figures } from "../../../core/plan/planView";
import type { Comparison, Contribution } from "../../../core/reconcile/compare";
import { amount, inColumn, percent, signed, type NumberFormat } from "./format";
import { useNumberTableStyles } from "../../components/numberTableStyles";

export interface ComparePanelProps {
  comparison: Comparison;
  format: NumberFormat;
}

const TOTAL = -1;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  outside: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  note: { display: "block", color: tokens.colorNeutralForeground3 },
  total: { fontWeight: tokens.fontWeightSemibold },
  period: { maxWidth: "12rem" },
  // Colour and icon alone don't reach screen readers; this text does.
  screenReaderOnly: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
});

/** A node's top-down target against its bottom-up, per period and in total, and each child's part of the gap. */
export function ComparePanel({ comparison, format }: ComparePanelProps): React.JSX.Element {
  const styles = useStyles();
  const tableStyles = useNumberTableStyles();
  const [period, setPeriod] = React.useState(TOTAL);
  const { periodLabels, children, ownInput } = comparison;
  const partOf = (part: { periods: readonly Contribution[]; total: Contribution }): Contribution =>
    period === TOTAL ? part.total : part.periods[period];
  const own = partOf(ownInput);
  const partFormat = period === TOTAL ? format : inColumn(format, period);
  // A node may have hundreds of children (a national manager's stores).
  const pages = useShowMore(children, comparison.name);

  return (
    <div className={styles.root}>
      <div className={tableStyles.scroll}>
        <Table size="extra-small" className={tableStyles.table} aria-label={`Compare ${comparison.name}`}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Period</TableHeaderCell>
              <NumberHeaders last="Variance %" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {periodLabels.map((label, c) => (
              <FiguresRow
                key={label}
                label={label}
                figures={comparison.periods[c]}
                cascaded={!comparison.ownTarget[c] && comparison.periods[c].topDown !== null}
                last={percent(comparison.periods[c].variancePct, format.locale, true)}
                format={inColumn(format, c)}
              />
            ))}
            <FiguresRow
              label="Total"
              figures={comparison.total}
              cascaded={false}
              last={percent(comparison.total.variancePct, format.locale, true)}
              format={format}
              strong
            />
          </TableBody>
        </Table>
      </div>
      {children.length > 0 ? (
        <>
          <Field label="Contributions in" className={styles.period}>
            <Select value={String(period)} onChange={(_event, data) => setPeriod(Number(data.value))}>
              <option value={TOTAL}>All periods</option>
              {periodLabels.map((label, c) => (
                <option key={label} value={c}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
          <div className={tableStyles.scroll}>
            <Table
              size="extra-small"
              className={tableStyles.table}
              aria-label={`Contributions to the gap of ${comparison.name}`}
            >
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Node</TableHeaderCell>
                  <NumberHeaders last="Share of gap" />
                </TableRow>
              </TableHeader>
              <TableBody>
                {pages.shown.map((child) => {
                  const part = partOf(child);
                  return (
                    <FiguresRow
                      key={child.id}
                      label={child.name}
                      figures={part}
                      cascaded={false}
                      last={percent(part.shareOfGap, format.locale)}
                      format={partFormat}
                    />
                  );
                })}
                {own.bottomUp !== 0 ? (
                  <FiguresRow
                    label={`Own input of ${comparison.name}`}
                    figures={own}
                    cascaded={false}
                    last={percent(own.shareOfGap, format.locale)}
                    format={partFormat}
                  />
                ) : null}
              </TableBody>
            </Table>
          </div>
          <ShowMoreButton list={pages} what="nodes" />
          <Caption1>Variance is bottom-up less top-down: below zero, the field is short of the target.</Caption1>
        </>
      ) : null}
    </div>
  );
}

function NumberHeaders({ last }: { last: string }): React.JSX.Element {
  const tableStyles = useNumberTableStyles();
  return (
    <>
      {["Top-down", "Bottom-up", "Variance", last].map((header) => (
        <TableHeaderCell key={header} className={tableStyles.number}>
          {header}
        </TableHeaderCell>
      ))}
    </>
  );
}

interface FiguresRowProps {
  label: string;
  figures: Figures;
  /** The top-down is a share of an ancestor's target, not the node's own. */
  cascaded: boolean;
  /** The last column's text: variance % or share of gap. */
  last: string;
  format: NumberFormat;
  strong?: boolean;
}

function FiguresRow({ label, figures, cascaded, last, format, strong = false }: FiguresRowProps): React.JSX.Element {
  const styles = useStyles();
  const tableStyles = useNumberTableStyles();
  const flag = figures.outOfTolerance ? styles.outside : undefined;
  return (
    <TableRow className={strong ? styles.total : undefined}>
      <TableCell>{label}</TableCell>
      <TableCell className={tableStyles.number}>
        {amount(figures.topDown, format)}
        {cascaded ? <Caption1 className={styles.note}>from above</Caption1> : null}
      </TableCell>
      <TableCell className={tableStyles.number}>{amount(figures.bottomUp, format)}</TableCell>
      <TableCell className={mergeClasses(tableStyles.number, flag)}>{signed(figures.variance, format)}</TableCell>
      <TableCell className={mergeClasses(tableStyles.number, flag)}>
        {last}
        {figures.outOfTolerance ? (
          <>
            {" "}
            <WarningFilled aria-hidden />
            <span className={styles.screenReaderOnly}>outside tolerance</span>
          </>
        ) : null}
      </TableCell>
    </TableRow>
  );
}
