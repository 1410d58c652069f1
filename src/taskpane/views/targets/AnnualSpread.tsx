import * as React from "react";
import { Button, Field, Input, Select, makeStyles, tokens } from "@fluentui/react-components";
import type { SpreadChoice } from "../../../core/plan/annualEntry";
import { parseNumber } from "../../../core/plan/numbers";
import { spread, spreadProblem } from "../../../core/spread";

export interface AnnualSpreadProps {
  /** The node's name, for the fields' accessible names. */
  name: string;
  decimals: number;
  locale: string;
  /** The profiles offered (`spreadChoices`), and the one chosen at first. */
  choices: readonly SpreadChoice[];
  initialChoice: string;
  /** The annual number as typed. */
  annual: string;
  /**
   * Annual entry: the number is spread as it is typed, by the chosen profile. Otherwise it is spread
   * when the contributor asks (the button, or Enter).
   */
  live: boolean;
  /** How the periods miss the annual number, where the plan holds them to it; shown under the field. */
  mismatch: string | null;
  disabled: boolean;
  /**
   * The annual number typed and, when it was spread, the periods' values, which replace what is typed
   * in the period fields.
   */
  onChange(annual: string, values: readonly number[] | null): void;
}

const useStyles = makeStyles({
  row: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(8.5rem, 1fr))",
    gap: tokens.spacingHorizontalS,
    alignItems: "end",
  },
});

/**
 * One annual number spread over the periods by a profile, into the period fields: the contributor
 * sees and can still change every period before saving, and only the periods are saved.
 */
export function AnnualSpread(props: AnnualSpreadProps): React.JSX.Element {
  const styles = useStyles();
  const { choices } = props;
  const [choice, setChoice] = React.useState(props.initialChoice);
  const [error, setError] = React.useState<string | null>(null);
  const chosen = choices.find((known) => known.key === choice) ?? choices[0];

  /** The annual number spread by `by`, or null with the reason shown; blank is nothing to spread. */
  function spreadOf(text: string, by: SpreadChoice, quiet: boolean): readonly number[] | null {
    const parsed = parseNumber(text, props.locale);
    if (!parsed.ok || parsed.value === null) {
      // While typing, "1," on the way to "1,000" is no mistake yet: it is named on leaving the field.
      setError(quiet ? null : parsed.ok ? "Type the annual number first" : parsed.message);
      return null;
    }
    const problem = spreadProblem(parsed.value, by.profile, props.decimals);
    setError(problem ?? null);
    return problem === undefined ? spread(parsed.value, by.profile, props.decimals) : null;
  }

  function type(text: string): void {
    props.onChange(text, props.live ? spreadOf(text, chosen, true) : null);
  }

  function choose(key: string): void {
    setChoice(key);
    const by = choices.find((known) => known.key === key);
    if (props.live && by !== undefined && props.annual.trim() !== "") {
      const values = spreadOf(props.annual, by, true);
      if (values !== null) props.onChange(props.annual, values);
    }
  }

  function apply(): void {
    const values = spreadOf(props.annual, chosen, false);
    if (values !== null) props.onChange(props.annual, values);
  }

  return (
    <div className={styles.row}>
      <Field
        label="Annual"
        validationMessage={error ?? props.mismatch ?? undefined}
        validationState={error === null && props.mismatch !== null ? "warning" : undefined}
      >
        <Input
          aria-label={`Annual for ${props.name}`}
          inputMode="decimal"
          value={props.annual}
          readOnly={props.disabled}
          onChange={(_event, data) => type(data.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") apply();
          }}
          onBlur={() => {
            if (props.live && props.annual.trim() !== "") spreadOf(props.annual, chosen, false);
          }}
        />
      </Field>
      <Field label="Spread">
        <Select
          aria-label={`Spread for ${props.name}`}
          value={chosen.key}
          disabled={props.disabled}
          onChange={(_event, data) => choose(data.value)}
        >
          {choices.map((known) => (
            <option key={known.key} value={known.key}>
              {known.label}
            </option>
          ))}
        </Select>
      </Field>
      <Button disabled={props.disabled} onClick={apply}>
        Spread over the periods
      </Button>
    </div>
  );
}
