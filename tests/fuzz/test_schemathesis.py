"""Schemathesis fuzzing of every operation of the all-in-one app, in-process (ASGI).

Each operation gets `OIP_FUZZ_EXAMPLES` (default 100) generated requests, two positive for
each negative one, sent with a valid token of a drawn caller: the admin, staff of either
department, a reviewer, a member of either startup or of one without a profile yet (half of
the draws favour the roles the operation is meant for). To reach edits, transitions and
rankings instead of 404s, generated values are often replaced by real ones: path and query ids
name objects created beforehand (published, unanswered and draft challenges of both
departments, submitted and draft proposals, startup profiles), cursors are real, edits carry
`If-Match: *`, creations sometimes reuse an Idempotency-Key, and request bodies are often a
valid body with some generated fields laid over it.

Checks: no 5xx, responses conform to their schema, status codes and content types are
documented. Runs on SQLite and PostgreSQL (`OIP_FUZZ_PG=0`: SQLite only; PostgreSQL is skipped
where unreachable): about 2.5 minutes for both at the default 100 examples on a busy 2-core
machine.

Replay: runs are deterministic by default (hypothesis `derandomize=True`); set
`OIP_FUZZ_SEED=<int>` (or pytest `--hypothesis-seed=<int>`) to explore other examples. The
seed in use is printed at the start and attached to every failure; the fuzzer's figures are
printed at the end of the session (tests/fuzz/conftest.py).
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.python import asgi
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from services.core import migrate
from services.core.auth import Role, issue_token
from services.core.settings import Settings
from services.main import create_all_in_one
from tests.conftest import make_settings, throwaway_pg_database
from tests.factories import challenge_body, future, proposal_body

EXAMPLES = int(os.environ.get("OIP_FUZZ_EXAMPLES", "100"))
_SEED_ENV = os.environ.get("OIP_FUZZ_SEED", "").strip()
SEED: int | None = int(_SEED_ENV) if _SEED_ENV else None
BACKENDS = ["sqlite", *(["postgres"] if os.environ.get("OIP_FUZZ_PG", "1") != "0" else [])]
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]
# Out of 10: how often a generated id becomes a real one, an edit gets `If-Match: *`.
REAL_OUT_OF_10 = 7
# Mutating operations get fresh objects every this many examples (they wear them out).
REFRESH_EVERY = 25

FAILURE_KINDS = {
    "ServerError": "server errors",
    "UndefinedStatusCode": "undocumented statuses",
    "JsonSchemaError": "schema violations",
    "ContentDeserializationError": "schema violations",
    "MissingContentType": "content-type violations",
    "UndefinedContentType": "content-type violations",
    "MalformedMediaType": "content-type violations",
}


def _operations() -> list[str]:
    """Every operation of the all-in-one app, as `METHOD /path` (built without starting it)."""
    spec = create_all_in_one(Settings(env="development", jwt_secret=None)).openapi()
    return [f"{method.upper()} {path}" for path, item in spec["paths"].items() for method in item]


OPERATIONS = _operations()


def seed_description() -> str:
    if SEED is not None:
        return f"OIP_FUZZ_SEED={SEED}"
    if hypothesis.core.global_force_seed is not None:  # pytest --hypothesis-seed
        return f"--hypothesis-seed={hypothesis.core.global_force_seed}"
    return "derandomize=True (fixed examples; OIP_FUZZ_SEED=<int> explores others)"


@dataclass
class OperationStats:
    """What the fuzzer saw on one operation."""

    examples: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    samples: dict[str, str] = field(default_factory=dict)


# (backend, operation) -> stats; tests/fuzz/conftest.py prints them at the end of the session.
STATS: dict[tuple[str, str], OperationStats] = {}


# ----------------------------------------------------------------------------- the world


@dataclass
class Caller:
    """A principal the fuzzer sends requests as."""

    name: str
    role: Role
    org: uuid.UUID | None
    token: str = field(repr=False)


@dataclass
class Objects:
    """Real values that path, query and body parameters may take."""

    orgs: list[str]
    departments: list[str]
    startups: list[str]
    challenges: list[str] = field(default_factory=list)
    proposals: list[str] = field(default_factory=list)
    cursors: list[str] = field(default_factory=list)

    def pool(self, name: str) -> list[str]:
        """The real values a parameter with this name may take."""
        pools = {
            "challenge_id": self.challenges,
            "proposal_id": self.proposals,
            "startup_id": self.startups,
            "department_id": self.departments,
            "org_id": self.orgs,
            "object_id": [*self.challenges, *self.proposals, *self.startups],
            "cursor": self.cursors,
            "since": self.cursors,
        }
        return pools.get(name, [])


def _profile(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "description": "Giải pháp bệnh án điện tử, liên thông HL7 FHIR cho bệnh viện quận.",
        "sectors": ["health", "big_data"],
        "capabilities": ["Tích hợp HIS"],
        "technologies": ["HL7 FHIR", "OCR"],
        "stage": "growth",
        "team_size": 25,
        "website": "https://example.vn",
        "languages": ["vi", "en"],
    }


Pick = Callable[[list[str]], str]

# Valid bodies by operation id, given the real objects and a way to draw one of several
# values; generated fields are laid over them (see make_realistic).
TEMPLATES: dict[str, Callable[[Objects, Pick], dict[str, Any]]] = {
    "create_organisation": lambda _, pick: {
        "kind": pick(["startup", "department"]),
        "name": "Công ty Khởi nghiệp Xanh",
    },
    "update_organisation": lambda _, __: {"name": "Sở Y tế Thành phố Hồ Chí Minh"},
    "create_challenge": lambda _, __: challenge_body(deadline=future(30)),
    "update_challenge": lambda _, __: {"title": "Số hóa hồ sơ bệnh án", "deadline": future(40)},
    "transition_challenge": lambda _, pick: {"status": pick(["published", "closed", "cancelled"])},
    "put_startup_profile": lambda _, __: _profile("GreenTech"),
    "create_proposal": lambda o, pick: proposal_body(pick(o.challenges), submit=True),
    "update_proposal": lambda _, __: {"trl": 8, "summary": "OCR và liên thông FHIR."},
    "transition_proposal": lambda _, pick: {
        "status": pick(["submitted", "withdrawn", "shortlisted", "selected"])
    },
}

# The callers each tag is meant for; half of the draws come from these.
NATURAL_CALLERS = {
    "organisations": ["admin"],
    "challenges": ["dept_a", "dept_b"],
    "startups": ["startup_a", "startup_b", "startup_new"],
    "proposals": ["startup_a", "startup_b", "dept_a", "reviewer_a"],
    "feeds": ["admin"],
    "audit": ["admin"],
    "matching": ["dept_a", "startup_a"],
}


@dataclass
class Fuzz:
    """The running app, its schema, the callers and the client talking to it in-process."""

    backend: str
    settings: Settings
    schema: Any
    client: asgi.ASGIClient
    callers: list[Caller] = field(default_factory=list)
    objects: Objects = field(default_factory=lambda: Objects([], [], []))

    def mint(self, name: str, role: Role, org: uuid.UUID | None = None) -> None:
        """Add (or replace) the caller of this name, with a fresh token."""
        token = issue_token(self.settings, sub=f"{name}@fuzz", role=role, org=org)
        self.callers = [c for c in self.callers if c.name != name] + [
            Caller(name, role, org, token)
        ]

    def caller(self, name: str) -> Caller:
        """A caller by name."""
        return next(c for c in self.callers if c.name == name)

    def send(self, method: str, path: str, who: str, status: int, body: Any = None) -> Any:
        """Send a request as a caller, assert its status and return the JSON body."""
        headers = {"Authorization": f"Bearer {self.caller(who).token}"}
        r = self.client.request(method, path, json=body, headers=headers)
        assert r.status_code == status, (method, path, r.status_code, r.text)
        return r.json()

    def publish(self, body: dict[str, Any], dept: str) -> Any:
        """Draft and publish a challenge."""
        challenge = self.send("POST", "/challenges", dept, 201, body)
        return self.send(
            "POST", f"/challenges/{challenge['id']}/status", dept, 200, {"status": "published"}
        )

    def refresh_objects(self) -> None:
        """Fresh challenges and proposals in the states the fuzzer should start from."""
        challenges, proposals = [], []
        for dept in ("dept_a", "dept_b"):
            answered = self.publish(challenge_body(deadline=future(60)), dept)["id"]
            unanswered = self.publish(
                challenge_body(title="Camera AI giám sát giao thông", deadline=future(45)), dept
            )["id"]
            draft = self.send("POST", "/challenges", dept, 201, challenge_body(deadline=future(90)))
            challenges += [unanswered, answered, draft["id"]]
            for startup, submit in (("startup_a", True), ("startup_b", False)):
                body = proposal_body(answered, submit=submit)
                proposals.append(self.send("POST", "/proposals", startup, 201, body)["id"])
        # A startup without a profile yet, so creating one (201) is reachable too.
        fresh = self.send("POST", "/orgs", "admin", 201, {"kind": "startup", "name": "Khởi nghiệp"})
        self.mint("startup_new", Role.startup, uuid.UUID(fresh["id"]))
        self.objects.startups = [*self.objects.startups[:2], fresh["id"]]
        self.objects.challenges = challenges
        self.objects.proposals = proposals
        self.objects.cursors = [
            self.send("GET", "/challenges?limit=1", "admin", 200)["next_cursor"],
            self.send("GET", "/feed/proposals?limit=1", "admin", 200)["next_cursor"],
        ]


@pytest.fixture(scope="module", params=BACKENDS)
def fuzz(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Fuzz]:
    """The all-in-one app on a fresh database, started in schemathesis' ASGI event loop."""
    backend: str = request.param
    with contextlib.ExitStack() as stack:
        if backend == "sqlite":
            url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('fuzz-sqlite') / 'oip.db'}"
        else:
            url = stack.enter_context(throwaway_pg_database())
        migrate.upgrade(url)
        # No 429 from the matching limiter (it would hide the rankings); a small body cap so
        # the longest generated bodies take the 413 path too.
        settings = make_settings(
            url,
            tmp_path_factory.mktemp("fuzz-data"),
            rate_limit_matching="1000000/minute",
            max_body_bytes=4096,
        )
        app = create_all_in_one(settings)
        # Loading the schema starts the app's lifespan in schemathesis' event-loop thread; every
        # request runs in that loop, which owns the database engine and the background jobs.
        stack.callback(asgi.shutdown_lifespans)
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        schema.config.generation.update(with_security_parameters=False)
        client = stack.enter_context(asgi.get_client(cast(Any, app)))

        env = Fuzz(backend, settings, schema, client)
        env.mint("admin", Role.admin)
        orgs = {
            key: uuid.UUID(
                env.send("POST", "/orgs", "admin", 201, {"kind": kind, "name": name})["id"]
            )
            for key, kind, name in [
                ("dept_a", "department", "Sở Y tế TP.HCM"),
                ("dept_b", "department", "Sở Giáo dục và Đào tạo TP.HCM"),
                ("startup_a", "startup", "MediSync"),
                ("startup_b", "startup", "EduNext"),
            ]
        }
        env.mint("dept_a", Role.department, orgs["dept_a"])
        env.mint("dept_b", Role.department, orgs["dept_b"])
        env.mint("reviewer_a", Role.reviewer, orgs["dept_a"])
        env.mint("startup_a", Role.startup, orgs["startup_a"])
        env.mint("startup_b", Role.startup, orgs["startup_b"])
        env.objects = Objects(
            orgs=[str(o) for o in orgs.values()],
            departments=[str(orgs["dept_a"]), str(orgs["dept_b"])],
            startups=[str(orgs["startup_a"]), str(orgs["startup_b"])],
        )
        for startup in ("startup_a", "startup_b"):
            env.send("PUT", f"/startups/{orgs[startup]}", startup, 201, _profile(startup))
        line = (
            f"schemathesis fuzz [{backend}]: {len(OPERATIONS)} operations, "
            f"OIP_FUZZ_EXAMPLES={EXAMPLES} each, seed: {seed_description()}"
        )
        reporter = request.config.pluginmanager.get_plugin("terminalreporter")
        capture = request.config.pluginmanager.get_plugin("capturemanager")
        if reporter is not None and capture is not None:
            with capture.global_and_fixture_disabled():
                reporter.write_line("")
                reporter.write_line(line)
        else:
            print(line)
        yield env


