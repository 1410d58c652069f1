/**
 * The plans the workbench opens on: a hand-shaped sample (a company of a few hundred nodes, part way
 * through collecting its 2027 targets) and generated plans of any size for timing. Pure and
 * deterministic: the same call gives the same plan, so screenshots and tests can rely on it.
 */
import type { AuditEntry, NodeEntry, PlanNode, PlanSettings, Status } from "../src/core/plan/types";
import type { TopDownChange } from "../src/workbook/PlanWorkbook";

export interface SamplePlan {
  readonly settings: PlanSettings;
  /** Parents before their children. */
  readonly nodes: readonly PlanNode[];
  /** Only the nodes someone has worked on; every other node is Not started with nothing entered. */
  readonly entries: readonly NodeEntry[];
  readonly topDown: readonly TopDownChange[];
  /** Oldest first. */
  readonly audit: readonly AuditEntry[];
  /**
   * The sales team's accounts table for the Balance view, header row first (the sheet and table
   * "Accounts"); absent from generated plans.
   */
  readonly accounts?: readonly (readonly (string | number)[])[];
  /**
   * The plan's capacity table (GU Capacity) as the sales team keeps it, without its header row:
   * Node | Heads | Quota per head | Attainment | one ramp per period, blanks as null. One row per
   * rep, the year's new hires ramping up; absent from generated plans.
   */
  readonly capacity?: readonly (readonly (string | number | null)[])[];
}

const PERIODS = ["Q1 2027", "Q2 2027", "Q3 2027", "Q4 2027"] as const;

const SETTINGS: PlanSettings = {
  name: "Acme 2027 revenue targets",
  metric: "Revenue",
  unit: "EUR",
  periods: PERIODS,
  decimals: 0,
  tolerance: 0.05,
  deadline: "2026-12-11",
  allowNegative: false,
};

interface TerritoryShape {
  readonly code: string;
  readonly name: string;
  /** For the pane's map: written as people do, by name or ISO code. */
  readonly country: string;
  /** The US territories' main state, for the map of US states. */
  readonly state?: string;
  /** Where its accounts are: countries, or for the US territories states. */
  readonly places?: readonly string[];
  /** How much more work its accounts make than a typical territory's: the imbalance to balance. */
  readonly load?: number;
}

interface RegionShape {
  readonly code: string;
  readonly name: string;
  readonly territories: readonly TerritoryShape[];
  /** Leadership has set this region's own top-down target (the others get theirs by cascade). */
  readonly hasTarget: boolean;
}

const REGIONS: readonly RegionShape[] = [
  {
    code: "EMEA",
    name: "Europe, Middle East & Africa",
    hasTarget: true,
    territories: [
      { code: "UKI", name: "UK & Ireland", country: "United Kingdom", places: ["United Kingdom", "Ireland"] },
      { code: "DACH", name: "DACH", country: "DEU", places: ["Germany", "Austria", "Switzerland"], load: 1.45 },
      { code: "FR", name: "France", country: "France", places: ["France"] },
      { code: "NORD", name: "Nordics", country: "SE", places: ["Sweden", "Norway", "Denmark", "Finland"], load: 0.7 },
      { code: "BNL", name: "Benelux", country: "Netherlands", places: ["Netherlands", "Belgium", "Luxembourg"] },
      { code: "IBE", name: "Iberia", country: "ES", places: ["Spain", "Portugal"], load: 0.8 },
      { code: "IT", name: "Italy", country: "Italy", places: ["Italy"], load: 1.2 },
      {
        code: "MEA",
        name: "Middle East & Africa",
        country: "ZA",
        places: ["South Africa", "United Arab Emirates", "Saudi Arabia"],
      },
    ],
  },
  {
    code: "NA",
    name: "North America",
    hasTarget: true,
    territories: [
      { code: "USNE", name: "US Northeast", country: "US", state: "NY", places: ["NY", "MA", "PA", "NJ"], load: 1.5 },
      { code: "USSE", name: "US Southeast", country: "US", state: "Georgia", places: ["GA", "FL", "NC"], load: 0.75 },
      { code: "USC", name: "US Central", country: "US", state: "IL", places: ["IL", "OH", "TX"] },
      { code: "USW", name: "US West", country: "US", state: "CA", places: ["CA", "WA", "OR"], load: 1.15 },
      { code: "CAN", name: "Canada", country: "Canada", places: ["Canada"], load: 0.7 },
    ],
  },
  {
    code: "LATAM",
    name: "Latin America",
    hasTarget: false,
    territories: [
      { code: "BR", name: "Brazil", country: "Brazil" },
      { code: "MX", name: "Mexico", country: "MX" },
      { code: "AND", name: "Andean", country: "CO" },
      { code: "SC", name: "Southern Cone", country: "Argentina" },
    ],
  },
  {
    code: "APAC",
    name: "Asia Pacific",
    hasTarget: false,
    territories: [
      { code: "ANZ", name: "Australia & New Zealand", country: "AU" },
      { code: "JP", name: "Japan", country: "Japan" },
      { code: "CN", name: "Greater China", country: "CN" },
      { code: "IN", name: "India", country: "India" },
      { code: "SEA", name: "Southeast Asia", country: "Indonesia" },
      { code: "KR", name: "Korea", country: "KOR" },
    ],
  },
];

