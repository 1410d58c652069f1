/**
 * Balancing suggestions: account moves between the territories under one parent that bring every
 * territory's workload within a band around their average, moving few accounts.
 *
 * Method (greedy, worst imbalance first). The average cannot change (moves only shift workload
 * between siblings), so the band [average × (1 − tolerance), average × (1 + tolerance)] is fixed.
 * Each step takes the territory furthest from the average that is outside the band:
 * - above the band, it gives one account to a territory below the average;
 * - below the band, it takes one account from a territory above the average.
 * The partners are tried neighbours first (same country and region as the territory's most common
 * one, or among its 3 nearest by the centroid of its accounts' coordinates), then from the most
 * underloaded (or overloaded) partner on. The account chosen brings the territory into the band
 * without pushing either side out of it, closest to what would put it on the average; where no
 * account is that size, the largest that does not overshoot (progress: fewer moves left), but only
 * while the accounts that could move add up to the gap. With `minimise: "potential"`, the account with
 * the least potential is chosen among those that fit (the least potential per unit of workload where
 * none closes the gap). Where no single account fits, a swap of two accounts whose difference fits
 * is tried. A territory that finds no step is passed over until no other one finds any; it ends when
 * every territory is within the band or none can take a step.
 *
 * Guarantees. Every move shifts less workload than the difference between the two territories, so
 * both end strictly between their old loads: the worst imbalance never grows, a territory within the
 * band stays within it, and each account moves at most once, so there are at most as many steps as
 * accounts. Moves only change which territory serves an account: each stays assigned exactly once.
 *
 * Limits. Greedy, not optimal: it may move more accounts than the fewest possible, and it may miss a
 * balance that needs an account to move twice or three-way exchanges. An account larger than the
 * band's width stays where it is, and a territory it keeps out of the band is left as it is rather
 * than narrowed by giving away its small accounts one by one (the result says the band is not
 * reached). Only accounts assigned directly to a territory under the parent move; accounts assigned
 * further down count in their territory's workload but stay. Geography is a preference, not a
 * constraint: contiguity is not checked, neighbours come from the starting assignment, and postcodes
 * are not used.
 */
import { idKey, idText } from "../cell";
import type { Hierarchy } from "../hierarchy/hierarchy";
import { messages } from "../messages";
import { bandAround } from "./band";
import { territoryMessages } from "./messages";
import { siblingBalance, workloadByNode, type Account, type TerritoryBalance } from "./workload";

export interface BalanceOptions {
  /** The band as a fraction: 0.05 = every territory within ±5 % of the average. */
  readonly tolerance: number;
  /** What to move as little of: accounts (the default) or potential. */
  readonly minimise?: "accounts" | "potential";
}

export interface Move {
  readonly account: string;
  /** Territory ids as written. */
  readonly from: string;
  readonly to: string;
  readonly workload: number;
  readonly potential: number;
}

export interface Suggestion {
  readonly parent: string;
  readonly moves: readonly Move[];
  /** The parent's territories in sheet order, before and after the moves. */
  readonly before: readonly TerritoryBalance[];
  readonly after: readonly TerritoryBalance[];
  /** The largest |balance − 1| over the territories (0.3 = one is 30 % off the average). */
  readonly worstBefore: number;
  readonly worstAfter: number;
  /** Every territory is within the band after the moves. */
  readonly withinBand: boolean;
}

export type SuggestionResult =
  { readonly ok: true; readonly suggestion: Suggestion } | { readonly ok: false; readonly message: string };

/** How many nearest territories by centroid count as neighbours. */
const NEAREST = 3;

/**
 * Suggested moves between the territories directly under `parent` (an id); see the module comment
 * for the method, its guarantees and its limits. `accounts` are as `readAccounts` returns them.
 */
export function suggestMoves(
  hierarchy: Hierarchy,
  accounts: readonly Account[],
  parent: unknown,
  options: BalanceOptions,
): SuggestionResult {
  const parentNode = hierarchy.find(parent);
  if (parentNode === undefined) return { ok: false, message: messages.noNode(idText(parent)) };
  const territories = hierarchy.children(parentNode);
  if (territories.length === 0) return { ok: false, message: territoryMessages.notAParent(hierarchy.ids[parentNode]) };
  if (!(options.tolerance >= 0) || !Number.isFinite(options.tolerance)) {
    return { ok: false, message: territoryMessages.badBand(options.tolerance) };
  }

  const balancer = new Balancer(hierarchy, accounts, territories, options);
  balancer.run();
  const moved = balancer.moves();
  const beforeLoad = workloadByNode(hierarchy, accounts);
  const afterLoad = workloadByNode(hierarchy, applyMoves(hierarchy, accounts, moved));
  const before = siblingBalance(hierarchy, territories, beforeLoad, options.tolerance);
  const after = siblingBalance(hierarchy, territories, afterLoad, options.tolerance);
  return {
    ok: true,
    suggestion: {
      parent: hierarchy.ids[parentNode],
      moves: moved,
      before,
      after,
      worstBefore: worst(before),
      worstAfter: worst(after),
      withinBand: after.every((territory) => !territory.outOfBand),
    },
  };
}

