import * as React from "react";
import {
  Body1Strong,
  Button,
  Caption1,
  Card,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Textarea,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { planMessages } from "../../../core/messages";
import { annualTargetBreak, defaultChoice, planWeeks, spreadChoices } from "../../../core/plan/annualEntry";
import { growthOf, growthText, type GuardrailCheck } from "../../../core/plan/guardrails";
import { formatNumber } from "../../../core/plan/numbers";
import type { Figures } from "../../../core/plan/planView";
import type { NamedProfile, NodeEntry, PlanNode, PlanSettings, WorkflowAction } from "../../../core/plan/types";
import { ACTION_LABELS, allowedActions, isLockedForContributor } from "../../../core/plan/workflow";
import { FeedbackBar, type Feedback } from "../../components/FeedbackBar";
import { StatusBadge } from "../../components/StatusBadge";
import { AnnualSpread } from "./AnnualSpread";
import {
  PERCENT_UNIT,
  columnSettings,
  measureColumns,
  measureTitle,
  planMeasures,
  ratioColumns,
  ratioOf,
  valueColumnInfo,
  type RatioMeasure,
} from "../../../core/plan/measures";

/** What the contributor has typed for one node and not saved yet. */
export interface EntryDraft {
  readonly texts: readonly string[];
  readonly comment: string;
  /**
   * Per measure, the annual number as typed; undefined until typed (annual entry then shows the
   * periods' total).
   */
  readonly annual?: readonly (string | undefined)[];
}

export interface EntryCardProps {
  node: PlanNode;
  entry: NodeEntry;
  settings: PlanSettings;
  locale: string;
  draft: EntryDraft;
  /** Per period: the message beside the field, or null. */
  errors: readonly (string | null)[];
  /** Per value column, then per measure over its periods, with the typed values rolled up: the live guidance and gap. */
  live: { readonly periods: readonly Figures[]; readonly totals: readonly Figures[] } | undefined;
  /** Per period: the top-down is the node's own target ("allocated"), not a share from above ("suggested"). */
  allocated: readonly boolean[];
  /** The node has a team below it: what I enter is an adjustment on top of the team's total. */
  adjustment: boolean;
  /** Per period: the value as typed and accepted (null where blank or refused), as `live` rolls it up. */
  typed: readonly (number | null)[];
  /** Per period, the node's reference value (last year's) when the plan holds them: shown with the growth as typed. */
  reference?: readonly (number | null)[];
  /** Per value column, this year's forecast for the node when the plan holds one: shown beside each field. */
  forecast?: readonly (number | null)[];
  /** The plan's named seasonality profiles, to spread an annual number by. */
  profiles?: readonly NamedProfile[];
  /** What the typed values break of the plan's guardrails, before submitting. */
  guardrails?: GuardrailCheck;
  feedback: Feedback | null;
  busy: boolean;
  onChange(draft: EntryDraft): void;
  onAct(action: WorkflowAction): void;
  onDismissFeedback(): void;
  onReload(): void;
}

const useStyles = makeStyles({
  card: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  header: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
  },
  periods: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(8.5rem, 1fr))",
    gap: tokens.spacingHorizontalS,
  },
  measure: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  value: { textAlign: "end" },
  total: { fontVariantNumeric: "tabular-nums" },
  buttons: { display: "flex", gap: tokens.spacingHorizontalS },
  outside: { color: tokens.colorPaletteRedForeground1 },
});

const NO_PROFILES: readonly NamedProfile[] = [];

