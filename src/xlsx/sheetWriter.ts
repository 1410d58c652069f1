/**
 * Writing SpreadsheetML (ECMA-376 Part 1, §18) straight as text: escaping, the shared strings
 * table (§18.4, built once per workbook) and the cells of a row. No per-cell objects: a 100,000-row
 * workbook is a few million short strings, joined a chunk of rows at a time.
 */

/** Characters XML 1.0 does not allow at all; dropped, as Excel can't hold them in a cell either. */
// eslint-disable-next-line no-control-regex -- these control characters are what it matches
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
// eslint-disable-next-line no-control-regex -- as above, plus the characters XML escapes
const NEEDS_ESCAPE = /[&<>"\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/** Text as XML element content or a double-quoted attribute value (ECMA-376 Part 1 is XML 1.0). */
export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return (
    text
      .replace(NOT_XML, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      // A reference, because XML readers turn a literal carriage return (and CR LF) into a line feed.
      .replace(/\r/g, "&#13;")
  );
}

/** Items of the shared strings part written per chunk. */
const STRINGS_PER_CHUNK = 5000;

/** The workbook's shared strings: each distinct text stored once, cells refer to it by index. */
export class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly texts: string[] = [];
  private uses = 0;

  /** The index of `text`, added on first use. */
  ref(text: string): number {
    this.uses += 1;
    let at = this.index.get(text);
    if (at === undefined) {
      at = this.texts.length;
      this.index.set(text, at);
      this.texts.push(text);
    }
    return at;
  }

  /** How many texts `xml` yields. */
  get chunks(): number {
    return Math.ceil(this.texts.length / STRINGS_PER_CHUNK) + 2;
  }

  /** xl/sharedStrings.xml, a chunk at a time. */
  *xml(): Generator<string> {
    yield `${XML_DECLARATION}<sst xmlns="${MAIN_NS}" count="${this.uses}" uniqueCount="${this.texts.length}">`;
    for (let from = 0; from < this.texts.length; from += STRINGS_PER_CHUNK) {
      let chunk = "";
      for (const text of this.texts.slice(from, from + STRINGS_PER_CHUNK)) {
        // Without xml:space="preserve" Excel drops leading and trailing spaces (§22.9.2.7 ST_Xstring).
        const preserve = text !== text.trim() || /[\n\r\t]/.test(text) ? ' xml:space="preserve"' : "";
        chunk += `<si><t${preserve}>${escapeXml(text)}</t></si>`;
      }
      yield chunk;
    }
    yield "</sst>";
  }
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

function styleAttr(style: number): string {
  return style === 0 ? "" : ` s="${style}"`;
}

/** A text cell (through the shared strings); "" leaves the cell empty, with its style. */
export function textCell(ref: string, style: number, text: string, strings: SharedStrings): string {
  if (text === "") return emptyCell(ref, style);
  return `<c r="${ref}"${styleAttr(style)} t="s"><v>${strings.ref(text)}</v></c>`;
}

/** A number cell; null or a value that is not finite leaves the cell empty, with its style. */
export function numberCell(ref: string, style: number, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return emptyCell(ref, style);
  return `<c r="${ref}"${styleAttr(style)}><v>${value}</v></c>`;
}

/** An empty cell that only carries a style (nothing at all for the default style). */
export function emptyCell(ref: string, style: number): string {
  return style === 0 ? "" : `<c r="${ref}"${styleAttr(style)}/>`;
}

/**
 * A formula cell with its cached result, so the sheet reads right before it is recalculated.
 * `formula` is already XML-escaped (the callers' formulas are fixed templates).
 */
export function formulaCell(ref: string, style: number, formula: string, result: number | string): string {
  if (typeof result === "number" && Number.isFinite(result))
    return `<c r="${ref}"${styleAttr(style)}><f>${formula}</f><v>${result}</v></c>`;
  const text = typeof result === "string" ? escapeXml(result) : "";
  return `<c r="${ref}"${styleAttr(style)} t="str"><f>${formula}</f><v>${text}</v></c>`;
}
