"""Bearer-token verification: HS256 (embedded secret), RS256 (public key file or JWKS)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import stat
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from asgi_lifespan import LifespanManager
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI
from jwt.algorithms import RSAAlgorithm

from services.core.auth import CurrentPrincipal, Role, TokenVerifier, hs256_secret, issue_token
from services.core.errors import Unauthorized, install_error_handlers
from services.core.settings import Settings
from services.main import create_all_in_one
from tests.conftest import TEST_SECRET, make_settings

PROBLEM_JSON = "application/problem+json"
SECRET = "a-test-secret-that-is-long-enough-" + "y" * 20


@pytest.fixture(autouse=True)
def _no_oip_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Settings read OIP_* variables; these tests build their own."""
    for name in list(os.environ):
        if name.startswith("OIP_"):
            monkeypatch.delenv(name)
    yield


def claims(**overrides: Any) -> dict[str, Any]:
    """Valid claims for a startup member; `None` values are dropped."""
    now = int(time.time())
    values: dict[str, Any] = {
        "sub": "an@medisync",
        "role": "startup",
        "org": str(uuid.uuid4()),
        "iat": now,
        "exp": now + 600,
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


def hs_token(secret: str = SECRET, **overrides: Any) -> str:
    return jwt.encode(claims(**overrides), secret, algorithm="HS256")


def hs_verifier(**settings: Any) -> TokenVerifier:
    return TokenVerifier(Settings(env="test", jwt_secret=SECRET, **settings), SECRET)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def hmac_signed_with(key: bytes, payload: dict[str, Any]) -> str:
    """An HS256 token signed with arbitrary key bytes (PyJWT refuses PEM keys as HMAC secrets)."""
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = _b64(json.dumps(payload).encode())
    signature = hmac.new(key, f"{header}.{body}".encode(), hashlib.sha256).digest()
    return f"{header}.{body}.{_b64(signature)}"


def unsigned(payload: dict[str, Any]) -> str:
    """An `alg: none` token: claims with no signature at all."""
    header = _b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    return f"{header}.{_b64(json.dumps(payload).encode())}."


def _swap_payload(token: str, payload: dict[str, Any]) -> str:
    """Keep a token's header and signature but replace its claims (privilege escalation)."""
    header, _, signature = token.split(".")
    return f"{header}.{_b64(json.dumps(payload).encode())}.{signature}"


# --- RSA keys -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def other_rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def rs_token(key: rsa.RSAPrivateKey, *, kid: str | None = None, **overrides: Any) -> str:
    headers = {"kid": kid} if kid else None
    return jwt.encode(claims(**overrides), key, algorithm="RS256", headers=headers)


@pytest.fixture
def public_key_file(tmp_path: Path, rsa_key: rsa.RSAPrivateKey) -> Path:
    path = tmp_path / "sso.pem"
    path.write_bytes(public_pem(rsa_key))
    return path


def jwks_file(tmp_path: Path, keys: dict[str, rsa.RSAPrivateKey]) -> Path:
    entries = []
    for kid, key in keys.items():
        jwk = RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
        entries.append({**jwk, "kid": kid, "use": "sig", "alg": "RS256"})
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps({"keys": entries}))
    return path


# --- HS256 --------------------------------------------------------------------------------------


def test_valid_hs256_token_yields_the_principal() -> None:
    org = uuid.uuid4()
    principal = hs_verifier().verify(hs_token(role="department", org=str(org), sub="alice"))
    assert principal.role is Role.department
    assert principal.org == org
    assert principal.sub == "alice"


def test_admin_token_needs_no_org() -> None:
    principal = hs_verifier().verify(hs_token(role="admin", org=None))
    assert principal.is_admin
    assert principal.org is None


def test_issued_token_round_trips(tmp_path: Path) -> None:
    settings = Settings(env="test", jwt_secret=SECRET, data_dir=tmp_path)
    org = uuid.uuid4()
    token = issue_token(settings, sub="rita", role=Role.reviewer, org=org)
    principal = TokenVerifier(settings, hs256_secret(settings)).verify(token)
    assert (principal.sub, principal.role, principal.org) == ("rita", Role.reviewer, org)


BAD_HS256_TOKENS: dict[str, Any] = {
    "expired": lambda: hs_token(exp=int(time.time()) - 120),
    "other-secret": lambda: hs_token(secret="another-secret-entirely-" + "z" * 30),
    "alg-none": lambda: unsigned(claims()),
    "alg-none-admin": lambda: unsigned(claims(role="admin", org=None)),
    "department-without-org": lambda: hs_token(role="department", org=None),
    "startup-without-org": lambda: hs_token(role="startup", org=None),
    "reviewer-without-org": lambda: hs_token(role="reviewer", org=None),
    "unknown-role": lambda: hs_token(role="superuser"),
    "org-not-a-uuid": lambda: hs_token(org="so-y-te"),
    "no-exp": lambda: hs_token(exp=None),
    "no-sub": lambda: hs_token(sub=None),
    "no-role": lambda: hs_token(role=None),
    "not-a-jwt": lambda: "this.is.not-a-token",
    "payload-swapped-to-admin": lambda: _swap_payload(hs_token(), claims(role="admin", org=None)),
}


