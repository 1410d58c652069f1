import * as React from "react";
import { Checkbox, Field, Radio, RadioGroup, Select } from "@fluentui/react-components";
import type { SettingsDraft } from "./settingsDraft";
import { FieldGroup } from "./FieldGroup";

export interface EntryModeFieldsProps {
  draft: SettingsDraft;
  /** The names of the plan's seasonality profiles (GU Profiles). */
  profiles: readonly string[];
  onChange(draft: SettingsDraft): void;
}

const BUILT_IN: readonly { value: string; label: string }[] = [
  { value: "even", label: "Evenly" },
  { value: "lastYear", label: "By last year's shares (evenly where a node has none)" },
];

const WEEKS = { value: "weeks", label: "By the fiscal calendar's weeks" };

function isWeekCalendar(draft: SettingsDraft): boolean {
  return draft.calendar !== "calendar" && draft.calendar !== "fiscal";
}

/**
 * How contributors enter their targets: a value per period, or one annual number per node that My
 * targets spreads over the periods by the plan's default spread, optionally held to add up to it.
 */
export function EntryModeFields({ draft, profiles, onChange }: EntryModeFieldsProps): React.JSX.Element {
  const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]): void =>
    onChange({ ...draft, [key]: value });
  // A profile named by the plan but no longer in GU Profiles stays choosable, so a new setup keeps it.
  // The fiscal calendar's weeks only for a calendar of weeks (or where the plan has chosen them).
  const builtIn = isWeekCalendar(draft) || draft.annualSpread === WEEKS.value ? [...BUILT_IN, WEEKS] : BUILT_IN;
  const named =
    profiles.includes(draft.annualSpread) || builtIn.some((b) => b.value === draft.annualSpread)
      ? profiles
      : [...profiles, draft.annualSpread];
  return (
    <FieldGroup legend="Entry">
      <Field label="Contributors enter">
        <RadioGroup
          value={draft.entryMode}
          onChange={(_event, data) => set("entryMode", data.value === "annual" ? "annual" : "periods")}
        >
          <Radio value="periods" label="A value per period" />
          <Radio value="annual" label="One annual number, spread over the periods" />
        </RadioGroup>
      </Field>
      {draft.entryMode === "annual" ? (
        <>
          <Field label="Spread by default" hint="Contributors can still choose another spread and change each period">
            <Select value={draft.annualSpread} onChange={(_event, data) => set("annualSpread", data.value)}>
              {builtIn.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
              {named.map((name) => (
                <option key={`named:${name}`} value={name}>
                  {`Profile "${name}"`}
                </option>
              ))}
            </Select>
          </Field>
          <Checkbox
            checked={draft.annualEqual}
            onChange={(_event, data) => set("annualEqual", data.checked === true)}
            label="The periods must add up to the annual number (a submission that doesn't is refused)"
          />
        </>
      ) : null}
    </FieldGroup>
  );
}
