"""Direct quotes: the cue and source after a quote ('"...," X said'), before it ('X said:
"..."'), credit lines, and transcript and headline speakers ('PENCE: ...').
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from blocwatch.model import QuoteKind, Sentence, Span
from blocwatch.nlp.quotes import lexicon
from blocwatch.nlp.quotes.cues import _cue_at, _lemmas
from blocwatch.nlp.quotes.marks import _is_standalone, _is_title, _long_enough, _Quoted
from blocwatch.nlp.quotes.sources import (
    _looks_like_source,
    _source_after,
    _source_before,
    _subject_at,
    _with_apposition,
)
from blocwatch.nlp.quotes.spans import (
    Attribution,
    _abbreviation_before,
    _clause_start,
    _ends_with_by,
    _is_capitalised,
    _strip,
    _words,
)


def _attribute_quote(
    text: str,
    quoted: _Quoted,
    sentence: Sentence,
    sentences: list[Sentence],
    quotes: list[_Quoted],
) -> Attribution | None:
    if not _is_standalone(text, quoted, sentence) and not _cue_right_before(text, quoted):
        return None
    if _is_title(text[quoted.inner.start : quoted.inner.end]):
        return None
    if not _long_enough(text, quoted) and text[quoted.inner.end - 1 : quoted.inner.end] not in {
        ",",
        "?",
        "!",
    }:
        return None
    content = (Span(quoted.start, quoted.end),)
    after = _attribution_after(text, quoted, sentences, quotes)
    if after is not None:
        return Attribution(after[0], after[1], content, QuoteKind.DIRECT)
    before = _attribution_before(text, quoted, sentence, sentences)
    if before is not None:
        return Attribution(before[0], before[1], content, QuoteKind.DIRECT)
    return None


def _cue_right_before(text: str, quoted: _Quoted) -> bool:
    lead = text[max(0, quoted.start - 40) : quoted.start]
    return any(m.end() >= len(lead.rstrip()) for m in _cue_at(lead, 0, len(lead)))


_CREDIT = re.compile(
    r"[ \t\u00a0]*(?P<dash>[―—–])[ \t\u00a0]*"
    r"(?P<name>[A-Z][\w.’'-]*(?:[ \t\u00a0]+[A-Z][\w.’'-]*){0,4}"
    r"[ \t\u00a0.]*)(?=\n|$)"
)


def _attribution_after(
    text: str, quoted: _Quoted, sentences: list[Sentence], quotes: list[_Quoted]
) -> tuple[Span | None, Span] | None:
    """'"...," X said', '"...," said X', and a credit line '"..." ― Name'."""
    start = quoted.end
    credit = _CREDIT.match(text, start)
    if credit:
        name = Span(*_strip(text, credit.start("name"), credit.end("name"), " \t\u00a0."))
        return name, Span(credit.start("dash"), credit.end("dash"))
    limit = _clause_limit(text, start, quotes)
    lead = text[start:limit]
    stripped = lead.lstrip(" ,\u00a0")
    if not stripped or lead[: len(lead) - len(stripped)].count("\n"):
        return None
    if _NEW_CLAUSE.match(stripped):
        return None
    offset = start + len(lead) - len(stripped)
    inner_last = text[quoted.inner.end - 1 : quoted.inner.end]
    if inner_last == "." and not lead.startswith(",") and not re.match(r"\s*[a-z]", lead):
        return None
    inner_end = text[quoted.inner.start : quoted.inner.end].rstrip(" '’\"”")[-1:]
    if inner_end not in ",.?!…-—–" and not lead.lstrip(" \u00a0").startswith(","):
        # A quote followed by its attribution ends in punctuation, inside the mark or
        # right after it ("'...', he said"); "'... [sic]' Jamieson said the ..." starts a
        # sentence of its own.
        return None
    for match in _cue_at(text, offset, limit):
        if len(_words(text, offset, match.start())) > 30:
            return None
        cue = Span(match.start(), match.end())
        if match.start() == offset:
            source = _source_after(text, match.end(), limit)
            if source is not None:
                source = _with_apposition(text, source, limit)
            return (source, cue) if source is None or _looks_like_source(text, source) else None
        source_start, source_end = _strip(text, offset, match.start())
        if source_start >= source_end:
            return None
        source = Span(source_start, source_end)
        if not _looks_like_source(text, source):
            return None
        return source, cue
    return None


_NEW_CLAUSE = re.compile(r"(?:[-–—]+\s*)?(?:but|and|yet|while|although|though)\b")
"""What follows a quote when a new clause starts instead of its attribution ("'...' - but
many pointed out that ..."): the cue there belongs to that clause."""


def _clause_limit(text: str, start: int, quotes: list[_Quoted]) -> int:
    """Where the text after a closing quote mark stops being about that quote."""
    limit = len(text)
    for pattern in (r"[.!?;](?=\s|$)", r"\n", r"[“«\"]"):
        match = re.compile(pattern).search(text, start)
        if match and match.start() < limit:
            limit = match.start()
    while limit < len(text) and text[limit] == "." and _abbreviation_before(text, limit):
        match = re.compile(r"[.!?;](?=\s|$)|\n").search(text, limit + 1)
        limit = match.start() if match else len(text)
    return limit


def _attribution_before(
    text: str, quoted: _Quoted, sentence: Sentence, sentences: list[Sentence]
) -> tuple[Span | None, Span | None] | None:
    """'X said, "..."', 'X told press: "..."' and a lead-in sentence ending with a colon."""
    start = sentence.span.start
    lead_end = quoted.start
    lead = text[start:lead_end].rstrip()
    if not lead and sentence.index > 0:
        previous = sentences[sentence.index - 1]
        if text[previous.span.start : previous.span.end].rstrip().endswith(":"):
            start, lead_end = previous.span.start, previous.span.end
            lead = text[start:lead_end].rstrip()
    if not lead or (lead[-1] not in ",:" and not _cue_right_before(text, quoted)):
        return None
    lead_stop = start + len(lead.rstrip(",:").rstrip())
    if lead.endswith(":"):
        by = re.search(r"\b(?:comments|remarks|words|statement|message)\s+(?:made\s+)?by\s+", lead)
        if by:
            source = _source_after(text, start + by.end(), lead_stop)
            cue_span = Span(start + by.start(), start + by.end() - 1)
            return source, cue_span
    cues = list(_cue_at(text, start, lead_stop))
    if cues:
        match = cues[-1]
        cue = Span(match.start(), match.end())
        floor = _clause_start(text, start, match.start())
        lead_to_cue = text[floor : match.start()].rstrip()
        if match.verb.lower().endswith("ing") and (
            lead_to_cue[-1:] == "," or _ends_with_by(lead_to_cue)
        ):
            subject = _subject_at(text, floor, match.start())
            if subject is not None:
                return subject, cue
        before = _source_before(text, floor, match.start())
        if before is not None and _looks_like_source(text, before):
            return before, cue
        if text[match.end() : lead_stop].strip():
            after = _source_after(text, match.end(), lead_stop)
            return (after, cue) if after is not None else None
        return None, cue
    if lead.endswith(":"):
        colon_source = _source_before(text, start, lead_stop)
        if (
            colon_source
            and _looks_like_source(text, colon_source)
            and _is_capitalised(text[colon_source.start : colon_source.end].split()[-1])
        ):
            return colon_source, None
    return None


_TRANSCRIPT = re.compile(
    r"(?m)^[\"“]?(?P<who>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2}):[ \t]+(?P<said>\S[^\n]*)$"
)


_HEADLINE = re.compile(r"(?P<who>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}):[ \t]+(?P<said>[^\n]+)")


def _title_case_headline(text: str) -> Iterator[Attribution]:
    """A Title Case headline whose verb is a cue: "Lindsey Graham Says", "Black Lawmakers
    Rip Donald Trump As A Fraud" (headline case hides which words are verbs, so only
    the first line is read this way)."""
    line_end = text.find("\n")
    line_end = len(text) if line_end == -1 else line_end
    words = _words(text, 0, line_end)
    capitalised = [w for w in words if len(text[w[0] : w[1]]) > 3]
    if len(words) < 3 or not all(_is_capitalised(text[a:b]) for a, b in capitalised):
        return
    lemmas = _lemmas()
    for index, (start, end) in enumerate(words[1:], start=1):
        lemma = lemmas.get(text[start:end].lower())
        if lemma is None or lemma in lexicon.NOUN_LIKE - {"rip", "slam", "blast", "show"}:
            continue
        cue = Span(start, end)
        rest_start, body_end = _strip(text, end, line_end, " \t.")
        before = text[:start].rstrip()
        if rest_start >= body_end and "," in before:
            comma = before.rfind(",")
            source = Span(*_strip(text, comma + 1, start))
            content = Span(*_strip(text, 0, comma))
        else:
            source = Span(*_strip(text, 0, start))
            content = Span(*_strip(text, end, body_end))
            if index > 5 or "," in before:
                return
        if source.start < source.end and content.start < content.end:
            yield Attribution(source, cue, (content,), QuoteKind.INDIRECT)
        return


def _transcript_lines(text: str) -> Iterator[Attribution]:
    """Interview transcripts ("PENCE: Well, ...") and a headline naming its speaker
    ("Lavrov: CIS Countries Recognize ..."); the colon is the cue."""
    headline = _HEADLINE.match(text)
    if headline and not any(
        word.lower() in lexicon.STOP_BACK or word.lower() in lexicon.NOUN_PHRASE_JOINS
        for word in headline.group("who").split()
    ):
        start, end = _strip(text, headline.start("said"), headline.end("said"), " \t.")
        who = Span(headline.start("who"), headline.end("who"))
        yield Attribution(who, Span(who.end, who.end + 1), (Span(start, end),), QuoteKind.INDIRECT)
    else:
        yield from _title_case_headline(text)
    turns = [
        match
        for match in _TRANSCRIPT.finditer(text)
        if not (headline and match.start() < headline.end())
        and match.group("who") not in lexicon.NOT_SPEAKERS
    ]
    for index, match in enumerate(turns):
        content = Span(*_strip(text, match.start("said"), match.end("said")))
        if content.end - content.start < 2:
            continue
        pieces = [content]
        if len(turns) > 1:
            stop = turns[index + 1].start() if index + 1 < len(turns) else len(text)
            pieces.extend(_turn_continues(text, match.end(), stop))
        who = Span(match.start("who"), match.end("who"))
        yield Attribution(who, Span(who.end, who.end + 1), tuple(pieces), QuoteKind.DIRECT)


def _turn_continues(text: str, start: int, stop: int) -> Iterator[Span]:
    """The paragraphs after a transcript turn that open no new turn are the same
    speaker's; a stage note ("(CROSSTALK.)") ends the turn."""
    for paragraph in re.finditer(r"[^\n]+", text[start:stop]):
        line_start, line_end = _strip(text, start + paragraph.start(), start + paragraph.end())
        if text.startswith(('"', "“"), line_start):
            line_start += 1
        if text.startswith("(", line_start):
            return
        if line_start < line_end:
            yield Span(line_start, line_end)
