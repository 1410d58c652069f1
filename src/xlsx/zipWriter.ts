/**
 * Writing a ZIP archive (the package of an .xlsx) part by part, each part deflated as its text is
 * produced through the platform's `CompressionStream("deflate-raw")` (browsers and Node 20, the
 * counterpart of what zip.ts reads with), so a part is never held whole as text or as
 * uncompressed bytes. Only what Groundup's files need: ASCII part names, no ZIP64 (a package
 * stays far below 4 GB), one fixed timestamp.
 */

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const EOCD = 0x06054b50;
const DEFLATED = 8;
/** "Version needed to extract": 2.0, deflate. */
const VERSION = 20;
/** 1980-01-01 00:00 in MS-DOS form: the parts' time says nothing the workbook doesn't. */
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 (ISO 3309, as ZIP uses) of `bytes`, continuing from `crc` (0 to start). */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

interface Entry {
  readonly name: Uint8Array;
  readonly crc: number;
  readonly size: number;
  readonly compressedSize: number;
  readonly chunks: readonly Uint8Array[];
}

const encoder = new TextEncoder();

/** Collects the parts of an archive, then lays it out with `finish`. */
export class ZipWriter {
  private readonly entries: Entry[] = [];

  /** Adds a part whose UTF-8 text is the concatenation of `texts`, deflated as it comes. */
  async addPart(name: string, texts: Iterable<string> | AsyncIterable<string>): Promise<void> {
    const stream = new CompressionStream("deflate-raw");
    const writer = stream.writable.getWriter();
    const chunks: Uint8Array[] = [];
    let compressedSize = 0;
    // Read while writing: the stream's queues are small, so a writer alone would wait forever.
    const drained = (async () => {
      const reader = stream.readable.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        chunks.push(value);
        compressedSize += value.length;
      }
    })();
    let crc = 0;
    let size = 0;
    try {
      for await (const text of texts) {
        if (text === "") continue;
        const bytes = encoder.encode(text);
        crc = crc32(bytes, crc);
        size += bytes.length;
        await writer.write(bytes);
      }
      await writer.close();
    } catch (error) {
      await writer.abort(error).catch(() => undefined);
      await drained.catch(() => undefined);
      throw error;
    }
    await drained;
    this.entries.push({ name: encoder.encode(name), crc, size, compressedSize, chunks });
  }

  /** The archive's bytes: each part's local header and data, then the central directory. */
  finish(): Uint8Array {
    const localSize = this.entries.reduce((sum, e) => sum + 30 + e.name.length + e.compressedSize, 0);
    const centralSize = this.entries.reduce((sum, e) => sum + 46 + e.name.length, 0);
    const out = new Uint8Array(localSize + centralSize + 22);
    const view = new DataView(out.buffer);
    let at = 0;
    const offsets: number[] = [];
    for (const entry of this.entries) {
      offsets.push(at);
      view.setUint32(at, LOCAL, true);
      view.setUint16(at + 4, VERSION, true);
      view.setUint16(at + 6, 0, true);
      view.setUint16(at + 8, DEFLATED, true);
      view.setUint16(at + 10, DOS_TIME, true);
      view.setUint16(at + 12, DOS_DATE, true);
      view.setUint32(at + 14, entry.crc, true);
      view.setUint32(at + 18, entry.compressedSize, true);
      view.setUint32(at + 22, entry.size, true);
      view.setUint16(at + 26, entry.name.length, true);
      view.setUint16(at + 28, 0, true);
      out.set(entry.name, at + 30);
      at += 30 + entry.name.length;
      for (const chunk of entry.chunks) {
        out.set(chunk, at);
        at += chunk.length;
      }
    }
    const central = at;
    this.entries.forEach((entry, i) => {
      view.setUint32(at, CENTRAL, true);
      view.setUint16(at + 4, VERSION, true);
      view.setUint16(at + 6, VERSION, true);
      view.setUint16(at + 8, 0, true);
      view.setUint16(at + 10, DEFLATED, true);
      view.setUint16(at + 12, DOS_TIME, true);
      view.setUint16(at + 14, DOS_DATE, true);
      view.setUint32(at + 16, entry.crc, true);
      view.setUint32(at + 20, entry.compressedSize, true);
      view.setUint32(at + 24, entry.size, true);
      view.setUint16(at + 28, entry.name.length, true);
      // Extra field, comment, disk number, internal and external attributes: all 0 (bytes 30-41).
      view.setUint32(at + 42, offsets[i], true);
      out.set(entry.name, at + 46);
      at += 46 + entry.name.length;
    });
    view.setUint32(at, EOCD, true);
    view.setUint16(at + 8, this.entries.length, true);
    view.setUint16(at + 10, this.entries.length, true);
    view.setUint32(at + 12, at - central, true);
    view.setUint32(at + 16, central, true);
    return out;
  }
}
