/**
 * Where the pane keeps per-device choices (who I am). Microsoft's "Persist add-in state and settings"
 * page (learn.microsoft.com/office/dev/add-ins/develop/persisting-add-in-state-and-settings): browsers
 * may block web storage, so test for it; and keep data in localStorage under
 * `Office.context.partitionKey`, which is undefined where storage is not partitioned (the Windows
 * webview). In Excel on the web with third-party storage blocked, merely reading
 * `window.localStorage` throws a SecurityError.
 */

/** Web storage kept in memory: what the pane uses for the session when the browser refuses storage. */
export class MemoryStorage implements Storage {
  [name: string]: unknown;
  readonly #items = new Map<string, string>();

  get length(): number {
    return this.#items.size;
  }

  clear(): void {
    this.#items.clear();
  }

  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }

  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }

  removeItem(key: string): void {
    this.#items.delete(key);
  }

  setItem(key: string, value: string): void {
    this.#items.set(key, String(value));
  }
}

/** `backing`'s keys that start with `prefix`, seen without it: one partition of a shared storage. */
class PartitionedStorage implements Storage {
  [name: string]: unknown;
  readonly #backing: Storage;
  readonly #prefix: string;

  constructor(backing: Storage, prefix: string) {
    this.#backing = backing;
    this.#prefix = prefix;
  }

  #keys(): string[] {
    const keys: string[] = [];
    for (let i = 0; i < this.#backing.length; i++) {
      const key = this.#backing.key(i);
      if (key !== null && key.startsWith(this.#prefix)) keys.push(key.slice(this.#prefix.length));
    }
    return keys;
  }

  get length(): number {
    return this.#keys().length;
  }

  clear(): void {
    for (const key of this.#keys()) this.#backing.removeItem(this.#prefix + key);
  }

  getItem(key: string): string | null {
    return this.#backing.getItem(this.#prefix + key);
  }

  key(index: number): string | null {
    return this.#keys()[index] ?? null;
  }

  removeItem(key: string): void {
    this.#backing.removeItem(this.#prefix + key);
  }

  setItem(key: string, value: string): void {
    this.#backing.setItem(this.#prefix + key, value);
  }
}

const PROBE_KEY = "groundup.storage-probe";

/** The storage if reading, writing and removing a key all work; null if any of them throws. */
function usable(open: () => Storage | null | undefined): Storage | null {
  try {
    const storage = open();
    if (storage === null || storage === undefined) return null;
    storage.setItem(PROBE_KEY, "1");
    storage.removeItem(PROBE_KEY);
    return storage;
  } catch {
    // SecurityError (storage blocked for the iframe), QuotaExceededError (Safari private mode).
    return null;
  }
}

/**
 * The pane's storage: `open()` (normally `() => window.localStorage`) inside the partition named by
 * `partitionKey` when there is one, or memory for this session when the browser refuses storage.
 */
export function paneStorage(open: () => Storage | null | undefined, partitionKey?: string | null): Storage {
  const storage = usable(open);
  if (storage === null) return new MemoryStorage();
  return partitionKey ? new PartitionedStorage(storage, partitionKey) : storage;
}
