// npm start: on Windows and macOS, serve the add-in on https://localhost:3000 (dev build, trusted dev
// certificates where they can be installed) and sideload it into desktop Excel; elsewhere (Linux, CI)
// serve the workbench on http://localhost:3001.
import { createRequire } from "node:module";
import { canDriveDesktopExcel, runBin, runBinCapturing } from "./run-bin.mjs";

const { sideloadFailure } = createRequire(import.meta.url)("./sideload-outcome.cjs");

const WORKBENCH_PORT = process.env.WORKBENCH_PORT || "3001";

/**
 * office-addin-debugging starts `npm run dev-server` itself, waits for the port, then opens Excel.
 * It exits 0 even when that failed, so its output decides: a failure exits 1 and says why.
 */
async function startInDesktopExcel() {
  const { code, output } = await runBinCapturing("office-addin-debugging", [
    "start",
    "manifest.xml",
    "desktop",
    "--app",
    "excel",
  ]);
  const failure = sideloadFailure(output, code);
  if (failure === null) return 0;
  console.error(
    [
      "",
      `npm start could not open Groundup in desktop Excel: ${failure}`,
      'Check that Excel is installed and signed in, then run "npm stop" and "npm start" again. Without desktop',
      'Excel: "npm run dev-server" and upload manifest.xml to Excel on the web (README.md, "Sideload in Excel"),',
      'or "CI=true npm start" for the workbench.',
      "",
    ].join("\n"),
  );
  return code === 0 ? 1 : code;
}

/**
 * Where desktop Excel cannot be sideloaded: serve the workbench, the real task pane beside an
 * in-memory workbook whose BU.* formulas compute live, so a newcomer sees the product working.
 */
function startWithoutDesktopExcel() {
  const why = process.env.CI === "true" ? "CI=true" : `this platform (${process.platform})`;
  console.log(
    [
      "",
      `Desktop Excel cannot be sideloaded from ${why}: starting the workbench instead.`,
      `  Open http://localhost:${WORKBENCH_PORT}/ once it has compiled: the Groundup task pane beside a live`,
      "  sample workbook (?start=empty for an empty one, ?nodes=10000 for a generated plan).",
      'To try the add-in in Excel on the web instead, run "npm run dev-server" and upload manifest.xml',
      '(README.md, "Sideload in Excel"). Stop with Ctrl+C.',
      "",
    ].join("\n"),
  );
  return runBin("webpack-cli", ["serve", "--config", "webpack.workbench.config.js", "--mode", "development"]);
}

const start = canDriveDesktopExcel() ? startInDesktopExcel : startWithoutDesktopExcel;
process.exitCode = await start();
