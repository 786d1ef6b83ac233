"""Export the OpenAPI documents (committed under openapi/, checked for drift by a test)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from services.challenges.app import create_app as challenges_app
from services.core.settings import Settings
from services.main import create_all_in_one
from services.matching.app import create_app as matching_app
from services.solutions.app import create_app as solutions_app

FACTORIES = {
    "all": create_all_in_one,
    "challenges": challenges_app,
    "solutions": solutions_app,
    "matching": matching_app,
}


def specs() -> dict[str, dict[str, Any]]:
    """The OpenAPI document of each app, built without starting it."""
    settings = Settings(env="development", jwt_secret=None)
    return {name: factory(settings).openapi() for name, factory in FACTORIES.items()}


def render(spec: dict[str, Any]) -> str:
    """Stable JSON text for a spec."""
    return json.dumps(spec, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_specs(out: Path) -> list[Path]:
    """Write every spec to `out` and return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, spec in specs().items():
        path = out / f"{name}.json"
        path.write_text(render(spec), encoding="utf-8")
        written.append(path)
    return written
