"""Extractive summaries whose every sentence points back at its source span.

News puts the point first, so the lead is the strongest single signal (Lead-3 beats
most unsupervised summarisers on news). The scorer keeps that bias and adds two things
the lead lacks: *centrality* (a sentence that shares many content words with the rest
of the text states the main point; a photo caption or a scene-setting line does not)
and *redundancy control* (a sentence that repeats one already chosen is skipped).
Sentences that are not prose (bylines, captions run together, one-word lines, "Scroll
down for video") are left out.

For a story the same scorer runs over the sentences of all its articles; sentences
that say the same thing in several articles collapse into one summary sentence that
lists the other articles as support. :func:`report_notes` says instead what each report
brings, in the order they were published: the first report's lead, then for each later
report what no earlier report said and where its figures differ from an earlier one's.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from blocwatch.model import (
    Article,
    Evidence,
    ReportNote,
    ReportRole,
    Sentence,
    Span,
    SummarySentence,
)
from blocwatch.nlp.sentences import split_sentences
from blocwatch.stories.ranker import (
    RankedSentence,
    SentenceRanker,
    shipped_ranker,
    stop_words,
)

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+(?:[.,]\d+)*")
_FURNITURE = re.compile(
    r"^(by\b|published:|updated:|last updated|scroll down|click here|read more|advertisement"
    r"|share this|follow us|sign up)",
    re.IGNORECASE,
)
_LEADING_FURNITURE = (
    # A wire dateline: "(CNN)", "Boston (CNN)", "LONDON, England (CNN) --",
    # "YEREVAN/BAKU, Sept 20 (Reuters) -": a few place or date words, then the outlet.
    re.compile(
        r"(?:(?:[A-Z][\w.'’/-]*|\d{1,2})[ ,]+){0,5}\((?:[A-Z]{2,8}|Reuters)\)\s*(?:[-–—]+\s*)?"
    ),
)
_TERMINAL = re.compile(r"""[.!?…]["'”’»)\]]*$""")
_MIN_WORDS = 6
_MAX_WORDS = 80
LEAD_WEIGHT = 20.0
"""Weight of the lead prior against centrality in story summaries and report notes
(chosen by cross-validation on articles, see bench ``lead_centrality``)."""
_RESTATEMENT = 0.6
"""Share of the shorter sentence's content words that makes two sentences one point."""


def content_words(text: str) -> list[str]:
    """Lower-cased words of ``text`` without stop words, with a crude plural folding."""
    stopwords = stop_words()
    words = []
    for word in _WORD.findall(text.lower()):
        if word in stopwords or len(word) < 2:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.append(word)
    return words


@dataclass(slots=True)
class SummaryCandidate:
    """A prose sentence of an article with its content words: what the summaries score.

    Taking them costs more than scoring them, so they are taken once where an article
    is analysed (:func:`summary_candidates`) and handed to the story summaries of later
    batches (``summarize_story(candidates=...)``).
    """

    article_id: str
    sentence: Sentence
    words: frozenset[str]
    position: int
    """Index among the article's prose sentences (the lead is 0)."""
    score: float = 0.0


def _is_prose(sentence: Sentence) -> bool:
    """Whether a sentence reads as running text: not a headline, byline or menu line.

    A headline or a navigation line does not end with a full stop, so a sentence must.
    """
    words = sentence.text.split()
    if not _MIN_WORDS <= len(words) <= _MAX_WORDS:
        return False
    if not _TERMINAL.search(sentence.text):
        return False
    if _FURNITURE.match(sentence.text.lstrip(" -–—•*|")):
        return False
    letters = sum(ch.isalpha() for ch in sentence.text)
    return letters >= 0.6 * len(sentence.text.replace(" ", ""))


def _without_furniture(sentence: Sentence) -> Sentence:
    """The sentence less a wire dateline or a page pointer it opens with.

    "(CNN)" or "Scroll down for video" says nothing about the news; the span shrinks with
    the text, so the sentence still slices exactly out of its article.
    """
    for pattern in _LEADING_FURNITURE:
        found = pattern.match(sentence.text)
        if found and found.end():
            start = sentence.span.start + found.end()
            span = Span(start, sentence.span.end)
            sentence = replace(sentence, span=span, text=sentence.text[found.end() :])
    return sentence


def summary_candidates(article: Article) -> list[SummaryCandidate]:
    """The sentences of ``article`` that a summary may take, in text order (fresh copies)."""
    return _candidates(article)


def _candidates(article: Article) -> list[SummaryCandidate]:
    sentences = article.sentences or split_sentences(article.text)
    candidates: list[SummaryCandidate] = []
    for sentence in map(_without_furniture, sentences):
        if not _is_prose(sentence):
            continue
        words = frozenset(content_words(sentence.text))
        if words:
            candidates.append(SummaryCandidate(article.id, sentence, words, len(candidates)))
    return candidates


