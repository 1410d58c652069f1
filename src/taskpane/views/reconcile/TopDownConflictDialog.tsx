import * as React from "react";
import {
  Body1,
  Body1Strong,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { auditMessages } from "../../../core/audit/messages";
import { sharingMessages } from "../../../core/messages";
import { formatNumber } from "../../../core/plan/numbers";
import type { Side } from "../../../core/sharing/conflicts";
import { defaultTopDownChoice, differingTargets, type TopDownMerge } from "../../../core/sharing/topDownMerge";
import { PeriodChoiceRow, SideRadio, useChoiceStyles } from "../conflicts/choiceCells";

/** One node whose targets a co-author changed, as the dialog shows it. */
export interface TopDownConflictItem {
  readonly merge: TopDownMerge;
  readonly name: string;
}

export interface TopDownConflictDialogProps {
  /** The dialog is open while there are items. */
  items: readonly TopDownConflictItem[];
  periods: readonly string[];
  locale: string;
  decimals: number;
  busy: boolean;
  /** Something to tell about the last attempt (they changed it again), or null. */
  message: string | null;
  /** The side of every period of every conflicting node, by node id. */
  onMerge(choices: ReadonlyMap<string, readonly Side[]>): void;
  onTakeTheirs(): void;
  /** "Decide later": nothing is saved. */
  onClose(): void;
}

/** Nodes shown at once: an allocation can conflict on hundreds, and every one stays reachable by paging. */
export const PAGE_SIZE = 10;

type Draft = readonly (Side | null)[];

const useStyles = makeStyles({
  pages: { display: "flex", alignItems: "center", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/** Both versions of each conflicting node's targets, a choice per period, and the ways out. */
export function TopDownConflictDialog(props: TopDownConflictDialogProps): React.JSX.Element {
  const { items, periods, busy, message } = props;
  const styles = useChoiceStyles();
  const pageStyles = useStyles();
  const defaults = React.useMemo(
    () =>
      new Map<string, Draft>(items.map((item) => [item.merge.id, defaultTopDownChoice(item.merge, periods.length)])),
    [items, periods.length],
  );
  const [choices, setChoices] = React.useState<ReadonlyMap<string, Draft>>(defaults);
  const [page, setPage] = React.useState(0);
  React.useEffect(() => {
    setChoices(defaults);
    setPage(0);
  }, [defaults]);
  let undecided = 0;
  for (const draft of choices.values()) undecided += draft.filter((side) => side === null).length;
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const shown = items.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);

  function choose(id: string, p: number, side: Side): void {
    setChoices((current) => {
      const draft = current.get(id);
      if (draft === undefined) return current;
      return new Map(current).set(
        id,
        draft.map((s, i) => (i === p ? side : s)),
      );
    });
  }

  return (
    <Dialog open={items.length > 0} onOpenChange={(_event, data) => (data.open ? undefined : props.onClose())}>
      <DialogSurface aria-describedby="top-down-conflict-intro">
        <DialogBody>
          <DialogTitle>{sharingMessages.conflictTitle}</DialogTitle>
          <DialogContent>
            <div className={styles.items}>
              <Body1 id="top-down-conflict-intro">{auditMessages.topDownIntro}</Body1>
              {message !== null ? (
                <MessageBar intent="warning" aria-live="polite">
                  <MessageBarBody>{message}</MessageBarBody>
                </MessageBar>
              ) : null}
              {undecided > 0 ? (
                <Body1 className={styles.undecided}>{auditMessages.topDownToChoose(undecided)}</Body1>
              ) : null}
              {pages > 1 ? (
                <div className={pageStyles.pages}>
                  <Caption1>
                    {auditMessages.topDownPage(
                      page * PAGE_SIZE + 1,
                      Math.min(items.length, (page + 1) * PAGE_SIZE),
                      items.length,
                    )}
                  </Caption1>
                  <Button size="small" disabled={page === 0} onClick={() => setPage(page - 1)}>
                    Previous
                  </Button>
                  <Button size="small" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
                    Next
                  </Button>
                </div>
              ) : null}
              {shown.map((item) => (
                <TargetsTable
                  key={item.merge.id}
                  {...props}
                  item={item}
                  draft={choices.get(item.merge.id) ?? defaultTopDownChoice(item.merge, periods.length)}
                  onChoose={(p, side) => choose(item.merge.id, p, side)}
                />
              ))}
            </div>
          </DialogContent>
          <DialogActions fluid>
            <Button
              appearance="primary"
              disabled={busy || undecided > 0}
              onClick={() => props.onMerge(choices as ReadonlyMap<string, readonly Side[]>)}
            >
              Save merged
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

interface TargetsTableProps extends TopDownConflictDialogProps {
  item: TopDownConflictItem;
  draft: Draft;
  onChoose(p: number, side: Side): void;
}

function TargetsTable({ item, periods, locale, decimals, draft, onChoose }: TargetsTableProps): React.JSX.Element {
  const styles = useChoiceStyles();
  const { merge, name } = item;
  const differs = differingTargets(merge, periods.length);
  const number = (value: number | null | undefined): string =>
    value === null || value === undefined ? "—" : formatNumber(value, locale, decimals);
  const radio = (period: string, p: number, side: Side, text: string) => (
    <SideRadio
      group={`${merge.id}-${p}`}
      side={side}
      chosen={draft[p]}
      text={text}
      what={`${name} ${period}`}
      onPick={() => onChoose(p, side)}
    />
  );

  return (
    <section className={styles.item} aria-label={name}>
      <Body1Strong>{name}</Body1Strong>
      <Table size="small" aria-label={`${name}: yours and theirs`}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{""}</TableHeaderCell>
            <TableHeaderCell>Yours</TableHeaderCell>
            <TableHeaderCell>Theirs</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {periods.map((period, p) => (
            <PeriodChoiceRow
              key={period}
              period={period}
              mustChoose={draft[p] === null}
              differs={differs[p]}
              mine={radio(period, p, "mine", number(merge.mine[p]))}
              theirs={radio(period, p, "theirs", number(merge.theirs?.[p]))}
            />
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
