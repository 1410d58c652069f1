/**
 * Reading the SpreadsheetML parts of an .xlsx (ECMA-376 Part 1, §18) as they are, without a
 * spreadsheet model in between: the sheets the workbook lists, shared strings, which cell styles
 * are date formats, and a sheet's cells one `<row>` at a time. Only the cells a sheet's XML holds
 * are visited (an empty `<row r="1048576"/>` costs one step, not a million rows), nothing is
 * coerced (a value is kept as the text of its `<v>`), and every loop is bounded by the text's
 * length. Positions out of order, which Excel never writes, are reported rather than guessed.
 */
import { MAX_COLUMNS, MAX_ROWS } from "../core/a1";

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;

/** XML text with its character and entity references resolved. */
export function unescapeXml(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY, (_, ref: string) => {
    if (ref === "amp") return "&";
    if (ref === "lt") return "<";
    if (ref === "gt") return ">";
    if (ref === "quot") return '"';
    if (ref === "apos") return "'";
    const code = ref.startsWith("#x") ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}

const ATTRIBUTE = /([A-Za-z_:][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/g;

/** An element's attributes by local name (prefixes dropped: `r:id` is `id`). */
export function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  ATTRIBUTE.lastIndex = 0;
  for (let match = ATTRIBUTE.exec(tag); match !== null; match = ATTRIBUTE.exec(tag)) {
    const name = match[1].includes(":") ? match[1].slice(match[1].indexOf(":") + 1) : match[1];
    if (!found.has(name)) found.set(name, unescapeXml(match[3] ?? match[4] ?? ""));
  }
  return found;
}

/** Longest attribute text read in one start tag; longer makes the tag unreadable (no element). */
const MAX_TAG = 4096;

export interface XmlElement {
  /** Attribute text of the start tag. */
  readonly attrs: string;
  /** Content between the start and end tag; "" for an empty element, null when its end tag is missing. */
  readonly body: string | null;
  /** Offset just past the element. */
  readonly end: number;
}

const tagPatterns = new Map<string, RegExp>();

/**
 * The elements called `name` (any namespace prefix) in `xml` between `from` and `to`, in order, not
 * looking inside them. Linear in the text: a start tag's attributes are at most `MAX_TAG`
 * characters and each end tag is found with one `indexOf`. Stops after an element whose end tag
 * is missing (yielded with `body: null`).
 */
function tagPattern(name: string): RegExp {
  let pattern = tagPatterns.get(name);
  if (pattern === undefined) {
    pattern = new RegExp(`<([A-Za-z_][\\w.-]*:)?${name}\\b([^>]{0,${MAX_TAG}}?)(\\/?)>`, "g");
    tagPatterns.set(name, pattern);
  }
  return pattern;
}

export function* elements(xml: string, name: string, from = 0, to = xml.length): Generator<XmlElement> {
  const pattern = tagPattern(name);
  let at = from;
  while (at < to) {
    pattern.lastIndex = at;
    const match = pattern.exec(xml);
    if (match === null || match.index >= to) return;
    const tagEnd = match.index + match[0].length;
    if (match[3] === "/" || match[2].endsWith("/")) {
      yield { attrs: match[2], body: "", end: tagEnd };
      at = tagEnd;
      continue;
    }
    const close = `</${match[1] ?? ""}${name}>`;
    const closeAt = xml.indexOf(close, tagEnd);
    if (closeAt < 0 || closeAt + close.length > to) {
      yield { attrs: match[2], body: null, end: to };
      return;
    }
    yield { attrs: match[2], body: xml.slice(tagEnd, closeAt), end: closeAt + close.length };
    at = closeAt + close.length;
  }
}

/** The first element called `name` in `xml`, or null (no generator: it runs for every cell). */
function first(xml: string, name: string): XmlElement | null {
  const pattern = tagPattern(name);
  pattern.lastIndex = 0;
  const match = pattern.exec(xml);
  if (match === null) return null;
  const tagEnd = match.index + match[0].length;
  if (match[3] === "/" || match[2].endsWith("/")) return { attrs: match[2], body: "", end: tagEnd };
  const close = `</${match[1] ?? ""}${name}>`;
  const closeAt = xml.indexOf(close, tagEnd);
  if (closeAt < 0) return { attrs: match[2], body: null, end: xml.length };
  return { attrs: match[2], body: xml.slice(tagEnd, closeAt), end: closeAt + close.length };
}

/**
 * One attribute's value (unprefixed name) in a start tag's attribute text, or undefined: the fast
 * path for the attributes of every row and cell, without building a map.
 */
export function attribute(tag: string, name: string): string | undefined {
  let at = tag.indexOf(`${name}=`);
  while (at >= 0) {
    const before = at === 0 ? " " : tag[at - 1];
    if (before === " " || before === "\t" || before === "\n" || before === "\r") {
      const quote = tag[at + name.length + 1];
      if (quote !== '"' && quote !== "'") return undefined;
      const end = tag.indexOf(quote, at + name.length + 2);
      if (end < 0) return undefined;
      return unescapeXml(tag.slice(at + name.length + 2, end));
    }
    at = tag.indexOf(`${name}=`, at + 1);
  }
  return undefined;
}

/** Every start tag `<name ...>` of `xml`, as its attribute text. */
function* startTags(xml: string, name: string): Generator<string> {
  for (const element of elements(xml, name)) yield element.attrs;
}

export interface SheetEntry {
  readonly name: string;
  /** "visible", "hidden" or "veryHidden". */
  readonly state: string;
  /** The part holding it, e.g. "xl/worksheets/sheet1.xml"; "" if the relationship is missing. */
  readonly part: string;
}

/** Resolves a relationship target against the folder of the part that names it. */
function resolvePart(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const segment of target.split("/")) {
    if (segment === "..") parts.pop();
    else if (segment !== "." && segment !== "") parts.push(segment);
  }
  return parts.join("/");
}

/** The workbook's sheets in order, from xl/workbook.xml and its relationships. */
export function workbookSheets(workbookXml: string, relsXml: string): SheetEntry[] {
  const targets = new Map<string, string>();
  for (const tag of startTags(relsXml, "Relationship")) {
    const attrs = attributes(tag);
    const id = attrs.get("Id");
    const target = attrs.get("Target");
    if (id !== undefined && target !== undefined) targets.set(id, resolvePart("xl/workbook.xml", target));
  }
  const sheets: SheetEntry[] = [];
  for (const tag of startTags(workbookXml, "sheet")) {
    const attrs = attributes(tag);
    sheets.push({
      name: attrs.get("name") ?? "",
      state: attrs.get("state") ?? "visible",
      part: targets.get(attrs.get("id") ?? "") ?? "",
    });
  }
  return sheets;
}

/** The text of every `<t>` inside `xml` (a shared string item or an inline string), joined. */
function textRuns(xml: string): string {
  // Phonetic runs (<rPh>) are reading aids, not part of the cell's text.
  const skip: [number, number][] = [];
  for (const phonetic of elements(xml, "rPh")) skip.push([phonetic.end - (phonetic.body?.length ?? 0), phonetic.end]);
  let text = "";
  for (const run of elements(xml, "t")) {
    if (skip.some(([a, b]) => run.end > a && run.end <= b)) continue;
    text += unescapeXml(run.body ?? "");
  }
  return text;
}

/** The shared strings table, in order; null for more than `limit` items. */
export function sharedStrings(xml: string, limit: number): string[] | null {
  const strings: string[] = [];
  for (const item of elements(xml, "si")) {
    if (strings.length >= limit) return null;
    strings.push(item.body === null ? "" : textRuns(item.body));
  }
  return strings;
}

/** Built-in number formats that show a date or time (ECMA-376 Part 1, §18.8.30). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** True for a number format code that shows a number as a date or time. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[(?!h\]|m\]|s\])[^\]]*\]/gi, "");
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** For each cell style (`s` index), whether it formats numbers as dates, from xl/styles.xml. */
export function dateStyles(stylesXml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const tag of startTags(stylesXml, "numFmt")) {
    const attrs = attributes(tag);
    custom.set(Number(attrs.get("numFmtId")), attrs.get("formatCode") ?? "");
  }
  const cellXfs = first(stylesXml, "cellXfs");
  if (cellXfs === null || cellXfs.body === null) return [];
  const styles: boolean[] = [];
  for (const tag of startTags(cellXfs.body, "xf")) {
    const id = Number(attributes(tag).get("numFmtId") ?? "0");
    const code = custom.get(id);
    styles.push(code !== undefined ? isDateFormat(code) : DATE_FORMAT_IDS.has(id));
  }
  return styles;
}

