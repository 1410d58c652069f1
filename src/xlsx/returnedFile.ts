/**
 * Reading a returned contributor workbook (layout: src/core/sharing/contributorFile.ts) straight
 * from its XML, as values only. Nothing is evaluated or coerced:
 * - a number is the `<v>` text of a number cell if, and only if, it is a finite decimal number
 *   ("1e400", "NaN", "0x10", "120abc" are refused as what they are); a number cell whose style is a
 *   date format is a date (ECMA-376 Part 1 §18.8.30 lists the built-in date formats);
 * - a cell with a formula, or inside the range of an array, data-table or shared formula
 *   (`<f t="array" ref=...>`, which Excel writes for spills and Ctrl+Shift+Enter), is a formula,
 *   whatever cached result it carries;
 * - only the parts needed are unpacked (workbook, relationships, styles, shared strings, the
 *   Targets and marker sheets), each under a size cap, and only the cells the XML holds are visited.
 * Never throws: any failure is `{ ok: false, message }`, so one bad file never hides the others.
 */
import { columnLetters } from "../core/a1";
import { idText } from "../core/cell";
import { sharingMessages } from "../core/messages";
import { collectMessages } from "../core/sharing/collectMessages";
import { FILE_SHEETS, MARKER_KEYS, TARGETS_COLUMNS } from "../core/sharing/contributorFile";
import { READ_LIMITS, type ReadLimits } from "../core/sharing/limits";
import type { FileCell, FileRead, ReturnedRow } from "../core/sharing/returnedFile";
import {
  dateStyles,
  scanSheet,
  sharedStrings,
  workbookSheets,
  type ScanProblem,
  type ScanStats,
  type SheetEntry,
  type XmlCell,
} from "./sheetXml";
import { readDirectory, readTextPart, type ZipDirectory } from "./zip";

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Rows searched for the Targets header and the marker's keys. */
const HEADER_SEARCH_ROWS = 30;
/** Small parts (workbook, relationships): far above what any workbook writes. */
const SMALL_PART = 5_000_000;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function startsWith(data: Uint8Array, signature: readonly number[]): boolean {
  return data.length >= signature.length && signature.every((byte, i) => data[i] === byte);
}

interface Decoder {
  readonly strings: readonly string[];
  readonly dates: readonly boolean[];
}

/** A cell of the XML as collect reads it. */
export function fileCell(cell: XmlCell, decoder: Decoder): FileCell {
  if (cell.formula !== null || cell.arrayFormula !== null) {
    const formula = cell.formula !== null && cell.formula !== "" ? cell.formula : (cell.arrayFormula ?? "");
    return { kind: "formula", formula, array: cell.formula === null };
  }
  const raw = cell.value;
  switch (cell.type) {
    case "s": {
      const index = raw !== null && /^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : -1;
      if (index < 0 || index >= decoder.strings.length) return { kind: "invalid", raw: raw ?? "" };
      const text = decoder.strings[index];
      return text.trim() === "" ? { kind: "blank" } : { kind: "text", text };
    }
    case "inlineStr":
    case "str": {
      const text = (cell.type === "inlineStr" ? cell.inline : raw) ?? "";
      return text.trim() === "" ? { kind: "blank" } : { kind: "text", text };
    }
    case "b":
      return raw === "0" || raw === "1" ? { kind: "boolean", value: raw === "1" } : { kind: "invalid", raw: raw ?? "" };
    case "e":
      return { kind: "error", error: raw ?? "#VALUE!" };
    case "d":
      return { kind: "date" };
    case "n": {
      if (raw === null || raw === "") return { kind: "blank" };
      const trimmed = raw.trim();
      const value = NUMBER.test(trimmed) ? Number(trimmed) : NaN;
      if (!Number.isFinite(value)) return { kind: "invalid", raw };
      return decoder.dates[cell.style] === true ? { kind: "date" } : { kind: "number", value };
    }
    default:
      return { kind: "invalid", raw: raw ?? "" };
  }
}

function cellText(cell: FileCell): string {
  if (cell.kind === "text") return cell.text.trim();
  if (cell.kind === "number") return idText(cell.value).trim();
  return "";
}

function scanMessage(problem: ScanProblem, limits: ReadLimits): string {
  switch (problem.kind) {
    case "rows":
      return collectMessages.tooManyRows(limits);
    case "cells":
      return collectMessages.tooManyCells(limits);
    case "ranges":
      return collectMessages.tooManyRanges;
    case "order":
      return collectMessages.outOfOrder(problem.row);
    case "position":
      return collectMessages.badPosition(problem.address);
    case "broken":
      return collectMessages.brokenXml;
  }
}

