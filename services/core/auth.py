"""Bearer-token authentication: every service verifies JWTs locally with PyJWT."""

from __future__ import annotations

import json
import secrets
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from services.core.errors import Unauthorized
from services.core.settings import Settings


class Role(StrEnum):
    """What a principal may do, coarsely; ownership decides the rest."""

    admin = "admin"
    department = "department"
    reviewer = "reviewer"
    startup = "startup"


@dataclass(frozen=True, slots=True)
class Principal:
    """The authenticated caller."""

    sub: str
    role: Role
    org: uuid.UUID | None
    token: str = ""

    @property
    def is_admin(self) -> bool:
        """Whether the caller is a platform administrator."""
        return self.role is Role.admin

    def belongs_to(self, org_id: uuid.UUID | None) -> bool:
        """Whether the caller is a member of the given organisation."""
        return org_id is not None and self.org == org_id


class TokenVerifier:
    """Verifies bearer tokens with a shared HS256 secret or RS256 public keys.

    A token that verified is remembered (by its exact text) until its `exp`, so a client's
    every request does not pay for signature checks again; the cache is bounded.
    """

    CACHE_SIZE = 4096

    def __init__(self, settings: Settings, hs_secret: str | None = None) -> None:
        self._verified: OrderedDict[str, tuple[float, Principal]] = OrderedDict()
        self.algorithm = settings.jwt_algorithm
        self.issuer = settings.jwt_issuer
        self.audience = settings.jwt_audience
        self._hs_secret = hs_secret
        self._rsa_key: Any = None
        self._jwks: jwt.PyJWKSet | None = None
        if self.algorithm == "RS256":
            if settings.jwt_jwks_file:
                self._jwks = jwt.PyJWKSet.from_dict(json.loads(settings.jwt_jwks_file.read_text()))
            elif settings.jwt_public_key_file:
                self._rsa_key = settings.jwt_public_key_file.read_bytes()
        elif not hs_secret:
            raise ValueError("HS256 needs a secret")

    def _key_for(self, token: str) -> Any:
        if self.algorithm == "HS256":
            return self._hs_secret
        if self._jwks is not None:
            kid = jwt.get_unverified_header(token).get("kid")
            for key in self._jwks.keys:
                if kid is None or key.key_id == kid:
                    return key.key
            raise jwt.InvalidTokenError("unknown key id")
        return self._rsa_key

    def verify(self, token: str) -> Principal:
        """Decode and validate a token into a principal, or raise Unauthorized."""
        cached = self._verified.get(token)
        if cached is not None:
            if time.time() < cached[0]:
                self._verified.move_to_end(token)
                return cached[1]
            del self._verified[token]
        principal, expires = self._decode(token)
        self._verified[token] = (expires, principal)
        if len(self._verified) > self.CACHE_SIZE:
            self._verified.popitem(last=False)
        return principal

    def _decode(self, token: str) -> tuple[Principal, float]:
        try:
            claims = jwt.decode(
                token,
                self._key_for(token),
                algorithms=[self.algorithm],
                issuer=self.issuer,
                audience=self.audience,
                options={
                    "require": ["sub", "exp", "role"],
                    "verify_aud": self.audience is not None,
                },
                leeway=30,
            )
            role = Role(claims["role"])
            org_raw = claims.get("org")
            org = uuid.UUID(str(org_raw)) if org_raw else None
        except (jwt.PyJWTError, ValueError, TypeError, KeyError) as exc:
            raise Unauthorized(f"invalid token: {exc}") from exc
        if role in (Role.department, Role.startup, Role.reviewer) and org is None:
            raise Unauthorized(f"a {role.value} token must carry an org claim")
        principal = Principal(sub=str(claims["sub"]), role=role, org=org, token=token)
        # Remembered until `exp` (without the leeway; a later request re-verifies with it).
        return principal, float(claims["exp"])


def hs256_secret(settings: Settings) -> str:
    """The HS256 signing secret: configured, or generated once and kept in the data directory."""
    if settings.jwt_secret is not None:
        return settings.jwt_secret.get_secret_value()
    path = settings.data_dir / "jwt_secret"
    if path.exists():
        return path.read_text().strip()
    if settings.env != "development":
        raise ValueError("OIP_JWT_SECRET is required outside development")
    return _create_secret_file(path)


def _create_secret_file(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    tmp = path.with_suffix(f".{secrets.token_hex(4)}.tmp")
    tmp.write_text(secret)
    tmp.chmod(0o600)
    try:
        # link() fails if another process won the race; then we use its secret.
        path.hardlink_to(tmp)
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)
    return path.read_text().strip()


def issue_token(
    settings: Settings,
    *,
    sub: str,
    role: Role,
    org: uuid.UUID | None = None,
    ttl_seconds: int | None = None,
) -> str:
    """Sign an HS256 token (the embedded default's own issuer; an SSO issues RS256 ones)."""
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": sub,
        "role": role.value,
        "iat": now,
        "exp": now + (ttl_seconds or settings.token_ttl_seconds),
    }
    if org is not None:
        claims["org"] = str(org)
    if settings.jwt_issuer:
        claims["iss"] = settings.jwt_issuer
    if settings.jwt_audience:
        claims["aud"] = settings.jwt_audience
    return jwt.encode(claims, hs256_secret(settings), algorithm="HS256")


_bearer = HTTPBearer(auto_error=False, description="A JWT issued by `oip token` or the city SSO")


async def current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The authenticated caller; 401 without a valid bearer token."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("a bearer token is required", headers={"WWW-Authenticate": "Bearer"})
    verifier: TokenVerifier = request.app.state.verifier
    principal = verifier.verify(credentials.credentials)
    request.state.principal = principal
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]