/** The largest |balance − 1|. */
export function worst(balances: readonly TerritoryBalance[]): number {
  let largest = 0;
  for (const { balance } of balances) largest = Math.max(largest, Math.abs(balance - 1));
  return largest;
}

/**
 * The accounts with the moves applied: each moved account now served by its new territory, every
 * other account as it was. A move naming an account or territory that is not there is skipped.
 */
export function applyMoves(hierarchy: Hierarchy, accounts: readonly Account[], moves: readonly Move[]): Account[] {
  const to = new Map<string, number>();
  for (const move of moves) {
    const key = idKey(move.account);
    const node = hierarchy.find(move.to);
    if (key !== undefined && node !== undefined) to.set(key, node);
  }
  return accounts.map((account) => {
    const node = to.get(idKey(account.id) ?? "");
    return node === undefined ? account : { ...account, territory: node };
  });
}

/** One step's choice: the account to move, or to swap for another. */
interface Pick {
  readonly account: number;
  /** An account of the partner going the other way, or -1. */
  readonly back: number;
  /** The workload it shifts. */
  readonly shift: number;
  /** It brings the territory into the band. */
  readonly finishing: boolean;
  /** Lower is better among picks of the same kind. */
  readonly score: number;
  readonly tieBreak: number;
}

function better(a: Pick, b: Pick | undefined): boolean {
  if (b === undefined) return true;
  if (a.finishing !== b.finishing) return a.finishing;
  return a.score < b.score || (a.score === b.score && a.tieBreak < b.tieBreak);
}

class Balancer {
  /** Per territory (index into `territories`). */
  private readonly load: Float64Array;
  private readonly movable: number[][];
  private readonly region: string[];
  private readonly nearest: number[][];
  private readonly moved: Uint8Array;
  /** Per territory: found no step when last tried. */
  private readonly stuck: Uint8Array;
  private readonly done: Move[] = [];
  private readonly average: number;
  private readonly low: number;
  private readonly high: number;
  private readonly byPotential: boolean;

  constructor(
    private readonly hierarchy: Hierarchy,
    private readonly accounts: readonly Account[],
    private readonly territories: Int32Array,
    options: BalanceOptions,
  ) {
    const count = territories.length;
    // The territory under the parent that each node belongs to, -1 outside them.
    const territoryOf = new Int32Array(hierarchy.nodeCount).fill(-1);
    territories.forEach((node, t) => {
      territoryOf[node] = t;
      for (const below of hierarchy.descendants(node)) territoryOf[below] = t;
    });
    this.load = new Float64Array(count);
    this.movable = Array.from({ length: count }, () => []);
    const regionCounts = Array.from({ length: count }, () => new Map<string, number>());
    const sums = Array.from({ length: count }, () => ({ latitude: 0, longitude: 0, count: 0 }));
    accounts.forEach((account, a) => {
      const t = territoryOf[account.territory];
      if (t < 0) return;
      this.load[t] += account.workload;
      if (account.territory === territories[t] && account.workload > 0) this.movable[t].push(a);
      const region = regionKey(account);
      if (region !== "") regionCounts[t].set(region, (regionCounts[t].get(region) ?? 0) + 1);
      if (account.latitude !== null && account.longitude !== null) {
        sums[t].latitude += account.latitude;
        sums[t].longitude += account.longitude;
        sums[t].count++;
      }
    });
    this.region = regionCounts.map(mostCommon);
    this.nearest = nearestByCentroid(sums);
    this.moved = new Uint8Array(accounts.length);
    this.stuck = new Uint8Array(count);
    let total = 0;
    for (let t = 0; t < count; t++) total += this.load[t];
    this.average = total / count;
    const band = bandAround(this.average, options.tolerance);
    this.low = band.low;
    this.high = band.high;
    this.byPotential = options.minimise === "potential";
  }

