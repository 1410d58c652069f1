import * as React from "react";
import { Checkbox, Field, Input, Select, makeStyles, tokens } from "@fluentui/react-components";
import type { AccountsMapping, Column, Role } from "./accountsTable";

export interface MappingFieldsProps {
  /** The accounts table's headers. */
  headers: readonly string[];
  mapping: AccountsMapping;
  onChange(mapping: AccountsMapping): void;
}

/** The columns a user maps, with whether they may be left out. */
const ROLES: readonly { readonly role: Role; readonly label: string; readonly optional: boolean }[] = [
  { role: "id", label: "Account column", optional: false },
  { role: "territory", label: "Territory column", optional: false },
  { role: "potential", label: "Potential column", optional: true },
  { role: "country", label: "Country column", optional: true },
  { role: "region", label: "State or region column", optional: true },
];

const NONE = "-1";

const useStyles = makeStyles({
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(8rem, 1fr))",
    gap: tokens.spacingHorizontalS,
  },
  drivers: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  driver: { display: "grid", gridTemplateColumns: "1fr 5rem", alignItems: "center", gap: tokens.spacingHorizontalS },
});

/** Which column holds what, guessed from the headers: the account, its territory, the workload drivers and their weights. */
export function MappingFields({ headers, mapping, onChange }: MappingFieldsProps): React.JSX.Element {
  const styles = useStyles();
  const driversLabel = React.useId();
  const mapped = new Set<Column>(ROLES.map(({ role }) => mapping[role]));
  const driverColumns = headers.map((_, column) => column).filter((column) => !mapped.has(column));

  function setRole(role: Role, column: Column): void {
    onChange({
      ...mapping,
      [role]: column,
      drivers: mapping.drivers.filter((driver) => driver.column !== column),
    });
  }

  function toggleDriver(column: Column, on: boolean): void {
    const drivers = on
      ? [...mapping.drivers, { column, weight: "" }].sort((a, b) => a.column - b.column)
      : mapping.drivers.filter((driver) => driver.column !== column);
    onChange({ ...mapping, drivers });
  }

  function setWeight(column: Column, weight: string): void {
    onChange({
      ...mapping,
      drivers: mapping.drivers.map((driver) => (driver.column === column ? { column, weight } : driver)),
    });
  }

  return (
    <>
      <div className={styles.grid}>
        {ROLES.map(({ role, label, optional }) => (
          <Field key={role} label={label}>
            <Select value={String(mapping[role])} onChange={(_event, data) => setRole(role, Number(data.value))}>
              {optional ? <option value={NONE}>None</option> : null}
              {headers.map((header, column) => (
                <option key={column} value={String(column)}>
                  {header}
                </option>
              ))}
            </Select>
          </Field>
        ))}
      </div>
      <div className={styles.drivers} role="group" aria-labelledby={driversLabel}>
        <span id={driversLabel}>Workload drivers and their weights (blank = 1)</span>
        {driverColumns.map((column) => {
          const driver = mapping.drivers.find((candidate) => candidate.column === column);
          return (
            <div key={column} className={styles.driver}>
              <Checkbox
                label={headers[column]}
                checked={driver !== undefined}
                onChange={(_event, data) => toggleDriver(column, data.checked === true)}
              />
              {driver !== undefined ? (
                <Input
                  aria-label={`Weight of ${headers[column]}`}
                  inputMode="decimal"
                  placeholder="1"
                  value={driver.weight}
                  onChange={(_event, data) => setWeight(column, data.value)}
                />
              ) : null}
            </div>
          );
        })}
      </div>
    </>
  );
}
