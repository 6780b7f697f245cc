"""Checks on the bundled sample corpus and its manifest, which tests and the demo use as gold.

The corpus is data, not code: these tests guard the promises the manifest makes (every file
listed, copies pointing at real originals, exactly one deliberately non-UTF-8 page) so that
later edits to the pages cannot silently break the gold.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter, defaultdict
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import lxml.html

import blocwatch

SAMPLE = Path(blocwatch.__file__).parent / "data" / "sample"
KINDS = {"html", "text", "jsonl"}
REQUIRED = {"title", "outlet", "published", "origin_agency", "copy_of", "story", "kind"}


@cache
def manifest() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads((SAMPLE / "MANIFEST.json").read_text("utf-8"))
    return data


@cache
def feed_records() -> list[dict[str, Any]]:
    lines = (SAMPLE / "feeds.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def raw_bytes(name: str) -> bytes:
    data = (SAMPLE / name).read_bytes()
    return gzip.decompress(data) if name.endswith(".gz") else data


def page_text(key: str) -> str:
    """All visible text of an entry, furniture included, for rough overlap measures."""
    entry = manifest()[key]
    if entry["kind"] == "jsonl":
        record = feed_records()[int(key.split(":")[1]) - 1]
        if "html" in record:
            return str(lxml.html.fromstring(record["html"]).text_content())
        return str(record["text"])
    text = raw_bytes(key).decode(entry.get("encoding", "utf-8"))
    if entry["kind"] == "html":
        return str(lxml.html.fromstring(text).text_content())
    return text


def shingles(text: str, size: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


@cache
def boilerplate() -> frozenset[tuple[str, ...]]:
    """Shingles found on more pages than any copy group has members: outlet furniture."""
    counts = Counter(sh for key in manifest() for sh in shingles(page_text(key)))
    return frozenset(sh for sh, n in counts.items() if n > 4)


def overlap(a: str, b: str) -> float:
    sa, sb = shingles(a) - boilerplate(), shingles(b) - boilerplate()
    return len(sa & sb) / min(len(sa), len(sb))


def test_manifest_lists_every_file_and_nothing_else() -> None:
    on_disk = {p.name for p in SAMPLE.iterdir() if p.is_file()} - {"MANIFEST.json"}
    listed = {key.split(":")[0] for key in manifest()}
    assert on_disk == listed


def test_every_feed_line_has_its_own_manifest_entry() -> None:
    keys = {key for key in manifest() if key.startswith("feeds.jsonl:")}
    assert keys == {f"feeds.jsonl:{n}" for n in range(1, len(feed_records()) + 1)}


def test_corpus_holds_at_least_forty_articles() -> None:
    assert len(manifest()) >= 40


def test_entries_carry_the_gold_fields_with_sane_values() -> None:
    for key, entry in manifest().items():
        assert entry.keys() >= REQUIRED, key
        assert entry["kind"] in KINDS, key
        assert entry["title"].strip(), key
        assert isinstance(entry["origin_agency"], list), key
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry["story"]), key
        if entry["published"] is not None:
            day = datetime.fromisoformat(entry["published"]).date()
            assert date(2021, 1, 1) <= day <= date(2024, 12, 31), key


def test_kind_matches_the_file_extension() -> None:
    for key, entry in manifest().items():
        if key.startswith("feeds.jsonl:"):
            assert entry["kind"] == "jsonl"
        elif key.endswith((".html", ".html.gz")):
            assert entry["kind"] == "html"
        else:
            assert key.endswith(".txt")
            assert entry["kind"] == "text"


def test_copies_point_at_existing_originals_in_other_outlets() -> None:
    entries = manifest()
    for key, entry in entries.items():
        original = entry["copy_of"]
        if original is None:
            continue
        assert original in entries, key
        assert original != key
        assert entries[original]["copy_of"] is None, f"{key} copies a copy"
        assert entries[original]["outlet"] != entry["outlet"], key
        assert entries[original]["story"] == entry["story"], key
        assert entries[original]["origin_agency"] == entry["origin_agency"], key


def test_at_least_six_wire_stories_are_republished() -> None:
    groups = Counter(e["copy_of"] for e in manifest().values() if e["copy_of"])
    assert len(groups) >= 6


def test_copies_share_their_body_with_the_original() -> None:
    entries = manifest()
    for key, entry in entries.items():
        if entry["copy_of"]:
            assert overlap(page_text(key), page_text(entry["copy_of"])) > 0.5, key


def test_independent_reports_of_one_story_are_not_copies() -> None:
    by_story: dict[str, list[str]] = defaultdict(list)
    for key, entry in manifest().items():
        if entry["copy_of"] is None:
            by_story[entry["story"]].append(key)
    pairs = [keys for keys in by_story.values() if len(keys) > 1]
    assert len(pairs) >= 3
    for keys in pairs:
        assert overlap(page_text(keys[0]), page_text(keys[1])) < 0.2, keys


def test_html_pages_parse_and_have_a_title() -> None:
    for key, entry in manifest().items():
        if entry["kind"] != "html":
            continue
        tree = lxml.html.fromstring(raw_bytes(key).decode("utf-8"))
        assert tree.findtext(".//title"), key
        assert tree.find(".//body") is not None, key


def test_feed_records_carry_text_or_html() -> None:
    for n, record in enumerate(feed_records(), start=1):
        assert {"url", "title", "outlet", "published"} <= record.keys()
        assert ("text" in record) != ("html" in record), n
        entry = manifest()[f"feeds.jsonl:{n}"]
        assert (record["title"], record["outlet"]) == (entry["title"], entry["outlet"])


def test_exactly_one_page_is_windows_1252_and_needs_detection() -> None:
    declared = [k for k, e in manifest().items() if e.get("encoding")]
    assert len(declared) == 1
    (odd,) = declared
    assert manifest()[odd]["encoding"] == "cp1252"
    data = raw_bytes(odd)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        raise AssertionError(f"{odd} decodes as UTF-8, so detection is never exercised")
    text = data.decode("cp1252")
    assert "é" in text or "É" in text
    assert "’" in text


def test_all_other_files_are_valid_utf8() -> None:
    for name in {key.split(":")[0] for key in manifest()}:
        if name.startswith("feeds.jsonl") or not manifest()[name].get("encoding"):
            raw_bytes(name).decode("utf-8")


def test_sample_folder_stays_under_one_megabyte() -> None:
    assert sum(p.stat().st_size for p in SAMPLE.iterdir()) < 1_000_000
