"""Finding attribution relations: runs the constructions in order (transcripts, direct
quotes, block quotes, reported speech, fronted sources, noun cues) and joins quoted
sentences that continue an attribution.
"""

from __future__ import annotations

from collections.abc import Sequence

from blocwatch.model import QuoteKind, Sentence, Span
from blocwatch.nlp.quotes.cues import _cue_at
from blocwatch.nlp.quotes.direct import _attribute_quote, _transcript_lines
from blocwatch.nlp.quotes.marks import (
    _OPEN_MARKS,
    _long_enough,
    _Quoted,
    _quoted_spans,
    _whole_paragraph,
    _whole_sentence_quote,
)
from blocwatch.nlp.quotes.reported import _as_source, _in_source, _noun_cues, _reported
from blocwatch.nlp.quotes.sources import _looks_like_source, _source_before
from blocwatch.nlp.quotes.spans import Attribution, _inside, _sentence_before, _strip
from blocwatch.nlp.sentences import sentence_at


def find_attributions(text: str, sentences: Sequence[Sentence]) -> list[Attribution]:
    """Every attribution relation in ``text``, in text order."""
    attributions = list(_transcript_lines(text))
    taken = [((a.source or a.content[0]).start - 2, a.content[-1].end) for a in attributions]
    quotes = [q for q in _quoted_spans(text) if not _inside(taken, q.start, q.start + 1)]
    sentence_list = list(sentences)
    _attribute_quotes(text, quotes, sentence_list, attributions, taken)
    _attribute_unquoted(text, quotes, sentence_list, attributions, taken)
    attributions.sort(key=lambda a: a.content[0].start)
    return _continued(text, attributions, [q for q in quotes if not _inside(taken, q.start, q.end)])


def _attribute_quotes(
    text: str,
    quotes: list[_Quoted],
    sentence_list: list[Sentence],
    attributions: list[Attribution],
    taken: list[tuple[int, int]],
) -> None:
    """Each quoted span given its source and cue, or joined to the quote before it when it
    continues that quote; adds to ``attributions`` and marks what it used in ``taken``."""
    previous: Attribution | None = None
    previous_paragraph = -1
    for quoted in quotes:
        sentence = sentence_at(sentence_list, quoted.start) or _sentence_before(
            sentence_list, quoted.start
        )
        if sentence is None:
            continue
        attribution = _attribute_quote(text, quoted, sentence, sentence_list, quotes)
        if attribution is None:
            if previous is not None and _continues(
                text, previous, previous_paragraph, sentence, quoted
            ):
                previous = Attribution(
                    previous.source,
                    previous.cue,
                    (*previous.content, Span(quoted.start, quoted.end)),
                    QuoteKind.DIRECT,
                )
                attributions[-1] = previous
                taken.append((quoted.start, quoted.end))
            continue
        if previous is not None and attribution.cue == previous.cue and attribution.cue:
            merged = tuple(sorted({*previous.content, *attribution.content}, key=lambda s: s.start))
            attribution = Attribution(previous.source, previous.cue, merged, QuoteKind.DIRECT)
            attributions[-1] = attribution
        else:
            attributions.append(attribution)
        previous = attribution
        previous_paragraph = (
            sentence_at(sentence_list, max(quoted.end - 1, 0)) or sentence
        ).paragraph
        taken.append((quoted.start, quoted.end))
        if attribution.cue:
            taken.append((attribution.cue.start, attribution.cue.end))


def _continues(
    text: str, previous: Attribution, previous_paragraph: int, sentence: Sentence, quoted: _Quoted
) -> bool:
    """Whether a quote with no cue of its own goes on with the direct quote before it: a
    whole quoted sentence in the same paragraph, with no cue and no paragraph break between."""
    return (
        previous.kind is QuoteKind.DIRECT
        and not (previous.cue and text[previous.cue.start : previous.cue.end] in "―—–")
        and sentence.paragraph == previous_paragraph
        and _whole_sentence_quote(text, quoted)
        and previous.content[-1].end <= quoted.start
        and not text[previous.content[-1].end : quoted.start].count("\n\n")
        and _long_enough(text, quoted)
        and not any(True for _ in _cue_at(text, previous.content[-1].end, quoted.start))
    )


