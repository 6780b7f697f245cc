"""Russian sentences parsed into the same :class:`~blocwatch.model.Parse` records as English.

slovnet gives Universal Dependencies relations; the event coder and the quote reader read
spaCy's English scheme. Rather than teach the role reader a second scheme while it is
still changing, the adapter maps UD onto the labels it reads (``data/events/grammar_ru.toml``,
table ``[ud_labels]``) and makes one structural change: a UD preposition is a ``case``
child of its noun, an English one is the head of its noun (``prep`` → ``pobj``). Turning
``с Блинкеном`` into ``с`` (prep) → ``Блинкеном`` (pobj) lets the same code find "the
target after the preposition the verb's sense names" in both languages, with the
Russian prepositions in the Russian verb table. A case-marked noun with no preposition
keeps its case's meaning through the label: a dative is ``dative`` (English "gave
Ukraine aid"), and the negation particle "не" is ``neg``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from threadpoolctl import threadpool_limits

from blocwatch.data import toml_fields
from blocwatch.model import Parse, Sentence, Token
from blocwatch.nlp.russian.models import lemma, models

_NER_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}


@cache
def ud_labels() -> dict[str, str]:
    """UD relation → the label the role reader knows (``grammar_ru.toml``)."""
    with toml_fields("events/grammar_ru.toml") as data:
        table = data.get("ud_labels", {})
        return {str(k): str(v) for k, v in table.items()}


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    start: int
    """Offset in the article's text."""


class RussianParser:
    """Parses Russian sentences with slovnet (models loaded on first use, per process)."""

    def parse(self, text: str, sentences: Iterable[Sentence]) -> list[Parse]:
        """Parses of ``sentences`` (slices of ``text``), offsets into ``text``."""
        from razdel import tokenize

        chosen = [s for s in sentences if s.text.strip()]
        words = [[_Word(t.text, s.span.start + t.start) for t in tokenize(s.text)] for s in chosen]
        if not chosen:
            return []
        loaded = models()
        texts = [[w.text for w in ws] for ws in words]
        # slovnet's layers are small numpy matrix products: BLAS threads only wait on each
        # other (six times slower on a busy 2-core machine); the pipeline runs articles in
        # parallel instead.
        with threadpool_limits(limits=1, user_api="blas"):
            morphs = list(loaded.morph.map(texts))
            trees = list(loaded.syntax.map(texts))
            entities = [markup.spans for markup in loaded.ner.map([s.text for s in chosen])]
        return [
            _parse_of(s, ws, m.tokens, t.tokens, e)
            for s, ws, m, t, e in zip(chosen, words, morphs, trees, entities, strict=True)
        ]


def _parse_of(
    sentence: Sentence,
    words: Sequence[_Word],
    morph: Sequence[Any],
    tree: Sequence[Any],
    spans: Sequence[Any],
) -> Parse:
    labels = ud_labels()
    base = sentence.span.start
    heads = [int(t.head_id) - 1 for t in tree]
    deps = [labels.get(t.rel, labels.get(t.rel.split(":")[0], t.rel.split(":")[0])) for t in tree]
    pos = [m.pos for m in morph]
    for i, h in enumerate(heads):
        if h < 0:
            heads[i], deps[i] = i, "ROOT"
    # A preposition heads its noun, as in English: noun ← case ADP  ⇒  head → prep → pobj.
    for i, t in enumerate(tree):
        noun = heads[i]
        if t.rel == "case" and pos[i] == "ADP" and noun != i and heads[noun] != noun:
            heads[i], deps[i] = heads[noun], "prep"
            heads[noun], deps[noun] = i, "pobj"
        elif t.rel == "case" and pos[i] == "ADP" and heads[noun] == noun:
            deps[i] = "prep"
    for i, m in enumerate(morph):
        case = m.feats.get("Case")
        if tree[i].rel in {"obl", "nmod"} and deps[i] not in {"pobj"} and case == "Dat":
            deps[i] = "dative"
        if pos[i] == "PART" and words[i].text.lower() in {"не", "ни"}:
            deps[i] = "neg"
    _name_heads_title(heads, deps, pos)
    ents = _entity_tags(words, spans, base)
    tokens = tuple(
        Token(
            i=i,
            text=w.text,
            start=w.start,
            lemma=lemma(w.text, pos[i]) if pos[i] not in {"PUNCT", "NUM"} else w.text,
            pos=pos[i],
            tag="|".join(f"{k}={v}" for k, v in sorted(morph[i].feats.items())),
            dep=deps[i],
            head=heads[i],
            ent_type=ents[i][0],
            ent_iob=ents[i][1],
        )
        for i, w in enumerate(words)
    )
    return Parse(sentence_index=sentence.index, tokens=tokens)


def _name_heads_title(heads: list[int], deps: list[str], pos: Sequence[str]) -> None:
    """ "Президент Белоруссии Александр Лукашенко": UD heads the phrase with the title and
    hangs the name on it as ``appos``; English parses head it with the name, the title a
    ``compound`` ("President Lukashenko"). The role reader resolves a phrase by its head,
    so the name is made the head, as in English; the title keeps its own modifiers."""
    for i, dep in enumerate(deps):
        title = heads[i]
        if dep != "appos" or pos[i] != "PROPN" or title >= i or pos[title] != "NOUN":
            continue
        heads[i], deps[i] = (i, "ROOT") if heads[title] == title else (heads[title], deps[title])
        heads[title], deps[title] = i, "compound"
        for j, head in enumerate(heads):
            if head == title and j != i and j > i:
                heads[j] = i  # what follows the name belongs to the whole phrase


def _entity_tags(words: Sequence[_Word], spans: Sequence[Any], base: int) -> list[tuple[str, str]]:
    tags = [("", "O")] * len(words)
    for span in spans:
        label = _NER_TYPES.get(span.type, "")
        inside = [
            i
            for i, w in enumerate(words)
            if w.start >= base + span.start and w.start < base + span.stop
        ]
        for k, i in enumerate(inside):
            tags[i] = (label, "B" if k == 0 else "I")
    return tags
