/**
 * Excel round trips per operation at 1,000, 10,000 and 100,000 nodes x 12 periods: syncs, and the
 * bytes each sync sends (request) and brings back (response), as UTF-8 JSON, through the recording
 * double (test/excel/support/RecordingExcel.ts), which fails any sync over Excel on the web's 5 MB.
 * Sizes, not times: what travels is what the host's limits and the network see. Run by `npm run bench`.
 */
import { ExcelPlanWorkbook } from "../src/excel/ExcelPlanWorkbook";
import { TABLES } from "../src/core/plan/layout";
import type { NodeEntry } from "../src/core/plan/types";
import { PAYLOAD_LIMIT_BYTES, RecordingExcel } from "../test/excel/support/RecordingExcel";
import { BENCH_SETTINGS, PERIODS, benchNodes } from "./benchPlan";

const SETTINGS = BENCH_SETTINGS;
const SAVE_READ_TARGET = 20_000;

interface Figure {
  readonly syncs: number;
  readonly sent: number;
  readonly received: number;
  readonly largest: number;
}

async function measure(excel: RecordingExcel, step: () => Promise<unknown>): Promise<Figure> {
  excel.reset();
  await step();
  const sum = (list: readonly number[]): number => list.reduce((a, b) => a + b, 0);
  return {
    syncs: excel.syncs,
    sent: sum(excel.payloads),
    received: sum(excel.responses),
    largest: Math.max(0, ...excel.payloads, ...excel.responses),
  };
}

const kb = (bytes: number): string => (bytes < 10_000 ? `${bytes} B` : `${(bytes / 1000).toFixed(0)} KB`);

function row(size: number, operation: string, figure: Figure, target: string, ratio: string): void {
  console.log(
    [
      String(size).padStart(7),
      operation.padEnd(34),
      String(figure.syncs).padStart(5),
      kb(figure.sent).padStart(10),
      kb(figure.received).padStart(10),
      kb(figure.largest).padStart(10),
      target.padEnd(24),
      ratio,
    ].join("  "),
  );
}

async function main(): Promise<void> {
  console.log("Excel round trips per operation (recording double; bytes = UTF-8 JSON; limit per sync 5 MB on the web)");
  console.log(
    [
      "  nodes",
      "operation".padEnd(34),
      "syncs",
      "sent".padStart(10),
      "received".padStart(10),
      "max/sync".padStart(10),
      "target".padEnd(24),
      "ratio",
    ].join("  "),
  );
  for (const size of [1_000, 10_000, 100_000]) {
    const excel = new RecordingExcel();
    const workbook = new ExcelPlanWorkbook(excel.run);
    const setup = { settings: SETTINGS, nodes: benchNodes(size) };
    const limitRatio = (figure: Figure): string => `${(figure.largest / PAYLOAD_LIMIT_BYTES).toFixed(2)} of 5 MB`;

    const first = await measure(excel, () => workbook.writePlan(setup));
    row(size, "set up (new workbook)", first, "each sync < 5 MB", limitRatio(first));

    let read: NodeEntry | undefined;
    const reading = await measure(excel, async () => {
      read = (await workbook.readPlan())?.entries.get(`n${size - 1}`);
    });
    row(size, "read the plan", reading, "each sync < 5 MB", limitRatio(reading));

    const entry = read as NodeEntry;
    const next = { ...entry, values: PERIODS.map(() => 1), status: "Draft" as const, updatedAt: "t1", updatedBy: "b" };
    const audit = [{ time: "t1", user: "b", node: entry.id, field: "P1", oldValue: "", newValue: "1", note: "" }];
    const save = await measure(excel, () => workbook.saveEntries([{ expected: entry, next }], audit));
    row(
      size,
      "save one entry (rows hinted)",
      save,
      `≤ 20 KB read, 2 syncs`,
      `${(save.received / SAVE_READ_TARGET).toFixed(3)} of 20 KB`,
    );

    excel.sortTable(TABLES.inputs, 0, true);
    const again = { ...next, values: PERIODS.map(() => 2), updatedAt: "t2" };
    const sorted = await measure(excel, () => workbook.saveEntries([{ expected: next, next: again }], []));
    row(size, "save after the user sorted Inputs", sorted, "search only on a miss", limitRatio(sorted));

    const resetup = await measure(excel, () => workbook.writePlan(setup));
    row(size, "set up again (snapshot first)", resetup, "each sync < 5 MB", limitRatio(resetup));
  }
}

void main();
