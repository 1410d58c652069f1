import * as React from "react";
import { Field, Input, Select, makeStyles, mergeClasses, tokens, useId } from "@fluentui/react-components";
import { containing, itself } from "../hooks/useNameFilter";
import { useWindowedRows } from "../hooks/useWindowedRows";
import { identityMessages } from "../../core/messages";

export interface OwnerPickerProps {
  owners: readonly string[];
  /** "" when nobody is chosen yet. */
  value: string;
  onChange(owner: string): void;
  /** The signed-in Office account whose owner `value` is: the picker is locked to it. */
  signedInAs?: string | null;
  /** Why the picker is open although Office sign-in was tried (one short line). */
  note?: string | null;
  /** What the search box says before anything is typed; "Type to find your name" by default. */
  placeholder?: string;
}

/** Up to this many owners a plain select is quickest to use; beyond it, type to find yourself. */
export const OWNER_SELECT_LIMIT = 100;
const ROW_HEIGHT = 32;
const LIST_HEIGHT = 256;

const useStyles = makeStyles({
  anchor: { position: "relative" },
  list: {
    position: "absolute",
    zIndex: 1,
    left: 0,
    right: 0,
    maxHeight: `${LIST_HEIGHT}px`,
    overflowY: "auto",
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow16,
  },
  option: {
    height: `${ROW_HEIGHT}px`,
    lineHeight: `${ROW_HEIGHT}px`,
    paddingInline: tokens.spacingHorizontalS,
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
    cursor: "pointer",
  },
  active: { backgroundColor: tokens.colorNeutralBackground1Hover },
  chosen: { fontWeight: tokens.fontWeightSemibold },
  empty: { padding: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground3 },
});

/**
 * "Who am I": the owners named in the plan's hierarchy. Memoised, so a save that leaves the owners
 * as they were does not re-render the list.
 */
export const OwnerPicker = React.memo(function OwnerPicker({
  signedInAs,
  note,
  ...props
}: OwnerPickerProps): React.JSX.Element {
  if (signedInAs !== undefined && signedInAs !== null) {
    // Office vouches for who this is: choosing someone else is not offered.
    return (
      <Field label="I am" hint={identityMessages.signedInAs(signedInAs)}>
        <Input readOnly value={props.value} />
      </Field>
    );
  }
  const hint = props.owners.length === 0 ? "Nobody owns a node yet: fill in the owner column" : (note ?? undefined);
  return (
    <Field label="I am" hint={hint}>
      {props.owners.length <= OWNER_SELECT_LIMIT ? <OwnerSelect {...props} /> : <OwnerSearch {...props} />}
    </Field>
  );
});

function OwnerSelect({ owners, value, onChange, ...fieldProps }: OwnerPickerProps): React.JSX.Element {
  const known = owners.includes(value);
  return (
    <Select {...fieldProps} value={known ? value : ""} onChange={(_event, data) => onChange(data.value)}>
      <option value="" disabled>
        Choose who you are
      </option>
      {owners.map((owner) => (
        <option key={owner} value={owner}>
          {owner}
        </option>
      ))}
    </Select>
  );
}

/**
 * A combobox (ARIA 1.2 pattern: an input with a popup listbox) over thousands of owners: typing
 * filters, and only the options in view are in the DOM (useWindowedRows). Exported for a Field of
 * the caller's, where an owner other than "I am" is chosen.
 */
export function OwnerSearch({
  owners,
  value,
  onChange,
  placeholder = "Type to find your name",
  ...fieldProps
}: OwnerPickerProps): React.JSX.Element {
  const styles = useStyles();
  const listId = useId("owner-list");
  // null while not typing: the input then shows who is chosen.
  const [query, setQuery] = React.useState<string | null>(null);
  const [open, setOpen] = React.useState(false);
  const [active, setActive] = React.useState(0);
  const matches = React.useMemo(() => containing(owners, itself, query ?? ""), [owners, query]);
  const rows = useWindowedRows({
    count: matches.length,
    rowHeight: ROW_HEIGHT,
    fallbackHeight: LIST_HEIGHT,
    overscan: 4,
  });
  const known = React.useMemo(() => owners.includes(value), [owners, value]);
  const optionId = (index: number): string => `${listId}-${index}`;

  function move(to: number): void {
    if (matches.length === 0) return;
    const next = Math.max(0, Math.min(matches.length - 1, to));
    setActive(next);
    rows.scrollToIndex(next);
  }

  function choose(owner: string): void {
    onChange(owner);
    setQuery(null);
    setOpen(false);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>): void {
    const page = Math.floor(LIST_HEIGHT / ROW_HEIGHT);
    const keys: Record<string, () => void> = {
      ArrowDown: () => (open ? move(active + 1) : setOpen(true)),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + page),
      PageUp: () => move(active - page),
      Enter: () => {
        if (open && matches[active] !== undefined) choose(matches[active]);
      },
      Escape: () => {
        setOpen(false);
        setQuery(null);
      },
    };
    const action = keys[event.key];
    if (action === undefined) return;
    if (event.key !== "Escape" || open) event.preventDefault();
    action();
  }

  const shown = open ? matches.slice(rows.start, rows.end) : [];
  return (
    <div className={styles.anchor}>
      <Input
        {...fieldProps}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && matches.length > 0 ? optionId(active) : undefined}
        autoComplete="off"
        placeholder={`${placeholder} (${owners.length.toLocaleString()} people)`}
        value={query ?? (known ? value : "")}
        onChange={(_event, data) => {
          setQuery(data.value);
          setOpen(true);
          setActive(0);
          rows.scrollToIndex(0);
        }}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          setQuery(null);
        }}
      />
      <div
        role="listbox"
        id={listId}
        aria-label="People"
        hidden={!open}
        className={styles.list}
        ref={rows.viewportRef}
        onScroll={rows.onScroll}
      >
        {open && matches.length === 0 && <div className={styles.empty}>Nobody matches “{query}”</div>}
        {open && <div style={{ height: rows.padTop }} aria-hidden />}
        {shown.map((owner, offset) => {
          const index = rows.start + offset;
          return (
            <div
              key={owner}
              id={optionId(index)}
              role="option"
              aria-selected={owner === value}
              aria-posinset={index + 1}
              aria-setsize={matches.length}
              className={mergeClasses(
                styles.option,
                index === active && styles.active,
                owner === value && styles.chosen,
              )}
              // Keeps focus in the input, so the blur doesn't close the list before the click lands.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(owner)}
            >
              {owner}
            </div>
          );
        })}
        {open && <div style={{ height: rows.padBottom }} aria-hidden />}
      </div>
    </div>
  );
}
