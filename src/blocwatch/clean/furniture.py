"""Page furniture: the lines around an article that are not the article.

Rules work on single lines (one paragraph each) and are shared by plain-text pages and
by the text trafilatura returns for HTML pages, so one fix serves both. There are three
kinds of rule:

* a line that is furniture wherever it stands (a share widget, a sponsor tag, a photo
  credit, a "Read more:" teaser, a template scrap such as ``spot_img``);
* a *tail marker* ("Previous Article", "More In This Category", "Dear Reader", a comments
  heading): the article has ended, so the marker and everything after it go — but only
  when most of the page's words come before it, so a marker near the top of a page never
  swallows the article;
* a :class:`FurnitureIndex`, which learns the lines one outlet repeats on many pages.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from blocwatch.data import data_path, read_text

_WORD = re.compile(r"\w+")

# Widgets and labels that stand alone on a line: share bars, summary buttons, print links.
_WIDGET = re.compile(
    r"""^(?:
        no\ time\ to\ read\??|get\ a\ summary|summari[sz]e\ (?:this|the)\ article
      | listen\ to\ (?:this|the)\ (?:article|story)
      | share\ (?:this|the)\ (?:article|story|post|page)?
      | share(?:\ on)?\ (?:facebook|twitter|x|whatsapp|linkedin|telegram|email)
      | tweet
      | print
      | e-?mail
      | copy\ link
      | save\ (?:article|story)
      | add\ to\ (?:favou?rites|bookmarks)
      | font\ size
      | a\+?\ a-?
      | advertisement|advertising|sponsored(?:\ content)?|ad|skip\ to\ (?:main\ )?content
      | click\ to\ tweet|follow\ us|related|tags?|topics?|comments?|leave\ a\ (?:reply|comment)
      | link\ permanente|permalink|reply|loading\.*|show\ more|read\ more|see\ more
    )[.:!]?$""",
    re.IGNORECASE | re.VERBOSE,
)

# The article has ended: everything from here on belongs to the page, not the story.
_TAIL_MARKER = re.compile(
    r"""^(?:
        previous\ (?:article|post|story)|next\ (?:article|post|story)|more\ in\ this\ category
      | (?:week'?s|today'?s|this\ week'?s)\ top\ stories
      | top\ stories
      | most\ (?:read|popular|viewed)
      | related\ (?:articles|stories|posts|news|content|coverage)
      | you\ (?:may|might)\ also\ (?:like|be\ interested\ in)
      | (?:read|recommended)\ next|more\ (?:stories|news|from\ \w+(?:\ \w+)?)|trending(?:\ now)?
      | dear\ reader,?|[-–—\s]*sponsor(?:ed)?[-–—\s]*\S*
      | \d+\ (?:comments?|thoughts?\ on\b.*|responses?(?:\ to\b.*)?|replies)
      | comments\ are\ closed\.?
      | leave\ a\ (?:reply|comment)
      | post\ a\ comment
      | tinggalkan\ balasan
      | deixe\ (?:um|seu)\ comentário
      | deja\ (?:un|tu)\ comentario
      | laisser\ un\ commentaire
      | kommentar\ (?:schreiben|hinterlassen)
      | about\ the\ author|share\ this:?|like\ this:?
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# Lines that are furniture when short: calls to subscribe, follow, read on elsewhere.
_CALL_TO_ACTION = re.compile(
    r"""(?:
        ^(?:please\ )?(?:sign\ up|subscribe|register|follow|join|download|get|click|tap|support)\b
            .*\b(?:newsletters?|subscri\w+|inbox|app|twitter|facebook|instagram|telegram|youtube
            |here|for\ free|today|journalism)\b
      | \bsign\ up\b[^.]{0,60}\b(?:newsletter|e-?mail|inbox|today)
      | \bsubscribe\ (?:now|today|here|to\ (?:our|the)\ newsletter)
      | \band\ subscribe\b
      | \bnewsletters?\b.*\b(?:sign\ up|subscribe|inbox|for\ free)\b
      | \bdelivered\ (?:to|right\ in(?:to)?)\ your\ inbox
      | \bfollow\ (?:us|him|her|them|[A-Z]\w+)\ on\ (?:twitter|facebook|instagram|x|telegram)
      | \bon\ instagram,\ facebook
      | \bclick\ here\b
      | \bhave\ a\ (?:news\ )?tip\b
      | \bsupport\ (?:quality|independent)\ journalism
      | \btell\ us\ what\ you\ think
      | \blisten\ (?:to\ \w+\ live|back\ here)|\bdownload\ (?:our|the)\ app
    )""",
    re.IGNORECASE | re.VERBOSE,
)

_CALL_TO_ACTION_CUES = (
    "sign", "subscri", "newsletter", "inbox", "follow", "click", "tip", "journalism",
    "tell us", "listen", "download", "register", "join", "get", "tap", "support", "instagram",
)  # fmt: skip
"""Words one of which every call to action holds; lines without any skip the pattern."""

_TEASER_PREFIX = re.compile(
    r"^(?:read\ more|also\ read|read\ also|related|see\ also|don'?t\ miss|more|watch|listen"
    r"|recommended|must\ read|read|leia\ (?:também|mais)|lesen\ sie\ auch|lire\ aussi|ver\ también)"
    r"\s*[:|»>–-]\s*\S",
    re.IGNORECASE | re.VERBOSE,
)
_TEASER_TAG = re.compile(r"\[(?:[A-Z]+|[A-Z][a-z]+)\]$")
_CAPTION = re.compile(
    r"^(?:photo|image|picture|pic|photograph|foto|credit|illustration|video|file\ photo)s?"
    r"(?:\ credit)?\s*(?::|by\b|©)",
    re.IGNORECASE | re.VERBOSE,
)
_BREADCRUMB = re.compile(r"^(?:you\ are\ here|home)\s*[:»>/|]|\s[»›>]\s.*\s[»›>]\s", re.I | re.X)
_META_LINE = re.compile(
    r"^(?:(?:tempo\ de\ leitura|reading\ time|lesezeit|temps\ de\ lecture)\s*:"
    r"|\d+\s*min(?:ute)?s?\ read$"
    r"|filed\ under\b|posted\ in\b|categor(?:y|ies)\s*:|tags?\s*:)",
    re.IGNORECASE | re.VERBOSE,
)
_SYNDICATION_NOTE = re.compile(
    r"auto-generated\ from\ a\ syndicated\ feed|may\ have\ been\ reworked\ by|"
    r"this\ (?:story|article)\ has\ not\ been\ edited\ by",
    re.IGNORECASE | re.VERBOSE,
)
_SHORTCODE = re.compile(r"\[/\w+\]|^\[\w+\s+\w+=")
_SNAKE_SCRAP = re.compile(r"\b[a-z]+_[a-z_]+\b")
_ID_SCRAP = re.compile(r"^[a-z][a-z ]{0,20}\b[a-z]+[-_]\d+$")
_SPONSOR = re.compile(r"^[-–—\s]*(?:sponsor(?:ed)?|advertisement|anzeige|publicidad)\b", re.I)
_BIO = re.compile(
    r"\b(?:alumn(?:i|us|a|ae)|graduated?\ (?:of|from)"
    r"|is\ an?\ (?:\w+\ ){0,3}"
    r"(?:writer|journalist|reporter|correspondent|editor|contributor|analyst|author))\b",
    re.IGNORECASE | re.VERBOSE,
)
_BIO_BEAT = re.compile(r"\b(?:covering|covers|writes\ (?:about|for|on))\b", re.I | re.X)
"""Words that say what a writer covers, but that a story's own last line may use too."""
_TERMINAL = re.compile(r"""[.!?…:;,]["'”’»)\]]*$""")

SHORT_LINE_WORDS = 40
"""Calls to action and captions longer than this are prose, whatever words they use."""


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def normalise(line: str) -> str:
    """Case- and punctuation-blind key of a line, for comparing repeats."""
    return " ".join(words(line.casefold()))


def is_title_case_teaser(line: str) -> bool:
    """A short headline-style line with no sentence end: a teaser, rubric or label.

    Most of its longer words start with a capital and it does not end like a sentence,
    e.g. ``GSV "Russia - Islamic World"`` or ``Russia Ukraine crisis``.
    """
    tokens = words(line)
    if not tokens or len(tokens) > 12 or not _ends_bare(line.rstrip()):
        return False
    long_words = [t for t in tokens if len(t) > 3 and not t.isdigit()]
    if not long_words:
        return False
    capitalised = sum(t[0].isupper() for t in long_words)
    return line.strip()[0].isupper() and capitalised / len(long_words) >= 0.6


def is_tag_list(line: str) -> bool:
    """Topic tags: ``Russia Ukraine Conflict | Russia | Ukraine``, or a long run of short
    lower-case keywords with no sentence end (``stock car 2018, stock car brasil, ...``).

    Capitalised comma lists are names (credits, line-ups) and belong to the article.
    """
    if line.startswith("|"):
        return False
    if any(bar in line for bar in ("|", "•", "·")):
        parts = [p.strip() for p in re.split(r"\s[|•·]\s", line)]
        if len(parts) >= 3 and all(0 < len(words(p)) <= 5 for p in parts):
            return True
    if line.count(",") < 5 or not _ends_bare(line):
        return False
    parts = [p.strip() for p in line.split(",")]
    return (
        len(parts) >= 6
        and all(0 < len(words(p)) <= 5 for p in parts)
        and sum(p[0].islower() for p in parts) >= 0.8 * len(parts)
    )


def furniture_reason(line: str, count: int | None = None) -> str | None:
    """Why ``line`` is furniture wherever it stands, or ``None`` when it may be prose.

    Checks run cheapest first and stop at the first hit: this runs on every line of
    every page, and most lines are prose that no rule matches. ``count`` is the line's
    word count, when the caller has it already.
    """
    stripped = line.strip()
    if count is None:
        count = len(words(stripped))
    if not count:
        return None if stripped.startswith("|") else "no words"
    for reason, applies in _RULES:
        if applies(stripped, count):
            return reason
    return None


@dataclass(frozen=True, slots=True)
class Notice:
    """A kind of notice pages print around articles (``data/clean/notices.tsv``)."""

    kind: str
    max_words: int
    pattern: re.Pattern[str]


@cache
def notices() -> tuple[Notice, ...]:
    """The shipped notice patterns: paywalls, copyright lines, reprint terms.

    The patterns of one kind and word limit are joined into one expression, so a line
    costs a handful of searches, not one per pattern.
    """
    path = data_path("clean/notices.tsv")
    text = read_text("clean/notices.tsv")
    grouped: dict[tuple[str, int], list[str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            kind, max_words, pattern = line.split("\t")
            re.compile(pattern)
            grouped.setdefault((kind, int(max_words)), []).append(f"(?:{pattern})")
        except (ValueError, re.error) as error:
            raise ValueError(
                f"{path} line {number}: not kind<TAB>max_words<TAB>regex ({error})"
            ) from None
    return tuple(
        Notice(kind, limit, re.compile("|".join(patterns), re.IGNORECASE))
        for (kind, limit), patterns in grouped.items()
    )


def notice_kind(line: str, count: int | None = None) -> str | None:
    """``"paywall"``, ``"copyright"`` or ``"reprint"`` when ``line`` is such a notice."""
    if count is None:
        count = len(words(line))
    return next(
        (n.kind for n in notices() if count <= n.max_words and n.pattern.search(line)), None
    )


def _ends_bare(line: str) -> bool:
    return not _TERMINAL.search(line[-4:])


_RULES: tuple[tuple[str, Callable[[str, int], bool]], ...] = (
    ("widget", lambda line, count: count <= 8 and bool(_WIDGET.match(line))),
    ("sponsor", lambda line, count: bool(_SPONSOR.match(line))),
    (
        "navigation",
        lambda line, count: count <= 20 and bool(_BREADCRUMB.search(line)),
    ),
    ("caption", lambda line, count: count <= SHORT_LINE_WORDS and bool(_CAPTION.match(line))),
    (
        "page metadata",
        lambda line, count: count <= SHORT_LINE_WORDS and bool(_META_LINE.match(line)),
    ),
    (
        "teaser",
        lambda line, count: count <= SHORT_LINE_WORDS and bool(_TEASER_PREFIX.match(line)),
    ),
    (
        "teaser",
        lambda line, count: (
            4 <= count <= SHORT_LINE_WORDS and line.endswith("]") and bool(_TEASER_TAG.search(line))
        ),
    ),
    (
        "call to action",
        lambda line, count: (
            count <= SHORT_LINE_WORDS
            and any(cue in line.lower() for cue in _CALL_TO_ACTION_CUES)
            and bool(_CALL_TO_ACTION.search(line))
        ),
    ),
    (
        "syndication note",
        lambda line, count: (
            any(cue in line.lower() for cue in ("syndicat", "reworked", "edited by"))
            and bool(_SYNDICATION_NOTE.search(line))
        ),
    ),
    (
        "template scrap",
        lambda line, count: (
            (count <= 6 and "_" in line and bool(_SNAKE_SCRAP.search(line)))
            or (count <= 6 and bool(_ID_SCRAP.match(line)))
            or ("[" in line and bool(_SHORTCODE.search(line)))
        ),
    ),
    ("tag list", lambda line, count: is_tag_list(line)),
    ("notice", lambda line, count: notice_kind(line, count) is not None),
)


_MARKER_WORDS = 25


def is_tail_marker(line: str) -> bool:
    return len(line) <= 200 and bool(_TAIL_MARKER.match(line.strip()))


_BIO_SUBJECT = re.compile(
    r"^(?:[A-Z][\w'’.-]*\s+){1,4}(?:is|was|has|covers|writes|reports|graduated|joined)\b"
)


def is_author_bio(line: str) -> bool:
    """A short note about the writer, as pages put it between the article and the sidebar.

    It says what the writer is or studied ("... is a freelance journalist", "... Academy
    alumni"), or it opens with the writer's name and a verb and says what they cover
    ("Jane Roe covers Central Asia"): the last line of a story may well say that a fund
    "covers" repairs, and is not a bio.
    """
    if len(words(line)) > 60:
        return False
    if _BIO.search(line):
        return True
    return bool(_BIO_SUBJECT.match(line)) and bool(_BIO_BEAT.search(line))


def strip_inline_widgets(line: str) -> str:
    """Remove widget text glued to prose, e.g. a trailing "Click To Tweet"."""
    return re.sub(r"\s*Click To Tweet\s*$", "", line, flags=re.IGNORECASE)


def tail_cut(lines: list[str], *, min_share: float = 0.5) -> int:
    """Index of the first line of the page's tail, or ``len(lines)`` when it has none.

    A marker only starts the tail when at least ``min_share`` of the page's words come
    before it; a short author bio right before the tail belongs to the tail too.
    """
    counts = [len(words(line)) for line in lines]
    total = sum(counts) or 1
    seen = 0
    for index, line in enumerate(lines):
        if counts[index] <= _MARKER_WORDS and is_tail_marker(line) and seen / total >= min_share:
            start = index
            while start > 0 and (not words(lines[start - 1]) or furniture_reason(lines[start - 1])):
                start -= 1
            if start > 0 and is_author_bio(lines[start - 1]):
                start -= 1
            return start
        seen += counts[index]
    return len(lines)


@dataclass
class FurnitureIndex:
    """Lines that recur across many pages of one outlet are furniture.

    Feed it every page of a corpus (``add``) before cleaning; a line is furniture for an
    outlet once it has been seen on at least ``min_pages`` different pages making up at
    least ``min_share`` of that outlet's pages. Lines of more than ``max_words`` words are
    never counted: long repeated passages are syndicated copies, which are articles.
    """

    min_pages: int = 3
    min_share: float = 0.3
    max_words: int = 40
    _pages: Counter[str | None] = field(default_factory=Counter, init=False, repr=False)
    _lines: defaultdict[str | None, Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter), init=False, repr=False
    )

    def add(self, outlet: str | None, text: str) -> None:
        keys = {normalise(line) for line in text.splitlines()}
        keys = {key for key in keys if key and len(key.split()) <= self.max_words}
        self._pages[outlet] += 1
        self._lines[outlet].update(keys)

    def is_furniture(self, outlet: str | None, line: str) -> bool:
        pages = self._pages[outlet]
        if pages < self.min_pages:
            return False
        seen = self._lines[outlet][normalise(line)]
        return seen >= self.min_pages and seen / pages >= self.min_share
