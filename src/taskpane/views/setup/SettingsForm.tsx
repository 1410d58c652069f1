import * as React from "react";
import {
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Switch,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { GRAINS, type Grain } from "../../../core/plan/types";
import { EntryModeFields } from "./EntryModeFields";
import { FirstFiscalYear, FiscalCalendarFields, PeriodDates } from "./PeriodCalendar";
import { DECIMAL_CHOICES, type DraftField, type SettingsDraft } from "./settingsDraft";
import { FieldGroup } from "./FieldGroup";

export interface SettingsFormProps {
  draft: SettingsDraft;
  /** Messages beside fields; shown once the user has tried to set up. */
  errors: Readonly<Partial<Record<DraftField, string>>>;
  /** The existing plan's period labels, when there is a plan to keep them from. */
  currentPeriods: readonly string[] | null;
  /** The names of the plan's seasonality profiles (GU Profiles), offered as the default spread. */
  profiles?: readonly string[];
  onChange(draft: SettingsDraft): void;
}

const GRAIN_LABELS: Readonly<Record<Grain, string>> = {
  month: "Months",
  quarter: "Quarters",
  year: "Years",
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  // Fields keep their own height, so a hint or message under one doesn't stretch its neighbours' controls.
  row: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(7rem, 1fr))",
    alignItems: "start",
    gap: tokens.spacingHorizontalS,
  },
  // A month field needs about 10rem to show "September 2027" beside its picker button.
  periods: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(10rem, 1fr))",
    alignItems: "start",
    gap: tokens.spacingHorizontalS,
  },
});

/** The guardrail fields, in the order the form shows them: value bounds, then growth bounds. */
const BOUNDS: readonly { field: "minValue" | "maxValue" | "minGrowth" | "maxGrowth"; label: string; hint?: string }[] =
  [
    { field: "minValue", label: "Minimum per period" },
    { field: "maxValue", label: "Maximum per period" },
    { field: "minGrowth", label: "Minimum growth vs last year (%)", hint: "Needs last year's values (Navigate)" },
    { field: "maxGrowth", label: "Maximum growth vs last year (%)" },
  ];

