import * as React from "react";
import { Field, Select } from "@fluentui/react-components";

export interface OwnerPickerProps {
  owners: readonly string[];
  /** "" when nobody is chosen yet. */
  value: string;
  onChange(owner: string): void;
}

/** "Who am I": the owners named in the plan's hierarchy. */
export function OwnerPicker({ owners, value, onChange }: OwnerPickerProps): React.JSX.Element {
  const known = owners.includes(value);
  return (
    <Field label="I am" hint={owners.length === 0 ? "Nobody owns a node yet: fill in the owner column" : undefined}>
      <Select value={known ? value : ""} onChange={(_event, data) => onChange(data.value)}>
        <option value="" disabled>
          Choose who you are
        </option>
        {owners.map((owner) => (
          <option key={owner} value={owner}>
            {owner}
          </option>
        ))}
      </Select>
    </Field>
  );
}
