import {
  lateOwners,
  progress,
  MAILTO_LIMIT,
  reminderMail,
  reminderText,
  type StatusCounts,
} from "../../../src/core/progress/progress";
import type { Status } from "../../../src/core/plan/types";
import { COMPANY, makePlan, planAndView, type NodeRow } from "../reconcile/fixture";

/** Counts in STATUSES order: Not started, Draft, Submitted, Approved, Returned. */
function counts(group: StatusCounts): number[] {
  return (["Not started", "Draft", "Submitted", "Approved", "Returned"] as Status[]).map(
    (status) => group.counts[status],
  );
}

describe("progress (Company > EMEA: UK, DE, FR; AMER: US, CA)", () => {
  const { view } = planAndView(COMPANY);
  const result = progress(view);

  test("overall: a node without a workflow row is Not started; the unowned Canada is passed through, not counted", () => {
    expect(result.overall.total).toBe(7);
    expect(counts(result.overall)).toEqual([3, 1, 1, 1, 1]);
    expect(result.overall.fractions.Submitted).toBeCloseTo(1 / 7);
    expect(result.overall.fractions["Not started"]).toBeCloseTo(3 / 7);
  });

  test("per level, root = 1", () => {
    expect(result.levels.map((level) => [level.level, level.total, ...counts(level)])).toEqual([
      [1, 1, 1, 0, 0, 0, 0],
      [2, 2, 2, 0, 0, 0, 0],
      [3, 4, 0, 1, 1, 1, 1],
    ]);
    expect(result.levels[2].fractions).toEqual({
      "Not started": 0,
      Draft: 0.25,
      Submitted: 0.25,
      Approved: 0.25,
      Returned: 0.25,
    });
  });

  test("per owner: matched ignoring spaces and case, sorted; nodes nobody owns are not anyone's", () => {
    expect(result.owners.map((owner) => [owner.owner, owner.nodeIds, ...counts(owner)])).toEqual([
      ["Anna", ["EMEA"], 1, 0, 0, 0, 0],
      ["Ben", ["UK", "FR"], 0, 0, 1, 0, 1],
      ["Carla", ["DE"], 0, 1, 0, 0, 0],
      ["Ceo", ["Company"], 1, 0, 0, 0, 0],
      ["Dan", ["AMER", "US"], 1, 0, 0, 1, 0],
    ]);
    expect(result.owners[1].fractions).toMatchObject({ Submitted: 0.5, Returned: 0.5, Draft: 0 });
  });

  test("a plan whose hierarchy can't be read counts nothing", () => {
    const broken = planAndView({
      nodes: [
        ["A", "B", "A", "x"],
        ["B", "A", "B", "x"],
      ],
    });
    const empty = progress(broken.view);
    expect(empty.overall.total).toBe(0);
    expect(empty.overall.fractions.Draft).toBe(0);
    expect(empty.levels).toEqual([]);
    expect(empty.owners).toEqual([]);
  });
});

describe("lateOwners", () => {
  const { plan } = planAndView(COMPANY);

  test("after the deadline: only the actions someone owes now, not the managers whose teams are still at work", () => {
    expect(lateOwners(plan, "2027-01-16")).toEqual([
      // Anna's Europe waits for Germany and France, but UK's submission waits for her review.
      {
        owner: "Anna",
        nodes: [{ id: "UK", name: "United Kingdom", status: "Submitted", returnReason: "", owes: "review" }],
      },
      {
        owner: "Ben",
        nodes: [{ id: "FR", name: "France", status: "Returned", returnReason: "Q2 looks low", owes: "submit" }],
      },
      { owner: "Carla", nodes: [{ id: "DE", name: "Germany", status: "Draft", returnReason: "", owes: "submit" }] },
      // Americas: United States is approved and Canada has no owner, so Dan owes its submission. Ceo owes nothing yet.
      {
        owner: "Dan",
        nodes: [{ id: "AMER", name: "Americas", status: "Not started", returnReason: "", owes: "submit" }],
      },
    ]);
  });

  test("once everything is approved, the top's owner owes the approval that closes the plan", () => {
    const { plan: done } = planAndView({
      ...COMPANY,
      statuses: { UK: "Approved", DE: "Approved", FR: "Approved", US: "Approved", EMEA: "Approved", AMER: "Approved" },
    });
    expect(lateOwners(done, "2027-01-16")).toEqual([
      {
        owner: "Ceo",
        nodes: [{ id: "Company", name: "Company", status: "Not started", returnReason: "", owes: "signOff" }],
      },
    ]);
  });

  test.each<[string, string | null, string]>([
    ["on the deadline day", "2027-01-15", "2027-01-15"],
    ["before it", "2027-01-15", "2026-12-31"],
    ["without a deadline", null, "2030-01-01"],
    ["with a deadline that is not a date", "end of January", "2030-01-01"],
  ])("nobody is late %s", (_, deadline, today) => {
    const { plan: p } = planAndView({ ...COMPANY, settings: { deadline } });
    expect(lateOwners(p, today)).toEqual([]);
  });

  test("today may be a full timestamp", () => {
    expect(lateOwners(plan, "2027-01-16T08:30:00.000Z").map((owner) => owner.owner)).toEqual([
      "Anna",
      "Ben",
      "Carla",
      "Dan",
    ]);
  });
});

