/**
 * Files between the task pane and the user's disk, with plain browser APIs: offering generated
 * workbooks as downloads and reading the files the user picks. Office on the web and Office on
 * Windows (WebView2) honour `<a download>` in a task pane, as does any browser (the workbench), and
 * the Share view also lists the files as links in case a download did not start. Office on Mac
 * ignores both (office-js #2700): there the pane opens the files in Excel instead (src/excel/openWorkbook.ts).
 */

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A file ready to download: its name and an object URL holding it. */
export interface DownloadLink {
  readonly fileName: string;
  readonly url: string;
}

/** Object URLs for the files; revoke them with `revokeDownloadLinks` once they are no longer offered. */
export function downloadLinks(files: readonly { fileName: string; data: Uint8Array }[]): DownloadLink[] {
  return files.map(({ fileName, data }) => ({
    fileName,
    url: URL.createObjectURL(new Blob([data.slice()], { type: XLSX_TYPE })),
  }));
}

export function revokeDownloadLinks(links: readonly DownloadLink[]): void {
  for (const link of links) URL.revokeObjectURL(link.url);
}

/** Starts the download as a click on a download link would. */
export function startDownload(link: DownloadLink): void {
  const anchor = document.createElement("a");
  anchor.href = link.url;
  anchor.download = link.fileName;
  anchor.rel = "noopener";
  anchor.style.display = "none";
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

/** A picked file's bytes (FileReader where `Blob.arrayBuffer` is missing, as in older WebViews). */
export function readFileBytes(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function") return file.arrayBuffer().then((buffer) => new Uint8Array(buffer));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.type}`));
    reader.readAsArrayBuffer(file);
  });
}
