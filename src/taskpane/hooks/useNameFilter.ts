import * as React from "react";

/**
 * Above this many owners, a list of them gets a search box and draws only the rows in view: a
 * 10,000-node plan has thousands of owners, and drawing them all took the pane seconds.
 */
export const LONG_LIST = 100;

export interface NameFilter<T> {
  readonly query: string;
  setQuery(query: string): void;
  /** The items whose name contains the query, any case; all of them for an empty query. */
  readonly shown: readonly T[];
}

/** The name of a list of names' item: the item. */
export const itself = (name: string): string => name;

/** The items whose name contains `query`, ignoring case and the spaces around it, in their order. */
export function containing<T>(items: readonly T[], nameOf: (item: T) => string, query: string): readonly T[] {
  const needle = query.trim().toLocaleLowerCase();
  return needle === "" ? items : items.filter((item) => nameOf(item).toLocaleLowerCase().includes(needle));
}

/**
 * Filters a list by name as the user types; the filtering waits behind the typing. `nameOf` should
 * be defined once (outside the component), or the list is filtered again on every render.
 */
export function useNameFilter<T>(items: readonly T[], nameOf: (item: T) => string): NameFilter<T> {
  const [query, setQuery] = React.useState("");
  const deferred = React.useDeferredValue(query);
  const shown = React.useMemo(() => containing(items, nameOf, deferred), [items, nameOf, deferred]);
  return { query, setQuery, shown };
}
