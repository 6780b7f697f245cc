"""Quotes and reported speech, with who said them.

Two layers:

* :func:`find_attributions` finds *attribution relations* the way news-attribution corpora
  (PARC, PolNeAR) annotate them: the words naming the source ("Russian Foreign Minister
  Sergey Lavrov", "Alexei Zaitsev, the deputy director of ...," with the apposition and its
  comma, "he", "who"), the cue with its auxiliaries, adverbs and particle ("said", "has
  repeatedly said", "called for", "according to"), and the content — for a direct quote
  the quoted text *with* its marks, for reported speech the clause *with* its "that" and
  without the sentence's final full stop. A quote that the cue interrupts ("Yes," Lavrov
  said, "it was discussed") is one attribution whose content has two pieces; so is a quote
  followed, in the same paragraph, by more quoted sentences and no new cue, and "The
  museum, Mr. Obama said, would ..." in reported speech.
* :func:`extract_quotes` turns them into :class:`~blocwatch.model.Quote` records: one per
  content piece, text without the quotation marks, and the speaker resolved — to the
  overlapping actor mention when mentions are given, to the person a pronoun, a relative
  pronoun or a role ("he", "who", "the minister", "the Russian Foreign Minister") points
  back to, or to the name or institution as written ("Lavrov", "Kremlin", "Armenian
  Foreign Ministry").

The forms read: '"...," X said' and '"...," said X'; 'X said: "..."' and a lead-in
sentence ending with a colon; 'X said (that) ...', 'X told reporters that ...', 'X said on
Friday that ...'; '..., X said.' (reaching back over the paragraph's earlier sentences
when they carry no cue of their own); '..., as X said'; 'according to X'; participles
('..., saying ...') and coordinated cues ('... and warned ...') with the sentence's
subject; passives ('was endorsed by X'); transcripts ('PENCE: ...'), credit lines
('"..." ― Name') and headlines ('Lavrov: ...', 'Lindsey Graham Says', 'Deal Is Dead,
Port Chief Says'); 'X added:' as a paragraph before an unquoted block quote; noun cues
with an owner ("Trump's claim that ...", "his claims of fraud"), also inside another
attribution's content; 'In a new poll, ...'.

The cue lexicon is grouped by construction: speech verbs; stance and attitude verbs
whose content is a clause ("lamented that", "suspects that"), some of which count only
with a 'that'-clause ("learned that", not "learned French"); verbs whose content is a
noun phrase ("endorsed the governor", cut before a time phrase); verbs that count only
before a quotation ("continued", "chanted", "the letter reads"); verbs that count only
with their preposition ("voted against"); and phrases ("took aim at", "made the case").

Everything is rules over the text, on purpose: no model download, several thousand
sentences a second, and every decision can be traced to a pattern. The price is the
long tail: attributions whose cue is an idiom ("sounded the alarm over") or a verb
outside the lexicon are missed, and a content's end is a guess at the clause boundary.
Quotation marks are straight (``"`` and ``''``), curly and guillemets; a quote whose
closing mark comes only in a later paragraph runs over the paragraphs in between.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from blocwatch.model import ActorKind, Evidence, Mention, Quote, QuoteKind, Sentence, Span
from blocwatch.nlp.sentences import sentence_at

__all__ = ["Attribution", "extract_quotes", "find_attributions"]


def _wordset(words: str) -> frozenset[str]:
    """A word list written as one string, for the lexicons below."""
    return frozenset(words.split())


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution relation, as character spans into the text.

    ``content`` holds one span per piece (quotation marks included for direct quotes);
    ``source`` and ``cue`` are ``None`` when the text gives none.
    """

    source: Span | None
    cue: Span | None
    content: tuple[Span, ...]
    kind: QuoteKind


# --------------------------------------------------------------------------- lexicon

_IRREGULAR = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "writing", "written"),
    "think": ("think", "thinks", "thought", "thinking"),
    "know": ("know", "knows", "knew", "known"),
    "find": ("find", "finds", "found"),
    "show": ("show", "shows", "showed", "shown"),
    "speak": ("speak", "speaks", "spoke", "spoken"),
    "feel": ("feel", "feels", "felt"),
    "hear": ("hear", "hears", "heard"),
    "forecast": ("forecast", "forecasts", "forecasting"),
    "predict": ("predict", "predicts", "predicted", "predicting"),
    "seek": ("seek", "seeks", "sought", "seeking"),
    "state": ("stated", "stating"),
    "understand": ("understand", "understands", "understood"),
    "swear": ("swear", "swears", "swore", "sworn"),
    "foresee": ("foresee", "foresees", "foresaw"),
    "back": ("backed", "backing"),
    "press": ("pressed", "pressing"),
    "offer": ("offered", "offering"),
    "continue": ("continued", "continues"),
    "read": ("reads",),
    "sing": ("sing", "sings", "sang", "singing"),
    "chant": ("chant", "chants", "chanted", "chanting"),
}
_REGULAR = _wordset(
    """
    add note argue claim insist warn stress emphasize emphasise reiterate explain suggest
    announce declare confirm deny acknowledge admit assert contend maintain recall report
    tweet promise pledge vow urge ask believe expect hope fear worry agree estimate indicate
    reveal respond reply complain accuse criticize criticise praise blame allege charge
    concede caution observe remark highlight underscore mention describe demand question
    wonder predict conclude testify boast brag joke quip mock lament acknowledge assure
    inform remind advise recommend propose announce disclose concede counter insist stress
    elaborate clarify signal imply hint assure estimate calculate repeat proclaim complain
    scoff shout yell post call cite attack blast slam support oppose want plan decline
    refuse reject endorse condemn denounce defend discuss tout promise threaten unveil
    outline detail rate rule consider label dub deem hail welcome applaud echo liken talk
    comment react refer point lobby advocate thank apologize apologise testify dismiss
    downplay mock ridicule deride lambaste chide scold rebuke fault hammer doubt challenge
    dispute guarantee decide determine encourage invite rip retweet champion promote laud
    chastise implore reference rail lament bemoan decry tout assail castigate berate
    speculate theorize theorise surmise muse opine posit reaffirm affirm suspect reckon
    concur favor favour prefer congratulate characterize characterise portray learn
    favor view envision envisage foresee vote
    discover notice realize realise recognize recognise assume imagine guess
    """
)
_PHRASAL = (
    "according to", "point out", "pointed out", "points out", "pointing out",
    "went on to say", "go on to say", "goes on to say", "call for", "calls for",
    "called for", "calling for", "called on", "calls on", "put it", "puts it", "spoke of",
    "speaks of", "took aim at", "take aim at", "takes aim at", "taking aim at",
    "lashed out at", "lash out at", "lashes out at", "lashing out at", "hit back at",
    "hits back at", "doubled down on", "doubles down on", "doubling down on", "went after",
    "goes after", "going after", "came out against", "comes out against",
    "came out in favor of", "spoke out against", "speaks out against", "speaking out against",
    "weighed in on", "weighs in on", "pushed back on", "pushed back against",
    "sounded the alarm about", "sounded a call for", "made the case for", "makes the case for",
    "made the case", "make the case", "raised concerns about", "raised questions about",
    "raising questions about", "raises questions about", "expressed support for",
    "voiced support for", "showed support for", "showing support for", "threw his support behind",
    "threw her support behind", "threw its support behind", "throwing its support behind",
    "throwing his support behind", "throwing her support behind", "voiced opposition to",
    "expressed opposition to",
)  # fmt: skip
_OBJECT_FIRST = _wordset(
    "tell tells told telling assure assures assured inform informs informed remind reminds "
    "reminded urge urges urged urging ask asks asked asking advise advises advised warn "
    "warns warned"
)
"""Cues that take a listener before the content ("told reporters that ...")."""
_NEEDS_PARTICLE = _wordset("vote speak talk")
"""Cues that state a position only with their preposition ("voted against the bill",
"spoke of", not "spoke to a crowd")."""
_QUOTE_ONLY = _wordset(
    "continued continues reads sing sings sang singing chant chants chanted chanting"
)
"""Cues that introduce a quotation only ('She continued, "..."'), never reported speech."""
_NEEDS_CLAUSE = _wordset(
    """
    know knows knew feel feels felt hear hears heard learn learns learned learning discover
    discovers discovered notice notices noticed realize realizes realized realise realises
    realised recognize recognizes recognized recognise recognises recognised assume
    assumes assumed imagine imagines imagined guess guesses guessed
    """
)
"""Cues too common in other senses to count without a following 'that'-clause or quote."""

