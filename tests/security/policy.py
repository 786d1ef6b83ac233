"""The authorization policy of the all-in-one app, as data.

``POLICY`` lists, for every operation (HTTP method + route template as in ``app.routes``) and
every state of the object it acts on that matters, the status code each role must get:

- ``anonymous``: no Authorization header;
- ``admin``;
- ``own_department`` / ``reviewer``: staff / reviewer of the department that owns the object
  (department A of the test world, or a fresh department when the state creates one);
- ``other_department``: staff of department B;
- ``own_startup``: member of the startup that owns the object (startup A, or a fresh startup);
- ``other_startup``: member of startup B.

An expectation is a status code, or for list-shaped answers (lists, rankings, search)
``LISTED`` / ``UNLISTED``: 200 and the arranged object is / is not among the items. Every
list answer is also checked never to contain the arrangement's ``hidden`` objects.

The rules the table encodes (README "The rules in short" and the services' code): 401 without
a token; a hidden object is 404 (drafts of another department, other people's proposals,
rankings that are not yours); a visible object you may not change is 403; organisation
management and the change feeds are admin-only (403); ``/livez``, ``/readyz`` and ``/metrics``
are public.

Each state names an *arrange* function that creates the objects through the API and returns
their ids; ``request_for`` turns a row and an arrangement into the HTTP request (path filled
from the ids, a valid body, If-Match where the operation needs it).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from services.core.auth import Role
from services.core.settings import Settings
from tests.conftest import Actor, actor
from tests.factories import challenge_body, proposal_body

# --- roles and expectations ---------------------------------------------------------------------

ANONYMOUS = "anonymous"
ADMIN = "admin"
OWN_DEPARTMENT = "own_department"
OTHER_DEPARTMENT = "other_department"
REVIEWER = "reviewer"
OWN_STARTUP = "own_startup"
OTHER_STARTUP = "other_startup"
ROLES: tuple[str, ...] = (
    ANONYMOUS,
    ADMIN,
    OWN_DEPARTMENT,
    OTHER_DEPARTMENT,
    REVIEWER,
    OWN_STARTUP,
    OTHER_STARTUP,
)

LISTED = "listed"
"""200, and the arranged object is among the items."""
UNLISTED = "unlisted"
"""200, and the arranged object is not among the items."""

Expect = int | str


def expect(
    *,
    admin: Expect,
    own_department: Expect,
    other_department: Expect,
    reviewer: Expect,
    own_startup: Expect,
    other_startup: Expect,
    anonymous: Expect = 401,
) -> dict[str, Expect]:
    """One expectation per role (anonymous is 401 unless stated)."""
    return {
        ANONYMOUS: anonymous,
        ADMIN: admin,
        OWN_DEPARTMENT: own_department,
        OTHER_DEPARTMENT: other_department,
        REVIEWER: reviewer,
        OWN_STARTUP: own_startup,
        OTHER_STARTUP: other_startup,
    }


def signed_in(outcome: Expect, *, anonymous: Expect = 401) -> dict[str, Expect]:
    """The same outcome for every signed-in role."""
    return expect(
        admin=outcome,
        own_department=outcome,
        other_department=outcome,
        reviewer=outcome,
        own_startup=outcome,
        other_startup=outcome,
        anonymous=anonymous,
    )


def admin_only(ok: Expect, denied: Expect = 403) -> dict[str, Expect]:
    """Admins get `ok`, every other signed-in role `denied`."""
    return expect(
        admin=ok,
        own_department=denied,
        other_department=denied,
        reviewer=denied,
        own_startup=denied,
        other_startup=denied,
    )


@dataclass(frozen=True)
class Row:
    """One operation in one state: the expected outcome for every role."""

    op: str
    """HTTP method and route template, e.g. ``GET /proposals/{proposal_id}``."""
    state: str
    """The state of the object the operation acts on (also the test id part)."""
    expect: Mapping[str, Expect]
    arrange: str = ""
    """Name of the arrange function in ``ARRANGE``; defaults to ``state``."""
    body: Mapping[str, Any] | None = None
    """Fields merged into the operation's default body (e.g. the target status)."""
    query: Mapping[str, Any] | None = None
    """Query parameters merged into the operation's defaults; ``"{name}"`` is filled from the
    arrangement's ids, ``None`` removes a default."""
    note: str = ""

    @property
    def method(self) -> str:
        """The HTTP method."""
        return self.op.split(" ", 1)[0]

    @property
    def template(self) -> str:
        """The route template."""
        return self.op.split(" ", 1)[1]

    @property
    def arrange_name(self) -> str:
        """Which arrange function sets the state up."""
        return self.arrange or self.state

    @property
    def mutating(self) -> bool:
        """Whether the operation changes data (each cell then gets a fresh arrangement)."""
        return self.method not in ("GET", "HEAD", "OPTIONS")


# fmt: off
# The table is data: one row per (operation, state), laid out by hand for reading.
OWNER_STAFF_ONLY_404 = expect(  # staff of the owning department (and admins) see it, others 404
    admin=200, own_department=200, other_department=404, reviewer=200, own_startup=404, other_startup=404
)

