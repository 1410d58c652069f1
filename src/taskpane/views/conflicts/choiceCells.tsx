/**
 * The pieces both merge dialogs (entries, top-down targets) show a conflict with: a row per period
 * with yours and theirs side by side, each value a radio, and the period marked when both changed it.
 */
import * as React from "react";
import { Radio, TableCell, TableRow, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { Side } from "../../../core/sharing/conflicts";

export const useChoiceStyles = makeStyles({
  items: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  number: { textAlign: "end", fontVariantNumeric: "tabular-nums" },
  differs: { fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorPaletteYellowBackground1 },
  label: { fontWeight: tokens.fontWeightSemibold },
  undecided: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  // Values sit beside their radio; nothing is cut short in a 320 px pane.
  radio: { whiteSpace: "nowrap" },
});

export interface SideRadioProps {
  /** The radio group: one per field of one conflicting row. */
  group: string;
  side: Side;
  chosen: Side | null;
  /** The side's value as shown. */
  text: string;
  /** What is chosen, for the accessible name: "UK North Q1 2027". */
  what: string;
  onPick(): void;
}

/** A radio per side, labelled with that side's value, so the choice and the number are one control. */
export function SideRadio({ group, side, chosen, text, what, onPick }: SideRadioProps): React.JSX.Element {
  const styles = useChoiceStyles();
  return (
    <Radio
      className={styles.radio}
      name={group}
      value={side}
      checked={chosen === side}
      label={text}
      aria-label={`${side === "mine" ? "Yours" : "Theirs"} for ${what}: ${text}`}
      onChange={onPick}
    />
  );
}

export interface PeriodChoiceRowProps {
  period: string;
  /** Both sides changed the period and nothing is chosen yet. */
  mustChoose: boolean;
  /** The two sides differ: the values are highlighted. */
  differs: boolean;
  mine: React.ReactNode;
  theirs: React.ReactNode;
}

/** One period of a conflicting row: its label, then yours and theirs. */
export function PeriodChoiceRow({
  period,
  mustChoose,
  differs,
  mine,
  theirs,
}: PeriodChoiceRowProps): React.JSX.Element {
  const styles = useChoiceStyles();
  const value = mergeClasses(styles.number, differs && styles.differs);
  return (
    <TableRow>
      <TableCell className={mustChoose ? styles.undecided : styles.label}>
        {mustChoose ? `${period}: both changed, choose` : period}
      </TableCell>
      <TableCell className={value}>{mine}</TableCell>
      <TableCell className={value}>{theirs}</TableCell>
    </TableRow>
  );
}
