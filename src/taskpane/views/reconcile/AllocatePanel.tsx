import * as React from "react";
import {
  Button,
  Checkbox,
  Field,
  Radio,
  RadioGroup,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ShowMoreButton } from "../../components/ShowMoreButton";
import { useShowMore } from "../../hooks/useShowMore";
import { reconcilePaneMessages } from "../../../core/messages";
import type { NodeView, PlanView } from "../../../core/plan/planView";
import type { Plan } from "../../../core/plan/types";
import {
  allocateGap,
  type AllocationBasis,
  type AllocationMethod,
  type AllocationPreview,
} from "../../../core/reconcile/allocateGap";
import type { TopDownPreview } from "../../../core/reconcile/targets";
import type { SourceTable } from "../../../workbook/PlanWorkbook";
import { FeedbackBar, type Feedback } from "../../components/FeedbackBar";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import type { NumberFormat } from "./format";
import { PreviewTable } from "./PreviewTable";
import { ProblemMessages } from "./ProblemMessages";
import { guessIdColumn, guessWeightColumn, tableHeaders, weightsFrom } from "./weightColumn";
import { valueColumns } from "../../../core/plan/measures";

export interface AllocatePanelProps {
  plan: Plan;
  view: PlanView;
  node: NodeView;
  /** The node's direct children, in sheet order. */
  nodes: readonly NodeView[];
  format: NumberFormat;
  busy: boolean;
  actions: Pick<WorkbookActions, "listTables" | "readTable" | "reload">;
  onApply(preview: TopDownPreview, done: string): Promise<Feedback | null>;
}

type MethodKind = AllocationMethod["kind"];

const METHODS: readonly { readonly kind: MethodKind; readonly label: string }[] = [
  { kind: "bottomUp", label: "Bottom-up" },
  { kind: "even", label: "Evenly" },
  { kind: "period", label: "Bottom-up in one period" },
  { kind: "weights", label: "A weights column" },
];

/** The weights table the user picked and which of its columns hold ids and weights. */
interface WeightsChoice {
  readonly table: SourceTable;
  readonly name: string;
  readonly idColumn: number;
  readonly weightColumn: number;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  options: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(9rem, 1fr))",
    gap: tokens.spacingHorizontalS,
  },
  holds: { display: "flex", flexDirection: "column" },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/** Shares a node's gap or target out to its children: options, holds, a live preview, then Apply. */
