"""Acts done by saying, where no verb of the tables names the act.

* **A judgement.** "X said Y was reckless", "X called Y's plan a disgrace": X criticises
  Y; "X said Y was a hero", "called Y a great leader": X praises Y (the valence of the
  predicate, :mod:`.evaluation`).
* **A finding of fault.** "The panel found Y in breach of the treaty": an accusation.
* **A quotation's own judgement.** "'She is a disgrace,' Christie said", "'She has been
  disrespecting our veterans'": the quotation's speaker judges the actor the quoted
  clause's subject names.
* **A demand.** "X said Y must stop ...": X's request of Y, on the verb of saying.

Each is one :class:`~.records.Coded` event, tried on a verb the verb tables leave uncoded.
"""

from __future__ import annotations

from blocwatch.model import EventActor, EventStatus, Token
from blocwatch.nlp.events.evaluation import (
    Judged,
    found_at_fault,
    judged_actor,
    quoted_clause_judgement,
)
from blocwatch.nlp.events.lexicon import Lexicon, Sense
from blocwatch.nlp.events.ontology import cameo_type
from blocwatch.nlp.events.participants import same_actor, sources_of
from blocwatch.nlp.events.records import Coded
from blocwatch.nlp.events.roles import ActorFinder
from blocwatch.nlp.events.status import Status, status_of
from blocwatch.nlp.events.view import Participant, SentenceView
from blocwatch.nlp.tone import word_valence

_NAMED = frozenset({"name", "entity", "pronoun"})
"""How a side found by its name was found (:attr:`~.view.Participant.how`): an actor a
quotation judges must be one of these, not a common noun ("these people")."""


def judgement(
    view: SentenceView, finder: ActorFinder, verb: Token, lexicon: Lexicon
) -> Coded | None:
    """ "X said Y was reckless", "X called Y's plan a disgrace": X criticises Y; "X said
    Y was a hero": X praises Y; "X found Y in breach of the treaty": X accuses Y."""
    grammar = lexicon.grammar
    construction = None
    fault = found_at_fault(view, finder, verb, grammar)
    if fault is not None:
        judged = fault[0]
        sense = Sense(verb.lemma, cameo_type(fault[1]) or "ACCUSE", fault[1])
        construction = "verdict"
    else:
        verdict = judged_actor(view, finder, verb, grammar, word_valence)
        if verdict is None:
            return None
        judged, sense = verdict.actor, _judging_sense(verb, verdict)
    sources, _ = sources_of(view, finder, verb, Sense(verb.lemma, "", ""), grammar)
    if not sources or same_actor(sources[0].actor, judged.actor):
        return None
    status = status_of(view, verb, sense, grammar, finder) if construction else None
    return Coded(
        sense,
        sources[0],
        judged,
        status or Status(EventStatus.HAPPENED),
        verb,
        construction=construction,
    )


def quoted_judgement(
    view: SentenceView,
    finder: ActorFinder,
    head: Token,
    speaker: EventActor | None,
    lexicon: Lexicon,
) -> Coded | None:
    """ "'She is a disgrace,' Christie said": the speaker of the quotation ``head`` stands
    in criticises (or praises) the actor its own clause judges; ``None`` outside a
    quotation."""
    if speaker is None:
        return None
    verdict = quoted_clause_judgement(view, finder, head, lexicon.grammar, word_valence)
    if verdict is None:
        return None
    judged = verdict.actor
    if judged.how not in _NAMED or same_actor(speaker, judged.actor):
        return None  # "people fight over resources": a judgement of nobody in particular
    sense = _judging_sense(head, verdict)
    source = Participant(speaker, "speaker", -1)
    status = Status(EventStatus.HAPPENED)
    return Coded(sense, source, judged, status, head, construction="quoted_judgement")


def obligation(
    view: SentenceView, finder: ActorFinder, verb: Token, lexicon: Lexicon
) -> tuple[Coded, Token] | None:
    """ "X said Y must stop ...": X's demand on Y, a REQUEST on the verb of saying, and
    the clause it consumes (Y's stopping is what is asked, not Y's promise)."""
    grammar = lexicon.grammar
    if verb.lemma.lower() not in grammar.speech_verbs:
        return None
    for clause in view.kids(verb, "ccomp"):
        auxiliaries = view.kids(clause, "aux")
        if not any(a.lemma.lower() in grammar.obligation_auxiliaries for a in auxiliaries):
            continue
        sources, _ = sources_of(view, finder, verb, Sense(verb.lemma, "", ""), grammar)
        obliged = [a for s in view.kids(clause, "nsubj") for a in finder.actors(view, s)]
        if sources and obliged and obliged[0].actor.code != sources[0].actor.code:
            sense = Sense(verb.lemma, "REQUEST", "100")
            coded = Coded(sense, sources[0], obliged[0], Status(EventStatus.HAPPENED), verb)
            return coded, clause
    return None


def _judging_sense(word: Token, verdict: Judged) -> Sense:
    """Praise (CAMEO 051) or criticism (111) by a word's valence."""
    if verdict.praise:
        return Sense(word.lemma, "SUPPORT", "051", origin="evaluation")
    return Sense(word.lemma, "ACCUSE", "111", origin="evaluation")
