import * as React from "react";
import { identityMessages } from "../../core/messages";
import { ownerOfAccount } from "../../core/plan/people";
import type { IdentitySource, Plan } from "../../core/plan/types";
import type { AccountResult } from "./officeAccount";

/** Asks who is signed in to Office; absent where the build has no SSO registration (GROUNDUP_AAD_APP_ID). */
export type SignIn = () => Promise<AccountResult>;

/** Who the pane acts as, and how that was established: what the owner picker and the audit log show. */
export interface Identity {
  /** The owner the pane acts as: the signed-in account's owner, else the one chosen in the picker. */
  readonly me: string;
  readonly source: IdentitySource;
  /** The signed-in account when it matched an owner: the picker is locked to `me`. */
  readonly signedInAs: string | null;
  /** One short line on why the picker is open although SSO was tried; null when there is nothing to say. */
  readonly note: string | null;
}

/** What the views need beside `me`: how it was established, for the owner picker and the audit log. */
export type Who = Omit<Identity, "me">;

/** No SSO: the owner chosen in the picker, as before SSO existed. */
export const CHOSEN: Who = { source: "chosen", signedInAs: null, note: null };

/**
 * The signed-in Office account (asked once, when the pane opens) matched to an owner's e-mail
 * address in `plan`; without a match, or without SSO, the owner `chosen` in the picker.
 */
export function useIdentity(signIn: SignIn | undefined, plan: Plan | null | undefined, chosen: string): Identity {
  const [account, setAccount] = React.useState<AccountResult | "pending" | null>(
    signIn === undefined ? null : "pending",
  );
  React.useEffect(() => {
    if (signIn === undefined) return;
    let live = true;
    void signIn().then(
      (result) => live && setAccount(result),
      () => live && setAccount({ ok: false, reason: "Office sign-in failed" }),
    );
    return () => {
      live = false;
    };
  }, [signIn]);
  return React.useMemo((): Identity => {
    const chose = (note: string | null): Identity => ({ me: chosen, source: "chosen", signedInAs: null, note });
    if (account === null || plan === undefined || plan === null) return chose(null);
    if (account === "pending") return chose(identityMessages.signingIn);
    if (!account.ok) return chose(identityMessages.unavailable(account.reason));
    const owner = ownerOfAccount(plan, account.username);
    if (owner === null) return chose(identityMessages.noOwner(account.username));
    return { me: owner, source: "office-account", signedInAs: account.username, note: null };
  }, [account, plan, chosen]);
}
