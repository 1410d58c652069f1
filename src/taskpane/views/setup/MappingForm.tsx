import * as React from "react";
import { Checkbox, Field, Select, makeStyles, tokens } from "@fluentui/react-components";
import type { ColumnMapping, SourceFormat } from "../../../core/plan/setupSource";

export interface MappingFormProps {
  mapping: ColumnMapping;
  /** One label per source column. */
  headers: readonly string[];
  /** Columns the detection found worth keeping: whichever of them no role takes is kept as an attribute. */
  candidates: readonly number[];
  onChange(mapping: ColumnMapping): void;
}

type ColumnRole = "id" | "parent" | "level" | "name" | "owner";

interface RoleField {
  readonly role: ColumnRole;
  readonly label: string;
  readonly required: boolean;
}

const FORMAT_LABELS: Readonly<Record<SourceFormat, string>> = {
  parentChild: "Parent-child columns",
  levels: "Outline level column",
  indented: "Indented names",
};

const FORMATS: readonly SourceFormat[] = ["parentChild", "levels", "indented"];

const ROLE_FIELDS: Readonly<Record<SourceFormat, readonly RoleField[]>> = {
  parentChild: [
    { role: "id", label: "Id column", required: true },
    { role: "parent", label: "Parent column", required: true },
    { role: "name", label: "Name column", required: false },
    { role: "owner", label: "Owner column", required: false },
  ],
  levels: [
    { role: "level", label: "Level column", required: true },
    { role: "name", label: "Name column", required: false },
    { role: "id", label: "Id column", required: false },
    { role: "owner", label: "Owner column", required: false },
  ],
  indented: [
    { role: "name", label: "Indented name column", required: true },
    { role: "id", label: "Id column", required: false },
    { role: "owner", label: "Owner column", required: false },
  ],
};

const NONE = "";

const useStyles = makeStyles({
  root: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(9rem, 1fr))",
    gap: tokens.spacingHorizontalS,
  },
});

export function formatLabel(format: SourceFormat): string {
  return FORMAT_LABELS[format];
}

/** Lets the user correct what detection chose: the format and which column plays which part. */
export function MappingForm({ mapping, headers, candidates, onChange }: MappingFormProps): React.JSX.Element {
  const styles = useStyles();

  function update(next: Omit<ColumnMapping, "attributes">): void {
    const fields = ROLE_FIELDS[next.format];
    // A column chosen for a part the new format doesn't have is released, so it can become an attribute.
    const keep = (role: ColumnRole): number | null => (fields.some((field) => field.role === role) ? next[role] : null);
    const roles = {
      id: keep("id"),
      parent: keep("parent"),
      level: keep("level"),
      name: keep("name"),
      owner: keep("owner"),
    };
    const used = new Set(Object.values(roles));
    const attributes = candidates
      .filter((column) => !used.has(column))
      .map((column) => ({ column, header: headers[column] }));
    onChange({ format: next.format, hasHeader: next.hasHeader, ...roles, attributes });
  }

  return (
    <div className={styles.root}>
      <Field label="The hierarchy is in">
        <Select
          value={mapping.format}
          onChange={(_event, data) =>
            update({
              ...mapping,
              format: FORMATS.find((format) => format === data.value) ?? mapping.format,
            })
          }
        >
          {FORMATS.map((format) => (
            <option key={format} value={format}>
              {FORMAT_LABELS[format]}
            </option>
          ))}
        </Select>
      </Field>
      {ROLE_FIELDS[mapping.format].map(({ role, label, required }) => (
        <Field key={role} label={label} required={required}>
          <Select
            value={mapping[role] === null ? NONE : String(mapping[role])}
            onChange={(_event, data) => update({ ...mapping, [role]: data.value === NONE ? null : Number(data.value) })}
          >
            <option value={NONE}>{required ? "Choose a column" : "None"}</option>
            {headers.map((header, column) => (
              <option key={column} value={column}>
                {header}
              </option>
            ))}
          </Select>
        </Field>
      ))}
      <Checkbox
        checked={mapping.hasHeader}
        onChange={(_event, data) => update({ ...mapping, hasHeader: data.checked === true })}
        label="First row holds headers"
      />
    </div>
  );
}
