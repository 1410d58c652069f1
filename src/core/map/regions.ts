/**
 * What a geography cell names: a country (name, ISO alpha-2, alpha-3 or numeric code) or a US state
 * (name or postal code), and which of the two maps a column of such cells belongs on.
 */
import { COUNTRIES, type Country } from "./countries";
import { US_STATES, type UsState } from "./usStates";

/** The map a column is drawn on: the world's countries or the US states. */
export type MapKind = "world" | "us";

export interface Region {
  readonly kind: MapKind;
  /** Stable across spellings: ISO alpha-3 for a country, the postal code for a state. */
  readonly key: string;
  readonly name: string;
  /** How the map data names its shape: ISO numeric (world-atlas) or FIPS (us-atlas); "" if only by name. */
  readonly shapeId: string;
}

/** Compares names as people write them: any case, accents, apostrophes, "&" for "and", punctuation, a leading "the". */
export function normaliseName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['\u2019`]/g, "")
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .replace(/^the /, "");
}

function countryRegion(country: Country): Region {
  return { kind: "world", key: country.alpha3, name: country.name, shapeId: country.numeric };
}

function stateRegion(state: UsState): Region {
  return { kind: "us", key: state.postal, name: state.name, shapeId: state.fips };
}

function index<T>(items: readonly T[], keys: (item: T) => readonly string[]): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const item of items) for (const key of keys(item)) if (key !== "" && !map.has(key)) map.set(key, item);
  return map;
}

const COUNTRY_BY_CODE = index(COUNTRIES, (c) => [c.alpha2.toLowerCase(), c.alpha3.toLowerCase()]);
const COUNTRY_BY_NUMBER = index(COUNTRIES, (c) => (c.numeric === "" ? [] : [String(Number(c.numeric))]));
const COUNTRY_BY_NAME = index(COUNTRIES, (c) => c.names.map(normaliseName));
const STATE_BY_CODE = index(US_STATES, (s) => [s.postal.toLowerCase()]);
const STATE_BY_NAME = index(US_STATES, (s) => s.names.map(normaliseName));

/** A country named by `text`, or undefined. Codes are matched before names: "IN" is India. */
export function country(text: string): Region | undefined {
  const trimmed = text.trim();
  if (/^\d{1,3}$/.test(trimmed)) {
    const found = COUNTRY_BY_NUMBER.get(String(Number(trimmed)));
    return found && countryRegion(found);
  }
  const found =
    (/^[a-z]{2,3}$/i.test(trimmed) ? COUNTRY_BY_CODE.get(trimmed.toLowerCase()) : undefined) ??
    COUNTRY_BY_NAME.get(normaliseName(trimmed));
  return found && countryRegion(found);
}

/** A US state (or DC) named by `text`, or undefined. */
export function usState(text: string): Region | undefined {
  const trimmed = text.trim();
  const found =
    (/^[a-z]{2}$/i.test(trimmed) ? STATE_BY_CODE.get(trimmed.toLowerCase()) : undefined) ??
    STATE_BY_NAME.get(normaliseName(trimmed));
  return found && stateRegion(found);
}

/** The region `text` names on the `kind` map. */
export function regionOf(text: string, kind: MapKind): Region | undefined {
  return kind === "world" ? country(text) : usState(text);
}

/** A world-atlas shape's region: by its ISO numeric id, else by name (Kosovo has no id). */
export function countryOfShape(id: string | number | undefined, name: string): Region | undefined {
  return id === undefined || id === "" ? country(name) : country(String(id));
}

export interface ColumnFit {
  readonly kind: MapKind;
  /** Non-blank cells that name a region on that map. */
  readonly matched: number;
  readonly filled: number;
}

/**
 * Which map a column's cells belong on: the one more of them name a region of. Two-letter codes are
 * often both ("CA" is Canada and California, "DE" Germany and Delaware), so a tie goes by the header
 * ("State" for the US map), else to the world map.
 */
export function fitColumn(header: string, cells: readonly string[]): ColumnFit {
  let countries = 0;
  let states = 0;
  let filled = 0;
  for (const cell of cells) {
    if (cell.trim() === "") continue;
    filled++;
    if (country(cell) !== undefined) countries++;
    if (usState(cell) !== undefined) states++;
  }
  const stateHeader = /\b(state|us state|province)s?\b/i.test(header);
  const kind: MapKind = states > countries || (states === countries && stateHeader) ? "us" : "world";
  return { kind, matched: kind === "us" ? states : countries, filled };
}