/** One `<c>` element as written: no value is converted. */
export interface XmlCell {
  /** 1-based. */
  readonly row: number;
  readonly col: number;
  /** The `t` attribute ("n" when absent). */
  readonly type: string;
  /** The `s` attribute (0 when absent). */
  readonly style: number;
  /** The `<v>` text, entities resolved; null without one. */
  readonly value: string | null;
  /** The `<f>` text; null without a formula element. */
  readonly formula: string | null;
  /** The text of an inline string (`t="inlineStr"`). */
  readonly inline: string | null;
  /** The formula (as its master cell writes it) of an array or data-table range this cell is in. */
  readonly arrayFormula: string | null;
}

/** What scanning a sheet cost: the rows and cells its XML held, which is what the caller's caps bound. */
export interface ScanStats {
  rows: number;
  cells: number;
}

export type ScanProblem =
  | { readonly kind: "order"; readonly row: number }
  | { readonly kind: "position"; readonly address: string }
  | { readonly kind: "rows" }
  | { readonly kind: "cells" }
  | { readonly kind: "ranges" }
  | { readonly kind: "broken" };

export interface ScanLimits {
  /** Rows (row elements) and cells (c elements) the scan visits before it gives up. */
  readonly rows: number;
  readonly cells: number;
  /** Array / data-table / shared formula ranges tracked. */
  readonly ranges: number;
}