/** The plan's settings: name, what is planned, the periods, and the rules for entries. */
export function SettingsForm({
  draft,
  errors,
  currentPeriods,
  profiles = [],
  onChange,
}: SettingsFormProps): React.JSX.Element {
  const styles = useStyles();
  const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]): void =>
    onChange({ ...draft, [key]: value });
  const choosePeriods = currentPeriods === null || !draft.keepPeriods;
  return (
    <div className={styles.root}>
      <Field label="Plan name" required validationMessage={errors.name}>
        <Input value={draft.name} onChange={(_event, data) => set("name", data.value)} />
      </Field>
      <div className={styles.row}>
        <Field label="Metric">
          <Input value={draft.metric} onChange={(_event, data) => set("metric", data.value)} />
        </Field>
        <Field label="Unit">
          <Input value={draft.unit} placeholder="EUR" onChange={(_event, data) => set("unit", data.value)} />
        </Field>
        <Field label="Decimals">
          <Select value={String(draft.decimals)} onChange={(_event, data) => set("decimals", Number(data.value))}>
            {DECIMAL_CHOICES.map((decimals) => (
              <option key={decimals} value={decimals}>
                {decimals}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field
        label="More measures"
        validationMessage={errors.moreMeasures}
        hint="Planned beside the metric, one per line: name | unit | decimals, like Units | units | 0. A ratio adds its formula: Margin % | % | 1 | Margin / Revenue. Blank: the metric only"
      >
        <Textarea
          resize="vertical"
          value={draft.moreMeasures}
          placeholder="Units | units | 0"
          onChange={(_event, data) => set("moreMeasures", data.value)}
        />
      </Field>
      <FieldGroup legend="Periods">
        {currentPeriods !== null ? (
          <Checkbox
            checked={draft.keepPeriods}
            onChange={(_event, data) => set("keepPeriods", data.checked === true)}
            label={`Keep the current periods (${currentPeriods[0] ?? ""} to ${currentPeriods[currentPeriods.length - 1] ?? ""})`}
          />
        ) : null}
        {choosePeriods ? <FiscalCalendarFields draft={draft} errors={errors} onChange={onChange} /> : null}
        {choosePeriods ? (
          <div className={styles.periods}>
            {draft.calendar !== "calendar" ? (
              <FirstFiscalYear draft={draft} errors={errors} onChange={onChange} />
            ) : (
              <Field label="First period" validationMessage={errors.start} hint="Year and month">
                <Input
                  type="month"
                  value={draft.start}
                  placeholder="2027-01"
                  onChange={(_event, data) => set("start", data.value)}
                />
              </Field>
            )}
            <Field label="Each period is" validationMessage={errors.grain}>
              <Select
                value={draft.grain}
                onChange={(_event, data) => set("grain", GRAINS.find((grain) => grain === data.value) ?? draft.grain)}
              >
                {GRAINS.map((grain) => (
                  <option key={grain} value={grain}>
                    {GRAIN_LABELS[grain]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Number of periods" validationMessage={errors.count}>
              <Input type="number" min={1} value={draft.count} onChange={(_event, data) => set("count", data.value)} />
            </Field>
          </div>
        ) : null}
        {choosePeriods ? <PeriodDates draft={draft} /> : null}
      </FieldGroup>
      <EntryModeFields draft={draft} profiles={profiles} onChange={onChange} />
      <div className={styles.row}>
        <Field label="Tolerance (%)" validationMessage={errors.tolerance} hint="Variance beyond this is flagged">
          <Input
            inputMode="decimal"
            value={draft.tolerance}
            onChange={(_event, data) => set("tolerance", data.value)}
          />
        </Field>
        <Field
          label="Over-assignment (%)"
          validationMessage={errors.overAssignment}
          hint="110: a manager's team shares their target / 1.1"
        >
          <Input
            inputMode="decimal"
            value={draft.overAssignment}
            onChange={(_event, data) => set("overAssignment", data.value)}
          />
        </Field>
        <Field label="Deadline">
          <Input type="date" value={draft.deadline} onChange={(_event, data) => set("deadline", data.value)} />
        </Field>
      </div>
      <Switch
        checked={draft.allowNegative}
        onChange={(_event, data) => set("allowNegative", data.checked)}
        label="Allow negative targets"
      />
      {/* Roles guide honest users; only Office sign-in makes "who" more than a choice (README, Security model). */}
      <Field label="Top-down editors" hint="Names or e-mail addresses, separated by ;. Blank: anyone">
        <Input value={draft.topDownEditors} onChange={(_event, data) => set("topDownEditors", data.value)} />
      </Field>
      <Field label="Approvers" hint="Names or e-mail addresses, separated by ;. Blank: every reviewing owner">
        <Input value={draft.approvers} onChange={(_event, data) => set("approvers", data.value)} />
      </Field>
      <FieldGroup legend="Guardrails (blank: no bound)">
        <div className={styles.row}>
          {BOUNDS.map((bound) => (
            <Field key={bound.field} label={bound.label} validationMessage={errors[bound.field]} hint={bound.hint}>
              <Input
                inputMode="decimal"
                value={draft[bound.field]}
                onChange={(_event, data) => set(bound.field, data.value)}
              />
            </Field>
          ))}
        </div>
        <Field
          label="Only at levels"
          validationMessage={errors.levels}
          hint="1 is the top; 4 or 3-4. Blank: every level"
        >
          <Input value={draft.levels} onChange={(_event, data) => set("levels", data.value)} />
        </Field>
        <Field
          label="On the measure"
          validationMessage={errors.guardrailMeasure}
          hint="The bounds are in this measure's terms. Blank: the metric"
        >
          <Input value={draft.guardrailMeasure} onChange={(_event, data) => set("guardrailMeasure", data.value)} />
        </Field>
        <Field label="A submission outside a bound">
          <RadioGroup
            layout="horizontal"
            value={draft.whenBroken}
            onChange={(_event, data) => set("whenBroken", data.value === "comment" ? "comment" : "block")}
          >
            <Radio value="block" label="Is refused" />
            <Radio value="comment" label="Needs a comment" />
          </RadioGroup>
        </Field>
      </FieldGroup>
    </div>
  );
}
