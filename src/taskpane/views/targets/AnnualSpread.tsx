import * as React from "react";
import { Button, Field, Input, Select, makeStyles, tokens } from "@fluentui/react-components";
import { spreadChoices } from "../../../core/plan/annualEntry";
import { parseNumber } from "../../../core/plan/numbers";
import type { NamedProfile, PeriodValues } from "../../../core/plan/types";
import { spread, spreadProblem } from "../../../core/spread";

export interface AnnualSpreadProps {
  /** The node's name, for the fields' accessible names. */
  name: string;
  periodCount: number;
  decimals: number;
  locale: string;
  /** The node's last year, when the plan holds it: offers last year's shares. */
  reference: PeriodValues | undefined;
  /** The plan's named seasonality profiles. */
  profiles: readonly NamedProfile[];
  disabled: boolean;
  /** The periods' values the annual number spreads to; they replace what is typed in the period fields. */
  onSpread(values: readonly number[]): void;
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
  const choices = React.useMemo(
    () => spreadChoices(props.periodCount, props.reference, props.profiles),
    [props.periodCount, props.reference, props.profiles],
  );
  const [text, setText] = React.useState("");
  const [choice, setChoice] = React.useState(choices[0].key);
  const [error, setError] = React.useState<string | null>(null);
  const chosen = choices.find((known) => known.key === choice) ?? choices[0];

  function apply(): void {
    const parsed = parseNumber(text, props.locale);
    if (!parsed.ok || parsed.value === null) {
      setError(parsed.ok ? "Type the annual number first" : parsed.message);
      return;
    }
    const problem = spreadProblem(parsed.value, chosen.profile, props.decimals);
    if (problem !== undefined) {
      setError(problem);
      return;
    }
    setError(null);
    props.onSpread(spread(parsed.value, chosen.profile, props.decimals));
  }

  return (
    <div className={styles.row}>
      <Field label="Annual" validationMessage={error ?? undefined}>
        <Input
          aria-label={`Annual for ${props.name}`}
          inputMode="decimal"
          value={text}
          readOnly={props.disabled}
          onChange={(_event, data) => setText(data.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") apply();
          }}
        />
      </Field>
      <Field label="Spread">
        <Select
          aria-label={`Spread for ${props.name}`}
          value={chosen.key}
          disabled={props.disabled}
          onChange={(_event, data) => setChoice(data.value)}
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
