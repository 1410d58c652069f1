/**
 * The corpus of hostile returned workbooks, generated (never stored as binaries): each case starts
 * from a real contributor workbook Ann was given and changes it the way an attacker, a careless
 * user or another program would: through a spreadsheet model (exceljs) or straight in the XML.
 * `hostileCorpus.test.ts` runs every case through the reader and collect.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";

/** Ann's file as made; rows on Targets: 5 header, 6 UK, 7 FR, 8 APAC, 9 JP; E Q1, F Q2, G Comment. */
export interface CorpusBase {
  readonly ann: Uint8Array;
  /** Ann's file from another plan's workbook (last year's): the plan has no record of it. */
  readonly otherPlan: Uint8Array;
}

export const TARGETS_PART = "xl/worksheets/sheet1.xml";

export async function editModel(data: Uint8Array, edit: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data.slice().buffer);
  edit(workbook);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

export async function editXml(
  data: Uint8Array,
  edits: Record<string, (xml: string) => string>,
  add: Record<string, string> = {},
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(data);
  for (const [part, edit] of Object.entries(edits)) {
    const file = zip.file(part);
    if (file === null) throw new Error(`No part ${part}`);
    zip.file(part, edit(await file.async("string")));
  }
  for (const [part, text] of Object.entries(add)) zip.file(part, text);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** Replaces the `<c>` element at `ref` (which the file as made has) with `cell`. */
export function setCell(ref: string, cell: string): (xml: string) => string {
  return (xml) => {
    const pattern = new RegExp(`<c r="${ref}"[^>]*?(/>|>[\\s\\S]*?</c>)`);
    if (!pattern.test(xml)) throw new Error(`No cell ${ref}`);
    return xml.replace(pattern, cell);
  };
}

function targets(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  return workbook.getWorksheet("Targets") as ExcelJS.Worksheet;
}

/** What a case must come to: a refused file (its message matching), or the preview's changes. */
export type Verdict =
  | { readonly refused: RegExp; readonly unmatched?: boolean }
  | {
      readonly owner: string;
      /** [id, field, accepted?] of every change listed, in order. */
      readonly changes: readonly (readonly [string, string, boolean])[];
      /** Ids written when applied, and the status each gets. */
      readonly writes: readonly (readonly [string, string])[];
      /** A note the preview must carry. */
      readonly note?: RegExp;
      /** A reason some change must give. */
      readonly reason?: RegExp;
    };

export interface CorpusCase {
  readonly name: string;
  readonly make: (base: CorpusBase) => Promise<Uint8Array>;
  readonly verdict: Verdict;
  /** Most row and cell elements the reader may visit for it (the file as made visits about 30 of each). */
  readonly budget: { readonly rows: number; readonly cells: number };
  /** Tighter caps than the product's, to show each cap refuses without reading on. */
  readonly limits?: Partial<import("../../src/core/sharing/limits").ReadLimits>;
}

const SMALL = { rows: 40, cells: 120 };

export const CORPUS: readonly CorpusCase[] = [
  {
    name: "forged marker owner: the marker says Bob, Bob's EMEA row added; collected as Ann's, EMEA refused",
    make: ({ ann }) =>
      editModel(ann, (book) => {
        (book.getWorksheet("Groundup") as ExcelJS.Worksheet).getCell("B3").value = "Bob";
        targets(book).getCell("E6").value = 120;
        targets(book).getRow(10).values = ["EMEA", "EMEA", "Bob", "Draft", 900, 900];
      }),
    verdict: {
      owner: "Ann",
      changes: [
        ["EMEA", "Q1 2027", false],
        ["EMEA", "Q2 2027", false],
        ["UK", "Q1 2027", true],
        ["UK", "status", true],
      ],
      writes: [["UK", "Submitted"]],
      reason: /was not in this workbook when it was made/,
      note: /Matched the workbook made for Ann/,
    },
    budget: SMALL,
  },
  {
    name: "added row with another node's id (Dirk's DE) is refused, the rest collected",
    make: ({ ann }) =>
      editModel(ann, (book) => {
        targets(book).getCell("F6").value = 130;
        targets(book).getRow(10).values = ["DE", "Germany", "Ann", "Draft", 1, 2];
      }),
    verdict: {
      owner: "Ann",
      changes: [
        ["UK", "Q2 2027", true],
        ["UK", "status", true],
        ["DE", "Q1 2027", false],
        ["DE", "Q2 2027", false],
      ],
      writes: [["UK", "Submitted"]],
    },
    budget: SMALL,
  },
  {
    name: "removed marker: no record matches, refused (the manager may compare it anyway)",
    make: ({ ann }) =>
      editModel(ann, (book) => {
        book.removeWorksheet((book.getWorksheet("Groundup") as ExcelJS.Worksheet).id);
        targets(book).getCell("E6").value = 1;
      }),
    verdict: { refused: /doesn't match any workbook this plan made/, unmatched: true },
    budget: SMALL,
  },
  {
    name: "edited file id in the marker: refused as unknown",
    make: ({ ann }) =>
      editModel(ann, (book) => {
        (book.getWorksheet("Groundup") as ExcelJS.Worksheet).getCell("B5").value = "0".repeat(32);
      }),
    verdict: { refused: /doesn't match any workbook this plan made/, unmatched: true },
    budget: SMALL,
  },
  {
    name: "edited base: values typed into the marker are ignored; the record's base decides",
    make: ({ ann }) =>
      editModel(ann, (book) => {
        const marker = book.getWorksheet("Groundup") as ExcelJS.Worksheet;
        marker.getRow(7).values = ["Id", "Q1 2027", "Q2 2027"];
        marker.getRow(8).values = ["UK", 5, 5];
        targets(book).getCell("E6").value = 100;
      }),
    verdict: { owner: "Ann", changes: [], writes: [] },
    budget: SMALL,
  },
  {
    name: "blanked plan name: still matched by its file id, never by the name",
    make: ({ ann }) =>
      editModel(ann, (book) => {
        (book.getWorksheet("Groundup") as ExcelJS.Worksheet).getCell("B2").value = "";
        targets(book).getCell("G8").value = "New market";
        targets(book).getCell("E8").value = 300;
        targets(book).getCell("F8").value = 310;
      }),
    verdict: {
      owner: "Ann",
      changes: [
        ["APAC", "Q1 2027", true],
        ["APAC", "Q2 2027", true],
        ["APAC", "comment", true],
        ["APAC", "status", true],
      ],
      writes: [["APAC", "Submitted"]],
    },
    budget: SMALL,
  },
  {
    name: "last year's file (made by another plan's workbook) is refused",
    make: ({ otherPlan }) => Promise.resolve(otherPlan),
    verdict: { refused: /doesn't match any workbook this plan made/, unmatched: true },
    budget: SMALL,
  },
  {
    name: "an empty row element at row 1,048,576 costs one step",
    make: ({ ann }) =>
      editXml(ann, {
        [TARGETS_PART]: (xml) => xml.replace("</sheetData>", '<row r="1048576" spans="1:7"/></sheetData>'),
      }),
    verdict: { owner: "Ann", changes: [], writes: [] },
    budget: { rows: SMALL.rows + 1, cells: SMALL.cells },
  },
  {
    name: "a huge hidden record sheet is never unpacked",
    make: ({ ann }) =>
      editXml(
        ann,
        {
          "xl/workbook.xml": (xml) =>
            xml.replace(
              "</sheets>",
              '<sheet name="Groundup cells" sheetId="99" state="veryHidden" r:id="rIdHuge"/></sheets>',
            ),
          "xl/_rels/workbook.xml.rels": (xml) =>
            xml.replace(
              "</Relationships>",
              '<Relationship Id="rIdHuge" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/huge.xml"/></Relationships>',
            ),
        },
        {
          "xl/worksheets/huge.xml":
            '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
            Array.from(
              { length: 60000 },
              (_, r) => `<row r="${r + 1}"><c r="A${r + 1}" t="inlineStr"><is><t>[1,2,3]</t></is></c></row>`,
            ).join("") +
            "</sheetData></worksheet>",
        },
      ),
    verdict: { owner: "Ann", changes: [], writes: [] },
    budget: SMALL,
  },
  {
    name: 'partly rejected row: Q1 "1,500" refused, so Q2 1600 is not collected either',
    make: ({ ann }) =>
      editModel(ann, (book) => {
        targets(book).getCell("E6").value = "1,500";
        targets(book).getCell("F6").value = 1600;
      }),
    verdict: {
      owner: "Ann",
      changes: [
        ["UK", "Q1 2027", false],
        ["UK", "Q2 2027", false],
      ],
      writes: [],
      reason: /a row is collected whole or not at all/,
    },
    budget: SMALL,
  },
  {
    name: "comment-only edit: saved as a draft with a note, never submitted",
    make: ({ ann }) =>
      editModel(ann, (book) => {
        targets(book).getCell("G8").value = "Waiting for the distributor";
      }),
    verdict: {
      owner: "Ann",
      changes: [
        ["APAC", "comment", true],
        ["APAC", "status", true],
      ],
      writes: [["APAC", "Draft"]],
      note: /only the comment changed, so it is saved as a draft/,
    },
    budget: SMALL,
  },
  {
    name: "array formula cells (a spill or Ctrl+Shift+Enter) are refused as formula results",
    make: ({ ann }) =>
      editXml(ann, {
        [TARGETS_PART]: (xml) =>
          setCell(
            "F8",
            '<c r="F8"><v>20</v></c>',
          )(setCell("E8", '<c r="E8"><f t="array" ref="E8:F8">{10,20}</f><v>10</v></c>')(xml)),
      }),
    verdict: {
      owner: "Ann",
      changes: [
        ["APAC", "Q1 2027", false],
        ["APAC", "Q2 2027", false],
      ],
      writes: [],
      reason: /part of an array formula/,
    },
    budget: SMALL,
  },
  {
    name: "a shared formula's cells are refused as formulas too",
    make: ({ ann }) =>
      editXml(ann, {
        [TARGETS_PART]: (xml) =>
          setCell(
            "F8",
            '<c r="F8"><f t="shared" si="0"/><v>20</v></c>',
          )(setCell("E8", '<c r="E8"><f t="shared" ref="E8:F8" si="0">E6*2</f><v>10</v></c>')(xml)),
      }),
    verdict: {
      owner: "Ann",
      changes: [
        ["APAC", "Q1 2027", false],
        ["APAC", "Q2 2027", false],
      ],
      writes: [],
      reason: /A formula \(=E6\*2\) can't be collected/,
    },
    budget: SMALL,
  },
  {
    name: "a duplicate period column is refused with a message",
    make: ({ ann }) =>
      editModel(ann, (book) => {
        targets(book).getCell("H5").value = "Q1 2027";
        targets(book).getCell("H6").value = 999;
      }),
    verdict: { refused: /The column "Q1 2027" appears twice \(columns E and H\)/ },
    budget: SMALL,
  },
  {
    name: "crafted numbers 1e400, NaN, 0x10, 120abc are refused, never read as blank or a number",
    make: ({ ann }) =>
      editXml(ann, {
        [TARGETS_PART]: (xml) =>
          [
            setCell("E6", '<c r="E6"><v>1e400</v></c>'),
            setCell("F6", '<c r="F6"><v>NaN</v></c>'),
            setCell("E8", '<c r="E8"><v>0x10</v></c>'),
            setCell("F8", '<c r="F8"><v>120abc</v></c>'),
          ].reduce((text, edit) => edit(text), xml),
      }),
    verdict: {
      owner: "Ann",
      changes: [
        ["UK", "Q1 2027", false],
        ["UK", "Q2 2027", false],
        ["APAC", "Q1 2027", false],
        ["APAC", "Q2 2027", false],
      ],
      writes: [],
      reason: /"0x10" is not a finite decimal number/,
    },
    budget: SMALL,
  },
  {
    name: "a date-formatted cell is a date, not a year's number",
    make: ({ ann }) =>
      editModel(ann, (book) => {
        const cell = targets(book).getCell("E8");
        cell.value = 46000;
        // exceljs shares style objects between cells: give this one its own, as Excel would.
        // eslint-disable-next-line office-addins/call-sync-before-read -- an exceljs cell, not an Office.js proxy
        cell.style = { ...cell.style, numFmt: "dd/mm/yyyy" };
      }),
    verdict: {
      owner: "Ann",
      changes: [["APAC", "Q1 2027", false]],
      writes: [],
      reason: /A date is not a target/,
    },
    budget: SMALL,
  },
  {
    name: "rows stored out of order (never written by Excel) refuse the file",
    make: ({ ann }) =>
      editXml(ann, {
        [TARGETS_PART]: (xml) => xml.replace("</sheetData>", '<row r="2"><c r="A2"><v>1</v></c></row></sheetData>'),
      }),
    verdict: { refused: /stored out of order or twice/ },
    budget: SMALL,
  },
  {
    name: "more rows than the cap: refused at the cap, without reading on",
    make: ({ ann }) =>
      editXml(ann, {
        [TARGETS_PART]: (xml) =>
          xml.replace(
            "</sheetData>",
            Array.from({ length: 5000 }, (_, r) => `<row r="${r + 20}"><c r="E${r + 20}"><v>1</v></c></row>`).join("") +
              "</sheetData>",
          ),
      }),
    verdict: { refused: /more than 1,000 rows/ },
    budget: SMALL,
    limits: { rows: 1000 },
  },
  {
    name: "a part that unpacks beyond its cap (a zip bomb) is refused without unpacking the rest",
    make: ({ ann }) =>
      editXml(ann, {
        [TARGETS_PART]: (xml) => xml.replace("<sheetData>", `<sheetData>${" ".repeat(3_000_000)}`),
      }),
    verdict: { refused: /unpacks to more than 1 MB/ },
    budget: SMALL,
    limits: { partBytes: 1_000_000 },
  },
  {
    name: "not a workbook at all",
    make: () => Promise.resolve(new TextEncoder().encode("PK this is not a zip")),
    verdict: { refused: /This is not an Excel workbook/ },
    budget: SMALL,
  },
];