type Failure = { readonly ok: false; readonly message: string };

function fail(message: string): Failure {
  return { ok: false, message };
}

async function textPart(
  data: Uint8Array,
  directory: ZipDirectory,
  name: string,
  cap: number,
  required: boolean,
): Promise<string | Failure> {
  const read = await readTextPart(data, directory, name, cap);
  if (read.ok) return read.text;
  if (read.reason === "missing") return required ? fail(sharingMessages.notAWorkbook) : "";
  if (read.reason === "tooLarge") return fail(collectMessages.partTooBig(name, cap));
  return fail(sharingMessages.corruptFile);
}

function sameName(sheet: SheetEntry, name: string): boolean {
  return sheet.name.trim().toLowerCase() === name.toLowerCase();
}

/** The marker's file id and claimed owner: column A keys, column B values, in its first rows. */
function readMarker(xml: string, decoder: Decoder, limits: ReadLimits, stats: ScanStats): Map<string, string> {
  const keys = new Map<string, string>();
  scanSheet(xml, { rows: HEADER_SEARCH_ROWS, cells: limits.cells, ranges: 0 }, stats, (row, cells) => {
    if (row > HEADER_SEARCH_ROWS) return false;
    const key = cells.find((cell) => cell.col === 1);
    const value = cells.find((cell) => cell.col === 2);
    if (key !== undefined && value !== undefined) {
      const name = cellText(fileCell(key, decoder)).toLowerCase();
      if (name !== "" && !keys.has(name)) keys.set(name, cellText(fileCell(value, decoder)));
    }
    return true;
  });
  return keys;
}

/**
 * Reads a returned contributor workbook as values. Never throws: a file that can't be read gives
 * `{ ok: false, message }` saying why, in words the manager can act on.
 */
export async function readReturnedFile(data: Uint8Array, limits: ReadLimits = READ_LIMITS): Promise<FileRead> {
  try {
    return await read(data, limits);
  } catch {
    // Every known failure is a value; this is for the unknown, so one file never takes the others down.
    return fail(sharingMessages.corruptFile);
  }
}

async function read(data: Uint8Array, limits: ReadLimits): Promise<FileRead> {
  if (data.length === 0) return fail(sharingMessages.emptyFile);
  if (startsWith(data, CFB_SIGNATURE)) return fail(sharingMessages.encryptedFile);
  if (data.length > limits.fileBytes) return fail(collectMessages.tooBig(limits.fileBytes));
  const directory = readDirectory(data);
  if (directory === null || !directory.has("xl/workbook.xml")) return fail(sharingMessages.notAWorkbook);

  const workbookXml = await textPart(data, directory, "xl/workbook.xml", SMALL_PART, true);
  if (typeof workbookXml !== "string") return workbookXml;
  const relsXml = await textPart(data, directory, "xl/_rels/workbook.xml.rels", SMALL_PART, true);
  if (typeof relsXml !== "string") return relsXml;
  const sheets = workbookSheets(workbookXml, relsXml);
  // Hidden sheets are never read for data: a "Targets" sheet someone hid is not the one we made.
  const targets = sheets.find((sheet) => sheet.state === "visible" && sameName(sheet, FILE_SHEETS.targets));
  if (targets === undefined || !directory.has(targets.part)) return fail(sharingMessages.notContributorFile);

  const stylesXml = await textPart(data, directory, "xl/styles.xml", SMALL_PART * 4, false);
  if (typeof stylesXml !== "string") return stylesXml;
  const stringsXml = await textPart(data, directory, "xl/sharedStrings.xml", limits.partBytes, false);
  if (typeof stringsXml !== "string") return stringsXml;
  const strings = sharedStrings(stringsXml, limits.strings);
  if (strings === null) return fail(collectMessages.tooManyStrings);
  const decoder: Decoder = { strings, dates: dateStyles(stylesXml) };
  const stats: ScanStats = { rows: 0, cells: 0 };

  let fileId: string | null = null;
  let claimedOwner: string | null = null;
  const marker = sheets.find((sheet) => sameName(sheet, FILE_SHEETS.marker));
  if (marker !== undefined && directory.has(marker.part)) {
    const markerXml = await textPart(data, directory, marker.part, SMALL_PART, true);
    if (typeof markerXml !== "string") return markerXml;
    const keys = readMarker(markerXml, decoder, limits, stats);
    fileId = keys.get(MARKER_KEYS.file.toLowerCase()) || null;
    claimedOwner = keys.get(MARKER_KEYS.owner.toLowerCase()) || null;
  }

  const sheetXml = await textPart(data, directory, targets.part, limits.partBytes, true);
  if (typeof sheetXml !== "string") return sheetXml;
  const targetsRead = readTargets(sheetXml, decoder, limits, stats);
  if (!targetsRead.ok) return targetsRead;
  return {
    ok: true,
    workbook: {
      fileId,
      claimedOwner,
      periods: targetsRead.periods,
      rows: targetsRead.rows,
      visited: { rows: stats.rows, cells: stats.cells },
    },
  };
}