POLICY: list[Row] = [
    # --- health and metrics: public ------------------------------------------------------------
    Row("GET /livez", "none", signed_in(200, anonymous=200)),
    Row("GET /readyz", "none", signed_in(200, anonymous=200)),
    Row("GET /metrics", "none", signed_in(200, anonymous=200)),
    # --- organisations: admins manage them; departments are public, startups to members ---------
    Row("POST /orgs", "none", admin_only(201)),
    Row("GET /orgs", "startup_org", admin_only(LISTED)),
    Row("GET /orgs/{org_id}", "department_org", signed_in(200)),
    Row(
        "GET /orgs/{org_id}",
        "startup_org",
        expect(admin=200, own_department=404, other_department=404, reviewer=404,
               own_startup=200, other_startup=404),
    ),
    Row("GET /orgs/{org_id}", "missing", signed_in(404)),
    Row("PATCH /orgs/{org_id}", "department_org", admin_only(200)),
    Row("PATCH /orgs/{org_id}", "startup_org", admin_only(200)),
    Row("PATCH /orgs/{org_id}", "missing", admin_only(404)),
    # --- challenges ----------------------------------------------------------------------------
    Row(
        "POST /challenges",
        "for_own_department",
        expect(admin=201, own_department=201, other_department=403, reviewer=403,
               own_startup=403, other_startup=403),
        arrange="none",
        query={"department_id": "{department_id}"},
        note="?department_id= names the owner: admins may name any, staff only their own",
    ),
    Row(
        "POST /challenges",
        "without_department_id",
        expect(admin=422, own_department=201, other_department=201, reviewer=403,
               own_startup=403, other_startup=403),
        arrange="none",
        note="staff post for their own department; admins must name one (422)",
    ),
    Row(
        "POST /challenges",
        "idempotency_key_used_by_own_department",
        expect(admin=422, own_department=201, other_department=201, reviewer=403,
               own_startup=403, other_startup=403),
        note="same Idempotency-Key and body: department A gets its own first response replayed, "
        "anyone else a fresh creation (or refusal), never department A's challenge",
    ),
    Row(
        "POST /challenges",
        "idempotency_key_reused_for_another_department",
        expect(admin=422, own_department=403, other_department=201, reviewer=403,
               own_startup=403, other_startup=403),
        query={"department_id": "{other_department_id}"},
        note="the admin drafted for department A with this key and body; the same key for "
        "department B is another request (422), never a replay of A's challenge. BUG: the "
        "idempotency fingerprint ignores ?department_id= (services/core/idempotency.py)",
    ),
    Row(
        "GET /challenges",
        "draft",
        expect(admin=LISTED, own_department=LISTED, other_department=UNLISTED, reviewer=LISTED,
               own_startup=UNLISTED, other_startup=UNLISTED),
        arrange="draft_challenge",
    ),
    Row(
        "GET /challenges",
        "draft_filtered_by_status_and_department",
        expect(admin=LISTED, own_department=LISTED, other_department=UNLISTED, reviewer=LISTED,
               own_startup=UNLISTED, other_startup=UNLISTED),
        arrange="draft_challenge",
        query={"status": "draft", "department_id": "{department_id}", "q": None},
        note="asking for another department's drafts explicitly still hides them",
    ),
    Row("GET /challenges", "published", signed_in(LISTED), arrange="published_challenge"),
    Row(
        "GET /challenges",
        "published_unfiltered",
        signed_in(LISTED),
        arrange="published_challenge",
        query={"q": None},
    ),
    Row("GET /challenges", "closed", signed_in(LISTED), arrange="closed_challenge"),
    Row(
        "GET /challenges/{challenge_id}", "draft", OWNER_STAFF_ONLY_404, arrange="draft_challenge"
    ),
    Row("GET /challenges/{challenge_id}", "published", signed_in(200), arrange="published_challenge"),
    Row("GET /challenges/{challenge_id}", "closed", signed_in(200), arrange="closed_challenge"),
    Row("GET /challenges/{challenge_id}", "missing", signed_in(404)),
    Row(
        "PATCH /challenges/{challenge_id}",
        "draft",
        expect(admin=200, own_department=200, other_department=404, reviewer=403,
               own_startup=404, other_startup=404),
        arrange="draft_challenge",
    ),
    Row(
        "PATCH /challenges/{challenge_id}",
        "published",
        expect(admin=200, own_department=200, other_department=403, reviewer=403,
               own_startup=403, other_startup=403),
        arrange="published_challenge",
    ),
    Row(
        "PATCH /challenges/{challenge_id}",
        "closed",
        expect(admin=409, own_department=409, other_department=403, reviewer=403,
               own_startup=403, other_startup=403),
        arrange="closed_challenge",
    ),
    Row("PATCH /challenges/{challenge_id}", "missing", signed_in(404)),
    Row(
        "POST /challenges/{challenge_id}/status",
        "draft->published",
        expect(admin=200, own_department=200, other_department=404, reviewer=403,
               own_startup=404, other_startup=404),
        arrange="draft_challenge",
        body={"status": "published"},
    ),
    Row(
        "POST /challenges/{challenge_id}/status",
        "draft->closed",
        expect(admin=409, own_department=409, other_department=404, reviewer=403,
               own_startup=404, other_startup=404),
        arrange="draft_challenge",
        body={"status": "closed"},
    ),
    Row(
        "POST /challenges/{challenge_id}/status",
        "published->closed",
        expect(admin=200, own_department=200, other_department=403, reviewer=403,
               own_startup=403, other_startup=403),
        arrange="published_challenge",
        body={"status": "closed"},
    ),
    Row(
        "POST /challenges/{challenge_id}/status",
        "published->draft",
        expect(admin=409, own_department=409, other_department=403, reviewer=403,
               own_startup=403, other_startup=403),
        arrange="published_challenge",
        body={"status": "draft"},
    ),
    Row(
        "POST /challenges/{challenge_id}/status",
        "closed->evaluating",
        expect(admin=200, own_department=200, other_department=403, reviewer=403,
               own_startup=403, other_startup=403),
        arrange="closed_challenge",
        body={"status": "evaluating"},
    ),
    Row(
        "POST /challenges/{challenge_id}/status",
        "missing",
        signed_in(404),
        body={"status": "published"},
    ),
    Row("GET /feed/challenges", "draft", admin_only(200), arrange="draft_challenge"),
    # --- startup profiles: public to signed-in users, written by members ------------------------
    Row(
        "PUT /startups/{startup_id}",
        "no_profile",
        expect(admin=201, own_department=403, other_department=403, reviewer=403,
               own_startup=201, other_startup=403),
    ),
    Row(
        "PUT /startups/{startup_id}",
        "profile",
        expect(admin=200, own_department=403, other_department=403, reviewer=403,
               own_startup=200, other_startup=403),
    ),
    Row("GET /startups/{startup_id}", "profile", signed_in(200)),
    Row("GET /startups/{startup_id}", "no_profile", signed_in(404)),
    Row("GET /startups", "profile", signed_in(LISTED)),
    Row("GET /feed/profiles", "profile", admin_only(200)),
    # --- proposals: confidential to the startup, the owning department once submitted, admins ---
    Row(
        "POST /proposals",
        "published_challenge",
        expect(admin=403, own_department=403, other_department=403, reviewer=403,
               own_startup=201, other_startup=201),
    ),
    Row(
        "POST /proposals",
        "draft_challenge",
        expect(admin=403, own_department=403, other_department=403, reviewer=403,
               own_startup=404, other_startup=404),
        note="a startup cannot even learn that a draft challenge exists",
    ),
    Row(
        "POST /proposals",
        "closed_challenge",
        expect(admin=403, own_department=403, other_department=403, reviewer=403,
               own_startup=409, other_startup=409),
    ),
    Row(
        "POST /proposals",
        "active_proposal_exists",
        expect(admin=403, own_department=403, other_department=403, reviewer=403,
               own_startup=409, other_startup=201),
        arrange="submitted_proposal",
        note="one active proposal per (startup, challenge): only the owner's second one is 409",
    ),
    Row(
        "POST /proposals",
        "idempotency_key_used_by_own_startup",
        expect(admin=403, own_department=403, other_department=403, reviewer=403,
               own_startup=201, other_startup=201),
        note="same Idempotency-Key and body: startup A gets its proposal replayed, startup B a new "
        "one of its own, never A's",
    ),
    Row(
        "POST /proposals",
        "missing",
        expect(admin=403, own_department=403, other_department=403, reviewer=403,
               own_startup=404, other_startup=404),
    ),
    Row(
        "GET /proposals",
        "draft",
        expect(admin=LISTED, own_department=UNLISTED, other_department=UNLISTED, reviewer=UNLISTED,
               own_startup=LISTED, other_startup=UNLISTED),
        arrange="draft_proposal",
    ),
    Row(
        "GET /proposals",
        "submitted",
        expect(admin=LISTED, own_department=LISTED, other_department=UNLISTED, reviewer=LISTED,
               own_startup=LISTED, other_startup=UNLISTED),
        arrange="submitted_proposal",
    ),
    Row(
        "GET /proposals",
        "submitted_unfiltered",
        expect(admin=LISTED, own_department=LISTED, other_department=UNLISTED, reviewer=LISTED,
               own_startup=LISTED, other_startup=UNLISTED),
        arrange="submitted_proposal",
        query={"challenge_id": None},
    ),
    Row(
        "GET /proposals",
        "draft_filtered_by_status",
        expect(admin=LISTED, own_department=UNLISTED, other_department=UNLISTED, reviewer=UNLISTED,
               own_startup=LISTED, other_startup=UNLISTED),
        arrange="draft_proposal",
        query={"status": "draft"},
    ),
    Row(
        "GET /proposals",
        "withdrawn",
        expect(admin=LISTED, own_department=LISTED, other_department=UNLISTED, reviewer=LISTED,
               own_startup=LISTED, other_startup=UNLISTED),
        arrange="withdrawn_proposal",
        note="withdrawn after submission: the department keeps seeing what it received",
    ),
    Row(
        "GET /proposals/{proposal_id}",
        "draft",
        expect(admin=200, own_department=404, other_department=404, reviewer=404,
               own_startup=200, other_startup=404),
        arrange="draft_proposal",
    ),
    Row(
        "GET /proposals/{proposal_id}",
        "submitted",
        expect(admin=200, own_department=200, other_department=404, reviewer=200,
               own_startup=200, other_startup=404),
        arrange="submitted_proposal",
    ),
    Row(
        "GET /proposals/{proposal_id}",
        "withdrawn",
        expect(admin=200, own_department=200, other_department=404, reviewer=200,
               own_startup=200, other_startup=404),
        arrange="withdrawn_proposal",
    ),
    Row(
        "GET /proposals/{proposal_id}",
        "withdrawn_draft",
        expect(admin=200, own_department=404, other_department=404, reviewer=404,
               own_startup=200, other_startup=404),
        note="withdrawn without ever being submitted: the department never sees it",
    ),
    Row("GET /proposals/{proposal_id}", "missing", signed_in(404)),
    Row(
        "PATCH /proposals/{proposal_id}",
        "draft",
        expect(admin=403, own_department=404, other_department=404, reviewer=404,
               own_startup=200, other_startup=404),
        arrange="draft_proposal",
    ),
    Row(
        "PATCH /proposals/{proposal_id}",
        "submitted",
        expect(admin=403, own_department=403, other_department=404, reviewer=403,
               own_startup=200, other_startup=404),
        arrange="submitted_proposal",
    ),
    Row(
        "PATCH /proposals/{proposal_id}",
        "shortlisted",
        expect(admin=403, own_department=403, other_department=404, reviewer=403,
               own_startup=409, other_startup=404),
        arrange="shortlisted_proposal",
    ),
    Row(
        "PATCH /proposals/{proposal_id}",
        "submitted_challenge_closed",
        expect(admin=403, own_department=403, other_department=404, reviewer=403,
               own_startup=409, other_startup=404),
    ),
    Row("PATCH /proposals/{proposal_id}", "missing", signed_in(404)),
    Row(
        "POST /proposals/{proposal_id}/status",
        "draft->submitted",
        expect(admin=409, own_department=404, other_department=404, reviewer=404,
               own_startup=200, other_startup=404),
        arrange="draft_proposal",
        body={"status": "submitted"},
    ),
    Row(
        "POST /proposals/{proposal_id}/status",
        "submitted->withdrawn",
        expect(admin=409, own_department=409, other_department=404, reviewer=403,
               own_startup=200, other_startup=404),
        arrange="submitted_proposal",
        body={"status": "withdrawn"},
        note="withdrawing is the startup's move; for admins/staff it is not a legal decision (409)",
    ),
    Row(
        "POST /proposals/{proposal_id}/status",
        "submitted->shortlisted",
        expect(admin=200, own_department=200, other_department=404, reviewer=403,
               own_startup=409, other_startup=404),
        arrange="submitted_proposal",
        body={"status": "shortlisted"},
        note="deciding is the department's move; for the startup it is not a legal move (409)",
    ),
    Row(
        "POST /proposals/{proposal_id}/status",
        "shortlisted->selected",
        expect(admin=200, own_department=200, other_department=404, reviewer=403,
               own_startup=409, other_startup=404),
        arrange="shortlisted_proposal",
        body={"status": "selected"},
    ),
    Row(
        "POST /proposals/{proposal_id}/status",
        "missing",
        signed_in(404),
        body={"status": "withdrawn"},
    ),
    Row("GET /feed/proposals", "draft_proposal", admin_only(200)),
    # --- audit log: administrators only -----------------------------------------------------------
    Row(
        "GET /audit/events",
        "proposal_read_by_department",
        admin_only(LISTED),
        query={"object_id": "{proposal_id}"},
    ),
    # --- matching -------------------------------------------------------------------------------
    Row(
        "GET /matching/challenges/{challenge_id}/proposals",
        "published",
        expect(admin=LISTED, own_department=LISTED, other_department=404, reviewer=LISTED,
               own_startup=404, other_startup=404),
        arrange="ranked_challenge",
        note="startup B's draft to the same challenge is never ranked",
    ),
    Row(
        "GET /matching/challenges/{challenge_id}/proposals",
        "draft",
        OWNER_STAFF_ONLY_404,
        arrange="draft_challenge",
    ),
    Row(
        "GET /matching/challenges/{challenge_id}/proposals",
        "closed",
        expect(admin=200, own_department=200, other_department=404, reviewer=200,
               own_startup=404, other_startup=404),
        arrange="closed_challenge",
    ),
    Row("GET /matching/challenges/{challenge_id}/proposals", "missing", signed_in(404)),
    Row(
        "GET /matching/challenges/{challenge_id}/startups",
        "published",
        expect(admin=LISTED, own_department=LISTED, other_department=404, reviewer=LISTED,
               own_startup=404, other_startup=404),
        arrange="ranked_challenge",
    ),
    Row(
        "GET /matching/challenges/{challenge_id}/startups",
        "draft",
        OWNER_STAFF_ONLY_404,
        arrange="draft_challenge",
    ),
    Row("GET /matching/challenges/{challenge_id}/startups", "missing", signed_in(404)),
    Row(
        "GET /matching/startups/{startup_id}/challenges",
        "profile",
        expect(admin=LISTED, own_department=404, other_department=404, reviewer=404,
               own_startup=LISTED, other_startup=404),
        arrange="recommendable_profile",
        note="a draft challenge with the same words is never recommended",
    ),
    Row(
        "GET /matching/startups/{startup_id}/challenges",
        "no_profile",
        signed_in(404),
    ),
    Row(
        "GET /matching/challenges/{challenge_id}/similar",
        "published",
        signed_in(LISTED),
        arrange="similar_to_published",
        note="another department's published challenge is listed, its draft never",
    ),
    Row(
        "GET /matching/challenges/{challenge_id}/similar",
        "draft",
        expect(admin=LISTED, own_department=LISTED, other_department=404, reviewer=LISTED,
               own_startup=404, other_startup=404),
        arrange="similar_to_draft",
    ),
    Row("GET /matching/challenges/{challenge_id}/similar", "missing", signed_in(404)),
    Row(
        "GET /matching/search",
        "challenges",
        signed_in(LISTED),
        arrange="searchable_challenges",
        query={"target": "challenges"},
        note="open challenges only: a draft with the same words is never found",
    ),
    Row(
        "GET /matching/search",
        "startups",
        signed_in(LISTED),
        arrange="profile",
        query={"target": "startups"},
    ),
    Row(
        "GET /matching/search",
        "proposals_submitted",
        expect(admin=LISTED, own_department=LISTED, other_department=UNLISTED, reviewer=LISTED,
               own_startup=LISTED, other_startup=UNLISTED),
        arrange="submitted_proposal",
        query={"target": "proposals"},
    ),
    Row(
        "GET /matching/search",
        "proposals_draft",
        signed_in(UNLISTED),
        arrange="draft_proposal",
        query={"target": "proposals"},
        note="drafts are not indexed at all (so not even their startup finds them here)",
    ),
]
# fmt: on


