import fc from "fast-check";
import { Hierarchy } from "../../../src/core/hierarchy/hierarchy";
import { applyMoves, suggestMoves, type Suggestion } from "../../../src/core/territory/balance";
import { workloadByNode, type Account } from "../../../src/core/territory/workload";

function build(ids: string[], parents: string[]): Hierarchy {
  const built = Hierarchy.build(ids, parents);
  if (!built.ok) throw new Error("bad fixture");
  return built.hierarchy;
}

/** Region > T1..Tn. */
function territories(count: number): Hierarchy {
  const ids = ["Region", ...Array.from({ length: count }, (_, i) => `T${i + 1}`)];
  return build(
    ids,
    ids.map((_, i) => (i === 0 ? "" : "Region")),
  );
}

let nextId = 0;
function acct(hierarchy: Hierarchy, territory: string, workload: number, extra: Partial<Account> = {}): Account {
  nextId++;
  return {
    id: `A${nextId}`,
    row: nextId,
    territory: hierarchy.find(territory) as number,
    potential: workload * 10,
    workload,
    country: "",
    region: "",
    postcode: "",
    latitude: null,
    longitude: null,
    ...extra,
  };
}

function suggest(hierarchy: Hierarchy, accounts: Account[], tolerance = 0.05, parent = "Region"): Suggestion {
  const result = suggestMoves(hierarchy, accounts, parent, { tolerance });
  if (!result.ok) throw new Error(result.message);
  return result.suggestion;
}