const FIRST_NAMES = (
  "Olivia Liam Emma Noah Amelia Oliver Sophia Elijah Isabella Lucas Mia Mateo Charlotte Hiro Aisha Wei " +
  "Priya Jonas Chloé Diego Freya Tariq Ingrid Rafael Yuki Fatima Lars Beatriz Kwame Ana Mei Arjun Sofia " +
  "Pieter Nadia Tomás Zoe Kenji Leila Marco"
).split(" ");

const LAST_NAMES = (
  "Smith García Müller Martin Rossi Jansen Nielsen Tanaka Chen Patel Silva Kowalski Dubois O'Brien " +
  "Novak Haddad Kim Sato Andersson Costa Fischer Moreau Okafor Lindqvist Santos Ivanova Wright Nakamura " +
  "Cohen Reyes Schmidt Bianchi Larsen Murphy Singh Lopez Weber Yamamoto Ahmed Brown"
).split(" ");

const SEGMENTS = ["Enterprise", "Commercial", "Commercial", "Mid-market"] as const;
const SEGMENT_FACTOR: Readonly<Record<(typeof SEGMENTS)[number], number>> = {
  Enterprise: 1.8,
  Commercial: 1,
  "Mid-market": 0.7,
};

/** How the year splits over the quarters: the fourth quarter is the big one. */
const SEASONALITY = [0.22, 0.24, 0.25, 0.29] as const;

const COMMENTS = [
  "Includes the renewal of our two largest accounts",
  "Assumes the new partner ramps up from Q2",
  "Pipeline coverage is 3x for H1",
  "Two deals slipped from 2026 into Q1",
  "Price increase from April is included",
  "",
  "",
  "",
];

const RETURN_REASONS = [
  "Q4 looks light against your pipeline; please revisit",
  "Please include the expansion at your top account",
  "Q1 is above last year's run rate; explain or lower it",
  "The comment doesn't match the numbers; please check Q2",
];

/** mulberry32: a small seeded generator, so every run builds the same plan. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

const NAME_TRIES = 20;

/**
 * Distinct full names, in a fixed order for a given seed; big plans run out of pairs and get initials.
 * A name is tried as its indexes (first, last, initial), made into text only once it is free: a
 * 10,000-node plan tries tens of thousands of taken ones.
 */
function nameSource(rng: () => number): () => string {
  const firsts = FIRST_NAMES.length;
  const lasts = LAST_NAMES.length;
  const taken = new Set<number>();
  /** Draws a first and a last name (in that order, as the text would) and takes them with `variant`, or undefined. */
  const take = (variant: number): [number, number] | undefined => {
    const first = Math.floor(rng() * firsts);
    const last = Math.floor(rng() * lasts);
    const key = (variant * firsts + first) * lasts + last;
    if (taken.has(key)) return undefined;
    taken.add(key);
    return [first, last];
  };
  return () => {
    for (let i = 0; i < NAME_TRIES; i++) {
      const name = take(0);
      if (name !== undefined) return `${FIRST_NAMES[name[0]]} ${LAST_NAMES[name[1]]}`;
    }
    for (let n = 0; ; n++) {
      const name = take(n + 1);
      if (name === undefined) continue;
      const initial = String.fromCharCode(65 + (n % 26));
      const suffix = n < 26 ? "" : ` ${Math.floor(n / 26) + 1}`;
      return `${FIRST_NAMES[name[0]]} ${initial}. ${LAST_NAMES[name[1]]}${suffix}`;
    }
  };
}

