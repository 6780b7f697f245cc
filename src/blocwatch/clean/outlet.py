"""An outlet's name and an article's title when the page does not state them well.

Pages name their site in metadata, but metadata extractors fall back to whatever they
find: a hosting platform's label ("Hosted"), the publisher's Facebook page, the bare
lower-cased domain. A name that looks like one of those is replaced by the registered
domain of the article's URL (``courlan``, which ships with trafilatura, knows the public
suffixes), written as a name: ``www.steppe-ledger.kz`` → ``Steppe Ledger``. A record
without a title (JSON lines, a bare text) gets its first line, cut at a word.
"""

from __future__ import annotations

import re

from courlan import extract_domain

_NOT_NAMES = frozenset({"hosted", "home", "index", "news", "homepage", "untitled"})
_LOOKS_LIKE_URL = re.compile(
    r"^(https?:|www\.)|\.[a-z]{2,}(/|$)|facebook|twitter\.com|t\.me/", re.I
)
_TITLE_CHARS = 140


def _domain_name(url: str | None) -> str | None:
    if not url:
        return None
    domain = extract_domain(url)
    if not domain or "." not in domain or domain.replace(".", "").isdigit():
        return None
    label = domain.split(".")[0]
    words = re.split(r"[-_]+", label)
    # A short label is an acronym more often than a word: bbc.co.uk is the BBC.
    return " ".join(w.upper() if len(w) <= 3 else w[:1].upper() + w[1:] for w in words if w) or None


def outlet_name(site_name: str | None, url: str | None) -> str | None:
    """The site's own name when it is one, else a name read from the URL's registered domain."""
    name = (site_name or "").split(" | ")[0].strip()
    if name and name.lower() not in _NOT_NAMES and not _LOOKS_LIKE_URL.search(name):
        return name
    return _domain_name(url)


def title_from_text(text: str) -> str | None:
    """The text's first non-empty line as a title, cut at a word when it runs long."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if not line:
        return None
    if len(line) <= _TITLE_CHARS:
        return line
    cut = line.rfind(" ", 0, _TITLE_CHARS)
    return line[: cut if cut > 40 else _TITLE_CHARS].rstrip(" ,;:") + " …"