interface TargetsRead {
  readonly ok: true;
  readonly periods: readonly string[];
  readonly rows: readonly ReturnedRow[];
}

/** The Targets sheet: the header row (column A says "Id") in its first rows, then a row per node. */
function readTargets(xml: string, decoder: Decoder, limits: ReadLimits, stats: ScanStats): TargetsRead | Failure {
  const known = new Set<string>(Object.values(TARGETS_COLUMNS).map((label) => label.toLowerCase()));
  let header = 0;
  const fixed = new Map<string, number>();
  const periods: { label: string; col: number }[] = [];
  const rows: ReturnedRow[] = [];
  let problem: string | null = null;

  const readHeader = (cells: readonly XmlCell[]): boolean => {
    if (cells.length > limits.columns) {
      problem = collectMessages.tooManyColumns(limits);
      return false;
    }
    const seen = new Map<string, number>();
    for (const cell of cells) {
      const label = cellText(fileCell(cell, decoder));
      if (label === "") continue;
      const key = label.toLowerCase();
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        problem = collectMessages.duplicateColumn(label, columnLetters(earlier - 1), columnLetters(cell.col - 1));
        return false;
      }
      seen.set(key, cell.col);
      if (known.has(key)) fixed.set(key, cell.col);
      else periods.push({ label, col: cell.col });
    }
    return true;
  };

  // Before the header is found every column is read; after it, only the columns collect uses.
  const readCols = new Set<number>();
  const wanted = (col: number): boolean => header === 0 || readCols.has(col);
  const scan = scanSheet(
    xml,
    { rows: limits.rows, cells: limits.cells, ranges: limits.ranges },
    stats,
    (r, cells) => {
      if (header === 0) {
        if (r > HEADER_SEARCH_ROWS) return false;
        const first = cells.find((cell) => cell.col === 1);
        if (
          first === undefined ||
          cellText(fileCell(first, decoder)).toLowerCase() !== TARGETS_COLUMNS.id.toLowerCase()
        )
          return true;
        header = r;
        const ok = readHeader(cells);
        for (const { col } of periods) readCols.add(col);
        for (const key of [TARGETS_COLUMNS.id, TARGETS_COLUMNS.name, TARGETS_COLUMNS.comment]) {
          const col = fixed.get(key.toLowerCase());
          if (col !== undefined) readCols.add(col);
        }
        return ok;
      }
      const byCol = new Map<number, XmlCell>();
      for (const cell of cells) byCol.set(cell.col, cell);
      const read = (col: number | undefined): FileCell => {
        const cell = col === undefined ? undefined : byCol.get(col);
        return cell === undefined ? { kind: "blank" } : fileCell(cell, decoder);
      };
      const values = periods.map(({ col }) => read(col));
      const commentCol = fixed.get(TARGETS_COLUMNS.comment.toLowerCase());
      const comment = commentCol === undefined ? null : read(commentCol);
      const id = cellText(read(fixed.get(TARGETS_COLUMNS.id.toLowerCase())));
      if (id === "" && values.every((cell) => cell.kind === "blank") && (comment === null || comment.kind === "blank"))
        return true;
      rows.push({
        sheetRow: r,
        id,
        name: cellText(read(fixed.get(TARGETS_COLUMNS.name.toLowerCase()))),
        cells: values,
        comment,
      });
      return true;
    },
    wanted,
  );
  if (problem !== null) return fail(problem);
  if (scan !== null) return fail(scanMessage(scan, limits));
  if (header === 0) return fail(sharingMessages.notContributorFile);
  return { ok: true, periods: periods.map(({ label }) => label), rows };
}
