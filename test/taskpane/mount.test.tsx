/** @jest-environment jsdom */
import { act, screen } from "@testing-library/react";
import { mountTaskPane } from "../../src/taskpane/mount";
import { installDomStubs } from "./support/dom";
import { FakePlanWorkbook, makePlan } from "./support/FakePlanWorkbook";

test("mountTaskPane shows the task pane over any workbook and unmounts cleanly", async () => {
  installDomStubs();
  const element = document.createElement("div");
  document.body.append(element);
  const workbook = new FakePlanWorkbook(makePlan({ nodes: [["W", "", "World", "Cara"]] }));

  let unmount = (): void => undefined;
  act(() => {
    unmount = mountTaskPane(element, workbook, { locale: "en-US" });
  });
  expect(await screen.findByRole("treeitem", { name: "World" })).toBeInTheDocument();

  act(() => unmount());
  expect(element).toBeEmptyDOMElement();
});
