/**
 * Just enough of the ZIP format to read the parts of an .xlsx package one by one, each under a
 * size cap: the central directory is read first, and a part is only decompressed when asked for,
 * through the platform's `DecompressionStream("deflate-raw")` (browsers and Node 20), stopping as
 * soon as the cap is passed. A small file that inflates to gigabytes (a "zip bomb") costs no more
 * than the cap. Never throws: every failure is a value.
 */

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly localOffset: number;
}

export type ZipDirectory = ReadonlyMap<string, ZipEntry>;

export type PartFailure = "missing" | "tooLarge" | "corrupt";

export type PartRead =
  { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly reason: PartFailure };

export type TextPartRead =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: PartFailure };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** The end-of-directory record sits in the last 22 bytes plus a comment of at most 65,535. */
const EOCD_SEARCH = 22 + 0xffff;
/** More parts than any workbook Groundup reads has; a directory beyond it is refused. */
export const MAX_ENTRIES = 10_000;

function u16(data: Uint8Array, at: number): number {
  return data[at] | (data[at + 1] << 8);
}

function u32(data: Uint8Array, at: number): number {
  return (data[at] | (data[at + 1] << 8) | (data[at + 2] << 16)) + data[at + 3] * 0x1000000;
}

const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder("utf-8");

/** The package's parts by name, or null for bytes that are not a ZIP archive Groundup can read. */
export function readDirectory(data: Uint8Array): ZipDirectory | null {
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - EOCD_SEARCH); i--) {
    if (u32(data, i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = u16(data, end + 10);
  const offset = u32(data, end + 16);
  if (count > MAX_ENTRIES || offset >= data.length) return null;
  const entries = new Map<string, ZipEntry>();
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || u32(data, at) !== CENTRAL) return null;
    const flags = u16(data, at + 8);
    const nameLength = u16(data, at + 28);
    const next = at + 46 + nameLength + u16(data, at + 30) + u16(data, at + 32);
    if (next > data.length) return null;
    const nameBytes = data.subarray(at + 46, at + 46 + nameLength);
    // Bit 11: the name is UTF-8; otherwise code page 437, which for the ASCII names of an .xlsx reads the same.
    const name = (flags & 0x800) !== 0 ? utf8.decode(nameBytes) : latin1.decode(nameBytes);
    const entry = {
      name,
      method: u16(data, at + 10),
      compressedSize: u32(data, at + 20),
      localOffset: u32(data, at + 42),
    };
    if (!entries.has(name)) entries.set(name, entry);
    at = next;
  }
  return entries;
}

/** Concatenates chunks without spreading them into a call (a part may have thousands of chunks). */
function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

async function inflate(compressed: Uint8Array, cap: number): Promise<PartRead> {
  const stream = new DecompressionStream("deflate-raw");
  const writer = stream.writable.getWriter();
  // Errors surface on the reading side; these promises only need to be settled.
  writer.write(compressed.slice()).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > cap) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: "tooLarge" };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: "corrupt" };
  }
  return { ok: true, bytes: concat(chunks, total) };
}

/** One part's bytes, decompressed, if it is at most `cap` bytes. */
export async function readPart(
  data: Uint8Array,
  directory: ZipDirectory,
  name: string,
  cap: number,
): Promise<PartRead> {
  const entry = directory.get(name);
  if (entry === undefined) return { ok: false, reason: "missing" };
  const at = entry.localOffset;
  if (at + 30 > data.length || u32(data, at) !== LOCAL) return { ok: false, reason: "corrupt" };
  const start = at + 30 + u16(data, at + 26) + u16(data, at + 28);
  const stop = start + entry.compressedSize;
  if (stop > data.length) return { ok: false, reason: "corrupt" };
  const compressed = data.subarray(start, stop);
  if (entry.method === STORED)
    return compressed.length > cap ? { ok: false, reason: "tooLarge" } : { ok: true, bytes: compressed };
  if (entry.method !== DEFLATED) return { ok: false, reason: "corrupt" };
  return inflate(compressed, cap);
}

/** A part as UTF-8 text (XML), under `cap` bytes. */
export async function readTextPart(
  data: Uint8Array,
  directory: ZipDirectory,
  name: string,
  cap: number,
): Promise<TextPartRead> {
  const read = await readPart(data, directory, name, cap);
  return read.ok ? { ok: true, text: utf8.decode(read.bytes) } : read;
}
