/** @jest-environment jsdom */
import * as React from "react";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { OwnerPicker, OWNER_SELECT_LIMIT } from "../../../src/taskpane/components/OwnerPicker";
import { installDomStubs } from "../support/dom";

jest.setTimeout(60_000);

const OWNERS = Array.from({ length: 10_000 }, (_, i) => `owner${String(i).padStart(5, "0")}@example.com`);

function Harness({ owners, initial = "" }: { owners: readonly string[]; initial?: string }): React.JSX.Element {
  const [me, setMe] = React.useState(initial);
  return (
    <FluentProvider theme={webLightTheme}>
      <OwnerPicker owners={owners} value={me} onChange={setMe} />
      <output aria-label="chosen">{me}</output>
    </FluentProvider>
  );
}

function renderPicker(owners: readonly string[], initial = "") {
  installDomStubs();
  const user = userEvent.setup({ delay: null });
  render(<Harness owners={owners} initial={initial} />);
  return { user, input: screen.getByRole("combobox", { name: "I am" }) };
}

describe("OwnerPicker with 10,000 owners", () => {
  test("opening the list puts only a window of options in the DOM, each saying its place in the whole list", async () => {
    const { user, input } = renderPicker(OWNERS);
    await user.click(input);

    const options = within(screen.getByRole("listbox", { name: "People" })).getAllByRole("option");
    expect(options.length).toBeGreaterThan(5);
    expect(options.length).toBeLessThan(30);
    expect(options[0]).toHaveTextContent(OWNERS[0]);
    expect(options[0]).toHaveAttribute("aria-setsize", "10000");
    expect(input).toHaveAttribute("aria-expanded", "true");
  });

  test("typing filters the list; arrow keys and Enter choose, and the input then shows the choice", async () => {
    const { user, input } = renderPicker(OWNERS);
    await user.type(input, "owner0424");

    const options = screen.getAllByRole("option");
    expect(options.map((option) => option.textContent)).toEqual(
      Array.from({ length: 10 }, (_, i) => `owner0424${i}@example.com`),
    );
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(input).toHaveAttribute("aria-activedescendant", options[2].id);
    await user.keyboard("{Enter}");

    expect(screen.getByRole("status", { name: "chosen" })).toHaveTextContent("owner04242@example.com");
    expect(input).toHaveValue("owner04242@example.com");
    expect(input).toHaveAttribute("aria-expanded", "false");
  });

  test("moving down the whole list keeps the active option rendered while the DOM stays a window", async () => {
    const { user, input } = renderPicker(OWNERS);
    await user.click(input);
    for (let i = 0; i < 40; i++) await user.keyboard("{PageDown}");

    const activeId = input.getAttribute("aria-activedescendant") ?? "";
    const active = document.getElementById(activeId);
    expect(active).toHaveAttribute("role", "option");
    expect(Number(active?.getAttribute("aria-posinset"))).toBeGreaterThan(300);
    expect(screen.getAllByRole("option").length).toBeLessThan(30);
  });

  test("Escape closes the list and keeps the earlier choice; a query matching nobody says so", async () => {
    const { user, input } = renderPicker(OWNERS, OWNERS[7]);
    expect(input).toHaveValue(OWNERS[7]);
    await user.clear(input);
    await user.type(input, "nobody-like-this");
    expect(screen.getByText("Nobody matches “nobody-like-this”")).toBeInTheDocument();

    await user.keyboard("{Escape}");
    expect(input).toHaveValue(OWNERS[7]);
    expect(screen.getByRole("status", { name: "chosen" })).toHaveTextContent(OWNERS[7]);
  });

  test("a click on an option chooses it", async () => {
    const { user, input } = renderPicker(OWNERS);
    await user.type(input, "owner09999");
    await user.click(screen.getByRole("option", { name: "owner09999@example.com" }));

    expect(screen.getByRole("status", { name: "chosen" })).toHaveTextContent("owner09999@example.com");
  });
});

test(`up to ${OWNER_SELECT_LIMIT} owners it is a plain select`, async () => {
  installDomStubs();
  const user = userEvent.setup({ delay: null });
  render(<Harness owners={["Ann", "Bob"]} />);
  const select = screen.getByRole("combobox", { name: "I am" });

  await user.selectOptions(select, "Bob");
  expect(screen.getByRole("status", { name: "chosen" })).toHaveTextContent("Bob");
});