describe("reminderText", () => {
  const { plan } = planAndView(COMPANY);

  test("lists each late owner's nodes by name and id, their status and the deadline", () => {
    expect(reminderText(lateOwners(plan, "2027-02-01").slice(0, 2), plan)).toBe(
      [
        "Reminder: the Revenue targets for FY27 were due on 2027-01-15. These still wait for you:",
        "",
        "Anna:",
        "- United Kingdom (UK), submitted to you: approve or return it",
        "",
        "Ben:",
        "- France (FR), returned: Q2 looks low",
        "",
        "Please act on them in the Groundup add-in as soon as you can. Thank you!",
      ].join("\n"),
    );
  });

  test("a node named as its id is named once; nothing to send when nobody is late", () => {
    const text = reminderText(
      [
        {
          owner: "Ceo",
          nodes: [{ id: "Company", name: "Company", status: "Draft", returnReason: "", owes: "submit" }],
        },
      ],
      plan,
    );
    expect(text).toContain("Ceo:\n- Company, draft\n");
    expect(reminderText([], plan)).toBe("");
  });
});

/** Company (ceo) and `count` late nodes below it, each owned by its own address. */
function addressedPlan(count: number) {
  const rows: NodeRow[] = Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(3, "0");
    return [`N${n}`, "Company", `Node ${n}`, `owner${n}@example.com`];
  });
  return makePlan({ nodes: [["Company", "", "Company", "Ceo"], ...rows] });
}

describe("reminderMail", () => {
  test("opens a draft to the late owners whose e-mail is known: the owner itself or an Email column", () => {
    const base = makePlan(COMPANY);
    const plan = {
      ...base,
      nodes: base.nodes.map((node) =>
        node.owner === "Ben"
          ? { ...node, attributes: { " E-mail ": "ben@example.com" } }
          : node.id === "DE"
            ? { ...node, owner: "carla@example.com" }
            : node,
      ),
    };
    const late = lateOwners(plan, "2027-01-16");
    const mail = reminderMail(late, plan);
    expect(mail).toMatchObject({ kind: "link", withReminder: true });
    const link = mail?.kind === "link" ? mail.href : "";
    const [to, query] = link.slice("mailto:".length).split("?");
    expect(to.split(",").map(decodeURIComponent)).toEqual(["ben@example.com", "carla@example.com"]);
    const params = new URLSearchParams(query);
    expect(params.get("subject")).toBe("Reminder: FY27 targets");
    expect(params.get("body")).toBe(reminderText(late, plan).replace(/\n/g, "\r\n"));
  });

  test("no draft when no late owner has an address", () => {
    const { plan } = planAndView(COMPANY);
    expect(reminderMail(lateOwners(plan, "2027-01-16"), plan)).toBeNull();
  });

  test("a reminder too long for a link (mail programs cut it) leaves it out of the draft", () => {
    const plan = addressedPlan(30);
    const late = lateOwners(plan, "2027-01-16");
    const mail = reminderMail(late, plan);
    expect(mail).toMatchObject({ kind: "link", withReminder: false });
    const href = mail?.kind === "link" ? mail.href : "";
    expect(href.length).toBeLessThanOrEqual(MAILTO_LIMIT);
    const [to, query] = href.slice("mailto:".length).split("?");
    expect(to.split(",").map(decodeURIComponent)).toHaveLength(30);
    expect(new URLSearchParams(query).get("body")).toBeNull();
  });

  test("addresses too many for a link are given to copy, every one of them", () => {
    const plan = addressedPlan(300);
    const mail = reminderMail(lateOwners(plan, "2027-01-16"), plan);
    expect(mail?.kind).toBe("addresses");
    const addresses = mail?.kind === "addresses" ? mail.addresses.split("; ") : [];
    expect(addresses).toHaveLength(300);
    expect(addresses[299]).toBe("owner300@example.com");
    expect(mail).toMatchObject({ count: 300 });
  });
});
