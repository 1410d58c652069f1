/** How the adapter reaches Excel: `Excel.run`, and what the host supports. */

/**
 * `Excel.run` as the adapter uses it: a new request context, or `reuse`'s (needed to remove an
 * event handler). Tests pass a function that hands over a recording context instead.
 */
export type ExcelRun = <T>(
  batch: (context: Excel.RequestContext) => Promise<T>,
  reuse?: OfficeExtension.ClientRequestContext,
) => Promise<T>;

/** The real thing, looked up at call time: `Excel` exists only once Office has loaded. */
export const excelRun: ExcelRun = (batch, reuse) => (reuse === undefined ? Excel.run(batch) : Excel.run(reuse, batch));

/**
 * Whether this Excel has `Range.getCellProperties` (ExcelApi 1.9: Excel 2019 and later, the web,
 * Mac, iPad). The manifest requires ExcelApi 1.13, so every host that loads the add-in has it; the
 * check stays so that a host which reports less (a sideload without the manifest's check) reads
 * sources without indent levels instead of failing.
 */
export const excelHasCellProperties = (): boolean =>
  typeof Office !== "undefined" && Office.context.requirements.isSetSupported("ExcelApi", "1.9");
