import { accountPoints } from "../../src/taskpane/views/map/accountPoints";
import type { Account } from "../../src/core/territory/workload";

const account = (id: string, longitude: number | null, latitude: number | null, workload = 1): Account => ({
  id,
  row: 1,
  territory: 0,
  potential: 0,
  workload,
  country: "",
  region: "",
  postcode: "",
  latitude,
  longitude,
});

/** A projection that is easy to check: x = longitude, y = -latitude; west of -100 is off the map. */
const project = (longitude: number, latitude: number): [number, number] | null =>
  longitude < -100 ? null : [longitude, -latitude];

describe("accountPoints", () => {
  it("puts each located account at its projected place and counts those off the map", () => {
    const dots = accountPoints(
      [account("a", 2, 48), account("b", -120, 40), account("c", null, null), account("d", 13, 52)],
      project,
    );
    expect(dots.points.map(({ id, x, y }) => [id, x, y])).toEqual([
      ["a", 2, -48],
      ["d", 13, -52],
    ]);
    expect(dots.onMap).toBe(2);
    expect(dots.offMap).toBe(1);
  });

  it("sizes by workload: the largest gets the largest radius, a quarter of it half the way up", () => {
    const dots = accountPoints([account("big", 0, 0, 4), account("small", 1, 1, 1), account("none", 2, 2, 0)], project);
    const [big, small, none] = dots.points.map((point) => point.r);
    expect(big).toBeCloseTo(7);
    expect(none).toBeCloseTo(2.5);
    expect(small).toBeCloseTo(2.5 + 4.5 / 2);
  });

  it("draws at most the cap, as an even sample across the table, and says how many there were", () => {
    const many = Array.from({ length: 12_000 }, (_, i) => account(`a${i}`, i / 1000, 0));
    const dots = accountPoints(many, project);
    expect(dots.points).toHaveLength(5000);
    expect(dots.onMap).toBe(12_000);
    expect(dots.points[0].id).toBe("a0");
    // The sample reaches the end of the table, not just its first 5,000 rows.
    expect(Number(dots.points[4999].id.slice(1))).toBeGreaterThan(11_990);
  });
});
