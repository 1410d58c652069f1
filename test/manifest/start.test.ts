// npm start on Windows and macOS hands over to office-addin-debugging, which exits 0 even when it
// could not sideload (its CLI catches the error and only logs it). These are the messages it prints.
const { sideloadFailure } = require("../../scripts/sideload-outcome.cjs") as {
  sideloadFailure(output: string, exitCode: number): string | null;
};

describe("npm start reads office-addin-debugging's output", () => {
  test.each([
    [
      "Error: Unable to start debugging.\nExpectedError: Platform not supported: linux.\n",
      "Office cannot be sideloaded on linux.",
    ],
    [
      "Sideloading the Office Add-in...\nError: Unable to start debugging.\nError: Unable to sideload the Office Add-in. \nError: Excel is not installed\n",
      "sideloading failed: Error: Excel is not installed",
    ],
    [
      "Unable to start the dev server. Error: The dev server is not running on port 3000.\nStarted.\n",
      "the dev server did not start: Error: The dev server is not running on port 3000.",
    ],
    [
      "Error: Unable to start debugging.\nError: Manifest does not contain the id for the Office Add-in.",
      "office-addin-debugging could not start: Error: Manifest does not contain the id for the Office Add-in.",
    ],
  ])("a failure it exits 0 with is a failure: %j", (output, why) => {
    expect(sideloadFailure(output, 0)).toBe(why);
  });

  test("a start that reached Excel is a success", () => {
    expect(sideloadFailure("Sideloading the Office Add-in...\nStarted.\n", 0)).toBeNull();
  });

  test("a non-zero exit without a known message is still a failure, with its code", () => {
    expect(sideloadFailure("", 3)).toBe("office-addin-debugging exited with code 3.");
  });
});