const START = Date.UTC(2026, 10, 2, 8, 0, 0);
const MINUTE = 60_000;

function timestamp(step: number): string {
  return new Date(START + step * 17 * MINUTE).toISOString();
}

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

/** A rep's four quarters, about `annual` in total. */
function quarters(rng: () => number, annual: number): number[] {
  return SEASONALITY.map((share) => roundTo(annual * share * (0.92 + rng() * 0.16), 1000));
}

interface Rep {
  readonly node: PlanNode;
  readonly manager: string;
  /** What this rep will plan for the year, entered or not yet. */
  readonly planned: readonly number[];
}

interface Builder {
  readonly nodes: PlanNode[];
  readonly reps: Rep[];
  readonly regionOf: Map<string, string>;
}

function node(id: string, parent: string, name: string, owner: string, segment = ""): PlanNode {
  return { id, parent, name, owner, attributes: { Segment: segment } };
}

/** The node with the sample's geography columns, filled on its territories (the map's regions). */
function placed(planNode: PlanNode, territory: TerritoryShape | undefined): PlanNode {
  const places = { Country: territory?.country ?? "", State: territory?.state ?? "" };
  return { ...planNode, attributes: { ...planNode.attributes, ...places } };
}

function addRep(
  builder: Builder,
  rng: () => number,
  nextName: () => string,
  id: string,
  territory: PlanNode,
  region: string,
): void {
  const owner = nextName();
  const segment = pick(rng, SEGMENTS);
  const annual = (400_000 + rng() * 800_000) * SEGMENT_FACTOR[segment];
  const rep = node(id, territory.id, owner, owner, segment);
  builder.nodes.push(rep);
  builder.reps.push({ node: rep, manager: territory.owner, planned: quarters(rng, annual) });
  builder.regionOf.set(id, region);
}

/** What the reps have done so far: about a quarter approved, a third submitted, some drafts and returns. */
function workflow(rng: () => number, reps: readonly Rep[]): { entries: NodeEntry[]; audit: AuditEntry[] } {
  const entries: NodeEntry[] = [];
  const audit: AuditEntry[] = [];
  reps.forEach((rep, index) => {
    const roll = rng();
    let status: Status;
    if (roll < 0.26) status = "Approved";
    else if (roll < 0.58) status = "Submitted";
    else if (roll < 0.72) status = "Draft";
    else if (roll < 0.8) status = "Returned";
    else return;
    const id = rep.node.id;
    const me = rep.node.owner;
    const values = status === "Draft" ? rep.planned.map((value, p) => (p < 2 ? value : null)) : [...rep.planned];
    const comment = pick(rng, COMMENTS);
    const submittedAt = timestamp(index * 3);
    const log = (time: string, user: string, field: string, from: string, to: string, note: string): void => {
      audit.push({ time, user, node: id, field, oldValue: from, newValue: to, note });
    };
    values.forEach((value, p) => {
      if (value !== null)
        log(submittedAt, me, PERIODS[p], "", String(value), status === "Draft" ? "Saved as draft" : "Submitted");
    });
    if (comment !== "")
      log(submittedAt, me, "comment", "", comment, status === "Draft" ? "Saved as draft" : "Submitted");
    if (status === "Draft") {
      log(submittedAt, me, "status", "Not started", "Draft", "Saved as draft");
      entries.push({ id, values, status, comment, returnReason: "", updatedAt: submittedAt, updatedBy: me });
      return;
    }
    log(submittedAt, me, "status", "Not started", "Submitted", "Submitted");
    if (status === "Submitted") {
      entries.push({ id, values, status, comment, returnReason: "", updatedAt: submittedAt, updatedBy: me });
      return;
    }
    const reviewedAt = timestamp(index * 3 + 1);
    const returnReason = status === "Returned" ? pick(rng, RETURN_REASONS) : "";
    log(reviewedAt, rep.manager, "status", "Submitted", status, status);
    if (returnReason !== "") log(reviewedAt, rep.manager, "return reason", "", returnReason, "Returned");
    entries.push({ id, values, status, comment, returnReason, updatedAt: reviewedAt, updatedBy: rep.manager });
  });
  return { entries, audit };
}

