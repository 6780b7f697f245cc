"""Which languages blocwatch reads, with which tools, and what it says when it cannot.

An article in a language without support is kept, cleaned and searchable, and its page
and exports say that no facts were read from it, rather than showing an empty list as if
the article named nobody. Russian is read when the optional extra ``blocwatch[ru]`` is
installed; without it a Russian article is treated like an unsupported one, with the
install hint as the reason.

:class:`LanguageReaders` hands each finding stage the reader for an article's language,
built on first use (the Russian models load only when a Russian article arrives).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from blocwatch.model import Mention, Parse, Quote, Sentence, TimeExpression
from blocwatch.nlp import russian

if TYPE_CHECKING:
    from blocwatch.nlp.actors import ActorDictionary
    from blocwatch.nlp.events import EventCoder

log = logging.getLogger(__name__)
STAGES = ("actors", "syntax", "dates", "quotes", "events")
NAMES = {"en": "English", "ru": "Russian"}


@dataclass(frozen=True, slots=True)
class LanguageSupport:
    """What blocwatch reads in one language on this installation."""

    language: str | None
    read: bool
    stages: tuple[str, ...]
    note: str
    """One line for pages and exports: "read in Russian (actors, …)" or why not."""


def support(language: str | None) -> LanguageSupport:
    """What is read from an article in ``language`` (``None``: undetected, read as English)."""
    if language in (None, "en"):
        return LanguageSupport(language, True, STAGES, f"read in English ({', '.join(STAGES)})")
    if language == "ru":
        if russian.available():
            return LanguageSupport(language, True, STAGES, f"read in Russian ({', '.join(STAGES)})")
        return LanguageSupport(
            language,
            False,
            (),
            f"Russian, not read: the Russian models are not installed ({russian.INSTALL_HINT})",
        )
    return LanguageSupport(
        language,
        False,
        (),
        f"language {language!r} is not supported: kept and searchable, no actors, quotes, "
        "dates or events read",
    )


def reads(language: str | None, stage: str) -> bool:
    """Whether ``stage`` reads articles in ``language``; says why not, once per process."""
    found = support(language)
    if not found.read:
        _say_not_read(found.note)
    return stage in found.stages


@cache
def _say_not_read(note: str) -> None:
    log.warning("%s", note)


class LanguageReaders:
    """The per-language readers of the finding stages, built lazily, once per process."""

    def __init__(self, dictionary: ActorDictionary) -> None:
        self.dictionary = dictionary
        self._built: dict[str, Any] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"dictionary": self.dictionary, "_built": {}}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.dictionary = state["dictionary"]
        self._built = {}

    def _get(self, key: str, build: Callable[[], Any]) -> Any:
        if key not in self._built:
            self._built[key] = build()
        return self._built[key]

    def russian_actors(
        self, article_id: str, text: str, sentences: Sequence[Sentence], day: date | None
    ) -> list[Mention]:
        from blocwatch.nlp.russian.actors import RussianActorRecognizer

        recognizer = self._get("ru.actors", lambda: RussianActorRecognizer(self.dictionary))
        found: list[Mention] = recognizer.recognize(article_id, text, sentences, day)
        return found

    def russian_parses(self, text: str, sentences: Sequence[Sentence]) -> list[Parse]:
        from blocwatch.nlp.russian.syntax import RussianParser

        parsed: list[Parse] = self._get("ru.syntax", RussianParser).parse(text, sentences)
        return parsed

    def russian_coder(self) -> EventCoder:
        from blocwatch.nlp.actors.agents import default_agent_sectors
        from blocwatch.nlp.events import EventCoder, Lexicon

        coder: EventCoder = self._get(
            "ru.events",
            lambda: EventCoder(
                self.dictionary, Lexicon.load("ru"), agents=default_agent_sectors("ru")
            ),
        )
        return coder


def russian_times(
    article_id: str, text: str, sentences: Sequence[Sentence], anchor: datetime | None
) -> list[TimeExpression]:
    from blocwatch.nlp.russian.dates import extract_times_ru

    return extract_times_ru(article_id, text, sentences, anchor)


def russian_quotes(
    article_id: str, text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention]
) -> list[Quote]:
    from blocwatch.nlp.russian.quotes import extract_quotes_ru

    return extract_quotes_ru(article_id, text, sentences, mentions)
