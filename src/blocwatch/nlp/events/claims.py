"""Who claims what a sentence says: the speaker of the quotation an event's word lies in.

An event inside a quotation ("'Ukraine attacked Russia,' Lavrov said") is the speaker's
claim, and its pronouns "we" and "I" are the speaker; an event beside a quoted phrase in
the same sentence is the narrator's report, not a claim.
"""

from __future__ import annotations

from collections.abc import Sequence

from blocwatch.model import EventActor, Quote, Sentence, Token
from blocwatch.nlp.events.roles import ActorFinder


def quote_claimant(
    quotes: Sequence[Quote], anchor: Token, finder: ActorFinder
) -> EventActor | None:
    """Who claims an event by quoting it: the speaker of the quotation its word lies in.
    A sentence may hold a quotation and an event outside it ("The Council condemned the
    test as what it called 'a clear threat'"): that event is the narrator's, no claim."""
    quote = next((q for q in quotes if _inside(anchor.start, q)), None)
    return _speaker(quote, finder)


def quote_speaker(
    quotes: Sequence[Quote], sentence: Sentence, finder: ActorFinder
) -> EventActor | None:
    """Who speaks the quotation a sentence sits in or opens: whom its "we" and "I" mean."""
    start, end = sentence.span.start, sentence.span.end
    quote = next(
        (q for q in quotes if _inside(start, q) or start <= q.evidence.span.start < end), None
    )
    return _speaker(quote, finder)


def _inside(offset: int, quote: Quote) -> bool:
    return quote.evidence.span.start <= offset < quote.evidence.span.end


def _speaker(quote: Quote | None, finder: ActorFinder) -> EventActor | None:
    if quote is None:
        return None
    if quote.speaker_actor_id is not None:
        return finder.actor_by_id(quote.speaker_actor_id, quote.speaker or "")
    # A person the dictionary lacks is still a speaker when the article names them.
    return finder.person_named(quote.speaker) if quote.speaker else None
