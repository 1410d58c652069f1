/** @jest-environment jsdom */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { CollectChange, FilePreview } from "../../../src/core/sharing/collect";
import { FileChanges } from "../../../src/taskpane/views/sharing/CollectSection";
import { makePlan } from "../../core/sharing/fixture";
import { installDomStubs } from "../support/dom";

beforeAll(() => installDomStubs());

function change(i: number): CollectChange {
  return {
    id: `X${i}`,
    name: `Unknown ${i}`,
    field: "Q1 2027",
    before: null,
    after: i,
    accepted: false,
    reason: `There is no node "X${i}" in the plan`,
    warning: null,
  };
}

/** A returned file the plan has no record of making. */
const UNMATCHED: FilePreview = {
  fileName: "old.xlsx",
  owner: null,
  made: null,
  matched: null,
  unmatched: true,
  error: "This file doesn't match any workbook this plan made",
  notes: [],
  changes: [],
};

describe("the collect preview", () => {
  test("50,000 refused rows render only the rows on screen, with the full count announced", () => {
    const file: FilePreview = {
      fileName: "big.xlsx",
      owner: "Ann",
      made: "2027-01-05T08:00:00.000Z",
      matched: null,
      unmatched: false,
      error: null,
      notes: [],
      changes: Array.from({ length: 50_000 }, (_, i) => change(i)),
    };
    render(
      <FluentProvider theme={webLightTheme}>
        <FileChanges file={file} plan={makePlan()} locale="en-US" onCompareAnyway={() => undefined} />
      </FluentProvider>,
    );
    const table = screen.getByRole("table", { name: "Changes in big.xlsx" });
    expect(table).toHaveAttribute("aria-rowcount", "50001");
    const rows = within(table).getAllByRole("row");
    expect(rows.length).toBeLessThan(60);
    expect(within(rows[1]).getAllByRole("cell")[0]).toHaveTextContent("Unknown 0");
  });

  test("a file without a record offers to compare it anyway as a chosen owner's", () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <FileChanges file={UNMATCHED} plan={makePlan()} locale="en-US" onCompareAnyway={() => undefined} />
      </FluentProvider>,
    );
    expect(screen.getByRole("combobox", { name: "Owner of old.xlsx" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /Compare anyway as the file of/ })).toBeDisabled();
  });

  test("among hundreds of owners, the owner of a file without a record is found by typing", async () => {
    const user = userEvent.setup();
    const base = makePlan();
    const stores = Array.from({ length: 150 }, (_, i) => ({
      id: `S${i + 1}`,
      parent: "CO",
      name: `Store ${i + 1}`,
      owner: `owner ${i + 1}`,
      attributes: {},
    }));
    const compared: string[] = [];
    render(
      <FluentProvider theme={webLightTheme}>
        <FileChanges
          file={UNMATCHED}
          plan={{ ...base, nodes: [...base.nodes, ...stores] }}
          locale="en-US"
          onCompareAnyway={(owner) => compared.push(owner)}
        />
      </FluentProvider>,
    );
    await user.type(screen.getByRole("combobox", { name: "Owner of old.xlsx" }), "owner 120");
    // Only the matching owners are options, not every one of the plan's.
    expect(screen.getAllByRole("option").length).toBeLessThan(20);
    await user.click(screen.getByRole("option", { name: "owner 120" }));
    await user.click(screen.getByRole("button", { name: "Compare anyway as the file of owner 120" }));
    expect(compared).toEqual(["owner 120"]);
  });
});
