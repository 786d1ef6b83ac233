/**
 * Proof that a TypeScript client can be generated from openapi/all.json and used for the main
 * flow: a department drafts and publishes a challenge, a startup sends a proposal, the
 * department pages through proposals and ranks them, and every error is a Problem.
 *
 * Only type-checked (`tsc --noEmit`, contract/check.sh); nothing here runs. Each
 * `@ts-expect-error` marks a call the contract must reject: if the spec loosens so that the
 * line compiles, tsc fails with "Unused '@ts-expect-error' directive".
 */
import createClient from "openapi-fetch";

import type { components, paths } from "./.generated/all";

type Schemas = components["schemas"];

// --- Types taken from operations, the way a hand-written client would ---------------------

type ChallengeCreate =
  paths["/challenges"]["post"]["requestBody"]["content"]["application/json"];
type ChallengeRead =
  paths["/challenges"]["post"]["responses"][201]["content"]["application/json"];
type ChallengeTransition =
  paths["/challenges/{challenge_id}/status"]["post"]["requestBody"]["content"]["application/json"];
type ProposalCreate =
  paths["/proposals"]["post"]["requestBody"]["content"]["application/json"];
type ProposalRead =
  paths["/proposals/{proposal_id}"]["get"]["responses"][200]["content"]["application/json"];
type ProposalPage =
  paths["/proposals"]["get"]["responses"][200]["content"]["application/json"];
type ProposalQuery = NonNullable<paths["/proposals"]["get"]["parameters"]["query"]>;
type ProposalRanking =
  paths["/matching/challenges/{challenge_id}/proposals"]["get"]["responses"][200]["content"]["application/json"];
type RankedProposal = ProposalRanking["items"][number];
type Problem =
  paths["/proposals/{proposal_id}"]["get"]["responses"][404]["content"]["application/problem+json"];
type RateLimited =
  paths["/matching/challenges/{challenge_id}/proposals"]["get"]["responses"][429];

// The operation types are the named components (no anonymous inline copies).
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export const sameTypes: [
  Equal<ChallengeCreate, Schemas["ChallengeCreate"]>,
  Equal<ChallengeRead, Schemas["ChallengeRead"]>,
  Equal<ProposalRead, Schemas["ProposalRead"]>,
  Equal<ProposalPage, Schemas["Page_ProposalRead_"]>,
  Equal<ProposalRanking, Schemas["Ranking_RankedProposal_"]>,
  Equal<RankedProposal, Schemas["RankedProposal"]>,
  Equal<Problem, Schemas["Problem"]>,
] = [true, true, true, true, true, true, true];

// --- Request bodies ------------------------------------------------------------------------

export const challenge: ChallengeCreate = {
  title: "Số hóa hồ sơ bệnh án tại bệnh viện quận",
  summary: "Chuyển hồ sơ bệnh án giấy sang bệnh án điện tử liên thông.",
  problem_statement: "Các bệnh viện quận vẫn lưu hồ sơ giấy...",
  sectors: ["health", "e_government"],
  sdg_goals: [3],
  budget_min: 500_000_000,
  budget_max: 2_000_000_000,
  deadline: "2027-03-31T17:00:00+07:00",
  language: "vi",
  contact: { name: "Phòng CNTT", email: "cntt@soyte.example.gov.vn" },
  // currency, tags and expected_outcomes have server defaults: optional here.
};

export const badChallenges: ChallengeCreate[] = [
  {
    ...challenge,
    // @ts-expect-error `budget` is not a field (the server forbids unknown fields: 422)
    budget: 1_000_000_000,
  },
  {
    ...challenge,
    // @ts-expect-error languages are "vi" | "en"
    language: "fr",
  },
  {
    ...challenge,
    // @ts-expect-error sectors come from a closed list
    sectors: ["healthcare"],
  },
];

// @ts-expect-error `contact` is required
export const noContact: ChallengeCreate = {
  title: "t",
  summary: "s",
  problem_statement: "p",
  sectors: ["health"],
  deadline: "2027-03-31T17:00:00+07:00",
  language: "vi",
};