/** One node I own: a value per period, a comment, and the workflow buttons its status allows. */
export function EntryCard(props: EntryCardProps): React.JSX.Element {
  const { node, entry, settings, locale, draft, errors, live, feedback, busy } = props;
  const styles = useStyles();
  const locked = isLockedForContributor(entry.status);
  const possible = allowedActions(entry.status, "contributor");
  const measures = planMeasures(settings);
  const columns = valueColumnInfo(settings);
  const number = (value: number | null, decimals = settings.decimals): string =>
    value === null ? "—" : formatNumber(value, locale, decimals);

  const signed = (value: number, decimals: number): string => `${value > 0 ? "+" : ""}${number(value, decimals)}`;
  // The team's total without my own entry: the live bottom-up counts what I typed once; take it off.
  const teamOf = (period: number): number => (live?.periods[period]?.bottomUp ?? 0) - (props.typed[period] ?? 0);

  /** `period` a value column's index, or null for a measure's total (in `decimals`). */
  function guidance(figures: Figures | undefined, period: number | null, decimals: number): string | undefined {
    if (figures === undefined || figures.topDown === null) return undefined;
    const kind = period === null ? "" : props.allocated[period] ? " allocated" : " suggested";
    const gap = figures.variance ?? 0;
    const target = `Top-down ${number(figures.topDown, decimals)}${kind} · Gap ${signed(gap, decimals)}`;
    if (!props.adjustment || period === null) return target;
    return `Team ${number(teamOf(period), decimals)} · ${target}`;
  }

  /**
   * "Last year 1,000 · +12 %": the reference beside a field (`at` one value column) or under a
   * measure's fields (`at` all its columns), with the growth of what is typed.
   */
  function lastYear(at: readonly number[], decimals: number): string | undefined {
    const reference = props.reference;
    if (reference === undefined) return undefined;
    const was = at.map((c) => reference[c] ?? null);
    const before = sumOf(was);
    if (before === null) return undefined;
    const growth = growthOf(
      at.map((c) => props.typed[c] ?? null),
      was,
    );
    return `Last year ${number(before, decimals)}${growth === null ? "" : ` · ${growthText(growth, locale)}`}`;
  }

  /**
   * "Margin %: Q1 2027 32.0 % (top-down 30.0 %) · ...": a ratio of the node's live bottom-up and its
   * top-down, per period, as the report computes it.
   */
  function ratioLine(ratio: RatioMeasure, figures: readonly Figures[]): string {
    const { numerator, denominator } = ratioColumns(settings, ratio);
    const shown = (value: number | null): string =>
      value === null
        ? "—"
        : ratio.unit === PERCENT_UNIT
          ? `${formatNumber(value * 100, locale, ratio.decimals)} %`
          : `${formatNumber(value, locale, ratio.decimals)}${ratio.unit === "" ? "" : ` ${ratio.unit}`}`;
    const parts = settings.periods.map((period, p) => {
      const bottomUp = ratioOf(figures[numerator[p]]?.bottomUp ?? null, figures[denominator[p]]?.bottomUp ?? null);
      const topDown = ratioOf(figures[numerator[p]]?.topDown ?? null, figures[denominator[p]]?.topDown ?? null);
      return `${period} ${shown(bottomUp)}${topDown === null ? "" : ` (top-down ${shown(topDown)})`}`;
    });
    return `${ratio.name}: ${parts.join(" · ")}`;
  }

  /** "Forecast 1,100": this year's forecast beside a field (`at` one value column) or under a measure's fields. */
  function forecastText(at: readonly number[], decimals: number): string | undefined {
    const forecast = props.forecast;
    if (forecast === undefined) return undefined;
    const total = sumOf(at.map((c) => forecast[c] ?? null));
    return total === null ? undefined : `Forecast ${number(total, decimals)}`;
  }

  /** Measure `m`'s annual number as typed and, when it spread, the values of its columns only. */
  function spreadInto(m: number, typedAnnual: string, values: readonly number[] | null): void {
    const texts = [...draft.texts];
    if (values !== null) {
      measureColumns(settings, m).forEach((c, p) => {
        texts[c] = formatNumber(values[p] ?? null, locale, measures[m].decimals);
      });
    }
    const annual = measures.map((_, k) => (k === m ? typedAnnual : draft.annual?.[k]));
    props.onChange({ ...draft, texts, annual });
  }

  const annualMode = settings.entry?.mode === "annual";
  const weeks = planWeeks(settings);

  function setText(period: number, text: string): void {
    props.onChange({
      ...draft,
      texts: draft.texts.map((current, i) => (i === period ? text : current)),
    });
  }

  return (
    <Card className={styles.card} aria-label={node.name}>
      <div className={styles.header}>
        <Body1Strong>{node.name}</Body1Strong>
        <StatusBadge status={entry.status} />
      </div>
      {props.adjustment ? <Caption1>{planMessages.adjustmentHint}</Caption1> : null}
      {locked ? (
        <MessageBar intent="info">
          <MessageBarBody>{planMessages.lockedApproved}</MessageBarBody>
        </MessageBar>
      ) : null}
      {entry.status === "Returned" && entry.returnReason !== "" ? (
        <MessageBar intent="warning">
          <MessageBarBody>{`Returned: ${entry.returnReason}`}</MessageBarBody>
        </MessageBar>
      ) : null}
      {measures.map((measure, m) => {
        const at = measureColumns(settings, m);
        const total = live?.totals[m];
        const reference = props.reference === undefined ? undefined : at.map((c) => props.reference?.[c] ?? null);
        const choices = spreadChoices(settings.periods.length, reference, props.profiles ?? NO_PROFILES, weeks);
        const typed = at.map((c) => props.typed[c] ?? null);
        const typedTotal = sumOf(typed);
        // Until a number is typed, annual entry shows what the periods add up to (the plan keeps no annual number).
        const annual =
          draft.annual?.[m] ?? (annualMode && typedTotal !== null ? number(typedTotal, measure.decimals) : "");
        const mismatch = annualTargetBreak(
          columnSettings(settings, measure.decimals),
          node.id,
          draft.annual?.[m],
          typed,
          locale,
        );
        return (
          <section
            key={measure.name}
            className={styles.measure}
            aria-label={measures.length > 1 ? measureTitle(measure) : undefined}
          >
            {measures.length > 1 ? <Body1Strong>{measureTitle(measure)}</Body1Strong> : null}
            {locked || (settings.periods.length < 2 && !annualMode) ? null : (
              <AnnualSpread
                name={m === 0 ? node.name : `${node.name}, ${measure.name}`}
                decimals={measure.decimals}
                locale={locale}
                choices={choices}
                initialChoice={defaultChoice(choices, settings).key}
                annual={annual}
                live={annualMode}
                mismatch={mismatch === null ? null : `${planMessages.annualMustAddUp} ${mismatch}`}
                disabled={busy}
                onChange={(typedAnnual, values) => spreadInto(m, typedAnnual, values)}
              />
            )}
            <div className={styles.periods}>
              {at.map((i) => (
                <Field
                  key={columns[i].label}
                  label={`${props.adjustment ? "Adjustment " : ""}${columns[i].label}${measure.unit === "" ? "" : ` (${measure.unit})`}`}
                  validationMessage={errors[i] ?? undefined}
                  hint={
                    errors[i] === null
                      ? joined(
                          guidance(live?.periods[i], i, measure.decimals),
                          lastYear([i], measure.decimals),
                          forecastText([i], measure.decimals),
                        )
                      : undefined
                  }
                >
                  <Input
                    className={styles.value}
                    inputMode="decimal"
                    value={draft.texts[i] ?? ""}
                    readOnly={locked}
                    onChange={(_event, data) => setText(i, data.value)}
                  />
                </Field>
              ))}
            </div>
            {total !== undefined ? (
              <Caption1 className={mergeClasses(styles.total, total.outOfTolerance && styles.outside)}>
                {joined(
                  `Total ${number(total.bottomUp, measure.decimals)}`,
                  guidance(total, null, measure.decimals),
                  lastYear(at, measure.decimals),
                  forecastText(at, measure.decimals),
                )}
              </Caption1>
            ) : null}
          </section>
        );
      })}
      {live === undefined
        ? null
        : (settings.ratios ?? []).map((ratio) => (
            <Caption1 key={ratio.name} className={styles.total}>
              {ratioLine(ratio, live.periods)}
            </Caption1>
          ))}
      {props.guardrails !== undefined && props.guardrails.breaks.length > 0 ? (
        <MessageBar intent="warning">
          <MessageBarBody>
            {`${settings.guardrails?.whenBroken === "comment" ? planMessages.guardrailsComment : planMessages.guardrailsBlock} ${props.guardrails.breaks.map((b) => b.message).join("; ")}`}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <Field label="Comment">
        <Textarea
          value={draft.comment}
          readOnly={locked}
          onChange={(_event, data) => props.onChange({ ...draft, comment: data.value })}
        />
      </Field>
      <FeedbackBar feedback={feedback} onDismiss={props.onDismissFeedback} onReload={props.onReload} />
      {possible.length > 0 ? (
        <div className={styles.buttons}>
          {possible.map((action) => (
            <Button
              key={action}
              appearance={action === "submit" ? "primary" : "secondary"}
              disabled={busy}
              onClick={() => props.onAct(action)}
            >
              {ACTION_LABELS[action]}
            </Button>
          ))}
        </div>
      ) : null}
    </Card>
  );
}

function joined(...parts: (string | undefined)[]): string | undefined {
  const shown = parts.filter((part): part is string => part !== undefined);
  return shown.length === 0 ? undefined : shown.join(" · ");
}

function sumOf(values: readonly (number | null)[]): number | null {
  let total: number | null = null;
  for (const value of values) if (value !== null) total = (total ?? 0) + value;
  return total;
}
