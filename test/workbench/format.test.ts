import { displayCell, formatNumberAs } from "../../workbench/format";

describe("formatNumberAs", () => {
  it.each([
    [1234567, "#,##0", "1,234,567"],
    [-1234.5, "#,##0", "-1,235"],
    [1234.5, "#,##0.00", "1,234.50"],
    [-0.2, "#,##0", "0"],
    [3, "0", "3"],
    [-0.4625, "0.0%", "-46.3%"],
    [0.05, "0.0%", "5.0%"],
    [1 / 3, "General", "0.3333333333"],
    [120, "General", "120"],
    [0.1 + 0.2, "General", "0.3"],
  ])("shows %p in %p as %p", (value, format, text) => {
    expect(formatNumberAs(value, format)).toBe(text);
  });
});

describe("displayCell", () => {
  it.each([
    [null, "General", false, { text: "", align: "start" }],
    ["EMEA", "General", false, { text: "EMEA", align: "start" }],
    [21500, "#,##0", false, { text: "21,500", align: "end" }],
    [true, "General", false, { text: "TRUE", align: "center" }],
    ["#VALUE!", "#,##0", true, { text: "#VALUE!", align: "center" }],
  ] as const)("shows %p (format %p, error %p) as %p", (value, format, error, shown) => {
    expect(displayCell(value, format, error)).toEqual(shown);
  });
});