export const publish: ChallengeTransition = { status: "published" };
// @ts-expect-error "approved" is not a challenge status
export const approve: ChallengeTransition = { status: "approved" };

export const proposal = (challengeId: string): ProposalCreate => ({
  challenge_id: challengeId,
  title: "Bệnh án điện tử HL7 FHIR",
  summary: "OCR + FHIR",
  approach: "Khảo sát, số hóa, tích hợp HIS",
  trl: 7,
  submit: true,
});

// @ts-expect-error `trl` (technology readiness level) is required
export const noTrl: ProposalCreate = { challenge_id: "x", title: "t", summary: "s", approach: "a" };

export const submittedOnly: ProposalQuery = { status: ["submitted", "shortlisted"], limit: 50 };
// @ts-expect-error `status` is a list of proposal statuses, not a string
export const badQuery: ProposalQuery = { status: "submitted" };

// --- Responses -----------------------------------------------------------------------------

export function describe(p: ProposalRead): string {
  const price = p.price_estimate === null ? "no price" : `${p.price_estimate} ${p.currency}`;
  const sent = p.submitted_at ?? "not submitted";
  // @ts-expect-error a proposal has no score; rankings do
  const score: number = p.score;
  return `${p.title} (TRL ${p.trl}, ${price}, v${p.version}, ${p.status}, ${sent}, ${score})`;
}

export function titles(page: ProposalPage): { titles: string[]; next: string | null } {
  // @ts-expect-error a page has no `total`: it is cursor-paginated
  const total: number = page.total;
  void total;
  return { titles: page.items.map((p) => p.title), next: page.next_cursor ?? null };
}

export function explain(r: RankedProposal): string {
  const e = r.explanation;
  const why = e.passages.join(" … ");
  const terms = e.matched_terms.join(", ");
  return `${r.title} ${r.score.toFixed(3)} (dense ${e.semantic}, bm25 ${e.lexical}): ${terms}; ${why}`;
}

export function problemText(p: Problem): string {
  const fields = (p.errors ?? []).map((e) => JSON.stringify(e)).join("; ");
  // @ts-expect-error `status` is a number
  const code: string = p.status;
  return `${p.status} ${p.title}: ${p.detail ?? ""} ${fields} ${code}`;
}

export const retryAfterHeader: keyof RateLimited["headers"] = "Retry-After";

// --- The flow with openapi-fetch (types only; never called) ----------------------------------

export async function mainFlow(baseUrl: string, department: string, startup: string) {
  const as = (token: string) =>
    createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });
  const dept = as(department);
  const team = as(startup);

  const created = await dept.POST("/challenges", {
    params: { header: { "Idempotency-Key": "c0ffee-2027-benh-an" } },
    body: challenge,
  });
  if (created.error) return problemText(created.error);
  const draft: ChallengeRead = created.data;
  const etag = created.response.headers.get("ETag") ?? "";

  const published = await dept.POST("/challenges/{challenge_id}/status", {
    params: { path: { challenge_id: draft.id }, header: { "If-Match": etag } },
    body: publish,
  });
  if (published.error) return problemText(published.error);

  // @ts-expect-error the path parameter is required
  await dept.GET("/challenges/{challenge_id}", {});
  // @ts-expect-error no such route
  await dept.GET("/challenge/{challenge_id}", { params: { path: { challenge_id: draft.id } } });

  const sent = await team.POST("/proposals", { body: proposal(draft.id) });
  if (sent.error) return problemText(sent.error);
  const mine: ProposalRead = sent.data;

  const page = await dept.GET("/proposals", {
    params: { query: { challenge_id: draft.id, ...submittedOnly } },
  });
  const listed = page.data ? titles(page.data) : { titles: [], next: null };

  const ranking = await dept.GET("/matching/challenges/{challenge_id}/proposals", {
    params: { path: { challenge_id: draft.id }, query: { top_k: 5, method: "hybrid" } },
  });
  if (ranking.error) {
    const wait = ranking.response.headers.get("Retry-After");
    return `${problemText(ranking.error)} retry after ${wait ?? "-"} s`;
  }
  return [describe(mine), ...listed.titles, ...ranking.data.items.map(explain)].join("\n");
}
