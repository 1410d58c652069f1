/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import type { NodeEntry, Plan, PlanSettings } from "../../src/core/plan/types";
import { OWNER_STORAGE_KEY } from "../../src/taskpane/hooks/useRememberedOwner";
import { officeAccount } from "../../src/taskpane/identity/officeAccount";
import { FakePlanWorkbook, makePlan } from "./support/FakePlanWorkbook";
import { renderTaskPane } from "./support/renderTaskPane";
import { fakeToken } from "./support/tokens";

jest.setTimeout(120000);

/** Cara reviews North (Ann) and signs off World; the e-mail column is where SSO finds people. */
function teamPlan(settings: Partial<PlanSettings> = {}, northBy = "Ann"): FakePlanWorkbook {
  const plan = makePlan({
    settings,
    nodes: [
      ["W", "", "World", "Cara"],
      ["NORTH", "W", "North", "Ann"],
      ["EAST", "W", "East", "Bob"],
    ],
    entries: { NORTH: [[100, 200], "Submitted"], EAST: [[10, 20], "Submitted"] },
  });
  const emails: Record<string, string> = {
    Cara: "cara.diaz@contoso.com",
    Ann: "ann@contoso.com",
    Bob: "bob@contoso.com",
  };
  const withEmails: Plan = {
    ...plan,
    nodes: plan.nodes.map((node) => ({ ...node, attributes: { Email: emails[node.owner] } })),
    entries: new Map(plan.entries).set("NORTH", { ...(plan.entries.get("NORTH") as NodeEntry), updatedBy: northBy }),
  };
  return new FakePlanWorkbook(withEmails);
}

/** Office.auth as the host offers it, mocked: `getAccessToken` resolves or rejects as the test says. */
function mockOfficeAuth(getAccessToken: jest.Mock): void {
  (globalThis as unknown as { Office: unknown }).Office = { auth: { getAccessToken } };
}

const signIn = (): ReturnType<typeof officeAccount> => officeAccount();

function card(name: string): HTMLElement {
  return within(screen.getByRole("list", { name: "Submissions to review" })).getByRole("group", { name });
}

async function openTab(
  workbook: FakePlanWorkbook,
  tab: string,
  withSso = true,
): Promise<ReturnType<typeof renderTaskPane>> {
  const pane = renderTaskPane(workbook, "en-US", { signIn: withSso ? signIn : undefined });
  await pane.user.click(await screen.findByRole("tab", { name: tab }));
  return pane;
}

beforeEach(() => {
  window.localStorage.clear();
  delete (globalThis as { Office?: unknown }).Office;
});

describe("identity through Office single sign-on (Office.auth.getAccessToken)", () => {
  test("a token whose preferred_username is an owner's e-mail: the pane acts as that owner, locked, and the audit says office-account", async () => {
    const getAccessToken = jest.fn().mockResolvedValue(fakeToken({ preferred_username: "Cara.Diaz@contoso.com" }));
    mockOfficeAuth(getAccessToken);
    window.localStorage.setItem(OWNER_STORAGE_KEY, "Ann"); // what was chosen before does not count
    const workbook = teamPlan();
    const { user } = await openTab(workbook, "Review");

    const picker = await screen.findByRole("textbox", { name: "I am" });
    expect(picker).toHaveValue("Cara");
    expect(picker).toHaveAttribute("readonly");
    expect(screen.getByText("Signed in as Cara.Diaz@contoso.com")).toBeInTheDocument();
    expect(screen.queryByRole("combobox", { name: "I am" })).not.toBeInTheDocument();
    expect(getAccessToken).toHaveBeenCalledWith({ allowSignInPrompt: true, allowConsentPrompt: true });

    await user.click(within(card("North")).getByRole("button", { name: "Approve North" }));
    await waitFor(() => expect(workbook.saved).toHaveLength(1));
    expect(workbook.saved[0].audit.map((entry) => [entry.user, entry.field, entry.identity])).toEqual([
      ["Cara", "status", "office-account"],
    ]);
  });

  test("a token that matches nobody: the picker stays open, says why in one line, and the audit says chosen", async () => {
    mockOfficeAuth(jest.fn().mockResolvedValue(fakeToken({ preferred_username: "mallory@fabrikam.com" })));
    const workbook = teamPlan();
    const { user } = await openTab(workbook, "Review");

    expect(
      await screen.findByText(
        "Signed in as mallory@fabrikam.com, but no owner in this plan has that e-mail address: choose who you are",
      ),
    ).toBeInTheDocument();
    await user.selectOptions(screen.getByRole("combobox", { name: "I am" }), "Cara");
    await user.click(within(card("North")).getByRole("button", { name: "Approve North" }));
    await waitFor(() => expect(workbook.saved).toHaveLength(1));
    expect(workbook.saved[0].audit[0]).toMatchObject({ user: "Cara", identity: "chosen" });
  });

  test.each([
    [
      13003,
      "Office sign-in unavailable: the account signed in to Office is not a work, school or Microsoft account (13003). Choose who you are",
    ],
    [13012, "Office sign-in unavailable: Office on this platform does not offer it (13012). Choose who you are"],
  ])("getAccessToken rejecting with %i: today's choice, saying why", async (code, line) => {
    mockOfficeAuth(jest.fn().mockRejectedValue({ code, name: "SSO error", message: "from the host" }));
    window.localStorage.setItem(OWNER_STORAGE_KEY, "Cara");
    await openTab(teamPlan(), "Review");

    expect(await screen.findByText(line)).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "I am" })).toHaveValue("Cara");
    expect(within(card("North")).getByRole("button", { name: "Approve North" })).toBeEnabled();
  });

  test("a build without SSO never calls Office.auth and says nothing about it", async () => {
    const getAccessToken = jest.fn();
    mockOfficeAuth(getAccessToken);
    window.localStorage.setItem(OWNER_STORAGE_KEY, "Cara");
    await openTab(teamPlan(), "Review", false);

    expect(screen.getByRole("combobox", { name: "I am" })).toHaveValue("Cara");
    expect(screen.queryByText(/sign/i)).not.toBeInTheDocument();
    expect(getAccessToken).not.toHaveBeenCalled();
  });
});

