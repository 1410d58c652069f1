import type { Account } from "../../../core/territory/workload";

/**
 * At most this many accounts are drawn: each is an SVG circle, and beyond a few thousand a task pane
 * redraws slowly while the dots merge into one patch anyway.
 */
export const MAX_ACCOUNT_POINTS = 5000;

/** Radii in the map's own units (its viewBox is about 960 wide, shown about 300 px wide). */
const MIN_RADIUS = 2.5;
const MAX_RADIUS = 7;

export interface AccountPoint {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly r: number;
}

export interface AccountPoints {
  readonly points: readonly AccountPoint[];
  /** Accounts with coordinates on this map; more than `points.length` when capped. */
  readonly onMap: number;
  /** Accounts whose coordinates fall off this map (outside the US on the US map). */
  readonly offMap: number;
}

/**
 * The located accounts as dots at their projected coordinates, the radius growing with the square
 * root of the workload between two modest sizes, so a big account reads as bigger without hiding its
 * neighbours. Over `cap`, an even sample in table order, so that dense areas still look
 * dense: every second account of 10,000, not the first 5,000 (which would be one region of a sorted table).
 */
export function accountPoints(
  accounts: readonly Account[],
  project: (longitude: number, latitude: number) => readonly [number, number] | null,
  cap: number = MAX_ACCOUNT_POINTS,
): AccountPoints {
  const placed: { account: Account; x: number; y: number }[] = [];
  let offMap = 0;
  for (const account of accounts) {
    if (account.latitude === null || account.longitude === null) continue;
    const point = project(account.longitude, account.latitude);
    if (point === null) offMap++;
    else placed.push({ account, x: point[0], y: point[1] });
  }
  const shown =
    placed.length <= cap
      ? placed
      : Array.from({ length: cap }, (_, i) => placed[Math.floor((i * placed.length) / cap)]);
  const largest = shown.reduce((max, { account }) => Math.max(max, account.workload), 0);
  const points = shown.map(({ account, x, y }) => ({
    id: account.id,
    x,
    y,
    r:
      largest > 0
        ? MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt(Math.max(0, account.workload) / largest)
        : MIN_RADIUS,
  }));
  return { points, onMap: placed.length, offMap };
}
