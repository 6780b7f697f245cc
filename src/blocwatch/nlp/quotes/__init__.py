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

The code is split by job: :mod:`.cues` finds cue verbs and phrases, :mod:`.marks`
quotation marks and quoted stretches, :mod:`.sources` the words naming a source,
:mod:`.direct` and :mod:`.reported` tie contents to cues (:mod:`.attribution` runs them in
order), and :mod:`.speakers` resolves who spoke. The word lists live in
``data/quotes/en.toml`` (:mod:`.lexicon`).

Everything is rules over the text, on purpose: no model download, several thousand
sentences a second, and every decision can be traced to a pattern. The price is the
long tail: attributions whose cue is an idiom ("sounded the alarm over") or a verb
outside the lexicon are missed, and a content's end is a guess at the clause boundary.
Quotation marks are straight (``"`` and ``''``), curly and guillemets; a quote whose
closing mark comes only in a later paragraph runs over the paragraphs in between.

"""

from __future__ import annotations

from collections.abc import Sequence

from blocwatch.model import Evidence, Mention, Parse, Quote, QuoteKind, Sentence
from blocwatch.nlp.quotes.attribution import find_attributions
from blocwatch.nlp.quotes.cues import has_cue
from blocwatch.nlp.quotes.marks import _without_marks
from blocwatch.nlp.quotes.spans import Attribution, _sentence_before
from blocwatch.nlp.quotes.speakers import (
    CONFIDENCE,
    Speaker,
    SpeakerBasis,
    resolve_speakers,
)
from blocwatch.nlp.sentences import sentence_at

__all__ = [
    "Attribution",
    "Speaker",
    "SpeakerBasis",
    "extract_quotes",
    "find_attributions",
    "needs_parse",
    "resolve_speakers",
]


def extract_quotes(
    article_id: str,
    text: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention] = (),
    parses: Sequence[Parse] = (),
) -> list[Quote]:
    """Direct quotes and reported speech with their speakers, one record per content piece.

    An interrupted quote gives one record per piece, both with the same speaker and cue.
    ``text`` of a direct quote is the content without its quotation marks. ``speaker`` is
    an entity's name (a mention or an entity in ``parses``), the name a pronoun or role
    resolves to, an unresolved role as written, or ``None``; ``confidence`` says which
    (:data:`~blocwatch.nlp.quotes.speakers.CONFIDENCE`). A piece in a later paragraph than
    its cue is carried over, and scores no higher than a carried speaker. Without
    ``parses`` speakers come from the source words alone.
    """
    sentence_list = list(sentences)
    attributions = find_attributions(text, sentence_list)
    speakers = resolve_speakers(text, sentence_list, attributions, mentions, parses)
    quotes: list[Quote] = []
    for attribution, speaker in zip(attributions, speakers, strict=True):
        cue = text[attribution.cue.start : attribution.cue.end] if attribution.cue else None
        anchor = attribution.cue or attribution.source or attribution.content[0]
        home = _paragraph_at(sentence_list, anchor.start)
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
            confidence = speaker.confidence
            if sentence is not None and sentence.paragraph != home:
                confidence = min(confidence, CONFIDENCE[SpeakerBasis.CARRIED])
            quotes.append(
                Quote(
                    speaker=speaker.name,
                    speaker_actor_id=speaker.actor_id,
                    cue=cue,
                    text=evidence.text,
                    kind=attribution.kind,
                    evidence=evidence,
                    confidence=confidence,
                )
            )
    return quotes


def needs_parse(sentence: Sentence) -> bool:
    """Whether the quote finder needs ``sentence`` parsed to name a speaker: it holds a
    cue. The syntax stage parses these besides :func:`~blocwatch.nlp.syntax.worth_parsing`
    ones."""
    return has_cue(sentence.text)


def _paragraph_at(sentences: list[Sentence], offset: int) -> int:
    sentence = sentence_at(sentences, offset) or _sentence_before(sentences, offset)
    return sentence.paragraph if sentence else 0
