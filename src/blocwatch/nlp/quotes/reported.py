"""Reported speech in a sentence: 'X said (that) ...', '..., X said.', 'according to X',
passives, 'As X said, ...', 'In a new poll, ...', noun cues ("his claim that ..."), and
where reported content stops.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from blocwatch.model import QuoteKind, Sentence, Span
from blocwatch.nlp.quotes import lexicon
from blocwatch.nlp.quotes.cues import _coordinated_cue, _Cue, _cue_at, _lemmas, _verb_start
from blocwatch.nlp.quotes.marks import _Quoted
from blocwatch.nlp.quotes.sources import (
    _looks_like_source,
    _source_after,
    _source_after_according,
    _source_before,
    _subject_at,
    _with_apposition,
)
from blocwatch.nlp.quotes.spans import (
    _LAST_WORD,
    _SENTENCE_END,
    _TRAILING_TIME,
    Attribution,
    _clause_start,
    _ends_with_by,
    _inside,
    _strip,
)


def _reported(
    text: str,
    sentence: Sentence,
    quotes: list[_Quoted],
    taken: list[tuple[int, int]],
    sentences: list[Sentence],
) -> Iterator[Attribution]:
    """Reported speech in one sentence: 'X said (that) ...', '..., X said', 'according to X'."""
    start, end = sentence.span.start, sentence.span.end
    quoted_areas = [(q.start, q.end) for q in quotes]
    body_end = end
    final = _SENTENCE_END.search(text, start, end)
    if final and not re.search(r"[\"”»’']", text[final.start() : end]):
        body_end = final.start()
    last_source: Span | None = None
    for match in _cue_at(text, start, body_end):
        if _inside(quoted_areas, match.start(), match.end()) or _inside(
            taken, match.start(), match.end()
        ):
            continue
        verb = match.verb.lower()
        cue = Span(match.start(), match.end())
        if verb in lexicon.QUOTE_ONLY:
            continue
        if verb.startswith("according"):
            found = _according(text, sentence, match, body_end)
            if found:
                yield found
            continue
        found = _passive(text, sentence, match, body_end)
        if found is None:
            found = _source_cue_content(text, sentence, match, body_end, verb, last_source)
        if found is None:
            found = _content_source_cue(text, sentence, cue, body_end, verb)
            if found is not None and found.content[0].start == sentence.span.start:
                found = _reach_back(text, found, sentence, sentences, quotes, taken)
        if found is not None and not _inside(taken, found.content[0].start, found.content[-1].end):
            last_source = found.source
            yield found


_IN_SOURCE = re.compile(
    r"(?P<cue>In)\s+(?P<source>(?:(?:a|an|the|this|that|his|her|its|their|one|of|[\w’'.$-]+)\s+)"
    r"{0,8}?(?:poll|polls|survey|surveys|study|report|letter|memo|analysis|ruling|filing|op-ed|"
    r"essay|tweet|post|video|ad|book|column|editorial|complaint|lawsuit|opinion|view|eyes|"
    r"estimate|(?P<event>interview|statement|speech|remarks|testimony|address))\b[^,;]{0,80}),\s+"
)
"""'In a new poll, Clinton leads by two points': the document is the source. In 'In an
interview, Ham made clear ...' the speaker is the clause's subject."""


_AS_OPENING = re.compile(r"(?:(?:But|And)\s+)?(?i:as)\s+")


def _as_source(text: str, sentence: Sentence, taken: list[tuple[int, int]]) -> Attribution | None:
    """'As the minister said last week, the talks have failed': the content follows the
    fronted 'as'-clause, whose end is the first comma right after a cue."""
    opening = _AS_OPENING.match(text, sentence.span.start, sentence.span.end)
    if opening is None:
        return None
    limit = min(sentence.span.end, opening.end() + 160)
    for comma in re.finditer(r",\s+", text[opening.end() : limit]):
        clause_end = opening.end() + comma.start()
        cues = list(_cue_at(text, opening.end(), clause_end))
        if not cues:
            continue
        cue = cues[-1]
        after = text[cue.end() : clause_end]
        if after.strip() and not _TRAILING_TIME.match(after):
            continue
        if _inside(taken, cue.start(), cue.end()):
            return None
        source = _source_before(text, opening.end(), cue.start())
        if source is None or not _looks_like_source(text, source):
            return None
        content_start = opening.end() + comma.end()
        final = _SENTENCE_END.search(text, content_start, sentence.span.end)
        body_end = sentence.span.end
        if final and not re.search(r"[\"”»’']", final.group()):
            body_end = final.start()
        content = Span(*_strip(text, content_start, body_end))
        if len(text[content.start : content.end].split()) < 3:
            return None
        return Attribution(source, Span(cue.start(), cue.end()), (content,), QuoteKind.INDIRECT)
    return None


def _in_source(text: str, sentence: Sentence, taken: list[tuple[int, int]]) -> Attribution | None:
    """A sentence opening with the document or speech its claim comes from, when nothing
    else in the sentence is attributed already."""
    match = _IN_SOURCE.match(text, sentence.span.start, sentence.span.end)
    if match is None or _inside(taken, sentence.span.start, sentence.span.end):
        return None
    final = _SENTENCE_END.search(text, match.end(), sentence.span.end)
    body_end = (
        final.start()
        if final and not re.search(r"[\"”»’']", final.group())
        else (sentence.span.end)
    )
    content = Span(*_strip(text, match.end(), body_end))
    if len(text[content.start : content.end].split()) < 4:
        return None
    source: Span | None = Span(match.start("source"), match.end("source"))
    if match.group("event"):
        source = _subject_at(text, content.start, content.end)
        if source is None or len(text[source.end : content.end].split()) < 3:
            return None
    return Attribution(source, Span(match.start("cue"), match.end("cue")), (content,),
                       QuoteKind.INDIRECT)  # fmt: skip


def _alternation(words: frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NOUN_CUE = re.compile(
    r"(?P<source>(?:[A-Z][\w.-]*|[Tt]he)(?:\s+(?:[A-Z][\w.-]*|of|the)){0,4}\s+[\w.-]+[’']s|"
    r"[A-Z][\w.-]*[’']s|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)"
    rf"\s+(?:(?:{_alternation(lexicon.CUE_NOUN_MODIFIERS)})\s+)?"
    rf"(?P<cue>(?:{_alternation(lexicon.CUE_NOUNS)})s?(?:\s+of)?)"
    r"(?=\s+(?P<that>that\s)?)"
)
"""A cue that is a noun, its owner the source: "Trump's claim that ...", "his claims of
fraud", "the ministry's statement that ..." (only with a 'that'-clause, or 'of' after
claims, allegations and accusations)."""


def _noun_cues(
    text: str, sentence: Sentence, quotes: list[_Quoted], cues: list[tuple[int, int]]
) -> Iterator[Attribution]:
    """Noun cues anywhere in the sentence, also inside another attribution's content
    (the corpora nest them); ``cues`` are the cue spans already taken."""
    start, end = sentence.span.start, sentence.span.end
    final = _SENTENCE_END.search(text, start, end)
    body_end = final.start() if final and not re.search(r"[\"”»’']", final.group()) else end
    for match in _NOUN_CUE.finditer(text, start, body_end):
        cue = Span(match.start("cue"), match.end("cue"))
        words = text[cue.start : cue.end].split()
        if _inside(cues, cue.start, cue.end) or any(q.start <= cue.start < q.end for q in quotes):
            continue
        if words[-1] == "of":
            if words[0] not in lexicon.NOUN_OF:
                continue
        elif not match.group("that"):
            continue
        content_start = _strip(text, cue.end, body_end)[0]
        content_end = _content_end(text, content_start, body_end, "claim")
        content_end = min(content_end, _noun_phrase_end(text, content_start, content_end, words))
        lead = text[start : match.start()].strip(" \t\n\"“'‘")
        if not lead or re.search(r"\b(?:said|says|say|that|but|and)$", lead):
            subject_ends = list(_SUBJECT_ENDS.finditer(text, content_start, content_end))
            if subject_ends:
                content_end = subject_ends[-1].start()
        content = Span(*_strip(text, content_start, content_end, " \t\n,:\u00a0"))
        if len(text[content.start : content.end].split()) < 2:
            continue
        source = Span(match.start("source"), match.end("source"))
        yield Attribution(source, cue, (content,), QuoteKind.INDIRECT)


_SUBJECT_ENDS = re.compile(
    r"(?<=\w)\s+(?:is|was|are|were|has been|had been|have been|remains|remained|proved|"
    r"proves|drew|prompted|sparked)\s"
)
"""The main verb after a subject "his warning that the bridge was unsafe": the last one."""


def _noun_phrase_end(text: str, start: int, end: int, cue_words: list[str]) -> int:
    """The content of "claims of fraud" is a noun phrase: it stops at the verb or clause
    that follows it ("claims of fraud were rejected")."""
    if cue_words[-1] != "of":
        verb = re.search(r"\s(?:is|was|are|were|has|have|had|would|will|could|remains?|proved?)\s"
                         r"(?=(?:not\s|never\s)?(?:false|wrong|untrue|baseless|unfounded|true|correct|"
                         r"accurate|misleading|debunked|rejected|disputed))", text[start:end])  # fmt: skip
        if verb is None:
            verb = re.search(r",\s+(?:[A-Z][\w.’'-]*\s+){1,3}[a-z]+(?:ed|s)\b", text[start:end])
        return start + verb.start() if verb else end
    stop = re.search(r",|\s(?:is|was|are|were|has|have|had|would|will|could|that|which|"
                     r"who|but|and\s+(?:has|have|is|was))\s", text[start:end])  # fmt: skip
    return start + stop.start() if stop else end


_PASSIVE = re.compile(r"(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?\w+ed\s*$")


def _passive(text: str, sentence: Sentence, match: _Cue, body_end: int) -> Attribution | None:
    """'The nominee has been endorsed by dozens of papers': the subject is the content
    and the agent after 'by' the source."""
    by = re.match(r"\s+by\s+", text[match.end() : body_end])
    if by is None or not _PASSIVE.search(text, match.start(), match.end()):
        return None
    floor = _clause_start(text, sentence.span.start, match.start())
    content = _source_before(text, floor, match.start())
    source = _source_after(text, match.end() + by.end(), body_end)
    if content is None or source is None:
        return None
    source = _with_apposition(text, source, body_end)
    cue = Span(match.start(), match.end() + by.end() - 1)
    return Attribution(source, cue, (content,), QuoteKind.INDIRECT)


def _reach_back(
    text: str,
    found: Attribution,
    sentence: Sentence,
    sentences: list[Sentence],
    quotes: list[_Quoted],
    taken: list[tuple[int, int]],
) -> Attribution:
    """'Sentence. Sentence, X said.' closing a paragraph attributes the paragraph's
    earlier sentences too, as long as they carry no cue or quote of their own."""
    start = found.content[0].start
    index = sentence.index - 1
    while index >= 0 and sentences[index].paragraph == sentence.paragraph:
        earlier = sentences[index]
        span = earlier.span
        if (
            _inside(taken, span.start, span.end)
            or any(q.start < span.end and span.start < q.end for q in quotes)
            or any(True for _ in _cue_at(text, span.start, span.end))
        ):
            break
        start = span.start
        index -= 1
    if start == found.content[0].start:
        return found
    first = Span(start, found.content[0].end)
    return Attribution(found.source, found.cue, (first, *found.content[1:]), found.kind)


def _source_cue_content(
    text: str,
    sentence: Sentence,
    match: _Cue,
    body_end: int,
    verb: str,
    last_source: Span | None = None,
) -> Attribution | None:
    """'X said (that) ...', 'X told reporters that ...', 'X said on Tuesday that ...', and
    a second cue coordinated with the first ('He claimed ... and said ...')."""
    cue = Span(match.start(), match.end())
    floor = _clause_start(text, sentence.span.start, match.start())
    before_cue = text[floor : match.start()].rstrip()
    if (
        verb.endswith("ing")
        and match.start() == match.verb_start
        and before_cue[-1:] not in ",("
        and not _ends_with_by(before_cue)
    ):
        return None
    source = _source_of_cue(text, sentence, match, floor, verb, last_source)
    if source is not None and not _looks_like_source(text, source):
        return None
    rest = text[match.end() : body_end]
    if source is None and not (
        _lemmas().get(verb) in lexicon.CLAUSE_VERBS and re.match(r"\s+that\s", rest)
    ):
        return None
    content_start = _content_start(rest, match.end(), verb)
    if content_start is None:
        return None
    content_start, content_end = _strip(
        text,
        content_start,
        _content_end(text, content_start, _clause_end(text, source or cue, body_end), verb),
        " \t\n,:\u00a0",
    )
    if not _content_fits_cue(text, content_start, content_end, verb):
        return None
    return Attribution(source, cue, (Span(content_start, content_end),), QuoteKind.INDIRECT)


def _source_of_cue(
    text: str, sentence: Sentence, match: _Cue, floor: int, verb: str, last_source: Span | None
) -> Span | None:
    """Who the cue's subject is: the words before it, or, for a participle after a comma
    or a cue coordinated with another, the subject the clause shares."""
    before_cue = text[floor : match.start()].rstrip()
    if verb.endswith("ing") and _ends_with_by(before_cue):
        # "He tried to explain by saying ...": the clause's subject says it.
        source = _subject_at(text, floor, match.start())
    elif verb.endswith("ing") and before_cue.endswith(","):
        source = last_source or _subject_at(text, floor, match.start())
    else:
        source = _source_before(text, floor, match.start())
    if source is None and _COORDINATED.search(text, floor, match.start()):
        source = (
            last_source
            or _subject_at(text, floor, match.start())
            or _subject_at(text, sentence.span.start, match.start())
        )
    return source


def _content_start(rest: str, content_start: int, verb: str) -> int | None:
    """Where the content begins after the cue (past a lead-in or the listener of 'told
    reporters'); ``None`` when what follows the cue is not content."""
    if rest[:1] in ",;)" and not re.match(r",\s*[“\"«]", rest) and not _LEAD_IN.match(rest):
        return None
    lead_in = _LEAD_IN.match(rest)
    if lead_in:
        return content_start + lead_in.end()
    if verb in lexicon.OBJECT_FIRST and not rest.lstrip().startswith((":", "“", '"', "«", "that ")):
        listener = _LISTENER.match(rest)
        return None if listener is None else content_start + listener.end()
    if rest.lstrip()[:1].isalpha() and rest.lstrip().split()[0].lower() in lexicon.NOT_CONTENT:
        return None
    return content_start


def _content_fits_cue(text: str, content_start: int, content_end: int, verb: str) -> bool:
    """Whether the content is more than a time phrase, is the clause (or question,
    quotation or infinitive) the verb takes, and is not a request for comment."""
    first_piece = text[content_start:content_end].split(",")[0]
    if len(text[content_start:content_end].split()) < 2 or _ONLY_TIME.match(first_piece):
        return False
    first_word = text[content_start:content_end].split()[0].lower()
    if (
        verb in lexicon.NEEDS_CLAUSE
        and first_word != "that"
        and not (first_word in lexicon.WH_WORDS and _lemmas().get(verb) == "know")
        and first_word[:1] not in '“"«'
        and not (first_word == "to" and _lemmas().get(verb) in lexicon.TAKES_INFINITIVE)
    ):
        return False
    return not (
        _lemmas().get(verb) in {"respond", "reply"}
        and _NO_COMMENT.match(text, content_start, content_end)
    )


_NO_COMMENT = re.compile(
    r"(?:to\s+)?(?:a\s+|an\s+|my\s+|our\s+|repeated\s+|multiple\s+|several\s+)?"
    r"(?:requests?|messages?|emails?|e-mails?|calls?|phone\s+calls?|inquir(?:y|ies)|"
    r"questions?)\b(?:\s+(?:for|seeking)\s+comment)?"
)
"""'did not respond to requests for comment' reports silence, not speech."""


_TIME_WORDS = (
    r"(?:on|in|at|during|last|this|next|earlier|later|late|early|yesterday|today|"
    r"tonight|via|through|after|before|over|to|in\s+a|in\s+an|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)"
)


_LEAD_IN = re.compile(
    r",\s+according\s+to\s+[^,;]{1,60},(?=\s+that\s)|"
    rf"\s+{_TIME_WORDS}\b(?:[^,;:.“\"]{{0,60}}?(?=\s(?:that|he|she|they|it|we|I)\s)|"
    r"[^;:.“\"]{0,80}?,?(?=\sthat\s))",
    re.IGNORECASE,
)
"""'said in a statement on Friday that ...': the content starts at 'that'."""


_LISTENER = re.compile(
    r"\s+[^.;:]{0,80}?\s(?=that\b)|"
    r"\s+(?:[\w’'.-]+\s+){0,8}?(?=(?:that|to|about|how|why|what|whether)\b)|"
    r"\s+(?:[\w’'.-]+\s+){0,6}?[\w’'.-]+(?=\s*[:,]\s*[“\"«])|"
    r"\s+(?:[\w’'.-]+\s+){1,5}?(?=(?:he|she|they|we|I)\s+(?:would|will|was|is|had|has|could|"
    r"should|did|does|[a-z]+ed)\b)"
)
"""The listener after 'told': 'told reporters that', 'told the group:', 'told voters
this weekend he would ...'."""


_ONLY_TIME = re.compile(
    r"(?:(?:last|this|next|on|early|late|earlier|later|in)\s+)?(?:week|month|year|morning|"
    r"night|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|[A-Z][a-z]+\s+\d+)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\W*$"
)


_COORDINATED = re.compile(r"(?:,\s*)?\band\s+$")


def _clause_end(text: str, source: Span, body_end: int) -> int:
    """A cue inside a subordinate clause ("While his advisers have suggested X, Mr.
    Obama ...") has content only up to the clause's closing comma."""
    before = _LAST_WORD.search(text, max(0, source.start - 20), source.start)
    if before is None or before.group(1).lower() not in lexicon.SUBORDINATORS:
        return body_end
    masked = re.sub(
        r"“[^”]*”|\"[^\"]*\"", lambda m: "x" * len(m.group()), text[source.end : body_end]
    )
    stop = re.search(r", |\s[―—–]\s", masked)
    return source.end + stop.start() if stop else body_end


def _content_end(text: str, start: int, body_end: int, verb: str | None = None) -> int:
    """Where reported content stops: before a trailing participle cue (", adding that
    ..."), a new coordinated clause (", and human rights groups warned"), or — for a
    noun-phrase content ("criticised the plan since ...") — a following adverbial clause.
    Quoted stretches inside the content are never cut."""
    piece = text[start:body_end]
    masked = re.sub(r"“[^”]*”|\"[^\"]*\"|«[^»]*»", lambda m: "x" * len(m.group()), piece)
    cuts = [
        re.search(
            r",\s+(?:(?:even|also|further|then|again|later|in effect)\s+)?"
            r"(?:adding|saying|noting|arguing|insisting|warning|explaining|according to|"
            r"citing|calling|referring|referencing|contradicting|prompting|suggesting)\b|"
            r",?\s+(?:and|but)\s+(?:also\s+)?"
            r"(?:said|says|added|adds|told|tells|noted|argued|warned)\b",
            masked,
        ),
        _coordinated_cue().search(masked),
        re.search(
            r",\s+(?:and|but|yet|while|whereas|although|though)\s+(?!that\b|x)|\s—\s+(?:and|but)\b"
            r"|;",
            masked,
        ),
        re.search(r"\s+(?:and|but)\s+(?=[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*\s+[a-z]+ed\b)", masked),
        re.search(
            r"\s+but\s+(?:also\s+)?(?:has|have|had|did|does|was|is|were|would|will|could|can|"
            r"he|she|they|it|we|in)\b",
            masked,
        ),
        re.search(
            r"(?<=\w)\s+(?:so|as)\s+(?=[A-Z]|(?:he|she|they|it|we)\b)|"
            r",\s+(?:(?!including\b)[a-z]+ing\b|with\b|which|aside|more than|less than|who|whose|"
            r"following|"
            r"particularly|especially|the\s+(?!first\b)[a-z]+\s+[A-Z])",
            masked,
        ),
    ]
    opening = masked.lstrip().split(" ", 1)[0].lower()
    takes_clause = verb is None or _lemmas().get(verb) in lexicon.CLAUSE_VERBS
    noun_phrase = opening not in lexicon.CLAUSE_OPENERS or (
        opening in {"that", "this"} and not takes_clause
    )
    if noun_phrase and not takes_clause and not opening.startswith(("“", '"', "«", "x")):
        cuts.append(
            re.search(
                r";|\s(?:—|–|--?)\s|"
                r"\s+(?:on|in|at)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|early|late|"
                r"last|this|January|February|March|April|May|June|July|August|September|"
                r"October|November|December)\b|"
                r"\s+(?:since|after|before|during|when|while|because|until|in\s+an?|"
                r"and\s+(?:has|have|had|is|was|were|are|also|then))\b",
                masked,
            )
        )
    fronted = _FRONTED.match(masked)
    ends = [
        start + cut.start() for cut in cuts if cut and (not fronted or cut.start() >= fronted.end())
    ]
    return min([*ends, body_end])


_FRONTED = re.compile(
    r"\s*that\s+(?:in|on|at|after|before|despite|while|if|when|since|because|although|"
    r"though|as|under|by|for|with|without|during|once|unless|among|amid)\b[^,]*,"
)
"""'that in the three largest counties, which ...,': a fronted phrase's first comma does
not end the content."""


_ADVERBIAL_ONLY = re.compile(
    r"(?:(?:But|And|Yet)\s+)?(?i:during|despite|among|on|in|at|under|with|for|amid)\b[^,;:]*$"
)
"""A fronted phrase before the comma ("During the primary, X enjoyed support") is not
content."""


_COMMA_BEFORE_SOURCE = re.compile(r",(?P<marks>[”\"’']*)\s")
"""The comma that ends the content, with the closing marks of a quote that ends it."""


def _content_source_cue(
    text: str, sentence: Sentence, cue: Span, body_end: int, verb: str
) -> Attribution | None:
    """'Content, X said.', 'Content, said X.' and 'Content, X said, more content.'"""
    tail = text[cue.end : body_end]
    before = text[sentence.span.start : cue.start]
    commas = list(_COMMA_BEFORE_SOURCE.finditer(before))
    if not commas:
        return None
    comma = commas[-1].start()
    content_stop = commas[-1].end("marks")
    source_part = Span(*_strip(text, sentence.span.start + commas[-1].end(), cue.start))
    if text.startswith("as ", source_part.start):
        # "as" may reach past the source's end when nothing stands between it and the cue.
        source_part = Span(min(source_part.start + 3, source_part.end), source_part.end)
    if source_part.start >= source_part.end:
        if _lemmas().get(verb) not in lexicon.INVERTING or cue.start != _verb_start(text, cue):
            return None
        source = _source_after(text, cue.end, body_end)
        if source is not None:
            source = _with_apposition(text, source, body_end)
    else:
        source = _source_before(text, source_part.start, cue.start)
        if source is None or source.start != source_part.start:
            return None
    if source is None or not _looks_like_source(text, source):
        return None
    content_start, content_end = _strip(
        text,
        sentence.span.start,
        sentence.span.start + (content_stop if content_stop > comma + 1 else comma),
    )
    if not text[content_start:content_end].split() or _ADVERBIAL_ONLY.match(
        text[content_start:content_end]
    ):
        return None
    pieces = [Span(content_start, content_end)]
    after_cue = source.end if source.start > cue.start else cue.end
    rest = re.match(
        r",\s+(?!(?:adding|saying|noting|according|as|when|while|after|before|who|which)\b)",
        text[after_cue:body_end],
    )
    if rest and len(text[after_cue + rest.end() : body_end].split()) >= 3:
        pieces.append(
            Span(
                *_strip(
                    text,
                    after_cue + rest.end(),
                    _content_end(text, after_cue + rest.end(), body_end),
                )
            )
        )
    elif (
        len(re.sub(r"\([^)]*\)", "", tail).split(",")[0].split()) > 8
        or re.search(r"\bthat\b", tail.split(",")[0])
        or len(text[content_start:content_end].split()) < 4
    ):
        return None
    return Attribution(source, cue, tuple(pieces), QuoteKind.INDIRECT)


def _according(text: str, sentence: Sentence, match: _Cue, body_end: int) -> Attribution | None:
    cue = Span(match.verb_start, match.end())
    if not text[cue.start : cue.end].lower().endswith("to"):
        return None
    source = _source_after_according(text, cue.end, body_end)
    if source is None:
        return None
    lead = text[sentence.span.start : cue.start].strip()
    if not lead or lead in {"But", "And"}:
        content_start, content_end = _strip(text, source.end, body_end, " \t\n,\u00a0")
    else:
        content_start, content_end = _strip(text, sentence.span.start, cue.start, " \t\n,\u00a0")
        words = text[content_start:content_end].split()
        if words and words[-1].strip(",").lower() in _lemmas():
            return None
    if len(text[content_start:content_end].split()) < 3:
        return None
    return Attribution(source, cue, (Span(content_start, content_end),), QuoteKind.INDIRECT)
