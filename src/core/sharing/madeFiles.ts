/**
 * The plan's own record of every contributor workbook it made: what collect trusts instead of
 * anything a returned file says about itself. A returned file only carries its file id (an
 * unguessable random token); the owner, the nodes and the values each row held when the file was
 * made come from this record, kept in the plan workbook where contributors' files can't reach.
 *
 * Layout (pure; both workbook implementations write it the same way): a visible sheet and table
 * "GU Files" / GuFiles anchored at A1: File | Owner | Plan | Made | By | Nodes | Part | Record.
 * One file takes one or more rows: `Record` holds its rows as made, as JSON cut into parts of at
 * most `RECORD_CHUNK` characters (a cell holds 32,767), `Part` numbers them from 1. The other
 * columns repeat on every part, so a reader can filter or sort the table by file or owner.
 */
import { idKey } from "../cell";
import { cellText, findColumn, headerBlock, type CellBlock, type LayoutCell, type TableGrid } from "../plan/layout";

export interface MadeFileRow {
  readonly id: string;
  /** Index-aligned with `MadeFile.periods`. */
  readonly values: readonly (number | null)[];
  readonly comment: string;
}

export interface MadeFile {
  /** Random, unguessable; the only thing collect reads from a returned file to find this record. */
  readonly fileId: string;
  /** The owner the file was made for, as the plan spells them. */
  readonly owner: string;
  /** The plan's name when the file was made. */
  readonly plan: string;
  /** ISO timestamp. */
  readonly made: string;
  /** Who made the files (the manager named in the pane); may be "". */
  readonly madeBy: string;
  readonly periods: readonly string[];
  /** Every row of the file as made, in file order. */
  readonly rows: readonly MadeFileRow[];
}

export const MADE_FILES = {
  sheet: "GU Files",
  table: "GuFiles",
  headers: ["File", "Owner", "Plan", "Made", "By", "Nodes", "Part", "Record"],
} as const;

/** Longest JSON part in one cell; Excel's limit is 32,767 characters. */
export const RECORD_CHUNK = 30000;

/** Bytes of randomness in a file id: 128 bits, hex-encoded. */
const FILE_ID_BYTES = 16;

/** A new file id from a cryptographic random source (crypto.getRandomValues, in browsers and Node). */
export function newFileId(random: Pick<Crypto, "getRandomValues"> = globalThis.crypto): string {
  const bytes = random.getRandomValues(new Uint8Array(FILE_ID_BYTES));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** A file id as matched: hex digits, lower case; "" for anything that can't be one. */
export function fileIdKey(text: string): string {
  const key = text.trim().toLowerCase();
  return /^[0-9a-f]{32}$/.test(key) ? key : "";
}

/** The table's rows for `files` (header excluded), in order: each file's parts, part 1 first. */
export function madeFileRows(files: readonly MadeFile[]): LayoutCell[][] {
  const rows: LayoutCell[][] = [];
  for (const file of files) {
    const json = JSON.stringify({
      periods: file.periods,
      rows: file.rows.map((row) => [row.id, row.values, row.comment]),
    });
    const parts = Math.max(1, Math.ceil(json.length / RECORD_CHUNK));
    for (let part = 0; part < parts; part++) {
      rows.push([
        file.fileId,
        file.owner,
        file.plan,
        file.made,
        file.madeBy,
        file.rows.length,
        part + 1,
        json.slice(part * RECORD_CHUNK, (part + 1) * RECORD_CHUNK),
      ]);
    }
  }
  return rows;
}

/** The header row of a new GuFiles table. */
export function madeFilesHeader(): CellBlock {
  return headerBlock(MADE_FILES.sheet, MADE_FILES.headers);
}

function parseRecord(json: string): Pick<MadeFile, "periods" | "rows"> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const { periods, rows } = parsed as { periods?: unknown; rows?: unknown };
  if (!Array.isArray(periods) || !Array.isArray(rows)) return null;
  if (!periods.every((label) => typeof label === "string")) return null;
  const out: MadeFileRow[] = [];
  for (const row of rows) {
    if (!Array.isArray(row) || typeof row[0] !== "string" || !Array.isArray(row[1])) return null;
    const values = (row[1] as unknown[]).map((value) =>
      typeof value === "number" && Number.isFinite(value) ? value : null,
    );
    out.push({ id: row[0], values, comment: typeof row[2] === "string" ? row[2] : "" });
  }
  return { periods: periods as string[], rows: out };
}

/**
 * The files the table records, by file id key. A file whose parts are missing, repeated or don't
 * parse is left out (collect then refuses its returned file as unknown): a record someone damaged
 * never widens what a file may change.
 */
export function readMadeFiles(grid: TableGrid | undefined): Map<string, MadeFile> {
  const files = new Map<string, MadeFile>();
  if (grid === undefined) return files;
  const col = (header: string): number => findColumn(grid.headers, header);
  const [file, owner, plan, made, by, , part, record] = MADE_FILES.headers.map(col);
  if (file < 0 || owner < 0 || part < 0 || record < 0) return files;
  const parts = new Map<string, { first: readonly unknown[]; chunks: Map<number, string> }>();
  const broken = new Set<string>();
  for (const row of grid.rows) {
    const key = fileIdKey(cellText(row[file]));
    const n = Number(row[part]);
    if (key === "" || !Number.isInteger(n) || n < 1) continue;
    const entry = parts.get(key) ?? { first: row, chunks: new Map<number, string>() };
    parts.set(key, entry);
    if (entry.chunks.has(n)) broken.add(key);
    entry.chunks.set(n, cellText(row[record]));
    if (n === 1) entry.first = row;
  }
  for (const [key, { first, chunks }] of parts) {
    if (broken.has(key)) continue;
    let json = "";
    for (let n = 1; n <= chunks.size; n++) {
      const chunk = chunks.get(n);
      if (chunk === undefined) {
        json = "";
        break;
      }
      json += chunk;
    }
    const parsed = json === "" ? null : parseRecord(json);
    const ownerText = cellText(first[owner]).trim();
    if (parsed === null || idKey(ownerText) === undefined) continue;
    const text = (c: number): string => (c < 0 ? "" : cellText(first[c]).trim());
    files.set(key, {
      fileId: key,
      owner: ownerText,
      plan: text(plan),
      made: text(made),
      madeBy: text(by),
      ...parsed,
    });
  }
  return files;
}
