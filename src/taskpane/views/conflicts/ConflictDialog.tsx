import * as React from "react";
import {
  Body1,
  Body1Strong,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
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
import { sharingMessages } from "../../../core/messages";
import { formatNumber } from "../../../core/plan/numbers";
import {
  choiceOf,
  differingPeriods,
  type Conflict,
  type MergeChoice,
  type Side,
} from "../../../core/sharing/conflicts";

/** One conflicting row as the dialog shows it. */
export interface ConflictItem {
  readonly conflict: Conflict;
  readonly name: string;
  /** Why "keep mine" is impossible for this row (it was removed, the workflow refuses it now), or null. */
  readonly refusal: string | null;
}

export interface ConflictDialogProps {
  /** The dialog is open while there are items. */
  items: readonly ConflictItem[];
  periods: readonly string[];
  locale: string;
  decimals: number;
  /** Offer a choice per period (a contributor's values); a manager only keeps or drops their action. */
  canMerge: boolean;
  busy: boolean;
  /** Something to tell about the last attempt (they changed it again), or null. */
  message: string | null;
  onKeepMine(): void;
  onTakeTheirs(): void;
  onMerge(choices: ReadonlyMap<string, MergeChoice>): void;
  /** "Decide later": close, leaving the user's entries as they are. */
  onClose(): void;
}

const useStyles = makeStyles({
  items: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  number: { textAlign: "end", fontVariantNumeric: "tabular-nums" },
  differs: { fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorPaletteYellowBackground1 },
  label: { fontWeight: tokens.fontWeightSemibold },
});

/** Both versions of each conflicting row side by side, and the ways out. */
export function ConflictDialog(props: ConflictDialogProps): React.JSX.Element {
  const { items, periods, canMerge, busy, message } = props;
  const styles = useStyles();
  const [choices, setChoices] = React.useState<ReadonlyMap<string, MergeChoice>>(new Map());
  React.useEffect(() => setChoices(new Map()), [items]);
  const blocked = items.some((item) => item.refusal !== null);

  function choose(id: string, update: (choice: MergeChoice) => MergeChoice): void {
    setChoices((current) => {
      const next = new Map(current);
      next.set(id, update(current.get(id) ?? choiceOf("mine", periods.length)));
      return next;
    });
  }

  return (
    <Dialog open={items.length > 0} onOpenChange={(_event, data) => (data.open ? undefined : props.onClose())}>
      <DialogSurface aria-describedby="conflict-intro">
        <DialogBody>
          <DialogTitle>{sharingMessages.conflictTitle}</DialogTitle>
          <DialogContent>
            <div className={styles.items}>
              <Body1 id="conflict-intro">{sharingMessages.conflictIntro}</Body1>
              {message !== null ? (
                <MessageBar intent="warning" aria-live="polite">
                  <MessageBarBody>{message}</MessageBarBody>
                </MessageBar>
              ) : null}
              {items.map((item) => (
                <ConflictTable
                  key={item.conflict.id}
                  {...props}
                  item={item}
                  choice={choices.get(item.conflict.id) ?? choiceOf("mine", periods.length)}
                  onChoose={(update) => choose(item.conflict.id, update)}
                />
              ))}
            </div>
          </DialogContent>
          <DialogActions fluid>
            <Button appearance="primary" disabled={busy || blocked} onClick={props.onKeepMine}>
              Keep mine
            </Button>
            <Button disabled={busy} onClick={props.onTakeTheirs}>
              Take theirs
            </Button>
            {canMerge ? (
              <Button disabled={busy || blocked} onClick={() => props.onMerge(choices)}>
                Save merged
              </Button>
            ) : null}
            <Button appearance="subtle" onClick={props.onClose}>
              Decide later
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

interface ConflictTableProps extends ConflictDialogProps {
  item: ConflictItem;
  choice: MergeChoice;
  onChoose(update: (choice: MergeChoice) => MergeChoice): void;
}

function ConflictTable({
  item,
  periods,
  locale,
  decimals,
  canMerge,
  choice,
  onChoose,
}: ConflictTableProps): React.JSX.Element {
  const styles = useStyles();
  const { mine, theirs } = item.conflict;
  const differs = differingPeriods(item.conflict, periods.length);
  const number = (value: number | null | undefined): string =>
    value === null || value === undefined ? "—" : formatNumber(value, locale, decimals);
  const pick = (label: string, side: Side, onChange: (side: Side) => void): React.ReactNode =>
    canMerge && theirs !== null ? (
      <TableCell>
        <RadioGroup
          layout="horizontal"
          aria-label={`Keep for ${label}`}
          value={side}
          onChange={(_event, data) => onChange(data.value as Side)}
        >
          <Radio value="mine" label="Mine" />
          <Radio value="theirs" label="Theirs" />
        </RadioGroup>
      </TableCell>
    ) : null;

  return (
    <section className={styles.item} aria-label={item.name}>
      <Body1Strong>{item.name}</Body1Strong>
      {item.refusal !== null ? (
        <MessageBar intent="warning">
          <MessageBarBody>{item.refusal}</MessageBarBody>
        </MessageBar>
      ) : null}
      <Table size="small" aria-label={`${item.name}: yours and theirs`}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{""}</TableHeaderCell>
            <TableHeaderCell>Yours</TableHeaderCell>
            <TableHeaderCell>
              {theirs === null ? "Now" : `Theirs${theirs.updatedBy === "" ? "" : ` (${theirs.updatedBy})`}`}
            </TableHeaderCell>
            {canMerge && theirs !== null ? <TableHeaderCell>Keep</TableHeaderCell> : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {periods.map((period, p) => (
            <TableRow key={period}>
              <TableCell className={styles.label}>{period}</TableCell>
              <TableCell className={mergeClasses(styles.number, differs[p] && styles.differs)}>
                {number(mine.values[p])}
              </TableCell>
              <TableCell className={mergeClasses(styles.number, differs[p] && styles.differs)}>
                {theirs === null ? "—" : number(theirs.values[p])}
              </TableCell>
              {pick(period, choice.periods[p] ?? "mine", (side) =>
                onChoose((current) => ({
                  ...current,
                  periods: periods.map((_, i) => (i === p ? side : (current.periods[i] ?? "mine"))),
                })),
              )}
            </TableRow>
          ))}
          <TableRow>
            <TableCell className={styles.label}>Status</TableCell>
            <TableCell>{mine.status}</TableCell>
            <TableCell>{theirs === null ? "—" : theirs.status}</TableCell>
            {canMerge && theirs !== null ? <TableCell /> : null}
          </TableRow>
          <TableRow>
            <TableCell className={styles.label}>Comment</TableCell>
            <TableCell>{mine.comment}</TableCell>
            <TableCell>{theirs?.comment ?? ""}</TableCell>
            {pick("Comment", choice.comment, (side) => onChoose((current) => ({ ...current, comment: side })))}
          </TableRow>
        </TableBody>
      </Table>
    </section>
  );
}
