"""Settings refuse unsafe configurations before anything starts."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError

from services.core.settings import Settings


@pytest.fixture(autouse=True)
def _no_oip_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Settings read OIP_* variables; start every test from a clean environment."""
    for name in list(os.environ):
        if name.startswith("OIP_"):
            monkeypatch.delenv(name)
    yield


def random_secret() -> str:
    secret = secrets.token_urlsafe(36)
    assert len(secret) == 48
    return secret


@pytest.mark.parametrize("env", ["production", "test"])
def test_outside_development_a_secret_is_required(env: str) -> None:
    with pytest.raises(ValidationError, match="OIP_JWT_SECRET"):
        Settings(env=env)


@pytest.mark.parametrize(
    "secret",
    ["changeme", "CHANGEME", "change-me", "secret", "dev-secret", "development", "", "   "],
)
def test_production_refuses_example_secrets(secret: str) -> None:
    with pytest.raises(ValidationError, match="OIP_JWT_SECRET"):
        Settings(env="production", jwt_secret=secret)


def test_production_refuses_a_short_secret() -> None:
    with pytest.raises(ValidationError):
        Settings(env="production", jwt_secret=random_secret()[:31])


def test_production_accepts_a_long_random_secret() -> None:
    secret = random_secret()
    settings = Settings(env="production", jwt_secret=secret)
    assert settings.jwt_secret is not None
    assert settings.jwt_secret.get_secret_value() == secret
    assert secret not in repr(settings)  # never logged in clear


def test_development_runs_without_a_secret() -> None:
    settings = Settings(env="development")
    assert settings.jwt_secret is None
    assert settings.jwt_algorithm == "HS256"


def test_development_is_the_default() -> None:
    assert Settings().env == "development"


def test_rs256_without_a_key_file_is_refused() -> None:
    with pytest.raises(ValidationError, match="RS256"):
        Settings(jwt_algorithm="RS256")


def test_rs256_with_a_key_needs_no_hs256_secret_in_production(tmp_path: Path) -> None:
    key = tmp_path / "sso.pem"
    key.write_text("-----BEGIN PUBLIC KEY-----\n")
    assert (
        Settings(env="production", jwt_algorithm="RS256", jwt_public_key_file=key).env
        == "production"
    )
    jwks = tmp_path / "jwks.json"
    jwks.write_text('{"keys": []}')
    assert (
        Settings(env="production", jwt_algorithm="RS256", jwt_jwks_file=jwks).jwt_jwks_file == jwks
    )


def test_unknown_algorithm_is_refused() -> None:
    with pytest.raises(ValidationError):
        Settings(jwt_algorithm="none")


def test_settings_come_from_oip_environment_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    secret = random_secret()
    monkeypatch.setenv("OIP_ENV", "production")
    monkeypatch.setenv("OIP_JWT_SECRET", secret)
    monkeypatch.setenv("OIP_DATABASE_URL", "postgresql+psycopg://oip@db/oip")
    settings = Settings()
    assert settings.env == "production"
    assert settings.jwt_secret is not None
    assert settings.jwt_secret.get_secret_value() == secret
    assert settings.resolved_database_url == "postgresql+psycopg://oip@db/oip"


def test_production_environment_with_an_example_secret_variable_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OIP_ENV", "production")
    monkeypatch.setenv("OIP_JWT_SECRET", "changeme")
    with pytest.raises(ValidationError):
        Settings()


def test_default_database_is_sqlite_in_the_data_directory(tmp_path: Path) -> None:
    url = Settings(data_dir=tmp_path).resolved_database_url
    assert url == f"sqlite+aiosqlite:///{(tmp_path / 'oip.db').resolve()}"
