/**
 * The signed-in Office account, through Office single sign-on: `Office.auth.getAccessToken` gives
 * an access token for the add-in's own Microsoft Entra registration (the manifest's
 * WebApplicationInfo), whose payload names the account in `preferred_username`. Groundup has no
 * server, so nothing verifies the token's signature: the pane reads who Office says is signed in,
 * which an honest pane needs and nothing more ("Enable single sign-on (SSO) in an Office Add-in",
 * learn.microsoft.com/office/dev/add-ins/develop/sso-in-office-add-ins).
 */

/* global Office, atob */

export type AccountResult =
  { readonly ok: true; readonly username: string } | { readonly ok: false; readonly reason: string };

/** What the pane needs of `Office.auth`, so tests can hand in a fake. */
export type OfficeAuth = Pick<typeof Office.auth, "getAccessToken">;

/**
 * Why sign-in gave no token, by the error codes of "Troubleshoot error messages for single sign-on
 * (SSO)" (learn.microsoft.com/office/dev/add-ins/develop/troubleshoot-sso-in-office-add-ins).
 * Every one of them means: fall back to choosing who you are.
 */
const SSO_ERRORS: Readonly<Record<number, string>> = {
  13000: "this version of Office or this add-in's manifest does not offer it",
  13001: "nobody is signed in to Office",
  13002: "sign-in or consent was cancelled",
  13003: "the account signed in to Office is not a work, school or Microsoft account",
  13004: "the add-in's registration does not match where it is hosted",
  13005: "the add-in has not been granted access to your account",
  13006: "Office could not sign you in; close and reopen the workbook",
  13007: "Office could not reach the sign-in service",
  13008: "a sign-in is already in progress",
  13010: "Office on the web blocks sign-in in this browser's zone settings",
  13012: "Office on this platform does not offer it",
  13013: "sign-in was asked for too often; try again in a minute",
};

/** The code of an Office.js error (`OfficeExtension.Error`-like `{ code }`), number or numeric text. */
function errorCode(error: unknown): number | null {
  if (typeof error !== "object" || error === null || !("code" in error)) return null;
  const code = Number((error as { code: unknown }).code);
  return Number.isFinite(code) ? code : null;
}

export function ssoFailure(error: unknown): string {
  const code = errorCode(error);
  if (code === null) return "Office sign-in failed";
  return `${SSO_ERRORS[code] ?? "Office sign-in failed"} (${code})`;
}

/**
 * The `preferred_username` of a JWT's payload (the middle part, base64url JSON), or null when the
 * token is not one or names nobody. The signature is not checked: see the file's comment.
 */
export function tokenUsername(token: string): string | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const base64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
    // atob gives one character per byte; percent-encoding the bytes lets decodeURIComponent read them as UTF-8.
    const utf8 = Array.from(atob(padded), (char) => `%${char.charCodeAt(0).toString(16).padStart(2, "0")}`);
    const payload: unknown = JSON.parse(decodeURIComponent(utf8.join("")));
    if (typeof payload !== "object" || payload === null) return null;
    const name = (payload as Record<string, unknown>).preferred_username;
    return typeof name === "string" && name.trim() !== "" ? name.trim() : null;
  } catch {
    return null;
  }
}

/**
 * Asks Office who is signed in, letting it prompt for sign-in and consent once. Never rejects: a
 * failure is a reason to show beside the owner picker.
 */
export async function officeAccount(auth: OfficeAuth = Office.auth): Promise<AccountResult> {
  let token: string;
  try {
    token = await auth.getAccessToken({ allowSignInPrompt: true, allowConsentPrompt: true });
  } catch (error) {
    return { ok: false, reason: ssoFailure(error) };
  }
  const username = tokenUsername(token);
  return username === null ? { ok: false, reason: "Office's token names no account" } : { ok: true, username };
}