describe("roles and own submissions in the pane", () => {
  test("approving one's own submission is refused with a message naming the node, and nothing is saved", async () => {
    // Cara submitted North before it was given to Ann: now she reviews it.
    window.localStorage.setItem(OWNER_STORAGE_KEY, "Cara");
    const workbook = teamPlan({}, "Cara");
    const { user } = await openTab(workbook, "Review", false);

    await user.click(within(card("North")).getByRole("button", { name: "Approve North" }));
    expect(
      await screen.findByText(
        "You submitted North yourself: someone else must approve it (nobody approves their own submission)",
      ),
    ).toBeInTheDocument();
    expect(workbook.saved).toEqual([]);
    expect(within(card("North")).getByText("Submitted")).toBeInTheDocument();
  });

  test("with approvers named in the settings, a reviewer who is not one sees the submissions without buttons, and why", async () => {
    window.localStorage.setItem(OWNER_STORAGE_KEY, "Cara");
    await openTab(teamPlan({ approvers: ["bob@contoso.com"] }), "Review", false);

    expect(
      await screen.findByText(
        "Only the plan's approvers (bob@contoso.com) approve or return; you can see what is submitted to you here",
      ),
    ).toBeInTheDocument();
    expect(within(card("North")).queryAllByRole("button")).toEqual([]);
    expect(screen.getByRole("button", { name: /Approve all within tolerance/ })).toBeDisabled();
  });

  test("a named approver (matched through the e-mail column) keeps the buttons", async () => {
    window.localStorage.setItem(OWNER_STORAGE_KEY, "Cara");
    await openTab(teamPlan({ approvers: ["CARA.DIAZ@contoso.com"] }), "Review", false);
    expect((await within(card("North")).findAllByRole("button")).map((button) => button.textContent)).toEqual([
      "Approve",
      "Return…",
    ]);
  });

  test.each([
    ["Bob", true],
    ["Cara", false],
  ])("Reconcile as %s with top-down editors Bob: forms offered %s", async (me, forms) => {
    window.localStorage.setItem(OWNER_STORAGE_KEY, me);
    await openTab(teamPlan({ topDownEditors: ["Bob"] }), "Reconcile", false);

    expect(await screen.findByRole("heading", { name: "Reconcile World" })).toBeInTheDocument();
    expect(screen.getByText(/^Compare World/)).toBeInTheDocument();
    const sentence = "Only the plan's top-down editors (Bob) enter top-down targets; you can compare the numbers here";
    expect(screen.queryByText(sentence) !== null).toBe(!forms);
    expect(screen.queryByText("Top-down targets") !== null).toBe(forms);
    expect(screen.queryByText("Accept bottom-up") !== null).toBe(forms);
  });
});