# ------------------------------------------------------------------------------ fuzzing


def _often(data: st.DataObject, label: str) -> bool:
    return data.draw(st.integers(0, 9), label=label) < REAL_OUT_OF_10


def make_realistic(case: Any, data: st.DataObject, objects: Objects) -> None:
    """Replace generated values by real ones, some of the time, so deeper code runs."""
    for name in list(case.path_parameters):
        pool = objects.pool(name)
        if pool and _often(data, f"real path {name}?"):
            case.path_parameters[name] = data.draw(st.sampled_from(pool), label=name)
    for param in case.operation.query:
        pool = objects.pool(param.name)
        if pool and _often(data, f"real query {param.name}?"):
            real = data.draw(st.sampled_from(pool), label=param.name)
            case.query = {**(case.query or {}), param.name: real}
    template = TEMPLATES.get(case.operation.definition.raw.get("operationId", ""))
    if (
        template is not None
        and isinstance(case.body, dict)
        and data.draw(st.booleans(), label="template?")
    ):
        # A valid body with a few of the generated fields laid over it.
        body = template(objects, lambda options: data.draw(st.sampled_from(options)))
        for key, value in case.body.items():
            if data.draw(st.integers(0, 2), label=f"keep generated {key}?") == 0:
                body[key] = value
        case.body = body
    if (
        isinstance(case.body, dict)
        and "challenge_id" in case.body
        and _often(data, "real body id?")
    ):
        real = data.draw(st.sampled_from(objects.challenges), label="body challenge_id")
        case.body = {**case.body, "challenge_id": real}
    if isinstance(case.body, dict) and "deadline" in case.body and _often(data, "future deadline?"):
        days = data.draw(st.integers(1, 400), label="deadline in days")
        case.body = {**case.body, "deadline": future(days)}
    # Undeclared query parameters must be ignored (their names never clash with declared ones).
    extra = data.draw(
        st.dictionaries(
            st.from_regex(r"x_[a-z]{1,6}", fullmatch=True), st.text(max_size=12), max_size=2
        ),
        label="undeclared query parameters",
    )
    if extra:
        case.query = {**(case.query or {}), **extra}
    if "If-Match" in case.operation.headers and _often(data, "If-Match: *?"):
        case.headers["If-Match"] = "*"
    # A reused Idempotency-Key replays the first response, or is refused for another body.
    if "Idempotency-Key" in case.operation.headers and not _often(data, "new Idempotency-Key?"):
        case.headers["Idempotency-Key"] = "fuzz-key"