_AUX = (
    r"(?-i:has|have|had|is|are|was|were|will|would|could|can|may|might|should|must|does|do|did|"
    r"also|then|further|later|again|once|previously|repeatedly|reportedly|recently|"
    r"apparently|even|often|never|not|already|just|still|publicly|privately|flatly|"
    r"firmly|strongly|simply|explicitly|specifically|immediately|originally|first|"
    r"been|being|has also|had also|once again|long|always|frequently|quickly|openly|almost|"
    r"very|"
    r"[a-z]+n[’']t|(?:continu(?:e|es|ed)|beg(?:an|ins|in)|tr(?:y|ies|ied)|went\s+on|"
    r"goes\s+on)\s+to|"
    r"(?!(?:family|only|early|daily|weekly|monthly|ally|rally|assembly|supply|reply|apply|"
    r"July|Italy|Kelly|Holly|Emily|Billy|Sally)\b)[a-z]{3,}ly)"
)
_PRONOUNS = _wordset("he she they it we i you his her their its our")
_SUBJECT_PRONOUNS = _wordset("he she they it we i you")
_STOP_BACK = _wordset(
    """
    that and but or as while when because if since so which where although though whether
    than who whom whose after before until unless once where how what why nor yet in on into
    onto to by about over under during without against through throughout is are was were be
    been has have had do does did will would could can should may might must not also then
    said says say told tells according there here this these those
    """
)
_STOP_FORWARD = _wordset(
    """
    after before in on at during for about to that when while who which where as because
    since if on and but with from by ahead following yesterday today monday tuesday
    wednesday thursday friday saturday sunday last this earlier later
    """
)
_ROLE_WORDS = _wordset(
    """
    president minister secretary chancellor premier prime foreign deputy spokesman
    spokeswoman spokesperson general chairman chair head director ambassador envoy senator
    governor mayor king queen leader chief official officer commander representative rep.
    sen. gov. mr. mrs. ms. dr. prof. sir former acting interim then vice first state defence
    defense finance interior affairs of the u.s. us russian armenian
    """
)
_INSTITUTION_HEADS = _wordset(
    """
    ministry kremlin government department office administration council committee
    commission agency service embassy house court parliament assembly cabinet party campaign
    white pentagon bureau
    """
)

_OPEN_MARKS = "“«„"
_CLOSE_MARKS = "”»"
_CLOSE_FOR = {"“": "”", "«": "»", "„": "“", "”": "”"}
_WORD = re.compile(r"[\w][\w’'.&-]*[\w]|[\w]")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)]*\s*$")


_PARTICLES = {
    "about": "talk speak ask complain worry think know write tweet joke boast comment warn "
    "testify brag hear learn wonder inquire care lie rave",
    "for": "call ask push press lobby argue advocate campaign vote plead praise blame "
    "criticize criticise thank apologize apologise",
    "on": "comment insist focus reflect elaborate expand weigh harp dwell call remark report",
    "to": "point refer respond object allude react reply testify attest agree appeal",
    "against": "campaign argue protest rail speak warn vote caution",
    "of": "speak talk think approve disapprove accuse warn boast",
}
"""Prepositions that belong to a cue ("called for", "pointed to", "talked about")."""


_LAST_WORD = re.compile(r"([\w’']+)\s+$")
_NOUN_LIKE = _wordset(
    """
    support plan rate question point remark talk attack state call claim challenge rule note
    report comment demand promise vote cite detail outline echo hail welcome doubt dispute
    guarantee fault mock thank label dub praise blame charge concern release reply tweet
    post pledge vow decline estimate forecast fear hope worry joke boast counter signal hint
    request show view debate slam blast rip hammer lobby push advocate answer respond insist
    """
)
"""Cue verbs that are just as often nouns ("Republican support", "the tax plan")."""


def _verb_reading(form: str, previous: str) -> bool:
    """Whether a cue form that can be a noun reads as a verb after ``previous``: "he
    supports", "Trump plans", "they support" — not "Republican support", "Editor’s note"."""
    lemma = _lemmas().get(form)
    if lemma not in _NOUN_LIKE or form not in {lemma, lemma + "s", lemma + "es"}:
        return True
    lower = previous.lower()
    if lower.endswith(("’s", "'s")):
        return False
    if form == lemma:
        return lower in {"i", "you", "we", "they", "who", "to"} or (
            lower.endswith("s") and not lower.endswith(("ss", "’s", "'s")) and len(lower) > 3
        )
    return (
        lower in {"he", "she", "it", "who", "that", "which"}
        or _is_capitalised(previous)
        or lower in _EVIDENCE_NOUNS
        or lower.removesuffix("s") in _EVIDENCE_NOUNS
    )


_EVIDENCE_NOUNS = _wordset(
    """
    poll survey study video analysis report data average document slide footage record
    research audit review letter statement memo email filing ruling lawsuit complaint ad
    advertisement campaign spokesman spokeswoman website
    """
)
_DETERMINERS = _wordset("the a an his her their its our my your this these those")
"""A cue form right after one of these is a noun ("his claims", "the plans")."""


@dataclass(frozen=True, slots=True)
class _Cue:
    """A cue found in the text: auxiliaries and adverbs, the verb, and any particle."""

    span_start: int
    span_end: int
    verb_start: int
    verb: str

    def start(self) -> int:
        return self.span_start

    def end(self) -> int:
        return self.span_end


