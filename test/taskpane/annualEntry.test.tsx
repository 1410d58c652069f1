/** @jest-environment jsdom */
/**
 * Annual entry in My targets (issue 12): one annual number spread over the periods by last year's
 * shares or evenly, into the period fields, adding up exactly, before the rep saves.
 */
import { screen, within } from "@testing-library/react";
import { spreadChoices } from "../../src/core/plan/annualEntry";
import { OWNER_STORAGE_KEY } from "../../src/taskpane/hooks/useRememberedOwner";
import { FakePlanWorkbook, makePlan } from "./support/FakePlanWorkbook";
import { renderTaskPane } from "./support/renderTaskPane";

jest.setTimeout(120000);

beforeEach(() => window.localStorage.clear());

test("the profiles offered follow what the plan knows: last year's shares first where there are some, weeks for 12 periods", () => {
  expect(spreadChoices(4, undefined).map((choice) => choice.key)).toEqual(["even"]);
  expect(spreadChoices(4, [0, 0, null, 0]).map((choice) => choice.key)).toEqual(["even"]);
  expect(spreadChoices(4, [10, -2, 3, 4]).map((choice) => choice.key)).toEqual(["even"]);
  expect(spreadChoices(12, [1, 2]).map((choice) => choice.key)).toEqual([
    "lastYear",
    "even",
    "4-4-5",
    "4-5-4",
    "5-4-4",
  ]);
});

test("a rep types an annual number, spreads it by last year's shares or evenly, and saves the periods", async () => {
  window.localStorage.setItem(OWNER_STORAGE_KEY, "Ann");
  const plan = makePlan({
    nodes: [
      ["W", "", "World", "Cara"],
      ["NORTH", "W", "North", "Ann"],
    ],
  });
  const workbook = new FakePlanWorkbook({
    ...plan,
    reference: { values: new Map([["NORTH", [100, 200]]]), problems: [] },
  });
  const { user } = renderTaskPane(workbook);
  await user.click(await screen.findByRole("tab", { name: "My targets" }));
  const card = screen.getByRole("group", { name: "North" });
  const annual = within(card).getByRole("textbox", { name: "Annual for North" });
  expect(within(card).getByRole("combobox", { name: "Spread for North" })).toHaveDisplayValue("By last year's shares");

  await user.type(annual, "1,001");
  await user.click(within(card).getByRole("button", { name: "Spread over the periods" }));
  // 1,001 in the shares 1:2, whole numbers adding up exactly (the largest remainder takes the odd unit).
  expect(within(card).getByRole("textbox", { name: "Q1 2027 (EUR)" })).toHaveValue("334");
  expect(within(card).getByRole("textbox", { name: "Q2 2027 (EUR)" })).toHaveValue("667");

  await user.selectOptions(within(card).getByRole("combobox", { name: "Spread for North" }), "Evenly");
  await user.clear(annual);
  await user.type(annual, "abc{Enter}");
  expect(within(card).getByRole("textbox", { name: "Annual for North" })).toHaveAccessibleDescription(/number/i);
  await user.clear(annual);
  await user.type(annual, "900{Enter}");
  expect(within(card).getByRole("textbox", { name: "Q1 2027 (EUR)" })).toHaveValue("450");
  await user.click(within(card).getByRole("button", { name: "Save draft" }));
  await within(card).findAllByText("Draft");
  expect(workbook.plan?.entries.get("NORTH")).toMatchObject({ status: "Draft", values: [450, 450] });
});

test("the plan's named seasonality profiles are offered and spread by their shares", async () => {
  expect(
    spreadChoices(2, undefined, [
      { name: "Front-loaded", shares: [0.6, 0.4] },
      { name: "Quarterly", shares: [0.25, 0.25, 0.25, 0.25] },
    ]).map((choice) => choice.label),
  ).toEqual(["Evenly", "Front-loaded"]);

  window.localStorage.setItem(OWNER_STORAGE_KEY, "Ann");
  const plan = makePlan({
    nodes: [
      ["W", "", "World", "Cara"],
      ["NORTH", "W", "North", "Ann"],
    ],
  });
  const workbook = new FakePlanWorkbook({
    ...plan,
    profiles: { profiles: [{ name: "Front-loaded", shares: [0.6, 0.4] }], problems: [] },
  });
  const { user } = renderTaskPane(workbook);
  await user.click(await screen.findByRole("tab", { name: "My targets" }));
  const card = screen.getByRole("group", { name: "North" });
  await user.selectOptions(within(card).getByRole("combobox", { name: "Spread for North" }), "Front-loaded");
  await user.type(within(card).getByRole("textbox", { name: "Annual for North" }), "1,000{Enter}");
  expect(within(card).getByRole("textbox", { name: "Q1 2027 (EUR)" })).toHaveValue("600");
  expect(within(card).getByRole("textbox", { name: "Q2 2027 (EUR)" })).toHaveValue("400");
});