def draw_caller(data: st.DataObject, fuzz: Fuzz, operation: Any) -> Caller:
    """Any caller, or (half of the time) one the operation is meant for."""
    tags = operation.definition.raw.get("tags") or []
    natural = [fuzz.caller(n) for tag in tags for n in NATURAL_CALLERS.get(tag, [])]
    strategy = st.sampled_from(fuzz.callers)
    if natural:
        strategy = st.one_of(strategy, st.sampled_from(natural))
    return data.draw(strategy, label="caller")


@pytest.mark.parametrize("label", OPERATIONS)
def test_operation_conforms_to_its_schema(fuzz: Fuzz, label: str) -> None:
    """No 5xx, documented statuses and content types, schema-conformant bodies."""
    method, path = label.split(" ", 1)
    operation = fuzz.schema[path][method]
    fuzz.refresh_objects()
    stats = STATS.setdefault((fuzz.backend, label), OperationStats())
    has_inputs = any(
        len(part)
        for part in (operation.path_parameters, operation.query, operation.headers, operation.body)
    )
    # Two positive examples for each negative one: positive data reaches the deeper code.
    strategies = {"positive": operation.as_strategy(GenerationMode.POSITIVE)}
    modes = ["positive", "positive"]
    if has_inputs:
        strategies["negative"] = operation.as_strategy(GenerationMode.NEGATIVE)
        modes.append("negative")

    @hypothesis.settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=SEED is None and hypothesis.core.global_force_seed is None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
    )
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        if method != "GET" and stats.examples and stats.examples % REFRESH_EVERY == 0:
            fuzz.refresh_objects()
        case = data.draw(strategies[data.draw(st.sampled_from(modes), label="mode")], label="case")
        caller = draw_caller(data, fuzz, operation)
        make_realistic(case, data, fuzz.objects)
        case.headers["Authorization"] = f"Bearer {caller.token}"
        response = case.call(session=fuzz.client)
        stats.examples += 1
        stats.statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=CHECKS)
        except FailureGroup as group:
            for failure in group.exceptions:
                kind = FAILURE_KINDS.get(type(failure).__name__, type(failure).__name__)
                stats.failures[kind] += 1
                stats.samples.setdefault(
                    kind,
                    f"as {caller.name}: {case.as_curl_command()}\n"
                    f"      -> {response.status_code} {response.text[:500]}",
                )
            # Hypothesis attaches the failing draws (and the reproduce blob) to plain exceptions
            # only, not to exception groups.
            raise AssertionError(f"as {caller.name}: {group.message}") from None

    if SEED is not None:
        run = hypothesis.seed(SEED)(run)
    try:
        run()
    except BaseException as exc:
        exc.add_note(f"fuzz backend={fuzz.backend} operation={label!r} seed: {seed_description()}")
        raise


# ------------------------------------------------------------------- found by the fuzzer


def test_a_body_that_is_not_utf8_json_is_a_422(fuzz: Fuzz) -> None:
    """FastAPI answered an undocumented 400 when the JSON body could not even be decoded."""
    r = fuzz.client.post(
        "/orgs",
        data=b"\xef\x42\x15\x4f",
        headers={
            "Authorization": f"Bearer {fuzz.caller('admin').token}",
            "Content-Type": "application/json",
        },
    )
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["errors"] == [
        {"loc": ["body"], "msg": "the body is not valid JSON", "type": "json_invalid"}
    ]
