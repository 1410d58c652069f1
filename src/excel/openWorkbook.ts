/**
 * Handing a made workbook to the user where the task pane cannot download it. Excel on Mac runs
 * the pane in a WKWebView that ignores `<a download>` without an error (OfficeDev/office-js #2700,
 * closed "by design"; #3385; #4681: Mac desktop only, Excel on the web on a Mac downloads), so
 * there the pane opens each file in Excel instead: `Excel.createWorkbook(base64)` (ExcelApi 1.8;
 * "Work with workbooks using the Excel JavaScript API", Create a workbook) opens the .xlsx as a new,
 * unsaved workbook in its own window, and the user saves it where they like. The manifest requires
 * ExcelApi 1.13, so every host that loads the add-in has it.
 */

/** Whether this host ignores downloads from the pane and opens workbooks in Excel instead: Excel on Mac. */
export function excelOpensWorkbooksInsteadOfDownloads(): boolean {
  return typeof Office !== "undefined" && Office.context.platform === Office.PlatformType.Mac;
}

/** Opens an .xlsx file's bytes as a new workbook in Excel. */
export async function openWorkbookInExcel(data: Uint8Array): Promise<void> {
  await Excel.createWorkbook(base64(data));
}

/** Bytes as base64, in slices: one `String.fromCharCode` over megabytes would overflow the call stack. */
export function base64(data: Uint8Array): string {
  const slice = 0x8000;
  let binary = "";
  for (let i = 0; i < data.length; i += slice) binary += String.fromCharCode(...data.subarray(i, i + slice));
  return btoa(binary);
}
