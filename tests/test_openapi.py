"""The committed OpenAPI documents match the code (regenerate with `make openapi`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.openapi_export import render, specs

OPENAPI_DIR = Path(__file__).resolve().parents[1] / "openapi"


@pytest.mark.parametrize("name", ["all", "challenges", "solutions", "matching"])
def test_committed_openapi_is_up_to_date(name: str) -> None:
    committed = OPENAPI_DIR / f"{name}.json"
    assert committed.exists(), f"{committed} is missing: run `make openapi`"
    assert committed.read_text(encoding="utf-8") == render(specs()[name]), (
        f"openapi/{name}.json is stale: run `make openapi` and commit the result"
    )


def test_every_operation_has_a_readable_unique_id_and_problem_errors() -> None:
    spec = specs()["all"]
    seen: set[str] = set()
    for path, item in spec["paths"].items():
        for method, op in item.items():
            op_id = op["operationId"]
            assert op_id.replace("_", "").isalpha() and op_id not in seen, (path, method, op_id)
            seen.add(op_id)
            for status, response in op["responses"].items():
                if status.startswith(("4", "5")) and path not in ("/readyz",):
                    assert "application/problem+json" in response["content"], (path, method, status)