# --- arrangements ---------------------------------------------------------------------------------


@dataclass
class Ctx:
    """What arrange functions work with: the client and the world's actors."""

    client: httpx.AsyncClient
    settings: Settings
    actors: dict[str, Actor]

    @property
    def admin(self) -> Actor:
        """The platform administrator."""
        return self.actors[ADMIN]

    async def call(
        self,
        who: Actor,
        method: str,
        path: str,
        expected: int,
        headers: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """Call the API and insist on the status (an arrangement that fails is a test error)."""
        r = await self.client.request(
            method, path, headers={**who.headers, **(headers or {})}, **kwargs
        )
        assert r.status_code == expected, f"arrange: {method} {path} -> {r.status_code} {r.text}"
        return r

    async def new_org(self, kind: str, name: str) -> uuid.UUID:
        """Register an organisation as the admin."""
        r = await self.call(self.admin, "POST", "/orgs", 201, json={"kind": kind, "name": name})
        return uuid.UUID(r.json()["id"])


@dataclass
class Arranged:
    """The objects an arrangement created."""

    ids: dict[str, str] = field(default_factory=dict)
    word: str = ""
    """A unique word in every arranged text, to find them with `q`."""
    etag: str | None = None
    """The current ETag of the primary object (for If-Match)."""
    hidden: dict[str, str] = field(default_factory=dict)
    """Objects no list answer may ever contain, whoever asks (id name → id)."""
    actors: dict[str, Actor] = field(default_factory=dict)
    """Roles played by fresh organisations' members instead of the world's."""
    headers: dict[str, str] = field(default_factory=dict)
    """Extra request headers (e.g. an Idempotency-Key already used)."""
    private_ids: tuple[str, ...] = ()
    """Ids that only the roles in `private_to` may ever receive in an answer of this cell..."""
    private_to: frozenset[str] = frozenset()
    """...and that those roles must receive (the replay of their own first response)."""


def new_word() -> str:
    """A unique, searchable word (letters and digits only)."""
    return "mx" + uuid.uuid4().hex[:16]


def _base_ids(ctx: Ctx) -> dict[str, str]:
    return {
        "department_id": str(ctx.actors[OWN_DEPARTMENT].org),
        "other_department_id": str(ctx.actors[OTHER_DEPARTMENT].org),
    }


async def _challenge(
    ctx: Ctx, word: str, *, by: str = OWN_DEPARTMENT, publish: bool = False, close: bool = False
) -> tuple[str, str]:
    who = ctx.actors[by]
    r = await ctx.call(
        who,
        "POST",
        "/challenges",
        201,
        json=challenge_body(
            title=f"Số hóa hồ sơ bệnh án {word}",
            summary=f"Chuyển hồ sơ bệnh án giấy sang bệnh án điện tử {word}.",
        ),
    )
    cid, etag = r.json()["id"], r.headers["etag"]
    for status in (["published"] if publish or close else []) + (["closed"] if close else []):
        r = await ctx.call(who, "POST", f"/challenges/{cid}/status", 200, json={"status": status})
        etag = r.headers["etag"]
    return cid, etag


async def _proposal(
    ctx: Ctx, challenge_id: str, word: str, *, by: str = OWN_STARTUP, submit: bool
) -> tuple[str, str]:
    r = await ctx.call(
        ctx.actors[by],
        "POST",
        "/proposals",
        201,
        json=proposal_body(
            challenge_id,
            title=f"Bệnh án điện tử {word}",
            summary=f"Số hóa hồ sơ bệnh án {word}.",
            approach=f"Khảo sát, số hóa, tích hợp HIS {word}.",
            submit=submit,
        ),
    )
    return r.json()["id"], r.headers["etag"]


def profile_json(word: str) -> dict[str, Any]:
    """A valid startup profile that mentions `word` and the health challenge's words."""
    return {
        "name": f"Startup {word}",
        "description": f"Bệnh án điện tử, số hóa hồ sơ bệnh án cho bệnh viện quận {word}.",
        "sectors": ["health"],
        "stage": "mvp",
    }


async def _fresh_startup(
    ctx: Ctx, word: str, *, with_profile: bool
) -> tuple[str, Actor, str | None]:
    org = await ctx.new_org("startup", f"Startup {word}")
    member = actor(ctx.settings, Role.startup, org, f"member@{word}")
    etag = None
    if with_profile:
        r = await ctx.call(member, "PUT", f"/startups/{org}", 201, json=profile_json(word))
        etag = r.headers["etag"]
    return str(org), member, etag


async def none(ctx: Ctx) -> Arranged:
    """Nothing to create."""
    return Arranged(ids=_base_ids(ctx), word=new_word())


async def missing(ctx: Ctx) -> Arranged:
    """Ids of objects that do not exist."""
    ids = {k: str(uuid.uuid4()) for k in ("org_id", "challenge_id", "proposal_id", "startup_id")}
    return Arranged(ids={**_base_ids(ctx), **ids}, word=new_word(), etag='"v1"')


async def department_org(ctx: Ctx) -> Arranged:
    """A fresh department; own_department and reviewer are its staff."""
    word = new_word()
    org = await ctx.new_org("department", f"Sở {word}")
    return Arranged(
        ids={**_base_ids(ctx), "org_id": str(org)},
        word=word,
        actors={
            OWN_DEPARTMENT: actor(ctx.settings, Role.department, org, f"staff@{word}"),
            REVIEWER: actor(ctx.settings, Role.reviewer, org, f"reviewer@{word}"),
        },
    )


async def startup_org(ctx: Ctx) -> Arranged:
    """A fresh startup organisation (no profile); own_startup is its member."""
    word = new_word()
    org, member, _ = await _fresh_startup(ctx, word, with_profile=False)
    return Arranged(ids={**_base_ids(ctx), "org_id": org}, word=word, actors={OWN_STARTUP: member})


async def no_profile(ctx: Ctx) -> Arranged:
    """A fresh startup without a profile; own_startup is its member."""
    word = new_word()
    org, member, _ = await _fresh_startup(ctx, word, with_profile=False)
    return Arranged(
        ids={**_base_ids(ctx), "startup_id": org}, word=word, actors={OWN_STARTUP: member}
    )


async def profile(ctx: Ctx) -> Arranged:
    """A fresh startup with a public profile; own_startup is its member."""
    word = new_word()
    org, member, etag = await _fresh_startup(ctx, word, with_profile=True)
    return Arranged(
        ids={**_base_ids(ctx), "startup_id": org},
        word=word,
        etag=etag,
        actors={OWN_STARTUP: member},
    )


async def draft_challenge(ctx: Ctx) -> Arranged:
    """A draft challenge of department A."""
    word = new_word()
    cid, etag = await _challenge(ctx, word)
    return Arranged(ids={**_base_ids(ctx), "challenge_id": cid}, word=word, etag=etag)


async def published_challenge(ctx: Ctx) -> Arranged:
    """A published challenge of department A."""
    word = new_word()
    cid, etag = await _challenge(ctx, word, publish=True)
    return Arranged(ids={**_base_ids(ctx), "challenge_id": cid}, word=word, etag=etag)


async def closed_challenge(ctx: Ctx) -> Arranged:
    """A closed challenge of department A."""
    word = new_word()
    cid, etag = await _challenge(ctx, word, close=True)
    return Arranged(ids={**_base_ids(ctx), "challenge_id": cid}, word=word, etag=etag)


async def _with_proposal(ctx: Ctx, *, submit: bool) -> Arranged:
    word = new_word()
    cid, _ = await _challenge(ctx, word, publish=True)
    pid, etag = await _proposal(ctx, cid, word, submit=submit)
    return Arranged(
        ids={**_base_ids(ctx), "challenge_id": cid, "proposal_id": pid}, word=word, etag=etag
    )


async def draft_proposal(ctx: Ctx) -> Arranged:
    """Startup A's draft proposal to a published challenge of department A."""
    return await _with_proposal(ctx, submit=False)


async def submitted_proposal(ctx: Ctx) -> Arranged:
    """Startup A's submitted proposal to a published challenge of department A."""
    return await _with_proposal(ctx, submit=True)


async def _move_proposal(ctx: Ctx, arranged: Arranged, by: str, status: str) -> Arranged:
    r = await ctx.call(
        ctx.actors[by],
        "POST",
        f"/proposals/{arranged.ids['proposal_id']}/status",
        200,
        json={"status": status},
    )
    arranged.etag = r.headers["etag"]
    return arranged


async def withdrawn_proposal(ctx: Ctx) -> Arranged:
    """Startup A's proposal, submitted then withdrawn."""
    return await _move_proposal(ctx, await submitted_proposal(ctx), OWN_STARTUP, "withdrawn")


async def withdrawn_draft(ctx: Ctx) -> Arranged:
    """Startup A's draft, withdrawn without ever being submitted."""
    return await _move_proposal(ctx, await draft_proposal(ctx), OWN_STARTUP, "withdrawn")


async def shortlisted_proposal(ctx: Ctx) -> Arranged:
    """Startup A's proposal, submitted then shortlisted by department A."""
    return await _move_proposal(ctx, await submitted_proposal(ctx), OWN_DEPARTMENT, "shortlisted")


async def submitted_challenge_closed(ctx: Ctx) -> Arranged:
    """Startup A's submitted proposal to a challenge department A has since closed."""
    arranged = await submitted_proposal(ctx)
    await ctx.call(
        ctx.actors[OWN_DEPARTMENT],
        "POST",
        f"/challenges/{arranged.ids['challenge_id']}/status",
        200,
        json={"status": "closed"},
    )
    return arranged


async def ranked_challenge(ctx: Ctx) -> Arranged:
    """A published challenge of department A with startup A's submitted proposal, startup B's
    draft (hidden) and a fresh startup whose public profile fits it."""
    arranged = await submitted_proposal(ctx)
    cid, word = arranged.ids["challenge_id"], arranged.word
    draft_id, _ = await _proposal(ctx, cid, word, by=OTHER_STARTUP, submit=False)
    startup_id, _, _ = await _fresh_startup(ctx, word, with_profile=True)
    arranged.ids["startup_id"] = startup_id
    arranged.hidden["proposal_id"] = draft_id
    return arranged


async def recommendable_profile(ctx: Ctx) -> Arranged:
    """A fresh startup with a profile, a published challenge that fits it and a draft (hidden)."""
    word = new_word()
    org, member, etag = await _fresh_startup(ctx, word, with_profile=True)
    cid, _ = await _challenge(ctx, word, publish=True)
    draft_id, _ = await _challenge(ctx, word)
    return Arranged(
        ids={**_base_ids(ctx), "startup_id": org, "challenge_id": cid},
        word=word,
        etag=etag,
        hidden={"challenge_id": draft_id},
        actors={OWN_STARTUP: member},
    )


async def _similar(ctx: Ctx, *, publish_target: bool) -> Arranged:
    word = new_word()
    target, _ = await _challenge(ctx, word, publish=publish_target)
    other_published, _ = await _challenge(ctx, word, by=OTHER_DEPARTMENT, publish=True)
    other_draft, _ = await _challenge(ctx, word, by=OTHER_DEPARTMENT)
    own_draft, _ = await _challenge(ctx, word)
    return Arranged(
        ids={**_base_ids(ctx), "challenge_id": target, "similar_id": other_published},
        word=word,
        hidden={"other_draft": other_draft, "own_draft": own_draft},
    )


async def similar_to_published(ctx: Ctx) -> Arranged:
    """A published challenge of A; B's published look-alike (listed) and drafts (hidden)."""
    return await _similar(ctx, publish_target=True)


async def similar_to_draft(ctx: Ctx) -> Arranged:
    """A draft challenge of A; B's published look-alike (listed) and drafts (hidden)."""
    return await _similar(ctx, publish_target=False)


async def searchable_challenges(ctx: Ctx) -> Arranged:
    """A published challenge of A (found) and a draft with the same words (never found)."""
    arranged = await published_challenge(ctx)
    draft_id, _ = await _challenge(ctx, arranged.word)
    arranged.hidden["challenge_id"] = draft_id
    return arranged


async def idempotency_key_used_by_own_department(ctx: Ctx) -> Arranged:
    """Department A created a challenge with an Idempotency-Key; the cell repeats key and body."""
    arranged = await none(ctx)
    arranged.headers = {"Idempotency-Key": f"key-{arranged.word}"}
    body = BUILDERS["POST /challenges"](arranged)["json"]
    r = await ctx.call(
        ctx.actors[OWN_DEPARTMENT], "POST", "/challenges", 201, json=body, headers=arranged.headers
    )
    arranged.private_ids, arranged.private_to = (r.json()["id"],), frozenset({OWN_DEPARTMENT})
    return arranged


async def idempotency_key_reused_for_another_department(ctx: Ctx) -> Arranged:
    """The admin drafted a challenge for department A with an Idempotency-Key; the cell sends
    the same key and body for department B. No answer of the cell may carry A's challenge."""
    arranged = await none(ctx)
    arranged.headers = {"Idempotency-Key": f"key-{arranged.word}"}
    body = BUILDERS["POST /challenges"](arranged)["json"]
    r = await ctx.call(
        ctx.admin,
        "POST",
        "/challenges",
        201,
        json=body,
        headers=arranged.headers,
        params={"department_id": arranged.ids["department_id"]},
    )
    arranged.private_ids = (r.json()["id"],)
    return arranged


async def idempotency_key_used_by_own_startup(ctx: Ctx) -> Arranged:
    """Startup A sent a proposal with an Idempotency-Key; the cell repeats key and body."""
    arranged = await published_challenge(ctx)
    arranged.headers = {"Idempotency-Key": f"key-{arranged.word}"}
    body = BUILDERS["POST /proposals"](arranged)["json"]
    r = await ctx.call(
        ctx.actors[OWN_STARTUP], "POST", "/proposals", 201, json=body, headers=arranged.headers
    )
    arranged.private_ids, arranged.private_to = (r.json()["id"],), frozenset({OWN_STARTUP})
    return arranged


async def proposal_read_by_department(ctx: Ctx) -> Arranged:
    """Startup A's submitted proposal, read once by department A (an audited read)."""
    arranged = await submitted_proposal(ctx)
    await ctx.call(
        ctx.actors[OWN_DEPARTMENT], "GET", f"/proposals/{arranged.ids['proposal_id']}", 200
    )
    return arranged


ArrangeFn = Callable[[Ctx], Awaitable[Arranged]]
ARRANGE: dict[str, ArrangeFn] = {
    fn.__name__: fn
    for fn in (
        none,
        missing,
        department_org,
        startup_org,
        no_profile,
        profile,
        draft_challenge,
        published_challenge,
        closed_challenge,
        draft_proposal,
        submitted_proposal,
        withdrawn_proposal,
        withdrawn_draft,
        shortlisted_proposal,
        submitted_challenge_closed,
        ranked_challenge,
        recommendable_profile,
        similar_to_draft,
        similar_to_published,
        searchable_challenges,
        idempotency_key_used_by_own_department,
        idempotency_key_reused_for_another_department,
        idempotency_key_used_by_own_startup,
        proposal_read_by_department,
    )
}


# --- requests -------------------------------------------------------------------------------------


@dataclass
class Request:
    """The HTTP request of one cell (without the caller's Authorization header)."""

    method: str
    path: str
    query: dict[str, Any] = field(default_factory=dict)
    json: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    item_key: str | None = None
    """For list-shaped answers: the item field holding the id."""
    listed_id: str | None = None
    """The id whose presence LISTED / UNLISTED asserts."""
    never_ids: tuple[str, ...] = ()


def _if_match(a: Arranged) -> dict[str, str]:
    return {"If-Match": a.etag} if a.etag else {}


# Per operation: default query, body, headers and how to read a list answer.
Builder = Callable[[Arranged], dict[str, Any]]
BUILDERS: dict[str, Builder] = {
    "GET /livez": lambda a: {},
    "GET /readyz": lambda a: {},
    "GET /metrics": lambda a: {},
    "POST /orgs": lambda a: {"json": {"kind": "startup", "name": f"Startup {a.word}"}},
    "GET /orgs": lambda a: {"query": {"limit": 100}, "item_key": "id", "listed": "org_id"},
    "GET /orgs/{org_id}": lambda a: {},
    "PATCH /orgs/{org_id}": lambda a: {"json": {"name": f"Renamed {a.word}"}},
    "POST /challenges": lambda a: {
        "json": challenge_body(
            title=f"Số hóa hồ sơ bệnh án {a.word}", deadline="2099-12-31T17:00:00+07:00"
        )
    },
    "GET /challenges": lambda a: {
        "query": {"q": a.word, "limit": 100},
        "item_key": "id",
        "listed": "challenge_id",
    },
    "GET /challenges/{challenge_id}": lambda a: {},
    "PATCH /challenges/{challenge_id}": lambda a: {
        "json": {"summary": f"Cập nhật {a.word}"},
        "headers": _if_match(a),
    },
    "POST /challenges/{challenge_id}/status": lambda a: {"json": {}},
    "GET /feed/challenges": lambda a: {},
    "PUT /startups/{startup_id}": lambda a: {"json": profile_json(a.word), "headers": _if_match(a)},
    "GET /startups/{startup_id}": lambda a: {},
    "GET /startups": lambda a: {
        "query": {"q": a.word, "limit": 100},
        "item_key": "id",
        "listed": "startup_id",
    },
    "GET /feed/profiles": lambda a: {},
    "POST /proposals": lambda a: {
        "json": proposal_body(a.ids["challenge_id"], title=f"Đề xuất {a.word}", submit=True)
    },
    "GET /proposals": lambda a: {
        "query": {"challenge_id": a.ids["challenge_id"], "limit": 100},
        "item_key": "id",
        "listed": "proposal_id",
    },
    "GET /proposals/{proposal_id}": lambda a: {},
    "PATCH /proposals/{proposal_id}": lambda a: {"json": {"trl": 8}, "headers": _if_match(a)},
    "POST /proposals/{proposal_id}/status": lambda a: {"json": {}},
    "GET /feed/proposals": lambda a: {},
    "GET /audit/events": lambda a: {
        "query": {"limit": 100},
        "item_key": "object_ids",
        "listed": "proposal_id",
    },
    "GET /matching/challenges/{challenge_id}/proposals": lambda a: {
        "query": {"top_k": 100, "method": "lexical"},
        "item_key": "proposal_id",
        "listed": "proposal_id",
    },
    "GET /matching/challenges/{challenge_id}/startups": lambda a: {
        "query": {"top_k": 100, "method": "lexical"},
        "item_key": "startup_id",
        "listed": "startup_id",
    },
    "GET /matching/startups/{startup_id}/challenges": lambda a: {
        "query": {"top_k": 100, "method": "lexical"},
        "item_key": "challenge_id",
        "listed": "challenge_id",
    },
    "GET /matching/challenges/{challenge_id}/similar": lambda a: {
        "query": {"top_k": 100, "method": "lexical"},
        "item_key": "challenge_id",
        "listed": "similar_id",
    },
    "GET /matching/search": lambda a: {"query": {"q": a.word, "top_k": 100, "method": "lexical"}},
}

_SEARCH_TARGETS = {
    "challenges": ("challenge_id", "challenge_id"),
    "startups": ("startup_id", "startup_id"),
    "proposals": ("proposal_id", "proposal_id"),
}


def request_for(row: Row, a: Arranged) -> Request:
    """The request of a cell: the operation's defaults, the row's overrides, the arranged ids."""
    spec = BUILDERS[row.op](a)
    query = dict(spec.get("query", {}))
    for key, value in (row.query or {}).items():
        if value is None:
            query.pop(key, None)
        elif isinstance(value, str) and value.startswith("{") and value.endswith("}"):
            query[key] = a.ids[value[1:-1]]
        else:
            query[key] = value
    body = spec.get("json")
    if row.body is not None:
        body = {**(body or {}), **row.body}
    item_key, listed = spec.get("item_key"), spec.get("listed")
    if row.op == "GET /matching/search":
        item_key, listed = _SEARCH_TARGETS[query["target"]]
    return Request(
        method=row.method,
        path=row.template.format(**a.ids),
        query=query,
        json=body,
        headers={**a.headers, **spec.get("headers", {})},
        item_key=item_key,
        listed_id=a.ids.get(listed) if listed else None,
        never_ids=tuple(a.hidden.values()),
    )


IGNORED_ROUTES = frozenset({"/docs", "/redoc", "/openapi.json", "/docs/oauth2-redirect"})
IGNORED_METHODS = frozenset({"HEAD", "OPTIONS"})


def app_operations(app: Any) -> set[str]:
    """Every "METHOD /template" of an app (FastAPI's docs routes, HEAD and OPTIONS left out)."""
    try:  # recent FastAPI keeps included routers as lazy branches of app.routes
        from fastapi.routing import iter_route_contexts

        routes = [(c.path, c.methods) for c in iter_route_contexts(app.routes)]
    except ImportError:  # pragma: no cover - older FastAPI: app.routes is flat
        routes = [(getattr(r, "path", None), getattr(r, "methods", None)) for r in app.routes]
    ops = set()
    for path, methods in routes:
        if path is None or path in IGNORED_ROUTES:
            continue
        for method in set(methods or ()) - IGNORED_METHODS:
            ops.add(f"{method} {path}")
    return ops


def cells() -> list[tuple[Row, str]]:
    """Every (row, role) pair of the table, in table order."""
    return [(row, role) for row in POLICY for role in ROLES]
