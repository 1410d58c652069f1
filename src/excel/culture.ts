import type { NumberSeparators } from "../core/plan/numbers";

/** Excel's number culture: its name (e.g. "de-DE") and the separators Excel itself uses. */
export interface ExcelCulture {
  readonly name: string;
  readonly separators: NumberSeparators;
}

/**
 * The culture Excel formats numbers with, which can differ from the webview's language (a German
 * Excel in an English browser). `Application.cultureInfo` and the separators are ExcelApi 1.11
 * (learn.microsoft.com/javascript/api/excel/excel.application, excel.cultureinfo); where the user
 * turned off "Use system separators", Excel's own `decimalSeparator`/`thousandsSeparator` apply.
 * Null on hosts without 1.11 or when the read fails: the pane then uses the webview's language.
 */
export async function readExcelCulture(): Promise<ExcelCulture | null> {
  if (!Office.context.requirements.isSetSupported("ExcelApi", "1.11")) return null;
  try {
    return await Excel.run(async (context) => {
      const application = context.application;
      application.load("decimalSeparator,thousandsSeparator,useSystemSeparators");
      const culture = application.cultureInfo;
      culture.load("name");
      const format = culture.numberFormat;
      format.load("numberDecimalSeparator,numberGroupSeparator");
      await context.sync();
      const separators = application.useSystemSeparators
        ? { decimal: format.numberDecimalSeparator, group: format.numberGroupSeparator }
        : { decimal: application.decimalSeparator, group: application.thousandsSeparator };
      return { name: culture.name, separators };
    });
  } catch {
    return null;
  }
}
