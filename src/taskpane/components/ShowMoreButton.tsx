import * as React from "react";
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ShowMore } from "../hooks/useShowMore";

export interface ShowMoreButtonProps {
  list: ShowMore<unknown>;
  /** What the list holds, plural: "late owners". */
  what: string;
}

const useStyles = makeStyles({
  root: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
});

/** "Show 25 more" and how many of how many are shown; nothing once all are. */
export function ShowMoreButton({ list, what }: ShowMoreButtonProps): React.JSX.Element | null {
  const styles = useStyles();
  if (list.more === 0) return null;
  return (
    <div className={styles.root}>
      <Button onClick={list.showMore}>{`Show ${list.more} more`}</Button>
      <Text>{`${list.shown.length} of ${list.total} ${what} shown`}</Text>
    </div>
  );
}
