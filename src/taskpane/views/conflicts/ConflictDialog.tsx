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
  Caption1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { sharingMessages } from "../../../core/messages";
import { formatNumber } from "../../../core/plan/numbers";
import type { NodeEntry } from "../../../core/plan/types";
import { differingPeriods, type Conflict, type MergeChoice, type Side } from "../../../core/sharing/conflicts";
import { PeriodChoiceRow, SideRadio, useChoiceStyles } from "./choiceCells";
import { completeChoice, defaultChoice, type DraftChoice } from "./threeWay";

/** One conflicting row as the dialog shows it. */
export interface ConflictItem {
  readonly conflict: Conflict;
  readonly name: string;
  /** The row as the user read it before either change: the third side of the merge; null if it had none. */
  readonly base: NodeEntry | null;
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

/** Both versions of each conflicting row side by side, and the ways out. */
export function ConflictDialog(props: ConflictDialogProps): React.JSX.Element {
  const { items, periods, canMerge, busy, message } = props;
  const styles = useChoiceStyles();
  const defaults = React.useMemo(
    () =>
      new Map(
        items.map((item) => [
          item.conflict.id,
          defaultChoice(item.base, item.conflict.mine, item.conflict.theirs, periods.length),
        ]),
      ),
    [items, periods.length],
  );
  const [choices, setChoices] = React.useState<ReadonlyMap<string, DraftChoice>>(defaults);
  React.useEffect(() => setChoices(defaults), [defaults]);
  const blocked = items.some((item) => item.refusal !== null);
  const complete = new Map<string, MergeChoice>();
  for (const [id, choice] of choices) {
    const done = completeChoice(choice);
    if (done !== null) complete.set(id, done);
  }
  const undecided = complete.size < choices.size;

  function choose(id: string, update: (choice: DraftChoice) => DraftChoice): void {
    setChoices((current) => {
      const next = new Map(current);
      const choice = current.get(id);
      if (choice !== undefined) next.set(id, update(choice));
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
                  choice={
                    choices.get(item.conflict.id) ??
                    defaultChoice(item.base, item.conflict.mine, item.conflict.theirs, periods.length)
                  }
                  onChoose={(update) => choose(item.conflict.id, update)}
                />
              ))}
            </div>
          </DialogContent>
          <DialogActions fluid>
            {canMerge ? (
              <Button
                appearance="primary"
                disabled={busy || blocked || undecided}
                onClick={() => props.onMerge(complete)}
              >
                Save merged
              </Button>
            ) : null}
            <Button
              appearance={canMerge ? "secondary" : "primary"}
              disabled={busy || blocked}
              onClick={props.onKeepMine}
            >
              {canMerge ? "Keep all mine" : "Keep mine"}
            </Button>
            <Button disabled={busy} onClick={props.onTakeTheirs}>
              Take theirs
            </Button>
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
  choice: DraftChoice;
  onChoose(update: (choice: DraftChoice) => DraftChoice): void;
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
  const styles = useChoiceStyles();
  const { mine, theirs } = item.conflict;
  const differs = differingPeriods(item.conflict, periods.length);
  const number = (value: number | null | undefined): string =>
    value === null || value === undefined ? "—" : formatNumber(value, locale, decimals);
  const merging = canMerge && theirs !== null;
  // Without a merge there is nothing to choose: the values only.
  const cell = (label: string, group: string, side: Side, chosen: Side | null, text: string, onPick: () => void) =>
    merging ? <SideRadio group={group} side={side} chosen={chosen} text={text} what={label} onPick={onPick} /> : text;
  const setPeriod = (p: number, side: Side) =>
    onChoose((current) => ({ ...current, periods: current.periods.map((s, i) => (i === p ? side : s)) }));
  const group = (what: string): string => `${item.conflict.id}-${what}`;

  return (
    <section className={styles.item} aria-label={item.name}>
      <Body1Strong>{item.name}</Body1Strong>
      {theirs !== null && theirs.updatedBy !== "" ? (
        <Caption1>{`Theirs: last saved by ${theirs.updatedBy}`}</Caption1>
      ) : null}
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
            <TableHeaderCell>{theirs === null ? "Now" : "Theirs"}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {periods.map((period, p) => {
            const chosen = choice.periods[p] ?? null;
            return (
              <PeriodChoiceRow
                key={period}
                period={period}
                mustChoose={merging && chosen === null}
                differs={differs[p]}
                mine={cell(period, group(String(p)), "mine", chosen, number(mine.values[p]), () =>
                  setPeriod(p, "mine"),
                )}
                theirs={
                  theirs === null
                    ? "—"
                    : cell(period, group(String(p)), "theirs", chosen, number(theirs.values[p]), () =>
                        setPeriod(p, "theirs"),
                      )
                }
              />
            );
          })}
          <TableRow>
            <TableCell className={styles.label}>Status</TableCell>
            <TableCell>{mine.status}</TableCell>
            <TableCell>{theirs === null ? "—" : theirs.status}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell className={merging && choice.comment === null ? styles.undecided : styles.label}>
              {merging && choice.comment === null ? "Comment: both changed, choose" : "Comment"}
            </TableCell>
            <TableCell>
              {cell("Comment", group("comment"), "mine", choice.comment, mine.comment, () =>
                onChoose((current) => ({ ...current, comment: "mine" })),
              )}
            </TableCell>
            <TableCell>
              {theirs === null
                ? ""
                : cell("Comment", group("comment"), "theirs", choice.comment, theirs.comment, () =>
                    onChoose((current) => ({ ...current, comment: "theirs" })),
                  )}
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>
    </section>
  );
}
