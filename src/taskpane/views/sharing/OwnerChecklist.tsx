import * as React from "react";
import { Checkbox, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { ListSearch } from "../../components/ListSearch";
import { sharingMessages, taskPaneMessages } from "../../../core/messages";
import { LONG_LIST, itself, useNameFilter } from "../../hooks/useNameFilter";
import { useWindowedRows } from "../../hooks/useWindowedRows";

export interface OwnerChecklistProps {
  owners: readonly string[];
  chosen: ReadonlySet<string>;
  onToggle(owner: string, on: boolean): void;
}

/** Fixed, so a row's position is its index times this. */
const ROW_HEIGHT = 32;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  owners: {
    display: "flex",
    flexDirection: "column",
    paddingInlineStart: tokens.spacingHorizontalL,
  },
  viewport: { maxHeight: "320px", overflowY: "auto" },
  row: { height: `${ROW_HEIGHT}px`, flexShrink: 0, overflow: "hidden", whiteSpace: "nowrap" },
});

/**
 * A checkbox per owner. A long list (a large plan's thousands of owners) gets a search box and
 * draws only the rows in view; choices are kept while the search changes.
 */
export function OwnerChecklist({ owners, chosen, onToggle }: OwnerChecklistProps): React.JSX.Element {
  const styles = useStyles();
  const long = owners.length > LONG_LIST;
  const filter = useNameFilter(owners, itself);
  const inView = useWindowedRows({ count: filter.shown.length, rowHeight: ROW_HEIGHT });
  const rows = long ? filter.shown.slice(inView.start, inView.end) : filter.shown;
  return (
    <div className={styles.root}>
      {long ? <ListSearch filter={filter} label="Find an owner" noMatch={taskPaneMessages.noOwnerMatches} /> : null}
      {long ? <Text size={200}>{sharingMessages.ownersChosen(chosen.size, owners.length)}</Text> : null}
      <div
        role="group"
        aria-label="Owners"
        className={mergeClasses(styles.owners, long && styles.viewport)}
        ref={long ? inView.viewportRef : undefined}
        onScroll={long ? inView.onScroll : undefined}
      >
        {long && inView.padTop > 0 ? <div aria-hidden="true" style={{ height: inView.padTop, flexShrink: 0 }} /> : null}
        {rows.map((owner) => (
          <Checkbox
            key={owner}
            className={long ? styles.row : undefined}
            label={owner}
            checked={chosen.has(owner)}
            onChange={(_event, data) => onToggle(owner, data.checked === true)}
          />
        ))}
        {long && inView.padBottom > 0 ? (
          <div aria-hidden="true" style={{ height: inView.padBottom, flexShrink: 0 }} />
        ) : null}
      </div>
    </div>
  );
}
