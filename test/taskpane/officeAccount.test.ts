import { officeAccount, ssoFailure, tokenUsername } from "../../src/taskpane/identity/officeAccount";
import { fakeToken } from "./support/tokens";

describe("reading the signed-in account from Office's SSO token", () => {
  test.each([
    ["a work account", { preferred_username: "ann@contoso.com" }, "ann@contoso.com"],
    // base64url's "-" and "_" and UTF-8 names decode as the token holds them.
    ["non-ASCII text", { name: "Zoë Ødegård ~~~???", preferred_username: " zoë@contoso.com " }, "zoë@contoso.com"],
    ["no preferred_username", { upn: "ann@contoso.com" }, null],
    ["a blank one", { preferred_username: "  " }, null],
  ])("%s", (_case, claims, expected) => {
    expect(tokenUsername(fakeToken(claims))).toBe(expected);
  });

  test.each(["", "not-a-token", "a.b", "a.!!!.c", "a.bnVsbA.c"])("%j is not a token naming anyone", (token) => {
    expect(tokenUsername(token)).toBeNull();
  });
});

describe("officeAccount (Office.auth.getAccessToken mocked)", () => {
  test("asks once, allowing Office's sign-in and consent prompts", async () => {
    const getAccessToken = jest.fn().mockResolvedValue(fakeToken({ preferred_username: "ann@contoso.com" }));
    await expect(officeAccount({ getAccessToken })).resolves.toEqual({ ok: true, username: "ann@contoso.com" });
    expect(getAccessToken).toHaveBeenCalledTimes(1);
    expect(getAccessToken).toHaveBeenCalledWith({ allowSignInPrompt: true, allowConsentPrompt: true });
  });

  // Codes from "Troubleshoot error messages for single sign-on (SSO)", learn.microsoft.com.
  test.each([
    [{ code: 13000 }, "this version of Office or this add-in's manifest does not offer it (13000)"],
    [{ code: 13003 }, "the account signed in to Office is not a work, school or Microsoft account (13003)"],
    [{ code: "13012" }, "Office on this platform does not offer it (13012)"],
    [{ code: 13999 }, "Office sign-in failed (13999)"],
    [new Error("boom"), "Office sign-in failed"],
  ])("a rejection %j falls back with a reason", async (error, reason) => {
    expect(ssoFailure(error)).toBe(reason);
    await expect(officeAccount({ getAccessToken: jest.fn().mockRejectedValue(error) })).resolves.toEqual({
      ok: false,
      reason,
    });
  });
});
