// npm start: serve the add-in on https://localhost:3000 (dev build, trusted dev certificates where
// they can be installed) and, on Windows and macOS, sideload it into desktop Excel.
import { canDriveDesktopExcel, runBin } from "./run-bin.mjs";

const PORT = process.env.npm_package_config_dev_server_port || "3000";

/** office-addin-debugging starts `npm run dev-server` itself, waits for the port, then opens Excel. */
function startInDesktopExcel() {
  return runBin("office-addin-debugging", ["start", "manifest.xml", "desktop", "--app", "excel"]);
}

/** Where desktop Excel cannot be driven: serve in the foreground and say how to sideload on the web. */
function startWithoutDesktopExcel() {
  const why = process.env.CI === "true" ? "CI=true" : `this platform (${process.platform})`;
  console.log(
    [
      "",
      `Desktop Excel cannot be sideloaded from ${why}. The dev server is starting on https://localhost:${PORT}.`,
      'Try the add-in in Excel on the web (README.md, "Sideload in Excel"):',
      `  1. Open https://localhost:${PORT}/taskpane.html in your browser once and accept the certificate if asked.`,
      "  2. Open a workbook in Excel on the web (OneDrive or SharePoint).",
      "  3. Home > Add-ins > More Add-ins > My Add-ins > Upload My Add-in, and choose manifest.xml from this folder.",
      "  4. Home > Groundup opens the task pane; =BU.ROLLUP(...) and the other BU.* functions work in any cell.",
      "Stop the server with Ctrl+C.",
      "",
    ].join("\n")
  );
  return runBin("webpack-cli", ["serve", "--mode", "development"]);
}

const start = canDriveDesktopExcel() ? startInDesktopExcel : startWithoutDesktopExcel;
process.exitCode = await start();
