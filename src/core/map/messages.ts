/** Messages of the map view: name the node, then say how to fix its geography cell. */
import type { MapKind } from "./regions";

/** Characters of a cell shown in a message. */
const SHOWN = 60;

function shown(text: string): string {
  return text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text;
}

function nodeLabel(id: string, name: string): string {
  return name === "" || name === id ? `Node ${shown(id)}` : `Node ${shown(id)} (${shown(name)})`;
}

export const mapMessages = {
  unknownPlace: (id: string, name: string, cell: string, column: string): string =>
    `${nodeLabel(id, name)}: "${shown(cell)}" in column ${column} is not a country or US state; ` +
    `write a country's name or ISO code (France, FR, FRA) or a US state's name or postal code (Texas, TX)`,
  otherMap: (id: string, name: string, cell: string, column: string, kind: MapKind): string =>
    kind === "us"
      ? `${nodeLabel(id, name)}: "${shown(cell)}" in column ${column} is a country, but the column holds US states; ` +
        `write a US state's name or postal code, or keep countries in a column of their own`
      : `${nodeLabel(id, name)}: "${shown(cell)}" in column ${column} is a US state, but the column holds countries; ` +
        `write a country's name or ISO code, or keep states in a column of their own`,
  /** The caption under the map's "Show accounts" switch; `count` writes a number in the user's locale. */
  accountDots: (
    dots: { readonly drawn: number; readonly onMap: number; readonly offMap: number; readonly cap: number },
    shown: boolean,
    count: (n: number) => string,
  ): string => {
    const { drawn, onMap, offMap, cap } = dots;
    const first = !shown
      ? `${count(onMap)} account${onMap === 1 ? "" : "s"} with coordinates, hidden.`
      : drawn < onMap
        ? `${count(drawn)} of ${count(onMap)} accounts drawn, an even sample (at most ${count(cap)}), sized by workload.`
        : `${count(onMap)} account${onMap === 1 ? "" : "s"} drawn at their coordinates, sized by workload.`;
    return offMap > 0 ? `${first} ${count(offMap)} off this map.` : first;
  },
} as const;
