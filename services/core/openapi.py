"""The OpenAPI document: FastAPI's, completed with what it cannot infer from the routes.

Every change here is generic (no operation is named) and states only what the code does:

- `info.contact` and `info.license` (MIT, as in pyproject.toml); one relative server, so the
  document describes whichever deployment serves it;
- global `tags` (descriptions for ours), so every operation tag is declared;
- the bearer scheme is a JWT (verified as `services.core.auth.TokenVerifier` does) and is
  required globally; the health probes declare anonymous access (`security: [{}]`);
- every operation declares 500 problem+json (the catch-all handler), every operation but the
  health probes 413 (the body cap), and every 429 its `Retry-After` header; error responses
  are problem+json only (FastAPI also lists a `model=` response as application/json);
- optional parameters are described by their value schema alone: a query string or header
  cannot carry JSON null, leaving the parameter out is how a client sends "none";
- integers carry `format` (int32 when their bounds fit, else int64); a string constrained by
  a pattern anchored at both ends and of bounded length carries that length as `maxLength`;
- a component example that lacks a required property is left out: it is not an example of
  that schema.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from copy import deepcopy
from http import HTTPStatus

# The stdlib regex parser (private, stable since 3.11) tells the longest match of a pattern.
from re import _constants as _sre_constants  # type: ignore[attr-defined]
from re import _parser as _sre_parse  # type: ignore[attr-defined]
from typing import Any

from fastapi import FastAPI

from services.core.errors import PROBLEM_JSON

Spec = dict[str, Any]

HEALTH_PATHS = frozenset({"/livez", "/readyz"})
METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
BEARER = "HTTPBearer"
INT32 = (-(2**31), 2**31 - 1)

CONTACT = {"name": "OIP platform team"}
LICENSE = {"name": "MIT", "identifier": "MIT"}
SERVER = {
    "url": "/",
    "description": (
        "The deployment serving this document (local, staging or production alike: "
        "the URL is relative to where the document was fetched)"
    ),
    "x-internal": False,
}
BEARER_DESCRIPTION = (
    "A JWT (JWS) issued by `oip token` (HS256) or the city SSO (RS256), sent as "
    "`Authorization: Bearer <token>`. Verification follows RFC8725 (JWT BCP): the algorithm "
    "is pinned by configuration (never `none`, never taken from the token), the signature, "
    "`exp`, `sub` and `role` are required, `iss` and `aud` are checked when configured, and "
    "department, reviewer and startup tokens must carry `org`."
)
TAG_DESCRIPTIONS = {
    "organisations": "The organisation directory: departments and startups (admins register them).",
    "challenges": "Problems posted by city departments (đặt hàng) and their lifecycle.",
    "startups": "Public startup profiles.",
    "proposals": "Confidential answers of startups to published challenges.",
    "matching": "Rankings with explanations, recommendations and similar challenges.",
    "feeds": "Change feeds read by the platform's own services (administrators).",
    "audit": "The append-only audit log (administrators).",
    "health": "Liveness and readiness probes for the orchestrator.",
}
RETRY_AFTER = {
    "description": "Seconds to wait before retrying",
    "schema": {"type": "integer", "format": "int32", "minimum": 1},
}


def install_openapi(app: FastAPI) -> None:
    """Make `app.openapi()` return FastAPI's document completed by `refine` (built once)."""
    generate = app.openapi

    def openapi() -> Spec:
        if app.openapi_schema is None:
            app.openapi_schema = refine(deepcopy(generate()))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def refine(spec: Spec) -> Spec:
    """Complete a FastAPI OpenAPI document in place and return it."""
    spec["info"].setdefault("contact", dict(CONTACT))
    spec["info"].setdefault("license", dict(LICENSE))
    spec.setdefault("servers", [dict(SERVER)])
    _security(spec)
    _tags(spec)
    for path, _method, operation in _operations(spec):
        _responses(spec, path, operation)
        for parameter in operation.get("parameters", []):
            parameter["schema"] = _without_null(parameter["schema"])
    for node in _schemas(spec):
        _constrain(node)
    _drop_incomplete_examples(spec)
    return spec


def _operations(spec: Spec) -> Iterator[tuple[str, str, Spec]]:
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def _security(spec: Spec) -> None:
    schemes = spec.setdefault("components", {}).get("securitySchemes", {})
    bearer = schemes.get(BEARER)
    if bearer is None:
        return
    bearer["bearerFormat"] = "JWT"
    bearer["description"] = BEARER_DESCRIPTION
    spec["security"] = [{BEARER: []}]
    for path, _method, operation in _operations(spec):
        if path in HEALTH_PATHS:
            operation["security"] = [{}]  # anonymous: probes carry no token