@pytest.mark.parametrize("case", list(BAD_HS256_TOKENS))
def test_bad_token_is_rejected_as_401(case: str) -> None:
    token = BAD_HS256_TOKENS[case]()
    with pytest.raises(Unauthorized) as info:
        hs_verifier().verify(token)
    assert info.value.status == 401


@pytest.mark.parametrize("case", list(BAD_HS256_TOKENS))
def test_bad_token_is_rejected_after_a_good_one_was_remembered(case: str) -> None:
    """Remembering verified tokens never lets a different (forged, expired…) token through."""
    verifier = hs_verifier()
    verifier.verify(hs_token())
    with pytest.raises(Unauthorized):
        verifier.verify(BAD_HS256_TOKENS[case]())


def test_a_remembered_token_is_checked_again_once_it_expires(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The cache serves a token only until its exp; after that PyJWT decides again."""
    verifier = hs_verifier()
    decoded: list[str] = []
    real_decode = verifier._decode

    def spy(token: str) -> Any:
        decoded.append(token)
        return real_decode(token)

    monkeypatch.setattr(verifier, "_decode", spy)
    now = time.time()
    token = hs_token(exp=int(now) + 5)
    verifier.verify(token)
    verifier.verify(token)
    assert len(decoded) == 1
    monkeypatch.setattr(time, "time", lambda: now + 10)
    verifier.verify(token)  # still inside PyJWT's 30 s leeway, so it passes, but was re-checked
    assert len(decoded) == 2


def test_an_expired_token_is_never_remembered() -> None:
    """A token past exp + leeway is refused every time, not only the first."""
    verifier = hs_verifier()
    token = hs_token(exp=int(time.time()) - 120)
    for _ in range(2):
        with pytest.raises(Unauthorized, match="expired"):
            verifier.verify(token)
    assert token not in verifier._verified


def test_remembered_tokens_are_bounded() -> None:
    """Many distinct tokens never grow the cache past its size; evicted ones still verify."""
    verifier = hs_verifier()
    verifier.CACHE_SIZE = 8
    tokens = [hs_token(sub=f"user{i}") for i in range(20)]
    for token in tokens:
        verifier.verify(token)
    assert len(verifier._verified) == 8
    assert verifier.verify(tokens[0]).sub == "user0"


def test_issuer_and_audience_are_enforced_when_configured() -> None:
    verifier = hs_verifier(jwt_issuer="https://sso.hochiminhcity.gov.vn", jwt_audience="oip")
    good = hs_token(iss="https://sso.hochiminhcity.gov.vn", aud="oip")
    assert verifier.verify(good).role is Role.startup
    for bad in (
        hs_token(),
        hs_token(iss="https://evil.example", aud="oip"),
        hs_token(iss="https://sso.hochiminhcity.gov.vn", aud="another-app"),
    ):
        with pytest.raises(Unauthorized):
            verifier.verify(bad)


def test_hs256_verifier_refuses_to_start_without_a_secret() -> None:
    with pytest.raises(ValueError, match="secret"):
        TokenVerifier(Settings(env="development"), None)


# --- the embedded HS256 secret ------------------------------------------------------------------


def test_development_generates_a_secret_once_and_keeps_it(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    settings = Settings(env="development", data_dir=data_dir)
    first = hs256_secret(settings)
    path = data_dir / "jwt_secret"
    assert path.read_text().strip() == first
    assert len(first) >= 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert hs256_secret(settings) == first
    # A restarted process (fresh settings) signs with the same secret.
    assert hs256_secret(Settings(env="development", data_dir=data_dir)) == first
    assert [p.name for p in data_dir.iterdir()] == ["jwt_secret"]  # no temp files left behind


def test_generated_secrets_differ_between_installations(tmp_path: Path) -> None:
    one = hs256_secret(Settings(env="development", data_dir=tmp_path / "one"))
    two = hs256_secret(Settings(env="development", data_dir=tmp_path / "two"))
    assert one != two


def test_configured_secret_is_used_and_nothing_is_written(tmp_path: Path) -> None:
    settings = Settings(env="development", data_dir=tmp_path, jwt_secret=SECRET)
    assert hs256_secret(settings) == SECRET
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("env", ["test", "production"])
def test_outside_development_a_missing_secret_raises(tmp_path: Path, env: str) -> None:
    # Settings refuse this combination at construction; the function must refuse it too.
    settings = Settings(env="development", data_dir=tmp_path).model_copy(update={"env": env})
    with pytest.raises(ValueError, match="OIP_JWT_SECRET"):
        hs256_secret(settings)
    assert list(tmp_path.iterdir()) == []


# --- RS256 --------------------------------------------------------------------------------------


def test_rs256_public_key_file_verifies_tokens_of_its_private_key(
    public_key_file: Path, rsa_key: rsa.RSAPrivateKey, other_rsa_key: rsa.RSAPrivateKey
) -> None:
    verifier = TokenVerifier(Settings(jwt_algorithm="RS256", jwt_public_key_file=public_key_file))
    org = uuid.uuid4()
    principal = verifier.verify(rs_token(rsa_key, org=str(org), role="department"))
    assert principal.role is Role.department
    assert principal.org == org

    with pytest.raises(Unauthorized):
        verifier.verify(rs_token(other_rsa_key))


def test_rs256_verifier_rejects_hs256_tokens(public_key_file: Path) -> None:
    verifier = TokenVerifier(Settings(jwt_algorithm="RS256", jwt_public_key_file=public_key_file))
    for token in (
        hs_token(),
        # Algorithm confusion: HMAC-signed with the public key a client could know.
        hmac_signed_with(public_key_file.read_bytes(), claims()),
        unsigned(claims()),
    ):
        with pytest.raises(Unauthorized):
            verifier.verify(token)


def test_rs256_jwks_picks_the_key_named_by_kid(
    tmp_path: Path, rsa_key: rsa.RSAPrivateKey, other_rsa_key: rsa.RSAPrivateKey
) -> None:
    path = jwks_file(tmp_path, {"2025-a": other_rsa_key, "2026-b": rsa_key})
    verifier = TokenVerifier(Settings(jwt_algorithm="RS256", jwt_jwks_file=path))

    assert verifier.verify(rs_token(rsa_key, kid="2026-b")).role is Role.startup
    assert verifier.verify(rs_token(other_rsa_key, kid="2025-a")).role is Role.startup
    for bad in (
        rs_token(rsa_key, kid="2025-a"),  # signed by a different key than the kid names
        rs_token(rsa_key, kid="retired-key"),  # unknown kid
    ):
        with pytest.raises(Unauthorized):
            verifier.verify(bad)


def test_rs256_jwks_rejects_a_foreign_key(
    tmp_path: Path, rsa_key: rsa.RSAPrivateKey, other_rsa_key: rsa.RSAPrivateKey
) -> None:
    path = jwks_file(tmp_path, {"sso-1": rsa_key})
    verifier = TokenVerifier(Settings(jwt_algorithm="RS256", jwt_jwks_file=path))
    assert verifier.verify(rs_token(rsa_key, kid="sso-1")).sub == "an@medisync"
    with pytest.raises(Unauthorized):
        verifier.verify(rs_token(other_rsa_key, kid="sso-1"))


# --- over HTTP ----------------------------------------------------------------------------------


@pytest.fixture
async def whoami() -> AsyncIterator[httpx.AsyncClient]:
    """A minimal app (no database) that answers who the bearer is."""
    app = FastAPI()
    install_error_handlers(app)
    app.state.verifier = hs_verifier()

    @app.get("/whoami")
    async def who(principal: CurrentPrincipal) -> dict[str, str]:
        return {"sub": principal.sub, "role": principal.role.value}

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://oip.test") as client:
        yield client


async def test_http_accepts_a_valid_bearer(whoami: httpx.AsyncClient) -> None:
    r = await whoami.get("/whoami", headers={"Authorization": f"Bearer {hs_token(sub='an')}"})
    assert r.status_code == 200
    assert r.json() == {"sub": "an", "role": "startup"}


@pytest.mark.parametrize("case", list(BAD_HS256_TOKENS))
async def test_http_bad_token_is_401_problem_json(whoami: httpx.AsyncClient, case: str) -> None:
    token = BAD_HS256_TOKENS[case]()
    r = await whoami.get("/whoami", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401
    assert r.headers["content-type"].startswith(PROBLEM_JSON)
    assert r.json()["status"] == 401


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Basic YWxpY2U6c2VjcmV0"}, {"Authorization": "Bearer"}]
)
async def test_http_missing_bearer_is_401_with_challenge(
    whoami: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    r = await whoami.get("/whoami", headers=headers)
    assert r.status_code == 401
    assert r.headers["content-type"].startswith(PROBLEM_JSON)
    assert r.headers["WWW-Authenticate"] == "Bearer"


async def test_app_configured_for_rs256_accepts_sso_tokens(
    db_url: str, tmp_path: Path, public_key_file: Path, rsa_key: rsa.RSAPrivateKey
) -> None:
    settings = make_settings(
        db_url,
        tmp_path,
        jwt_algorithm="RS256",
        jwt_public_key_file=public_key_file,
        jwt_secret=None,
    )
    app = create_all_in_one(settings)
    async with LifespanManager(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://oip.test") as client:
            sso = rs_token(rsa_key, role="startup")
            r = await client.get("/challenges", headers={"Authorization": f"Bearer {sso}"})
            assert r.status_code == 200, r.text
            assert "items" in r.json()

            embedded = jwt.encode(claims(), TEST_SECRET, algorithm="HS256")
            r = await client.get("/challenges", headers={"Authorization": f"Bearer {embedded}"})
            assert r.status_code == 401
            assert r.headers["content-type"].startswith(PROBLEM_JSON)
    assert not (tmp_path / "jwt_secret").exists()  # RS256 never generates an HS256 secret