test("with two measures a rep gets a group of fields per measure, spreads each annual number into its own, and saves both", async () => {
  window.localStorage.setItem(OWNER_STORAGE_KEY, "Ann");
  const plan = makePlan({
    settings: {
      moreMeasures: [{ name: "Units", unit: "units", decimals: 1 }],
      ratios: [{ name: "Price", unit: "EUR", decimals: 2, numerator: "Revenue", denominator: "Units" }],
    },
    nodes: [
      ["W", "", "World", "Cara"],
      ["NORTH", "W", "North", "Ann"],
    ],
    topDown: { W: [1000, 1000, 10, 10] },
  });
  const workbook = new FakePlanWorkbook({
    ...plan,
    reference: {
      values: new Map([["NORTH", [100, 300, 4, 4]]]),
      forecast: new Map([["NORTH", [600, 1200, 5, null]]]),
      problems: [],
    },
  });
  const { user } = renderTaskPane(workbook);
  await user.click(await screen.findByRole("tab", { name: "My targets" }));
  const card = screen.getByRole("group", { name: "North" });
  const revenue = within(card).getByRole("region", { name: "Revenue (EUR)" });
  const units = within(card).getByRole("region", { name: "Units (units)" });

  // Each measure spreads by its own last year: revenue 1:3, units evenly (4:4), in one decimal.
  await user.type(within(revenue).getByRole("textbox", { name: "Annual for North" }), "2,000{Enter}");
  await user.type(within(units).getByRole("textbox", { name: "Annual for North, Units" }), "9{Enter}");
  expect(within(revenue).getByRole("textbox", { name: "Q1 2027 (EUR)" })).toHaveValue("500");
  expect(within(revenue).getByRole("textbox", { name: "Q2 2027 (EUR)" })).toHaveValue("1,500");
  expect(within(units).getByRole("textbox", { name: "Units Q1 2027 (units)" })).toHaveValue("4.5");
  expect(within(units).getByRole("textbox", { name: "Units Q2 2027 (units)" })).toHaveValue("4.5");
  // Totals per measure: revenue against its 2,000 target, units against 20; never euros plus units.
  expect(within(revenue).getByText(/^Total 2,000 · Top-down 2,000/)).toBeInTheDocument();
  expect(
    within(units).getByText(/^Total 9\.0 · Top-down 20\.0 · Gap -11\.0 · Last year 8\.0 · \+12\.5 % · Forecast 5\.0$/),
  ).toBeInTheDocument();
  // This year's forecast beside each field, where the plan holds one.
  expect(within(revenue).getByRole("textbox", { name: "Q1 2027 (EUR)" })).toHaveAccessibleDescription(
    /Last year 100 · \+400 % · Forecast 600$/,
  );
  expect(within(units).getByRole("textbox", { name: "Units Q2 2027 (units)" })).not.toHaveAccessibleDescription(
    /Forecast/,
  );

  // A ratio is worked out from the two measures, as the report does: the price per unit as typed.
  expect(
    within(card).getByText(
      "Price: Q1 2027 111.11 EUR (top-down 100.00 EUR) · Q2 2027 333.33 EUR (top-down 100.00 EUR)",
    ),
  ).toBeInTheDocument();

  // One decimal is allowed for units, none for revenue.
  await user.clear(within(revenue).getByRole("textbox", { name: "Q1 2027 (EUR)" }));
  await user.type(within(revenue).getByRole("textbox", { name: "Q1 2027 (EUR)" }), "500.5");
  expect(within(revenue).getByRole("textbox", { name: "Q1 2027 (EUR)" })).toHaveAccessibleDescription(/whole number/i);
  await user.clear(within(revenue).getByRole("textbox", { name: "Q1 2027 (EUR)" }));
  await user.type(within(revenue).getByRole("textbox", { name: "Q1 2027 (EUR)" }), "500");

  await user.click(within(card).getByRole("button", { name: "Save draft" }));
  await within(card).findAllByText("Draft");
  expect(workbook.plan?.entries.get("NORTH")).toMatchObject({ status: "Draft", values: [500, 1500, 4.5, 4.5] });
});