def _tags(spec: Spec) -> None:
    declared = {tag["name"] for tag in spec.get("tags", [])}
    tags = list(spec.get("tags", []))
    for _path, _method, operation in _operations(spec):
        for name in operation.get("tags", []):
            if name not in declared:
                declared.add(name)
                tag = {"name": name}
                if name in TAG_DESCRIPTIONS:
                    tag["description"] = TAG_DESCRIPTIONS[name]
                tags.append(tag)
    if tags:
        spec["tags"] = tags


def _problem(status: int) -> Spec:
    return {
        "description": HTTPStatus(status).phrase,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def _responses(spec: Spec, path: str, operation: Spec) -> None:
    if "Problem" not in spec.get("components", {}).get("schemas", {}):
        return
    responses = operation.setdefault("responses", {})
    responses.setdefault("500", _problem(500))
    if path not in HEALTH_PATHS:
        responses.setdefault("413", _problem(413))
    for status, response in responses.items():
        # FastAPI lists a `model=` response under application/json too; errors never are.
        content = response.get("content", {})
        problem = content.get(PROBLEM_JSON)
        if status.startswith(("4", "5")) and problem and content.get("application/json") == problem:
            del content["application/json"]
    if "429" in responses:
        responses["429"].setdefault("headers", {}).setdefault("Retry-After", dict(RETRY_AFTER))
    operation["responses"] = dict(sorted(responses.items()))


def _without_null(schema: Spec) -> Spec:
    """`anyOf: [X, {type: null}]` of an optional parameter as X (keeping title, default…)."""
    options = schema.get("anyOf")
    if not isinstance(options, list):
        return schema
    values = [s for s in options if s != {"type": "null"}]
    if len(values) != 1 or len(values) == len(options):
        return schema
    merged = {k: v for k, v in schema.items() if k != "anyOf"}
    return {**values[0], **merged}


def _schemas(spec: Spec) -> Iterator[Spec]:
    """Every schema object in the document (components, parameters, bodies, headers)."""
    roots: list[Any] = list(spec.get("components", {}).get("schemas", {}).values())
    for _path, _method, operation in _operations(spec):
        roots += [p.get("schema") for p in operation.get("parameters", [])]
        bodies = [operation.get("requestBody", {}), *operation.get("responses", {}).values()]
        for body in bodies:
            roots += [m.get("schema") for m in body.get("content", {}).values()]
            roots += [h.get("schema") for h in body.get("headers", {}).values()]
    stack = [r for r in roots if isinstance(r, dict)]
    while stack:
        node = stack.pop()
        yield node
        for key in ("items", "additionalProperties", "not"):
            if isinstance(node.get(key), dict):
                stack.append(node[key])
        for key in ("anyOf", "oneOf", "allOf", "prefixItems"):
            stack += [s for s in node.get(key, []) if isinstance(s, dict)]
        stack += [s for s in node.get("properties", {}).values() if isinstance(s, dict)]


def _constrain(node: Spec) -> None:
    kind = node.get("type")
    if kind == "integer" and "format" not in node:
        low, high = node.get("minimum"), node.get("maximum")
        fits = low is not None and high is not None and INT32[0] <= low and high <= INT32[1]
        node["format"] = "int32" if fits else "int64"
    elif kind == "string" and "maxLength" not in node and isinstance(node.get("pattern"), str):
        width = _pattern_max_length(node["pattern"])
        if width is not None:
            node["maxLength"] = width


def _pattern_max_length(pattern: str) -> int | None:
    """The longest string a pattern anchored at both ends matches, or None when unbounded.

    Pydantic matches patterns with the Rust regex engine, where `$` is the end of the text.
    """
    try:
        parsed = _sre_parse.parse(pattern)
    except re.error:
        return None
    at = _sre_constants.AT
    starts = (at, _sre_constants.AT_BEGINNING), (at, _sre_constants.AT_BEGINNING_STRING)
    ends = (at, _sre_constants.AT_END), (at, _sre_constants.AT_END_STRING)
    if len(parsed) < 2 or parsed[0] not in starts or parsed[-1] not in ends:
        return None
    _low, high = parsed.getwidth()
    return int(high) if high < _sre_constants.MAXREPEAT else None


def _drop_incomplete_examples(spec: Spec) -> None:
    for schema in spec.get("components", {}).get("schemas", {}).values():
        example = schema.get("example")
        if isinstance(example, dict) and set(schema.get("required", [])) - set(example):
            del schema["example"]
