/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import {
  TopDownConflictDialog,
  type TopDownConflictItem,
} from "../../../src/taskpane/views/reconcile/TopDownConflictDialog";
import { installDomStubs } from "../support/dom";

/** 25 nodes an allocation wrote and a co-author changed: only the last one in a period both changed. */
const items: TopDownConflictItem[] = Array.from({ length: 25 }, (_, i) => ({
  name: `Rep ${i + 1}`,
  merge: { id: `R${i + 1}`, base: [10, 10], mine: [20, 10], theirs: i === 24 ? [30, 10] : [10, 40] },
}));

test("an allocation's many conflicting nodes are paged with a count, and one to choose on a later page blocks saving", async () => {
  installDomStubs();
  const onMerge = jest.fn();
  const user = userEvent.setup({ delay: null });
  render(
    <FluentProvider theme={webLightTheme}>
      <TopDownConflictDialog
        items={items}
        periods={["Q1", "Q2"]}
        locale="en-US"
        decimals={0}
        busy={false}
        message={null}
        onMerge={onMerge}
        onTakeTheirs={() => undefined}
        onClose={() => undefined}
      />
    </FluentProvider>,
  );
  const dialog = await screen.findByRole("dialog");
  expect(within(dialog).getByText("Nodes 1–10 of 25 that conflict")).toBeInTheDocument();
  expect(within(dialog).getAllByRole("region")).toHaveLength(10);
  expect(within(dialog).getByText("1 period that you both changed still to choose")).toBeInTheDocument();
  const merge = within(dialog).getByRole("button", { name: "Save merged" });
  expect(merge).toBeDisabled();

  await user.click(within(dialog).getByRole("button", { name: "Next" }));
  await user.click(within(dialog).getByRole("button", { name: "Next" }));
  expect(within(dialog).getByText("Nodes 21–25 of 25 that conflict")).toBeInTheDocument();
  await user.click(within(dialog).getByRole("radio", { name: "Theirs for Rep 25 Q1: 30" }));
  await user.click(merge);

  const choices = onMerge.mock.calls[0][0] as ReadonlyMap<string, readonly string[]>;
  expect(choices.get("R1")).toEqual(["mine", "theirs"]);
  expect(choices.get("R25")).toEqual(["theirs", "mine"]);
});
