/**
 * User text (names, comments, owners, reasons, audit notes) must land in a cell exactly as typed.
 * Excel turns a written value that starts with "=", "+", "-" or "@" into a formula (or an error),
 * so adapters must force such text to stay text.
 */

const FORMULA_STARTS = new Set(["=", "+", "-", "@"]);

/**
 * True for text Excel could read as a formula: it starts with "=", "+", "-" or "@", also after
 * leading whitespace. Excel itself ignores " =1", but CSV and other tools that read the workbook
 * don't all do so, and forcing text costs nothing: the cell still shows exactly what was typed.
 */
export function isFormulaLike(text: string): boolean {
  const first = text.trimStart()[0];
  return first !== undefined && FORMULA_STARTS.has(first);
}

/**
 * Text Excel's typing recognises as a date or time although it starts with a letter: a month or
 * weekday name, in full or abbreviated ("May 2025", "Jan-25", "March 1", "Mon 3"), or "am"/"pm"
 * forms. Microsoft's "Stop automatically changing numbers to dates" documents the conversion and
 * the leading apostrophe that keeps such an entry text
 * (https://support.microsoft.com/office/stop-automatically-changing-numbers-to-dates-452bd2db-cc96-47d1-81e4-72cec11c4ed8).
 */
const DATE_LIKE =
  /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?|mon(day)?|tue(s(day)?)?|wed(nesday)?|thu(r(s(day)?)?)?|fri(day)?|sat(urday)?|sun(day)?)\b[\s\-/.,]*\d|^(a|p)\.?m\.?\b/i;

/**
 * A first letter no text that needs protection starts with: not a month, a weekday, "am"/"pm",
 * TRUE or FALSE. Most names and ids start with such a letter, and a setup checks every one of
 * them, so these skip the patterns below.
 */
const PLAIN_START = /^[bceghiklqruvxyz]/i;

/**
 * True for text that a cell would not keep as typed when written as a plain value: formula-like
 * text, text that starts with an apostrophe (Excel eats it as the text prefix), and text Excel
 * would convert to a number, date, percentage, boolean or error ("00123", "1/2", "5%", "TRUE",
 * "#N/A"). Anything starting with a digit or a decimal point is included: over-protecting is
 * harmless, converting a name or comment is not.
 */
export function needsTextProtection(text: string): boolean {
  if (PLAIN_START.test(text)) return false;
  if (isFormulaLike(text)) return true;
  const trimmed = text.trim();
  if (trimmed === "") return false;
  if (text.startsWith("'")) return true;
  if (/^[0-9.,(#$€£¥%]/.test(trimmed)) return true;
  if (DATE_LIKE.test(trimmed)) return true;
  return /^(true|false)$/i.test(trimmed);
}

/**
 * The value to write for user text into a cell that must keep it as text: a leading apostrophe
 * (Excel's text prefix, not part of the cell's value) where `needsTextProtection` says so.
 */
export function asTextCell(text: string): string {
  return needsTextProtection(text) ? `'${text}` : text;
}

/** What a cell written with `asTextCell(text)` reads back as: `text` (Excel drops the prefix). */
export function textAsRead(written: string): string {
  return written.startsWith("'") ? written.slice(1) : written;
}

/**
 * Most characters a cell can hold: 32,767 ("Excel specifications and limits",
 * https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3).
 * Longer text is cut or refused by Excel, so Groundup refuses it first, with a message.
 */
export const MAX_CELL_TEXT = 32767;

/** True for text longer than a cell can hold. */
export function textTooLong(text: string): boolean {
  return text.length > MAX_CELL_TEXT;
}
