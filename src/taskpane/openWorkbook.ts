import * as React from "react";

/**
 * Opens a made workbook's .xlsx bytes in the host as a new workbook, where the pane cannot offer it
 * as a download (Excel on Mac: src/excel/openWorkbook.ts). Null everywhere downloads work.
 */
export type OpenWorkbook = (data: Uint8Array) => Promise<void>;

export const OpenWorkbookContext = React.createContext<OpenWorkbook | null>(null);
