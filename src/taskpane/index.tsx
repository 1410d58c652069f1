import { localeWithSeparators } from "../core/plan/numbers";
import { readExcelCulture } from "../excel/culture";
import { ExcelPlanWorkbook } from "../excel/ExcelPlanWorkbook";
import { excelOpensWorkbooksInsteadOfDownloads, openWorkbookInExcel } from "../excel/openWorkbook";
import { officeAccount } from "./identity/officeAccount";
import { mountTaskPane } from "./mount";
import { paneStorage } from "./storage";
import { officeThemeSource } from "./theme";

/* global document, navigator, Office, window, GROUNDUP_SSO */

Office.onReady(async () => {
  const container = document.getElementById("container");
  if (container === null) return;
  // Numbers are read and shown as Excel writes them, not as the webview's language would.
  const culture = await readExcelCulture();
  const locale =
    culture === null
      ? navigator.language
      : localeWithSeparators(culture.name || navigator.language, culture.separators);
  mountTaskPane(container, new ExcelPlanWorkbook(), {
    themeSource: officeThemeSource(),
    locale,
    // Partitioned by Office where the host partitions storage (Office on the web); undefined elsewhere.
    storage: paneStorage(() => window.localStorage, Office.context.partitionKey),
    openWorkbook: excelOpensWorkbooksInsteadOfDownloads() ? openWorkbookInExcel : null,
    // Without a registration Office answers 13000 anyway; not asking keeps the pane from saying so.
    signIn: GROUNDUP_SSO ? () => officeAccount() : undefined,
  });
});
