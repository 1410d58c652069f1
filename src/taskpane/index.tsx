import { ExcelPlanWorkbook } from "../excel/ExcelPlanWorkbook";
import { mountTaskPane } from "./mount";
import { officeThemeSource } from "./theme";

/* global document, Office */

Office.onReady(() => {
  const container = document.getElementById("container");
  if (container === null) return;
  mountTaskPane(container, new ExcelPlanWorkbook(), { themeSource: officeThemeSource() });
});
