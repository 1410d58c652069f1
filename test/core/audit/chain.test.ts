import { createHash } from "node:crypto";
import {
  chainHash,
  chainHashes,
  verifyAuditChain,
  verifyAuditChainInTasks,
  type ChainedAuditRow,
} from "../../../src/core/audit/chain";
import { sha256Hex } from "../../../src/core/audit/sha256";
import type { AuditEntry } from "../../../src/core/plan/types";

function entry(i: number, note = ""): AuditEntry {
  return {
    time: `2027-01-05T09:00:0${i % 10}.000Z`,
    user: "ann",
    node: "UK",
    field: "Q1 2027",
    oldValue: String(i),
    newValue: String(i + 1),
    note,
    identity: "chosen",
  };
}

/** A log as stored: `unchained` old rows without hashes, then `count` chained rows, from sheet row 2. */
function log(count: number, unchained = 0): ChainedAuditRow[] {
  const old = Array.from({ length: unchained }, (_, i) => ({ entry: entry(100 + i), hash: "" }));
  const entries = Array.from({ length: count }, (_, i) => entry(i));
  const hashes = chainHashes("", entries);
  return [...old, ...entries.map((e, i) => ({ entry: e, hash: hashes[i] }))].map((row, i) => ({
    ...row,
    sheetRow: i + 2,
  }));
}

describe("sha256Hex", () => {
  it.each([
    "",
    "abc",
    "a".repeat(55),
    "b".repeat(56),
    "c".repeat(64),
    "Ünïcödé € 漢字 🙂",
    "lone \ud800 surrogate",
    "x".repeat(1000),
  ])("matches node's crypto for %j", (text) => {
    expect(sha256Hex(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
  });

  it("hashes a long message, then shorter ones, as if each were the first", () => {
    const texts = ["é".repeat(3000), "short", "", "d".repeat(119), "short"];
    expect(texts.map(sha256Hex)).toEqual(texts.map((text) => createHash("sha256").update(text, "utf8").digest("hex")));
  });

  it("gives the FIPS 180-2 test vector for abc", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("the audit chain", () => {
  it("hashes each row with the one above, so the same row elsewhere in the log hashes differently", () => {
    const [first, second] = chainHashes("", [entry(1), entry(1)]);
    expect(first).toBe(chainHash("", entry(1)));
    expect(second).toBe(chainHash(first, entry(1)));
    expect(second).not.toBe(first);
  });

  it("keeps fields apart: moving text from one field to the next changes the hash", () => {
    const a = { ...entry(1), note: "x", newValue: "1" };
    const b = { ...entry(1), note: "", newValue: "1x" };
    expect(chainHash("", a)).not.toBe(chainHash("", b));
  });

  it("reports an untouched log intact", () => {
    expect(verifyAuditChain(log(5))).toEqual({ status: "intact", unchained: 0, chained: 5, concurrent: [] });
    expect(verifyAuditChain([])).toEqual({ status: "intact", unchained: 0, chained: 0, concurrent: [] });
  });

  it("checks a long log in tasks, with the page's timers run between them, to the same verdict", async () => {
    const rows = log(45_000);
    const edited = rows.map((row, i) => (i === 41_000 ? { ...row, entry: { ...row.entry, newValue: "9" } } : row));
    let timersRun = 0;
    const ticking = setInterval(() => timersRun++, 0);
    try {
      expect(await verifyAuditChainInTasks(rows)).toEqual(verifyAuditChain(rows));
      expect(await verifyAuditChainInTasks(edited)).toEqual({ status: "altered", sheetRow: 41_002 });
    } finally {
      clearInterval(ticking);
    }
    expect(timersRun).toBeGreaterThan(1);
  });

  it("names the sheet row of an edited value", () => {
    const rows = log(5);
    rows[2] = { ...rows[2], entry: { ...rows[2].entry, newValue: "999" } };
    expect(verifyAuditChain(rows)).toEqual({ status: "altered", sheetRow: 4 });
  });

  it("catches an edit whose own hash was recomputed at the next row", () => {
    const rows = log(5);
    const forged = { ...rows[2].entry, user: "mallory" };
    rows[2] = { ...rows[2], entry: forged, hash: chainHash(rows[1].hash, forged) };
    expect(verifyAuditChain(rows)).toEqual({ status: "altered", sheetRow: 5 });
  });

  it("catches a deleted row at the row that followed it", () => {
    const rows = log(5);
    const deleted = [...rows.slice(0, 2), ...rows.slice(3)].map((row, i) => ({ ...row, sheetRow: i + 2 }));
    expect(verifyAuditChain(deleted)).toEqual({ status: "altered", sheetRow: 4 });
  });

  it("catches a wiped hash or a row inserted without one", () => {
    const rows = log(4);
    rows[1] = { ...rows[1], hash: "" };
    expect(verifyAuditChain(rows)).toEqual({ status: "altered", sheetRow: 3 });
  });

  it("does not catch a rewrite of every hash from the edit on (no key: the README says so)", () => {
    const entries = log(4).map((row) => row.entry);
    entries[1] = { ...entries[1], newValue: "999" };
    const hashes = chainHashes("", entries);
    const rewritten = entries.map((e, i) => ({ entry: e, hash: hashes[i], sheetRow: i + 2 }));
    expect(verifyAuditChain(rewritten).status).toBe("intact");
  });

  it("starts the chain at the first hashed row of a log from before the chain, and says how many it skips", () => {
    expect(verifyAuditChain(log(3, 4))).toEqual({ status: "intact", unchained: 4, chained: 3, concurrent: [] });
  });

  it("tells two saves at the same moment (both chained to the row they read) from an alteration", () => {
    const base = log(2);
    const mine = chainHashes(base[1].hash, [entry(7), entry(8)]);
    const theirs = chainHash(base[1].hash, entry(9));
    const rows = [
      ...base,
      { entry: entry(7), hash: mine[0], sheetRow: 4 },
      { entry: entry(8), hash: mine[1], sheetRow: 5 },
      { entry: entry(9), hash: theirs, sheetRow: 6 },
    ];
    expect(verifyAuditChain(rows)).toEqual({ status: "intact", unchained: 0, chained: 5, concurrent: [6] });
  });
});
