import * as React from "react";
import { FluentProvider, Spinner, webLightTheme } from "@fluentui/react-components";
import { render, type RenderResult } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel, type UserEvent } from "@testing-library/user-event";
import type { NodeEntry, PeriodValues, Plan, PlanNode, PlanSettings, Status } from "../../../src/core/plan/types";
import { useWorkbook, type WorkbookActions } from "../../../src/taskpane/hooks/useWorkbook";
import { MemoryPlanWorkbook } from "../../../src/workbook/memory/MemoryPlanWorkbook";
import type { PlanWorkbook } from "../../../src/workbook/PlanWorkbook";
import { installDomStubs } from "../support/dom";

/** What a view gets from the pane, as App hands it over. */
export interface PaneProps {
  readonly plan: Plan;
  readonly busy: boolean;
  readonly actions: WorkbookActions;
  readonly selectedNode: string | null;
}

function Harness({
  workbook,
  view,
}: {
  workbook: PlanWorkbook;
  view: (pane: PaneProps) => React.ReactNode;
}): React.JSX.Element {
  const { plan, busy, errors, selectedNode, actions } = useWorkbook(workbook);
  if (plan === undefined || plan === null) return <Spinner label="Reading the plan…" />;
  return (
    <>
      {errors.map((error) => (
        <p key={error.id} role="alert">{`${error.title}: ${error.message}`}</p>
      ))}
      {view({ plan, busy, actions, selectedNode })}
    </>
  );
}

export interface RenderedView extends RenderResult {
  readonly user: UserEvent;
}

/** One view over `workbook` through the pane's own `useWorkbook`, as App renders it. */
export function renderView(workbook: PlanWorkbook, view: (pane: PaneProps) => React.ReactNode): RenderedView {
  installDomStubs();
  const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
  const result = render(
    <FluentProvider theme={webLightTheme}>
      <Harness workbook={workbook} view={view} />
    </FluentProvider>,
  );
  return { ...result, user };
}

export const SETTINGS: PlanSettings = {
  name: "FY27",
  metric: "Revenue",
  unit: "EUR",
  periods: ["Q1 2027", "Q2 2027"],
  decimals: 0,
  tolerance: 0.05,
  deadline: "2027-01-31",
  allowNegative: false,
};

export interface MemoryPlanSpec {
  /** [id, parent, name, owner] in sheet order. */
  readonly nodes: readonly (readonly [string, string, string, string])[];
  /** id -> [values, status, return reason?] */
  readonly entries?: Readonly<Record<string, readonly [PeriodValues, Status, string?]>>;
  readonly topDown?: Readonly<Record<string, PeriodValues>>;
  readonly settings?: Partial<PlanSettings>;
  /** Extra hierarchy columns by node id, e.g. { DE: { Country: "Germany" } }; every node gets every column. */
  readonly attributes?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** A plan set up in an in-memory workbook, with its inputs, statuses and top-down targets saved. */
export async function memoryPlan(spec: MemoryPlanSpec): Promise<MemoryPlanWorkbook> {
  const workbook = new MemoryPlanWorkbook();
  const columns = [...new Set(Object.values(spec.attributes ?? {}).flatMap((cells) => Object.keys(cells)))];
  const nodes: PlanNode[] = spec.nodes.map(([id, parent, name, owner]) => ({
    id,
    parent,
    name,
    owner,
    attributes: Object.fromEntries(columns.map((column) => [column, spec.attributes?.[id]?.[column] ?? ""])),
  }));
  await workbook.writePlan({ settings: { ...SETTINGS, ...spec.settings }, nodes });
  const plan = (await workbook.readPlan()) as Plan;
  const changes = Object.entries(spec.entries ?? {}).map(([id, [values, status, returnReason = ""]]) => {
    const next: NodeEntry = {
      id,
      values,
      status,
      comment: "",
      returnReason,
      updatedAt: "2027-01-05T10:00:00.000Z",
      updatedBy: "someone",
    };
    return { expected: plan.entries.get(id) ?? null, next };
  });
  const saved = await workbook.saveEntries(changes, []);
  if (!saved.ok) throw new Error("could not save the fixture's entries");
  await workbook.saveTopDown(
    Object.entries(spec.topDown ?? {}).map(([id, values]) => ({ id, values, expected: null })),
    [],
  );
  return workbook;
}
