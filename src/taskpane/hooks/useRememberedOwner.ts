import * as React from "react";

/** The device-local key under which "who I am" is kept between sessions. */
export const OWNER_STORAGE_KEY = "groundup.owner";

/**
 * "Who I am", remembered in `storage`. Storage can refuse (private mode, blocked third-party storage
 * in an Office iframe); the choice then simply lasts for this session.
 */
export function useRememberedOwner(storage: Storage): [string, (owner: string) => void] {
  const [owner, setOwner] = React.useState<string>(() => {
    try {
      return storage.getItem(OWNER_STORAGE_KEY) ?? "";
    } catch {
      return "";
    }
  });
  const remember = React.useCallback(
    (next: string) => {
      setOwner(next);
      try {
        storage.setItem(OWNER_STORAGE_KEY, next);
      } catch {
        // Kept in memory for this session; nothing the user needs to act on.
      }
    },
    [storage],
  );
  return [owner, remember];
}