@cache
def _lemmas() -> dict[str, str]:
    """Every inflected form of every cue verb, mapped to its base form."""
    forms: dict[str, str] = {}
    for lemma, inflections in _IRREGULAR.items():
        forms.update(dict.fromkeys(inflections, lemma))
    for verb in _REGULAR:
        stem = verb[:-1] if verb.endswith("e") else verb
        stem = _DOUBLED.get(verb, stem)
        if verb.endswith("y") and verb[-2] not in "aeiou":
            inflections = (verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing")
        else:
            inflections = (verb, verb + ("es" if verb.endswith(("s", "sh", "ch")) else "s"),
                           stem + "ed", stem + "ing")  # fmt: skip
        forms.update(dict.fromkeys(inflections, verb))
    return forms


_DOUBLED = {"admit": "admitt", "regret": "regrett", "commit": "committ", "slam": "slamm",
            "rip": "ripp", "plan": "plann", "chat": "chatt", "quip": "quipp",
            "refer": "referr", "prefer": "preferr", "plead": "plead"}  # fmt: skip


@cache
def _cue_pattern() -> re.Pattern[str]:
    words = sorted({*_lemmas(), *_PHRASAL}, key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(
        rf"(?<![\w’'-])(?P<verb>{alternation})"
        rf"(?:\s+(?P<particle>about|for|on|to|against|of))?(?![\w’'-])",
        re.IGNORECASE,
    )


@cache
def _cue_first_words() -> frozenset[str]:
    return frozenset(w.split()[0].lower() for w in {*_lemmas(), *_PHRASAL})


_TOKEN = re.compile(r"[A-Za-z]+")


def _verb_matches(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The cue pattern's matches, tried only where a word that can start a cue begins
    (the same matches as scanning with it, many times faster: the pattern is one long
    alternation)."""
    pattern = _cue_pattern()
    first_words = _cue_first_words()
    found = []
    position = start
    for token in _TOKEN.finditer(text, start, end):
        if token.start() < position or token.group().lower() not in first_words:
            continue
        match = pattern.match(text, token.start(), end)
        if match is not None:
            found.append(match)
            position = match.end()
    return found


@cache
def _auxiliaries_pattern() -> re.Pattern[str]:
    """Auxiliaries and adverbs that end right before a cue verb ("has repeatedly")."""
    return re.compile(rf"(?<![\w’'-])(?:{_AUX}\s+)*(?:went\s+on\s+to\s+)?$", re.IGNORECASE)


# --------------------------------------------------------------------------- quote marks


@dataclass(frozen=True, slots=True)
class _Quoted:
    start: int
    """Offset of the opening mark."""
    end: int
    """Offset just after the closing mark (or the end of the last paragraph it runs to)."""
    inner: Span


def _quoted_spans(text: str) -> list[_Quoted]:
    """Quoted stretches, in text order.

    A quote left open at a paragraph's end runs on when the next paragraph re-opens it
    with the same mark (the usual convention) or closes it before opening any other
    quote; otherwise it is dropped as unbalanced.
    """
    found: list[_Quoted] = []
    paragraphs = [m.span() for m in re.finditer(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]+)*", text)]
    pending: tuple[int, str, str] | None = None
    for start, end in paragraphs:
        position = start
        if pending is not None:
            opening, mark, wanted = pending
            pending = None
            first = re.match(r"\s*", text[start:end])
            head = start + (first.end() if first else 0)
            if text.startswith(mark, head):
                close = _find_close(text, head + len(mark), end, wanted)
                if close is None:
                    pending = (opening, mark, wanted)
                    continue
            else:
                close = _find_close(text, start, end, wanted)
                other = _find_open(text, start, end)
                if close is None or (other is not None and other < close):
                    close = None
            if close is not None:
                found.append(_quoted(opening, close + _mark_length(text, close), text))
                position = close + _mark_length(text, close)
        while position < end:
            opened = _find_open(text, position, end)
            if opened is None:
                break
            opening = opened
            mark = text[opening : opening + _mark_length(text, opening)]
            wanted = _CLOSE_FOR.get(mark, mark)
            close = _find_close(text, opening + len(mark), end, wanted)
            if close is None:
                pending = (opening, mark, wanted)
                break
            found.append(_quoted(opening, close + _mark_length(text, close), text))
            position = close + _mark_length(text, close)
    return found


def _mark_length(text: str, at: int) -> int:
    return 2 if text.startswith("''", at) else 1


def _find_open(text: str, start: int, end: int) -> int | None:
    """The next opening mark; a closing curly mark that opens a line is taken as an
    opening one, a common typing slip ("”Fear. I am afraid ...”")."""
    for match in re.finditer(r"[“«„\"”]|''", text[start:end]):
        at = start + match.start()
        if match.group() == "''" and at > 0 and text[at - 1].isalnum():
            continue
        if match.group() == "”" and at > 0 and text[at - 1] != "\n":
            continue
        return at
    return None


def _find_close(text: str, start: int, end: int, wanted: str) -> int | None:
    """The closing mark; curly quotes nest ("“... calls “hell” than ...”"), so an inner
    pair is skipped when the outer quote closes later in the paragraph."""
    at = text.find(wanted, start, end)
    if wanted == "”" and at == -1:
        at = text.find('"', start, end)
    if wanted == "”" and at != -1:
        inner = text.find("“", start, at)
        if inner != -1:
            outer = text.find("”", at + 1, end)
            if outer != -1 and text.find("“", at + 1, outer) == -1 and _ends_quote(text, outer):
                return outer
    return at if at != -1 else None


def _ends_quote(text: str, at: int) -> bool:
    """A closing mark after a sentence's end or a comma, as a whole quote ends."""
    return text[at - 1 : at] in {".", ",", "?", "!", "…"}


def _quoted(start: int, end: int, text: str) -> _Quoted:
    inner_start = start + _mark_length(text, start)
    inner_end = end - (2 if text[max(0, end - 2) : end] == "''" else 1)
    return _Quoted(start, end, Span(inner_start, max(inner_start, inner_end)))


# --------------------------------------------------------------------------- helpers


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])]