def _overlap(first: frozenset[str], second: frozenset[str]) -> float:
    """Share of the smaller word set found in the other: 1.0 for a restatement."""
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def _score(candidates: list[SummaryCandidate], *, lead_weight: float = LEAD_WEIGHT) -> None:
    """Score each candidate by lead position and centrality, in place.

    Centrality is the document-level weight of the sentence's words, where a word's
    weight is how many sentences use it (log-damped, 1.0 for the most used word);
    dividing the sum by the square root of the sentence length favours neither
    one-liners nor run-ons. The lead prior ``lead_weight / (1 + position)`` dominates
    for the first sentences and fades after a few, so centrality mostly decides which
    of the early sentences to keep and when a later one is worth more than the third.

    The weights are summed exactly (``math.fsum``): a set of words iterates in an order
    that changes with the process's string hashing, and a plain sum in that order can
    differ in its last bit, enough to break a tie between two reports' restatements of
    one point differently from one run (or worker) to the next.
    """
    frequency = Counter(word for candidate in candidates for word in candidate.words)
    top = max(frequency.values(), default=1)
    for candidate in candidates:
        weights = [math.log1p(frequency[word]) / math.log1p(top) for word in candidate.words]
        centrality = math.fsum(weights) / math.sqrt(len(weights))
        candidate.score = centrality + lead_weight / (1.0 + candidate.position)


def _evidence(candidate: SummaryCandidate) -> Evidence:
    sentence = candidate.sentence
    return Evidence(candidate.article_id, sentence.index, sentence.span, sentence.text)


def _select(
    candidates: list[SummaryCandidate], max_sentences: int, redundancy: float
) -> list[SummaryCandidate]:
    chosen: list[SummaryCandidate] = []
    for candidate in sorted(candidates, key=lambda c: -c.score):
        if len(chosen) == max_sentences:
            break
        if any(_overlap(candidate.words, other.words) >= redundancy for other in chosen):
            continue
        chosen.append(candidate)
    return chosen


def summarize_article(
    article: Article,
    *,
    max_sentences: int = 4,
    max_words: float | None = None,
    ranker: SentenceRanker | None = None,
    candidates: Sequence[SummaryCandidate] | None = None,
) -> list[SummarySentence]:
    """The sentences that best summarise ``article``, in text order.

    Sentences are taken by the learned ranker's score (see :mod:`.ranker`), skipping
    restatements, until the summary is as close as it gets to ``max_words`` (the
    ranker's cross-validated word budget unless given; ``math.inf`` for none) or holds
    ``max_sentences``. ``candidates`` are the article's :func:`summary_candidates`, when
    they were taken already (they are scored in place).
    """
    candidates = _candidates(article) if candidates is None else list(candidates)
    if not candidates:
        return []
    ranker = ranker or shipped_ranker()
    ranked = [RankedSentence(c.sentence.text, c.words, c.position) for c in candidates]
    title_words = frozenset(content_words(article.title or ""))
    scores = ranker.rank(ranked, title_words, article.title or "")
    for candidate, score in zip(candidates, scores, strict=True):
        candidate.score = score
    budget = ranker.word_budget if max_words is None else max_words
    chosen = _select_within(candidates, max_sentences, budget)
    chosen.sort(key=lambda c: c.sentence.index)
    return [SummarySentence(c.sentence.text, _evidence(c)) for c in chosen]


def _select_within(
    candidates: list[SummaryCandidate], max_sentences: int, budget: float
) -> list[SummaryCandidate]:
    """Best-scored sentences first, no restatements, stopping nearest to ``budget`` words.

    A sentence is added only if the total after it is nearer the budget than before it
    (the first one always is): a summary neither stops far short nor runs far over.
    """
    chosen: list[SummaryCandidate] = []
    words = 0
    for candidate in sorted(candidates, key=lambda c: -c.score):
        if len(chosen) == max_sentences:
            break
        if any(_overlap(candidate.words, other.words) >= _RESTATEMENT for other in chosen):
            continue
        length = len(candidate.sentence.text.split())
        if chosen and abs(words + length - budget) > abs(words - budget):
            break
        chosen.append(candidate)
        words += length
    return chosen


def summarize_story(
    articles: Sequence[Article], *, max_sentences: int = 5
) -> list[SummarySentence]:
    """A summary drawn from all of a story's articles, without repeating itself.

    Sentences that restate one another (most of their content words shared) form one
    point; the point is represented by its best-scored sentence, scores are boosted by
    how many articles make the point, and the other articles that make it are listed
    as support. The result is ordered by the earliest position any article gives the
    point, which keeps the story's lead first.
    """
    return summarize_candidates([_candidates(a) for a in articles], max_sentences=max_sentences)


