import * as React from "react";
import { Combobox, Field, Option, makeStyles } from "@fluentui/react-components";
import type { NodeView } from "../../../core/plan/planView";
import { matchingNodes, nodeLabel } from "./nodeOptions";

export interface NodePickerProps {
  label: string;
  /** The nodes to choose from, in tree order. */
  nodes: readonly NodeView[];
  /** The chosen node's id; null for none. */
  value: string | null;
  onChange(id: string): void;
}

const INDENT_REM = 0.75;

const useStyles = makeStyles({
  option: { whiteSpace: "nowrap" },
  listbox: { maxHeight: "20rem" },
});

/** A combobox of nodes: type part of a name or id to narrow it down, pick with the keyboard or mouse. */
export function NodePicker({ label, nodes, value, onChange }: NodePickerProps): React.JSX.Element {
  const styles = useStyles();
  const chosen = React.useMemo(() => nodes.find((node) => node.id === value), [nodes, value]);
  const chosenLabel = chosen === undefined ? "" : nodeLabel(chosen);
  const [query, setQuery] = React.useState(chosenLabel);
  React.useEffect(() => setQuery(chosenLabel), [chosenLabel]);
  const options = React.useMemo(() => matchingNodes(nodes, query, chosenLabel), [nodes, query, chosenLabel]);
  const minDepth = nodes.reduce((min, node) => Math.min(min, node.depth), Infinity);

  return (
    <Field label={label}>
      <Combobox
        value={query}
        selectedOptions={value === null ? [] : [value]}
        onChange={(event) => setQuery(event.target.value)}
        onOptionSelect={(_event, data) => {
          if (data.optionValue === undefined) return;
          setQuery(data.optionText ?? "");
          onChange(data.optionValue);
        }}
        onBlur={() => setQuery(chosenLabel)}
        listbox={{ className: styles.listbox }}
      >
        {options.map((node) => (
          <Option
            key={node.id}
            value={node.id}
            text={nodeLabel(node)}
            className={styles.option}
            style={{ paddingInlineStart: `${(node.depth - minDepth) * INDENT_REM + 0.5}rem` }}
          >
            {nodeLabel(node)}
          </Option>
        ))}
      </Combobox>
    </Field>
  );
}