/** Top-down targets: the company and the regions marked in `withTarget`, a stretch above what the field plans. */
function topDownTargets(
  builder: Builder,
  company: PlanNode,
  withTarget: ReadonlySet<string>,
  ceo: string,
  time: string,
): { topDown: TopDownChange[]; audit: AuditEntry[] } {
  const total = PERIODS.map(() => 0);
  const byRegion = new Map<string, number[]>();
  for (const rep of builder.reps) {
    const region = builder.regionOf.get(rep.node.id) as string;
    const sums = byRegion.get(region) ?? PERIODS.map(() => 0);
    rep.planned.forEach((value, p) => {
      total[p] += value;
      sums[p] += value;
    });
    byRegion.set(region, sums);
  }
  const stretch = (values: readonly number[], factor: number): number[] =>
    values.map((value) => roundTo(value * factor, 10_000));
  const topDown: TopDownChange[] = [{ id: company.id, values: stretch(total, 1.12), expected: null }];
  for (const [region, sums] of byRegion) {
    if (withTarget.has(region)) topDown.push({ id: region, values: stretch(sums, 1.08), expected: null });
  }
  const audit = topDown.flatMap((change) =>
    change.values.map((value, p) => ({
      time,
      user: ceo,
      node: change.id,
      field: `top-down ${PERIODS[p]}`,
      oldValue: "",
      newValue: String(value),
      note: "Board-approved 2027 targets",
    })),
  );
  return { topDown, audit };
}

/**
 * The plan of `builder`'s nodes with its team's work. That work is made when first read, which
 * `loadSample` does once the plan is set up: a large plan's nodes and its work each take a task.
 */
function finish(builder: Builder, rng: () => number, company: PlanNode, withTarget: ReadonlySet<string>): SamplePlan {
  let made: Pick<SamplePlan, "entries" | "topDown" | "audit"> | undefined;
  const work = (): Pick<SamplePlan, "entries" | "topDown" | "audit"> => {
    if (made === undefined) {
      const targets = topDownTargets(builder, company, withTarget, company.owner, timestamp(-60));
      const done = workflow(rng, builder.reps);
      // ISO timestamps sort as text; a plain comparison is much faster than localeCompare on 70,000 rows.
      const audit = [...targets.audit, ...done.audit].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
      made = { entries: done.entries, topDown: targets.topDown, audit };
    }
    return made;
  };
  return {
    settings: SETTINGS,
    nodes: builder.nodes,
    get entries() {
      return work().entries;
    },
    get topDown() {
      return work().topDown;
    },
    get audit() {
      return work().audit;
    },
  };
}

/** Acme Group: four regions, 23 territories, 8 to 14 reps each (a little under 300 nodes), half way through collection. */
export function samplePlan(): SamplePlan {
  const rng = random(2027);
  const nextName = nameSource(rng);
  const builder: Builder = { nodes: [], reps: [], regionOf: new Map() };
  const company = node("ACME", "", "Acme Group", nextName());
  builder.nodes.push(company);
  const territories = new Map<string, TerritoryShape>();
  for (const region of REGIONS) {
    const regionNode = node(region.code, company.id, region.name, nextName());
    builder.nodes.push(regionNode);
    for (const territory of region.territories) {
      const territoryNode = node(`${region.code}-${territory.code}`, region.code, territory.name, nextName());
      territories.set(territoryNode.id, territory);
      builder.nodes.push(territoryNode);
      const reps = 8 + Math.floor(rng() * 7);
      for (let r = 1; r <= reps; r++) {
        addRep(builder, rng, nextName, `${territoryNode.id}-${String(r).padStart(2, "0")}`, territoryNode, region.code);
      }
    }
  }
  const withTarget = new Set(REGIONS.filter((region) => region.hasTarget).map((region) => region.code));
  const nodes = builder.nodes.map((planNode) => placed(planNode, territories.get(planNode.id)));
  return {
    ...finish({ ...builder, nodes }, rng, company, withTarget),
    accounts: sampleAccounts(),
    capacity: sampleCapacity(builder.reps),
  };
}

/** Every ninth rep is a new hire, ramping a quarter at a time. */
const NEW_HIRE_EVERY = 9;
const NEW_HIRE_RAMP = [0.25, 0.5, 0.75, 1];

/**
 * One row per rep: a quota near what they plan for a quarter, some a stretch and some slack, so
 * coverage shows both flags; attainment from 85 % to 100 %; new hires ramping. Its own random
 * sequence, so the rest of the sample stays as it was.
 */
