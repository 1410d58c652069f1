/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { CellRange } from "../../src/core/a1";
import { SHEETS, TABLES } from "../../src/core/plan/layout";
import type { AuditEntry } from "../../src/core/plan/types";
import { AuditChainStatus } from "../../src/taskpane/components/AuditChainStatus";
import { MemoryPlanWorkbook } from "../../src/workbook/memory/MemoryPlanWorkbook";
import { SETTINGS } from "../support/plan";
import { installDomStubs } from "./support/dom";

installDomStubs();

function audit(node: string, newValue: string): AuditEntry {
  return {
    time: "2027-01-05T09:00:00.000Z",
    user: "ceo",
    node,
    field: "top-down Q1 2027",
    oldValue: "",
    newValue,
    note: "",
  };
}

async function plannedWorkbook(): Promise<MemoryPlanWorkbook> {
  const workbook = new MemoryPlanWorkbook();
  await workbook.writePlan({
    settings: SETTINGS,
    nodes: [
      { id: "CO", parent: "", name: "Company", owner: "ceo", attributes: {} },
      { id: "UK", parent: "CO", name: "UK", owner: "ann", attributes: {} },
    ],
  });
  await workbook.saveTopDown(
    [
      { id: "CO", values: [1000, null], expected: null },
      { id: "UK", values: [400, null], expected: null },
    ],
    [audit("CO", "1000"), audit("UK", "400")],
  );
  return workbook;
}

function show(workbook: MemoryPlanWorkbook): void {
  render(
    <FluentProvider theme={webLightTheme}>
      <AuditChainStatus read={() => workbook.readAuditChain()} />
    </FluentProvider>,
  );
}

describe("AuditChainStatus", () => {
  it("says the audit log is intact when nobody touched GU Audit", async () => {
    show(await plannedWorkbook());
    expect(await screen.findByText("Audit log intact")).toBeInTheDocument();
  });

  it("names the first altered row, and checks again on request after someone edits the sheet", async () => {
    const workbook = await plannedWorkbook();
    show(workbook);
    await screen.findByText("Audit log intact");
    const { range } = workbook.workbook.table(TABLES.audit) as { range: CellRange };
    // Sheet row 3 is the first entry (row 2 is the new table's blank row): its New, 1000, made 1.
    workbook.workbook.enter(SHEETS.audit, 2, range.col + 5, "1");

    await userEvent.click(screen.getByRole("button", { name: "Check again" }));

    expect(await screen.findByText(/Audit log altered at row 3 of GU Audit/)).toBeInTheDocument();
    expect(screen.queryByText("Audit log intact")).not.toBeInTheDocument();
  });

  it("says so when the log could not be read", async () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <AuditChainStatus read={async () => undefined} />
      </FluentProvider>,
    );
    expect(await screen.findByText("Couldn't read the audit log")).toBeInTheDocument();
  });
});