describe("suggestMoves", () => {
  it("moves one account that brings the overloaded and the underloaded territory to the average", () => {
    const h = territories(3);
    const accounts = [
      ...[50, 30, 25, 25].map((w) => acct(h, "T1", w)),
      ...[50, 50].map((w) => acct(h, "T2", w)),
      ...[40, 30].map((w) => acct(h, "T3", w)),
    ];
    const suggestion = suggest(h, accounts);
    expect(suggestion.moves).toEqual([{ account: accounts[1].id, from: "T1", to: "T3", workload: 30, potential: 300 }]);
    expect(suggestion.before.map((t) => t.workload)).toEqual([130, 100, 70]);
    expect(suggestion.after.map((t) => t.workload)).toEqual([100, 100, 100]);
    expect(suggestion.worstBefore).toBeCloseTo(0.3, 12);
    expect(suggestion.worstAfter).toBe(0);
    expect(suggestion.withinBand).toBe(true);
  });

  it("swaps two accounts where no single account fits the gap", () => {
    const h = territories(2);
    const accounts = [
      ...[30, 30, 30, 25].map((w) => acct(h, "T1", w)),
      ...[20, 20, 20, 25].map((w) => acct(h, "T2", w)),
    ];
    const suggestion = suggest(h, accounts);
    expect(suggestion.moves.map((m) => [m.from, m.to, m.workload])).toEqual([
      ["T1", "T2", 30],
      ["T2", "T1", 20],
    ]);
    expect(suggestion.after.map((t) => t.workload)).toEqual([105, 95]);
    expect(suggestion.withinBand).toBe(true);
  });

  it("does not give away small accounts of a territory that one large account keeps out of the band", () => {
    const h = territories(3);
    const small = Array.from({ length: 10 }, () => acct(h, "T1", 1));
    const suggestion = suggest(h, [acct(h, "T1", 100), ...small, acct(h, "T2", 45), acct(h, "T3", 45)]);
    expect(suggestion.moves).toEqual([]);
    expect(suggestion.withinBand).toBe(false);
  });

  it("with minimise potential, moves the account with the least potential among those that fit", () => {
    const h = territories(2);
    const accounts = [
      acct(h, "T1", 20, { potential: 900 }),
      acct(h, "T1", 20, { potential: 100 }),
      acct(h, "T1", 80),
      acct(h, "T2", 80),
    ];
    const result = suggestMoves(h, accounts, "Region", { tolerance: 0.05, minimise: "potential" });
    if (!result.ok) throw new Error(result.message);
    expect(result.suggestion.moves.map((m) => m.potential)).toEqual([100]);
    const fewest = suggest(h, accounts);
    expect(fewest.moves).toHaveLength(1);
  });

  describe("prefers neighbouring territories when geography is present", () => {
    // T1 is 20 % over; T3 is the most underloaded, but T2 is T1's neighbour.
    function accounts(h: Hierarchy, where: (territory: string) => Partial<Account>): Account[] {
      return [
        ...[12, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 8].map((w) => acct(h, "T1", w, where("T1"))),
        ...[46, 46].map((w) => acct(h, "T2", w, where("T2"))),
        ...[44, 44].map((w) => acct(h, "T3", w, where("T3"))),
        ...[50, 50].map((w) => acct(h, "T4", w, where("T4"))),
      ];
    }

    it("without it, the most underloaded territory takes the first move", () => {
      const h = territories(4);
      expect(
        suggest(
          h,
          accounts(h, () => ({})),
        ).moves[0].to,
      ).toBe("T3");
    });

    it("by country and region", () => {
      const h = territories(4);
      const region = (t: string): Partial<Account> => ({
        country: "US",
        region: t === "T1" || t === "T2" ? "CA" : "NY",
      });
      const suggestion = suggest(h, accounts(h, region));
      expect(suggestion.moves[0].to).toBe("T2");
      expect(suggestion.withinBand).toBe(true);
    });

    it("by the nearest centroid of the accounts' coordinates", () => {
      // T1 to T4 around Munich, T5 to T8 in the US: each one's three nearest are on its own side.
      const h = territories(8);
      const place: [number, number][] = [
        [48.1, 11.6],
        [48.8, 9.2],
        [50.1, 8.7],
        [49.5, 11.1],
        [40.7, -74],
        [42.4, -71.1],
        [39.9, -75.2],
        [38.9, -77],
      ];
      const loads = [0, 95, 100, 100, 85, 90, 100, 100];
      const list = (located: boolean): Account[] => {
        const at = (t: number): Partial<Account> => (located ? { latitude: place[t][0], longitude: place[t][1] } : {});
        return [
          ...[12, 8, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10].map((w) => acct(h, "T1", w, at(0))),
          ...loads.slice(1).map((w, i) => acct(h, `T${i + 2}`, w, at(i + 1))),
        ];
      };
      expect(suggest(h, list(false)).moves[0].to).toBe("T5");
      const suggestion = suggest(h, list(true));
      expect(suggestion.moves[0].to).toBe("T2");
      expect(suggestion.withinBand).toBe(true);
    });
  });

  describe("edge cases", () => {
    it("leaves a single territory alone", () => {
      const h = territories(1);
      const suggestion = suggest(h, [acct(h, "T1", 40)]);
      expect(suggestion.moves).toEqual([]);
      expect(suggestion.after).toMatchObject([{ id: "T1", balance: 1, outOfBand: false }]);
      expect(suggestion.withinBand).toBe(true);
    });

    it("leaves territories that all carry nothing alone", () => {
      const h = territories(3);
      const suggestion = suggest(h, [acct(h, "T1", 0), acct(h, "T2", 0)]);
      expect(suggestion.moves).toEqual([]);
      expect(suggestion.after.map((t) => t.balance)).toEqual([1, 1, 1]);
      expect(suggestion.withinBand).toBe(true);
    });

    it("does not move an account larger than the band allows, and says the band is not reached", () => {
      const h = territories(2);
      const suggestion = suggest(h, [acct(h, "T1", 60), acct(h, "T2", 40)]);
      expect(suggestion.moves).toEqual([]);
      expect(suggestion.withinBand).toBe(false);
      expect(suggestion.worstAfter).toBeCloseTo(0.2, 12);
    });

    it("counts accounts of sub-territories in their territory's workload but leaves them in place", () => {
      const h = build(["Region", "T1", "T1a", "T2"], ["", "Region", "T1", "Region"]);
      const fixed = acct(h, "T1a", 30);
      const suggestion = suggest(h, [fixed, acct(h, "T1", 30), acct(h, "T2", 0)]);
      expect(suggestion.before.map((t) => t.workload)).toEqual([60, 0]);
      expect(suggestion.moves.map((m) => m.account)).not.toContain(fixed.id);
      expect(suggestion.after.map((t) => t.workload)).toEqual([30, 30]);
    });

    it.each([
      ["T1", '"T1" has no territories below it to balance'],
      ["Nowhere", 'No node "Nowhere"'],
    ])("refuses to balance below %p", (parent, message) => {
      const h = territories(2);
      expect(suggestMoves(h, [], parent, { tolerance: 0.05 })).toEqual({ ok: false, message });
    });
  });
});