def _strip(text: str, start: int, end: int, chars: str = " \t\n\u00a0") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _cue_at(text: str, start: int, end: int) -> Iterator[_Cue]:
    """Cue verbs between ``start`` and ``end``; a capitalised verb is a name ("United
    States") or a headline word, except a sentence-opening "According to"."""
    lemmas = _lemmas()
    matches = _verb_matches(text, start, end)
    auxiliaries = _auxiliaries_pattern()
    floor = start
    for index, match in enumerate(matches):
        verb_start = match.start("verb")
        later = matches[index + 1] if index + 1 < len(matches) else None
        if later is not None:
            lead = auxiliaries.search(text, max(floor, later.start() - 120), later.start())
            if lead is not None and lead.start() <= verb_start and lead.start() < lead.end():
                continue
        lead = auxiliaries.search(text, max(floor, verb_start - 120), verb_start)
        cue_start = lead.start() if lead is not None else verb_start
        floor = match.end()
        verb = match.group("verb")
        if not (verb[:1].islower() or verb.startswith("According")):
            continue
        before = _LAST_WORD.search(text, max(0, cue_start - 20), cue_start)
        previous = before.group(1) if before else ""
        if previous.lower() in _DETERMINERS:
            continue
        if cue_start == verb_start and not _verb_reading(verb.lower(), previous):
            continue
        cue_end = match.end("verb")
        particle = match.group("particle")
        lemma = lemmas.get(verb.lower())
        if particle and lemma and lemma in _PARTICLES[particle.lower()].split():
            cue_end = match.end("particle")
        elif lemma in _NEEDS_PARTICLE:
            continue
        yield _Cue(cue_start, cue_end, verb_start, verb)


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _source_before(text: str, floor: int, cue_start: int) -> Span | None:
    """The noun phrase that ends just before a cue: "the Kremlin", "Mr. Grassley and Mr.
    Leahy", "Sen. David Perdue (R-Ga.)", "Derek Mitchell, who served as ambassador,"
    (an appositive keeps its comma, as news-attribution corpora mark it)."""
    start, end = _strip(text, floor, cue_start)
    if start >= end:
        return None
    when = _TRAILING_TIME.search(text, start, end)
    if when and when.start() > start:
        end = when.start()
    if text[end - 1] == ",":
        return _appositive_source(text, start, end)
    words = _words(text, start, end)
    if not words or text[words[-1][1] : end].strip(" .)"):
        return None
    chosen = len(words)
    for index in range(len(words) - 1, -1, -1):
        word_start, word_end = words[index]
        lower = text[word_start:word_end].lower()
        gap = text[word_end : words[index + 1][0]] if index + 1 < len(words) else ""
        if gap.strip(" .()’'s-\u00a0/"):
            break
        if lower in {"who", "which"} and index == len(words) - 1:
            chosen = index
            break
        if lower in {"whom", "which"} and index >= 2 and index == len(words) - 1:
            quantity = text[words[index - 2][0] : words[index - 1][1]].lower()
            if re.fullmatch(r"(?:many|most|some|all|several|few|one|none|both) of", quantity):
                chosen = index - 2
                break
        if lower in _STOP_BACK and not _joins_noun_phrase(text, words, index):
            break
        if lower in _PAST_VERBS or (
            lower.endswith("ed")
            and index > 0
            and _is_capitalised(text[words[index - 1][0] : words[index - 1][1]])
            and text[words[index - 1][0] : words[index - 1][1]] != "I"
            and text[word_start : word_start + 1].islower()
        ):
            break
        chosen = index
        reduced_relative = (
            index == len(words) - 2
            and index > 0
            and text[words[index + 1][0] : words[index + 1][1]].endswith("ed")
            and text[words[index - 1][0] : words[index - 1][1]].lower().endswith("s")
        )
        if (lower in _SUBJECT_PRONOUNS and not reduced_relative) or len(words) - index > 12:
            break
    if chosen == len(words):
        return None
    while chosen < len(words) and text[words[chosen][0] : words[chosen][1]].lower() in (
        _NOUN_PHRASE_JOINS
    ):
        chosen += 1
    if chosen == len(words):
        return None
    first = text[words[chosen][0] : words[chosen][1]].lower()
    if first in {"his", "her", "their", "its", "our", "my", "your"} and chosen == len(words) - 1:
        return None
    return Span(words[chosen][0], end)


_TRAILING_TIME = re.compile(
    r"\s+(?:(?:just|also|then|only)\s+)?(?:(?:on|earlier|later|late|early)\s+)?"
    r"(?:(?:this|last|next|that)\s+)?(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|week|month|year|morning|afternoon|evening|night|weekend|yesterday|today|"
    r"tonight)(?:\s+(?:morning|afternoon|evening|night))?\s*$|"
    r"\s+in\s+(?:(?-i:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+)?\d{4}\s*$"
)
"""A time phrase between a source and its cue ("Wells Fargo just this month announced")."""


_PAST_VERBS = _wordset(
    "took gave made got won lost went came saw held led met ran left kept sent spent built "
    "brought began wants"
)
"""Verbs that end a noun phrase walking back from a cue ("The candidates took ...")."""


_NOUN_PHRASE_JOINS = frozenset({"and", "of", "for", "at", "from", "on", "in", "with"})
"""Words a noun phrase may hold inside ("experts on North Korea and nuclear arms")."""


def _joins_noun_phrase(text: str, words: list[tuple[int, int]], index: int) -> bool:
    """Whether a preposition or 'and' at ``index`` sits inside a noun phrase: between a
    capitalised word or plural noun and a name, a determiner or another noun."""
    lower = text[words[index][0] : words[index][1]].lower()
    if lower not in _NOUN_PHRASE_JOINS or index == 0 or index == len(words) - 1:
        return False
    before = text[words[index - 1][0] : words[index - 1][1]]
    after = text[words[index + 1][0] : words[index + 1][1]]
    if after.lower() in _STOP_BACK - {"this", "these", "those"}:
        return False
    noun_before = _is_capitalised(before) or (
        before.endswith("s") and before.lower() not in _STOP_BACK and len(before) > 3
    )
    if lower == "and":
        return noun_before or before.lower() in {"president", "minister", "officials"}
    return noun_before and before.lower() not in _TIME_NOUNS


_TIME_NOUNS = _wordset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday week month "
    "year morning afternoon evening night weeks months years days"
)


def _appositive_source(text: str, floor: int, end: int) -> Span | None:
    """'X, the deputy director of Y, said' and 'Schiff, 56, who has served ..., told':
    walking back over the comma-separated pieces, appositions (pieces opening with a
    determiner, a number, 'who' or a lower-case word) are taken until the head noun
    phrase; the source runs from the head to the comma before the cue."""
    inner = text[floor : end - 1]
    cuts = [floor] + [floor + m.end() for m in re.finditer(r",\s*", inner)]
    if len(cuts) < 2 or len(_words(text, floor, end)) > 40:
        return None
    for index in range(len(cuts) - 1, -1, -1):
        words = _words(text, cuts[index], end)
        if not words:
            return None
        first = text[words[0][0] : words[0][1]]
        lower = first.lower()
        if first[:1].islower() and lower in _STOP_BACK and lower not in _APPOSITION_OPENERS:
            return None
        opens_apposition = (
            lower in _APPOSITION_OPENERS
            or first[:1].isdigit()
            or first[:1].islower()
            or _ROLE_OF_PLACE.match(text, words[0][0], end) is not None
            or _PLACE_OR_OWNER.match(text, words[0][0], end) is not None
        ) and index > 0
        if opens_apposition:
            continue
        if index == len(cuts) - 1:
            if index == 0:
                return None
            role = _words(text, cuts[index - 1], end)
            if text[role[0][0] : role[0][1]].lower() not in {"the", "a", "an", "another", "one"}:
                return None
            index -= 1
            words = role
        if lower in _STOP_BACK - {"this", "these"} or lower in _NOUN_PHRASE_JOINS:
            return None
        if len(words) > 30:
            return None
        return Span(words[0][0], end)
    return None