  run(): void {
    if (!(this.average > 0)) return;
    while (this.step());
  }

  moves(): Move[] {
    return this.done;
  }

  /**
   * One move or swap for the territory furthest out of the band that can take one. A territory that
   * found none is passed over until no other territory finds one either; then all are tried again, so
   * it ends only when no territory can take a step, without retrying the stuck ones at every step.
   */
  private step(): boolean {
    const out: number[] = [];
    for (let t = 0; t < this.load.length; t++) if (this.load[t] > this.high || this.load[t] < this.low) out.push(t);
    out.sort((a, b) => Math.abs(this.load[b] - this.average) - Math.abs(this.load[a] - this.average) || a - b);
    let skipped = false;
    for (const t of out) {
      if (this.stuck[t] === 1) skipped = true;
      else if (this.tryStep(t)) return true;
    }
    if (!skipped) return false;
    this.stuck.fill(0);
    for (const t of out) if (this.tryStep(t)) return true;
    return false;
  }

  private tryStep(t: number): boolean {
    if (this.load[t] > this.high ? this.relieve(t) : this.fill(t)) return true;
    this.stuck[t] = 1;
    return false;
  }

  /**
   * Moves workload out of an overloaded territory into one below the average. Where the accounts it
   * could give (each small enough for the roomiest partner) do not add up to its excess, only a move
   * that brings it into the band is made: narrowing the gap of a territory held out by one large
   * account would give away every small account it has, each a hair's worth.
   */
  private relieve(from: number): boolean {
    const partners = this.partners(from, (t) => this.load[t] < this.average, 1);
    const need = this.load[from] - this.high;
    const ideal = this.load[from] - this.average;
    let lowest = Infinity;
    for (const t of partners) lowest = Math.min(lowest, this.load[t]);
    const progress = this.givable(from, Math.min(this.high - lowest, this.load[from] - this.low)) >= need;
    for (const swap of [false, true]) {
      for (const to of partners) if (this.shift(from, to, need, ideal, swap, progress)) return true;
    }
    return false;
  }

  /** Moves workload into an underloaded territory from one above the average; as `relieve`, the other way. */
  private fill(to: number): boolean {
    const partners = this.partners(to, (t) => this.load[t] > this.average, -1);
    const need = this.low - this.load[to];
    const ideal = this.average - this.load[to];
    let available = 0;
    for (const from of partners) {
      if (available >= need) break;
      available += this.givable(from, Math.min(this.high - this.load[to], this.load[from] - this.low));
    }
    const progress = available >= need;
    for (const swap of [false, true]) {
      for (const from of partners) if (this.shift(from, to, need, ideal, swap, progress)) return true;
    }
    return false;
  }

  /** The workload of the accounts a territory could still give, each at most `most`. */
  private givable(from: number, most: number): number {
    let total = 0;
    for (const a of this.movable[from]) {
      const workload = this.accounts[a].workload;
      if (this.moved[a] === 0 && workload <= most) total += workload;
    }
    return total;
  }

  /** The territories that qualify, neighbours of `t` first, then by load (ascending for 1, descending for -1). */
  private partners(t: number, qualifies: (other: number) => boolean, direction: 1 | -1): number[] {
    const result: number[] = [];
    for (let other = 0; other < this.load.length; other++) if (other !== t && qualifies(other)) result.push(other);
    const near = (other: number): number => (this.isNeighbour(t, other) ? 0 : 1);
    return result.sort((a, b) => near(a) - near(b) || direction * (this.load[a] - this.load[b]) || a - b);
  }

  private isNeighbour(a: number, b: number): boolean {
    if (this.region[a] !== "" && this.region[a] === this.region[b]) return true;
    return this.nearest[a].includes(b) || this.nearest[b].includes(a);
  }

  /**
   * Shifts workload from `from` to `to` by one account (or a swap): at least `need` if possible,
   * closest to `ideal`, and never more than keeps both within the band, which is also less than the
   * difference between their loads.
   */
  private shift(from: number, to: number, need: number, ideal: number, swap: boolean, progress: boolean): boolean {
    const most = Math.min(this.high - this.load[to], this.load[from] - this.low);
    if (!(most > 0)) return false;
    const target = Math.min(Math.max(ideal, need), most);
    const pick = swap
      ? this.bestSwap(from, to, need, target, most, progress)
      : this.bestMove(from, need, target, most, progress);
    if (pick === undefined) return false;
    this.record(pick.account, from, to);
    if (pick.back >= 0) this.record(pick.back, to, from);
    return true;
  }