describe("suggestMoves properties", () => {
  const REGIONS = ["", "CA", "NY", "TX"];
  /**
   * A parent with 1 to 8 territories, some with a sub-territory whose accounts count but stay, and
   * accounts of random workloads (zeros, small ones, a few larger than the band), regions and coordinates.
   */
  const scenario = fc.integer({ min: 1, max: 8 }).chain((count) =>
    fc.record({
      count: fc.constant(count),
      subTerritories: fc.array(fc.boolean(), { minLength: count, maxLength: count }),
      accounts: fc.array(
        fc.record({
          territory: fc.integer({ min: 0, max: 2 * count - 1 }),
          workload: fc.oneof(
            { weight: 1, arbitrary: fc.constant(0) },
            { weight: 6, arbitrary: fc.integer({ min: 1, max: 20 }) },
            { weight: 2, arbitrary: fc.double({ min: 0, max: 200, noNaN: true }) },
          ),
          potential: fc.integer({ min: 0, max: 1000 }),
          region: fc.constantFrom(...REGIONS),
          place: fc.option(
            fc.tuple(fc.double({ min: -60, max: 60, noNaN: true }), fc.double({ min: -170, max: 170, noNaN: true })),
            {
              nil: undefined,
            },
          ),
        }),
        { maxLength: 80 },
      ),
      tolerance: fc.constantFrom(0, 0.01, 0.05, 0.1, 0.3),
      minimise: fc.constantFrom("accounts" as const, "potential" as const),
    }),
  );

  it("never makes the worst imbalance worse and keeps every account assigned exactly once", () => {
    fc.assert(
      fc.property(scenario, ({ count, subTerritories, accounts: drawn, tolerance, minimise }) => {
        const ids = ["P"];
        const parents = [""];
        for (let t = 0; t < count; t++) {
          ids.push(`T${t}`, `S${t}`);
          parents.push("P", subTerritories[t] ? `T${t}` : "P");
        }
        const h = build(ids, parents);
        // Territory index k: T(k/2) for even k, S(k/2) (a sub-territory, or another territory) for odd k.
        const accounts: Account[] = drawn.map((d, i) => ({
          id: `A${i}`,
          row: i + 1,
          territory: h.find(`${d.territory % 2 === 0 ? "T" : "S"}${Math.floor(d.territory / 2)}`) as number,
          potential: d.potential,
          workload: d.workload,
          country: d.region === "" ? "" : "US",
          region: d.region,
          postcode: "",
          latitude: d.place?.[0] ?? null,
          longitude: d.place?.[1] ?? null,
        }));
        const result = suggestMoves(h, accounts, "P", { tolerance, minimise });
        if (!result.ok) throw new Error(result.message);
        const { moves, before, after, worstBefore, worstAfter } = result.suggestion;

        expect(worstAfter).toBeLessThanOrEqual(worstBefore + 1e-9);
        // A territory within the band stays within it.
        before.forEach((territory, t) => {
          if (!territory.outOfBand) expect(after[t].outOfBand).toBe(false);
        });

        // Each account moves at most once, from where it is, between the parent's territories.
        const where = new Map(accounts.map((a) => [a.id, h.ids[a.territory]]));
        const territoryIds = new Set(before.map((t) => t.id));
        const movedIds = moves.map((m) => m.account);
        expect(new Set(movedIds).size).toBe(movedIds.length);
        for (const move of moves) {
          expect(where.get(move.account)).toBe(move.from);
          expect(territoryIds.has(move.to)).toBe(true);
          expect(move.to).not.toBe(move.from);
        }

        // Applied, every account is still there exactly once, and the workloads are those reported.
        const applied = applyMoves(h, accounts, moves);
        expect(applied.map((a) => a.id)).toEqual(accounts.map((a) => a.id));
        const load = workloadByNode(h, applied);
        after.forEach((territory) => expect(territory.workload).toBeCloseTo(load[territory.node], 6));
        const total = (list: readonly { workload: number }[]): number => list.reduce((sum, t) => sum + t.workload, 0);
        expect(total(after)).toBeCloseTo(total(before), 6);
        if (before.every((t) => !t.outOfBand)) expect(moves).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
