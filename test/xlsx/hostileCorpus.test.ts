import type ExcelJS from "exceljs";
import type { Plan } from "../../src/core/plan/types";
import { previewCollect } from "../../src/core/sharing/collect";
import { READ_LIMITS } from "../../src/core/sharing/limits";
import type { MadeFile } from "../../src/core/sharing/madeFiles";
import { MemoryPlanWorkbook } from "../../src/workbook/memory/MemoryPlanWorkbook";
import { readReturnedFile } from "../../src/xlsx/returnedFile";
import { splitPlan } from "../../src/xlsx/splitFiles";
import { makePlan } from "../core/sharing/fixture";
import { CORPUS, editModel, type CorpusBase } from "./hostileCorpus";

jest.setTimeout(120000);

const OPTIONS = { now: "2027-01-09T15:00:00.000Z", collectedBy: "Cara", locale: "en-US" };

/** The fixture plan in a manager's in-memory workbook, with its entries and records. */
async function managersWorkbook(): Promise<MemoryPlanWorkbook> {
  const plan = makePlan();
  const workbook = new MemoryPlanWorkbook();
  await workbook.writePlan({ settings: plan.settings, nodes: plan.nodes });
  await workbook.saveEntries(
    [...plan.entries.values()]
      .filter((entry) => entry.status !== "Not started")
      .map((next) => ({ expected: null, next })),
    [],
  );
  return workbook;
}

describe("the hostile returned-file corpus", () => {
  let plan: Plan;
  let made: ReadonlyMap<string, MadeFile>;
  let base: CorpusBase;

  beforeAll(async () => {
    const workbook = await managersWorkbook();
    plan = (await workbook.readPlan()) as Plan;
    const [ann] = await splitPlan(plan, ["Ann"], { now: "2027-01-05T08:00:00.000Z", madeBy: "Cara" });
    await workbook.recordMadeFiles([ann.record]);
    // Last year's plan made Ann a file too; this plan's workbook has no record of it.
    const [lastYear] = await splitPlan(plan, ["Ann"], { now: "2026-01-05T08:00:00.000Z" });
    made = await workbook.readMadeFiles();
    base = { ann: ann.data, otherPlan: lastYear.data };
  });

  test("the plan's record round-trips through GU Files", () => {
    expect([...made.values()].map((file) => [file.owner, file.madeBy, file.rows.length])).toEqual([["Ann", "Cara", 4]]);
  });

  test.each(CORPUS.map((item) => [item.name, item] as const))("%s", async (_name, item) => {
    const data = await item.make(base);
    const read = await readReturnedFile(data, { ...READ_LIMITS, ...item.limits });
    if (read.ok) {
      expect(read.workbook.visited.rows).toBeLessThanOrEqual(item.budget.rows);
      expect(read.workbook.visited.cells).toBeLessThanOrEqual(item.budget.cells);
    }
    const preview = previewCollect(plan, [{ fileName: "Ann.xlsx", read }], made, OPTIONS);
    const [file] = preview.files;
    const { verdict } = item;
    if ("refused" in verdict) {
      expect(file.error).toMatch(verdict.refused);
      expect(file.unmatched).toBe(verdict.unmatched ?? false);
      expect(preview.entries).toEqual([]);
      return;
    }
    expect(file.error).toBeNull();
    expect(file.owner).toBe(verdict.owner);
    expect(file.changes.map((change) => [change.id, change.field, change.accepted])).toEqual(verdict.changes);
    expect(preview.entries.map(({ next }) => [next.id, next.status])).toEqual(verdict.writes);
    for (const { next } of preview.entries) expect(next.updatedBy).toBe(verdict.owner);
    if (verdict.note !== undefined) expect(file.notes.join("\n")).toMatch(verdict.note);
    if (verdict.reason !== undefined)
      expect(file.changes.map((change) => change.reason ?? "").join("\n")).toMatch(verdict.reason);
  });

  test("one bad file does not empty the preview of the good ones read with it", async () => {
    const broken = await readReturnedFile(new Uint8Array([0x50, 0x4b, 1, 2, 3]));
    const good = await readReturnedFile(await CORPUS[1].make(base));
    const preview = previewCollect(
      plan,
      [
        { fileName: "broken.xlsx", read: broken },
        { fileName: "Ann.xlsx", read: good },
      ],
      made,
      OPTIONS,
    );
    expect(preview.files.map((file) => file.error === null)).toEqual([false, true]);
    expect(preview.entries.map(({ next }) => next.id)).toEqual(["UK"]);
  });

  test("a stale file never reverts a newer plan value; an edit of a cell the plan changed since is refused", async () => {
    // Ann's file was made with UK [100, 110]; since then someone saved UK [105, 110] in the plan.
    const uk = plan.entries.get("UK");
    if (uk === undefined) throw new Error("no UK");
    const newer: Plan = { ...plan, entries: new Map(plan.entries).set("UK", { ...uk, values: [105, 110] }) };
    const untouched = await readReturnedFile(base.ann);
    expect(previewCollect(newer, [{ fileName: "Ann.xlsx", read: untouched }], made, OPTIONS).entries).toEqual([]);

    const edited = await readReturnedFile(
      await editModel(base.ann, (book) => {
        (book.getWorksheet("Targets") as ExcelJS.Worksheet).getCell("E6").value = 120;
      }),
    );
    const preview = previewCollect(newer, [{ fileName: "Ann.xlsx", read: edited }], made, OPTIONS);
    expect(preview.entries).toEqual([]);
    expect(preview.files[0].changes.map((change) => [change.field, change.reason])).toEqual([
      ["Q1 2027", "Changed in the plan since this file was made (it is now 105); collect a newer file"],
    ]);
  });

  test("a file without a record, compared anyway as Ann's, warns on every accepted change", async () => {
    const read = await readReturnedFile(await CORPUS[2].make(base));
    const preview = previewCollect(plan, [{ fileName: "Ann.xlsx", read }], made, {
      ...OPTIONS,
      insist: new Map([["Ann.xlsx", "Ann"]]),
    });
    const [file] = preview.files;
    expect(file.error).toBeNull();
    expect(file.notes[0]).toMatch(/Compared anyway as Ann's/);
    expect(file.changes.length).toBeGreaterThan(0);
    for (const change of file.changes.filter((c) => c.accepted))
      expect(change.warning).toMatch(/may undo a newer change/);
  });

  test("a row outside the plan's guardrails is kept as a draft with a note, as the pane refuses its submission (issue 12)", async () => {
    const guarded: Plan = {
      ...plan,
      settings: {
        ...plan.settings,
        guardrails: {
          minValue: 0,
          maxValue: 1000,
          minGrowth: null,
          maxGrowth: null,
          whenBroken: "block",
          levels: null,
        },
      },
    };
    const edited = await readReturnedFile(
      await editModel(base.ann, (book) => {
        (book.getWorksheet("Targets") as ExcelJS.Worksheet).getCell("E6").value = 5000;
      }),
    );
    const preview = previewCollect(guarded, [{ fileName: "Ann.xlsx", read: edited }], made, OPTIONS);
    expect(preview.entries.map(({ next }) => [next.id, next.status, next.values])).toEqual([
      ["UK", "Draft", [5000, 110]],
    ]);
    expect(preview.files[0].notes.join("\n")).toMatch(
      /United Kingdom: saved as a draft, not submitted: Q1 2027: 5,000 is above the plan's maximum of 1,000 per period \(maxValue in GU Settings\)/,
    );
  });
});