function sampleCapacity(reps: readonly Rep[]): (string | number | null)[][] {
  const rng = random(4242);
  return reps.map((rep, index) => {
    const quarter = rep.planned.reduce((sum, value) => sum + value, 0) / PERIODS.length;
    const quota = roundTo(quarter * (0.85 + rng() * 0.35), 1000);
    const attainment = Math.round((0.85 + rng() * 0.15) * 20) / 20;
    const ramp = index % NEW_HIRE_EVERY === NEW_HIRE_EVERY - 1 ? NEW_HIRE_RAMP : PERIODS.map(() => null);
    return [rep.node.id, null, quota, attainment === 1 ? null : attainment, ...ramp];
  });
}

const ACCOUNT_HEADERS = ["Account", "Name", "Territory", "Potential", "Visits", "Hours", "Country", "State"] as const;
const ACCOUNT_WORDS = (
  "Nordic Alpine Blue Atlas Summit Harbor Cedar Silver Orion Delta Pioneer Vertex Crown Meridian Granite " +
  "Coastal Northern Prime Union Falcon"
).split(" ");
const ACCOUNT_KINDS =
  "Foods Logistics Systems Health Energy Retail Motors Media Finance Labs Textiles Pharma Steel Telecom".split(" ");
/** A typical territory's accounts; each territory's `load` scales both its count and their size. */
const ACCOUNTS_PER_TERRITORY = 34;

/**
 * The accounts of EMEA and North America (about 450), with visits and hours as workload drivers, in
 * the countries (or US states) of their territories. Some territories carry far more work than
 * others (DACH and US Northeast most, Nordics and Canada least), so the Balance view has moves to
 * suggest. A generator of its own, so the plan above stays as it was.
 */
function sampleAccounts(): (string | number)[][] {
  const rng = random(13);
  const rows: (string | number)[][] = [[...ACCOUNT_HEADERS]];
  for (const region of REGIONS.filter((shape) => shape.code === "EMEA" || shape.code === "NA")) {
    for (const territory of region.territories) {
      const load = territory.load ?? 1;
      const count = Math.round(ACCOUNTS_PER_TERRITORY * (0.85 + 0.3 * rng()) * Math.sqrt(load));
      for (let a = 0; a < count; a++) {
        const size = Math.sqrt(load) * (0.4 + 1.2 * rng());
        const place = pick(rng, territory.places ?? [territory.country]);
        const us = territory.country === "US";
        rows.push([
          `AC-${String(rows.length).padStart(4, "0")}`,
          `${pick(rng, ACCOUNT_WORDS)} ${pick(rng, ACCOUNT_KINDS)}`,
          `${region.code}-${territory.code}`,
          roundTo(size * (20_000 + 180_000 * rng()), 1_000),
          Math.max(1, Math.round(size * 12)),
          Math.max(1, Math.round(size * 30 * (0.6 + 0.8 * rng()))),
          us ? "United States" : place,
          us ? place : "",
        ]);
      }
    }
  }
  return rows;
}

const TERRITORIES_PER_REGION = 25;
const REPS_PER_TERRITORY = 20;

/**
 * A plan of exactly `nodeCount` nodes (at least 1) in the sample's shape: a company, regions of 25
 * territories of 20 reps, filled in that order; the first half of the regions have their own targets.
 */
export function generatedPlan(nodeCount: number): SamplePlan {
  const count = Math.max(1, Math.floor(nodeCount));
  const rng = random(count);
  const nextName = nameSource(rng);
  const builder: Builder = { nodes: [], reps: [], regionOf: new Map() };
  const company = node("CO", "", "Company", nextName());
  builder.nodes.push(company);
  const regionCount = Math.ceil((count - 1) / (1 + TERRITORIES_PER_REGION * (1 + REPS_PER_TERRITORY)));
  const withTarget = new Set<string>();
  for (let g = 1; g <= regionCount && builder.nodes.length < count; g++) {
    const regionId = `R${g}`;
    builder.nodes.push(node(regionId, company.id, `Region ${g}`, nextName()));
    if (g <= Math.ceil(regionCount / 2)) withTarget.add(regionId);
    for (let t = 1; t <= TERRITORIES_PER_REGION && builder.nodes.length < count; t++) {
      const territory = node(`${regionId}-T${t}`, regionId, `Region ${g} territory ${t}`, nextName());
      builder.nodes.push(territory);
      for (let r = 1; r <= REPS_PER_TERRITORY && builder.nodes.length < count; r++) {
        addRep(builder, rng, nextName, `${territory.id}-${r}`, territory, regionId);
      }
    }
  }
  return finish(builder, rng, company, withTarget);
}
