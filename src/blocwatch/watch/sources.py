"""The sources file: which feeds, news sitemaps, pages and WARC drops to watch, and how often.

A YAML file (``blocwatch-sources.yaml`` by default) that a person can read and edit by
hand, and that ``blocwatch sources add|list|remove`` edits for them::

    sources:
      - name: wire-world
        kind: feed            # feed | sitemap | page | warc
        url: https://wire.example/world.rss
        outlet: Wire
        language: en
        interval: 15m         # 90s, 15m, 2h or a number of seconds

A ``warc`` source names a folder: every WARC file dropped there is read once. The file
is the operator's; the database keeps only what watching learned (see ``store/watch.py``).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from blocwatch.errors import ConfigError

DEFAULT_INTERVAL = 900
MIN_INTERVAL = 1
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")
_INTERVAL = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


class SourceKind(StrEnum):
    FEED = "feed"
    SITEMAP = "sitemap"
    PAGE = "page"
    WARC = "warc"


@dataclass(frozen=True, slots=True)
class Source:
    """One thing to watch. ``outlet`` and ``language`` fill what pages do not say."""

    name: str
    kind: SourceKind
    url: str
    outlet: str | None = None
    language: str | None = None
    interval: int = DEFAULT_INTERVAL
    """Seconds between polls."""

    def as_dict(self) -> dict[str, Any]:
        record = asdict(self)
        record["kind"] = str(self.kind)
        record["interval"] = format_interval(self.interval)
        return {key: value for key, value in record.items() if value is not None}


def parse_interval(value: object, where: str) -> int:
    """Seconds from ``90``, ``"90s"``, ``"15m"``, ``"2h"`` or ``"1d"``."""
    if isinstance(value, bool):
        raise ConfigError(f"{where}: interval must be a duration like 15m, not {value!r}")
    if isinstance(value, int):
        seconds = value
    else:
        match = _INTERVAL.match(str(value))
        if not match:
            raise ConfigError(f"{where}: interval {value!r} is not a duration like 90s, 15m or 2h")
        seconds = int(match.group(1)) * _UNIT_SECONDS[match.group(2)]
    if seconds < MIN_INTERVAL:
        raise ConfigError(f"{where}: interval must be at least {MIN_INTERVAL} second")
    return seconds


def format_interval(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def make_source(record: dict[str, Any], where: str) -> Source:
    """A source from one record of the file, with every mistake named."""
    unknown = set(record) - {"name", "kind", "url", "outlet", "language", "interval"}
    if unknown:
        raise ConfigError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
    name = str(record.get("name") or "")
    if not _NAME.match(name):
        raise ConfigError(
            f"{where}: name {name!r} must be letters, digits, dots, dashes or underscores"
        )
    try:
        kind = SourceKind(str(record.get("kind", "feed")))
    except ValueError as exc:
        kinds = ", ".join(k.value for k in SourceKind)
        raise ConfigError(f"{where}: kind {record.get('kind')!r} is not one of {kinds}") from exc
    url = str(record.get("url") or "")
    if kind is SourceKind.WARC:
        if not url or url.startswith(("http://", "https://")):
            raise ConfigError(f"{where}: a warc source names a local folder, not {url!r}")
    elif not url.startswith(("http://", "https://")):
        raise ConfigError(f"{where}: url {url!r} must be an http(s) URL")
    return Source(
        name=name,
        kind=kind,
        url=url,
        outlet=_optional(record.get("outlet")),
        language=_optional(record.get("language")),
        interval=parse_interval(record.get("interval", DEFAULT_INTERVAL), where),
    )


def _optional(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def load_sources(path: Path) -> list[Source]:
    """The sources in ``path`` (none when it does not exist yet)."""
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    records = data.get("sources") if isinstance(data, dict) else None
    if records is None:
        records = []
    if not isinstance(records, list):
        raise ConfigError(f"{path}: 'sources' must be a list")
    sources: list[Source] = []
    seen: set[str] = set()
    for number, record in enumerate(records, start=1):
        where = f"{path} source {number}"
        if not isinstance(record, dict):
            raise ConfigError(f"{where}: expected a mapping with name, kind and url")
        source = make_source(record, where)
        if source.name in seen:
            raise ConfigError(f"{where}: the name {source.name!r} is used twice")
        seen.add(source.name)
        sources.append(source)
    return sources


def save_sources(path: Path, sources: list[Source]) -> None:
    """Write the file whole, through a temporary file, so a crash never leaves half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(
        {"sources": [s.as_dict() for s in sources]}, sort_keys=False, allow_unicode=True
    )
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def add_source(path: Path, source: Source) -> list[Source]:
    sources = load_sources(path)
    if any(s.name == source.name for s in sources):
        raise ConfigError(f"{path}: a source named {source.name!r} exists already")
    sources.append(source)
    save_sources(path, sources)
    return sources


def remove_source(path: Path, name: str) -> list[Source]:
    sources = load_sources(path)
    kept = [s for s in sources if s.name != name]
    if len(kept) == len(sources):
        raise ConfigError(f"{path}: no source named {name!r}")
    save_sources(path, kept)
    return kept