interface Area {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  readonly formula: string;
}

/** "B3" -> [3, 2]; null for anything else, or outside the sheet. */
export function parseAddress(ref: string): [number, number] | null {
  const match = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/.exec(ref.trim());
  if (match === null) return null;
  let col = 0;
  for (const char of match[1].toUpperCase()) col = col * 26 + (char.charCodeAt(0) - 64);
  const row = Number(match[2]);
  if (row < 1 || row > MAX_ROWS || col < 1 || col > MAX_COLUMNS) return null;
  return [row, col];
}

function parseArea(ref: string, formula: string): Area | null {
  const [from, to = from] = ref.split(":");
  const a = parseAddress(from);
  const b = parseAddress(to);
  if (a === null || b === null) return null;
  return {
    top: Math.min(a[0], b[0]),
    left: Math.min(a[1], b[1]),
    bottom: Math.max(a[0], b[0]),
    right: Math.max(a[1], b[1]),
    formula,
  };
}

/**
 * Visits the sheet's rows in order, each with the cells its XML holds (in column order). `visit`
 * returns false to stop early (the rest of the sheet is not read). Returns the problem that
 * stopped the scan, if any: rows or cells out of order or repeated, an address outside the sheet,
 * an element cut short, or more rows, cells or formula ranges than `limits` allow.
 */
export function scanSheet(
  xml: string,
  limits: ScanLimits,
  stats: ScanStats,
  visit: (row: number, cells: readonly XmlCell[]) => boolean,
  wanted: (col: number) => boolean = () => true,
): ScanProblem | null {
  const data = first(xml, "sheetData");
  if (data === null || data.body === null) return data === null ? null : { kind: "broken" };
  const areas: Area[] = [];
  let lastRow = 0;
  for (const rowElement of elements(data.body, "row")) {
    stats.rows += 1;
    if (stats.rows > limits.rows) return { kind: "rows" };
    if (rowElement.body === null) return { kind: "broken" };
    const r = attribute(rowElement.attrs, "r");
    const row = r === undefined ? lastRow + 1 : Number(r);
    if (!Number.isInteger(row) || row < 1 || row > MAX_ROWS) return { kind: "position", address: `row ${r ?? ""}` };
    if (row <= lastRow) return { kind: "order", row };
    lastRow = row;
    // Rows only go down: a range that ended above this row can't hold any cell still to come.
    if (areas.length > 0 && areas.some((a) => a.bottom < row)) {
      const open = areas.filter((a) => a.bottom >= row);
      areas.length = 0;
      for (const a of open) areas.push(a);
    }
    const cells: XmlCell[] = [];
    let lastCol = 0;
    for (const cellElement of elements(rowElement.body, "c")) {
      stats.cells += 1;
      if (stats.cells > limits.cells) return { kind: "cells" };
      const body = cellElement.body;
      if (body === null) return { kind: "broken" };
      const ref = attribute(cellElement.attrs, "r");
      let col = lastCol + 1;
      if (ref !== undefined) {
        const at = parseAddress(ref);
        if (at === null || at[0] !== row) return { kind: "position", address: ref };
        col = at[1];
      }
      if (col > MAX_COLUMNS) return { kind: "position", address: ref ?? `row ${row}` };
      if (col <= lastCol) return { kind: "order", row };
      lastCol = col;
      // Cells of columns the caller doesn't read are counted and placed, not decoded (but a
      // formula range they start still covers the cells it spans).
      if (!wanted(col) && !body.includes("ref=")) continue;
      const formulaElement = body === "" ? null : first(body, "f");
      const formula = formulaElement === null ? null : unescapeXml(formulaElement.body ?? "");
      if (formulaElement !== null) {
        const fAttrs = attributes(formulaElement.attrs);
        const range = fAttrs.get("ref");
        const kind = fAttrs.get("t");
        if (range !== undefined && (kind === "array" || kind === "dataTable" || kind === "shared")) {
          const area = parseArea(range, formula ?? "");
          if (area !== null) {
            if (areas.length >= limits.ranges) return { kind: "ranges" };
            areas.push(area);
          }
        }
      }
      const valueElement = body === "" ? null : first(body, "v");
      const inlineElement = body === "" ? null : first(body, "is");
      const area = areas.find((a) => row >= a.top && row <= a.bottom && col >= a.left && col <= a.right);
      cells.push({
        row,
        col,
        type: attribute(cellElement.attrs, "t") ?? "n",
        style: Number(attribute(cellElement.attrs, "s") ?? "0") || 0,
        value: valueElement === null ? null : unescapeXml(valueElement.body ?? ""),
        formula,
        inline: inlineElement === null ? null : textRuns(inlineElement.body ?? ""),
        arrayFormula: area === undefined ? null : area.formula,
      });
    }
    if (!visit(row, cells)) return null;
  }
  return null;
}
