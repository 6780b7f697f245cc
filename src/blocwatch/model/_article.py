"""An article and everything the stages find in it: the records the pipeline hands on.

A reader yields :class:`RawDocument`, cleaning turns it into an :class:`Article`, and the
NLP stages fill the article's ``sentences``, ``mentions``, ``times``, ``quotes`` and
``events``. Every extracted fact carries :class:`Evidence` (article, sentence, character
span into ``Article.text``) so a reader can always go back to the words that support it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


def content_id(data: bytes) -> str:
    """Stable identifier of a piece of content: 16 hex digits of its SHA-256.

    Identifiers come from content rather than from paths or counters so that the
    same input ingested twice, from anywhere, maps to the same row.
    """
    return hashlib.sha256(data).hexdigest()[:16]


# --------------------------------------------------------------------------- raw input


class MediaType(StrEnum):
    """What a raw document's bytes are, which decides how cleaning reads them."""

    HTML = "text/html"
    TEXT = "text/plain"


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document as it arrived, before any cleaning.

    ``content`` is kept byte for byte (it is stored as the raw input). Fields such as
    ``title`` or ``published`` are what the *source* claimed (a JSON lines record, a
    feed entry); cleaning may confirm or replace them.
    """

    source: str
    """Where it came from: a path, ``path:line`` for JSON lines, a URL, ``-`` for stdin."""
    content: bytes
    media_type: MediaType
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    encoding: str | None = None
    """Declared encoding when the source states one; detection is used otherwise."""
    warnings: tuple[str, ...] = ()
    """What the reader dropped from the record and kept the document anyway (a bad date)."""

    @property
    def id(self) -> str:
        return content_id(self.content)


# --------------------------------------------------------------------------- evidence


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that a step could not use, and why (a reader, a pipeline step or the store
    reports one; the batch goes on without it)."""

    source: str
    step: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason} ({self.step})"


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` into an article's clean ``text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Evidence:
    """The words that support a fact: which article, which sentence, which characters."""

    article_id: str
    sentence_index: int
    span: Span
    text: str
    """The supporting text itself (``article.text[span.start:span.end]``)."""


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    span: Span
    text: str
    paragraph: int = 0
    tone: float | None = None
    """VADER's compound score of the sentence's words, -1 (negative) to +1 (positive)."""


# --------------------------------------------------------------------------- syntax


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a parsed sentence, as the syntax stage read it.

    ``i`` and ``head`` index the sentence's tokens (the root is its own head); ``start``
    is the token's first character in the article's ``text``. Labels are the parser's own
    (spaCy's English labels: ``nsubj``, ``dobj``, ``agent``, ``pobj``, ...).
    """

    i: int
    text: str
    start: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_type: str = ""
    ent_iob: str = "O"

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class Parse:
    """The tokens of one sentence (``sentence_index`` into ``Article.sentences``)."""

    sentence_index: int
    tokens: tuple[Token, ...]


# --------------------------------------------------------------------------- actors


class ActorKind(StrEnum):
    STATE = "state"
    ORGANIZATION = "organization"
    PERSON = "person"
    PLACE = "place"
    BLOC = "bloc"
    CONTESTED = "contested"
    """A breakaway or occupied entity with de facto authorities of its own (the Donetsk
    "people's republic", Transnistria, Northern Cyprus, Russian-occupied Crimea): an actor
    with a code of its own, never folded into the state that claims its territory."""


class Sector(StrEnum):
    """What kind of body an actor is, beyond its kind: who acts for a state or against it.

    The dictionary knows it for the actors it lists; for others the text says it ("Iraqi
    forces" are military, "the Houthis" an armed group, "border guards" police).
    """

    GOVERNMENT = "government"
    MILITARY = "military"
    POLICE = "police"
    JUDICIARY = "judiciary"
    LEGISLATURE = "legislature"
    PARTY = "party"
    OPPOSITION = "opposition"
    ARMED_GROUP = "armed group"
    COMPANY = "company"
    MEDIA = "media"
    NGO = "ngo"
    CIVILIANS = "civilians"


@dataclass(frozen=True, slots=True)
class Role:
    """An office held over a period; ``end`` is ``None`` while it is held."""

    title: str
    """Normalised office, e.g. ``"foreign minister"``, ``"president"``, ``"secretary general"``."""
    of: str
    """The state (ISO 3166-1 alpha-3) or organisation code the office belongs to."""
    start: date | None = None
    end: date | None = None

    def held_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Actor:
    """A state, organisation, bloc, person or place, under every name it goes by."""

    id: str
    """Stable id: ISO3 for states (``RUS``), the short code for organisations (``CIS``),
    ``person:<slug>`` for people, ``place:<slug>`` for places."""
    name: str
    kind: ActorKind
    country: str | None = None
    """ISO3 (or organisation code) the actor belongs to or stands for."""
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()

    def role_on(self, day: date | None) -> Role | None:
        """The role valid on ``day``; the latest role when the day is unknown."""
        if not self.roles:
            return None
        if day is None:
            return self.roles[-1]
        for role in reversed(self.roles):
            if role.held_on(day):
                return role
        return None


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the text where an actor is named, resolved to the actor."""

    actor_id: str
    name: str
    """The words as written in the text."""
    kind: ActorKind
    evidence: Evidence
    country: str | None = None
    role: str | None = None
    """The role the text or the date gives the actor here (``"foreign minister"``)."""
    role_start: date | None = None
    role_end: date | None = None
    claim: bool = False
    """True when the text's description of the actor disagrees with what is known (a
    'former' minister who still held the office): kept as the source's claim."""
    sector: Sector | None = None


# --------------------------------------------------------------------------- time


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"
    TIME = "time"
    UNRESOLVED = "unresolved"


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A date or time the text names, normalised to ISO 8601 where it can be."""

    text: str
    value: str | None
    """ISO 8601 at the precision the text gives: ``2022-05-13``, ``2020-11``, ``1993``,
    ``2022-04-19/2022-04-20``; ``None`` when it cannot be resolved without guessing."""
    precision: DatePrecision
    evidence: Evidence
    anchor: str | None = None
    """What the value was resolved against: ``"publication date"``, ``"explicit"``, ..."""


# --------------------------------------------------------------------------- quotes


class QuoteKind(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: str | None
    """The speaker as written (or as resolved from a pronoun or role)."""
    speaker_actor_id: str | None
    cue: str | None
    text: str
    """The content, without quotation marks."""
    kind: QuoteKind
    evidence: Evidence
    """Span of the content; ``sentence_index`` is its first sentence."""
    confidence: float = 1.0
    """How sure the attribution is, 0–1: a named subject of a cue verb scores high, a
    speaker carried over from an earlier paragraph or resolved from a pronoun lower."""


# --------------------------------------------------------------------------- events


class EventStatus(StrEnum):
    HAPPENED = "happened"
    PLANNED = "planned"
    CLAIMED = "claimed"
    NEGATED = "negated"


@dataclass(frozen=True, slots=True)
class EventActor:
    actor_id: str | None
    name: str
    code: str | None
    """State ISO3 or organisation code the actor stands for."""
    sector: Sector | None = None


QUAD_CLASSES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
"""GDELT's quad classes by number, the meaning of every ``quad_class``."""


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, in PLOVER, with the CAMEO code and Goldstein score."""

    type: str
    """PLOVER event type: AGREE, CONSULT, ..., ASSAULT."""
    source: EventActor | None
    target: EventActor | None
    evidence: Evidence
    mode: str | None = None
    cameo: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    """A key of :data:`QUAD_CLASSES` (1 verbal cooperation ... 4 material conflict)."""
    date: str | None = None
    place: str | None = None
    status: EventStatus = EventStatus.HAPPENED
    claimed_by: EventActor | None = None
    confidence: float = 1.0
    """How sure the coding is, 0–1 (verb sense, how the roles were found): pages and
    exports show events at or above ``settings.min_confidence`` unless asked otherwise."""


# --------------------------------------------------------------------------- articles


@dataclass(slots=True)
class Article:
    """A cleaned news article and everything the later stages found in it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published_at: datetime | None = None
    published_source: str | None = None
    """Where the publication date came from (``"html metadata"``, ``"printed"``, ...)."""
    published_confidence: float | None = None
    language: str | None = None
    origin_agency: list[str] = field(default_factory=list)
    raw_path: str | None = None
    """Where the raw input came from."""
    raw_id: str | None = None
    """Content id of the raw input (the idempotency key)."""
    sentences: list[Sentence] = field(default_factory=list)
    parses: list[Parse] = field(default_factory=list)
    """Syntax of the sentences worth parsing (not stored; read by the finding stages)."""
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    tone: float | None = None
    """Mean tone of the article's sentences (English only; see :mod:`blocwatch.nlp.tone`)."""

    @property
    def published_day(self) -> date | None:
        return self.published_at.date() if self.published_at else None
