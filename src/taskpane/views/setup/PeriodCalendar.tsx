import * as React from "react";
import { Caption1, Field, Input, Select, makeStyles, tokens } from "@fluentui/react-components";
import { WEEKDAYS } from "../../../core/plan/fiscalCalendar";
import { periodDateText } from "../../../core/plan/planCalendar";
import {
  CALENDAR_CHOICES,
  previewPeriods,
  type CalendarChoice,
  type DraftField,
  type SettingsDraft,
} from "./settingsDraft";

export interface PeriodCalendarProps {
  draft: SettingsDraft;
  errors: Readonly<Partial<Record<DraftField, string>>>;
  onChange(draft: SettingsDraft): void;
}

const CALENDAR_LABELS: Readonly<Record<CalendarChoice, string>> = {
  calendar: "Calendar months",
  fiscal: "Fiscal year of calendar months",
  "4-4-5": "Fiscal year of weeks, 4-4-5",
  "4-5-4": "Fiscal year of weeks, 4-5-4",
  "5-4-4": "Fiscal year of weeks, 5-4-4",
};

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const useStyles = makeStyles({
  row: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(10rem, 1fr))",
    alignItems: "start",
    gap: tokens.spacingHorizontalS,
  },
  // Up to 120 periods: the list scrolls inside the form rather than pushing the button out of reach.
  dates: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
    maxHeight: "10rem",
    overflowY: "auto",
    fontVariantNumeric: "tabular-nums",
  },
});

/** A Select of numbered choices that keeps the draft's number. */
function NumberSelect(props: {
  label: string;
  value: number;
  names: readonly string[];
  /** The number of the first name: 1 for months, 0 for weekdays. */
  first: number;
  onChange(value: number): void;
}): React.JSX.Element {
  return (
    <Field label={props.label}>
      <Select value={String(props.value)} onChange={(_event, data) => props.onChange(Number(data.value))}>
        {props.names.map((name, i) => (
          <option key={name} value={i + props.first}>
            {name}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/**
 * The calendar new periods follow: calendar months (the start, grain and count fields below), or a
 * fiscal year of calendar months from any month, or of weeks in a 4-4-5, 4-5-4 or 5-4-4 pattern.
 */
export function FiscalCalendarFields({ draft, errors, onChange }: PeriodCalendarProps): React.JSX.Element {
  const styles = useStyles();
  const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]): void =>
    onChange({ ...draft, [key]: value });
  const weekday = WEEKDAYS[draft.fiscalEndWeekday] ?? "";
  return (
    <>
      <Field label="Calendar" validationMessage={errors.calendar}>
        <Select
          value={draft.calendar}
          onChange={(_event, data) =>
            set("calendar", CALENDAR_CHOICES.find((choice) => choice === data.value) ?? draft.calendar)
          }
        >
          {CALENDAR_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {CALENDAR_LABELS[choice]}
            </option>
          ))}
        </Select>
      </Field>
      {draft.calendar === "fiscal" ? (
        <div className={styles.row}>
          <NumberSelect
            label="Fiscal year starts in"
            value={draft.fiscalStartMonth}
            names={MONTH_NAMES}
            first={1}
            onChange={(month) => set("fiscalStartMonth", month)}
          />
          <NamedBy draft={draft} onChange={onChange} />
        </div>
      ) : null}
      {draft.calendar !== "calendar" && draft.calendar !== "fiscal" ? (
        <div className={styles.row}>
          <NumberSelect
            label="Fiscal year ends in"
            value={draft.fiscalEndMonth}
            names={MONTH_NAMES}
            first={1}
            onChange={(month) => set("fiscalEndMonth", month)}
          />
          <NumberSelect
            label="Weeks end on"
            value={draft.fiscalEndWeekday}
            names={WEEKDAYS}
            first={0}
            onChange={(day) => set("fiscalEndWeekday", day)}
          />
          <Field label="The year ends on">
            <Select
              value={draft.fiscalYearEnd}
              onChange={(_event, data) => set("fiscalYearEnd", data.value === "nearest" ? "nearest" : "last")}
            >
              <option value="last">{`The month's last ${weekday}`}</option>
              <option value="nearest">{`The ${weekday} nearest the month's end`}</option>
            </Select>
          </Field>
          <NamedBy draft={draft} onChange={onChange} />
        </div>
      ) : null}
    </>
  );
}

function NamedBy({ draft, onChange }: Omit<PeriodCalendarProps, "errors">): React.JSX.Element {
  return (
    <Field label="A year is named by">
      <Select
        value={draft.fiscalNamedBy}
        onChange={(_event, data) => onChange({ ...draft, fiscalNamedBy: data.value === "start" ? "start" : "end" })}
      >
        <option value="end">The year it ends in</option>
        <option value="start">The year it starts in</option>
      </Select>
    </Field>
  );
}

/** The fiscal year of the first period, in place of the first month of calendar periods. */
export function FirstFiscalYear({ draft, errors, onChange }: PeriodCalendarProps): React.JSX.Element {
  return (
    <Field label="First fiscal year" validationMessage={errors.firstYear} hint="Like 2027 for FY2027">
      <Input
        inputMode="numeric"
        value={draft.firstYear}
        onChange={(_event, data) => onChange({ ...draft, firstYear: data.value })}
      />
    </Field>
  );
}

/** Each new period's first and last day, for the planner to check against the company's calendar. */
export function PeriodDates({ draft }: { draft: SettingsDraft }): React.JSX.Element | null {
  const styles = useStyles();
  const id = React.useId();
  const periods = React.useMemo(() => previewPeriods(draft), [draft]);
  if (periods === null) return null;
  return (
    <>
      <Caption1 id={id}>First and last day of each period</Caption1>
      {/* Focusable, so a keyboard can scroll a long list. */}
      <ul className={styles.dates} aria-labelledby={id} tabIndex={0}>
        {periods.map((period) => (
          <li key={period.label}>
            <Caption1>
              {`${periodDateText(period)}${period.weeks === undefined ? "" : `, ${period.weeks} weeks`}`}
            </Caption1>
          </li>
        ))}
      </ul>
    </>
  );
}
