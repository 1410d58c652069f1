// npm stop: on Windows and macOS, stop the dev server and unregister the sideloaded add-in.
// Elsewhere npm start runs the dev server in the foreground, so there is nothing left to stop.
import { canDriveDesktopExcel, runBin } from "./run-bin.mjs";

if (canDriveDesktopExcel()) {
  process.exitCode = await runBin("office-addin-debugging", ["stop", "manifest.xml"]);
} else {
  console.log("Nothing to stop here: npm start runs the dev server in its own terminal; stop it there with Ctrl+C.");
}