describe("a plan in annual entry (entryMode annual in GU Settings)", () => {
  const nodes: [string, string, string, string][] = [
    ["W", "", "World", "Cara"],
    ["NORTH", "W", "North", "Ann"],
  ];

  test("the rep types one number, spread at once by the plan's default; periods that no longer add up to it can't be submitted", async () => {
    window.localStorage.setItem(OWNER_STORAGE_KEY, "Ann");
    const plan = makePlan({
      settings: { entry: { mode: "annual", spread: "lastYear", annualTarget: "equal" } },
      nodes,
    });
    const workbook = new FakePlanWorkbook({
      ...plan,
      reference: { values: new Map([["NORTH", [100, 200]]]), problems: [] },
    });
    const { user } = renderTaskPane(workbook);
    await user.click(await screen.findByRole("tab", { name: "My targets" }));
    const card = screen.getByRole("group", { name: "North" });
    expect(within(card).getByRole("combobox", { name: "Spread for North" })).toHaveDisplayValue(
      "By last year's shares",
    );

    // No button: the periods follow the annual number as it is typed.
    await user.type(within(card).getByRole("textbox", { name: "Annual for North" }), "1,001");
    const q2 = within(card).getByRole("textbox", { name: "Q2 2027 (EUR)" });
    expect(within(card).getByRole("textbox", { name: "Q1 2027 (EUR)" })).toHaveValue("334");
    expect(q2).toHaveValue("667");

    await user.clear(q2);
    await user.type(q2, "700");
    expect(within(card).getByRole("textbox", { name: "Annual for North" })).toHaveAccessibleDescription(
      /add up to the annual number.*The periods of NORTH add up to 1,034, not to its annual number 1,001/,
    );
    await user.click(within(card).getByRole("button", { name: "Submit" }));
    expect(
      await within(card).findByText(
        /^Not submitted: the periods of NORTH add up to 1,034, not to its annual number 1,001\./,
      ),
    ).toBeInTheDocument();
    expect(workbook.plan?.entries.get("NORTH")?.status ?? "Not started").toBe("Not started");

    // Changing the spread spreads the annual number again: the periods agree with it once more.
    await user.selectOptions(within(card).getByRole("combobox", { name: "Spread for North" }), "Evenly");
    expect(q2).toHaveValue("500");
    await user.click(within(card).getByRole("button", { name: "Submit" }));
    await within(card).findByText("Submitted", { selector: ".fui-MessageBarBody" });
    expect(workbook.plan?.entries.get("NORTH")).toMatchObject({ status: "Submitted", values: [501, 500] });
  });

  test("a default the node can't use (last year's shares without last year) spreads evenly; the saved periods show as the annual number", async () => {
    window.localStorage.setItem(OWNER_STORAGE_KEY, "Ann");
    const workbook = new FakePlanWorkbook(
      makePlan({
        settings: { entry: { mode: "annual", spread: "lastYear", annualTarget: "free" } },
        nodes,
        entries: { NORTH: [[300, 500], "Draft"] },
      }),
    );
    const { user } = renderTaskPane(workbook);
    await user.click(await screen.findByRole("tab", { name: "My targets" }));
    const card = screen.getByRole("group", { name: "North" });
    expect(within(card).getByRole("combobox", { name: "Spread for North" })).toHaveDisplayValue("Evenly");
    const annual = within(card).getByRole("textbox", { name: "Annual for North" });
    expect(annual).toHaveValue("800");
    // A mistyped annual number is named on leaving the field, not at each keystroke.
    await user.clear(annual);
    await user.type(annual, "12x");
    expect(annual).not.toHaveAccessibleDescription(/number/i);
    await user.tab();
    expect(annual).toHaveAccessibleDescription(/Enter a number like/);
    // Under "free", periods changed after spreading may differ from the annual number.
    await user.clear(annual);
    await user.type(annual, "1,000");
    await user.clear(within(card).getByRole("textbox", { name: "Q1 2027 (EUR)" }));
    await user.type(within(card).getByRole("textbox", { name: "Q1 2027 (EUR)" }), "600");
    await user.click(within(card).getByRole("button", { name: "Submit" }));
    await within(card).findByText("Submitted", { selector: ".fui-MessageBarBody" });
    expect(workbook.plan?.entries.get("NORTH")?.values).toEqual([600, 500]);
  });
});
