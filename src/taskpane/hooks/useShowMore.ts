import * as React from "react";

/** Items drawn at first, and added per "Show more". */
export const PAGE = 25;

export interface ShowMore<T> {
  /** The items drawn now: the first pages. */
  readonly shown: readonly T[];
  /** How many the next "Show more" adds (0: all are shown). */
  readonly more: number;
  readonly total: number;
  showMore(): void;
}

/**
 * A long list of cards drawn a page at a time: thousands of them (a large plan's late owners, a
 * planner's hundreds of nodes) took the pane seconds to draw and made every keystroke in one of
 * them slow. Back to the first page when `reset` changes (a new search).
 */
export function useShowMore<T>(items: readonly T[], reset: unknown): ShowMore<T> {
  const [limit, setLimit] = React.useState(PAGE);
  React.useEffect(() => setLimit(PAGE), [reset]);
  const shown = React.useMemo(() => (items.length > limit ? items.slice(0, limit) : items), [items, limit]);
  return {
    shown,
    more: Math.min(PAGE, items.length - shown.length),
    total: items.length,
    showMore: () => setLimit((current) => current + PAGE),
  };
}
