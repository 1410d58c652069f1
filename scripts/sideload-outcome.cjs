// office-addin-debugging reports a failed start on stderr and still exits 0 (its CLI catches the error
// and only logs "Error: Unable to start debugging."), so npm start reads what it printed to know.
// The phrases are the ones office-addin-debugging 7 and office-addin-dev-settings print
// (lib/commands.js, lib/start.js, lib/dev-settings.js).
const FAILURES = [
  { pattern: /Platform not supported: ?([^\s.]+)/, why: (m) => `Office cannot be sideloaded on ${m[1]}.` },
  {
    pattern: /Unable to sideload the Office Add-in\.?\s*(.*)/,
    why: (m) => `sideloading failed: ${m[1] || "no reason given"}`,
  },
  {
    pattern: /Unable to start the dev server\.?\s*(.*)/,
    why: (m) => `the dev server did not start: ${m[1] || "no reason given"}`,
  },
  {
    pattern: /Unable to start debugging\.?\s*(.*)/,
    why: (m) => `office-addin-debugging could not start: ${m[1] || "no reason given"}`,
  },
];

/** Why the sideload failed, from the tool's output and exit code; null when it started. */
function sideloadFailure(output, exitCode) {
  const text = String(output).replace(/\r/g, "");
  for (const { pattern, why } of FAILURES) {
    const match = pattern.exec(text);
    if (match) return why(match).trim();
  }
  return exitCode === 0 ? null : `office-addin-debugging exited with code ${exitCode}.`;
}

module.exports = { sideloadFailure };
