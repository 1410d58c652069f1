// Runs a command-line tool installed in node_modules with the current Node, the same way on every
// platform (no shell, no .cmd shims), and resolves with its exit code.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

function binPath(pkg) {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifestPath, "utf8"));
  const relative = typeof bin === "string" ? bin : bin[pkg];
  return path.join(path.dirname(manifestPath), relative);
}

/** Runs the command package `pkg` installs under its own name; stop signals are passed on to it. */
export function runBin(pkg, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath(pkg), ...args], {
      cwd: ROOT,
      stdio: "inherit",
    });
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/**
 * Like runBin, but also collects what the command prints (still shown as it arrives), for tools
 * that report failure only in their output. Resolves with `{ code, output }`.
 */
export function runBinCapturing(pkg, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath(pkg), ...args], {
      cwd: ROOT,
      stdio: ["inherit", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (data) => {
      output += data;
      process.stdout.write(data);
    });
    child.stderr.on("data", (data) => {
      output += data;
      process.stderr.write(data);
    });
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve({ code: code ?? (signal ? 1 : 0), output });
    });
  });
}

/** Desktop Office can only be sideloaded on Windows and macOS, and never from CI. */
export function canDriveDesktopExcel() {
  return (process.platform === "win32" || process.platform === "darwin") && process.env.CI !== "true";
}