_ROLE_OF_PLACE = re.compile(r"(?:[A-Z][\w.-]*\s+){1,3}of\s+(?:the\s+)?[A-Z][^,]*,$")
"""An apposition naming a role by its place: "Democrat of California,"."""
_PLACE_OR_OWNER = re.compile(r"(?:[A-Z][a-z]{0,4}\.|[A-Z][\w.-]*[’']s\s+[a-z][^,]*),$")
"""An apposition that is a state ("Va.,") or opens with an owner ("Pyongyang's only ally,")."""
_APPOSITION_OPENERS = _wordset(
    "the a an who whose which including a former then now himself herself also"
)


def _with_apposition(text: str, source: Span, limit: int) -> Span:
    """'said Alan Cole, an economist at the Tax Foundation.': a source after its cue keeps
    an apposition that runs to the end of the sentence."""
    rest = text[source.end : limit]
    if re.match(r",\s+(?:a|an|the|who|whose|one|another|[a-z]+\s+of)\b", rest) and not re.search(
        r"[“\"«]", rest
    ):
        return Span(source.start, _strip(text, source.end, limit, " \t\n.,\u00a0")[1])
    return source


def _source_after(text: str, start: int, limit: int) -> Span | None:
    """The noun phrase right after a cue ("said the Armenian Foreign Ministry after ...")."""
    words = _words(text, start, limit)
    if not words or text[start : words[0][0]].strip():
        return None
    end = None
    for index, (word_start, word_end) in enumerate(words):
        word = text[word_start:word_end]
        if index and word.lower() in _STOP_FORWARD:
            break
        gap = text[words[index - 1][1] : word_start].strip() if index else ""
        previous = text[words[index - 1][0] : words[index - 1][1]] if index else ""
        if gap not in {"", "'s", "’s", "/"} and not (gap == "." and previous.lower() in _TITLES):
            break
        if index == 0 and word.lower() in _STOP_FORWARD - {"the"}:
            return None
        if (
            index
            and word[:1].islower()
            and _is_capitalised(text[words[index - 1][0] : words[index - 1][1]])
            and word.lower() not in {"of", "the", "and", "for", "de", "von", "van", "al"}
        ):
            break
        end = word_end
        if index >= 10:
            return None
    if end is None:
        return None
    return Span(words[0][0], end)


def _looks_like_source(text: str, span: Span) -> bool:
    """Whether a phrase can name who said something: a name, a pronoun, or a noun phrase
    that starts like one ("the campaign", "attorneys for the family", "one GOP source")."""
    words = [w.strip(",.()") for w in text[span.start : span.end].split()]
    words = [w for w in words if w]
    if not words:
        return False
    first = words[0].lower()
    if first in _NOUN_PHRASE_JOINS or (
        first in _STOP_BACK and first not in {"this", "these", "who", "which"}
    ):
        return False
    if len(words) > 1 and words[0] in _NOT_SOURCE_OPENERS:
        return False
    if len(words) == 1 and first in _SENTENCE_ADVERBS:
        return False
    if len(words) == 1:
        word = words[0]
        if first in _DETERMINERS or first in {"that", "there", "here"}:
            return False
        return (
            first in _SUBJECT_PRONOUNS
            or first in {"who", "which"}
            or _is_capitalised(word)
            or (len(word) > 3 and first.endswith("s") and not first.endswith(("ss", "us", "is")))
            or first in _AGENT_NOUNS
        )
    return True


_NOT_SOURCE_OPENERS = _wordset(
    "let lets help helps make makes made keep keeps built like unlike including besides"
)
"""Lower-case words that open a verb or prepositional phrase, never a speaker's name."""
_SENTENCE_ADVERBS = _wordset(
    """
    now rather having instead meanwhile indeed still even thus therefore moreover however
    yet also then today yesterday here there perhaps maybe only just so again
    """
)
"""Capitalised at a sentence's start, these look like names but never say anything."""
_AGENT_NOUNS = _wordset(
    """
    police government campaign administration committee court report study poll survey
    statement analysis spokesman spokeswoman spokesperson official source aide adviser
    advisor expert analyst critic lawyer attorney judge everyone everybody nobody someone
    somebody
    """
)


# --------------------------------------------------------------------------- the finder