def _attribute_unquoted(
    text: str,
    quotes: list[_Quoted],
    sentence_list: list[Sentence],
    attributions: list[Attribution],
    taken: list[tuple[int, int]],
) -> None:
    """What is attributed without quotation marks, in order: block quotes, reported speech,
    "according to" sources, then cue nouns ("his warning that ...")."""
    for sentence in sentence_list:
        block = _block_quote(text, sentence, sentence_list, taken)
        if block is not None:
            attributions.append(block)
            taken.extend((p.start, p.end) for p in (block.cue, *block.content) if p)
    for sentence in sentence_list:
        for attribution in _reported(text, sentence, quotes, taken, sentence_list):
            attributions.append(attribution)
            for piece in (attribution.cue, *attribution.content):
                if piece:
                    taken.append((piece.start, piece.end))
    for sentence in sentence_list:
        found = _in_source(text, sentence, taken) or _as_source(text, sentence, taken)
        if found is not None:
            attributions.append(found)
            taken.extend((p.start, p.end) for p in (found.cue, *found.content) if p)
    cues = [(a.cue.start, a.cue.end) for a in attributions if a.cue]
    for sentence in sentence_list:
        for attribution in _noun_cues(text, sentence, quotes, cues):
            attributions.append(attribution)
            taken.extend((p.start, p.end) for p in (attribution.cue, *attribution.content) if p)


def _block_quote(
    text: str, sentence: Sentence, sentences: list[Sentence], taken: list[tuple[int, int]]
) -> Attribution | None:
    """'The governor added:' as a paragraph of its own, then a paragraph without quotation
    marks: the next paragraph is what was said, set as a block quote."""
    lead = text[sentence.span.start : sentence.span.end].rstrip()
    if not lead.endswith(":") or sentence.index + 1 >= len(sentences):
        return None
    following = sentences[sentence.index + 1]
    if following.paragraph == sentence.paragraph or _inside(
        taken, sentence.span.start, sentence.span.end
    ):
        return None
    if sentence.index > 0 and sentences[sentence.index - 1].paragraph == sentence.paragraph:
        return None
    stop = sentence.span.start + len(lead) - 1
    cues = list(_cue_at(text, sentence.span.start, stop))
    if not cues or text[cues[-1].end() : stop].strip():
        return None
    cue = Span(cues[-1].start(), cues[-1].end())
    source = _source_before(text, sentence.span.start, cue.start)
    if source is None or not _looks_like_source(text, source):
        return None
    paragraph = [s for s in sentences if s.paragraph == following.paragraph]
    content = Span(*_strip(text, paragraph[0].span.start, paragraph[-1].span.end))
    first = text[content.start : content.start + 1]
    if (
        not first
        or first in _OPEN_MARKS + "\"'"
        or len(text[content.start : content.end].split()) < 4
    ):
        return None
    return Attribution(source, cue, (content,), QuoteKind.DIRECT)


def _continued(
    text: str, attributions: list[Attribution], loose: list[_Quoted]
) -> list[Attribution]:
    """Quoted sentences that follow an attribution in its paragraph, with no cue of their
    own and none in between, continue it ('"Yes," she said. "It was discussed."'). A
    quoted paragraph of eight words or more that continues nothing is kept as a quote
    whose speaker the text does not name."""
    unattributed: list[Attribution] = []
    for quoted in loose:
        if not _whole_sentence_quote(text, quoted):
            continue
        before = [i for i, a in enumerate(attributions) if a.content[-1].end <= quoted.start]
        if not before:
            if _whole_paragraph(text, quoted) and len(text[quoted.start : quoted.end].split()) >= 8:
                unattributed.append(
                    Attribution(None, None, (Span(quoted.start, quoted.end),), QuoteKind.DIRECT)
                )
            continue
        index = before[-1]
        attribution = attributions[index]
        gap_start = max(
            p.end for p in (attribution.cue, attribution.source, *attribution.content) if p
        )
        gap = text[gap_start : quoted.start]
        next_paragraph = (
            attribution.kind is QuoteKind.DIRECT
            and not gap.strip(" \t\n\u00a0.")
            and gap.count("\n\n") == 1
            and _whole_paragraph(text, quoted)
        )
        if not next_paragraph and (
            "\n" in gap.strip(" \t\u00a0") or len(gap) > 200 or "\n\n" in gap
        ):
            if _whole_paragraph(text, quoted) and len(text[quoted.start : quoted.end].split()) >= 8:
                unattributed.append(
                    Attribution(None, None, (Span(quoted.start, quoted.end),), QuoteKind.DIRECT)
                )
            continue
        if any(True for _ in _cue_at(text, gap_start, quoted.start)):
            continue
        attributions[index] = Attribution(
            attribution.source,
            attribution.cue,
            (*attribution.content, Span(quoted.start, quoted.end)),
            attribution.kind,
        )
    return sorted([*attributions, *unattributed], key=lambda a: a.content[0].start)
