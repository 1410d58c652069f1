import * as React from "react";
import { SearchBox, Text } from "@fluentui/react-components";
import type { NameFilter } from "../hooks/useNameFilter";

export interface ListSearchProps {
  filter: NameFilter<unknown>;
  /** Names the box for assistive tech: "Find an owner". */
  label: string;
  /** Shown in the empty box; the label by default. */
  placeholder?: string;
  /** What to say when nothing matches the query (trimmed). */
  noMatch: (query: string) => string;
}

/** The search box above a long list, and a line saying so when nothing matches. */
export function ListSearch({ filter, label, placeholder = label, noMatch }: ListSearchProps): React.JSX.Element {
  const query = filter.query.trim();
  return (
    <>
      <SearchBox
        aria-label={label}
        placeholder={placeholder}
        value={filter.query}
        onChange={(_event, data) => filter.setQuery(data.value)}
      />
      {filter.shown.length === 0 && query !== "" ? <Text>{noMatch(query)}</Text> : null}
    </>
  );
}
