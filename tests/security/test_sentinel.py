"""A marker in startup B's confidential proposals must never reach anyone else.

Startup B writes a unique marker into the title, summary and approach of a proposal it submits
to department A, and into a draft it keeps to another challenge of A (the draft also carries
a draft-only marker). Then startup A, department B, a reviewer of department B and an
anonymous caller call every GET operation of the app, with and without filters, by id
(including B's proposal ids), through search with the marker and with the challenge's words,
rankings, recommendations, similar challenges, feeds, profiles, organisations, the audit log,
and a few error paths; every response body and header is scanned for the markers (their hex
part too, so a tokenised echo in `matched_terms` counts). None may be found.

Department A (the owner) and its reviewer run the same sweep: they must find the submitted
proposal's marker (so the scan can fail) and never the draft-only marker.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from fastapi import FastAPI

from services.core.auth import Role
from services.core.settings import Settings
from tests.conftest import Actor, World, actor
from tests.factories import create_challenge, published_challenge, submit_proposal
from tests.security.policy import app_operations

CHALLENGE_WORDS = "số hóa hồ sơ bệnh án điện tử"
CHALLENGE_WORDS_FOLDED = "so hoa ho so benh an dien tu"
PROPOSAL_WORDS = "bệnh án điện tử HL7 FHIR OCR"


@dataclass
class Call:
    """One GET of the sweep: its route template, the concrete path and the query."""

    template: str
    path: str
    params: list[tuple[str, Any]] = field(default_factory=list)


@dataclass
class Scan:
    """Responses scanned and the markers found in them."""

    needles: dict[str, list[str]]
    scanned: int = 0
    hits: list[tuple[str, str, str, int]] = field(default_factory=list)
    templates: set[str] = field(default_factory=set)

    def check(self, who: str, call: Call, r: httpx.Response) -> list[str]:
        """Scan one response (body and headers); returns the names of the markers found."""
        self.scanned += 1
        self.templates.add(call.template)
        haystack = (
            r.content.decode("utf-8", "replace")
            + "\n"
            + "\n".join(f"{k}: {v}" for k, v in r.headers.multi_items())
        ).lower()
        found = [name for name, forms in self.needles.items() if any(f in haystack for f in forms)]
        for name in found:
            self.hits.append((who, name, f"GET {r.request.url}", r.status_code))
        return found


def needles(marker: str) -> list[str]:
    """The forms of a marker to look for: itself, and its hex part alone (lowercase)."""
    return [marker.lower(), marker.rsplit("-", 1)[1].lower()]


def sweep(
    *,
    challenges: dict[str, str],
    proposals: dict[str, str],
    orgs: dict[str, str],
    markers: list[str],
) -> list[Call]:
    """Every GET the sweep makes, for the given objects and search terms."""
    missing = str(uuid.uuid4())
    calls = [
        Call("/livez", "/livez"),
        Call("/readyz", "/readyz"),
        Call("/orgs", "/orgs"),
        Call("/orgs", "/orgs", [("kind", "startup"), ("limit", 100)]),
        Call("/orgs/{org_id}", f"/orgs/{missing}"),
        Call("/orgs/{org_id}", "/orgs/not-a-uuid"),
        Call("/challenges", "/challenges"),
        Call("/challenges", "/challenges", [("limit", 100)]),
        Call("/challenges", "/challenges", [("status", "draft")]),
        Call("/challenges", "/challenges", [("status", "published"), ("status", "closed")]),
        Call("/challenges", "/challenges", [("sector", "health"), ("limit", 100)]),
        Call("/challenges", "/challenges", [("q", CHALLENGE_WORDS)]),
        Call("/challenges", "/challenges", [("q", CHALLENGE_WORDS_FOLDED)]),
        Call("/challenges", "/challenges", [("limit", 1000)]),  # 422
        Call("/challenges", "/challenges", [("cursor", "not*a*cursor")]),  # 422
        Call("/challenges", "/challenges", [("cursor", "bm90LWpzb24=")]),  # 422: not JSON
        Call("/challenges/{challenge_id}", f"/challenges/{missing}"),
        Call("/challenges/{challenge_id}", "/challenges/not-a-uuid"),
        Call("/feed/challenges", "/feed/challenges"),
        Call("/feed/profiles", "/feed/profiles"),
        Call("/feed/proposals", "/feed/proposals"),
        Call("/feed/proposals", "/feed/proposals", [("limit", 500)]),
        Call("/feed/proposals", "/feed/proposals", [("since", "garbage")]),
        Call("/startups", "/startups"),
        Call("/startups", "/startups", [("sector", "health"), ("limit", 100)]),
        Call("/startups", "/startups", [("q", CHALLENGE_WORDS)]),
        Call("/startups/{startup_id}", f"/startups/{missing}"),
        Call("/proposals", "/proposals"),
        Call("/proposals", "/proposals", [("limit", 100)]),
        Call("/proposals", "/proposals", [("status", "draft")]),
        Call("/proposals", "/proposals", [("status", "submitted")]),
        Call(
            "/proposals",
            "/proposals",
            [("status", s) for s in ("draft", "submitted", "withdrawn", "shortlisted")],
        ),
        Call("/proposals", "/proposals", [("challenge_id", "not-a-uuid")]),  # 422
        Call("/proposals/{proposal_id}", f"/proposals/{missing}"),
        Call("/proposals/{proposal_id}", "/proposals/not-a-uuid"),
        Call("/audit/events", "/audit/events"),
        Call("/matching/search", "/matching/search"),  # 422: q is required
        Call("/matching/search", "/matching/search", [("q", "x"), ("target", "bogus")]),  # 422
        Call("/matching/search", "/matching/search", [("q", "x"), ("top_k", 1000)]),  # 422
        Call(
            "/matching/challenges/{challenge_id}/proposals",
            f"/matching/challenges/{missing}/proposals",
        ),
        Call(
            "/matching/challenges/{challenge_id}/proposals",
            "/matching/challenges/not-a-uuid/proposals",
        ),
        Call(
            "/matching/startups/{startup_id}/challenges", f"/matching/startups/{missing}/challenges"
        ),
        Call("unknown", "/no/such/route"),
    ]
    for org_id in orgs.values():
        calls += [
            Call("/orgs/{org_id}", f"/orgs/{org_id}"),
            Call("/startups/{startup_id}", f"/startups/{org_id}"),
            Call(
                "/matching/startups/{startup_id}/challenges",
                f"/matching/startups/{org_id}/challenges",
            ),
            Call(
                "/matching/startups/{startup_id}/challenges",
                f"/matching/startups/{org_id}/challenges",
                [("method", "lexical"), ("top_k", 100)],
            ),
            Call("/challenges", "/challenges", [("department_id", org_id), ("limit", 100)]),
            Call("/audit/events", "/audit/events", [("object_id", org_id)]),
        ]
    for cid in challenges.values():
        calls += [
            Call("/challenges/{challenge_id}", f"/challenges/{cid}"),
            Call("/proposals", "/proposals", [("challenge_id", cid), ("limit", 100)]),
            Call(
                "/proposals",
                "/proposals",
                [("challenge_id", cid), ("status", "draft"), ("status", "submitted")],
            ),
            Call("/audit/events", "/audit/events", [("object_id", cid)]),
        ]
        for method in ("hybrid", "lexical", "dense"):
            for kind in (
                ("proposals", "startups", "similar") if method != "dense" else ("proposals",)
            ):
                calls.append(
                    Call(
                        f"/matching/challenges/{{challenge_id}}/{kind}",
                        f"/matching/challenges/{cid}/{kind}",
                        [("method", method), ("top_k", 100)],
                    )
                )
        calls += [
            Call(
                "/matching/challenges/{challenge_id}/proposals",
                f"/matching/challenges/{cid}/proposals",
                [("status", s) for s in ("draft", "submitted", "withdrawn", "selected")],
            ),
            Call(
                "/matching/challenges/{challenge_id}/similar",
                f"/matching/challenges/{cid}/similar",
                [("status", "draft"), ("status", "published")],
            ),
        ]
    for pid in proposals.values():
        calls += [
            Call("/proposals/{proposal_id}", f"/proposals/{pid}"),
            Call(
                "/challenges/{challenge_id}", f"/challenges/{pid}"
            ),  # a proposal id as a challenge
            Call(
                "/matching/challenges/{challenge_id}/proposals",
                f"/matching/challenges/{pid}/proposals",
            ),
            Call("/audit/events", "/audit/events", [("object_id", pid)]),
        ]
    queries = [
        *markers,
        *(m.rsplit("-", 1)[1] for m in markers),
        "sentinel",
        CHALLENGE_WORDS,
        CHALLENGE_WORDS_FOLDED,
        PROPOSAL_WORDS,
    ]
    for q in queries:
        calls += [
            Call("/challenges", "/challenges", [("q", q)]),
            Call("/startups", "/startups", [("q", q)]),
        ]
        for target in ("challenges", "startups", "proposals"):
            for method in ("hybrid", "lexical"):
                calls.append(
                    Call(
                        "/matching/search",
                        "/matching/search",
                        [("q", q), ("target", target), ("method", method), ("top_k", 100)],
                    )
                )
    calls.append(Call("/metrics", "/metrics"))  # last: it has seen every request above
    return calls


MATCHING_CALLS_PER_TOKEN = 60
"""Below the per-(org, sub) matching rate limit (120/minute by default)."""


async def run_sweep(
    client: httpx.AsyncClient,
    who: str,
    caller: Actor | None,
    calls: list[Call],
    scan: Scan,
    settings: Settings,
) -> dict[str, tuple[int, list[str]]]:
    """Make every call as `who`; returns status and markers found per concrete request.

    Matching is rate limited per (org, sub): every MATCHING_CALLS_PER_TOKEN matching calls the
    caller gets a new token for the same role and organisation (another member of it).
    """
    seen: dict[str, tuple[int, list[str]]] = {}
    matching_calls = 0
    for call in calls:
        headers: dict[str, str] = {}
        if caller is not None:
            if call.path.startswith("/matching/"):
                matching_calls += 1
            shift = matching_calls // MATCHING_CALLS_PER_TOKEN
            member = (
                caller
                if shift == 0
                else actor(settings, caller.role, caller.org, f"{who}-{shift}@sentinel")
            )
            headers = member.headers
        r = await client.get(call.path, params=call.params, headers=headers)
        assert r.status_code < 500, f"{who}: GET {r.request.url} -> {r.status_code} {r.text}"
        assert r.status_code != 429, f"{who}: rate limited at GET {r.request.url}"
        seen[str(r.request.url)] = (r.status_code, scan.check(who, call, r))
    return seen


async def _profile(client: httpx.AsyncClient, who: Actor, name: str, description: str) -> None:
    body = {"name": name, "description": description, "sectors": ["health"], "stage": "mvp"}
    r = await client.put(f"/startups/{who.org}", json=body, headers=who.headers)
    assert r.status_code == 201, r.text


async def test_startup_b_confidential_text_reaches_only_department_a(
    client: httpx.AsyncClient, world: World, settings: Settings, app: FastAPI
) -> None:
    """Zero marker hits for outsiders over every GET; the owner finds the submitted one only."""
    marker = f"SENTINEL-{uuid.uuid4().hex}"
    draft_marker = f"SENTINELDRAFT-{uuid.uuid4().hex}"

    ch_a = await published_challenge(client, world.dept_a)
    ch_a2 = await published_challenge(
        client, world.dept_a, title="Bệnh án điện tử cho trạm y tế phường"
    )
    ch_a_draft = await create_challenge(client, world.dept_a, title="Bệnh án điện tử nháp")
    ch_b = await published_challenge(
        client, world.dept_b, title="Số hóa học bạ điện tử", sectors=["education"]
    )
    await _profile(client, world.startup_a, "MediSync", "Bệnh án điện tử HL7 FHIR cho bệnh viện.")
    await _profile(client, world.startup_b, "EduNext", "Số hóa hồ sơ, bệnh án điện tử, OCR.")
    own_a = await submit_proposal(client, world.startup_a, ch_a["id"])
    submitted = await submit_proposal(
        client,
        world.startup_b,
        ch_a["id"],
        title=f"Bệnh án điện tử HL7 FHIR {marker}",
        summary=f"Số hóa hồ sơ bệnh án bằng OCR {marker}. Liên thông HL7 FHIR.",
        approach=f"Khảo sát {marker}, số hóa hồ sơ bệnh án, tích hợp HIS, đào tạo {marker}.",
    )
    r = await client.post(
        "/proposals",
        json={
            "challenge_id": ch_a2["id"],
            "title": f"Bệnh án điện tử trạm y tế {marker} {draft_marker}",
            "summary": f"Số hóa hồ sơ bệnh án {marker} {draft_marker}.",
            "approach": f"Khảo sát {draft_marker}, số hóa {marker}, tích hợp HIS.",
            "trl": 5,
        },
        headers=world.startup_b.headers,
    )
    assert r.status_code == 201, r.text
    draft = r.json()
    assert draft["status"] == "draft"

    reviewer_b = actor(settings, Role.reviewer, world.dept_b.org, "ruby@so-gd")
    orgs = {
        "dept_a": str(world.dept_a.org),
        "dept_b": str(world.dept_b.org),
        "startup_a": str(world.startup_a.org),
        "startup_b": str(world.startup_b.org),
    }
    challenges = {"a": ch_a["id"], "a2": ch_a2["id"], "a_draft": ch_a_draft["id"], "b": ch_b["id"]}
    proposals = {"own_a": own_a["id"], "submitted_b": submitted["id"], "draft_b": draft["id"]}
    calls = sweep(
        challenges=challenges, proposals=proposals, orgs=orgs, markers=[marker, draft_marker]
    )

    # Every GET operation of the app is part of the sweep.
    get_templates = {op.split(" ", 1)[1] for op in app_operations(app) if op.startswith("GET ")}
    missing_ops = get_templates - {c.template for c in calls}
    assert not missing_ops, f"GET operations the sweep does not call: {sorted(missing_ops)}"

    outsiders: dict[str, Actor | None] = {
        "startup_a": world.startup_a,
        "dept_b": world.dept_b,
        "reviewer_b": reviewer_b,
        "anonymous": None,
    }
    scan = Scan({"marker": needles(marker), "draft_marker": needles(draft_marker)})
    for who, caller in outsiders.items():
        seen = await run_sweep(client, who, caller, calls, scan, settings)
        for pid in (submitted["id"], draft["id"]):
            status, _ = seen[f"http://oip.test/proposals/{pid}"]
            assert status == (401 if who == "anonymous" else 404), (who, pid, status)
    outsider_hits = list(scan.hits)
    outsider_scanned = scan.scanned

    # The owner: department A and its reviewer see the submitted proposal, never the draft.
    owner_scan = Scan({"marker": needles(marker), "draft_marker": needles(draft_marker)})
    for who, caller in {"dept_a": world.dept_a, "reviewer_a": world.reviewer_a}.items():
        seen = await run_sweep(client, who, caller, calls, owner_scan, settings)
        status, found = seen[f"http://oip.test/proposals/{submitted['id']}"]
        assert status == 200 and found == ["marker"], (who, status, found)
        status, found = seen[f"http://oip.test/proposals/{draft['id']}"]
        assert status == 404 and not found, (who, status, found)
        ranked = [
            found
            for url, (status, found) in seen.items()
            if f"/matching/challenges/{ch_a['id']}/proposals?method=lexical" in url
        ]
        assert ranked == [["marker"]], (who, ranked)
        listed = seen[f"http://oip.test/proposals?challenge_id={ch_a['id']}&limit=100"]
        assert listed == (200, ["marker"]), (who, listed)
    owner_hits = [h for h in owner_scan.hits if h[1] == "draft_marker"]
    owner_found = sum(1 for h in owner_scan.hits if h[1] == "marker")

    print(
        f"\nsentinel: {outsider_scanned} outsider responses scanned "
        f"({len(calls)} GETs x {len(outsiders)} callers), {len(outsider_hits)} hits; "
        f"owner side: {owner_scan.scanned} responses, marker in {owner_found}, "
        f"draft marker in {len(owner_hits)}"
    )
    assert not outsider_hits, "confidential marker leaked:\n" + "\n".join(map(str, outsider_hits))
    assert not owner_hits, "department A saw B's draft:\n" + "\n".join(map(str, owner_hits))
    assert len(calls) >= 150 and outsider_scanned == len(calls) * len(outsiders)