def summarize_candidates(
    per_article: Sequence[Sequence[SummaryCandidate]], *, max_sentences: int = 5
) -> list[SummarySentence]:
    """:func:`summarize_story` from the :func:`summary_candidates` of each article, in the
    story's order, taken earlier (they are copied, not changed)."""
    candidates = [replace(candidate) for group in per_article for candidate in group]
    if not candidates:
        return []
    _score(candidates)
    points: list[list[SummaryCandidate]] = []
    for candidate in sorted(candidates, key=lambda c: -c.score):
        for point in points:
            if _overlap(candidate.words, point[0].words) >= _RESTATEMENT:
                point.append(candidate)
                break
        else:
            points.append([candidate])
    ranked = sorted(
        points,
        key=lambda point: -(point[0].score * (1.0 + 0.3 * math.log(len(_sources(point))))),
    )[:max_sentences]
    ranked.sort(key=lambda point: (min(c.position for c in point), point[0].article_id))
    summary = []
    for point in ranked:
        best = point[0]
        support = tuple(s for s in _sources(point) if s != best.article_id)
        summary.append(SummarySentence(best.sentence.text, _evidence(best), support))
    return summary


def _sources(point: list[SummaryCandidate]) -> list[str]:
    return list(dict.fromkeys(candidate.article_id for candidate in point))


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SAME_POINT = 0.5
"""Share of content words two sentences must share to be read as one point told twice."""
_MIN_POINT_WORDS = 4
"""Fewer content words than this are too few to tell what point a sentence makes."""


def report_notes(
    articles: Sequence[Article], *, first_sentences: int = 2, per_report: int = 2
) -> list[ReportNote]:
    """What each report adds to a story, every sentence cited, oldest report first.

    Reports are taken by publication time (undated ones last, in the given order). The
    first gives its ``first_sentences`` best sentences. Each later report gives up to
    ``per_report`` of its best sentences that restate nothing said before (``ADDS``),
    and every sentence that tells an earlier point with other figures (``DIFFERS``: 12
    dead where an earlier report said 10). A report that only repeats gives no note.
    """
    ordered = sorted(
        enumerate(articles),
        key=lambda pair: (pair[1].published_at is None, _timestamp(pair[1]), pair[0]),
    )
    notes: list[ReportNote] = []
    said: list[SummaryCandidate] = []
    for position, (_, article) in enumerate(ordered):
        candidates = _candidates(article)
        if not candidates:
            continue
        _score(candidates)
        if position == 0 or not said:
            chosen = _select(candidates, first_sentences, redundancy=_RESTATEMENT)
            notes.extend(_note(article, c, ReportRole.FIRST) for c in _in_order(chosen))
            said.extend(candidates)
            continue
        fresh: list[SummaryCandidate] = []
        differing: list[tuple[SummaryCandidate, SummaryCandidate]] = []
        for candidate in candidates:
            earlier = max(said, key=lambda other: _overlap(candidate.words, other.words))
            overlap = _overlap(candidate.words, earlier.words)
            if overlap < _RESTATEMENT:
                fresh.append(candidate)
            if (
                overlap >= _SAME_POINT
                and len(candidate.words) >= _MIN_POINT_WORDS
                and _figures_differ(candidate, earlier)
            ):
                differing.append((candidate, earlier))
        chosen = _select(fresh, per_report, redundancy=_RESTATEMENT)
        notes.extend(_note(article, c, ReportRole.ADDS) for c in _in_order(chosen))
        notes.extend(
            _note(article, c, ReportRole.DIFFERS, earlier) for c, earlier in differing[:per_report]
        )
        said.extend(candidates)
    return notes


def _timestamp(article: Article) -> float:
    return article.published_at.timestamp() if article.published_at else 0.0


def _in_order(chosen: list[SummaryCandidate]) -> list[SummaryCandidate]:
    return sorted(chosen, key=lambda c: c.sentence.index)


def _figures_differ(first: SummaryCandidate, second: SummaryCandidate) -> bool:
    """Both sentences give figures, and not the same ones."""
    ours = set(_NUMBER.findall(first.sentence.text))
    theirs = set(_NUMBER.findall(second.sentence.text))
    return bool(ours) and bool(theirs) and ours != theirs


def _note(
    article: Article,
    candidate: SummaryCandidate,
    role: ReportRole,
    earlier: SummaryCandidate | None = None,
) -> ReportNote:
    return ReportNote(
        article_id=article.id,
        outlet=article.outlet,
        published_at=article.published_at,
        role=role,
        sentence=SummarySentence(candidate.sentence.text, _evidence(candidate)),
        differs_from=(
            SummarySentence(earlier.sentence.text, _evidence(earlier)) if earlier else None
        ),
    )
