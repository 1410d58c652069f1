/** @jest-environment jsdom */
import { render, screen, within } from "@testing-library/react";
import { MemoryWorkbook, type ChartInfo } from "../../src/workbook/memory/MemoryWorkbook";
import { ChartStrip } from "../../workbench/ChartStrip";
import { chartData, describeChart } from "../../workbench/charts";

const SHEET = "GU Dashboard";

/** Name | Top-down | Bottom-up for two children, in B4:D6 as the dashboard writes them. */
function dashboard(): MemoryWorkbook {
  const workbook = new MemoryWorkbook();
  workbook.addSheet(SHEET);
  workbook.write({ sheet: SHEET, row: 3, col: 1, rowCount: 3, colCount: 3 }, [
    ["Name", "Top-down", "Bottom-up"],
    ["United Kingdom", 22000, 21500],
    ["Germany", 0, "#DIV/0!"],
  ]);
  workbook.setNumberFormats({ sheet: SHEET, row: 4, col: 2, rowCount: 2, colCount: 2 }, [
    ["#,##0", "#,##0"],
    ["#,##0", "#,##0"],
  ]);
  return workbook;
}

const TARGETS: ChartInfo = {
  sheet: SHEET,
  name: "GuTargetsChart",
  type: "columnClustered",
  title: "Top-down vs bottom-up below Europe, all periods",
  source: { sheet: SHEET, row: 3, col: 1, rowCount: 3, colCount: 3 },
};

describe("chartData", () => {
  it("reads categories from the first column and a series per further column, text as 0", () => {
    expect(chartData(dashboard(), TARGETS)).toEqual({
      categories: ["United Kingdom", "Germany"],
      series: [
        { name: "Top-down", values: [22000, 0], labels: ["22,000", "0"] },
        { name: "Bottom-up", values: [21500, 0], labels: ["21,500", "0"] },
      ],
    });
  });

  it.each([
    ["columnClustered", "Clustered column of B4:D6"],
    ["barClustered", "Clustered bar of B4:D6"],
    ["line", "Line of B4:D6"],
  ] as const)("describes a %s chart as %p", (type, text) => {
    expect(describeChart({ ...TARGETS, type })).toBe(text);
  });
});

describe("ChartStrip", () => {
  it("draws the sheet's charts with title, type, source and a bar per category and series", () => {
    const workbook = dashboard();
    workbook.addChart(TARGETS);
    render(<ChartStrip workbook={workbook} sheet="gu dashboard" />);

    const figure = screen.getByRole("figure", { name: TARGETS.title });
    expect(within(figure).getByText("Clustered column of B4:D6")).toBeInTheDocument();
    const drawing = within(figure).getByRole("img");
    expect(drawing).toHaveAccessibleName(
      "Clustered column chart of Top-down and Bottom-up for United Kingdom, Germany",
    );
    expect([...drawing.querySelectorAll("rect > title")].map((title) => title.textContent)).toEqual([
      "United Kingdom, Top-down: 22,000",
      "Germany, Top-down: 0",
      "United Kingdom, Bottom-up: 21,500",
      "Germany, Bottom-up: 0",
    ]);
    expect(within(figure).getByRole("list", { name: "Legend" })).toHaveTextContent("Top-downBottom-up");
  });

  it("shows nothing on a sheet without charts", () => {
    const workbook = dashboard();
    workbook.addChart(TARGETS);
    const { container } = render(<ChartStrip workbook={workbook} sheet="Sheet1" />);
    expect(container).toBeEmptyDOMElement();
  });
});
