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

/** What the contributor has typed for one node and not saved yet. */
export interface EntryDraft {
  readonly texts: readonly string[];
  readonly comment: string;
  /** The annual number as typed; undefined until typed (annual entry then shows the periods' total). */
  readonly annual?: string;
}

export interface EntryCardProps {
  node: PlanNode;
  entry: NodeEntry;
  settings: PlanSettings;
  locale: string;
  draft: EntryDraft;
  /** Per period: the message beside the field, or null. */
  errors: readonly (string | null)[];
  /** Per period, then the total, with the typed values rolled up: the live guidance and gap. */
  live: { readonly periods: readonly Figures[]; readonly total: Figures } | undefined;
  /** Per period: the top-down is the node's own target ("allocated"), not a share from above ("suggested"). */
  allocated: readonly boolean[];
  /** The node has a team below it: what I enter is an adjustment on top of the team's total. */
  adjustment: boolean;
  /** Per period: the value as typed and accepted (null where blank or refused), as `live` rolls it up. */
  typed: readonly (number | null)[];
  /** Per period, the node's reference value (last year's) when the plan holds them: shown with the growth as typed. */
  reference?: readonly (number | null)[];
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
  const number = (value: number | null): string =>
    value === null ? "—" : formatNumber(value, locale, settings.decimals);

  const signed = (value: number): string => `${value > 0 ? "+" : ""}${number(value)}`;
  // The team's total without my own entry: the live bottom-up counts what I typed once; take it off.
  const teamOf = (period: number): number => (live?.periods[period]?.bottomUp ?? 0) - (props.typed[period] ?? 0);

  function guidance(figures: Figures | undefined, period: number | null): string | undefined {
    if (figures === undefined || figures.topDown === null) return undefined;
    const kind = period === null ? "" : props.allocated[period] ? " allocated" : " suggested";
    const gap = figures.variance ?? 0;
    if (!props.adjustment || period === null) return `Top-down ${number(figures.topDown)}${kind} · Gap ${signed(gap)}`;
    const team = teamOf(period);
    return `Team ${number(team)} · Top-down ${number(figures.topDown)}${kind} · Gap ${signed(gap)}`;
  }

  /** "Last year 1,000 · +12 %": the reference beside a field, with the growth of what is typed. */
  function lastYear(period: number | null): string | undefined {
    const reference = props.reference;
    if (reference === undefined) return undefined;
    const before = period === null ? sumOf(reference) : (reference[period] ?? null);
    if (before === null) return undefined;
    const typed = period === null ? props.typed : [props.typed[period] ?? null];
    const growth = growthOf(typed, period === null ? reference : [before]);
    return `Last year ${number(before)}${growth === null ? "" : ` · ${growthText(growth, locale)}`}`;
  }

  function setText(period: number, text: string): void {
    props.onChange({
      ...draft,
      texts: draft.texts.map((current, i) => (i === period ? text : current)),
    });
  }

  const annualMode = settings.entry?.mode === "annual";
  const choices = React.useMemo(
    () => spreadChoices(settings.periods.length, props.reference, props.profiles ?? NO_PROFILES, planWeeks(settings)),
    [settings, props.reference, props.profiles],
  );
  const typedTotal = sumOf(props.typed);
  // Until a number is typed, annual entry shows what the periods add up to (the plan keeps no annual number).
  const annual = draft.annual ?? (annualMode && typedTotal !== null ? number(typedTotal) : "");
  const mismatch = annualTargetBreak(settings, node.id, draft.annual, props.typed, locale);

  const totalGuidance = guidance(live?.total, null);
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
      {locked || (settings.periods.length < 2 && !annualMode) ? null : (
        <AnnualSpread
          name={node.name}
          decimals={settings.decimals}
          locale={locale}
          choices={choices}
          initialChoice={defaultChoice(choices, settings).key}
          annual={annual}
          live={annualMode}
          mismatch={mismatch === null ? null : `${planMessages.annualMustAddUp} ${mismatch}`}
          disabled={busy}
          onChange={(typedAnnual, values) =>
            props.onChange({
              ...draft,
              annual: typedAnnual,
              texts:
                values === null ? draft.texts : values.map((value) => formatNumber(value, locale, settings.decimals)),
            })
          }
        />
      )}
      <div className={styles.periods}>
        {settings.periods.map((period, i) => (
          <Field
            key={period}
            label={`${props.adjustment ? "Adjustment " : ""}${period}${settings.unit === "" ? "" : ` (${settings.unit})`}`}
            validationMessage={errors[i] ?? undefined}
            hint={errors[i] === null ? joined(guidance(live?.periods[i], i), lastYear(i)) : undefined}
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
      {live !== undefined ? (
        <Caption1 className={mergeClasses(styles.total, live.total.outOfTolerance && styles.outside)}>
          {joined(`Total ${number(live.total.bottomUp)}`, totalGuidance, lastYear(null))}
        </Caption1>
      ) : null}
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
