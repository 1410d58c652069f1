/** @jest-environment jsdom */
import { screen, waitFor } from "@testing-library/react";
import type { PlanSetup, SetupOutcome, SetupProgress } from "../../src/workbook/PlanWorkbook";
import { FakePlanWorkbook } from "./support/FakePlanWorkbook";
import { renderTaskPane } from "./support/renderTaskPane";

jest.setTimeout(30000);

/** A workbook whose setup takes three steps, each one let through by the test. */
class SteppedWorkbook extends FakePlanWorkbook {
  readonly calls: { setup: PlanSetup; progress: SetupProgress | undefined }[] = [];
  private next: (() => void) | null = null;
  failAt: number | null = null;

  async step(): Promise<void> {
    await waitFor(() => expect(this.next).not.toBeNull());
    const go = this.next as () => void;
    this.next = null;
    go();
  }

  override async writePlan(setup: PlanSetup, progress?: SetupProgress): Promise<SetupOutcome> {
    this.calls.push({ setup, progress });
    const resumeFrom = this.calls.length > 1 ? 2 : 0;
    for (let done = resumeFrom + 1; done <= 3; done++) {
      await new Promise<void>((resolve) => {
        this.next = resolve;
      });
      if (progress?.signal?.aborted === true) throw new Error(`Setup cancelled after ${done - 1} of 3 steps.`);
      if (done === this.failAt) {
        this.failAt = null;
        throw new Error(`Setup stopped after ${done - 1} of 3 steps: Excel is editing a cell.`);
      }
      progress?.onProgress?.(done, 3);
    }
    return super.writePlan(setup);
  }
}

async function startSetup(workbook: SteppedWorkbook): Promise<ReturnType<typeof renderTaskPane>> {
  const pane = renderTaskPane(workbook);
  await pane.user.type(await screen.findByRole("textbox", { name: /Plan name/ }), "FY27");
  await pane.user.click(screen.getByRole("button", { name: "Set up plan" }));
  return pane;
}

describe("setting up a large plan", () => {
  test("shows a progress bar step by step, then the result", async () => {
    const workbook = new SteppedWorkbook(null);
    await startSetup(workbook);
    expect(await screen.findByRole("progressbar", { name: "Preparing the setup…" })).toBeInTheDocument();
    await workbook.step();
    expect(await screen.findByRole("progressbar", { name: "Writing the plan: step 1 of 3" })).toHaveAttribute(
      "aria-valuenow",
      String(1 / 3),
    );
    await workbook.step();
    await screen.findByRole("progressbar", { name: "Writing the plan: step 2 of 3" });
    await workbook.step();
    await screen.findByText('The plan "FY27" is set up with 1 node.');
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
  });

  test("Cancel stops it between steps; Resume setup writes the same setup again, which continues it", async () => {
    const workbook = new SteppedWorkbook(null);
    const { user } = await startSetup(workbook);
    await workbook.step();
    await screen.findByRole("progressbar", { name: "Writing the plan: step 1 of 3" });
    await user.click(screen.getByRole("button", { name: "Cancel setup" }));
    expect(workbook.calls[0].progress?.signal?.aborted).toBe(true);
    await workbook.step();
    expect(await screen.findByText(/Setup cancelled after 1 of 3 steps/)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Resume setup" }));
    await workbook.step();
    await screen.findByText('The plan "FY27" is set up with 1 node.');
    expect(workbook.calls[1].setup).toBe(workbook.calls[0].setup);
    expect(screen.queryByRole("button", { name: "Resume setup" })).not.toBeInTheDocument();
  });

  test("a failed step says what happened and offers to resume", async () => {
    const workbook = new SteppedWorkbook(null);
    workbook.failAt = 2;
    await startSetup(workbook);
    await workbook.step();
    await workbook.step();
    expect(await screen.findByText(/Setup stopped after 1 of 3 steps: Excel is editing a cell/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Resume setup" })).toBeEnabled();
  });
});