def find_attributions(text: str, sentences: Sequence[Sentence]) -> list[Attribution]:
    """Every attribution relation in ``text``, in text order."""
    attributions = list(_transcript_lines(text))
    taken = [((a.source or a.content[0]).start - 2, a.content[-1].end) for a in attributions]
    quotes = [q for q in _quoted_spans(text) if not _inside(taken, q.start, q.start + 1)]
    sentence_list = list(sentences)
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
            if (
                previous is not None
                and previous.kind is QuoteKind.DIRECT
                and not (previous.cue and text[previous.cue.start : previous.cue.end] in "―—–")
                and sentence.paragraph == previous_paragraph
                and _whole_sentence_quote(text, quoted)
                and previous.content[-1].end <= quoted.start
                and not text[previous.content[-1].end : quoted.start].count("\n\n")
                and _long_enough(text, quoted)
                and not any(True for _ in _cue_at(text, previous.content[-1].end, quoted.start))
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
    attributions.sort(key=lambda a: a.content[0].start)
    return _continued(text, attributions, [q for q in quotes if not _inside(taken, q.start, q.end)])


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


def _sentence_before(sentences: list[Sentence], offset: int) -> Sentence | None:
    before = [s for s in sentences if s.span.start <= offset]
    return before[-1] if before else None


def _whole_paragraph(text: str, quoted: _Quoted) -> bool:
    """A quote that is its paragraph's whole text."""
    line_start = text.rfind("\n", 0, quoted.start) + 1
    line_end = text.find("\n", quoted.end)
    line_end = len(text) if line_end == -1 else line_end
    return not text[line_start : quoted.start].strip() and not text[quoted.end : line_end].strip()


def _whole_sentence_quote(text: str, quoted: _Quoted) -> bool:
    """A quote that is a sentence of its own: it opens after a full stop or a paragraph
    break and nothing but a new sentence follows its closing mark."""
    before = text[max(0, quoted.start - 4) : quoted.start].rstrip(" \t\u00a0")
    opens = not before or before.endswith("\n") or before[-1] in ".!?\"”’'»"
    after = re.match(
        r"[ \t\u00a0]*(?:\n|$|[.!?]?\s+[A-Z“\"«'])", text[quoted.end : quoted.end + 12]
    )
    return opens and after is not None


def _long_enough(text: str, quoted: _Quoted) -> bool:
    return len(text[quoted.inner.start : quoted.inner.end].split()) >= 4


def _is_standalone(text: str, quoted: _Quoted, sentence: Sentence) -> bool:
    """A quote that opens a sentence or follows a comma or colon, not a scare quote."""
    line_start = text.rfind("\n", 0, quoted.start) + 1
    if not text[line_start : quoted.start].strip():
        return True
    before = text[max(sentence.span.start, quoted.start - 3) : quoted.start].rstrip()
    return quoted.start <= sentence.span.start + 1 or not before or before[-1] in ",:;—–-(\n.!?"


def _is_title(inner: str) -> bool:
    """A quoted title ("''Make Your Kid a Millionaire,''"), not speech: short, and its
    words capitalised."""
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", inner) if len(w) > 3]
    return 2 <= len(words) <= 8 and all(_is_capitalised(w) for w in words)


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
    offset = start + len(lead) - len(stripped)
    inner_last = text[quoted.inner.end - 1 : quoted.inner.end]
    if inner_last == "." and not lead.startswith(",") and not re.match(r"\s*[a-z]", lead):
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


def _abbreviation_before(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` ends a title ("Mr.", "Sen.") or an initial."""
    word = re.search(r"(\w+)$", text[max(0, stop - 6) : stop])
    if word is None:
        return False
    found = word.group(1)
    return found.lower() in _TITLES or (len(found) == 1 and found.isupper())


_TITLES = _wordset("mr mrs ms dr gov sen rep st gen jr sr lt col sgt capt prof del u.s")


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
        if match.verb.lower().endswith("ing") and text[floor : match.start()].rstrip()[-1:] == ",":
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


def _clause_start(text: str, floor: int, cue_start: int) -> int:
    """Start of the clause a cue belongs to: after the last quote, colon or semicolon."""
    best = floor
    for match in re.finditer(r"[”\"»:;]\s*,?\s*|—\s*", text[floor:cue_start]):
        best = floor + match.end()
    return best


# --------------------------------------------------------------------------- reported


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


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
        if verb in _QUOTE_ONLY:
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


_NOUN_CUE = re.compile(
    r"(?P<source>(?:[A-Z][\w.-]*|[Tt]he)(?:\s+(?:[A-Z][\w.-]*|of|the)){0,4}\s+[\w.-]+[’']s|"
    r"[A-Z][\w.-]*[’']s|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)"
    r"\s+(?:(?:own|earlier|latest|recent|repeated|false|new|initial|previous|frequent|"
    r"oft-repeated|unfounded|baseless|dubious|bold)\s+)?"
    r"(?P<cue>(?:claim|assertion|statement|argument|warning|promise|pledge|suggestion|"
    r"allegation|accusation|prediction|assessment|announcement|charge|complaint|insistence|"
    r"contention|belief|conclusion|admission|"
    r"acknowledgment|acknowledgement|insinuation|implication|threat|vow|hope|fear|"
    r"expectation|recommendation)s?(?:\s+of)?)"
    r"(?=\s+(?P<that>that\s)?)"
)
"""A cue that is a noun, its owner the source: "Trump's claim that ...", "his claims of
fraud", "the ministry's statement that ..." (only with a 'that'-clause, or 'of' after
claims, allegations and accusations)."""
_NOUN_OF = _wordset("claims allegations accusations claim allegation accusation charges")


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
            if words[0] not in _NOUN_OF:
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
    if verb.endswith("ing") and match.start() == match.verb_start and before_cue[-1:] not in ",(":
        return None
    if verb.endswith("ing") and before_cue.endswith(","):
        source = last_source or _subject_at(text, floor, match.start())
    else:
        source = _source_before(text, floor, match.start())
    if source is None and _COORDINATED.search(text, floor, match.start()):
        source = (
            last_source
            or _subject_at(text, floor, match.start())
            or _subject_at(text, sentence.span.start, match.start())
        )
    if source is not None and not _looks_like_source(text, source):
        return None
    content_start = match.end()
    rest = text[content_start:body_end]
    if source is None and not (
        _lemmas().get(verb) in _CLAUSE_VERBS and re.match(r"\s+that\s", rest)
    ):
        return None
    if rest[:1] in ",;)" and not re.match(r",\s*[“\"«]", rest) and not _LEAD_IN.match(rest):
        return None
    lead_in = _LEAD_IN.match(rest)
    if lead_in:
        content_start += lead_in.end()
    elif verb in _OBJECT_FIRST and not rest.lstrip().startswith((":", "“", '"', "«", "that ")):
        listener = _LISTENER.match(rest)
        if listener is None:
            return None
        content_start += listener.end()
    elif rest.lstrip()[:1].isalpha() and rest.lstrip().split()[0].lower() in _NOT_CONTENT:
        return None
    content_start, content_end = _strip(
        text,
        content_start,
        _content_end(text, content_start, _clause_end(text, source or cue, body_end), verb),
        " \t\n,:\u00a0",
    )
    first_piece = text[content_start:content_end].split(",")[0]
    if len(text[content_start:content_end].split()) < 2 or _ONLY_TIME.match(first_piece):
        return None
    first_word = text[content_start:content_end].split()[0].lower()
    if (
        verb in _NEEDS_CLAUSE
        and first_word != "that"
        and not (first_word in _WH_WORDS and _lemmas().get(verb) == "know")
        and first_word[:1] not in '“"«'
        and not (first_word == "to" and _lemmas().get(verb) in _TAKES_INFINITIVE)
    ):
        return None
    if _lemmas().get(verb) in {"respond", "reply"} and _NO_COMMENT.match(
        text, content_start, content_end
    ):
        return None
    return Attribution(source, cue, (Span(content_start, content_end),), QuoteKind.INDIRECT)


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
_WH_WORDS = _wordset("what when how why whether which who where")
_TAKES_INFINITIVE = frozenset({"agree", "expect", "hope", "fear"})
_NOT_CONTENT = _wordset(
    "by as and but or of with from for in on at into after before during while if when"
)


_SUBORDINATORS = _wordset(
    "while although though if because since when after before unless once whereas as with"
)


def _clause_end(text: str, source: Span, body_end: int) -> int:
    """A cue inside a subordinate clause ("While his advisers have suggested X, Mr.
    Obama ...") has content only up to the clause's closing comma."""
    before = _LAST_WORD.search(text, max(0, source.start - 20), source.start)
    if before is None or before.group(1).lower() not in _SUBORDINATORS:
        return body_end
    masked = re.sub(
        r"“[^”]*”|\"[^\"]*\"", lambda m: "x" * len(m.group()), text[source.end : body_end]
    )
    stop = re.search(r", |\s[―—–]\s", masked)
    return source.end + stop.start() if stop else body_end


def _subject_at(text: str, start: int, end: int) -> Span | None:
    """The subject a sentence opens with ("Rival Hillary Clinton had mocked ..., saying"):
    names, determiners and up to three common nouns, up to the first verb-like word."""
    words = _words(text, start, end)
    chosen = None
    lowercase = 0
    for word_start, word_end in words:
        word = text[word_start:word_end]
        lower = word.lower()
        if chosen is None and lower in _SUBJECT_PRONOUNS:
            return Span(word_start, word_end)
        if (
            lower in _STOP_BACK
            or lower.endswith("ed")
            or text[word_start - 1 : word_start] == ","
            or (word[:1].islower() and (lower in _PAST_VERBS or lower in _lemmas()))
        ):
            break
        if not _is_capitalised(word) and lower not in _DETERMINERS:
            lowercase += 1
            if lowercase > 3:
                break
        chosen = (chosen[0] if chosen else word_start, word_end)
    if chosen is None:
        return None
    span = Span(*chosen)
    return span if _looks_like_source(text, span) else None


@cache
def _coordinated_cue() -> re.Pattern[str]:
    """' and (also) <past-tense cue>': a second predicate of the source starts here."""
    forms = sorted((f for f in _lemmas() if f.endswith("ed") or f in _IRREGULAR_PAST), key=len)
    alternation = "|".join(re.escape(f) for f in reversed(forms))
    return re.compile(rf",?\s+and\s+(?:also\s+|then\s+)?(?:{alternation})\b")


_IRREGULAR_PAST = _wordset(
    "said told wrote thought knew found showed spoke felt heard sought swore"
)


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
    takes_clause = verb is None or _lemmas().get(verb) in _CLAUSE_VERBS
    noun_phrase = opening not in _CLAUSE_OPENERS or (
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
_CLAUSE_VERBS = _wordset(
    """
    say tell argue claim believe think note add insist warn suggest report announce confirm
    deny acknowledge admit assert explain predict write tweet agree expect hope fear know
    find show reveal indicate respond reply concede conclude state declare maintain contend
    estimate recall stress emphasize emphasise reiterate worry allege testify observe remark
    caution signal imply hint assure inform remind boast brag complain clarify disclose
    repeat proclaim understand swear feel hear forecast foresee seek wonder guarantee decide
    determine speculate theorize theorise surmise muse opine posit reaffirm affirm suspect
    reckon concur learn discover notice realize realise recognize recognise assume imagine
    guess
    """
)
"""Cues whose content is a clause (kept whole) rather than a noun phrase."""
_CLAUSE_OPENERS = _wordset(
    "that to if whether how what why when where who which it he she they we i there this"
)


_INVERTING = _wordset(
    """
    say tell add write ask note continue explain argue recall insist warn report observe
    remark reply respond tweet post declare state announce conclude confirm predict suggest
    explain
    """
)
"""Cues that may come before their source ("..., said the ministry")."""


def _verb_start(text: str, cue: Span) -> int:
    words = _words(text, cue.start, cue.end)
    return words[-1][0] if words else cue.start


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
        if _lemmas().get(verb) not in _INVERTING or cue.start != _verb_start(text, cue):
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


def _source_after_according(text: str, start: int, limit: int) -> Span | None:
    stop = re.compile(r",|;|\.(?=\s|$)|—|\(").search(text, start, limit)
    end = stop.start() if stop else limit
    source_start, source_end = _strip(text, start, end)
    if source_start >= source_end or len(text[source_start:source_end].split()) > 25:
        return None
    return Span(source_start, source_end)


_TRANSCRIPT = re.compile(
    r"(?m)^[\"“]?(?P<who>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2}):[ \t]+(?P<said>\S[^\n]*)$"
)
_HEADLINE = re.compile(r"(?P<who>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}):[ \t]+(?P<said>[^\n]+)")


_NOT_SPEAKERS = _wordset(
    "CLARIFICATION CORRECTION UPDATE UPDATED NOTE EDITOR'S NOTE WATCH READ MORE PHOTOS VIDEO "
    "RELATED ADVERTISEMENT"
)


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
        if lemma is None or lemma in _NOUN_LIKE - {"rip", "slam", "blast", "show"}:
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
        word.lower() in _STOP_BACK or word.lower() in _NOUN_PHRASE_JOINS
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
        and match.group("who") not in _NOT_SPEAKERS
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


# --------------------------------------------------------------------------- speakers


@dataclass(frozen=True, slots=True)
class _Speaker:
    name: str | None
    actor_id: str | None


_ROLE_NAME = re.compile(
    r"(?P<role>(?:[A-Z][\w.-]*\s+){0,3}(?:President|Minister|Secretary|Chancellor|Premier|"
    r"Spokesman|Spokeswoman|Ambassador|Governor|Senator|Director|Chairman|Leader|General|"
    r"minister|president|secretary|spokesman|spokeswoman)(?:\s+of\s+(?:the\s+)?[A-Z][\w-]*"
    r"(?:\s+[A-Z][\w-]*)*)?)\s+(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"
)
_NAME_ROLE = re.compile(
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2}),\s+(?:the\s+)?(?P<role>[^,.;]{3,80}?)[,.;]"
)


def _text_people(text: str, before: int) -> list[tuple[int, str, str]]:
    """(offset, name, role) for people the text introduces with a role before ``before``."""
    people: list[tuple[int, str, str]] = []
    for match in _ROLE_NAME.finditer(text, 0, before):
        people.append((match.start("name"), match.group("name"), match.group("role")))
    for match in _NAME_ROLE.finditer(text, 0, before):
        role = match.group("role")
        if any(word.lower() in _ROLE_WORDS for word in role.split()):
            people.append((match.start("name"), match.group("name"), role))
    return sorted(people)


_TIME_TAIL = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tonight",
        "earlier",
        "later",
        "also",
        "nevertheless",
        "however",
        "again",
        "meanwhile",
        "then",
        "too",
        "now",
        "still",
        "on",
        "last",
        "this",
        "next",
    ]
)


def _trim_tail(words: list[str]) -> list[str]:
    """'Kremlin on Thursday' → 'Kremlin'; 'Foreign Ministry nevertheless' → 'Foreign Ministry'."""
    while len(words) > 1 and words[-1].lower().rstrip(".") in _TIME_TAIL:
        words = words[:-1]
    return words


def _name_in_source(phrase: str) -> str:
    """'Russian Foreign Minister Sergey Lavrov' → 'Sergey Lavrov'; 'the Kremlin' → 'Kremlin'."""
    head = phrase.split(",")[0].strip()
    words = _trim_tail(head.split())
    if words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    if not words:
        return head
    if words[-1].lower().rstrip(".") in _INSTITUTION_HEADS or any(
        w.lower() in _INSTITUTION_HEADS for w in words
    ):
        return " ".join(words)
    index = len(words)
    while (
        index > 0
        and _is_capitalised(words[index - 1])
        and words[index - 1].lower() not in _ROLE_WORDS
    ):
        index -= 1
    name = words[index:]
    return " ".join(name) if name else " ".join(words)


def _resolve_speaker(
    text: str, sentences: Sequence[Sentence], source: Span | None, mentions: Sequence[Mention]
) -> _Speaker:
    if source is None:
        return _Speaker(None, None)
    phrase = text[source.start : source.end].strip().rstrip(",")
    overlapping = [
        m
        for m in mentions
        if m.evidence.span.start < source.end and source.start < m.evidence.span.end
    ]
    if overlapping:
        people = [m for m in overlapping if m.kind is ActorKind.PERSON]
        if people:
            return _Speaker(_proper_name(people[0], mentions), people[0].actor_id)
        return _Speaker(_name_in_source(phrase), overlapping[0].actor_id)
    lower = phrase.lower()
    if lower.split()[-1] in {"who", "which", "whom"}:
        return _antecedent(text, source, mentions)
    is_pronoun = lower in _SUBJECT_PRONOUNS
    is_role = not is_pronoun and _is_role_phrase(phrase)
    if is_pronoun or is_role:
        return _resolve_reference(text, sentences, source, lower if is_role else None, mentions)
    return _Speaker(_name_in_source(phrase), None)


def _antecedent(text: str, source: Span, mentions: Sequence[Mention]) -> _Speaker:
    """'Cruz, who said ...': a relative pronoun stands for the name right before it."""
    before = [m for m in mentions if source.start - 120 <= m.evidence.span.end <= source.start]
    if before:
        return _Speaker(_proper_name(before[-1], mentions), before[-1].actor_id)
    names = list(_NAME_RUN.finditer(text, max(0, source.start - 120), source.start))
    return _Speaker(_name_in_source(names[-1].group()) if names else None, None)


def _is_role_phrase(phrase: str) -> bool:
    words = phrase.lower().replace(",", " ").split()
    if not words or words[0] not in {"the", "a"}:
        return False
    return all(
        w in _ROLE_WORDS
        or w in {"foreign", "russian", "armenian"}
        or (w[0].isalpha() and w.endswith(("ian", "ese", "ish")))
        for w in words[1:]
    ) and any(
        w
        in {
            "minister",
            "president",
            "secretary",
            "chancellor",
            "premier",
            "spokesman",
            "spokeswoman",
            "leader",
            "ambassador",
            "governor",
        }
        for w in words
    )


def _proper_name(mention: Mention, mentions: Sequence[Mention]) -> str:
    """The fullest proper name the text uses for the mention's actor up to that point."""
    names = [
        m.name
        for m in mentions
        if m.actor_id == mention.actor_id
        and m.evidence.span.start <= mention.evidence.span.start
        and m.name[:1].isupper()
        and not m.name.lower().startswith("the ")
    ]
    if mention.name[:1].isupper() and not mention.name.lower().startswith("the "):
        return _name_in_source(mention.name)
    return _name_in_source(names[-1]) if names else _name_in_source(mention.name)


def _resolve_reference(
    text: str,
    sentences: Sequence[Sentence],
    source: Span,
    role: str | None,
    mentions: Sequence[Mention],
) -> _Speaker:
    """A pronoun or role resolved to the last fitting person before it."""
    role_words = (
        {w for w in role.replace(",", " ").split() if w not in {"the", "a", "former"}}
        if role
        else set()
    )
    people = [
        m for m in mentions if m.kind is ActorKind.PERSON and m.evidence.span.end <= source.start
    ]
    if role_words:
        fitting = [m for m in people if m.role and role_words & set(m.role.lower().split())]
        if fitting:
            return _Speaker(_proper_name(fitting[-1], mentions), fitting[-1].actor_id)
        found = [
            p for p in _text_people(text, source.start) if role_words <= set(p[2].lower().split())
        ]
        if found:
            return _Speaker(found[-1][1], None)
        return _Speaker(_name_in_source(text[source.start : source.end]), None)
    if people:
        sentence_of = people[-1].evidence.sentence_index
        first = next(m for m in people if m.evidence.sentence_index == sentence_of)
        return _Speaker(_proper_name(first, mentions), first.actor_id)
    return _Speaker(_last_text_person(text, sentences, source.start), None)


def _last_text_person(text: str, sentences: Sequence[Sentence], before: int) -> str | None:
    """Without mentions: the first name in the nearest earlier sentence that has one.

    The first name is usually the sentence's subject, which is who a following "he"
    refers to ("Lebedev ... expressed concerns about Blinken. He argued ...")."""
    earlier = [s for s in sentences if s.span.start < before]
    for sentence in reversed(earlier):
        stop = min(sentence.span.end, before)
        for match in _NAME_RUN.finditer(text, sentence.span.start, stop):
            words = [w for w in match.group().split() if w.lower() not in _ROLE_WORDS]
            if not words or any(w.lower() in _INSTITUTION_HEADS for w in words):
                continue
            if len(words) == 1 and (
                words[0].lower() in _COMMON_CAPITALISED
                or (
                    text[match.end() : match.end() + 1] == ","
                    and match.start() == sentence.span.start
                )
            ):
                continue
            if match.start() == sentence.span.start and words[0].lower() in _COMMON_CAPITALISED:
                words = words[1:]
            if words:
                return " ".join(words)
    return None


_NAME_RUN = re.compile(r"(?:[A-Z][\w’'-]+\s+)*[A-Z][\w’'-]+")
_COMMON_CAPITALISED = _wordset(
    """
    the a an in on at for but and however earlier later meanwhile after before when while
    during since this that these those it he she they we i his her their our its as if yet
    according although though despite last next
    """
)


# --------------------------------------------------------------------------- public


def extract_quotes(
    article_id: str,
    text: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention] = (),
) -> list[Quote]:
    """Direct quotes and reported speech with their speakers, one record per content piece.

    An interrupted quote gives one record per piece, both with the same speaker and cue.
    ``text`` of a direct quote is the content without its quotation marks; ``speaker``
    is the name as written, or the name a pronoun or role resolves to, and
    ``speaker_actor_id`` comes from the overlapping or resolved mention.
    """
    sentence_list = list(sentences)
    quotes: list[Quote] = []
    for attribution in find_attributions(text, sentence_list):
        speaker = _resolve_speaker(text, sentence_list, attribution.source, mentions)
        cue = text[attribution.cue.start : attribution.cue.end] if attribution.cue else None
        for piece in attribution.content:
            span = piece
            if attribution.kind is QuoteKind.DIRECT:
                span = _without_marks(text, piece)
            sentence = sentence_at(sentence_list, span.start) or _sentence_before(
                sentence_list, span.start
            )
            evidence = Evidence(
                article_id=article_id,
                sentence_index=sentence.index if sentence else 0,
                span=span,
                text=text[span.start : span.end],
            )
            quotes.append(
                Quote(
                    speaker=speaker.name,
                    speaker_actor_id=speaker.actor_id,
                    cue=cue,
                    text=evidence.text,
                    kind=attribution.kind,
                    evidence=evidence,
                )
            )
    return quotes


def _without_marks(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    if text.startswith("''", start):
        start += 2
    elif start < end and text[start] in _OPEN_MARKS + '"”':
        start += 1
    if text[max(start, end - 2) : end] == "''":
        end -= 2
    elif end > start and text[end - 1] in _CLOSE_MARKS + '"':
        end -= 1
    start, end = _strip(text, start, end)
    return Span(start, end)