export function AllocatePanel({
  plan,
  view,
  node,
  nodes,
  format,
  busy,
  actions,
  onApply,
}: AllocatePanelProps): React.JSX.Element {
  const styles = useStyles();
  const periods = valueColumns(plan.settings);
  const [basis, setBasis] = React.useState<AllocationBasis>("gap");
  const [kind, setKind] = React.useState<MethodKind>("bottomUp");
  const [period, setPeriod] = React.useState(0);
  const [held, setHeld] = React.useState<ReadonlySet<string>>(new Set());
  const holds = useShowMore(nodes, node.id);
  const [tables, setTables] = React.useState<readonly string[] | undefined>(undefined);
  const [weights, setWeights] = React.useState<WeightsChoice | null>(null);
  const [feedback, setFeedback] = React.useState<Feedback | null>(null);
  const holdsLabel = React.useId();

  const method = React.useMemo((): AllocationMethod | null => {
    if (kind === "even" || kind === "bottomUp") return { kind };
    if (kind === "period") return { kind, period };
    if (weights === null) return null;
    const headers = tableHeaders(weights.table);
    return {
      kind,
      weights: weightsFrom(weights.table, weights.idColumn, weights.weightColumn),
      label: `${weights.name} ${headers[weights.weightColumn] ?? ""}`,
    };
  }, [kind, period, weights]);

  const preview = React.useMemo((): AllocationPreview | null => {
    if (method === null) return null;
    return allocateGap(plan, view, { nodeId: node.id, basis, method, hold: [...held] });
  }, [plan, view, node.id, basis, method, held]);

  async function chooseMethod(next: MethodKind): Promise<void> {
    setKind(next);
    if (next === "weights" && tables === undefined) setTables((await actions.listTables()) ?? []);
  }

  async function chooseTable(name: string): Promise<void> {
    if (name === "") {
      setWeights(null);
      return;
    }
    const table = await actions.readTable(name);
    if (table === undefined) return;
    const idColumn = guessIdColumn(tableHeaders(table));
    setWeights({ table, name, idColumn, weightColumn: guessWeightColumn(table, idColumn) });
  }

  function toggleHold(id: string, on: boolean): void {
    setHeld((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function apply(ready: AllocationPreview): Promise<void> {
    setFeedback(await onApply(ready, reconcilePaneMessages.allocationApplied(node.node.name)));
  }

  const headers = weights === null ? [] : tableHeaders(weights.table);
  return (
    <div className={styles.root}>
      <Field label="Allocate">
        <RadioGroup value={basis} onChange={(_event, data) => setBasis(data.value as AllocationBasis)}>
          <Radio value="gap" label="The gap: each child keeps its bottom-up and gets a share of the rest" />
          <Radio value="target" label="The whole target" />
        </RadioGroup>
      </Field>
      <div className={styles.options}>
        <Field label="In proportion to">
          <Select value={kind} onChange={(_event, data) => void chooseMethod(data.value as MethodKind)}>
            {METHODS.map((choice) => (
              <option key={choice.kind} value={choice.kind}>
                {choice.label}
              </option>
            ))}
          </Select>
        </Field>
        {kind === "period" ? (
          <Field label="Bottom-up of">
            <Select value={String(period)} onChange={(_event, data) => setPeriod(Number(data.value))}>
              {periods.map((label, c) => (
                <option key={label} value={c}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        {kind === "weights" ? (
          <Field
            label="Weights table"
            validationMessage={tables !== undefined && tables.length === 0 ? reconcilePaneMessages.noTables : undefined}
            validationState={tables !== undefined && tables.length === 0 ? "warning" : "none"}
          >
            <Select value={weights?.name ?? ""} onChange={(_event, data) => void chooseTable(data.value)}>
              <option value="">Choose a table</option>
              {(tables ?? []).map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        {kind === "weights" && weights !== null ? (
          <>
            <Field label="Id column">
              <Select
                value={String(weights.idColumn)}
                onChange={(_event, data) => setWeights({ ...weights, idColumn: Number(data.value) })}
              >
                {headers.map((header, c) => (
                  <option key={c} value={c}>
                    {header}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Weights column">
              <Select
                value={String(weights.weightColumn)}
                onChange={(_event, data) => setWeights({ ...weights, weightColumn: Number(data.value) })}
              >
                {headers.map((header, c) => (
                  <option key={c} value={c}>
                    {header}
                  </option>
                ))}
              </Select>
            </Field>
          </>
        ) : null}
      </div>
      <div role="group" aria-labelledby={holdsLabel} className={styles.holds}>
        <Text id={holdsLabel} weight="semibold">
          Hold at their current target
        </Text>
        {holds.shown.map((child) => (
          <Checkbox
            key={child.id}
            label={child.node.name}
            checked={held.has(child.id)}
            onChange={(_event, data) => toggleHold(child.id, data.checked === true)}
          />
        ))}
        <ShowMoreButton list={holds} what="nodes" />
      </div>
      {preview === null ? (
        <Text>{reconcilePaneMessages.chooseWeights}</Text>
      ) : (
        <>
          <ProblemMessages problems={preview.problems} />
          {preview.rows.length > 0 ? (
            <PreviewTable
              label="Allocation preview"
              periods={periods}
              rows={preview.rows}
              parent={preview.parent}
              format={format}
            />
          ) : null}
          <div className={styles.buttons}>
            <Button appearance="primary" disabled={busy || !preview.canApply} onClick={() => void apply(preview)}>
              Apply allocation
            </Button>
          </div>
        </>
      )}
      <FeedbackBar feedback={feedback} onDismiss={() => setFeedback(null)} onReload={() => void actions.reload()} />
    </div>
  );
}
