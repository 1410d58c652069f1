/** @jest-environment jsdom */
/**
 * Set up with a fiscal calendar and annual entry (issue 12, "Periods and spreading"): the periods of
 * a 4-4-5 or July fiscal year with their dates shown before writing, the calendar and the entry mode
 * written as the plan's settings, and shown again when the plan is set up again.
 */
import { screen, waitFor, within } from "@testing-library/react";
import { FakePlanWorkbook, makePlan } from "./support/FakePlanWorkbook";
import { renderTaskPane } from "./support/renderTaskPane";

jest.setTimeout(60000);

beforeEach(() => window.localStorage.clear());

test("a 4-4-5 fiscal year: the quarters of FY2028 with their dates (53 weeks), written with the calendar and annual entry", async () => {
  const workbook = new FakePlanWorkbook(null);
  const { user } = renderTaskPane(workbook);

  // The first render loads the views; give it longer than findBy's second.
  await user.type(await screen.findByRole("textbox", { name: /Plan name/ }, { timeout: 10000 }), "FY28 retail");
  expect(screen.getByRole("combobox", { name: "Calendar" })).toHaveDisplayValue("Calendar months");
  await user.selectOptions(screen.getByRole("combobox", { name: "Calendar" }), "Fiscal year of weeks, 4-4-5");
  expect(screen.queryByLabelText("First period")).not.toBeInTheDocument();
  expect(screen.getByRole("combobox", { name: "Fiscal year ends in" })).toHaveDisplayValue("December");
  expect(screen.getByRole("combobox", { name: "Weeks end on" })).toHaveDisplayValue("Saturday");
  const year = screen.getByRole("textbox", { name: /First fiscal year/ });
  await user.clear(year);
  await user.type(year, "2028");

  const dates = screen.getByRole("list", { name: "First and last day of each period" });
  expect(
    within(dates)
      .getAllByRole("listitem")
      .map((item) => item.textContent),
  ).toEqual([
    "Q1 FY2028: 2027-12-26 to 2028-03-25, 13 weeks",
    "Q2 FY2028: 2028-03-26 to 2028-06-24, 13 weeks",
    "Q3 FY2028: 2028-06-25 to 2028-09-23, 13 weeks",
    "Q4 FY2028: 2028-09-24 to 2028-12-30, 14 weeks",
  ]);

  await user.click(screen.getByRole("radio", { name: "One annual number, spread over the periods" }));
  expect(screen.getByRole("combobox", { name: /Spread by default/ })).toHaveDisplayValue("Evenly");
  expect(
    within(screen.getByRole("combobox", { name: /Spread by default/ }))
      .getAllByRole("option")
      .map((option) => option.textContent),
  ).toContain("By the fiscal calendar's weeks");
  await user.selectOptions(screen.getByRole("combobox", { name: /Spread by default/ }), "lastYear");
  await user.click(screen.getByRole("checkbox", { name: /The periods must add up to the annual number/ }));
  await user.click(screen.getByRole("button", { name: "Set up plan" }));

  await screen.findByText('The plan "FY28 retail" is set up with 1 node.');
  expect(workbook.written[0].settings).toMatchObject({
    periods: ["Q1 FY2028", "Q2 FY2028", "Q3 FY2028", "Q4 FY2028"],
    calendar: {
      calendar: { kind: "weeks", pattern: "4-4-5", endMonth: 12, endWeekday: 6, yearEnd: "last", namedBy: "end" },
      firstYear: 2028,
      grain: "quarter",
    },
    entry: { mode: "annual", spread: "lastYear", annualTarget: "equal" },
  });
});

test("a fiscal year from July by month; a first year that is not a year is named beside its field, and nothing is written", async () => {
  const workbook = new FakePlanWorkbook(null);
  const { user } = renderTaskPane(workbook);
  await user.type(await screen.findByRole("textbox", { name: /Plan name/ }), "FY27");
  await user.selectOptions(screen.getByRole("combobox", { name: "Calendar" }), "Fiscal year of calendar months");
  expect(screen.getByRole("combobox", { name: "Fiscal year starts in" })).toHaveDisplayValue("July");
  await user.selectOptions(screen.getByRole("combobox", { name: "Each period is" }), "Months");
  await user.clear(screen.getByRole("spinbutton", { name: "Number of periods" }));
  await user.type(screen.getByRole("spinbutton", { name: "Number of periods" }), "12");
  const year = screen.getByRole("textbox", { name: /First fiscal year/ });
  await user.clear(year);
  await user.type(year, "20x7");
  expect(screen.queryByRole("list", { name: "First and last day of each period" })).not.toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: "Set up plan" }));
  expect(year).toHaveAccessibleDescription(/Enter the first fiscal year as a year, like 2027/);
  expect(workbook.written).toEqual([]);

  await user.clear(year);
  await user.type(year, "2027");
  const dates = screen.getByRole("list", { name: "First and last day of each period" });
  expect(within(dates).getAllByRole("listitem")[0]).toHaveTextContent("Jul 2026: 2026-07-01 to 2026-07-31");
  await user.click(screen.getByRole("button", { name: "Set up plan" }));
  await waitFor(() => expect(workbook.written).toHaveLength(1));
  expect(workbook.written[0].settings.periods).toHaveLength(12);
  expect(workbook.written[0].settings.periods[11]).toBe("Jun 2027");
  expect(workbook.written[0].settings).not.toHaveProperty("entry");
});

test("setting the plan up again shows its calendar and entry mode as kept, and keeps them with the periods", async () => {
  const plan = makePlan({
    settings: {
      periods: ["Q1 FY2027", "Q2 FY2027", "Q3 FY2027", "Q4 FY2027"],
      calendar: { calendar: { kind: "months", startMonth: 4, namedBy: "end" }, firstYear: 2027, grain: "quarter" },
      entry: { mode: "annual", spread: "Peak", annualTarget: "free" },
    },
    nodes: [["W", "", "World", "ceo"]],
  });
  const workbook = new FakePlanWorkbook(plan);
  const { user } = renderTaskPane(workbook);
  await user.click(await screen.findByRole("tab", { name: "Set up" }));

  expect(screen.getByRole("radio", { name: "One annual number, spread over the periods" })).toBeChecked();
  // A profile the plan names stays offered, also when GU Profiles no longer holds it.
  expect(screen.getByRole("combobox", { name: /Spread by default/ })).toHaveDisplayValue('Profile "Peak"');
  await user.click(screen.getByRole("checkbox", { name: /Keep the current periods/ }));
  expect(screen.getByRole("combobox", { name: "Calendar" })).toHaveDisplayValue("Fiscal year of calendar months");
  expect(screen.getByRole("combobox", { name: "Fiscal year starts in" })).toHaveDisplayValue("April");
  expect(screen.getByRole("textbox", { name: /First fiscal year/ })).toHaveValue("2027");
  expect(screen.getByRole("spinbutton", { name: "Number of periods" })).toHaveValue(4);
  await user.click(screen.getByRole("checkbox", { name: /Keep the current periods/ }));

  await user.click(screen.getByRole("button", { name: "Update plan" }));
  await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Update plan" }));
  await waitFor(() => expect(workbook.written).toHaveLength(1));
  expect(workbook.written[0].settings.calendar).toEqual(plan.settings.calendar);
  expect(workbook.written[0].settings.entry).toEqual(plan.settings.entry);
});
