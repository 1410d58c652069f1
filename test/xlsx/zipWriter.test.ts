import JSZip from "jszip";
import { crc32, ZipWriter } from "../../src/xlsx/zipWriter";
import { readDirectory, readTextPart } from "../../src/xlsx/zip";

/** `texts` a few at a time, waiting for the event loop between them, as the split does. */
async function* slowly(texts: readonly string[]): AsyncGenerator<string> {
  for (let i = 0; i < texts.length; i += 500) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    yield texts.slice(i, i + 500).join("");
  }
}

describe("writing a ZIP archive part by part", () => {
  test("CRC-32 is the standard one, also when continued chunk by chunk", () => {
    const bytes = new TextEncoder().encode("123456789");
    expect(crc32(bytes)).toBe(0xcbf43926);
    expect(crc32(bytes.subarray(4), crc32(bytes.subarray(0, 4)))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  test("JSZip (checking every CRC) and the add-in's own reader read back each part as written", async () => {
    const big = Array.from({ length: 3000 }, (_, i) => `<row r="${i + 1}"><c><v>${i}</v></c></row>`);
    const zip = new ZipWriter();
    await zip.addPart("[Content_Types].xml", ["<Types/>"]);
    await zip.addPart("xl/worksheets/sheet1.xml", slowly(["<sheetData>", ...big, "</sheetData>"]));
    await zip.addPart("xl/sharedStrings.xml", ["<t>Zoë · 東京 · 🎯 & more</t>"]);
    await zip.addPart("empty.xml", []);
    const data = zip.finish();

    const read = await JSZip.loadAsync(data, { checkCRC32: true });
    expect(Object.keys(read.files)).toEqual([
      "[Content_Types].xml",
      "xl/worksheets/sheet1.xml",
      "xl/sharedStrings.xml",
      "empty.xml",
    ]);
    expect(await read.file("xl/worksheets/sheet1.xml")?.async("string")).toBe(`<sheetData>${big.join("")}</sheetData>`);
    expect(await read.file("empty.xml")?.async("string")).toBe("");

    const directory = readDirectory(data);
    expect(directory).not.toBeNull();
    const strings = await readTextPart(data, directory!, "xl/sharedStrings.xml", 1000);
    expect(strings).toEqual({ ok: true, text: "<t>Zoë · 東京 · 🎯 & more</t>" });
    // Deflated: the repetitive sheet takes a fraction of its text's size.
    const sheet = directory!.get("xl/worksheets/sheet1.xml")!;
    expect(sheet.method).toBe(8);
    expect(sheet.compressedSize).toBeLessThan(big.join("").length / 4);
  });

  test("a part whose text fails leaves the archive without it and says why", async () => {
    async function* failing(): AsyncGenerator<string> {
      yield "<a>";
      throw new Error("the plan changed");
    }
    const zip = new ZipWriter();
    await expect(zip.addPart("broken.xml", failing())).rejects.toThrow("the plan changed");
    await zip.addPart("ok.xml", ["<ok/>"]);
    const read = await JSZip.loadAsync(zip.finish(), { checkCRC32: true });
    expect(Object.keys(read.files)).toEqual(["ok.xml"]);
  });
});