  private bestMove(from: number, need: number, target: number, most: number, progress: boolean): Pick | undefined {
    let best: Pick | undefined;
    for (const a of this.movable[from]) {
      if (this.moved[a] === 1) continue;
      const candidate = this.rate(a, -1, this.accounts[a].workload, need, target, most, progress);
      if (candidate !== undefined && better(candidate, best)) best = candidate;
    }
    return best;
  }

  /**
   * A pair whose difference fits: for each account of `from`, the accounts of `to` whose workload is
   * nearest below it by `target` (the finishing fit) and by `most` (the largest that does not overshoot).
   */
  private bestSwap(
    from: number,
    to: number,
    need: number,
    target: number,
    most: number,
    progress: boolean,
  ): Pick | undefined {
    const backs = this.movable[to].filter((b) => this.moved[b] === 0);
    backs.sort((x, y) => this.accounts[x].workload - this.accounts[y].workload);
    const weights = backs.map((b) => this.accounts[b].workload);
    let best: Pick | undefined;
    for (const a of this.movable[from]) {
      if (this.moved[a] === 1) continue;
      const workload = this.accounts[a].workload;
      const largest = firstAtLeast(weights, workload - most);
      const fit = firstAtLeast(weights, workload - target);
      for (const i of [largest, fit - 1, fit]) {
        if (i < 0 || i >= backs.length) continue;
        const b = backs[i];
        const candidate = this.rate(a, b, workload - weights[i], need, target, most, progress);
        if (candidate !== undefined && better(candidate, best)) best = candidate;
      }
    }
    return best;
  }

  /** A move (or swap) as a candidate; none if it shifts nothing, too much, or too little where only finishing moves count. */
  private rate(
    a: number,
    back: number,
    shift: number,
    need: number,
    target: number,
    most: number,
    progress: boolean,
  ): Pick | undefined {
    if (!(shift > 0) || shift > most) return undefined;
    const finishing = shift >= need;
    if (!finishing && !progress) return undefined;
    // A swap moves both accounts, so both potentials count.
    const potential = this.accounts[a].potential + (back >= 0 ? this.accounts[back].potential : 0);
    const fit = Math.abs(shift - target);
    if (finishing) {
      return this.byPotential
        ? { account: a, back, shift, finishing, score: potential, tieBreak: fit }
        : { account: a, back, shift, finishing, score: fit, tieBreak: a };
    }
    return this.byPotential
      ? { account: a, back, shift, finishing, score: potential / shift, tieBreak: -shift }
      : { account: a, back, shift, finishing, score: -shift, tieBreak: a };
  }

  private record(a: number, from: number, to: number): void {
    const account = this.accounts[a];
    this.moved[a] = 1;
    this.load[from] -= account.workload;
    this.load[to] += account.workload;
    this.done.push({
      account: account.id,
      from: this.hierarchy.ids[this.territories[from]],
      to: this.hierarchy.ids[this.territories[to]],
      workload: account.workload,
      potential: account.potential,
    });
  }
}

/** The index of the first value ≥ `value` in ascending `values`. */
function firstAtLeast(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Country and region, matched as ids are; "" without either. */
function regionKey(account: Account): string {
  if (account.country === "" && account.region === "") return "";
  return `${account.country.toLowerCase()}\u0000${account.region.toLowerCase()}`;
}

function mostCommon(counts: ReadonlyMap<string, number>): string {
  let best = "";
  let bestCount = 0;
  for (const [key, count] of counts) {
    if (count > bestCount) {
      best = key;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Each territory's NEAREST nearest others by the centroid of its accounts' coordinates (an
 * equirectangular distance, plenty to rank neighbours); none for a territory without coordinates.
 */
function nearestByCentroid(
  sums: readonly { readonly latitude: number; readonly longitude: number; readonly count: number }[],
): number[][] {
  const centroids = sums.map((sum) =>
    sum.count === 0 ? undefined : { latitude: sum.latitude / sum.count, longitude: sum.longitude / sum.count },
  );
  return centroids.map((here, t) => {
    if (here === undefined) return [];
    const cos = Math.cos((here.latitude * Math.PI) / 180);
    const distances: [number, number][] = [];
    centroids.forEach((there, other) => {
      if (there === undefined || other === t) return;
      const dx = (there.longitude - here.longitude) * cos;
      const dy = there.latitude - here.latitude;
      distances.push([dx * dx + dy * dy, other]);
    });
    distances.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return distances.slice(0, NEAREST).map(([, other]) => other);
  });
}
